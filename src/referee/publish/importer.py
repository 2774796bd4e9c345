"""``referee import``: W3C Web Annotations and Hypothesis exports into a review.

Each quote is found in the article the way a stored claim is found again
(:mod:`referee.review.anchoring`: position, exact quote, quote with context,
fuzzily); one that cannot be found is kept as an orphan, never dropped or
attached to other text. A tag that names a verdict (or its rating name) becomes
the verdict; other tags are kept at the end of the note; notes are kept as
written. The annotations are stored through :meth:`Session.put`, in one save.

Merging with what the review already holds: a verdict or note the file brings
replaces the claim's, references add to its links, and what the file does not
say (no verdict tag, an empty note) leaves the claim as it was.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from referee.errors import RefereeError
from referee.publish import hypothesis, w3c
from referee.publish.incoming import Incoming
from referee.publish.publisher import Publisher
from referee.review.anchoring import anchor_all
from referee.review.record import (
    Annotation,
    clean_line,
    clean_note,
    sorted_refs,
    valid_id,
    valid_source_id,
)
from referee.review.selector import Anchor, Selector, selector_for
from referee.review.session import Session

MAX_BYTES = 64 * 1024 * 1024


@dataclass
class ImportResult:
    format: str
    read: int = 0
    changed: list[str] = field(default_factory=list)
    orphans: list[str] = field(default_factory=list)
    moved: list[str] = field(default_factory=list)
    """Found only approximately (fuzzy or stale): worth a look."""
    warnings: list[str] = field(default_factory=list)


def load_file(path: str | Path) -> Any:
    path = Path(path)
    try:
        if path.is_dir():
            raise RefereeError(f"{path}: is a directory, not an annotation file")
        if path.stat().st_size > MAX_BYTES:
            raise RefereeError(f"{path}: too large for an annotation file")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise RefereeError(f"{path}: no such file") from None
    except OSError as exc:
        raise RefereeError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise RefereeError(f"{path}: not JSON ({exc})") from None


def read_incoming(data: Any, publisher: Publisher) -> tuple[str, list[Incoming]]:
    """(format name, annotations) of a W3C or Hypothesis file's parsed JSON."""
    if hypothesis.is_hypothesis(data):
        return "hypothesis", hypothesis.read(data, publisher)
    if w3c.is_w3c(data):
        return "w3c", w3c.read(data, publisher)
    raise RefereeError(
        "not a W3C Web Annotation file (an Annotation, AnnotationPage or AnnotationCollection) "
        "nor a Hypothesis export (an object with an annotations list)"
    )


def _find(text: str, items: list[Incoming]) -> list[Anchor]:
    selectors = {}
    for n, item in enumerate(items):
        start = item.start if item.start is not None and 0 <= item.start <= len(text) else 0
        end = item.end if item.end is not None and start <= item.end <= len(text) else start
        selectors[str(n)] = Selector(item.quote, item.prefix, item.suffix, start, end)
    found = anchor_all(text, selectors)
    anchors = []
    for n, item in enumerate(items):
        anchor = found[str(n)]
        if anchor.start is None and text.count(item.quote) == 1:
            at = text.index(item.quote)  # no context, no position: a quote found once is it
            anchor = Anchor(at, at + len(item.quote), "moved", 1.0)
        anchors.append(anchor)
    return anchors


class _Ids:
    """Which claim an incoming annotation is: its own id, the claim on its span, or new."""

    def __init__(self, session: Session) -> None:
        self.session = session
        states = session.claims() + session.dismissed() + session.stored()
        self.by_span = {(s.start, s.end): s.id for s in states if s.start is not None}
        self.taken = {s.id for s in states} | set(session.review.claims)

    def pick(
        self, item: Incoming, start: int | None, end: int | None, text: str
    ) -> tuple[str, bool]:
        """(claim id, whether an existing claim), never one already used by this import."""
        if item.claim_id and valid_id(item.claim_id):
            return item.claim_id, item.claim_id in self.taken
        if start is not None and (start, end) in self.by_span:
            return self.by_span[(start, end)], True
        from referee.text.claims import claim_id

        base = claim_id(text)
        new, n = base, 1
        while new in self.taken:
            n += 1
            new = f"{base}-{n}"
        self.taken.add(new)
        return new, False


def import_annotations(
    session: Session, data: Any, publisher: Publisher, today: date | None = None
) -> ImportResult:
    """Anchor and store the annotations of ``data`` (parsed JSON) in the session's review."""
    kind, items = read_incoming(data, publisher)
    result = ImportResult(kind, read=len(items))
    if not items:
        return result
    text = session.article.text
    today = today or date.today()
    ids = _Ids(session)
    known_refs = {r.id for r in session.references()}  # outside sources too
    by_link = _links(session)
    placed: dict[str, Annotation] = {}
    for item, anchor in zip(items, _find(text, items), strict=True):
        claim_id, existing = ids.pick(item, anchor.start, anchor.end, item.quote)
        if anchor.start is None or anchor.end is None:
            start = item.start if item.start is not None else 0
            end = item.end if item.end is not None else start + len(item.quote)
            sel = Selector(item.quote, item.prefix, item.suffix, start, end)
            result.orphans.append(claim_id)
        else:
            sel = selector_for(text, anchor.start, anchor.end)
            reviewed_quote = item.reviewed_quote or item.quote
            if anchor.state in ("fuzzy", "stale") or item.reviewed_quote:
                sel = replace(sel, exact=reviewed_quote)  # stays stale until judged again
                if anchor.state in ("fuzzy", "stale"):
                    result.moved.append(claim_id)
        for ref in item.refs:
            if ref not in known_refs and valid_source_id(ref):
                session.add_source(ref)  # an outside source: its identifier; a check fills it
                known_refs.add(ref)
        refs = [r for r in item.refs if r in known_refs]
        refs += [by_link[link] for link in item.links if link in by_link]
        for ref in item.refs:
            if ref not in known_refs:
                result.warnings.append(f"claim {claim_id}: no reference {ref!r} in the article")
        note = item.note
        if item.tags:
            note = (note + "\n\n" if note else "") + "Tags: " + ", ".join(item.tags)
        before = placed.get(claim_id) or session.review.claims.get(claim_id)
        placed[claim_id] = _merged(
            before,
            claim_id,
            sel,
            item,
            note=clean_note(note),
            refs=refs,
            origin=item.origin or ("auto" if existing else "manual"),
            reviewer=clean_line(item.reviewer) if item.reviewer else session.reviewer,
            today=today,
        )
    result.changed = session.put(placed.values())
    return result


def _links(session: Session) -> dict[str, str]:
    """Reference id by the addresses a linking body may name (DOI, PubMed, URL)."""
    out = {}
    for ref in session.analysis.references:
        if ref.doi:
            out[f"https://doi.org/{ref.doi}"] = ref.id
            out[f"http://dx.doi.org/{ref.doi}"] = ref.id
            out[f"https://dx.doi.org/{ref.doi}"] = ref.id
        if ref.pmid:
            out[f"https://pubmed.ncbi.nlm.nih.gov/{ref.pmid}/"] = ref.id
        if ref.url:
            out[ref.url] = ref.id
    return out


def _extra(before: Annotation | None, item: Incoming) -> dict[str, Any]:
    """Fields only some review models have (co-reviewers), set when the model has them."""
    if "coreviewers" not in getattr(Annotation, "__dataclass_fields__", {}):
        return {}
    kept = getattr(before, "coreviewers", ()) if before is not None else ()
    return {"coreviewers": tuple(dict.fromkeys([*kept, *item.coreviewers]))}


def _merged(
    before: Annotation | None,
    claim_id: str,
    sel: Selector,
    item: Incoming,
    *,
    note: str,
    refs: list[str],
    origin: str,
    reviewer: str,
    today: date,
) -> Annotation:
    if before is None:
        return Annotation.from_selector(
            claim_id,
            sel,
            verdict=item.verdict,
            refs=sorted_refs(refs),
            note=note,
            reviewer=reviewer,
            reviewed=(item.reviewed or today) if (item.verdict or note) else None,
            origin=origin,
            dismissed=bool(item.dismissed),
            conflicts=item.conflicts,
            **_extra(None, item),
        )
    verdict = item.verdict or before.verdict
    note = note or before.note
    judged = (verdict, note) != (before.verdict, before.note)
    return replace(
        before,
        verdict=verdict,
        note=note,
        refs=sorted_refs([*before.refs, *refs]),
        reviewer=reviewer if judged else before.reviewer or reviewer,
        reviewed=(item.reviewed or today) if judged else before.reviewed,
        dismissed=before.dismissed if item.dismissed is None else item.dismissed,
        conflicts=item.conflicts or before.conflicts,
        **_extra(before, item),
    )
