"""Map offsets in an old version of a text onto a new version.

A line diff (difflib) finds the unchanged stretches; inside each changed chunk
that is small enough a character diff (rapidfuzz Indel) maps positions exactly.
Used by :mod:`referee.review.anchoring` when the article at the review's ``base`` is
available from git.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import accumulate

from rapidfuzz.distance import Indel

_FINE_LIMIT = 40_000_000  # chunk-length product above which no character diff is run

_Op = tuple[int, int, int, int, str]  # old start, old end, new start, new end, tag


class DiffMap:
    """Maps offsets of an old text into a new one: a line diff, then a character
    diff (rapidfuzz Indel) inside each changed chunk that is small enough."""

    def __init__(self, old: str, new: str) -> None:
        self.old, self.new = old, new
        old_lines, new_lines = old.splitlines(keepends=True), new.splitlines(keepends=True)
        old_at = list(accumulate(map(len, old_lines), initial=0))
        new_at = list(accumulate(map(len, new_lines), initial=0))
        matcher = SequenceMatcher(None, old_lines, new_lines)
        self.ops: list[_Op] = [
            (old_at[i1], old_at[i2], new_at[j1], new_at[j2], tag)
            for tag, i1, i2, j1, j2 in matcher.get_opcodes()
            if i2 > i1
        ]
        self.starts = [op[0] for op in self.ops]
        self.fine: dict[int, list[_Op] | None] = {}

    def span(self, start: int, end: int) -> tuple[int, int, bool]:
        """(new start, new end, precise); new end == new start when the span was deleted."""
        a, precise_a = self._map(start, True)
        b, precise_b = self._map(end, False)
        return a, max(a, b), precise_a and precise_b

    def _map(self, pos: int, is_start: bool) -> tuple[int, bool]:
        if not self.ops:
            return 0, False
        k = (bisect_right if is_start else bisect_left)(self.starts, pos) - 1
        k = max(0, min(k, len(self.ops) - 1))
        a0, a1, b0, b1, tag = self.ops[k]
        pos = min(max(pos, a0), a1)
        if tag == "equal":
            return b0 + pos - a0, True
        if tag == "delete":
            return b0, True
        fine = self._fine(k)
        if fine is None:
            return b0 + round((pos - a0) * (b1 - b0) / max(1, a1 - a0)), False
        return b0 + _map_in(fine, pos - a0, is_start), True

    def _fine(self, k: int) -> list[_Op] | None:
        if k not in self.fine:
            a0, a1, b0, b1, _ = self.ops[k]
            if (a1 - a0) * (b1 - b0) > _FINE_LIMIT:
                self.fine[k] = None
            else:
                ops = Indel.opcodes(self.old[a0:a1], self.new[b0:b1])
                self.fine[k] = [
                    (op.src_start, op.src_end, op.dest_start, op.dest_end, op.tag) for op in ops
                ]
        return self.fine[k]


def _map_in(ops: list[_Op], pos: int, is_start: bool) -> int:
    """Map ``pos`` through character opcodes (a start stays before inserted text,
    an end inside deleted text takes the insertion that replaced it)."""
    for i, (a0, a1, b0, _b1, tag) in enumerate(ops):
        if a0 == a1 or not (a0 <= pos < a1 if is_start else a0 < pos <= a1):
            continue
        if tag == "equal":
            return b0 + pos - a0
        after = ops[i + 1] if i + 1 < len(ops) else None
        return after[3] if not is_start and after and after[4] == "insert" else b0
    return ops[-1][3] if ops else 0


@lru_cache(maxsize=2)
def diff_map(old: str, new: str) -> DiffMap:
    return DiffMap(old, new)
