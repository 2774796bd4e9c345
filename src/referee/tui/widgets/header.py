"""The header: file name, progress, the active filter, and any warning."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from textual.content import Content
from textual.widgets import Static

from referee.review.glyphs import VERDICT_GLYPHS
from referee.visible import one_line

if TYPE_CHECKING:
    from referee.tui.widgets.detail import ContentPart


class ReviewHeader(Static):
    """``referee  post.md — 12/31 reviewed  ✓5 ✗4 ≈3  filter: unreviewed``.

    A read-only session gets a second line, ``READ-ONLY: <reason>``, in the error
    style, and so do article warnings (legacy encodings).
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(Content(""), id=id, markup=False)

    def show(
        self,
        name: str,
        progress: tuple[int, int],
        counts: Mapping[str, int],
        *,
        filter_name: str = "all",
        read_only: str | None = None,
        warnings: Sequence[str] = (),
        busy: str = "",
    ) -> None:
        reviewed, total = progress
        parts: list[ContentPart] = [
            (" referee ", "bold reverse"),
            " ",
            (one_line(name), "bold"),
            f" — {reviewed}/{total} reviewed ",
        ]
        tally = " ".join(
            f"{VERDICT_GLYPHS[verdict]}{counts.get(verdict, 0)}" for verdict in VERDICT_GLYPHS
        )
        parts.append((f" {tally}", "dim"))
        if filter_name != "all":
            parts.append((f"  filter: {filter_name}", "bold $accent"))
        if busy:
            parts.append((f"  {busy}", "italic"))
        lines = [Content.assemble(*parts)]
        if read_only:
            lines.append(
                Content.assemble((f" READ-ONLY: {one_line(read_only)} ", "bold reverse $error"))
            )
        for warning in warnings:
            lines.append(Content.assemble((f" ⚠ {one_line(warning)} ", "bold $warning")))
        self.set_class(len(lines) > 1, "-warning")
        self.update(Content("\n").join(lines))
