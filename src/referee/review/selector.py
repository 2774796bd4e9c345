"""What a stored claim is anchored by, and where re-anchoring found it.

A :class:`Selector` keeps a claim's quote, 32 characters of context on each side
(Hypothesis's constant) and its code-point span in the text at ``base``; an
:class:`Anchor` says where :mod:`referee.review.anchoring` found it in the current text.
Kept apart from the matching itself, so opening a review pays for the fuzzy
matching (rapidfuzz, difflib) only when there are stored claims to find.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

CONTEXT = 32
"""Characters of prefix and suffix stored with a quote."""
ANCHOR_STATES = ("exact", "moved", "fuzzy", "stale", "orphan")


@dataclass(frozen=True, slots=True)
class Selector:
    """How a claim is stored: quote, context, and its span in the text at ``base``."""

    exact: str
    prefix: str
    suffix: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where a stored claim is now. ``start``/``end`` are None for an orphan."""

    start: int | None
    end: int | None
    state: str
    """``exact`` | ``moved`` | ``fuzzy`` | ``stale`` | ``orphan``."""
    score: float

    @property
    def found(self) -> bool:
        return self.start is not None


ORPHAN = Anchor(None, None, "orphan", 0.0)


def in_place(text: str, selectors: Mapping[str, Selector]) -> dict[str, Anchor] | None:
    """Every quote found where it was stored, as exact anchors; None if any is not.

    Opening the review of an unchanged article, the common case, is answered here
    without the fuzzy matching (:func:`referee.review.anchoring.anchor_all` gives the same
    answer, with no old text to map through, and costs rapidfuzz's import)."""
    anchors = {}
    for key, sel in selectors.items():
        if not sel.exact or text[sel.start : sel.end] != sel.exact:
            return None
        anchors[key] = Anchor(sel.start, sel.end, "exact", 1.0)
    return anchors


def selector_for(text: str, start: int, end: int) -> Selector:
    """The selector of ``text[start:end]``, with 32 characters of context."""
    if not 0 <= start < end <= len(text):
        raise ValueError(f"span {start}:{end} is not a non-empty span of a {len(text)}-char text")
    before, after = text[max(0, start - CONTEXT) : start], text[end : end + CONTEXT]
    return Selector(text[start:end], before, after, start, end)
