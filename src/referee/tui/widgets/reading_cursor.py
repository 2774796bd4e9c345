"""The article pane's reading cursor moves: by line, page, word, to either end, by click.

A mixin for :class:`~referee.tui.widgets.article_view.ArticleView`, which keeps the
cursor (a code-point offset), wraps the text and draws it; here is only how keys and
clicks move it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from textual import events

if TYPE_CHECKING:
    from textual.geometry import Offset, Size

    from referee.tui.widgets.soft_wrap import WrappedText

GUTTER_WIDTH = 2
"""Cells left of the text in the article pane: the claim mark and the verdict glyph."""

_NEXT_WORD = re.compile(r"(?<!\w)\w|(?<=\s)[^\w\s]")
"""Where ``right`` goes: the start of the next word (or of punctuation after a space)."""

_SENTENCE_END = re.compile(r"[.!?][\"”’)\]]*(?=\s|$)")
"""Where ``shift+right`` stops: just after a sentence's closing punctuation."""


class ReadingCursor:
    """Key and mouse actions that move the reading cursor."""

    _text: str
    _cursor: int
    _goal_column: int | None
    _wrapped: WrappedText | None

    if TYPE_CHECKING:

        @property
        def scroll_offset(self) -> Offset: ...

        def _view_size(self) -> Size: ...

        def _wrap(self, view: Size | None = None) -> WrappedText: ...

        def _clamp(self, offset: int) -> int: ...

        def _move_lines(self, delta: int) -> None: ...

        def _move_cursor_to(self, offset: int, *, scroll: bool = True) -> None: ...

        def scroll_to(self, *args: object, **kwargs: object) -> None: ...

    def action_cursor_up(self) -> None:
        self._move_lines(-1)

    def action_cursor_down(self) -> None:
        self._move_lines(1)

    def action_cursor_page_up(self) -> None:
        page = max(1, self._view_size().height - 1)
        self.scroll_to(y=max(0, self.scroll_offset.y - page), animate=False, immediate=True)
        self._move_lines(-page)

    def action_cursor_page_down(self) -> None:
        page = max(1, self._view_size().height - 1)
        self.scroll_to(y=self.scroll_offset.y + page, animate=False, immediate=True)
        self._move_lines(page)

    def action_word_right(self) -> None:
        match = _NEXT_WORD.search(self._text, self._cursor + 1)
        self._goal_column = None
        self._move_cursor_to(match.start() if match else len(self._text))

    def action_word_left(self) -> None:
        start = self._cursor
        while start > 0:  # look back a window at a time: a line is rarely longer
            window = max(0, start - 200)
            starts = [m.start() for m in _NEXT_WORD.finditer(self._text, window, self._cursor)]
            if starts:
                break
            start = window
        self._goal_column = None
        self._move_cursor_to(starts[-1] if start > 0 and starts else 0)

    def action_sentence_right(self) -> None:
        match = _SENTENCE_END.search(self._text, self._cursor + 1)
        self._goal_column = None
        self._move_cursor_to(match.end() if match else len(self._text))

    def action_sentence_left(self) -> None:
        window = self._text[max(0, self._cursor - 2000) : max(0, self._cursor - 1)]
        ends = [m.end() for m in _SENTENCE_END.finditer(window)]
        self._goal_column = None
        self._move_cursor_to(max(0, self._cursor - 2000) + ends[-1] if ends else 0)

    def action_cursor_home(self) -> None:
        self._goal_column = None
        self._move_cursor_to(0)

    def action_cursor_end(self) -> None:
        self._goal_column = None
        wrapped = self._wrap()
        self._move_cursor_to(self._clamp(wrapped.starts[-1]))

    def _on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or self._wrapped is None:
            return
        wrapped = self._wrap()
        line = int(self.scroll_offset.y) + offset.y
        if line >= wrapped.line_count:
            return
        self._goal_column = None
        column = max(0, offset.x - GUTTER_WIDTH)
        self._move_cursor_to(self._clamp(wrapped.offset_at(line, column)), scroll=False)
