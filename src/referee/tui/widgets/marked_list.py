"""An option list whose highlighted row is marked ``▸``, not only shaded.

With ``NO_COLOR`` (or a theme whose shades are close) a highlight shown by colour
alone disappears; every list in referee marks its selected row in text, as the claim
list does.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import OptionList

MARKER = "▸"


class MarkedOptionList(OptionList):
    """:class:`OptionList` with a one-cell gutter holding ``▸`` beside the highlighted row."""

    def _get_left_gutter_width(self) -> int:
        # Textual's hook for subclasses with a gutter (SelectionList uses it): options
        # are laid out one cell narrower, and mouse positions account for it.
        return 1

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        line = self.scroll_offset.y + y
        segments = list(strip)
        style = segments[0].style if segments else None
        marker = " "
        if self.highlighted is not None and line < len(self._lines):
            index, offset = self._lines[line]
            if index == self.highlighted and offset == 0:
                marker = MARKER
        return Strip([Segment(marker, style), *segments], strip.cell_length + 1)
