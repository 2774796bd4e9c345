"""What changed in a claim's wording: the stored quote and the text now at its place,
word by word, for a reviewer deciding whether a stale verdict still stands."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

Piece = tuple[str, bool]
"""A run of text and whether it changed."""

_TOKENS = re.compile(r"\s+|\w+|[^\w\s]")


def word_changes(old: str, new: str) -> tuple[list[Piece], list[Piece]]:
    """``old`` and ``new`` cut into runs, each marked changed or not; the unchanged runs
    are the words both share, in order. Joining a side's runs gives that side back."""
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    before: list[Piece] = []
    after: list[Piece] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        changed = tag != "equal"
        _add(before, "".join(a[i1:i2]), changed)
        _add(after, "".join(b[j1:j2]), changed)
    return _joined(before), _joined(after)


def _joined(pieces: list[Piece]) -> list[Piece]:
    """Changed words parted only by white space read as one change: ``focuses on``."""
    out: list[Piece] = []
    for text, changed in pieces:
        if changed and len(out) >= 2 and out[-2][1] and not out[-1][0].strip():
            space = out.pop()[0]
            out[-1] = (out[-1][0] + space + text, True)
        else:
            out.append((text, changed))
    return out


def _add(pieces: list[Piece], text: str, changed: bool) -> None:
    if not text:
        return
    if changed:
        # White space is never a changed word: only what lies between it is marked.
        core = text.strip()
        if not core:
            changed = False
        elif core != text:
            head, tail = text[: text.index(core)], text[text.index(core) + len(core) :]
            for part, flag in ((head, False), (core, True), (tail, False)):
                _add(pieces, part, flag)
            return
    if pieces and pieces[-1][1] == changed:
        pieces[-1] = (pieces[-1][0] + text, changed)
    else:
        pieces.append((text, changed))
