"""Which spans are claims, changed through the session: a claim the reviewer adds
(analysed like the article's own), a dismissal and its undoing, an orphan dropped.

A mixin of :class:`referee.review.session.Session` (kept apart so that module stays
one idea: the review of an article and its changes)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from referee.errors import RefereeError
from referee.review.record import Annotation, Change

if TYPE_CHECKING:
    from referee.model import Claim
    from referee.review.session import Session


class ClaimListEditing:
    """``add_claim``, ``dismiss``, ``restore`` and ``drop_orphan`` of a Session."""

    def add_claim(self: Session, start: int, end: int) -> str:
        """Make the span a (manual) claim and return its id.

        The span is trimmed of surrounding white space. A span that already is a
        claim returns that claim's id; a dismissed one is restored.
        """
        self._writable()
        text = self.article.text
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            raise RefereeError(f"span {start}-{end} is not inside the article (0-{len(text)})")
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start == end:
            raise RefereeError("a claim needs some text, not only white space")
        for existing in self._in_order():
            if existing.start == start and existing.end == end:
                if existing.dismissed:
                    self.restore(existing.id)
                return existing.id
        states = self._all_states()
        from referee.text.claims import claim_id  # not at the top: see the module doc

        base_id = claim_id(text[start:end])
        new_id, n = base_id, 1
        while new_id in states or new_id in self._review.claims:
            n += 1
            new_id = f"{base_id}-{n}"
        after = Annotation.from_selector(
            new_id, self._selector(start, end), origin="manual", reviewer=self.reviewer
        )
        self._commit(new_id, None, after)
        return new_id

    def dismiss(self: Session, claim_id: str) -> frozenset[str]:
        """Mark the claim as not a claim: it leaves the list (undo or restore brings it back)."""
        return self._set_dismissed(claim_id, True)

    def restore(self: Session, claim_id: str) -> frozenset[str]:
        """Undo a dismissal."""
        return self._set_dismissed(claim_id, False)

    def _set_dismissed(self: Session, claim_id: str, value: bool) -> frozenset[str]:
        self._writable()
        state = self.state(claim_id)
        before = self._current(claim_id)
        after = replace(before or self._fresh(state, "auto"), dismissed=value)
        if after.reviewer is None:
            after = replace(after, reviewer=self.reviewer)
        return self._commit(claim_id, before, after)

    def drop_orphan(self: Session, claim_id: str) -> frozenset[str]:
        """Remove an orphan (a stored claim whose text is gone from the article) from
        the review file, on the reviewer's word; undo brings it back."""
        self._writable()
        state = self.state(claim_id)
        if state.anchor != "orphan":
            raise RefereeError(
                f"claim {claim_id} is still in the article: only an orphan can be dropped "
                "(dismiss a sentence that is not a claim)"
            )
        before = self._current(claim_id)
        if before is None:
            return frozenset()
        change = Change(
            f"dropped orphan {claim_id}", claim_id, before, None, self._anchors.get(claim_id)
        )
        changed = self._apply(claim_id, None, None)
        self._history.push(change)
        return changed

    def _describe_span(self: Session, start: int, end: int) -> Claim:
        """A claim the reviewer added, analysed like the article's own."""
        from referee.text.claims import describe_span  # not at the top: see the module doc

        return describe_span(self.article.text, start, end, self.analysis.citations)
