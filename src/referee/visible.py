"""Make control characters visible, one code point for one code point.

Article text reaches terminals through Rich tables and the TUI. Escape
sequences (``ESC[2J``, ``ESC]52;…BEL``) and other control characters must be
shown, never obeyed, and bidirectional overrides must not reorder what the
reviewer reads. Every character keeps its index, so spans into the canonical
text stay valid for the visible text.
"""

from __future__ import annotations

import re

_C0 = {code: chr(0x2400 + code) for code in range(0x20) if chr(code) not in "\n\t"}
_TABLE = {
    **_C0,
    0x7F: "\u2421",  # ␡
    **dict.fromkeys(range(0x80, 0xA0), "\ufffd"),
    # Bidirectional embeddings, overrides and isolates; line/paragraph separators.
    **dict.fromkeys(
        [0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069], "\u2983"
    ),
    0x2028: "\u21b5",
    0x2029: "\u00b6",
}
_NEEDS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def visible(text: str) -> str:
    """``text`` with every control character replaced by a visible stand-in."""
    if _NEEDS.search(text) is None:
        return text
    return text.translate(_TABLE)


def one_line(text: str) -> str:
    """Visible text on one line: newlines and tabs become spaces."""
    return visible(text).replace("\n", " ").replace("\t", " ")
