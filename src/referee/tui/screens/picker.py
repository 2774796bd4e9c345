"""The article picker for a bare ``referee``: articles in the current folder."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from referee.errors import RefereeError
from referee.review.store import review_path
from referee.tui import keymap
from referee.tui.widgets.marked_list import MarkedOptionList
from referee.visible import one_line

ARTICLE_SUFFIXES = (".md", ".markdown", ".txt")


def find_articles(folder: Path) -> list[Path]:
    """Article files directly in ``folder``, by name."""
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    return sorted(
        (path for path in entries if path.suffix.lower() in ARTICLE_SUFFIXES and path.is_file()),
        key=lambda path: path.name.lower(),
    )


class PickerScreen(Screen[Path | None], inherit_bindings=False):
    """Choose an article; dismisses with its path, or None on escape."""

    BINDINGS: ClassVar = keymap.bindings("picker", "dialog", "copy")

    def __init__(self, folder: Path, articles: Sequence[Path]) -> None:
        super().__init__()
        self._folder = folder
        self._articles = list(articles)

    def compose(self) -> ComposeResult:
        with Vertical(id="picker"):
            yield Static(
                Content.assemble(
                    (" referee ", "bold reverse"),
                    "  choose an article in ",
                    (one_line(str(self._folder)), "bold"),
                ),
                id="picker-title",
                markup=False,
            )
            options = [
                Option(self._prompt(path, ""), id=str(index))
                for index, path in enumerate(self._articles)
            ]
            yield MarkedOptionList(*options, id="picker-options", markup=False)
        yield Footer()

    def _prompt(self, path: Path, progress: str) -> Content:
        reviewed = review_path(path).exists()
        return Content.assemble(
            ("◆ " if reviewed else "  ", "bold"),
            (one_line(path.name), "bold"),
            (f"  {_size(path)}", "dim"),
            (f"  {progress}" if progress else ("  (has a review)" if reviewed else ""), "dim"),
        )

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = 0 if self._articles else None
        options.focus()
        if self._articles:
            self._measure_progress()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _measure_progress(self) -> None:
        """Each article's progress, worked out in the background (each is analysed):
        the list is usable at once and fills in row by row."""
        from referee.review.session import Session

        worker = get_current_worker()
        for index, path in enumerate(self._articles):
            if worker.is_cancelled:
                return
            try:
                done, total = Session.open(path).progress()
            except RefereeError:
                progress = "cannot be read"
            else:
                progress = f"{done}/{total} reviewed" if total else "no claims found"
            self.app.call_from_thread(self._show_progress, index, progress)

    def _show_progress(self, index: int, progress: str) -> None:
        options = self.query_one(OptionList)
        options.replace_option_prompt_at_index(index, self._prompt(self._articles[index], progress))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self._articles[event.option_index])

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_open(self) -> None:
        index = self.query_one(OptionList).highlighted
        if index is not None:
            self.dismiss(self._articles[index])


def _size(path: Path) -> str:
    try:
        size = path.stat().st_size
    except OSError:
        return ""
    return f"{size / 1024:.1f} KB" if size >= 1024 else f"{size} B"
