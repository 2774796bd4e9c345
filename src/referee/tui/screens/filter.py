"""The claim filter for ``f``: by verdict, flagged, unreviewed, stale, orphan, dismissed."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from referee.review.glyphs import FLAGGED, UNREVIEWED, VERDICT_GLYPHS, flagged
from referee.tui import keymap
from referee.tui.screens.dialog import Dialog
from referee.tui.widgets.marked_list import MarkedOptionList

if TYPE_CHECKING:
    from referee.review.claimview import ClaimState

FILTERS: dict[str, tuple[str, str]] = {
    "all": (" ", "all claims"),
    "unreviewed": (UNREVIEWED, "no verdict yet"),
    "flagged": (FLAGGED, "with pre-flags (hints, not verdicts)"),
    "supported": (VERDICT_GLYPHS["supported"], "marked supported"),
    "unsupported": (VERDICT_GLYPHS["unsupported"], "marked unsupported"),
    "overstated": (VERDICT_GLYPHS["overstated"], "marked overstated"),
    "noted": ("✎", "with a note"),
    "conflict": ("‼", "merge conflicts to settle"),
    "stale": ("~", "text changed since reviewed"),
    "orphan": ("?", "no longer found in the article"),
    "dismissed": ("-", "dismissed as not a claim (d brings one back)"),
}


def matches(name: str, state: ClaimState) -> bool:
    """Whether a claim passes the filter ``name``."""
    if name == "dismissed" or state.dismissed:
        return name == "dismissed" and state.dismissed
    if name == "all":
        return True
    if name == "unreviewed":
        return state.verdict is None
    if name == "flagged":
        return flagged(state)
    if name == "noted":
        return bool(state.note)
    if name == "conflict":
        return bool(state.conflicts)
    if name in ("stale", "orphan"):
        return state.anchor == name
    return state.verdict == name


class FilterScreen(Dialog[str | None], inherit_bindings=False):
    """Pick a filter; dismisses with its name, or None on escape."""

    BINDINGS: ClassVar = keymap.bindings("filter", "dialog", "copy")

    def __init__(self, current: str, counts: Mapping[str, int]) -> None:
        super().__init__()
        self._current = current
        self._counts = counts

    def compose(self) -> ComposeResult:
        with Vertical(id="filter-dialog", classes="dialog"):
            yield Static(Content.assemble(("Show claims", "bold")), classes="dialog-title")
            options = []
            for name, (glyph, text) in FILTERS.items():
                mark = "•" if name == self._current else " "
                options.append(
                    Option(
                        Content.assemble(
                            f"{mark} {glyph} ",
                            (f"{name:<12}", "bold"),
                            f"{self._counts.get(name, 0):>5}  ",
                            (text, "dim"),
                        ),
                        id=name,
                    )
                )
            yield MarkedOptionList(
                *options, id="filter-options", classes="dialog-list", markup=False
            )

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = list(FILTERS).index(self._current)
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
