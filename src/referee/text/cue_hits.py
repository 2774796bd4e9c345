"""Where the cue patterns are in a text, sentence by sentence.

The patterns for lowered text (cue families, the words of the flags, the words that
decide a kind) are found in one pass with :class:`~referee.text.lexicon.Lexicon` in a
long text, pattern by pattern in a short one (the same spans); the cased families
(digits, years, agencies, names) are searched in the original text and merged as
their alternation would find them. :mod:`referee.text.claims` scores what is found.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from functools import cache

from referee.model import Sentence
from referee.text import cues as C
from referee.text.lexicon import Lexicon

EFFICACY = re.compile(
    r"\b(?:effective\w*|efficac\w+|cur(?:e|es|ed|ing)|treat(?:s|ed|ing|ment|ments)?|improv\w*|"
    r"reliev\w*|relief|alleviat\w*|heal\w*|promis\w+|benefit\w*|beneficial|analgesic|helps?)\b"
)
SAFETY_WORDS = re.compile(
    r"\b(?:safe|safety|side\s+effects?|adverse|toxic\w*|harmless|well-tolerated|risk-free)\b"
)
KIND_PATTERNS = {"kind:safety": SAFETY_WORDS, "kind:efficacy": EFFICACY}
"""Words that decide a claim's kind, found in the one scan with the cue patterns."""


def _named(families: Sequence[C.Family]) -> dict[str, re.Pattern[str]]:
    return {f.name: f.pattern for f in families if not f.cased}


FLAG_PATTERNS = {
    "hedge": C.HEDGE,
    "conditional": C.CONDITIONAL,
    "can": C.CAN,
    "strong_causal": C.STRONG_CAUSAL,
    "booster": C.BOOSTER,
    "vague": C.VAGUE,
    "generalised": C.GENERALISED,
    "promise": C.PROMISE,
    "safety": C.SAFETY,
    "animal": C.ANIMAL,
    "people": C.PEOPLE,
    "observational": C.OBSERVATIONAL,
    "advice": C.ADVICE,
    "purpose": C.PURPOSE,
    "discourse": C.DISCOURSE,
}
FAMILY_KEYS = [f"{i}:{f.name}" for i, f in enumerate(C.POSITIVE)]
KEY = {f.name: key for key, f in reversed(list(zip(FAMILY_KEYS, C.POSITIVE, strict=True)))}
# Patterns for lowered text, found word by word; the cased families (capitals,
# digits) are scanned in the original text (``cased_spans`` below).
WORD_PATTERNS: dict[str, re.Pattern[str]] = {
    **{
        key: family.pattern
        for key, family in zip(FAMILY_KEYS, C.POSITIVE, strict=True)
        if not family.cased
    },
    **_named(C.NEGATIVE),
    **FLAG_PATTERNS,
    "auxiliary": C.AUXILIARY,  # the verb an assertion cue quotes (``_assertion``)
    **KIND_PATTERNS,
}
LEXICON_FROM = 50_000
"""Texts at least this long are scanned with the one-pass :class:`Lexicon` (whose
regexes cost ~30 ms to build once); shorter ones pattern by pattern, sentence by
sentence, which finds exactly the same spans."""


@cache
def lexicon() -> Lexicon:
    return Lexicon(WORD_PATTERNS)


Spans = list[tuple[int, int]]


def _glued(char: str) -> bool:
    """A digit run right after this character is part of a word or a decimal."""
    return char.isalnum() or char in "._"


EMPTY: Spans = []


# The patterns that need capitals or digits, in one scan of the original text. A year
# comes first: digits that are a year are never also a quantity.
CASED_FAMILIES = sorted(
    (
        (key, family.pattern)
        for key, family in zip(FAMILY_KEYS, C.POSITIVE, strict=True)
        if key not in WORD_PATTERNS
    ),
    key=lambda item: item[1] is not C.YEAR,
)
_CASED_KEYS = tuple(key for key, _ in CASED_FAMILIES)
_CASED_PATTERNS = tuple(pattern for _, pattern in CASED_FAMILIES)


def cased_spans(text: str) -> Iterator[tuple[str, int, int]]:
    """``(key, start, end)`` of the cased families' matches, left to right, as one
    alternation of them (in ``CASED_FAMILIES`` order) scanning the text would find
    them: at each place the first family that matches there, and on after its match.
    Each pattern searches on its own (none matches the empty string), and searches
    again only when the match it had found was passed over: far faster than the
    alternation, which ``re`` tries at every position."""
    patterns = _CASED_PATTERNS
    ahead = [pattern.search(text) for pattern in patterns]
    pos = 0
    while True:
        best, best_start = -1, len(text) + 1
        for i, match in enumerate(ahead):
            if match is None:
                continue
            start = match.start()
            if start < pos:
                match = ahead[i] = patterns[i].search(text, pos)
                if match is None:
                    continue
                start = match.start()
            if start < best_start:
                best, best_start = i, start
        if best < 0:
            return
        pos = ahead[best].end()
        yield _CASED_KEYS[best], best_start, pos


NUMBER_KEY = next(name for name, pattern in CASED_FAMILIES if pattern is C.NUMBER)
YEAR_KEY = next(name for name, pattern in CASED_FAMILIES if pattern is C.YEAR)


def scan_each(lowered: str, start: int, end: int) -> dict[str, Spans]:
    """What :meth:`Lexicon.scan` finds in ``lowered[start:end]``, pattern by pattern."""
    found = {}
    for name, pattern in WORD_PATTERNS.items():
        spans = [m.span() for m in pattern.finditer(lowered, start, end) if m.end() > m.start()]
        if spans:
            found[name] = spans
    return found


class Hits:
    """Everything the patterns found in a text, grouped by the sentence it lies in."""

    def __init__(self, text: str, lowered: str, sentences: Sequence[Sentence]) -> None:
        spans = [(s.start, s.end) for s in sentences]
        self.buckets: list[dict[str, Spans]] = (
            lexicon().scan_spans(lowered, spans)
            if len(lowered) >= LEXICON_FROM
            else [scan_each(lowered, start, end) for start, end in spans]
        )
        starts = [s.start for s in sentences]
        ends = [s.end for s in sentences]
        for name, a, b in cased_spans(text):
            if name == NUMBER_KEY and a and _glued(text[a - 1]):
                continue
            i = bisect_right(starts, a) - 1
            if i >= 0 and b <= ends[i]:
                self.buckets[i].setdefault(name, []).append((a, b))
        self.mentioned: set[str] = set().union(*self.buckets)
