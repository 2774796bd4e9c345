"""A review ready to leave the terminal: the session, where the article lives, who
publishes, and what every export asks of it (which claims, where they are, what
their references are).

Every export module (:mod:`claimreview`, :mod:`w3c`, :mod:`hypothesis`,
:mod:`html`, :mod:`csvexport`) reads a :class:`Publication`; none reads files.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from referee import __version__
from referee.model import Reference
from referee.publish.articlemeta import ArticleMeta, read_meta
from referee.publish.publisher import DEFAULT_RATINGS, Publisher
from referee.review.record import RefCheck
from referee.review.session import ClaimState, Session

GENERATOR = {"type": "Software", "name": "referee"}
_NAME_EMAIL = re.compile(r"^(.*?)\s*<([^<>\s]+@[^<>\s]+)>$")
_HITS_FOR = re.compile(r"\b0 hits for \S.*$")
_URL_QUERY = re.compile(r"(https?://[^\s?#]+)[?#][^\s)\]]*")


def clean_reason(reason: str) -> str:
    """A check reason without the query the checker sent (PubMed search terms, URL
    query strings): what a reader needs is that nothing was found, not how we asked."""
    reason = _HITS_FOR.sub("no hits", reason)
    return _URL_QUERY.sub(r"\1", reason)


def split_reviewer(reviewer: str) -> tuple[str, str | None]:
    """``"Ada Lovelace <ada@example.org>"`` -> ``("Ada Lovelace", "ada@example.org")``."""
    match = _NAME_EMAIL.match(reviewer)
    if not match:
        return reviewer, None
    return match.group(1), match.group(2)


def join_reviewer(name: str, email: str | None) -> str:
    """The inverse of :func:`split_reviewer`."""
    if not email:
        return name
    return f"{name} <{email}>" if name else f"<{email}>"


def conflict_json(conflict: Any) -> dict[str, Any]:
    """A merge conflict as JSON: the field, ``ours`` and ``theirs``, and, where the review
    keeps every value with who gave it (``candidates``), each of them."""
    out: dict[str, Any] = {
        "field": conflict.field,
        "ours": conflict.ours,
        "theirs": conflict.theirs,
    }
    candidates = getattr(conflict, "candidates", None)
    if candidates is not None:
        out["candidates"] = [
            {
                "value": c.value,
                "dismissed": c.dismissed,
                "reviewer": c.reviewer,
                "reviewed": day(c.reviewed),
                "side": c.side,
                "branch": c.branch,
            }
            for c in candidates
        ]
    return out


def day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def shorten(text: str, limit: int = 75) -> str:
    """``text`` on one line, cut at a word boundary to at most ``limit`` characters."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space >= limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-–—") + "…"


class Lines:
    """Line numbers and the section heading over any offset of the text."""

    def __init__(self, session: Session) -> None:
        text = session.article.text
        self.breaks = [m.start() for m in re.finditer("\n", text)]
        blocks = session.analysis.blocks
        self.headings = [
            (b.start, " ".join(text[b.start : b.end].lstrip("#").split()))
            for b in blocks
            if b.kind in ("heading", "title")
        ]
        self.heading_starts = [start for start, _ in self.headings]

    def line(self, offset: int) -> int:
        """1-based line number of ``offset``."""
        return bisect_right(self.breaks, offset - 1) + 1

    def section(self, offset: int) -> str | None:
        """The text of the last heading at or before ``offset``."""
        i = bisect_right(self.heading_starts, offset) - 1
        return self.headings[i][1] if i >= 0 else None


@dataclass
class Publication:
    session: Session
    publisher: Publisher = field(default_factory=lambda: Publisher(dict(DEFAULT_RATINGS)))
    url: str | None = None
    """The article's URL: ``--url``, else its front matter's ``url``."""
    review_url: str | None = None
    """The fact-check page: ``--review-url``, else the config's ``review_url``."""
    now: datetime = field(default_factory=lambda: datetime.now(UTC))
    meta: ArticleMeta = field(init=False)

    def __post_init__(self) -> None:
        self.meta = read_meta(self.session.article.text)
        self.url = self.url or self.meta.url
        self.review_url = self.review_url or self.publisher.review_url
        self._refs = {r.id: r for r in self.session.references()}  # outside sources too
        self._lines: Lines | None = None

    # --------------------------------------------------------------- the article

    @property
    def source(self) -> str:
        """What annotations target: the article's URL, else its file name."""
        return self.url or self.session.article.name

    @property
    def title(self) -> str:
        if self.meta.title:
            return self.meta.title
        lines = self.lines
        if lines.headings:
            return lines.headings[0][1] or self.session.article.name
        return self.session.article.name

    @property
    def lines(self) -> Lines:
        if self._lines is None:
            self._lines = Lines(self.session)
        return self._lines

    def where(self, state: ClaimState) -> str:
        """``line 12, “Treatment”``, or ``not found in the article`` for an orphan."""
        if state.start is None:
            return "not found in the article"
        place = f"line {self.lines.line(state.start)}"
        section = self.lines.section(state.start)
        return f"{place}, “{section}”" if section else place

    # --------------------------------------------------------------- the claims

    def stored(self) -> list[ClaimState]:
        """Everything the review holds about claims, in document order, orphans last."""
        return self.session.stored()

    def judged(self) -> list[ClaimState]:
        """Stored claims with a verdict, not dismissed."""
        return [s for s in self.stored() if s.verdict and not s.dismissed]

    def all_claims(self) -> list[ClaimState]:
        """The claims of the article (anchored, in order) and then the orphans."""
        orphans = [s for s in self.session.orphans() if s.anchor == "orphan"]
        return self.session.claims() + orphans

    def reviewers(self) -> list[str]:
        return sorted({s.reviewer for s in self.stored() if s.reviewer})

    def dates(self) -> tuple[date, date] | None:
        days = sorted(s.reviewed for s in self.stored() if s.reviewed)
        return (days[0], days[-1]) if days else None

    def conflicts(self, state: ClaimState) -> list[dict[str, Any]]:
        annotation = self.session.review.claims.get(state.id)
        if annotation is None:
            return []
        return [
            {"field": c.field, "ours": c.ours, "theirs": c.theirs} for c in annotation.conflicts
        ]

    def evidence(self, state: ClaimState) -> list[dict[str, Any]]:
        """The evidence quotes stored with a claim (``evidence = [{ref, quote, source}]``),
        for reviews that keep them; ``[]`` otherwise."""
        annotation = self.session.review.claims.get(state.id)
        items = getattr(annotation, "evidence", None) or getattr(state, "evidence", None) or ()
        out = []
        for item in items:
            if isinstance(item, dict):
                out.append({k: item.get(k) for k in ("ref", "quote", "source")})
            else:
                out.append({k: getattr(item, k, None) for k in ("ref", "quote", "source")})
        return out

    # --------------------------------------------------------------- references

    def reference(self, ref_id: str) -> Reference | None:
        return self._refs.get(ref_id)

    def check(self, ref_id: str) -> RefCheck | None:
        source = self.session.source(ref_id)
        if source is not None:
            result = source.to_result()
            return None if result is None else RefCheck.from_result(result)
        return self.session.review.refs.get(ref_id)

    def is_source(self, ref_id: str) -> bool:
        """An outside source the reviewer added (not in the article's reference list)."""
        return self.session.is_source(ref_id)

    def reference_text(self, ref_id: str) -> str:
        """The reference as the article gives it; a source marked as the reviewer's."""
        ref, check = self.reference(ref_id), self.check(ref_id)
        text = ref.raw if ref else (check.raw if check else "")
        return f"Source added by the reviewer: {text}" if self.is_source(ref_id) else text

    def reference_link(self, ref_id: str) -> str | None:
        """A resolvable address for a reference: its DOI, PMID or URL."""
        ref, check = self.reference(ref_id), self.check(ref_id)
        doi = (ref.doi if ref else None) or (check.doi if check else None)
        if doi:
            return f"https://doi.org/{doi}"
        if ref and ref.pmid:
            return f"https://pubmed.ncbi.nlm.nih.gov/{ref.pmid}/"
        return ref.url if ref and ref.url else None

    def reference_ids(self) -> list[str]:
        """Every reference: the article's, in order, then stored checks of vanished ones,
        then the reviewer's outside sources."""
        ids = [r.id for r in self.session.analysis.references]
        sources = [s.id for s in self.session.sources()]
        return ids + sorted(set(self.session.review.refs) - set(ids)) + sources

    # --------------------------------------------------------------- stamps

    @property
    def generator(self) -> dict[str, str]:
        return {**GENERATOR, "version": __version__}

    @property
    def stamp(self) -> str:
        return self.now.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
