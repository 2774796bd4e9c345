"""Printing for people (Rich tables) and programs (JSON), never interpreting text.

Cells are built as :class:`rich.text.Text` from visible text, so article
content such as ``[bold]x[/]`` or ``ESC[2J`` prints literally.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from rich.console import Console
from rich.text import Text

from referee.visible import one_line, visible


def console(stderr: bool = False) -> Console:
    return Console(stderr=stderr, highlight=False, emoji=False, markup=False)


def cell(value: object, style: str = "", single_line: bool = True) -> Text:
    """A table cell that shows ``value`` literally."""
    if value is None:
        return Text("")
    text = str(value)
    return Text(one_line(text) if single_line else visible(text), style=style)


def print_json(data: Any) -> None:
    """JSON on stdout, text verbatim (control characters escaped by JSON itself)."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
    sys.stdout.write("\n")


def warn(message: str) -> None:
    console(stderr=True).print(Text("referee: warning: " + one_line(message), style="yellow"))
