"""Pane titles of the review screen, the focused one marked in text.

A mixin of :class:`~referee.tui.screens.review_screen.ReviewScreen`: which pane has
focus shows as ``» Title``, not only as a border shade (it must read with ``NO_COLOR``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual import events
    from textual.widget import Widget

    from referee.tui.widgets.article_view import ArticleView
    from referee.tui.widgets.claim_list import ClaimList
    from referee.tui.widgets.detail import Detail
    from referee.tui.widgets.reference_list import ReferenceList

FOCUS_MARK = "» "
"""Put before the focused pane's title: focus shows in text, not only as a border shade."""


class PaneTitles:
    """Keeps each pane's title and marks the focused one."""

    _titles: dict[str, str]
    article: ArticleView
    claims: ClaimList
    references: ReferenceList
    detail: Detail

    def _set_title(self, pane: Widget, title: str) -> None:
        """A pane's title, marked with :data:`FOCUS_MARK` while the pane has focus."""
        self._titles[pane.id or ""] = title
        shown = FOCUS_MARK + title if pane.has_focus_within else title
        if pane.border_title != shown:  # setting a border title always redraws
            pane.border_title = shown

    def _mark_focused_pane(self) -> None:
        for pane in (self.article, self.claims, self.references, self.detail):
            if (pane.id or "") in self._titles:
                self._set_title(pane, self._titles[pane.id or ""])

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        self._mark_focused_pane()
