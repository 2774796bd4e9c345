"""The note editor: a multi-line modal, saved with ctrl+s or the Save button."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Static, TextArea

from referee.tui import keymap
from referee.tui.screens.dialog import Dialog
from referee.visible import one_line


class NoteScreen(Dialog[str | None], inherit_bindings=False):
    """Edit one claim's note. Dismisses with the new text, or None when cancelled.

    Enter makes a new line; ``ctrl+s`` (or tab to **Save** and enter) saves;
    ``escape`` cancels, and asks again first when the text was changed (an escape
    typed out of habit must not lose a note); so does quitting (``ctrl+q``). No ctrl+enter: it does not survive most
    SSH terminals.
    """

    BINDINGS: ClassVar = keymap.bindings("note", "dialog", "copy")

    DEFAULT_CSS = """
    #note-text {
        height: 12;
    }
    """

    def __init__(self, claim_id: str, claim_text: str, note: str) -> None:
        super().__init__()
        self._claim_id = claim_id
        self._claim_text = claim_text
        self._note = note
        self._warned = False

    def compose(self) -> ComposeResult:
        with Vertical(id="note-dialog", classes="dialog"):
            yield Static(
                Content.assemble((f"Note on {self._claim_id}", "bold")),
                classes="dialog-title",
                markup=False,
            )
            yield Static(Content(one_line(self._claim_text)), classes="dialog-quote", markup=False)
            yield TextArea(
                self._note,
                id="note-text",
                soft_wrap=True,
                tab_behavior="focus",
                show_line_numbers=False,
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save (ctrl+s)", id="note-save", variant="primary", compact=True)
                yield Button("Cancel (esc)", id="note-cancel", compact=True)

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def action_save(self) -> None:
        self.dismiss(self.query_one(TextArea).text)

    def action_cancel(self) -> None:
        if not self.warned_unsaved("escape again to discard it"):
            self.dismiss(None)

    def warned_unsaved(self, again: str) -> bool:
        """When the text was changed, warn once (and say so): leaving must be asked twice."""
        if self.query_one(TextArea).text == self._note or self._warned:
            return False
        self._warned = True
        self.notify(
            f"The note is not saved: {again}, ctrl+s to save it.",
            title="Unsaved note",
            severity="warning",
            timeout=6,
            markup=False,
        )
        return True

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "note-save":
            self.action_save()
        else:
            self.action_cancel()
