"""Storing many whole annotations at once (``referee import``), as part of the Session.

:class:`BulkPut` is a mixin of :class:`referee.review.session.Session`: it uses the
session's own saving (atomic, and whatever guards the session puts around a write)
and undo history, and lives apart only to keep ``session.py`` readable.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from referee.review.record import Annotation, Change, describe
from referee.review.selector import in_place

if TYPE_CHECKING:
    from referee.review.session import Session


class BulkPut:
    def put(self: Session, annotations: Iterable[Annotation]) -> list[str]:
        """Store whole annotations in one save: each replaces what the review held for
        its claim and is anchored as a stored claim is (one whose quote is not found
        stays, an orphan). Each is one undo step. Returns the ids that changed."""
        self._writable()
        review = self._draft()
        changes = []
        for after in annotations:
            before = review.claims.get(after.id)
            after_or_none = None if after.empty else after
            if after_or_none == before:
                continue
            anchor = self._anchors.get(after.id)
            changes.append(Change(describe(before, after), after.id, before, after_or_none, anchor))
            if after_or_none is None:
                review.claims.pop(after.id, None)
            else:
                review.claims[after.id] = after_or_none
        if not changes:
            return []
        selectors = {c.claim_id: c.after.selector for c in changes if c.after is not None}
        found = in_place(self.article.text, selectors) if selectors else {}
        if found is None:
            from referee.review.anchoring import anchor_all

            found = anchor_all(self.article.text, selectors)
        anchors = {k: v for k, v in self._anchors.items() if k in review.claims}
        anchors.update(found)
        self._save(review, anchors, [c.claim_id for c in changes])
        for change in changes:
            self._history.push(change)
        return [c.claim_id for c in changes]
