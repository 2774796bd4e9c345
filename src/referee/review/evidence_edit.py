"""Evidence quotes of a claim, changed through the session: one save, one undo step.

A mixin of :class:`referee.review.session.Session` (kept apart so that module stays
one idea: the review of an article and its changes)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from referee.errors import RefereeError
from referee.review.record import MAX_QUOTE, Evidence, clean_quote, sorted_evidence

if TYPE_CHECKING:
    from referee.review.session import Session


class EvidenceEditing:
    """``add_evidence``, ``remove_evidence`` and ``evidence_by_claim`` of a Session."""

    def evidence_by_claim(self: Session) -> dict[str, tuple[Evidence, ...]]:
        """Stored evidence by analysed claim id (as :meth:`marks`)."""
        return {
            s.claim.id: s.evidence
            for s in self._all_states().values()
            if s.claim is not None and s.start is not None and s.evidence
        }

    def add_evidence(
        self: Session, claim_id: str, ref: str, quote: str, source: str = ""
    ) -> frozenset[str]:
        """Store a passage of reference ``ref`` as evidence for the claim (one save, one
        undo step). The quote is cleaned like a note, on one line, at most MAX_QUOTE."""
        return self._evidence(claim_id, Evidence(ref, clean_quote(quote), clean_quote(source)))

    def remove_evidence(
        self, claim_id: str, ref: str, quote: str, source: str = ""
    ) -> frozenset[str]:
        """Remove one stored evidence quote (undoable)."""
        item = Evidence(ref, clean_quote(quote), clean_quote(source))
        return self._evidence(claim_id, item, remove=True)

    def _evidence(
        self: Session, claim_id: str, item: Evidence, *, remove: bool = False
    ) -> frozenset[str]:
        self._writable()
        state = self.state(claim_id)
        before = self._current(claim_id)
        after = before or self._fresh(state, "auto")
        if remove:
            if item not in after.evidence:
                raise RefereeError(f"claim {claim_id} holds no such evidence")
            kept = tuple(e for e in after.evidence if e != item)
            after = replace(after, evidence=kept)
        elif item in after.evidence:
            return frozenset()
        else:
            if not item.quote:
                raise RefereeError("an evidence quote needs some text")
            if len(item.quote) > MAX_QUOTE:
                raise RefereeError(
                    f"an evidence quote is at most {MAX_QUOTE} characters "
                    f"(this one has {len(item.quote)}): pick a sentence"
                )
            known = {r.id for r in self.analysis.references} | set(after.refs)
            known |= set(self._review.sources)  # outside sources carry evidence too
            if item.ref not in known:
                from referee.review.session import UnknownReference  # no import cycle

                raise UnknownReference(
                    f"{self.article.path}: no reference with id {item.ref!r} "
                    "(`referee refs` lists them)"
                )
            after = replace(after, evidence=sorted_evidence((*after.evidence, item)))
        after = replace(after, reviewer=self.reviewer, reviewed=self._today())
        return self._commit(claim_id, before, after)
