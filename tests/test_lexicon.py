"""The one-pass lexicon finds exactly what ``finditer`` finds, pattern by pattern."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from referee.text import cue_hits, cues, structure
from referee.text import sentences as sentences_mod
from referee.text.article import from_text
from referee.text.lexicon import Lexicon, alternatives, first_word

SAMPLES = Path(__file__).parent.parent / "sample_articles"


def finditer_spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text) if m.end() > m.start()]


def test_alternatives_and_first_words() -> None:
    source = r"\b(?:(?:has|have)\s+been\s+(?:found|shown)|it\s+is|well-tolerated|a[bc]\|d)\b"
    alts = alternatives(source)
    assert alts == [
        r"(?:has|have)\s+been\s+(?:found|shown)",
        r"it\s+is",
        "well-tolerated",
        r"a[bc]\|d",
    ]
    assert [first_word(a) for a in alts] == [
        "(?:has)|(?:have)",
        "(?:it)",
        "(?:well-tolerated)",
        r"(?:a[bc]\|d)",
    ]


def test_rejects_patterns_of_other_shapes() -> None:
    with pytest.raises(ValueError):
        alternatives(r"\b(?:a|b)\s+c")
    with pytest.raises(ValueError):
        alternatives(r"(?:a)|(?:b)")


LEXICON = cue_hits.lexicon()
PATTERNS = dict(zip(LEXICON.names, LEXICON._full, strict=True))


def assert_same(text: str) -> None:
    lowered = cues.lower(text)
    got = LEXICON.scan(lowered)
    for name, pattern in PATTERNS.items():
        assert got.get(name, []) == finditer_spans(pattern, lowered), name


def test_same_as_finditer_on_every_sample() -> None:
    for path in SAMPLES.iterdir():
        assert_same(path.read_text(encoding="utf-8", errors="replace"))


def test_same_as_finditer_on_tricky_text() -> None:
    assert_same(
        "It is believed that anti-inflammatory, well-tolerated remedies cure 100% of "
        "heat-related causes; studies show it. Has been found to be safe and well-tolerated. "
        "Can't, won't; e-mail re-treated. In order to reduce risk, x aimed to help."
    )


WORDS = [
    "it",
    "is",
    "believed",
    "has",
    "been",
    "found",
    "safe",
    "and",
    "well-tolerated",
    "many",
    "patients",
    "cure",
    "cures",
    "100%",
    "to",
    "reduce",
    "reduced",
    "anti-inflammatory",
    "studies",
    "show",
    "may",
    "can",
    "help",
    "alleviate",
    "several",
    "clinical",
    "trials",
    "in",
    "order",
    "mice",
    "-",
    ",",
    ".",
    "'",
    "patient",
    "reports",
    "x",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=40), st.sampled_from([" ", "  ", "\n", "-"]))
def test_same_as_finditer_on_random_word_salad(words: list[str], glue: str) -> None:
    assert_same(glue.join(words))


def test_single_pattern_lexicon() -> None:
    lexicon = Lexicon({"x": re.compile(r"\b(?:foo\w*|bar\s+baz)\b")})
    assert lexicon.scan("a foobar bar baz foo") == {"x": [(2, 8), (9, 16), (17, 20)]}


def test_leading_groups_are_opened_up() -> None:
    assert first_word(r"(?:a\s+)?growing\s+body") == "(?:a)|(?:growing)"
    lexicon = Lexicon(
        {
            "x": re.compile(
                r"\b(?:(?:clinically\s+proven|proven|without\s+(?:a\s+)?doubt)\b|100\s?%"
                r"|(?:a\s+)?growing\s+body)"
            )
        }
    )
    text = "clinically proven, without a doubt 100 % a growing body"
    assert lexicon.scan(text)["x"] == finditer_spans(lexicon._full[0], text)
    assert len(lexicon.scan(text)["x"]) == 4


def test_short_texts_are_scanned_pattern_by_pattern_with_the_same_result() -> None:
    """Below ``LEXICON_FROM`` the lexicon is not even built; both paths agree."""
    for path in sorted(SAMPLES.iterdir()):
        text = path.read_text(encoding="utf-8")
        lowered = cues.lower(text)
        spans = [(m.start(), m.end()) for m in re.finditer(r"[^.!?\n]+[.!?]?", text)]
        assert LEXICON.scan_spans(lowered, spans) == [
            cue_hits.scan_each(lowered, s, e) for s, e in spans
        ], path.name


def _hits_both_ways(text: str, monkeypatch: pytest.MonkeyPatch) -> tuple[list, list]:
    article = from_text(text, "article.md")
    sentences = sentences_mod.split(article.text, structure.parse(article.text, True))
    lowered = cues.lower(article.text)
    found = []
    for threshold in (0, len(lowered) + 1):  # the one-pass lexicon, then pattern by pattern
        monkeypatch.setattr(cue_hits, "LEXICON_FROM", threshold)
        found.append(cue_hits.Hits(article.text, lowered, sentences).buckets)
    return found[0], found[1]


def test_both_scanning_paths_find_the_same_spans_in_every_sample_and_in_1_mb(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Texts under ``LEXICON_FROM`` are scanned pattern by pattern, longer ones in one
    pass: the claims of an article must not depend on which, sentence by sentence."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.iterdir())]
    for text in texts:
        one_pass, each = _hits_both_ways(text, monkeypatch)
        assert one_pass == each
    big = "\n\n".join(texts * (1_000_000 // sum(map(len, texts)) + 1))
    assert len(big) >= 1_000_000
    one_pass, each = _hits_both_ways(big, monkeypatch)
    assert one_pass == each and sum(map(len, each)) > 10_000
