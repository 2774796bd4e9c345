"""The review file's text: :func:`dumps` writes a :class:`~referee.review.record.Review`
as TOML, :func:`loads` reads it back and validates it.

The layout is fixed so that git diffs and merges stay small: ``schema``,
``article``, ``base``, then one ``[claim.<id>]`` table per touched claim sorted
by id, then ``[ref.<id>]`` and ``[source.<id>]`` tables sorted by id; keys in a fixed
order, one value per line, notes as ``\"\"\"`` strings, LF, a trailing newline.

A merge conflict left by ``referee merge-driver`` (or by two writers at once)
is kept inside the claim, every value with who gave it and from where::

    [[claim.c7k2m9q4.conflict.verdict]]
    value = "supported"
    reviewer = "Ada <ada@example.org>"
    reviewed = 2026-11-24
    side = "ours"
    branch = "main"

    [[claim.c7k2m9q4.conflict.verdict]]
    value = "unsupported"
    ...

(a value without ``value`` is "none"; ``dismissed = true`` is a side that dismissed
the claim). The older form ``[claim.<id>.conflict.<field>]`` with ``ours`` and
``theirs`` keys is still read. The file stays valid TOML; the field itself holds
the first value until the reviewer resolves it.

The file on disk (reading, locking, writing atomically) is :mod:`referee.review.store`.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from referee.model import CHECK_STATUSES
from referee.review import tomlwrite
from referee.review.record import (
    CONFLICT_FIELDS,
    MAX_QUOTE,
    ORIGINS,
    SCHEMA,
    VERDICTS,
    Annotation,
    Candidate,
    Evidence,
    FieldConflict,
    RefCheck,
    Review,
    Source,
    clean_quote,
    valid_id,
    valid_link,
    valid_source_id,
)

CLAIM_KEYS = (
    "verdict",
    "exact",
    "prefix",
    "suffix",
    "start",
    "end",
    "refs",
    "note",
    "reviewer",
    "reviewed",
    "coreviewers",
    "origin",
    "dismissed",
    "evidence",
    "conflict",
)
EVIDENCE_KEYS = ("ref", "quote", "source")
REF_KEYS = ("raw", "status", "doi", "title", "reasons", "checked", "sources")
SOURCE_KEYS = (
    "title",
    "authors",
    "year",
    "container",
    "type",
    "doi",
    "pmid",
    "arxiv",
    "url",
    "fetched",
    "fetched_from",
    "added_by",
    "status",
    "reasons",
    "checked",
    "services",
)
TOP_KEYS = ("schema", "article", "base", "claim", "ref", "source")


CANDIDATE_KEYS = ("value", "dismissed", "reviewer", "reviewed", "side", "branch")


# ----------------------------------------------------------------------------- writing


def dumps(review: Review) -> str:
    """The file's text: deterministic, so the same review gives the same bytes."""
    header = {"schema": review.schema, "article": review.article, "base": review.base}
    chunks = [tomlwrite.dump_table(header, multiline=False)]
    for claim_id in sorted(review.claims):
        annotation = review.claims[claim_id]
        if not annotation.empty:
            chunks.append(_claim_chunk(claim_id, annotation))
    for ref_id in sorted(review.refs):
        _check_id(ref_id)
        chunks.append(
            tomlwrite.dump_table(
                {"ref": {ref_id: _ref_table(review.refs[ref_id])}}, multiline=False
            )
        )
    for key in sorted(review.sources):
        if not valid_source_id(key):
            raise ValueError(f"{key!r} is not a valid source id")
        chunks.append(
            tomlwrite.dump_table(
                {"source": {key: _source_table(review.sources[key])}}, multiline=False
            )
        )
    return "\n".join(chunks)


def _check_id(key: str) -> None:
    if not valid_id(key):
        raise ValueError(f"{key!r} is not a valid claim or reference id")


@lru_cache(maxsize=16384)
def _claim_chunk(claim_id: str, annotation: Annotation) -> str:
    """One ``[claim.<id>]`` table: notes as multi-line strings, everything else on one line.

    Annotations are immutable, so a save after one change renders one table."""
    _check_id(claim_id)
    table = _claim_table(annotation)
    conflict = table.pop("conflict", None)
    evidence = table.pop("evidence", None)
    keys = list(table)
    cut = keys.index("note") if "note" in keys else len(keys)
    parts = [
        f"[claim.{claim_id}]\n",
        tomlwrite.dump_table({k: table[k] for k in keys[:cut]}, multiline=False),
        tomlwrite.dump_table({k: table[k] for k in keys[cut : cut + 1]}, multiline=True),
        tomlwrite.dump_table({k: table[k] for k in keys[cut + 1 :]}, multiline=False),
    ]
    text = "".join(parts)
    if evidence:
        text += _evidence_lines(evidence)
    for field_name, candidates in (conflict or {}).items():
        for candidate in candidates:  # an array of tables: one value per table
            text += f"\n[[claim.{claim_id}.conflict.{field_name}]]\n"
            text += tomlwrite.dump_table(candidate, multiline=True)
    return text


def _evidence_lines(items: list[dict[str, str]]) -> str:
    """``evidence = [ … ]`` with one inline table a line (tomli-w would write an
    array of tables, which cannot sit before the claim's conflict sub-table)."""
    lines = ["evidence = [\n"]
    for item in items:
        pairs = ", ".join(f"{k} = {tomlwrite.string(item[k])}" for k in EVIDENCE_KEYS if item[k])
        lines.append(f"    {{{pairs}}},\n")
    lines.append("]\n")
    return "".join(lines)


def _claim_table(a: Annotation) -> dict[str, Any]:
    table: dict[str, Any] = {}
    if a.verdict is not None:
        table["verdict"] = a.verdict
    table["exact"] = a.exact
    table["prefix"] = a.prefix
    table["suffix"] = a.suffix
    table["start"] = a.start
    table["end"] = a.end
    if a.refs:
        table["refs"] = list(a.refs)
    if a.note:
        table["note"] = a.note
    if a.reviewer:
        table["reviewer"] = a.reviewer
    if a.reviewed is not None:
        table["reviewed"] = a.reviewed
    if a.coreviewers:
        table["coreviewers"] = list(a.coreviewers)
    table["origin"] = a.origin
    if a.dismissed:
        table["dismissed"] = True
    if a.evidence:
        table["evidence"] = [e.as_dict() for e in a.evidence]
    if a.conflicts:
        table["conflict"] = {
            c.field: [_candidate_table(x) for x in c.candidates]
            for c in sorted(a.conflicts, key=lambda c: c.field)
        }
    return table


def _candidate_table(c: Candidate) -> dict[str, Any]:
    table: dict[str, Any] = {}
    if c.value is not None:
        table["value"] = c.value
    if c.dismissed:
        table["dismissed"] = True
    if c.reviewer:
        table["reviewer"] = c.reviewer
    if c.reviewed is not None:
        table["reviewed"] = c.reviewed
    if c.side:
        table["side"] = c.side
    if c.branch:
        table["branch"] = c.branch
    return table


def _ref_table(r: RefCheck) -> dict[str, Any]:
    table: dict[str, Any] = {}
    if r.raw:
        table["raw"] = r.raw
    table["status"] = r.status
    if r.doi:
        table["doi"] = r.doi
    if r.title:
        table["title"] = r.title
    if r.reasons:
        table["reasons"] = list(r.reasons)
    if r.checked is not None:
        table["checked"] = r.checked
    if r.sources:
        table["sources"] = list(r.sources)
    return table


def _source_table(src: Source) -> dict[str, Any]:
    table: dict[str, Any] = {}
    if src.title:
        table["title"] = src.title
    if src.authors:
        table["authors"] = list(src.authors)
    for key in ("year", "container", "type", "doi", "pmid", "arxiv", "url"):
        if getattr(src, key):
            table[key] = getattr(src, key)
    if src.fetched is not None:
        table["fetched"] = src.fetched
    for key in ("fetched_from", "added_by", "status"):
        if getattr(src, key):
            table[key] = getattr(src, key)
    if src.reasons:
        table["reasons"] = list(src.reasons)
    if src.checked is not None:
        table["checked"] = src.checked
    if src.services:
        table["services"] = list(src.services)
    for key, value in src.extra:  # keys a later referee wrote: kept as they were
        table.setdefault(key, value)
    return table


# ----------------------------------------------------------------------------- reading


class _Invalid(Exception):
    pass


def loads(text: str) -> Review:
    """Parse and validate a review file's text. Raises ValueError with the problem."""
    import tomllib  # here, not above: a first review has no file to parse at start-up

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        if has_conflict_markers(text):
            raise ValueError(CONFLICT_MARKERS) from None
        raise ValueError(f"not valid TOML ({exc})") from exc
    except RecursionError:
        raise ValueError("not a review file (nested too deeply to read)") from None
    try:
        return _review(data)
    except _Invalid as exc:
        raise ValueError(str(exc)) from None
    except RecursionError:
        raise ValueError("not a review file (nested too deeply to read)") from None


CONFLICT_MARKERS = "holds git conflict markers (the merge driver did not run)"


def has_conflict_markers(text: str) -> bool:
    """Lines git's own line merge leaves (``<<<<<<<``, ``=======``, ``>>>>>>>``)."""
    return _CONFLICT_MARKER.search(text) is not None


_CONFLICT_MARKER = re.compile(r"^(?:<{7}|>{7}|\|{7})(?: |$)|^={7}$", re.MULTILINE)


def _review(data: dict[str, Any]) -> Review:
    if "schema" not in data:
        raise _Invalid("not a referee review file (no `schema` key)")
    schema = data["schema"]
    if type(schema) is not int or schema != SCHEMA:
        raise _Invalid(f"unknown schema {schema!r}; this referee reads schema {SCHEMA}")
    _no_unknown(data, TOP_KEYS, "the top level")
    review = Review(
        article=_opt(data, "article", str, "the top level") or "",
        base=_opt(data, "base", str, "the top level") or "",
    )
    for claim_id, table in _tables(data, "claim").items():
        review.claims[claim_id] = _annotation(claim_id, table)
    for ref_id, table in _tables(data, "ref").items():
        review.refs[ref_id] = _ref_check(ref_id, table)
    for key, table in _tables(data, "source", valid=valid_source_id).items():
        review.sources[key] = _source(key, table)
    return review


def _tables(data: dict[str, Any], name: str, valid=valid_id) -> dict[str, dict[str, Any]]:
    tables = data.get(name, {})
    if not isinstance(tables, dict):
        raise _Invalid(f"`{name}` must be a table of [{name}.<id>] tables")
    for key, value in tables.items():
        if not valid(key):
            if valid is valid_source_id:
                raise _Invalid(f"[{name}.{key!r}]: source ids are doi:…, pmid:…, arxiv:… or url:…")
            raise _Invalid(f"[{name}.{key}]: ids are letters, digits, `-` and `_`")
        if not isinstance(value, dict):
            raise _Invalid(f"`{name}.{key}` must be a table")
    return tables


def _no_unknown(table: dict[str, Any], known: tuple[str, ...], where: str) -> None:
    for key in table:
        if key not in known:
            raise _Invalid(f"{where}: unknown key `{key}`")


def _req(table: dict[str, Any], key: str, kind: type, where: str) -> Any:
    if key not in table:
        raise _Invalid(f"{where}: `{key}` is missing")
    return _check(table[key], kind, f"{where}: `{key}`")


def _opt(table: dict[str, Any], key: str, kind: type, where: str) -> Any:
    if key not in table:
        return None
    return _check(table[key], kind, f"{where}: `{key}`")


_KIND_NAMES = {str: "a string", int: "an integer", bool: "true or false", date: "a date"}


def _check(value: Any, kind: type, what: str) -> Any:
    ok = type(value) is kind if kind in (int, bool) else isinstance(value, kind)
    if kind is date and isinstance(value, datetime):
        ok = False
    if not ok:
        raise _Invalid(f"{what} must be {_KIND_NAMES[kind]}")
    return value


def _strs(table: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _Invalid(f"{where}: `{key}` must be a list of strings")
    return tuple(value)


def _one_of(value: Any, allowed: tuple[str, ...], what: str) -> Any:
    if value is not None and value not in allowed:
        raise _Invalid(f"{what} is {value!r}; expected one of {', '.join(allowed)}")
    return value


def _annotation(claim_id: str, t: dict[str, Any]) -> Annotation:
    where = f"[claim.{claim_id}]"
    _no_unknown(t, CLAIM_KEYS, where)
    start = _req(t, "start", int, where)
    end = _req(t, "end", int, where)
    if not 0 <= start <= end:
        raise _Invalid(f"{where}: `start` and `end` must satisfy 0 <= start <= end")
    refs = _strs(t, "refs", where)
    for ref_id in refs:
        if not valid_link(ref_id):
            raise _Invalid(f"{where}: reference id {ref_id!r} is not a valid id")
    return Annotation(
        id=claim_id,
        exact=_req(t, "exact", str, where),
        prefix=_opt(t, "prefix", str, where) or "",
        suffix=_opt(t, "suffix", str, where) or "",
        start=start,
        end=end,
        verdict=_one_of(_opt(t, "verdict", str, where), VERDICTS, f"{where}: `verdict`"),
        refs=refs,
        note=_opt(t, "note", str, where) or "",
        reviewer=_opt(t, "reviewer", str, where) or None,
        reviewed=_opt(t, "reviewed", date, where),
        coreviewers=_strs(t, "coreviewers", where),
        origin=_one_of(_opt(t, "origin", str, where) or "auto", ORIGINS, f"{where}: `origin`"),
        dismissed=bool(_opt(t, "dismissed", bool, where)),
        conflicts=_conflicts(t.get("conflict", {}), where),
        evidence=_evidence(t.get("evidence", []), where),
    )


def _evidence(value: Any, where: str) -> tuple[Evidence, ...]:
    if not isinstance(value, list):
        raise _Invalid(f"{where}: `evidence` must be a list of {{ref, quote, source}} tables")
    out = []
    for n, item in enumerate(value, 1):
        what = f"{where}: evidence {n}"
        if not isinstance(item, dict):
            raise _Invalid(f"{what} must be a table {{ref = …, quote = …, source = …}}")
        _no_unknown(item, EVIDENCE_KEYS, what)
        ref = _req(item, "ref", str, what)
        if not valid_link(ref):
            raise _Invalid(f"{what}: reference id {ref!r} is not a valid id")
        quote = _req(item, "quote", str, what)
        if not quote.strip():
            raise _Invalid(f"{what}: `quote` is empty")
        if len(quote) > MAX_QUOTE:
            raise _Invalid(f"{what}: `quote` is {len(quote)} characters; at most {MAX_QUOTE}")
        if clean_quote(quote) != quote:
            raise _Invalid(f"{what}: `quote` must be one line without control characters")
        source = _opt(item, "source", str, what) or ""
        if clean_quote(source) != source:
            raise _Invalid(f"{what}: `source` must be one line without control characters")
        out.append(Evidence(ref, quote, source))
    if len(set(out)) != len(out):
        raise _Invalid(f"{where}: the same evidence is listed twice")
    return tuple(sorted(out))


def _conflicts(value: Any, where: str) -> tuple[FieldConflict, ...]:
    if not isinstance(value, dict):
        raise _Invalid(f"{where}: `conflict` must be a table")
    out = []
    for field_name, sides in sorted(value.items()):
        what = f"{where}: conflict `{field_name}`"
        if field_name not in CONFLICT_FIELDS:
            raise _Invalid(f"{what}: only {', '.join(CONFLICT_FIELDS)} can be in conflict")
        if isinstance(sides, dict):  # the older form: one table with ours and theirs
            _no_unknown(sides, ("ours", "theirs"), what)
            candidates = [
                Candidate(_opt(sides, side, str, what), side=side) for side in ("ours", "theirs")
            ]
        elif (
            isinstance(sides, list) and len(sides) >= 2 and all(isinstance(x, dict) for x in sides)
        ):
            candidates = [_candidate(x, what) for x in sides]
        else:
            raise _Invalid(f"{what} must list at least two values as [[...]] tables")
        if field_name == "verdict":
            for c in candidates:
                _one_of(c.value, VERDICTS, f"{what}: `value`")
        out.append(FieldConflict(field_name, tuple(candidates)))
    return tuple(out)


def _candidate(t: dict[str, Any], what: str) -> Candidate:
    _no_unknown(t, CANDIDATE_KEYS, what)
    return Candidate(
        value=_opt(t, "value", str, what),
        dismissed=bool(_opt(t, "dismissed", bool, what)),
        reviewer=_opt(t, "reviewer", str, what) or None,
        reviewed=_opt(t, "reviewed", date, what),
        side=_opt(t, "side", str, what) or "",
        branch=_opt(t, "branch", str, what) or "",
    )


def _ref_check(ref_id: str, t: dict[str, Any]) -> RefCheck:
    where = f"[ref.{ref_id}]"
    _no_unknown(t, REF_KEYS, where)
    return RefCheck(
        id=ref_id,
        status=_one_of(_req(t, "status", str, where), CHECK_STATUSES, f"{where}: `status`"),
        raw=_opt(t, "raw", str, where) or "",
        doi=_opt(t, "doi", str, where) or None,
        title=_opt(t, "title", str, where) or None,
        reasons=_strs(t, "reasons", where),
        checked=_opt(t, "checked", date, where),
        sources=_strs(t, "sources", where),
    )


def _source(key: str, t: dict[str, Any]) -> Source:
    where = f"[source.{key!r}]"
    fetched = t.get("fetched")
    if fetched is not None and not (isinstance(fetched, datetime) and fetched.tzinfo):
        raise _Invalid(f"{where}: `fetched` must be a date and time with its offset (…Z)")
    status = _one_of(_opt(t, "status", str, where), CHECK_STATUSES, f"{where}: `status`")
    text = {k: _opt(t, k, str, where) or None for k in SOURCE_KEYS if k in _SOURCE_TEXT}
    return Source(
        id=key,
        authors=_strs(t, "authors", where),
        fetched=fetched,
        status=status,
        reasons=_strs(t, "reasons", where),
        checked=_opt(t, "checked", date, where),
        services=_strs(t, "services", where),
        extra=tuple((k, v) for k, v in t.items() if k not in SOURCE_KEYS),
        **text,
    )


_SOURCE_TEXT = frozenset(
    ("title", "year", "container", "type", "doi", "pmid", "arxiv", "url", "fetched_from")
) | {"added_by"}
