"""Notes for the review screen: ``n`` opens the note editor, ``E`` the reviewer's
``$EDITOR``; a note the store refuses (file changed on disk, folder not writable) is
kept as a draft that both open again, never lost."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from referee.errors import RefereeError


class NoteActions:
    """Mixin for :class:`~referee.tui.screens.review_screen.ReviewScreen` (``n``, ``E``)."""

    session: Any
    app: Any
    _drafts: dict[str, str]
    _target: Callable[[], Any]
    _writable: Callable[[], bool]
    _change: Callable[..., bool]
    notify: Callable[..., Any]

    def action_edit_note(self) -> None:
        from referee.tui.screens.note import NoteScreen

        state = self._target()
        if state is None or not self._writable():
            return

        def done(note: str | None) -> None:
            if note is None:
                self._drafts.pop(state.id, None)  # cancelled: the draft too
            else:
                self._save_note(state.id, note)

        note = self._drafts.get(state.id, state.note)
        self.app.push_screen(NoteScreen(state.id, state.text, note), done)

    def action_edit_note_external(self) -> None:
        from referee.tui.editor import edit_text

        state = self._target()
        if state is None or not self._writable():
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
        start = self._drafts.get(state.id, state.note)
        try:
            note = edit_text(self.app, start, suffix=f"-{state.id}.txt")
        except RefereeError as exc:
            self.notify(str(exc), title="Editor", severity="error", timeout=10, markup=False)
            return
        if note is None and start != state.note:
            note = start  # the draft, unchanged in the editor, is still to be saved
        if note is not None:
            self._save_note(state.id, note)

    def _save_note(self, claim_id: str, note: str) -> None:
        """Save a note; when it is refused, keep it as a draft that n and E open again."""
        if self._change(lambda: self.session.set_note(claim_id, note), claim_id):
            self._drafts.pop(claim_id, None)
            return
        self._drafts[claim_id] = note
        self.notify(
            "Your note is kept: n opens it again (after ctrl+r if the file changed on disk).",
            title="Note not lost",
            severity="warning",
            timeout=10,
            markup=False,
        )
