"""The claim list: one line per claim, glyph + text, rendered line by line.

A Line-API widget: only the visible rows are drawn, moving the cursor redraws two
rows and a verdict change redraws one, so a list of thousands of claims stays fluid.
Claims that could not be placed exactly (stale, orphaned) sit in their own section
under a heading, shown with their stored quote.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from referee.review.glyphs import verdict_glyph, verdict_kind
from referee.tui import keymap
from referee.visible import one_line

if TYPE_CHECKING:
    from referee.review.claimview import ClaimState

APART_TITLE = "Stale / orphaned"


def _wrapped(message: str, width: int) -> list[str]:
    """``message`` (our own words, never article text) in lines of at most ``width``."""
    return textwrap.wrap(message, max(8, width)) or [""]


class _Header:
    __slots__ = ("title",)

    def __init__(self, title: str) -> None:
        self.title = title


def quote_of(state: ClaimState) -> str:
    """The text to show for a claim: its stored quote when it is stale or orphaned."""
    if state.anchor in ("stale", "orphan") and state.quote:
        return state.quote
    return state.text or state.quote or ""


class ClaimList(ScrollView, can_focus=True, inherit_bindings=False):
    """Claims in document order, then a section of stale and orphaned ones."""

    BINDINGS: ClassVar = keymap.bindings("claims")

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "claim-list--cursor",
        "claim-list--supported",
        "claim-list--unsupported",
        "claim-list--overstated",
        "claim-list--flagged",
        "claim-list--unreviewed",
        "claim-list--reviewed",
        "claim-list--section",
        "claim-list--tag",
        "claim-list--note",
    }

    class Highlighted(Message):
        """The current claim changed (``None`` when the list is empty)."""

        def __init__(self, claim_id: str | None) -> None:
            super().__init__()
            self.claim_id = claim_id

    class Chosen(Message):
        """Enter on a claim: show it."""

        def __init__(self, claim_id: str) -> None:
            super().__init__()
            self.claim_id = claim_id

    def __init__(self, *, name: str | None = None, id: str | None = None) -> None:
        super().__init__(name=name, id=id)
        self._rows: list[ClaimState | _Header] = []
        self._row_of: dict[str, int] = {}
        self._cursor: int | None = None
        self.empty_message = "No claims."

    # -- data ---------------------------------------------------------------

    def set_claims(
        self,
        main: Sequence[ClaimState],
        apart: Sequence[ClaimState] = (),
        *,
        keep: str | None = None,
    ) -> None:
        """Replace the rows; keep the cursor on ``keep`` (or the old current claim)."""
        keep = keep if keep is not None else self.current_id
        rows: list[ClaimState | _Header] = list(main)
        if apart:
            rows.append(_Header(f"{APART_TITLE} ({len(apart)})"))
            rows.extend(apart)
        self._rows = rows
        self._row_of = {
            row.id: index for index, row in enumerate(rows) if not isinstance(row, _Header)
        }
        self.virtual_size = Size(0, len(rows))
        old = self._cursor
        if keep is not None and keep in self._row_of:
            self._cursor = self._row_of[keep]
        elif self._row_of:
            self._cursor = self._next_row(min(old or 0, len(rows) - 1), 0)
        else:
            self._cursor = None
        self.refresh()
        self._scroll_to_cursor()
        if self.current_id != keep:
            self.post_message(self.Highlighted(self.current_id))

    def state(self, claim_id: str) -> ClaimState | None:
        """The state shown in the claim's row; None when the claim has no row."""
        index = self._row_of.get(claim_id)
        return None if index is None else self._rows[index]

    def update_claim(self, state: ClaimState) -> None:
        """A claim's verdict, note or refs changed: redraw its row only."""
        index = self._row_of.get(state.id)
        if index is not None:
            self._rows[index] = state
            self.refresh_line(index)

    @property
    def claim_ids(self) -> list[str]:
        return [row.id for row in self._rows if not isinstance(row, _Header)]

    @property
    def current_id(self) -> str | None:
        if self._cursor is None or self._cursor >= len(self._rows):
            return None
        row = self._rows[self._cursor]
        return None if isinstance(row, _Header) else row.id

    @property
    def current(self) -> ClaimState | None:
        claim_id = self.current_id
        return None if claim_id is None else self._rows[self._row_of[claim_id]]

    def __contains__(self, claim_id: object) -> bool:
        return claim_id in self._row_of

    # -- moving -------------------------------------------------------------

    def select(self, claim_id: str, *, post: bool = True) -> bool:
        index = self._row_of.get(claim_id)
        if index is None:
            return False
        self._move_to(index, post=post)
        return True

    def move(self, delta: int) -> bool:
        """Move ``delta`` claims (skipping headings); False when already at the end."""
        if self._cursor is None:
            return False
        index = self._cursor
        step = 1 if delta > 0 else -1
        for _ in range(abs(delta)):
            nxt = self._next_row(index + step, step)
            if nxt is None:
                break
            index = nxt
        if index == self._cursor:
            return False
        self._move_to(index)
        return True

    def _next_row(self, index: int, step: int) -> int | None:
        """The first claim row at ``index`` or beyond in direction ``step`` (0: either)."""
        rows = self._rows
        if step == 0:
            found = self._next_row(index, 1)
            return found if found is not None else self._next_row(index, -1)
        while 0 <= index < len(rows):
            if not isinstance(rows[index], _Header):
                return index
            index += step
        return None

    def _move_to(self, index: int, *, post: bool = True) -> None:
        old = self._cursor
        self._cursor = index
        if old is not None and old < len(self._rows):
            self.refresh_line(old)
        self.refresh_line(index)
        self._scroll_to_cursor()
        if post and old != index:
            self.post_message(self.Highlighted(self.current_id))

    def on_resize(self, event: events.Resize) -> None:
        """Keep the current claim in view when the list gets its size (or a new one)."""
        self.call_after_refresh(self._scroll_to_cursor)

    def _scroll_to_cursor(self) -> None:
        if self._cursor is None:
            return
        height = self.scrollable_content_region.height or 1
        top = int(self.scroll_offset.y)
        if self._cursor < top:
            self.scroll_to(y=self._cursor, animate=False)
        elif self._cursor >= top + height:
            self.scroll_to(y=self._cursor - height + 1, animate=False)

    def action_first(self) -> None:
        first = self._next_row(0, 1)
        if first is not None:
            self._move_to(first)

    def action_last(self) -> None:
        last = self._next_row(len(self._rows) - 1, -1)
        if last is not None:
            self._move_to(last)

    def action_page_down(self) -> None:
        self.move(max(1, self.scrollable_content_region.height - 1))

    def action_page_up(self) -> None:
        self.move(-max(1, self.scrollable_content_region.height - 1))

    def action_show(self) -> None:
        if self.current_id is not None:
            self.post_message(self.Chosen(self.current_id))

    # -- drawing ------------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._rich_style_cache.clear()
        self.refresh()

    def on_focus(self, event: events.Focus) -> None:
        self._rich_style_cache.clear()
        self.refresh()

    def on_blur(self, event: events.Blur) -> None:
        self._rich_style_cache.clear()
        self.refresh()

    def render_line(self, y: int) -> Strip:
        index = int(self.scroll_offset.y) + y
        width = self.scrollable_content_region.width
        base = self.rich_style
        if not self._rows:
            lines = _wrapped(self.empty_message, width - 1)
            if y < len(lines):
                return Strip([Segment(f" {lines[y]}", base)]).extend_cell_length(width, base)
            return Strip.blank(width, base)
        if index >= len(self._rows):
            return Strip.blank(width, base)
        row = self._rows[index]
        if isinstance(row, _Header):
            style = base + self.get_component_rich_style("claim-list--section", partial=True)
            text = set_cell_size(f" {row.title}", width)
            return Strip([Segment(text, style)], width)
        return self._claim_strip(row, index == self._cursor, width, base)

    def _claim_strip(self, state: ClaimState, current: bool, width: int, base: Style) -> Strip:
        style = self.get_component_rich_style
        if current:
            base = base + style("claim-list--cursor", partial=True)
        kind = verdict_kind(state)
        glyph_style = base + style(f"claim-list--{kind}", partial=True)
        text_style = base
        if state.verdict:
            text_style = base + style("claim-list--reviewed", partial=True)
        segments = [
            Segment("▸" if current else " ", base),
            Segment(verdict_glyph(state), glyph_style),
            Segment(
                "‼" if state.conflicts else "✎" if state.note else " ",
                base + style("claim-list--note", partial=True),
            ),
            Segment(" ", base),
        ]
        used = 4
        if state.anchor in ("stale", "orphan"):
            tag = f"{state.anchor} "
            segments.append(Segment(tag, base + style("claim-list--tag", partial=True)))
            used += len(tag)
        text = one_line(quote_of(state))
        room = max(0, width - used)
        if cell_len(text) > room:
            text = set_cell_size(text, max(0, room - 1)) + "…" if room else ""
        segments.append(Segment(text, text_style))
        return Strip(segments).extend_cell_length(width, base).crop(0, width)
