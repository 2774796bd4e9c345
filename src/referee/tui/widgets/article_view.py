"""The article pane: the whole article, soft-wrapped, with claims highlighted in place.

A Line-API widget (:class:`~textual.scroll_view.ScrollView`): only the visible lines are
rendered, each from a cache, so a 1 MB article scrolls and moves between claims as fast as
a short one. Article text is drawn literally: it goes through :func:`referee.visible.visible`
(control characters become visible stand-ins, one code point for one) and into
:class:`~rich.segment.Segment` objects, never through markup.

Every highlight kind has a component class (``article-view--supported`` …) so themes and
``NO_COLOR`` apply; kinds also differ without colour (underline, bold, italic, dim) and by
the glyph drawn in the two-cell gutter on the line where a highlight starts. The current
claim is reversed and marked ``▶`` in the gutter.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from referee.tui.widgets.reading_cursor import GUTTER_WIDTH, ReadingCursor
from referee.tui.widgets.soft_wrap import WrappedText, expand
from referee.tui.widgets.spans import NO_SPANS, Spans, with_bullets
from referee.visible import visible

HIGHLIGHT_KINDS = (
    "supported",
    "unsupported",
    "overstated",
    "unreviewed",
    "flagged",
    "stale",
    "manual",
)
MARK_STYLES = ("heading", "strong", "emphasis", "link", "code", "syntax", "bullet")
"""Markdown marks drawn by style (see :meth:`ArticleView.set_marks`)."""
CURRENT_MARK = "▶"
CURSOR_MARK = "›"
PROVISIONAL_WIDTH = 78
_LONE_NEWLINE = re.compile(r"(?<!\n)\n(?!\n)")


@dataclass(frozen=True, slots=True)
class Highlight:
    """A span of the canonical text to draw as ``kind``, with a gutter ``glyph``."""

    start: int
    end: int
    kind: str
    glyph: str = ""


class ArticleView(ReadingCursor, ScrollView, can_focus=True):
    """The article, wrapped to the pane, with highlights, a current claim and a cursor."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        *(f"article-view--{kind}" for kind in HIGHLIGHT_KINDS),
        "article-view--current",
        "article-view--search",
        "article-view--cursor",
        "article-view--gutter",
        "article-view--metadata",
        "article-view--selection",
        *(f"article-view--md-{kind}" for kind in MARK_STYLES),
    }

    DEFAULT_CSS = """
    ArticleView {
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-gutter: stable;
        background: $surface;
        color: $foreground;
        & > .article-view--unreviewed { text-style: underline; }
        & > .article-view--supported { text-style: underline; color: $text-success; }
        & > .article-view--unsupported { text-style: bold underline; color: $text-error; }
        & > .article-view--overstated { text-style: italic underline; color: $text-warning; }
        & > .article-view--flagged { text-style: underline; color: $text-warning; }
        & > .article-view--stale { text-style: dim underline; }
        & > .article-view--manual { text-style: underline; color: $text-accent; }
        & > .article-view--current { text-style: bold reverse; }
        & > .article-view--search { background: $warning 40%; text-style: bold; }
        & > .article-view--cursor { text-style: underline; }
        & > .article-view--gutter { color: $text-muted; }
        & > .article-view--metadata { text-style: dim; }
        & > .article-view--selection { text-style: bold underline; background: $accent 30%; }
        & > .article-view--md-heading { text-style: bold; }
        & > .article-view--md-strong { text-style: bold; }
        & > .article-view--md-emphasis { text-style: italic; }
        & > .article-view--md-link { text-style: underline; }
        & > .article-view--md-code { color: $text-accent; }
        & > .article-view--md-syntax { text-style: dim; }
        & > .article-view--md-bullet { text-style: bold; }
        &:focus > .article-view--cursor { text-style: reverse; }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor_up", "Reading cursor up a line", show=False, id="article-line-up"),
        Binding(
            "down", "cursor_down", "Reading cursor down a line", show=False, id="article-line-down"
        ),
        Binding(
            "pageup", "cursor_page_up", "Reading cursor up a page", show=False, id="article-page-up"
        ),
        Binding(
            "pagedown",
            "cursor_page_down",
            "Reading cursor down a page",
            show=False,
            id="article-page-down",
        ),
        Binding("home", "cursor_home", "Reading cursor to the top", show=False, id="article-top"),
        Binding("end", "cursor_end", "Reading cursor to the end", show=False, id="article-bottom"),
        Binding(
            "right",
            "word_right",
            "Reading cursor to the next word",
            show=False,
            id="article-word-right",
        ),
        Binding(
            "left",
            "word_left",
            "Reading cursor to the previous word",
            show=False,
            id="article-word-left",
        ),
        Binding(
            "shift+right",
            "sentence_right",
            "Reading cursor past the end of the sentence",
            show=False,
            id="article-sentence-right",
        ),
        Binding(
            "shift+left",
            "sentence_left",
            "Reading cursor back to the end of the previous sentence",
            show=False,
            id="article-sentence-left",
        ),
    ]

    class CursorMoved(Message):
        """The reading cursor moved (by a key or a click) to code point ``offset``."""

        def __init__(self, article_view: ArticleView, offset: int) -> None:
            super().__init__()
            self.article_view = article_view
            self.offset = offset

        @property
        def control(self) -> ArticleView:
            return self.article_view

    def __init__(
        self,
        text: str,
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._text = text
        self._display = visible(text)
        self._wrapped: WrappedText | None = None
        self._wraps: dict[int, WrappedText] = {}
        self._highlights = NO_SPANS
        self._search = NO_SPANS
        self._metadata = NO_SPANS
        self._marks = NO_SPANS
        self._selection_anchor: int | None = None
        self._bullets: list[int] = []
        self._current: tuple[int, int] | None = None
        self._cursor = 0
        self._goal_column: int | None = None
        self._pending_scroll: tuple[int, int, bool] | None = None
        self._version = 0
        self._line_cache: LRUCache[tuple, Strip] = LRUCache(1024)

    # -- public API -------------------------------------------------------------------

    @property
    def text(self) -> str:
        """The canonical text shown."""
        return self._text

    @property
    def cursor(self) -> int:
        """The reading cursor: a code-point offset into the text."""
        return self._cursor

    @property
    def current(self) -> tuple[int, int] | None:
        """The span of the current claim, if any."""
        return self._current

    @property
    def highlights(self) -> list[Highlight]:
        """The highlights shown, sorted by start."""
        return [item[2] for item in self._highlights.items]  # type: ignore[misc]

    @property
    def line_count(self) -> int:
        """Wrapped lines at the present width (0 before the first layout)."""
        return 0 if self._wrapped is None else self._wrapped.line_count

    def set_highlights(self, highlights: Sequence[Highlight]) -> None:
        """Replace every highlight."""
        self._highlights = Spans([(h.start, h.end, h) for h in highlights])
        self._version += 1
        self.refresh()

    def set_soft_breaks(self, spans: Sequence[tuple[int, int]]) -> None:
        """Re-flow hard-wrapped paragraphs: inside these spans a lone newline is drawn as a
        space, so the paragraph wraps to the pane. Blank lines still part paragraphs, and
        offsets do not change (one code point is still one code point)."""
        shown = visible(self._text)
        pieces, last = [], 0
        for start, end in sorted(spans):
            # endpos one past the span, so the look-ahead sees the character after it.
            for match in _LONE_NEWLINE.finditer(shown, max(start, last), max(end + 1, last)):
                if match.start() >= end:
                    break
                pieces.append(shown[last : match.start()])
                pieces.append(" ")
                last = match.end()
        pieces.append(shown[last:])
        self._display = with_bullets("".join(pieces), self._bullets)
        self._rewrap()

    def set_marks(self, marks: Sequence[tuple[int, int, str]]) -> None:
        """Draw a Markdown article's formatting lightly (:mod:`referee.text.inline_marks`):
        headings and strong text bold, emphasis italic, link text underlined, the syntax
        dimmed, ``-``/``*``/``+`` list markers as ``•``. Every character stays where it is."""
        self._marks = Spans([(s, e, kind) for s, e, kind in marks if kind in MARK_STYLES])
        self._bullets = [s for s, e, kind in marks if kind == "bullet" and e == s + 1]
        self._display = with_bullets(self._display, self._bullets)
        self._version += 1
        self._rewrap()

    def set_metadata(self, spans: Sequence[tuple[int, int]]) -> None:
        """Spans that are metadata, not article (front matter): drawn dimmed."""
        self._metadata = Spans([(start, end, None) for start, end in spans])
        self._version += 1
        self.refresh()

    @property
    def metadata(self) -> list[tuple[int, int]]:
        """The spans drawn dimmed as metadata."""
        return [(start, end) for start, end, _ in self._metadata.items]

    @property
    def selection(self) -> tuple[int, int] | None:
        """The span selected: from where the selection started to the reading cursor (at
        least one code point), or None when nothing is being selected."""
        if self._selection_anchor is None:
            return None
        low, high = sorted((self._selection_anchor, self._cursor))
        return low, max(high, low + 1)

    def start_selection(self, start: int | None = None, end: int | None = None) -> None:
        """Start selecting at ``start`` (default: the cursor), the cursor moved to ``end``
        if given: moving the cursor then stretches the selection."""
        self._selection_anchor = self._clamp(self._cursor if start is None else start)
        if end is not None:
            self._cursor = min(max(end, 0), len(self._text))
        self._line_cache.clear()
        self.refresh()

    def clear_selection(self) -> None:
        if self._selection_anchor is not None:
            self._selection_anchor = None
            self._line_cache.clear()
            self.refresh()

    def set_search_matches(self, spans: Sequence[tuple[int, int]]) -> None:
        """Replace the search matches shown (empty to clear)."""
        self._search = Spans([(start, end, None) for start, end in spans])
        self._version += 1
        self.refresh()

    def set_current(self, start: int | None, end: int | None, *, scroll: bool = True) -> None:
        """Mark ``[start, end)`` as the current claim (None clears it).

        With ``scroll`` the span is brought into view (centred unless it is already
        comfortably visible) and the cursor moves to its start unless it is inside it.
        No :class:`CursorMoved` is posted for that move.
        """
        before = (self._current, self._cursor)
        if start is None or end is None:
            self._current = None
        else:
            start, end = self._clamp(start), max(self._clamp(start), min(end, len(self._text)))
            self._current = (start, end)
            if scroll:
                if not start <= self._cursor < max(end, start + 1):
                    self._cursor = start
                    self._goal_column = None
                self._scroll_span(start, end)
        if (self._current, self._cursor) != before:  # a scroll redraws by itself
            self.refresh()

    def scroll_to_offset(self, offset: int, *, center: bool = True) -> None:
        """Scroll so that code point ``offset`` is visible (centred with ``center``)."""
        offset = self._clamp(offset)
        self._request_scroll(offset, offset, center)

    def move_cursor(self, offset: int, *, scroll: bool = True) -> None:
        """Put the reading cursor on ``offset``; posts :class:`CursorMoved` if it moved."""
        self._goal_column = None
        self._move_cursor_to(self._clamp(offset), scroll=scroll)

    def line_of(self, offset: int) -> int:
        """Wrapped line holding ``offset`` at the present width."""
        return self._wrap().line_of(self._clamp(offset))

    # -- wrapping and scrolling ----------------------------------------------------------

    def _clamp(self, offset: int) -> int:
        return max(0, min(offset, len(self._text) - 1)) if self._text else 0

    def _view_size(self) -> Size:
        """Cells available for text and gutter: the widget less its scrollbar."""
        return self.scrollable_content_region.size

    def _wrap(self, view: Size | None = None) -> WrappedText:
        """The text wrapped to the present width, re-wrapping if the width changed."""
        view = view or self._view_size()
        if view.width <= 0:
            # Not laid out yet: answer from a provisional wrap, never from a 1-cell one.
            return self._wrapped or self._build(PROVISIONAL_WIDTH)
        width = max(view.width - GUTTER_WIDTH, 1)
        wrapped = self._wrapped
        if wrapped is not None and wrapped.width == width:
            return wrapped
        top = None
        if wrapped is not None and self.scroll_offset.y < wrapped.line_count:
            top = wrapped.starts[int(self.scroll_offset.y)]
        wrapped = self._wrapped = self._build(width)
        self._line_cache.clear()
        self.virtual_size = Size(view.width, wrapped.line_count)
        if top is not None:
            self.scroll_to(y=wrapped.line_of(top), animate=False, immediate=True)
        return wrapped

    def _build(self, width: int) -> WrappedText:
        """The drawn text wrapped to ``width``, from the last few widths' cache."""
        wrapped = self._wraps.get(width)
        if wrapped is None:
            wrapped = WrappedText.build(self._display, width)
            if len(self._wraps) >= 3:
                self._wraps.pop(next(iter(self._wraps)))
            self._wraps[width] = wrapped
        return wrapped

    def _rewrap(self) -> None:
        """Forget every wrap (the drawn text changed) and wrap again, keeping the top line."""
        top = None
        if self._wrapped is not None and self.scroll_offset.y < self._wrapped.line_count:
            top = self._wrapped.starts[int(self.scroll_offset.y)]
        self._wraps.clear()
        self._wrapped = None
        self._line_cache.clear()
        if self._view_size().width > 0:
            wrapped = self._wrap()
            if top is not None:
                self.scroll_to(y=wrapped.line_of(top), animate=False, immediate=True)
        self.refresh()

    def _on_resize(self, event: events.Resize) -> None:
        if self._view_size().width <= 0:
            return
        self._wrap()
        if self._pending_scroll is not None:
            start, end, center = self._pending_scroll
            self._pending_scroll = None
            self.call_after_refresh(self._request_scroll, start, end, center)
        elif self._current is not None:
            # A smaller pane must not leave the current claim above or below it.
            self.call_after_refresh(self._scroll_span, *self._current)

    def _request_scroll(self, start: int, end: int, center: bool) -> None:
        view = self._view_size()
        if view.width <= 0 or view.height <= 0:
            self._pending_scroll = (start, end, center)
            return
        wrapped = self._wrap(view)
        first, last = wrapped.line_of(start), wrapped.line_of(max(start, end - 1))
        height = view.height
        top = int(self.scroll_offset.y)
        if center:
            span = last - first + 1
            y = first - (height - span) // 2 if span < height else first
        elif first < top:
            y = first
        elif last >= top + height:
            y = max(first, last - height + 1) if last - first < height else first
        else:
            return
        self.scroll_to(y=max(0, y), animate=False, immediate=True)

    def _scroll_span(self, start: int, end: int) -> None:
        """Centre the span unless it is already visible with a margin."""
        height = self._view_size().height
        if self._wrapped is None or height <= 0:
            self._pending_scroll = (start, end, True)
            return
        wrapped = self._wrap()
        first, last = wrapped.line_of(start), wrapped.line_of(max(start, end - 1))
        top = int(self.scroll_offset.y)
        margin = min(2, max(0, (height - (last - first + 1)) // 2))
        if top + margin <= first and last < top + height - margin:
            return
        self._request_scroll(start, end, True)

    # -- cursor ------------------------------------------------------------------------

    def _move_cursor_to(self, offset: int, *, scroll: bool = True) -> None:
        moved = offset != self._cursor
        self._cursor = offset
        if scroll:
            self._request_scroll(offset, offset, False)
        if moved:
            self.refresh()
            self.post_message(self.CursorMoved(self, offset))

    def _move_lines(self, delta: int) -> None:
        wrapped = self._wrap()
        line = wrapped.line_of(self._cursor)
        if self._goal_column is None:
            self._goal_column = wrapped.column_of(self._cursor)
        target = max(0, min(line + delta, wrapped.line_count - 1))
        self._move_cursor_to(self._clamp(wrapped.offset_at(target, self._goal_column)))

    # -- rendering ---------------------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._line_cache.clear()

    def _on_focus(self, event: events.Focus) -> None:
        self._line_cache.clear()
        self.refresh()

    def _on_blur(self, event: events.Blur) -> None:
        self._line_cache.clear()
        self.refresh()

    def render_line(self, y: int) -> Strip:
        view = self._view_size()
        wrapped = self._wrap(view)
        width = view.width
        index = int(self.scroll_offset.y) + y
        if index >= wrapped.line_count:
            return Strip.blank(width, self.rich_style)
        start, end = wrapped.bounds(index)
        current = self._current
        if current is not None and not (
            current[0] < end and (current[1] > start or current[0] >= start)
        ):
            current = None
        cursor = self._cursor if start <= self._cursor < end else -1
        selected = self.selection
        if selected is not None and not (selected[0] < end and selected[1] > start):
            selected = None
        key = (index, width, self._version, current, cursor, selected)
        strip = self._line_cache.get(key)
        if strip is None:
            strip = self._render_wrapped(wrapped, index, width, current, cursor)
            self._line_cache[key] = strip
        return strip

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"article-view--{name}", partial=True)

    def _render_wrapped(
        self,
        wrapped: WrappedText,
        index: int,
        width: int,
        current: tuple[int, int] | None,
        cursor: int,
    ) -> Strip:
        start, end = wrapped.bounds(index)
        content_end = wrapped.content_end(index)
        base = self.rich_style
        highlights = self._highlights.overlapping(start, end)
        searches = self._search.overlapping(start, end)

        layers: list[tuple[int, int, Style]] = [
            (m_start, m_end, self._style(f"md-{kind}"))
            for m_start, m_end, kind in self._marks.overlapping(start, end)
        ]
        metadata_style = self._style("metadata")
        layers.extend(
            (m_start, m_end, metadata_style)
            for m_start, m_end, _ in self._metadata.overlapping(start, end)
        )
        for h_start, h_end, highlight in highlights:
            kind = highlight.kind if highlight.kind in HIGHLIGHT_KINDS else "unreviewed"
            layers.append((h_start, h_end, self._style(kind)))
        search_style = self._style("search")
        layers.extend((s_start, s_end, search_style) for s_start, s_end, _ in searches)
        if current is not None:
            layers.append((current[0], current[1], self._style("current")))
        selection = self.selection
        if selection is not None and selection[0] < end and selection[1] > start:
            layers.append((selection[0], selection[1], self._style("selection")))

        segments = self._gutter(start, end, current, cursor, base)
        cuts = {start, content_end}
        for l_start, l_end, _ in layers:
            cuts.update(c for c in (l_start, l_end) if start < c < content_end)
        if cursor >= 0:
            cuts.update(c for c in (cursor, cursor + 1) if start < c < content_end)
        bounds = sorted(cuts)
        column = 0
        text = self._display
        for piece_start, piece_end in pairwise(bounds):
            style = base
            for l_start, l_end, layer_style in layers:
                if l_start <= piece_start and piece_end <= l_end:
                    style = style + layer_style
            if piece_start == cursor:
                style = self._with_cursor(style)
            drawn, column = expand(text[piece_start:piece_end], column)
            segments.append(Segment(drawn, style))
        if cursor >= content_end:
            segments.append(Segment(" ", self._with_cursor(base)))
            column += 1
        # Pad or crop to the pane from the segments' own widths, so that a hanging run of
        # spaces or an emoji sequence measured differently can never shift the columns.
        return Strip(segments).adjust_cell_length(width, base)

    def _with_cursor(self, style: Style) -> Style:
        cursor_style = self._style("cursor")
        if style.reverse and cursor_style.reverse:
            return style + Style(reverse=False, underline=True)
        return style + cursor_style

    def _gutter(
        self,
        start: int,
        end: int,
        current: tuple[int, int] | None,
        cursor: int,
        base: Style,
    ) -> list[Segment]:
        gutter = base + self._style("gutter")
        if cursor >= 0 and (current is None or not current[0] <= cursor < current[1]):
            mark = CURSOR_MARK  # where `a` acts, even on the line where the claim starts
        elif current is not None and start <= current[0] < end:
            mark = CURRENT_MARK
        elif cursor >= 0:
            mark = CURSOR_MARK
        else:
            mark = " "
        glyph, glyph_style = " ", gutter
        for _, _, highlight in self._highlights.starting_in(start, end):
            if highlight.glyph and cell_len(highlight.glyph) == 1:
                glyph = highlight.glyph
                kind = highlight.kind if highlight.kind in HIGHLIGHT_KINDS else "unreviewed"
                color = self._style(kind).color
                if color is not None:
                    glyph_style = gutter + Style(color=color)
                break
        return [Segment(mark, gutter), Segment(glyph, glyph_style)]
