"""The help screen for ``?``: every key with its binding id, and the config file."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from referee.tui import keymap
from referee.tui.screens.dialog import Dialog
from referee.tui.widgets.detail import Scroller

GLYPH_LEGEND = (
    "Claims: ✓ supported  ✗ unsupported  ≈ overstated  · unreviewed  ! flagged (a hint)  "
    "✎ has a note  ‼ merge conflict.  References: ✓ verified  † corrected  ≠ mismatch  "
    "○ not indexed (books, reports)  ✗ not found  ⊘ retracted  ⚑ expression of concern  "
    "? unverifiable  · unchecked.  A citation is what the article says; a link, an outside "
    "source or an evidence quote is the reviewer's judgement."
)


def key_table(rows: Iterable[tuple[str, str, str, str]]) -> Table:
    table = Table(box=None, expand=True, show_edge=False, pad_edge=False)
    table.add_column("keys", style="bold", no_wrap=True)
    table.add_column("binding id", no_wrap=True)
    table.add_column("what it does", ratio=1)
    current = None
    for scope, keys, spec_id, text in rows:
        if scope != current:
            if current is not None:
                table.add_row("", "", "")
            table.add_row(Text(scope, style="bold underline"), "", "")
            current = scope
        table.add_row(Text(keys), Text(spec_id, style="dim"), Text(text))
    return table


class HelpScreen(Dialog[None], inherit_bindings=False):
    """Keys as they are now (after ``[keys]`` overrides), glyphs and the config file."""

    BINDINGS: ClassVar = keymap.bindings("help", "dialog", "copy")

    DEFAULT_CSS = """
    #help-dialog {
        max-width: 120;
        height: 95%;
    }

    #help-body {
        height: 1fr;
        scrollbar-size-vertical: 1;
    }

    .help-legend, .help-config {
        margin: 1 0;
    }
    """

    def __init__(
        self,
        overrides: Mapping[str, str],
        config_path: Path,
        extra: Iterable[tuple[str, str, str, str]] = (),
    ) -> None:
        super().__init__()
        self._overrides = overrides
        self._config_path = config_path
        self._extra = list(extra)

    def compose(self) -> ComposeResult:
        with Vertical(id="help-dialog", classes="dialog"):
            yield Static(
                Content.assemble(("referee — keys", "bold"), ("   escape, q or ? closes", "dim")),
                classes="dialog-title",
            )
            with Scroller(id="help-body"):
                yield Static(Content(GLYPH_LEGEND), classes="help-legend", markup=False)
                yield Static(key_table(keymap.table(self._overrides, self._extra)))
                yield Static(
                    Content.assemble(
                        ("Change keys", "bold"),
                        f" in {self._config_path}:\n",
                        "  [keys]\n",
                        '  mark-supported = "s,y"   # binding id = comma-separated keys\n',
                        "Every change is saved at once; quitting never loses work.",
                    ),
                    classes="help-config",
                    markup=False,
                )

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()

    def action_close(self) -> None:
        self.dismiss(None)
