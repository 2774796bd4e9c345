"""Search the article for ``/``: matches listed with their line, enter jumps."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from referee.tui import keymap
from referee.tui.screens.dialog import Dialog
from referee.tui.widgets.marked_list import MarkedOptionList
from referee.visible import one_line

MAX_LISTED = 500


def find_all(text: str, query: str) -> list[tuple[int, int]]:
    """Spans of every case-insensitive occurrence of ``query`` in ``text``."""
    if not query:
        return []
    return [m.span() for m in re.finditer(re.escape(query), text, re.IGNORECASE)]


@dataclass(frozen=True, slots=True)
class SearchResult:
    query: str
    matches: tuple[tuple[int, int], ...]
    chosen: int
    """Index into ``matches`` of the one to jump to."""


def context(text: str, start: int, end: int, width: int = 30) -> Content:
    """``…words before MATCH words after…`` on one line, the match in bold."""
    left = max(0, start - width)
    right = min(len(text), end + width)
    return Content.assemble(
        "…" if left else "",
        one_line(text[left:start]),
        (one_line(text[start:end]), "bold reverse"),
        one_line(text[end:right]),
        "…" if right < len(text) else "",
    )


class SearchScreen(Dialog[SearchResult | None], inherit_bindings=False):
    """Type a query; matches appear as you type; enter jumps to the highlighted one."""

    BINDINGS: ClassVar = keymap.bindings("search", "dialog", "copy")

    DEFAULT_CSS = """
    #search-input {
        margin: 0;
    }

    #search-count {
        height: 1;
        color: $text-muted;
    }
    """

    def __init__(
        self, text: str, query: str = "", glyph_at: Callable[[int], str] | None = None
    ) -> None:
        super().__init__()
        self._text = text
        self._query = query
        self._glyph_at = glyph_at or (lambda offset: " ")
        self._matches: list[tuple[int, int]] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="search-dialog", classes="dialog"):
            yield Static(Content.assemble(("Search the article", "bold")), classes="dialog-title")
            yield Input(
                self._query, placeholder="text to find (case-insensitive)", id="search-input"
            )
            yield Static(Content(""), id="search-count", markup=False)
            yield MarkedOptionList(id="search-results", classes="dialog-list", markup=False)

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        self._update(self._query)

    def _update(self, query: str) -> None:
        self._query = query
        self._matches = find_all(self._text, query)
        options = self.query_one(OptionList)
        options.set_options(
            Option(Content.assemble(f"{self._glyph_at(start)} ", context(self._text, start, end)))
            for start, end in self._matches[:MAX_LISTED]
        )
        if self._matches:
            options.highlighted = 0
        count = len(self._matches)
        shown = f" (first {MAX_LISTED} listed)" if count > MAX_LISTED else ""
        word = "match" if count == 1 else "matches"
        self.query_one("#search-count", Static).update(
            Content(f"{count} {word}{shown}" if query else "")
        )

    def on_input_changed(self, event: Input.Changed) -> None:
        self._update(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._choose(self.query_one(OptionList).highlighted)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._choose(event.option_index)

    def _choose(self, index: int | None) -> None:
        chosen = (index or 0) if self._matches else -1
        self.dismiss(SearchResult(self._query, tuple(self._matches), chosen))

    def action_cursor_down(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()

    def action_cancel(self) -> None:
        self.dismiss(None)
