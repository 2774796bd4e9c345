"""Many word-anchored patterns matched in one pass over a text.

Python's ``re`` tries every alternative of a big alternation at every
position, so scanning a 1 MB article once per cue family costs tens of
milliseconds a family. A :class:`Lexicon` instead walks the words of the text
once; for each distinct word it learns, once, which patterns could start there
(the *first word* of each alternative), and only at those words does it run
the full pattern with ``match``. Results are the same spans ``finditer`` finds
for patterns of the shape ``\\b(?:alt|alt|…)`` (optionally followed by ``\\b``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

_WORD = re.compile(r"\w+")
_COMPOUND = re.compile(r"\w+(?:[-'’]\w+)+")
_JOINERS = frozenset("-'’")
_JOINER_RUN = re.compile(r"[-'’]")


def alternatives(source: str) -> list[str]:
    """The top-level alternatives of ``\\b(?:a|b|c)\\b``."""
    body = source
    if body.startswith(r"\b"):
        body = body[2:]
    if body.endswith(r"\b"):
        body = body[:-2]
    if not (body.startswith("(?:") and body.endswith(")") and _closes_at_end(body)):
        raise ValueError(f"not a word-anchored alternation: {source[:40]}…")
    return _split_top(body[3:-1], "|")


def first_word(alternative: str) -> str:
    r"""A pattern for the words an alternative can start with.

    The part before the first top-level ``\s``; a leading ``(?:…)`` group is
    opened up (each of its alternatives followed by the rest), and when the
    group is optional what follows it may come first too.
    """
    return "|".join(f"(?:{head})" for head in dict.fromkeys(_heads(alternative)))


def _heads(alternative: str) -> list[str]:
    if alternative.startswith("(?:"):
        close = _group_end(alternative)
        rest = alternative[close + 1 :]
        optional = rest[:1] in ("?", "*")
        if optional:
            rest = rest[1:]
        inner = _split_top(alternative[3:close], "|")
        heads = [h for part in inner for h in _heads(part + rest)]
        if optional:
            heads.extend(_heads(rest.lstrip()) if rest.strip() else [])
        return heads
    return [_split_top(alternative, r"\s", limit=1)[0]]


def _group_end(pattern: str) -> int:
    """Index of the ``)`` closing the group that opens at ``pattern[0]``."""
    depth = 0
    in_class = False
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    raise ValueError(f"unbalanced group: {pattern[:40]}")


class Lexicon:
    """Named word-anchored patterns, scanned together."""

    def __init__(self, patterns: Mapping[str, re.Pattern[str]]) -> None:
        self.names = tuple(patterns)
        self._full = tuple(patterns.values())
        self._first = tuple(
            re.compile("|".join(f"(?:{first_word(a)})" for a in alternatives(p.pattern)))
            for p in self._full
        )
        self._masks: dict[str, tuple[int, ...]] = {}

    def _mask(self, word: str) -> tuple[int, ...]:
        mask = self._masks.get(word)
        if mask is None:
            mask = tuple(i for i, first in enumerate(self._first) if first.fullmatch(word))
            self._masks[word] = mask
        return mask

    def _compound_mask(self, text: str, pos: int, mask: tuple[int, ...]) -> tuple[int, ...]:
        """Add what may start at ``pos`` when the word there is joined by hyphens or
        apostrophes to the next: every joined prefix is a possible first word."""
        compound = _COMPOUND.match(text, pos)
        if compound is None:
            return mask
        found = set(mask)
        word = compound.group()
        for joiner in _JOINER_RUN.finditer(word):
            found.update(self._mask(word[: joiner.start()]))
        found.update(self._mask(word))
        return tuple(sorted(found))

    def scan(
        self, text: str, start: int = 0, end: int | None = None
    ) -> dict[str, list[tuple[int, int]]]:
        """Spans of the patterns that match in ``text[start:end]``, each list in text
        order and non-overlapping (as ``finditer`` would give); patterns without a
        match are left out."""
        end = len(text) if end is None else end
        found: dict[int, list[tuple[int, int]]] = {}
        reach = [0] * len(self._full)
        full = self._full
        masks = self._masks
        for match in _WORD.finditer(text, start, end):
            word = match.group()
            mask = masks.get(word)
            if mask is None:
                mask = self._mask(word)
            after = match.end()
            pos = match.start()
            if after < end and text[after] in _JOINERS:
                mask = self._compound_mask(text, pos, mask)
            for i in mask:
                if pos < reach[i]:
                    continue
                hit = full[i].match(text, pos, end)
                if hit is not None:
                    span = hit.span()
                    if span[1] > pos:
                        if i in found:
                            found[i].append(span)
                        else:
                            found[i] = [span]
                        reach[i] = span[1]
        names = self.names
        return {names[i]: found[i] for i in sorted(found)}


def _closes_at_end(body: str) -> bool:
    """True when the group opened at ``body[0]`` closes at its last character."""
    try:
        return _group_end(body) == len(body) - 1
    except ValueError:
        return False


def _split_top(body: str, separator: str, limit: int = -1) -> list[str]:
    """Split a regex at top-level ``separator`` (``|`` or ``\\s``)."""
    parts: list[str] = []
    depth = 0
    in_class = False
    start = 0
    i = 0
    while i < len(body):
        ch = body[i]
        if ch == "\\":
            if separator == r"\s" and body.startswith(r"\s", i) and depth == 0 and not in_class:
                parts.append(body[start:i])
                start = i
                if limit > 0 and len(parts) >= limit:
                    break
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == separator == "|" and depth == 0:
            parts.append(body[start:i])
            start = i + 1
        i += 1
    else:
        parts.append(body[start:])
    return parts
