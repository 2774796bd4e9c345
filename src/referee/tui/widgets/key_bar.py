"""The key bar at the bottom of the review screen: the main keys, as remapped.

A single line of Content instead of Textual's ``Footer`` (which mounts one widget per
key and costs a noticeable share of start-up); the keys come from
:mod:`referee.tui.keymap` with the user's ``[keys]`` overrides applied.
"""

from __future__ import annotations

from collections.abc import Mapping

from textual.content import Content
from textual.widgets import Static

from referee.tui import keymap

FOOTER_SCOPES = ("review", "app")
PALETTE_ID = "command-palette"


def footer_items(overrides: Mapping[str, str]) -> list[tuple[str, str]]:
    """(key as shown, label) for every footer binding, first key of each."""
    items = []
    for scope in FOOTER_SCOPES:
        for spec in keymap.specs(scope):
            if spec.show:
                keys = keymap.effective_keys(spec.id, spec.keys, overrides)
                items.append((keymap.display_keys(keys.split(",")[0]), spec.description))
    palette = keymap.BY_ID[PALETTE_ID]
    keys = keymap.effective_keys(PALETTE_ID, palette.keys, overrides).split(",")[0]
    items.append((keymap.display_keys(keys).replace("ctrl+", "^"), palette.description))
    return items


class KeyBar(Static):
    """`` s ✓Supp  u ✗Unsup  o ≈Over  n Note  l Link  q Quit  ? Help  ^p Palette``."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(Content(""), id=id, markup=False)

    def show_keys(self, overrides: Mapping[str, str]) -> None:
        parts: list[str | tuple[str, str]] = []
        for key, label in footer_items(overrides):
            parts += [(f" {key} ", "bold reverse"), f" {label} "]
        self.update(Content.assemble(*parts))
