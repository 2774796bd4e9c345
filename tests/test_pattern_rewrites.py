"""Patterns written for speed find what their plain forms find.

Patterns that run over a whole article start with a character or a set of characters
(their ``\\b`` or lookbehind moved after it), so that ``re`` can skip to where they may
match; the cased cue families are searched one by one and merged as their alternation
would find them. Each is checked here against the plain form on real articles and on
many short random strings made of the characters that matter to it.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from referee.text import citations, claims, cue_hits, cues, sentences
from referee.text.identifiers import PMID

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = [
    path.read_text(encoding="utf-8")
    for folder in ("sample_articles", "dev/claims/tune")
    for path in sorted((ROOT / folder).iterdir())
    if path.suffix in (".md", ".txt")
]


def _random_texts(alphabet: str, count: int = 4000, seed: int = 5) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choices(alphabet, k=rng.randint(1, 40))) for _ in range(count)]


def _found(pattern: re.Pattern[str], text: str, pos: int = 0) -> list:
    return [(m.span(), m.groupdict()) for m in pattern.finditer(text, pos)]


PLAIN = [
    (cues.NUMBER, cues.NUMBER.pattern.replace(r"\d\d*", r"\d+", 1), "12.5 %x9mg ,a-"),
    (cues.YEAR, r"\b(?:1[89]\d{2}|20\d{2})s?\b", "12089 s_x-."),
    (cues.AGENCY, r"\b(?:FDA|EMA|NICE|WHO|CDC|NHS|MHRA)\b", "FDAEMNICWHOSR x_1"),
    (cues.ENTITY, r"(?<=[a-z,;] )[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*", "aBc ,;D\n."),
    (PMID, r"\bPMID:?\s*(?P<pmid>\d{1,8})\b", "PMID: 12x_"),
    (
        citations._BRACKET_NUM,
        rf"(?<![\\!])\[(?P<nums>{citations._NUMLIST})\](?![(:])",
        "[]!\\1,2-3 (:",
    ),
    (
        citations._PAREN_NUM,
        rf"(?<![=<>\w])\((?P<nums>{citations._NUMLIST})\)(?=[\s.,;:]|$)",
        "()=<a1,2- .;",
    ),
    (citations._SUPERSCRIPT, r"[¹²³⁰⁴-⁹]+(?:[,⁻–\-][¹²³⁰⁴-⁹]+)*", "¹²⁴,⁻-a "),
    (
        sentences._BOUNDARY,
        r"(?:[.!?]+|…)[\"”’'»)\]*_]*" + sentences._CITE_TAIL + r"(?P<gap>\s+)(?=(?P<next>\S))",
        '.!?…"”)] [1]¹^aB\n',
    ),
]


@pytest.mark.parametrize(("fast", "plain", "alphabet"), PLAIN, ids=lambda p: str(p)[:20])
def test_a_rewritten_pattern_finds_what_its_plain_form_finds(
    fast: re.Pattern[str], plain: str, alphabet: str
) -> None:
    assert fast.pattern != plain
    slow = re.compile(plain)
    for text in ARTICLES + _random_texts(alphabet):
        for pos in (0, 1, 2):
            assert _found(fast, text, pos) == _found(slow, text, pos), text


def test_the_cased_families_are_found_as_their_alternation_finds_them() -> None:
    families = cue_hits.CASED_FAMILIES
    alternation = re.compile(
        "|".join(f"(?P<g{i}>{pattern.pattern})" for i, (_, pattern) in enumerate(families))
    )
    keys = {f"g{i}": key for i, (key, _) in enumerate(families)}
    texts = ARTICLES + _random_texts("aZ FDAWHO1920,;.\n5%Tom", count=8000)
    texts.append("In 2019, 12 of the 2020s FDA and WHO data, said Tom Lee (1999.5).")
    for text in texts:
        expected = [(keys[m.lastgroup], *m.span()) for m in alternation.finditer(text)]
        assert list(cue_hits.cased_spans(text)) == expected, text


def test_the_cased_merge_takes_the_first_family_at_a_place_and_goes_on_after_it() -> None:
    spans = list(cue_hits.cased_spans("In 2019 there were 1,2019 cases, said Ann Lee."))
    # "2019" is a year before it is a number; the number "1,2019 cases" holds the
    # digits of a year that is not looked for again inside it.
    assert spans == [
        (cue_hits.YEAR_KEY, 3, 7),
        (cue_hits.NUMBER_KEY, 19, 31),
        (cue_hits.KEY["entity"], 38, 45),
    ]


def test_a_span_that_starts_inside_a_word_is_read_on_its_own_for_its_kind() -> None:
    # "unsafe": the reviewer's span starts at "safe"; the kind reads the span alone, as
    # the one-pass scan of the whole text (which sees the "un") cannot.
    short = "It is unsafe to use in children, and it treated nothing."
    long = short + " Words." * 9000  # long enough for the one-pass lexicon
    assert len(short) < cue_hits.LEXICON_FROM <= len(long)
    for text in (short, long):
        assert claims.describe_span(text, 8, len(short)).kind == "safety"
        assert claims.describe_span(text, 9, len(short)).kind == "efficacy"
