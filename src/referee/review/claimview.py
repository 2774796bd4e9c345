"""Claims as the reviewer sees them now: stored annotations placed in the current
text, and the analysed claims no annotation stands for.

A stored annotation stands for the analysed claims it sits on, so a sentence that
was edited (and so got a new id from the analysis) is listed once, under the
stored id, with the analysed claim attached for its cues and flags.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from referee.model import Claim
from referee.review.record import Evidence, Review
from referee.review.selector import Anchor


@dataclass(frozen=True)
class ClaimState:
    """A claim as the reviewer sees it now."""

    id: str
    start: int | None
    end: int | None
    """Current span; None for orphans."""
    text: str
    """Text now at the span (the stored quote for orphans)."""
    quote: str
    """The stored exact quote; "" for untouched auto claims (use ``text``)."""
    origin: str
    claim: Claim | None
    """The analysed claim at this span (kind, cues, flags, citations), if any."""
    verdict: str | None
    note: str
    refs: tuple[str, ...]
    reviewer: str | None
    reviewed: date | None
    anchor: str
    """``exact`` | ``moved`` | ``fuzzy`` | ``stale`` | ``orphan`` (``exact`` if untouched)."""
    dismissed: bool
    conflicts: tuple[str, ...] = ()
    """Fields left in conflict by a merge."""
    evidence: tuple[Evidence, ...] = ()
    """Passages of cited works the reviewer holds against the claim."""

    @property
    def stored(self) -> bool:
        return bool(self.quote)


def _overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


def _untouched(claim: Claim) -> ClaimState:
    return ClaimState(
        id=claim.id,
        start=claim.start,
        end=claim.end,
        text=claim.text,
        quote="",
        origin="auto",
        claim=claim,
        verdict=None,
        note="",
        refs=(),
        reviewer=None,
        reviewed=None,
        anchor="exact",
        dismissed=False,
    )


class ClaimView:
    """Every claim as the reviewer sees it, kept up to date one change at a time.

    A stored annotation stands for the analysed claims it sits on (see
    :meth:`_covered`), so an edited sentence with a new id is not listed twice.
    """

    def __init__(
        self,
        text: str,
        analysed: Sequence[Claim],
        describe: Callable[[int, int], Claim] | None = None,
    ) -> None:
        self.text = text
        self.analysed = analysed
        self.describe = describe
        """Analyses a span the reviewer added (kind, cues, flags, citations)."""
        self.starts = [c.start for c in analysed]
        self.by_id = {c.id: c for c in analysed}
        self.states: dict[str, ClaimState] = {}
        self.order: list[tuple[int, int, str]] = []
        self.hidden: dict[str, set[str]] = {}
        """Analysed claim id -> ids of the stored annotations that stand for it."""
        self.covers: dict[str, list[str]] = {}

    def build(self, review: Review, anchors: dict[str, Anchor]) -> None:
        for claim_id in review.claims:
            self._add_stored(claim_id, review, anchors)
        for claim in self.analysed:
            if claim.id not in review.claims and not self.hidden.get(claim.id):
                self.states[claim.id] = _untouched(claim)
        self.order = sorted(
            (s.start, s.end, s.id) for s in self.states.values() if s.start is not None
        )

    def refresh(self, claim_id: str, review: Review, anchors: dict[str, Anchor]) -> set[str]:
        """Make ``claim_id``'s state again; returns the ids whose state changed: the
        claim itself and the analysed claims it stopped or started standing for."""
        before: dict[str, ClaimState | None] = {}
        self._remove(claim_id)
        for analysed_id in self.covers.pop(claim_id, []):
            holders = self.hidden.get(analysed_id, set())
            holders.discard(claim_id)
            if not holders and analysed_id not in review.claims:
                before.setdefault(analysed_id, self.states.get(analysed_id))
                self._insert(_untouched(self.by_id[analysed_id]))
        if claim_id in review.claims:
            for analysed_id in self._add_stored(claim_id, review, anchors):
                if analysed_id not in review.claims:
                    before.setdefault(analysed_id, self.states.get(analysed_id))
                    self._remove(analysed_id)
            state = self.states[claim_id]
            if state.start is not None:
                insort(self.order, (state.start, state.end, claim_id))
        elif claim_id in self.by_id and not self.hidden.get(claim_id):
            self._insert(_untouched(self.by_id[claim_id]))
        return {claim_id} | {cid for cid, old in before.items() if self.states.get(cid) != old}

    def _insert(self, state: ClaimState) -> None:
        self._remove(state.id)
        self.states[state.id] = state
        insort(self.order, (state.start, state.end, state.id))

    def _remove(self, claim_id: str) -> None:
        state = self.states.pop(claim_id, None)
        if state is not None and state.start is not None:
            key = (state.start, state.end, claim_id)
            i = bisect_left(self.order, key)
            if i < len(self.order) and self.order[i] == key:
                del self.order[i]

    def _add_stored(self, claim_id: str, review: Review, anchors: dict[str, Anchor]) -> list[str]:
        """Make the stored claim's state; returns the analysed claims it stands for."""
        a = review.claims[claim_id]
        anchor = anchors.get(claim_id)
        if anchor is None or anchor.start is None or anchor.end is None:
            start = end = claim = None
            text, where = a.exact, "orphan"
            covered: list[str] = []
        else:
            start, end, where = anchor.start, anchor.end, anchor.state
            text = self.text[start:end]
            claim, covered = self._covered(claim_id, start, end, a.origin)
            if (
                a.origin == "manual"
                and self.describe is not None
                and (claim is None or (claim.start, claim.end) != (start, end))
            ):
                claim = self.describe(start, end)  # the reviewer's own span, analysed
        self.states[claim_id] = ClaimState(
            id=claim_id,
            start=start,
            end=end,
            text=text,
            quote=a.exact,
            origin=a.origin,
            claim=claim,
            verdict=a.verdict,
            note=a.note,
            refs=a.refs,
            reviewer=a.reviewer,
            reviewed=a.reviewed,
            anchor=where,
            dismissed=a.dismissed,
            conflicts=tuple(c.field for c in a.conflicts),
            evidence=a.evidence,
        )
        self.covers[claim_id] = covered
        for analysed_id in covered:
            self.hidden.setdefault(analysed_id, set()).add(claim_id)
        return covered

    def _covered(
        self, claim_id: str, start: int, end: int, origin: str
    ) -> tuple[Claim | None, list[str]]:
        """The analysed claim a stored one sits on (same id, else most overlap), and
        the analysed claims it stands for: for an auto annotation, those it overlaps
        by more than half of either span; for a manual one, one on exactly its span."""
        analysed = self.analysed
        best, best_overlap, covered = None, 0, []
        i = max(0, bisect_right(self.starts, start) - 1)
        while i < len(analysed) and analysed[i].start < max(end, start + 1):
            claim = analysed[i]
            i += 1
            overlap = _overlap(start, end, claim.start, claim.end)
            if not overlap:
                continue
            if claim.id == claim_id:
                best, best_overlap = claim, end - start + 1
            elif overlap > best_overlap:
                best, best_overlap = claim, overlap
            if origin == "manual":
                if (claim.start, claim.end) == (start, end):
                    covered.append(claim.id)
            elif 2 * overlap > min(end - start, claim.end - claim.start):
                covered.append(claim.id)
        return best, covered


def anchoring_summary(states: Iterable[ClaimState]) -> str:
    """What re-anchoring did to the stored claims, for people: ``7 moved, 1 stale, 1
    orphan``; ``every stored claim is where it was`` when nothing moved."""
    counts = Counter(state.anchor for state in states)
    parts = [
        f"{counts[name]} {name}" for name in ("moved", "fuzzy", "stale", "orphan") if counts[name]
    ]
    if not parts:
        return "Every stored claim is where it was."
    return ", ".join(parts) + " (of the stored claims)."
