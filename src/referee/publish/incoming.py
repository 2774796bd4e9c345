"""An annotation read from another tool's file, before it is anchored: the common
shape that :mod:`referee.publish.w3c` and :mod:`referee.publish.hypothesis` read
into and :mod:`referee.publish.importer` stores."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from referee.review.record import FieldConflict


@dataclass
class Incoming:
    quote: str
    prefix: str = ""
    suffix: str = ""
    start: int | None = None
    """Code points into our text: only a W3C TextPositionSelector gives them."""
    end: int | None = None
    claim_id: str | None = None
    verdict: str | None = None
    tags: list[str] = field(default_factory=list)
    """Tags that name no verdict."""
    note: str = ""
    refs: list[str] = field(default_factory=list)
    """Reference ids (referee's own exports name them)."""
    links: list[str] = field(default_factory=list)
    """Addresses of linked resources with no reference id (DOI, PubMed or other URLs)."""
    reviewer: str | None = None
    reviewed: date | None = None
    origin: str | None = None
    dismissed: bool | None = None
    conflicts: tuple[FieldConflict, ...] = ()
    reviewed_quote: str | None = None
    """The quote the verdict was given on, when the text has changed since (stale)."""
    evidence: list[dict] = field(default_factory=list)
    coreviewers: list[str] = field(default_factory=list)
    """Other reviewers whose judgement the claim holds (for review models that keep them)."""


def parse_day(value: object) -> date | None:
    """The date of an ISO date or date-time string; None for anything else."""
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
