"""Notes for the review screen: ``n`` opens the note editor, ``E`` the reviewer's
``$EDITOR``; a note the store refuses (file changed on disk, folder not writable) is
kept as a draft that both open again, never lost."""

from __future__ import annotations

from typing import TYPE_CHECKING

from referee.errors import RefereeError

if TYPE_CHECKING:
    from referee.tui.screens.review_host import ReviewHost


class NoteActions:
    """Mixin for :class:`~referee.tui.screens.review_screen.ReviewScreen` (``n``, ``E``)."""

    def action_edit_note(self: ReviewHost) -> None:
        from referee.tui.screens.note import NoteScreen

        state = self.target_claim()
        if state is None or not self.writable():
            return

        def done(note: str | None) -> None:
            if note is None:
                self.drafts.pop(state.id, None)  # cancelled: the draft too
            else:
                self.save_note(state.id, note)

        note = self.drafts.get(state.id, state.note)
        self.app.push_screen(NoteScreen(state.id, state.text, note), done)

    def action_edit_note_external(self: ReviewHost) -> None:
        from referee.tui.editor import edit_text

        state = self.target_claim()
        if state is None or not self.writable():
            return
        if self.app.is_web:
            self.notify(
                "The external editor runs on the server, not in your browser: "
                "n writes the note here.",
                title="Not in the browser",
                severity="warning",
                timeout=8,
                markup=False,
            )
            return
        start = self.drafts.get(state.id, state.note)
        try:
            note = edit_text(self.app, start, suffix=f"-{state.id}.txt")
        except RefereeError as exc:
            self.notify(str(exc), title="Editor", severity="error", timeout=10, markup=False)
            return
        if note is None and start != state.note:
            note = start  # the draft, unchanged in the editor, is still to be saved
        if note is not None:
            self.save_note(state.id, note)

    def save_note(self: ReviewHost, claim_id: str, note: str) -> None:
        """Save a note; when it is refused, keep it as a draft that n and E open again."""
        if self.change(lambda: self.session.set_note(claim_id, note), claim_id):
            self.drafts.pop(claim_id, None)
            return
        self.drafts[claim_id] = note
        self.notify(
            "Your note is kept: n opens it again (after ctrl+r if the file changed on disk).",
            title="Note not lost",
            severity="warning",
            timeout=10,
            markup=False,
        )
