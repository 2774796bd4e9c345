"""Verdicts and the claim list's own changes for the review screen: ``s`` ``u`` ``o``
``x`` mark and clear, ``d`` dismisses or restores, ``D`` drops an orphan, ``z`` undoes,
``a`` adds the sentence at the cursor.

Where a verdict moves the reviewer is the config's ``[review] after_verdict``: the next
claim, or the next one without a verdict. Giving the last verdict says so.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from referee.errors import RefereeError
from referee.tui.screens.filter import matches

if TYPE_CHECKING:
    from referee.tui.screens.review_host import ReviewHost


class ClaimActions:
    """Mixin for :class:`~referee.tui.screens.review_screen.ReviewScreen`."""

    def next_id(self: ReviewHost, claim_id: str) -> str:
        """The claim after ``claim_id`` in the list (itself when it is the last)."""
        ids = self.claims.claim_ids
        index = ids.index(claim_id)
        return ids[index + 1] if index + 1 < len(ids) else claim_id

    def _after_verdict(self: ReviewHost, claim_id: str) -> str:
        """Where a verdict on ``claim_id`` moves to, as the config says."""
        config = getattr(self.app, "config", None)
        if config is None or config.after_verdict != "next-unreviewed":
            return self.next_id(claim_id)
        ids = self.claims.claim_ids
        index = ids.index(claim_id)
        for other in ids[index + 1 :] + ids[:index]:
            state = self.claims.state(other)
            if state is not None and not state.verdict and state.anchor != "stale":
                return other
        return self.next_id(claim_id)

    def action_mark(self: ReviewHost, verdict: str) -> None:
        state = self.target_claim()
        if state is None:
            return
        done_before = self.session.progress()
        if self.change(
            lambda: self.session.set_verdict(state.id, verdict), self._after_verdict(state.id)
        ):
            done, total = self.session.progress()
            if total and done == total and done_before != (done, total):
                self.notify(
                    f"Every claim has a verdict ({done}/{total}). Notes, links and "
                    "checks can still change; the review is saved.",
                    title="Review complete",
                    timeout=8,
                    markup=False,
                )

    def action_clear_verdict(self: ReviewHost) -> None:
        state = self.target_claim()
        if state is not None:
            self.change(lambda: self.session.set_verdict(state.id, None), state.id)

    def action_dismiss_claim(self: ReviewHost) -> None:
        state = self.target_claim()
        if state is None:
            return
        if state.dismissed:  # listed under the "dismissed" filter: d brings it back
            if self.change(lambda: self.session.restore(state.id), state.id):
                self.notify(f"Restored {state.id} as a claim.", timeout=4, markup=False)
            return
        following = self._neighbour(state.id)
        if self.change(lambda: self.session.dismiss(state.id), following):
            self.notify(
                f"Dismissed {state.id} as not a claim (z to undo).", timeout=4, markup=False
            )

    def _neighbour(self: ReviewHost, claim_id: str) -> str:
        """Where to go when ``claim_id`` leaves the list: the next claim, else the one before."""
        ids = self.claims.claim_ids
        index = ids.index(claim_id)
        if index + 1 < len(ids):
            return ids[index + 1]
        return ids[index - 1] if index else claim_id

    def action_drop_orphan(self: ReviewHost) -> None:
        state = self.target_claim()
        if state is None or not self.writable():
            return
        if state.anchor != "orphan":
            self.notify(
                f"{state.id} is in the article; d dismisses a claim that is not one.",
                timeout=5,
                markup=False,
            )
            return
        following = self._neighbour(state.id)
        if self.change(lambda: self.session.drop_orphan(state.id), following):
            self.notify(
                f"Dropped orphan {state.id}: its verdict and note are gone from the review "
                "(z brings them back).",
                timeout=6,
                markup=False,
            )

    def action_undo(self: ReviewHost) -> None:
        try:
            undone = self.session.undo()
        except RefereeError as exc:
            self.notify(str(exc), title="Not undone", severity="error", timeout=10, markup=False)
            return
        if undone is None:
            self.notify("Nothing to undo.", timeout=3, markup=False)
            return
        try:
            state = self.session.state(undone.claim_id)
            keep = None if state.dismissed else state.id
        except RefereeError:  # an added claim, undone: it is gone
            keep = None
        self.redraw_claims(undone.changed, keep)
        self.notify(f"Undone: {undone.description}", timeout=4, markup=False)
        self.tell_what_changed_on_disk()

    def action_select_span(self: ReviewHost) -> None:
        """``v``: select from the reading cursor; ``v`` again stops selecting."""
        if self.article.selection is not None:
            self.article.clear_selection()
            return
        self.article.start_selection()
        self.article.focus()
        self.notify(
            "Selecting: move the reading cursor (arrows, left/right by a word), then a adds "
            "the span as a claim; v stops.",
            timeout=6,
            markup=False,
        )

    def action_adjust_claim(self: ReviewHost) -> None:
        """``e``: select the current claim's span, to be stretched or shrunk and added."""
        state = self.target_claim()
        if state is None or state.start is None or state.end is None:
            return
        self.article.start_selection(state.start, state.end)
        self.article.focus()
        self.notify(
            f"{state.id} selected: left/right move its end by a word (up/down by a line), "
            "then a adds the new span as a claim (d dismisses the old one); v stops.",
            timeout=8,
            markup=False,
        )

    def _add_selection(self: ReviewHost, start: int, end: int) -> None:
        try:
            added = self.session.add_claim(start, end)
        except RefereeError as exc:
            self.notify(str(exc), title="Not saved", severity="error", timeout=10, markup=False)
            return
        self.article.clear_selection()
        if not matches(self.filter_name, self.session.state(added)):
            self.filter_name = "all"
        self.refresh_claims(keep=added)
        self.notify(f"Added claim {added}.", timeout=3, markup=False)
        self.tell_what_changed_on_disk()

    def action_add_claim(self: ReviewHost) -> None:
        if not self.writable():
            return
        selection = self.article.selection
        if selection is not None:
            self._add_selection(*selection)
            return
        offset = self.article.cursor
        existing = self.claim_at(offset)
        if existing is not None:
            self.claims.select(existing)
            self.notify(
                f"The sentence at the cursor already is claim {existing}.", timeout=4, markup=False
            )
            return
        from referee.text.sentences import sentence_at

        span = sentence_at(self.session.article.text, self.session.analysis.blocks, offset)
        if span is None:
            self.notify("No sentence at the cursor.", severity="warning", timeout=4, markup=False)
            return
        self._add_selection(*span)
