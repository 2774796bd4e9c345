"""Glyphs and words for verdicts and check statuses: never colour alone.

One table for every front end: the TUI's panes, ``referee review --summary`` and the
Markdown report show a verdict with the same glyph.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from referee.review.claimview import ClaimState

VERDICT_GLYPHS = {"supported": "✓", "unsupported": "✗", "overstated": "≈"}
UNREVIEWED = "·"
FLAGGED = "!"

CHECK_GLYPHS = {
    "verified": ("✓", "verified"),
    "corrected": ("†", "corrected"),
    "concern": ("⚑", "expression of concern"),
    "metadata_mismatch": ("≠", "metadata mismatch"),
    "doi_mismatch": ("≠", "DOI mismatch"),
    "not_indexed": ("○", "not indexed"),
    "not_found": ("✗", "not found"),
    "retracted": ("⊘", "retracted"),
    "unverifiable": ("?", "unverifiable"),
    "checking": ("…", "checking"),
    None: ("·", "unchecked"),
}

CHECK_KINDS = {
    "verified": "good",
    "corrected": "good",
    "concern": "bad",
    "metadata_mismatch": "warn",
    "doi_mismatch": "warn",
    "not_indexed": "info",
    "not_found": "bad",
    "retracted": "bad",
    "unverifiable": "unknown",
    "checking": "unknown",
    None: "unknown",
}


def flagged(state: ClaimState) -> bool:
    claim = state.claim
    return bool(claim is not None and claim.flags)


def verdict_kind(state: ClaimState) -> str:
    """``supported`` | ``unsupported`` | ``overstated`` | ``flagged`` | ``unreviewed``."""
    if state.verdict:
        return state.verdict
    return "flagged" if flagged(state) else "unreviewed"


def verdict_glyph(state: ClaimState) -> str:
    """``✓`` ``✗`` ``≈`` for a verdict, else ``!`` for a flagged claim, else ``·``."""
    return glyph_of(state.verdict, flagged(state))


def glyph_of(verdict: str | None, flagged: bool = False) -> str:
    """The glyph of a verdict (None: unreviewed, ``!`` when flagged)."""
    if verdict:
        return VERDICT_GLYPHS.get(verdict, "?")
    return FLAGGED if flagged else UNREVIEWED


def check_glyph(status: str | None) -> tuple[str, str]:
    """(glyph, word) for a reference check status; ``None`` is unchecked."""
    return CHECK_GLYPHS.get(status, ("?", status or "unchecked"))
