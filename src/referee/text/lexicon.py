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
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Mapping, Sequence
from itertools import accumulate, compress

_WORD = re.compile(r"\w+")
_COMPOUND = re.compile(r"\w+(?:[-'’]\w+)+")
_JOINER_RUN = re.compile(r"[-'’]")
# The joiner first, its lookbehind after it: the same matches as ``(?<=\w)[-'’](?=\w)``,
# but a pattern that starts with a character set is searched for in C, not tried at
# every position.
_JOINED = re.compile(r"[-'’](?<=\w[-'’])(?=\w)")
_SPLIT = re.compile(r"(\w+)")


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
    for i, token, depth in _tokens(pattern):
        if token == ")" and depth == 0:
            return i
    raise ValueError(f"unbalanced group: {pattern[:40]}")


def _tokens(pattern: str) -> Iterator[tuple[int, str, int]]:
    """``(index, token, depth)`` for the tokens of a regex source outside character
    classes: a token is an escape such as ``\\s`` or one character; ``depth`` is the
    number of groups around it (a group's own parentheses count as outside it)."""
    depth = 0
    in_class = False
    i = 0
    while i < len(pattern):
        token = pattern[i : i + 2] if pattern[i] == "\\" else pattern[i]
        if in_class:
            in_class = token != "]"
        elif token == "[":
            in_class = True
        else:
            if token == ")":
                depth -= 1
            yield i, token, depth
            if token == "(":
                depth += 1
        i += len(token)


# A word's plan: the patterns that may start at it, each cut down to the alternatives
# whose first word it is, tried in one ``match`` as optional lookaheads (one group
# per pattern), so patterns that match at the same word all report.
_Plan = tuple[re.Pattern[str], tuple[int, ...]] | None


class Lexicon:
    """Named word-anchored patterns, scanned together."""

    def __init__(self, patterns: Mapping[str, re.Pattern[str]]) -> None:
        self.names = tuple(patterns)
        self._full = tuple(patterns.values())
        self._alternatives = tuple(alternatives(p.pattern) for p in self._full)
        self._suffix = tuple(")\\b" if p.pattern.endswith(")\\b") else ")" for p in self._full)
        # One regex per pattern tells which of its alternatives may start with a word:
        # alternative j's first word, anchored to the whole word, in lookahead group j.
        self._which = tuple(
            re.compile("".join(f"(?:(?=((?:{first_word(a)})\\Z)))?" for a in alts))
            for alts in self._alternatives
        )
        self._plans: dict[str, _Plan] = {}
        self._cut: dict[tuple[tuple[int, tuple[int, ...]], ...], _Plan] = {}

    def _starts(self, word: str) -> dict[int, tuple[int, ...]]:
        """Pattern index -> the indices of its alternatives that may start with ``word``."""
        found = {}
        for i, which in enumerate(self._which):
            groups = which.match(word).groups()
            if any(groups):
                found[i] = tuple(j for j, group in enumerate(groups) if group is not None)
        return found

    def _plan(self, starts: dict[int, tuple[int, ...]]) -> _Plan:
        if not starts:
            return None
        key = tuple(sorted(starts.items()))
        plan = self._cut.get(key)
        if plan is None:
            lookaheads = []
            for i, chosen in key:
                body = "|".join(self._alternatives[i][j] for j in chosen)
                lookaheads.append(f"(?=(\\b(?:{body}{self._suffix[i]}))?")
            plan = (re.compile("".join(lookaheads)), tuple(i for i, _ in key))
            self._cut[key] = plan
        return plan

    def _word_plan(self, word: str) -> _Plan:
        plan = self._plans.get(word)
        if plan is None:
            plan = self._plans[word] = self._plan(self._starts(word))
        return plan

    def _compound_plan(self, text: str, pos: int) -> _Plan:
        """The plan at ``pos`` when the word there is joined by hyphens or apostrophes
        to the next: every joined prefix is a possible first word too."""
        word = _COMPOUND.match(text, pos).group()
        key = "\0" + word  # no word contains NUL: compound plans share the plan cache
        plan = self._plans.get(key, False)
        if plan is False:
            words = [word[: j.start()] for j in _JOINER_RUN.finditer(word)] + [word]
            merged: dict[int, set[int]] = {}
            for part in words:
                for i, chosen in self._starts(part).items():
                    merged.setdefault(i, set()).update(chosen)
            plan = self._plan({i: tuple(sorted(chosen)) for i, chosen in merged.items()})
            self._plans[key] = plan
        return plan

    def scan(
        self, text: str, start: int = 0, end: int | None = None
    ) -> dict[str, list[tuple[int, int]]]:
        """Spans of the patterns that match in ``text[start:end]``, each list in text
        order and non-overlapping (as ``finditer`` would give); patterns without a
        match are left out."""
        return self.scan_spans(text, [(start, len(text) if end is None else end)])[0]

    def scan_spans(
        self, text: str, spans: Sequence[tuple[int, int]]
    ) -> list[dict[str, list[tuple[int, int]]]]:
        """:meth:`scan` for each of ``spans`` (sorted, not overlapping), splitting the
        text into words once: only words that may start a pattern are visited, and
        only the alternatives they may start are tried."""
        parts = _SPLIT.split(text)  # non-word, word, non-word, word, ..., non-word
        words = parts[1::2]
        word_starts = list(accumulate(map(len, parts), initial=0))[1::2]
        plans = self._plans
        for word in set(words).difference(plans):
            self._word_plan(word)
        word_plans = [plans[w] for w in words]
        for joiner in _JOINED.finditer(text):
            k = bisect_right(word_starts, joiner.start()) - 1
            plan = self._compound_plan(text, word_starts[k]) if k >= 0 else None
            if plan is not None:
                word_plans[k] = plan
        # The words with a plan, in text order (a plan is a non-empty tuple, or None).
        positions = list(compress(word_starts, word_plans))
        tried: list[tuple[re.Pattern[str], tuple[int, ...]]] = list(filter(None, word_plans))
        count = len(self._full)
        names = self.names
        results = []
        for start, end in spans:
            found: dict[int, list[tuple[int, int]]] = {}
            lo, hi = bisect_left(positions, start), bisect_left(positions, end)
            reach = [0] * count
            for pos, (pattern, which) in zip(positions[lo:hi], tried[lo:hi], strict=True):
                hit = pattern.match(text, pos, end)
                if hit.lastindex is None:
                    continue  # none of the patterns goes on past its first word here
                regs = hit.regs  # the span of every group; (-1, -1) for one that did not match
                for group, i in enumerate(which, 1):
                    span = regs[group]
                    if span[1] > pos and pos >= reach[i]:
                        if i in found:
                            found[i].append(span)
                        else:
                            found[i] = [span]
                        reach[i] = span[1]
            results.append({names[i]: spans for i, spans in found.items()})
        return results


def _closes_at_end(body: str) -> bool:
    """True when the group opened at ``body[0]`` closes at its last character."""
    try:
        return _group_end(body) == len(body) - 1
    except ValueError:
        return False


def _split_top(body: str, separator: str, limit: int = -1) -> list[str]:
    """Split a regex at top-level ``separator`` (``|``, dropped; or ``\\s``, which
    stays at the start of the part after it), into at most ``limit`` leading parts."""
    parts: list[str] = []
    start = 0
    for i, token, depth in _tokens(body):
        if depth == 0 and token == separator:
            parts.append(body[start:i])
            start = i if separator == r"\s" else i + 1
            if len(parts) == limit:
                return parts
    parts.append(body[start:])
    return parts
