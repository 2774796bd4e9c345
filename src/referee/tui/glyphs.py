"""Glyphs and words for verdicts and check statuses: never colour alone."""

from __future__ import annotations

from typing import Any

VERDICT_GLYPHS = {"supported": "✓", "unsupported": "✗", "overstated": "≈"}
UNREVIEWED = "·"
FLAGGED = "!"

CHECK_GLYPHS = {
    "verified": ("✓", "verified"),
    "metadata_mismatch": ("≠", "metadata mismatch"),
    "doi_mismatch": ("≠", "DOI mismatch"),
    "not_found": ("✗", "not found"),
    "retracted": ("⊘", "retracted"),
    "unverifiable": ("?", "unverifiable"),
    "checking": ("…", "checking"),
    None: ("·", "unchecked"),
}

CHECK_KINDS = {
    "verified": "good",
    "metadata_mismatch": "warn",
    "doi_mismatch": "warn",
    "not_found": "bad",
    "retracted": "bad",
    "unverifiable": "unknown",
    "checking": "unknown",
    None: "unknown",
}


def flagged(state: Any) -> bool:
    claim = state.claim
    return bool(claim is not None and claim.flags)


def verdict_kind(state: Any) -> str:
    """``supported`` | ``unsupported`` | ``overstated`` | ``flagged`` | ``unreviewed``."""
    if state.verdict:
        return state.verdict
    return "flagged" if flagged(state) else "unreviewed"


def verdict_glyph(state: Any) -> str:
    if state.verdict:
        return VERDICT_GLYPHS.get(state.verdict, "?")
    return FLAGGED if flagged(state) else UNREVIEWED


def check_glyph(status: str | None) -> tuple[str, str]:
    """(glyph, word) for a reference check status; ``None`` is unchecked."""
    return CHECK_GLYPHS.get(status, ("?", status or "unchecked"))
