"""The baseline of the start-up benches: a minimal Textual app showing an article's text
(``Static(Text(text))`` in a ``VerticalScroll``).

    .venv/bin/python bench/minimal_app.py ARTICLE     # runs until quit (bench/startup_tmux.py)

bench/startup.py imports it in its child and quits it once usable.
"""

from __future__ import annotations

import sys
from pathlib import Path

from rich.text import Text
from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static


class Minimal(App[None]):
    def __init__(self, text: str, *, quit_when_usable: bool = False) -> None:
        super().__init__()
        self.text = text
        self.quit_when_usable = quit_when_usable

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(Text(self.text))

    def on_ready(self) -> None:
        if self.quit_when_usable:  # after the refresh that follows the first screen
            self.call_after_refresh(self.exit)


if __name__ == "__main__":
    Minimal(Path(sys.argv[1]).read_text(encoding="utf-8")).run()
