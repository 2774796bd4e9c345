"""Sentence spans: exact, and not fooled by abbreviations, decimals or citations."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from referee.text.sentences import spans


def split(text: str) -> list[str]:
    return [text[s:e] for s, e in spans(text, 0, len(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Smith et al. found a 40% drop. The effect held.",
            ["Smith et al. found a 40% drop.", "The effect held."],
        ),
        (
            "Trials (Smith et al., 2019) agree. Others do not.",
            ["Trials (Smith et al., 2019) agree.", "Others do not."],
        ),
        (
            "Some herbs, e.g. ginger, help. Others i.e. none.",
            ["Some herbs, e.g. ginger, help.", "Others i.e. none."],
        ),
        ("Dr. Osei disagreed. Prof. Lee agreed.", ["Dr. Osei disagreed.", "Prof. Lee agreed."]),
        ("It took approx. 3 weeks. Then it ended.", ["It took approx. 3 weeks.", "Then it ended."]),
        (
            "Levels rose by 2.5 mg in 3.7 days. Next.",
            ["Levels rose by 2.5 mg in 3.7 days.", "Next."],
        ),
        ("It works.[12] Another trial failed [3].", ["It works.[12]", "Another trial failed [3]."]),
        ("It works.[^1] Another trial failed.", ["It works.[^1]", "Another trial failed."]),
        ("It works. [2-4] Another trial failed.", ["It works. [2-4]", "Another trial failed."]),
        ("It works.¹² Another trial failed.", ["It works.¹²", "Another trial failed."]),
        ('He said "it cures." Nobody agreed.', ['He said "it cures."', "Nobody agreed."]),
        ("Does it work? Nobody knows! Maybe.", ["Does it work?", "Nobody knows!", "Maybe."]),
        ("Wait… Then it happened.", ["Wait…", "Then it happened."]),
        (
            "The U.S. study was big. The U.K. one was not.",
            ["The U.S. study was big.", "The U.K. one was not."],
        ),
        ("It was found in the U.S. and Canada.", ["It was found in the U.S. and Canada."]),
        ("See Fig. 2 for details. It is clear.", ["See Fig. 2 for details.", "It is clear."]),
        ("J. Smith wrote it. It sold well.", ["J. Smith wrote it.", "It sold well."]),
        ("Take vitamin D. The dose matters.", ["Take vitamin D.", "The dose matters."]),
        (
            "Line one goes on\nacross lines. Line two.",
            ["Line one goes on\nacross lines.", "Line two."],
        ),
        ("no terminal punctuation", ["no terminal punctuation"]),
        ("Ends at 5 p.m. The next day it rained.", ["Ends at 5 p.m.", "The next day it rained."]),
        (
            "Results vs. controls were similar. Done.",
            ["Results vs. controls were similar.", "Done."],
        ),
        ("It was mild. e.g. a rash.", ["It was mild. e.g. a rash."]),
    ],
)
def test_split(text: str, expected: list[str]) -> None:
    assert split(text) == expected


def test_lead_in_label_is_skipped_in_list_items() -> None:
    text = "Pain relief: Acupuncture has long been known for its analgesic effects. It helps."
    got = [text[s:e] for s, e in spans(text, 0, len(text), "list_item")]
    assert got == ["Acupuncture has long been known for its analgesic effects.", "It helps."]


def test_sentence_like_label_is_kept_in_paragraphs() -> None:
    text = "The result was clear: a 40% drop. Next."
    assert split(text)[0] == "The result was clear: a 40% drop."


def test_spans_respect_bounds() -> None:
    text = "xx A sentence. Another one. yy"
    assert [text[s:e] for s, e in spans(text, 3, 27)] == ["A sentence.", "Another one."]


@given(st.text(alphabet=st.sampled_from(list('ab .?!\n\t[]^1(),"”A')), max_size=200))
def test_spans_are_exact_ordered_and_trimmed(text: str) -> None:
    previous_end = 0
    for start, end in spans(text, 0, len(text)):
        assert 0 <= previous_end <= start < end <= len(text)
        piece = text[start:end]
        assert piece == piece.strip()
        previous_end = end
    # Nothing but whitespace is lost between spans.
    covered = "".join(text[s:e] for s, e in spans(text, 0, len(text)))
    assert "".join(covered.split()) == "".join(text.split())


def test_sentence_at_finds_the_sentence_holding_an_offset() -> None:
    from referee.text.sentences import sentence_at
    from referee.text.structure import parse

    text = "Coffee cures colds. Tea prevents flu.\n\n- Water is wet.\n"
    blocks = parse(text, markdown=True)
    tea = text.index("Tea")
    assert sentence_at(text, blocks, tea + 4) == (tea, text.index("\n"))
    assert sentence_at(text, blocks, 0) == (0, text.index(" Tea"))
    gap = text.index(" Tea")  # the space between the two: the next sentence
    assert sentence_at(text, blocks, gap) == (tea, text.index("\n"))
    water = text.index("Water")
    assert sentence_at(text, blocks, water + 3) == (water, len(text) - 1)  # a list item
    assert sentence_at(text, blocks, water - 2) is None  # the bullet is no sentence
    assert sentence_at(text, blocks, text.index("\n\n") + 1) is None  # between blocks
