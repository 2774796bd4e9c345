"""The references pane: parsed entries with their check status."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import ClassVar

from textual.content import Content
from textual.message import Message
from textual.widgets.option_list import Option

from referee.model import Reference
from referee.review.glyphs import CHECK_KINDS, check_glyph
from referee.review.record import valid_source_id
from referee.tui import keymap
from referee.tui.widgets.marked_list import MarkedOptionList
from referee.visible import one_line

CHECK_STYLES = {
    "good": "$success",
    "warn": "$warning",
    "bad": "$error",
    "info": "$accent",
    "unknown": "dim",
}
MAX_ID_WIDTH = 14
"""Ids longer than this are cut (with …) in the list; the detail area shows them whole."""


def describe_reference(ref: Reference) -> str:
    """``Zhang 2021 · Acupuncture for …`` or the raw entry when fields are missing."""
    parts = []
    if ref.authors:
        parts.append(ref.authors[0] + (" et al." if len(ref.authors) > 2 else ""))
    if ref.year:
        parts.append(ref.year)
    head = " ".join(parts)
    if ref.title:
        return one_line(f"{head} · {ref.title}" if head else ref.title)
    return one_line(ref.raw)


def status_content(status: str | None, *, width: int = 0) -> Content:
    glyph, word = check_glyph(status)
    text = f"{glyph} {word}"
    if width:
        text = text.ljust(width)
    return Content.assemble((text, CHECK_STYLES[CHECK_KINDS.get(status, "unknown")]))


def status_width(statuses: Iterable[str | None]) -> int:
    """Cells for the status column: its longest glyph and word, and two spaces."""
    return 2 + max((len(" ".join(check_glyph(status))) for status in statuses), default=0)


CURRENT_MARKS = {"linked": "◆", "cited": "◇"}
"""Marks of the current claim's references: linked by the reviewer, cited in its text."""


def reference_prompt(
    ref: Reference,
    status: str | None,
    linked: bool | str,
    id_width: int = 0,
    status_cells: int = 19,
) -> Content:
    mark = CURRENT_MARKS.get(linked, " ") if isinstance(linked, str) else ("◆" if linked else " ")
    return Content.assemble(
        (mark, "bold $accent" if linked else "bold"),
        " ",
        status_content(status, width=status_cells),
        (_fit(ref.id, id_width), "bold"),
        "  ",
        *((ADDED, "italic"),) if valid_source_id(ref.id) else (),
        describe_reference(ref),
    )


ADDED = "added by the reviewer · "
"""Before an outside source in the list: not a reference the article gives."""


def _fit(ref_id: str, width: int) -> str:
    """``ref_id`` in ``width`` characters: padded, or cut with an ellipsis."""
    if width and len(ref_id) > width:
        return ref_id[: width - 1] + "…"
    return ref_id.ljust(width)


class ReferenceList(MarkedOptionList, inherit_bindings=False):
    """One line per reference: status glyph and word, id, first author, year, title; the
    reviewer's outside sources after the article's references, marked as added.

    ``◆`` marks the references linked to the current claim, ``◇`` those its text cites.
    """

    BINDINGS: ClassVar = keymap.bindings("references")

    class Chosen(Message):
        def __init__(self, ref_id: str) -> None:
            super().__init__()
            self.ref_id = ref_id

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self._refs: list[Reference] = []
        self._status: dict[str, str | None] = {}
        self._linked: frozenset[str] = frozenset()
        self._cited: frozenset[str] = frozenset()
        self._id_width = 0
        self._status_width = 0

    def set_references(self, refs: Sequence[Reference], statuses: Mapping[str, str | None]) -> None:
        self._refs = list(refs)
        self._id_width = min(max((len(ref.id) for ref in refs), default=0), MAX_ID_WIDTH)
        self._status = {ref.id: statuses.get(ref.id) for ref in refs}
        self._status_width = status_width(self._status.values())
        highlighted = self.highlighted
        self.set_options(Option(self._prompt(ref), id=ref.id) for ref in self._refs)
        if self._refs:
            self.highlighted = min(highlighted or 0, len(self._refs) - 1)

    def set_status(self, ref_id: str, status: str | None) -> None:
        if ref_id not in self._status or self._status[ref_id] == status:
            return
        self._status[ref_id] = status
        if status_width(self._status.values()) != self._status_width:
            self._status_width = status_width(self._status.values())
            for ref in self._refs:  # the column widens or narrows: every row
                self.replace_option_prompt(ref.id, self._prompt(ref))
            return
        self._redraw(ref_id)

    def set_linked(self, ref_ids: Iterable[str], cited: Iterable[str] = ()) -> None:
        """Mark the current claim's references: ``ref_ids`` linked, ``cited`` in its text."""
        linked, cites = frozenset(ref_ids), frozenset(cited)
        changed = (linked ^ self._linked) | (cites ^ self._cited)
        self._linked, self._cited = linked, cites
        for ref_id in changed:
            self._redraw(ref_id)

    def _prompt(self, ref: Reference) -> Content:
        return reference_prompt(
            ref,
            self._status.get(ref.id),
            "linked" if ref.id in self._linked else "cited" if ref.id in self._cited else "",
            self._id_width,
            self._status_width,
        )

    def _redraw(self, ref_id: str) -> None:
        for ref in self._refs:
            if ref.id == ref_id:
                self.replace_option_prompt(ref_id, self._prompt(ref))
                return

    @property
    def current(self) -> Reference | None:
        if self.highlighted is None or not self._refs:
            return None
        return self._refs[self.highlighted]

    def action_select(self) -> None:
        ref = self.current
        if ref is not None:
            self.post_message(self.Chosen(ref.id))
