"""The review as data: annotations on claims, stored reference checks, undo.

A :class:`Review` is what ``ARTICLE.review.toml`` holds, in memory. It knows
nothing about files (see :mod:`referee.review.store`) or about the article's current
text (see :mod:`referee.review.session`); it only keeps the reviewer's work and the
rules about it: which verdicts exist, when a claim counts as untouched, how a
change is undone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from referee.model import CheckResult
from referee.review.selector import Selector

SCHEMA = 1
VERDICTS = ("supported", "unsupported", "overstated")
ORIGINS = ("auto", "manual")
CONFLICT_FIELDS = ("verdict", "note")
"""Fields a merge can leave in conflict: the reviewer's own judgement."""
CONFLICT_CHOICES = ("ours", "theirs")
"""Named choices of ``resolve``; a number picks any kept value, ``both`` joins notes."""
BOTH = "both"
MAX_QUOTE = 300
"""The longest evidence quote, in code points: a sentence or two, not the abstract."""

_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
_SURROGATES = re.compile("[\ud800-\udfff]")
_LINE_BREAKS = re.compile("[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+")
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def valid_id(key: str) -> bool:
    """Claim and reference ids are short bare TOML keys."""
    return _ID.fullmatch(key) is not None


_SOURCE_ID = re.compile(r"(?:doi|pmid|arxiv|url):[^\s\"\\\x00-\x1f\x7f-\x9f]{1,1000}")


def valid_source_id(key: str) -> bool:
    """Outside sources are keyed ``doi:…``, ``pmid:…``, ``arxiv:…`` or ``url:…`` (see
    :func:`referee.text.identifiers.source_id`): a reference id never holds a colon."""
    return _SOURCE_ID.fullmatch(key) is not None


def valid_link(key: str) -> bool:
    """What a claim's ``refs`` and an evidence ``ref`` may name: a reference or a source."""
    return valid_id(key) or valid_source_id(key)


def clean_note(note: str) -> str:
    """A note as stored: LF newlines, no trailing blank space, no lone surrogates."""
    note = _SURROGATES.sub("\ufffd", note)
    note = note.replace("\r\n", "\n").replace("\r", "\n")
    return note.rstrip()


def clean_line(value: str) -> str:
    """A one-line value (reviewer names): controls dropped, whitespace collapsed."""
    value = _SURROGATES.sub("\ufffd", value)
    value = _CONTROLS.sub("", _LINE_BREAKS.sub(" ", value))
    return " ".join(value.split())


def clean_quote(quote: str) -> str:
    """An evidence quote as stored: cleaned like a note, then on one line."""
    return clean_line(clean_note(quote))


@dataclass(frozen=True, slots=True, order=True)
class Evidence:
    """A passage of a cited work (or an outside source) the reviewer holds against a
    claim: ``ref`` is a reference or source id, ``source`` where the passage was read
    (``pubmed:12345``, ``doi:10.1/x``, ``europepmc:…``; may be empty)."""

    ref: str
    quote: str
    source: str = ""

    def as_dict(self) -> dict[str, str]:
        return {"ref": self.ref, "quote": self.quote, "source": self.source}


def sorted_evidence(items: Iterable[Evidence]) -> tuple[Evidence, ...]:
    """Evidence is a set: stored sorted, without repeats."""
    return tuple(sorted(set(items)))


@dataclass(frozen=True, slots=True)
class Candidate:
    """One value a merge kept for a field in conflict, with who gave it and from where.

    ``value`` None means that side had no value (a cleared verdict, an empty note);
    ``dismissed`` marks a side that dismissed the claim instead of judging it.
    """

    value: str | None = None
    dismissed: bool = False
    reviewer: str | None = None
    reviewed: date | None = None
    side: str = ""
    """``ours`` or ``theirs`` of the merge that kept it."""
    branch: str = ""
    """git's label for that side (``%X``/``%Y``), when git passed one."""

    @property
    def key(self) -> tuple[str | None, bool]:
        """What was said, whoever said it."""
        return (self.value or None, self.dismissed)

    def describe(self) -> str:
        """``overstated`` / ``(none)`` / ``dismissed``, with who and where."""
        what = self.value or "(none)"
        if self.dismissed:
            what = f"dismissed (verdict {self.value})" if self.value else "dismissed"
        where = [x for x in (self.side, self.branch) if x]
        who = f" by {self.reviewer}" if self.reviewer else ""
        return f"{what}{who}" + (f" [{' '.join(where)}]" if where else "")


@dataclass(frozen=True, slots=True)
class FieldConflict:
    """One field that merged reviews changed in different ways: every value kept.

    ``candidates`` are in the order the merges met them: our value first, the
    value merged in last at the end (so ``ours`` and ``theirs`` pick those two).
    """

    field: str
    candidates: tuple[Candidate, ...]

    @classmethod
    def pair(cls, field_name: str, ours: str | None, theirs: str | None) -> FieldConflict:
        """A conflict between two bare values (no reviewer, no branch)."""
        return cls(field_name, (Candidate(ours, side="ours"), Candidate(theirs, side="theirs")))

    @property
    def ours(self) -> str | None:
        return self.candidates[0].value if self.candidates else None

    @property
    def theirs(self) -> str | None:
        return self.candidates[-1].value if self.candidates else None

    def pick(self, choice: str) -> Candidate:
        """The candidate named by ``ours`` (the first), ``theirs`` (the last) or ``1``..``N``."""
        if choice == "ours":
            return self.candidates[0]
        if choice == "theirs":
            return self.candidates[-1]
        if choice.isdigit() and 1 <= int(choice) <= len(self.candidates):
            return self.candidates[int(choice) - 1]
        raise ValueError(
            f"choice must be ours, theirs or a number 1-{len(self.candidates)} "
            f"({self.field} has {len(self.candidates)} values)"
        )

    def value(self, choice: str) -> str | None:
        return self.pick(choice).value


@dataclass(frozen=True, slots=True)
class Annotation:
    """What the reviewer recorded about one claim, anchored by a quote selector.

    ``exact``/``prefix``/``suffix``/``start``/``end`` locate the claim in the
    article text named by the review's ``base``.
    """

    id: str
    exact: str
    prefix: str
    suffix: str
    start: int
    end: int
    verdict: str | None = None
    refs: tuple[str, ...] = ()
    note: str = ""
    reviewer: str | None = None
    reviewed: date | None = None
    origin: str = "auto"
    dismissed: bool = False
    conflicts: tuple[FieldConflict, ...] = ()
    coreviewers: tuple[str, ...] = ()
    """Other reviewers whose judgement the claim holds (two sides that agreed, a merge
    that kept one side's verdict and the other's note): who said what is not lost."""
    evidence: tuple[Evidence, ...] = ()

    @classmethod
    def from_selector(cls, claim_id: str, sel: Selector, **fields: Any) -> Annotation:
        """A new annotation of the claim that ``sel`` locates."""
        return cls(claim_id, sel.exact, sel.prefix, sel.suffix, sel.start, sel.end, **fields)

    @property
    def selector(self) -> Selector:
        return Selector(self.exact, self.prefix, self.suffix, self.start, self.end)

    def with_selector(self, sel: Selector) -> Annotation:
        """The same annotation, anchored by ``sel``."""
        return replace(
            self,
            exact=sel.exact,
            prefix=sel.prefix,
            suffix=sel.suffix,
            start=sel.start,
            end=sel.end,
        )

    @property
    def empty(self) -> bool:
        """True when nothing is left worth storing (an untouched auto claim)."""
        return (
            self.origin == "auto"
            and self.verdict is None
            and not self.note
            and not self.refs
            and not self.dismissed
            and not self.conflicts
            and not self.evidence
        )

    def conflict(self, field_name: str) -> FieldConflict | None:
        for item in self.conflicts:
            if item.field == field_name:
                return item
        return None

    def without_conflict(self, field_name: str) -> Annotation:
        return replace(self, conflicts=tuple(c for c in self.conflicts if c.field != field_name))


@dataclass(frozen=True, slots=True)
class RefCheck:
    """A stored reference check: the ``[ref.<id>]`` table."""

    id: str
    status: str
    raw: str = ""
    doi: str | None = None
    title: str | None = None
    reasons: tuple[str, ...] = ()
    checked: date | None = None
    sources: tuple[str, ...] = ()

    @classmethod
    def from_result(cls, result: CheckResult, raw: str = "", today: date | None = None) -> RefCheck:
        return cls(
            id=result.ref_id,
            status=result.status,
            raw=raw,
            doi=result.matched_doi or None,
            title=result.matched_title or None,
            reasons=tuple(result.reasons),
            checked=result.checked or today,
            sources=tuple(sorted(set(result.sources))),
        )

    def to_result(self) -> CheckResult:
        return CheckResult(
            ref_id=self.id,
            status=self.status,
            reasons=self.reasons,
            sources=self.sources,
            matched_doi=self.doi,
            matched_title=self.title,
            checked=self.checked,
        )


SOURCE_FIELDS = ("title", "authors", "year", "container", "type", "doi", "pmid", "arxiv", "url")
"""The metadata an outside source carries (strings; ``authors`` a list of family names)."""


@dataclass(frozen=True, slots=True)
class Source:
    """An outside source the reviewer added (the ``[source.<id>]`` table): a work the
    article does not cite, found by its DOI, PMID, arXiv id or URL, with the metadata
    fetched for it and when, and its latest check (as a ``[ref.<id>]`` table holds it).

    ``extra`` holds keys this version does not know, written back as they were read."""

    id: str
    title: str | None = None
    authors: tuple[str, ...] = ()
    year: str | None = None
    container: str | None = None
    type: str | None = None
    doi: str | None = None
    pmid: str | None = None
    arxiv: str | None = None
    url: str | None = None
    fetched: datetime | None = None
    """When the metadata was fetched (UTC); None: only the identifier is known yet."""
    fetched_from: str | None = None
    """The service that answered: ``crossref``, ``datacite``, ``doi.org``, ``pubmed``,
    ``arxiv``, ``web`` (the page itself), or whoever called :meth:`Session.add_source`."""
    added_by: str | None = None
    status: str | None = None
    reasons: tuple[str, ...] = ()
    checked: date | None = None
    services: tuple[str, ...] = ()
    extra: tuple[tuple[str, Any], ...] = ()

    @property
    def kind(self) -> str:
        return self.id.partition(":")[0]

    @property
    def identifier(self) -> str:
        return self.id.partition(":")[2]

    @property
    def described(self) -> bool:
        """True once metadata was fetched for it."""
        return self.fetched is not None

    def to_result(self) -> CheckResult | None:
        if self.status is None:
            return None
        return CheckResult(
            ref_id=self.id,
            status=self.status,
            reasons=self.reasons,
            sources=self.services,
            matched_doi=self.doi,
            matched_title=self.title,
            checked=self.checked,
        )

    def with_check_of(self, other: Source) -> Source:
        """This source's metadata with ``other``'s latest check (status, reasons, when,
        which services): what a new fetch or a merge keeps of the check."""
        return replace(
            self,
            status=other.status,
            reasons=other.reasons,
            checked=other.checked,
            services=other.services,
        )

    def with_result(self, result: CheckResult, today: date | None = None) -> Source:
        return replace(
            self,
            status=result.status,
            reasons=tuple(result.reasons),
            checked=result.checked or today,
            services=tuple(sorted(set(result.sources))),
        )


@dataclass(slots=True)
class Review:
    """Everything one review file holds."""

    article: str = ""
    base: str = ""
    claims: dict[str, Annotation] = field(default_factory=dict)
    refs: dict[str, RefCheck] = field(default_factory=dict)
    schema: int = SCHEMA
    sources: dict[str, Source] = field(default_factory=dict)

    def copy(self) -> Review:
        return Review(
            self.article,
            self.base,
            dict(self.claims),
            dict(self.refs),
            self.schema,
            dict(self.sources),
        )

    def conflicts(self) -> list[tuple[str, FieldConflict]]:
        """Unresolved merge conflicts as (claim id, conflict), sorted by claim id."""
        return [
            (claim_id, item)
            for claim_id in sorted(self.claims)
            for item in self.claims[claim_id].conflicts
        ]


def sorted_refs(ref_ids: Iterable[str]) -> tuple[str, ...]:
    """Reference links carry no order: stored sorted, without repeats."""
    return tuple(sorted(set(ref_ids)))


@dataclass(frozen=True, slots=True)
class Change:
    """One undoable step: the annotation of one claim before and after."""

    description: str
    claim_id: str
    before: Annotation | None
    after: Annotation | None
    anchor: Any = None
    """Where ``before`` was anchored (session bookkeeping, restored on undo)."""


class History:
    """The in-memory undo history of a session (newest last, bounded)."""

    def __init__(self, limit: int = 1000) -> None:
        self._changes: list[Change] = []
        self._limit = limit

    def __len__(self) -> int:
        return len(self._changes)

    def push(self, change: Change) -> None:
        self._changes.append(change)
        if len(self._changes) > self._limit:
            del self._changes[0]

    def pop(self) -> Change | None:
        return self._changes.pop() if self._changes else None

    def clear(self) -> None:
        self._changes.clear()


def describe(before: Annotation | None, after: Annotation | None) -> str:
    """A short human description of a change to one claim."""
    claim_id = (after or before).id if (after or before) else "?"
    if before is None and after is not None and after.origin == "manual":
        return f"add claim {claim_id}"
    old = before or Annotation(claim_id, "", "", "", 0, 0)
    new = after or Annotation(claim_id, "", "", "", 0, 0)
    parts = []
    if old.verdict != new.verdict:
        parts.append(f"verdict {new.verdict}" if new.verdict else "clear verdict")
    if old.note != new.note:
        parts.append("note")
    if old.refs != new.refs:
        parts.append("references")
    if old.evidence != new.evidence:
        parts.append("evidence")
    if old.dismissed != new.dismissed:
        parts.append("dismiss" if new.dismissed else "restore")
    if old.conflicts != new.conflicts and not parts:
        parts.append("resolve conflict")
    if not parts:
        parts.append("re-anchor")
    return f"{', '.join(parts)} on {claim_id}"
