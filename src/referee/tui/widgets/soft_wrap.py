"""Soft-wrap text to a width in terminal cells, keeping exact code-point offsets.

The wrapped lines partition the text: line ``i`` is ``text[starts[i]:starts[i + 1]]``
(the last line ends at ``len(text)``), so every code point, newlines included, is on
exactly one line. A newline belongs to the end of the line it terminates. Lines break
after a run of spaces or tabs (the spaces hang at the end of the line); a word wider than
the width is cut at the width. Wide characters count two cells, combining marks none, and
a tab runs to the next multiple of :data:`TAB_SIZE` from the start of its wrapped line.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

from rich.cells import get_character_cell_size

TAB_SIZE = 4
_SPACES = re.compile(" *")


def char_cells(char: str, column: int) -> int:
    """Cells ``char`` takes when drawn at ``column`` of a line."""
    if char == "\t":
        return TAB_SIZE - column % TAB_SIZE
    if char == "\ufe0f":
        # Variation selector 16 may widen the character before it (Rich counts it so);
        # counting it as a cell errs towards shorter lines, never wider ones.
        return 1
    return get_character_cell_size(char)


def expand(text: str, column: int = 0) -> tuple[str, int]:
    """``text`` drawn from ``column``: tabs become spaces. Returns (drawn, next column)."""
    if "\t" not in text and text.isascii():
        return text, column + len(text)
    parts: list[str] = []
    for char in text:
        cells = char_cells(char, column)
        parts.append(" " * cells if char == "\t" else char)
        column += cells
    return "".join(parts), column


def _narrow(paragraph: str) -> bool:
    """True when every code point of ``paragraph`` is one cell wide (no tabs)."""
    if "\t" in paragraph:
        return False
    if paragraph.isascii():
        return True
    return all(get_character_cell_size(c) == 1 for c in set(paragraph) if not c.isascii())


def _wrap_narrow(paragraph: str, width: int) -> Iterator[int]:
    """Starts (relative, after the first) of the wrapped lines of a one-cell-per-char text."""
    size = len(paragraph)
    pos = 0
    while size - pos > width:
        space = paragraph.rfind(" ", pos, pos + width + 1)
        if space == -1:
            nxt = pos + width
        else:
            nxt = _SPACES.match(paragraph, space).end()
            if nxt >= size:
                return
        yield nxt
        pos = nxt


def _wrap_general(paragraph: str, width: int) -> Iterator[int]:
    """Starts (relative, after the first) of the wrapped lines of any text without newlines."""
    line_start = 0
    column = 0
    candidate = -1  # the last place the line may break: a non-space after spaces
    after_space = False
    for index, char in enumerate(paragraph):
        cells = char_cells(char, column)
        if char == " " or char == "\t":
            column += cells
            after_space = True
            continue
        if after_space and index > line_start:
            candidate = index
        after_space = False
        if column + cells > width and index > line_start:
            # No spaces lie between ``candidate`` and ``index`` (candidate is the last
            # break), so the carried-over part is a plain run of non-space characters.
            line_start = candidate if candidate > line_start else index
            yield line_start
            column = sum(char_cells(c, 0) for c in paragraph[line_start:index])
            if column + cells > width and index > line_start:
                line_start = index
                yield line_start
                column = 0
            cells = char_cells(char, column)
        column += cells


def wrap(text: str, width: int) -> list[int]:
    """Start offsets of the lines of ``text`` wrapped to ``width`` cells (at least one line)."""
    width = max(width, 1)
    starts = [0]
    append = starts.append
    base = 0
    for paragraph in text.split("\n"):
        if len(paragraph) > width:
            breaks = _wrap_narrow if _narrow(paragraph) else _wrap_general
            for start in breaks(paragraph, width):
                append(base + start)
        elif "\t" in paragraph or not paragraph.isascii():
            for start in _wrap_general(paragraph, width):
                append(base + start)
        base += len(paragraph) + 1
        if base < len(text):
            append(base)
    return starts


@dataclass(frozen=True, slots=True)
class WrappedText:
    """A text wrapped to a width: line bounds and offset lookups."""

    text: str
    width: int
    starts: list[int]

    @classmethod
    def build(cls, text: str, width: int) -> WrappedText:
        return cls(text, max(width, 1), wrap(text, width))

    @property
    def line_count(self) -> int:
        return len(self.starts)

    def bounds(self, line: int) -> tuple[int, int]:
        """Half-open code-point span of ``line``, its newline included."""
        starts = self.starts
        end = starts[line + 1] if line + 1 < len(starts) else len(self.text)
        return starts[line], end

    def content_end(self, line: int) -> int:
        """End of the drawable part of ``line``: its newline excluded."""
        start, end = self.bounds(line)
        if end > start and self.text[end - 1] == "\n":
            return end - 1
        return end

    def line_of(self, offset: int) -> int:
        """The line holding code point ``offset`` (clamped to the text)."""
        return max(0, bisect_right(self.starts, offset) - 1)

    def column_of(self, offset: int) -> int:
        """Cell column at which code point ``offset`` is drawn on its line."""
        start = self.starts[self.line_of(offset)]
        column = 0
        for char in self.text[start:offset]:
            column += char_cells(char, column)
        return column

    def offset_at(self, line: int, column: int) -> int:
        """The code point of ``line`` drawn at cell ``column`` (or its last one)."""
        start, end = self.bounds(line)
        content_end = self.content_end(line)
        last = content_end if content_end < end else max(start, end - 1)
        at = 0
        for index in range(start, content_end):
            at += char_cells(self.text[index], at)
            if at > column:
                return index
        return last
