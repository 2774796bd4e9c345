"""The data the headless core produces: plain, immutable records.

Every ``start``/``end`` pair is a half-open code-point span into the *canonical
text* of an article (decoded, BOM removed, CRLF and CR turned into LF), so
``text[start:end]`` is always the thing described.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

# Block kinds produced by :mod:`referee.text.structure`.
BLOCK_KINDS = (
    "title",
    "heading",
    "paragraph",
    "list_item",
    "quote",
    "table",
    "code",
    "front_matter",
    "footnote",
    "reference_list",
    "meta",
    "html",
    "rule",
)


@dataclass(frozen=True, slots=True)
class Block:
    """A structural unit of the article."""

    kind: str
    start: int
    end: int
    prose: bool
    """True when sentences and claims may come from this block."""
    level: int = 0
    """Heading level, or nesting depth of a list item or quote."""


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of a prose block."""

    start: int
    end: int
    block: int
    """Index of the block in :attr:`Analysis.blocks`."""


@dataclass(frozen=True, slots=True)
class Cue:
    """A cue family that fired on a sentence, with the words that fired it."""

    family: str
    start: int
    end: int
    text: str
    weight: float


@dataclass(frozen=True, slots=True)
class Flag:
    """A pre-flag: a prompt for the reviewer, never a verdict."""

    code: str
    severity: int
    reason: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Citation:
    """An in-text citation marker and the reference entries it points to."""

    start: int
    end: int
    marker: str
    style: str
    """``numeric`` | ``author_year`` | ``footnote`` | ``superscript`` | ``link`` | ``doi`` |
    ``pmid``. Links and identifiers are ``linked`` even when no entry matches them (the
    link itself is the evidence); only markers naming a missing entry are ``dangling``."""
    keys: tuple[str, ...]
    """What the marker names: labels (``"3"``), ``"smith 2019"`` keys, footnote labels, URLs."""
    ref_ids: tuple[str, ...] = ()
    status: str = "linked"
    """``linked`` | ``dangling`` | ``ambiguous``."""


@dataclass(frozen=True, slots=True)
class Claim:
    """A sentence that asserts something a reviewer can check, with what made it one."""

    id: str
    start: int
    end: int
    text: str
    kind: str
    score: float
    strength: str
    """Relation strength: ``none`` | ``correlational`` | ``conditional`` | ``direct``."""
    cues: tuple[Cue, ...] = ()
    flags: tuple[Flag, ...] = ()
    citations: tuple[Citation, ...] = ()

    @property
    def ref_ids(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for citation in self.citations:
            for ref_id in citation.ref_ids:
                seen.setdefault(ref_id, None)
        return tuple(seen)


@dataclass(frozen=True, slots=True)
class Reference:
    """An entry of the article's reference list, and the fields read from it."""

    id: str
    start: int
    end: int
    raw: str
    """The entry as written, wrapped lines joined by single spaces."""
    label: str | None = None
    """``"3"`` for ``[3]``/``3.``, a footnote label for ``[^x]``, else None."""
    authors: tuple[str, ...] = ()
    """Family names, in order."""
    year: str | None = None
    title: str | None = None
    container: str | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    doi: str | None = None
    pmid: str | None = None
    url: str | None = None
    citations: tuple[Citation, ...] = ()
    type: str = "other"
    """``journal article`` | ``book`` | ``chapter`` | ``report`` (reports and guidelines) |
    ``thesis`` | ``web page`` | ``preprint`` | ``dataset`` | ``other``."""
    editors: tuple[str, ...] = ()
    """Family names of the editors (of the book a chapter is in, or of an edited book)."""
    publisher: str | None = None
    place: str | None = None
    """Place of publication."""
    edition: str | None = None
    isbn: str | None = None
    """Digits (and a final ``X``) without hyphens."""
    note: str | None = None
    """What else the entry says: genre (``PhD thesis``), series, access notes."""


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything :func:`referee.text.analysis.analyse` finds in one canonical text."""

    text: str
    markdown: bool
    blocks: tuple[Block, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    claims: tuple[Claim, ...] = ()
    references: tuple[Reference, ...] = ()
    citations: tuple[Citation, ...] = ()
    warnings: tuple[str, ...] = field(default=())

    @property
    def dangling(self) -> tuple[Citation, ...]:
        return tuple(c for c in self.citations if c.status == "dangling")

    @property
    def uncited(self) -> tuple[Reference, ...]:
        return tuple(r for r in self.references if not r.citations)

    def claim(self, claim_id: str) -> Claim | None:
        for claim in self.claims:
            if claim.id == claim_id:
                return claim
        return None

    def reference(self, ref_id: str) -> Reference | None:
        for ref in self.references:
            if ref.id == ref_id:
                return ref
        return None


CHECK_STATUSES = (
    "verified",
    "corrected",
    "concern",
    "metadata_mismatch",
    "doi_mismatch",
    "not_indexed",
    "not_found",
    "retracted",
    "unverifiable",
)
"""``corrected``: the work exists and a correction or erratum was published for it;
``concern``: an expression of concern was published for it; ``not_indexed``: a book,
report, guideline, thesis or web page that none of the indexes searched holds (books and
reports often are not: never a sign of fabrication)."""


@dataclass(frozen=True, slots=True)
class CheckResult:
    """What checking one reference against bibliographic services found."""

    ref_id: str
    status: str
    """One of :data:`CHECK_STATUSES`."""
    reasons: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    """Services consulted: ``crossref``, ``doi.org``, ``datacite``, ``pubmed``, ``europepmc``,
    ``openlibrary``, ``arxiv``, ``openalex``."""
    matched_doi: str | None = None
    matched_title: str | None = None
    checked: date | None = None


def supersedes(new: CheckResult, old: CheckResult | None) -> bool:
    """Whether ``new`` should replace a stored result: an outage never erases an answer."""
    return not (new.status == "unverifiable" and old is not None and old.status != "unverifiable")
