"""What every referee dialog shares: a box in the middle of the screen, over the review.

Each dialog's own rules sit in its ``DEFAULT_CSS`` and these in :class:`Dialog`'s, so
Textual reads them when a dialog first opens: ``referee ARTICLE`` starts without parsing
the styles of screens it has not shown (about 2 ms of start-up). The review screen's
styles are in ``referee.tcss``.
"""

from __future__ import annotations

from textual.screen import ModalScreen, ScreenResultType


class Dialog(ModalScreen[ScreenResultType]):
    """A modal dialog: its content in a ``Vertical(classes="dialog")``, a
    ``dialog-title`` line, the claim as a ``dialog-quote``, lists as ``dialog-list``,
    buttons in a ``dialog-buttons`` row."""

    DEFAULT_CSS = """
    Dialog {
        align: center middle;
    }

    .dialog {
        width: 90%;
        max-width: 110;
        height: auto;
        max-height: 95%;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }

    .dialog-title {
        height: 1;
        text-style: bold;
    }

    .dialog-quote {
        height: auto;
        max-height: 3;
        color: $text-muted;
    }

    .dialog-list {
        height: auto;
        max-height: 14;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }

    .dialog-buttons {
        height: auto;
        align-horizontal: right;
        & > Button {
            margin-left: 1;
        }
    }
    """
