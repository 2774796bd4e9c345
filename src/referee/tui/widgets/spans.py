"""Sorted spans with the look-ups the article pane's rendering needs, and the one
change it makes to the drawn text (list markers as bullets)."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

BULLET = "•"


class Spans:
    """Half-open spans sorted by start, with the lookups rendering needs."""

    __slots__ = ("ends", "items", "max_ends", "starts")

    def __init__(self, items: Sequence[tuple[int, int, object]]) -> None:
        self.items = sorted(items, key=lambda item: (item[0], item[1]))
        self.starts = [item[0] for item in self.items]
        self.ends = [item[1] for item in self.items]
        running = -1
        self.max_ends = []
        for end in self.ends:
            running = max(running, end)
            self.max_ends.append(running)

    def overlapping(self, start: int, end: int) -> list[tuple[int, int, object]]:
        """Spans meeting ``[start, end)`` (empty spans count when they sit inside it)."""
        index = bisect_left(self.starts, end) - 1
        found = []
        items, max_ends = self.items, self.max_ends
        while index >= 0 and max_ends[index] > start:
            item = items[index]
            if item[1] > start or item[0] == item[1] >= start:
                found.append(item)
            index -= 1
        found.reverse()
        return found

    def starting_in(self, start: int, end: int) -> list[tuple[int, int, object]]:
        return self.items[bisect_left(self.starts, start) : bisect_left(self.starts, end)]


NO_SPANS = Spans(())


def with_bullets(display: str, bullets: Sequence[int]) -> str:
    """``display`` with a ``•`` in place of each list marker at ``bullets`` (one code point
    for one, so offsets do not move)."""
    if not bullets:
        return display
    chars = list(display)
    for offset in bullets:
        if offset < len(chars) and chars[offset] in "-*+":
            chars[offset] = BULLET
    return "".join(chars)
