"""Sentence spans inside prose blocks.

A small regex splitter with vetoes, run per block (a list item is its own
unit): candidate ends are ``.``, ``?``, ``!`` and ``…`` with any closing quotes
or brackets and trailing citation markers (``[3]``, ``[^1]``, superscripts),
followed by whitespace and something that can start a sentence. Abbreviations
(``et al.``, ``e.g.``, ``Dr.``, ``approx.``), initials and decimals do not end a
sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from referee.model import Block, Sentence

_CITE_TAIL = (
    r"(?:[ \t]?(?:\[\^[^\]\s]{1,40}\]|\[\d{1,3}(?:[ \t]*[-–—,][ \t]*\d{1,3})*\])"
    r"|[¹²³⁰⁴-⁹]+(?:[,⁻–-][¹²³⁰⁴-⁹]+)*)*"
)
# ``(?:[.!?]+|…)``, written to start with one character set so that ``re`` skips to the
# next candidate end instead of trying the pattern at every position.
_BOUNDARY = re.compile(
    r"[.!?…](?:(?<=…)|(?<=[.!?])[.!?]*)[\"”’'»)\]*_]*"
    + _CITE_TAIL
    + r"(?P<gap>\s+)(?=(?P<next>\S))"
)
_WORD_BEFORE = re.compile(r"[\w.'’-]*$")

# Never a sentence end when the period follows one of these.
NEVER = frozenset(
    """
    dr prof mr mrs ms mx st vs v approx e.g i.e cf ca fig figs no nos vol vols pp p eq eqs
    ref refs suppl jan feb mar apr jun jul aug sep sept oct nov dec med j engl intern clin
    res sci int am natl acad yrs yr min max mt univ dept est ed eds rev gen gov sen rep lt
    col capt sgt ft ave blvd ch chap sec approx. viz al. resp dept. assoc inst biol chem
    phys pharmacol immunol epidemiol ann proc soc arch br eur nutr neurol psychiatry cardiol
    """.split()
)
# A sentence may end after these, but only before a word that starts sentences.
MAYBE = frozenset(
    """
    al etc u.s u.k u.n e.u a.m p.m inc ltd co corp ph.d m.d d.c jr sr bros llc plc
    """.split()
)
STARTERS = frozenset(
    """
    a an the this that these those it its in on at for from by with as but however although
    though while when where if because since after before during there here they we you he
    she i our their his her my some many most all no not one two three several each both
    such moreover furthermore meanwhile also still yet so thus therefore hence then finally
    overall researchers scientists studies patients people experts according
    """.split()
)
_DATELINE = re.compile(
    r"[A-Z][A-Z'’.-]{2,}(?:[ \t]+[A-Z][A-Z'’.-]+)*"
    r"(?:,[ \t]+[A-Z][\w.]*(?:[ \t]+[A-Z][\w.]*)*)*"
    r"(?:,[ \t]+(?:\d{1,2}[ \t]+[A-Z][a-z]+\.?|[A-Z][a-z]+\.?[ \t]+\d{1,2}),?[ \t]+\d{4})?"
    r"[ \t]*(?:[—–]|--?)[ \t]+(?=\S)"
)
"""A news dateline opening a paragraph ("HARROW FALLS, Ore. — "): where the story was
filed, not part of its first sentence."""
_LEAD_LABEL = re.compile(r"([A-Z][^\n.!?:]{0,80}):[ \t]+(?=\S)")
_MINOR = frozenset(
    """
    a an and as at by for from in of on or the to vs with
    """.split()
)


def split(text: str, blocks: Iterable[Block]) -> tuple[Sentence, ...]:
    """Sentences of every prose block, in document order."""
    out: list[Sentence] = []
    for index, block in enumerate(blocks):
        if block.prose:
            out.extend(
                Sentence(start, end, index)
                for start, end in spans(text, block.start, block.end, block.kind)
            )
    return tuple(out)


def spans(text: str, start: int, end: int, kind: str = "paragraph") -> Iterator[tuple[int, int]]:
    """Sentence spans in ``text[start:end]``, whitespace trimmed."""
    start = _skip_label(text, start, end, kind)
    dateline = _DATELINE.match(text, start, end)
    if dateline:
        start = dateline.end()
    sentence_start = start
    for match in _BOUNDARY.finditer(text, start, end):
        if _is_boundary(text, match):
            cut = match.start("gap")
            span = _trim(text, sentence_start, cut)
            if span:
                yield span
            sentence_start = match.end("gap")
    span = _trim(text, sentence_start, end)
    if span:
        yield span


def sentence_at(text: str, blocks: Iterable[Block], offset: int) -> tuple[int, int] | None:
    """The sentence span holding ``offset``, in the block that holds it. Between two
    sentences (white space, a list marker) it is the next one in the block, or the
    block's last; outside every block, None. Front matter is metadata: never a sentence."""
    for block in blocks:
        if block.start <= offset < block.end:
            if block.kind == "front_matter":
                return None
            found = list(spans(text, block.start, block.end, block.kind))
            for start, end in found:
                if start <= offset < end:
                    return start, end
            following = [span for span in found if span[0] > offset]
            return following[0] if following else (found[-1] if found else None)
    return None


def _is_boundary(text: str, match: re.Match[str]) -> bool:
    nxt = match.group("next")
    punct = text[match.start()]
    if nxt.islower():
        return False
    if punct != ".":
        return True
    word = _WORD_BEFORE.search(text, max(0, match.start() - 24), match.start()).group()
    word = word.lstrip("'’-").lower()
    if not word:
        return True
    if word in NEVER or word.rstrip(".") in NEVER:
        return False
    if word in MAYBE:
        return _next_word(text, match.end("gap")).lower() in STARTERS
    if len(word) == 1 and word.isalpha():
        # An initial ("J. Smith") unless a sentence plainly starts next.
        original = text[match.start() - 1]
        if original.isupper():
            return _next_word(text, match.end("gap")).lower() in STARTERS
    if "." in word.rstrip(".") and all(len(part) <= 2 for part in word.split(".") if part):
        # Dotted abbreviations such as "U.S." or "i.v.".
        return _next_word(text, match.end("gap")).lower() in STARTERS
    return True


_NEXT_WORD = re.compile(r"[\"“‘'(\[]*([\w’']+)")


def _next_word(text: str, pos: int) -> str:
    match = _NEXT_WORD.match(text, pos)
    return match.group(1) if match else ""


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


def _skip_label(text: str, start: int, end: int, kind: str) -> int:
    """Skip a lead-in label such as ``Pain relief:`` at the start of a list item
    (or a Title Case label at the start of a paragraph)."""
    match = _LEAD_LABEL.match(text, start, end)
    if not match:
        return start
    label = match.group(1).strip("*_ ")
    words = label.split()
    if not words or len(words) > 8:
        return start
    if kind != "list_item" and not all(
        w[:1].isupper() or w.lower() in _MINOR or not w[:1].isalpha() for w in words
    ):
        return start
    return match.end()
