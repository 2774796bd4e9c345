"""The review as data: cleaning values, what counts as untouched, undo history."""

from __future__ import annotations

from datetime import date

import pytest

from referee.model import CheckResult
from referee.review.record import (
    Annotation,
    Change,
    FieldConflict,
    History,
    RefCheck,
    Review,
    clean_line,
    clean_note,
    describe,
    sorted_refs,
    valid_id,
)


def test_clean_note_normalises_newlines_and_trailing_space() -> None:
    assert clean_note("a\r\nb\rc  \n\n") == "a\nb\nc"
    assert clean_note('keeps "quotes" and """triples"""') == 'keeps "quotes" and """triples"""'
    assert clean_note("lone \ud800 surrogate") == "lone \ufffd surrogate"
    assert clean_note("  indented first line") == "  indented first line"


def test_clean_line_makes_one_safe_line() -> None:
    assert clean_line("Ada\nLovelace\x1b[2J <ada@x.org>\t") == "Ada Lovelace[2J <ada@x.org>"
    assert clean_line("  ") == ""


def test_ids() -> None:
    assert valid_id("c7k2m9q4") and valid_id("c7k2m9q4-2") and valid_id("zhang2021a")
    assert (
        not valid_id("") and not valid_id("a.b") and not valid_id("a b") and not valid_id("x" * 65)
    )


def test_sorted_refs_drop_repeats() -> None:
    assert sorted_refs(["b2020", "a2019", "b2020"]) == ("a2019", "b2020")


def test_an_annotation_is_empty_only_when_nothing_is_left() -> None:
    bare = Annotation("c1", "x", "", "", 0, 1)
    assert bare.empty
    for change in (
        {"verdict": "supported"},
        {"note": "n"},
        {"refs": ("a2020",)},
        {"dismissed": True},
        {"origin": "manual"},
        {"conflicts": (FieldConflict.pair("note", "a", "b"),)},
    ):
        assert not Annotation("c1", "x", "", "", 0, 1, **change).empty, change


def test_conflicts_and_choices() -> None:
    conflict = FieldConflict.pair("verdict", "supported", None)
    assert conflict.value("ours") == "supported" and conflict.value("theirs") is None
    with pytest.raises(ValueError):
        conflict.value("mine")
    annotation = Annotation("c1", "x", "", "", 0, 1, conflicts=(conflict,))
    assert annotation.conflict("verdict") is conflict and annotation.conflict("note") is None
    assert annotation.without_conflict("verdict").conflicts == ()
    review = Review(claims={"c1": annotation})
    assert review.conflicts() == [("c1", conflict)]


def test_ref_check_round_trips_a_check_result() -> None:
    result = CheckResult(
        ref_id="zhang2021",
        status="metadata_mismatch",
        reasons=("year differs",),
        sources=("pubmed", "crossref", "pubmed"),
        matched_doi="10.1/x",
        matched_title="T",
        checked=date(2026, 1, 2),
    )
    stored = RefCheck.from_result(result, raw="Zhang 2021")
    assert stored.sources == ("crossref", "pubmed")
    assert stored.raw == "Zhang 2021"
    back = stored.to_result()
    assert back.status == "metadata_mismatch" and back.matched_doi == "10.1/x"
    undated = RefCheck.from_result(CheckResult("x2020", "not_found"), today=date(2026, 5, 5))
    assert undated.checked == date(2026, 5, 5)


def test_review_copy_is_independent() -> None:
    review = Review(article="a", base="b")
    copy = review.copy()
    copy.claims["c1"] = Annotation("c1", "x", "", "", 0, 1, verdict="supported")
    assert review.claims == {}


def test_history_is_last_in_first_out_and_bounded() -> None:
    history = History(limit=3)
    assert history.pop() is None
    for n in range(5):
        history.push(Change(f"change {n}", "c1", None, None))
    assert len(history) == 3
    assert [history.pop().description for _ in range(3)] == ["change 4", "change 3", "change 2"]
    assert history.pop() is None


def test_describe_says_what_changed() -> None:
    base = Annotation("c1", "x", "", "", 0, 1)
    assert describe(None, Annotation("c1", "x", "", "", 0, 1, origin="manual")) == "add claim c1"
    assert describe(None, Annotation("c1", "x", "", "", 0, 1, verdict="supported")) == (
        "verdict supported on c1"
    )
    marked = Annotation("c1", "x", "", "", 0, 1, verdict="overstated", note="n")
    assert describe(marked, base) == "clear verdict, note on c1"
    assert describe(base, Annotation("c1", "x", "", "", 0, 1, dismissed=True)) == "dismiss on c1"


def test_word_changes_mark_the_changed_words_and_give_both_sides_back() -> None:
    from referee.review.wording import word_changes

    old = "Coffee focuses on lowering the risk of cancer."
    new = "Coffee mainly aims at lowering the risk of liver cancer!"
    was, now = word_changes(old, new)
    assert "".join(text for text, _ in was) == old
    assert "".join(text for text, _ in now) == new
    assert [t for t, changed in was if changed] == ["focuses on", "."]
    assert [t for t, changed in now if changed] == ["mainly aims at", "liver", "!"]
    assert word_changes("same words", "same words") == (
        [("same words", False)],
        [("same words", False)],
    )
