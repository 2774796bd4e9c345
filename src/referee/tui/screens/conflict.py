"""Settle a merge conflict on one field of one claim: keep ours or theirs."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Static

from referee.tui import keymap
from referee.tui.screens.dialog import Dialog
from referee.visible import one_line, visible

if TYPE_CHECKING:
    from referee.review.session import Conflict


class ConflictScreen(Dialog[str | None], inherit_bindings=False):
    """Dismisses with ``"ours"`` or ``"theirs"``, or None to decide later."""

    BINDINGS: ClassVar = keymap.bindings("conflict", "dialog", "copy")

    DEFAULT_CSS = """
    .conflict-side {
        margin-top: 1;
        height: auto;
    }
    """

    def __init__(self, conflict: Conflict, claim_text: str) -> None:
        super().__init__()
        self._conflict = conflict
        self._claim_text = claim_text

    def compose(self) -> ComposeResult:
        conflict = self._conflict
        with Vertical(id="conflict-dialog", classes="dialog"):
            yield Static(
                Content.assemble(
                    (f"Merge conflict: {conflict.field} of {conflict.claim_id}", "bold")
                ),
                classes="dialog-title",
                markup=False,
            )
            yield Static(Content(one_line(self._claim_text)), classes="dialog-quote", markup=False)
            values = getattr(conflict, "candidates", ())
            for n, candidate in enumerate(values, start=1):
                key = {1: "1 ", len(values): "2 "}.get(n, "  ")
                yield Static(
                    Content.assemble(
                        (f"{key}({n}) ", "bold"), visible(one_line(candidate.describe()))
                    ),
                    classes="conflict-side",
                    markup=False,
                )
            if len(values) > 2 or conflict.field == "note":
                yield Static(
                    Content("`referee resolve` also takes a number, and `both` for notes."),
                    classes="conflict-side",
                    markup=False,
                )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Keep ours (1)", id="ours", variant="primary", compact=True)
                yield Button("Keep theirs (2)", id="theirs", compact=True)
                yield Button("Later (esc)", id="later", compact=True)

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None if event.button.id == "later" else str(event.button.id))
