"""An outside source read as a reference: what the reference checker, the references
pane and the reports take. Kept apart from the look-ups (refcheck/outside.py), so that
listing a review's sources never imports the HTTP client."""

from __future__ import annotations

from referee.model import Reference
from referee.review.record import Source

TYPES = {
    "journal-article": "journal article",
    "article-journal": "journal article",
    "journal article": "journal article",
    "book": "book",
    "monograph": "book",
    "book-chapter": "chapter",
    "chapter": "chapter",
    "report": "report",
    "dissertation": "thesis",
    "posted-content": "preprint",
    "preprint": "preprint",
    "dataset": "dataset",
    "web page": "web page",
}


def as_reference(source: Source) -> Reference:
    """A source as the reference checker reads one (no place in the article)."""
    url = source.url or (f"https://arxiv.org/abs/{source.arxiv}" if source.arxiv else None)
    who = " ".join(
        p for p in (", ".join(source.authors), f"({source.year})" * bool(source.year)) if p
    )
    parts = [
        who,
        source.title or "",
        source.container or "",
        f"doi:{source.doi}" if source.doi else "",
        f"PMID: {source.pmid}" if source.pmid else "",
        f"arXiv:{source.arxiv}" if source.arxiv else "",
        source.url or "",
    ]
    raw = ". ".join(p for p in parts if p) or source.id
    kind = TYPES.get((source.type or "").lower(), "preprint" if source.arxiv else "other")
    return Reference(
        id=source.id,
        start=0,
        end=0,
        raw=raw,
        authors=source.authors,
        year=source.year,
        title=source.title,
        container=source.container,
        doi=source.doi,
        pmid=source.pmid,
        url=url,
        type="web page" if source.kind == "url" else kind,
    )
