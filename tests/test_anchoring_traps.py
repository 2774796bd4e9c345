"""Re-anchoring where it is easiest to go wrong: a quote that appears twice in the
article (the duplicate-quote trap), and properties over generated texts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from referee.review.anchoring import (
    CONTEXT,
    Anchor,
    Selector,
    anchor,
    selector_for,
)

SAMPLES = Path(__file__).resolve().parent.parent / "sample_articles"
ARTICLE_PATHS = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".txt", ".md"))
WITH_OLD = pytest.mark.parametrize("with_old", [False, True], ids=["no-old", "old-text"])


# --- The duplicate-quote trap (hypothesis/h#2798) ------------------------------

TRAP = (
    "Abstract\n\nWe pooled eleven trials. Drug X reduces mortality in adults over 65. "
    "Side effects were rare and mild.\n\n"
    "Methods\n\nTrials were found by searching three databases up to May 2024, and two "
    "reviewers extracted the data independently. Risk of bias was judged with RoB 2.\n\n"
    "Discussion\n\nOur pooled estimate is imprecise. Drug X reduces mortality in adults over 65. "
    "Larger trials are needed before any change in practice.\n"
)
CLAIM = "Drug X reduces mortality in adults over 65."


@pytest.fixture
def trap() -> Selector:
    at = TRAP.rindex(CLAIM)
    return selector_for(TRAP, at, at + len(CLAIM))


@WITH_OLD
@pytest.mark.parametrize(
    ("edited", "state"),
    [
        ("Drug X may reduce mortality in adults over 65.", "stale"),
        ("Drug X reduces mortality in adults over 65 years.", "stale"),
        ("Drug X reduces mortality in adults over 70.", "stale"),
        ("Drug X reduces mortality in adults over 65!", "fuzzy"),
        ("Drug X reduces mortalty in adults over 65.", "fuzzy"),
    ],
)
def test_duplicate_trap_edited_copy_in_place_wins(trap, with_old, edited, state) -> None:
    new = TRAP[: trap.start] + edited + TRAP[trap.end :]
    found = anchor(new, trap, old_text=TRAP if with_old else None)
    assert (found.start, found.end, found.state) == (trap.start, trap.start + len(edited), state)


@WITH_OLD
def test_duplicate_trap_moved_claim_prefers_the_copy_with_its_context(trap, with_old) -> None:
    new = "Preface\n\nA short preface was added.\n\n" + TRAP
    found = anchor(new, trap, old_text=TRAP if with_old else None)
    shift = len(new) - len(TRAP)
    assert (found.start, found.end, found.state) == (trap.start + shift, trap.end + shift, "moved")


@WITH_OLD
def test_duplicate_trap_deleted_claim_may_take_the_identical_copy(trap, with_old) -> None:
    new = TRAP[: trap.start] + TRAP[trap.end + 1 :]
    found = anchor(new, trap, old_text=TRAP if with_old else None)
    assert found.state == "moved"
    assert new[found.start : found.end] == CLAIM
    assert found.score < 0.8


@WITH_OLD
def test_short_quote_never_jumps_to_another_occurrence(with_old) -> None:
    """h#2798: "Robin" corrected to "Elisa" must not land on the other "Robin"."""
    old = "Our thanks go to Robin Hood and to Robin who drew the diagrams for this post."
    at = old.rindex("Robin")
    sel = selector_for(old, at, at + 5)
    new = old[:at] + "Elisa" + old[at + 5 :]
    assert anchor(new, sel, old_text=old if with_old else None).state == "orphan"
    # h#2634: a short quote does not fuzzily match unrelated text.
    sel = selector_for("Ask Linus about it.", 4, 9)
    assert anchor("Some machines were broken.", sel).state == "orphan"


# --- Property tests -------------------------------------------------------------

PROSE = st.text(alphabet="abcdefgh ijklmnop.qrstu\nvwxyzAB,", min_size=1, max_size=400)


@st.composite
def text_and_span(draw, texts=PROSE):
    text = draw(texts)
    start = draw(st.integers(0, len(text) - 1))
    end = draw(st.integers(start + 1, min(len(text), start + 80)))
    return text, start, end


@settings(max_examples=300, deadline=None)
@given(text_and_span())
def test_property_unchanged_text_is_exact(case) -> None:
    text, start, end = case
    sel = selector_for(text, start, end)
    assert anchor(text, sel) == Anchor(start, end, "exact", 1.0)
    assert anchor(text, sel, old_text=text) == Anchor(start, end, "exact", 1.0)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text_and_span(),
    st.text(alphabet="abcdefgh ijklmnop.\nXYZ", min_size=1, max_size=200),
    st.data(),
)
def test_property_insertion_elsewhere_keeps_the_quote(case, inserted, data) -> None:
    text, start, end = case
    where = data.draw(
        st.one_of(st.integers(0, start), st.integers(end, len(text))), label="insert at"
    )
    new = text[:where] + inserted + text[where:]
    sel = selector_for(text, start, end)
    for old in (None, text):
        found = anchor(new, sel, old_text=old)
        assert found.state in ("exact", "moved"), found
        assert new[found.start : found.end] == sel.exact


# Words of the sample articles: prose, where 32 characters of context say where you are.
VOCABULARY = sorted(
    {w.lower() for p in ARTICLE_PATHS for w in re.findall(r"[A-Za-z]{3,}", p.read_text("utf-8"))}
)
WORDS = st.lists(st.sampled_from(VOCABULARY), min_size=6, max_size=80, unique=True)


@st.composite
def unique_words_and_span(draw):
    """Text of distinct words (no sentence repeats), a span on word boundaries."""
    words = draw(WORDS)
    seps = draw(
        st.lists(
            st.sampled_from([" ", " ", " ", ", ", ". ", "\n", "\n\n"]),
            min_size=len(words),
            max_size=len(words),
        )
    )
    text = "".join(w + sep for w, sep in zip(words, seps, strict=True))
    bounds = [m.start() for m in re.finditer(r"\b\w", text)]
    i = draw(st.integers(0, len(bounds) - 1))
    j = draw(st.integers(i + 1, min(len(bounds), i + 12)))
    start = bounds[i]
    end = bounds[j] if j < len(bounds) else len(text)
    return text, start, end


@settings(max_examples=400, deadline=None)
@given(unique_words_and_span(), st.data())
def test_property_deleted_span_and_context_is_an_orphan(case, data) -> None:
    text, start, end = case
    sel = selector_for(text, start, end)
    cut0 = max(0, start - data.draw(st.integers(CONTEXT, 2 * CONTEXT), label="before"))
    cut1 = min(len(text), end + data.draw(st.integers(CONTEXT, 2 * CONTEXT), label="after"))
    new = text[:cut0] + text[cut1:]
    assume(new.strip())
    for old in (None, text):
        found = anchor(new, sel, old_text=old)
        if found.state != "orphan":  # only ever the very same words, found elsewhere
            assert found.state in ("exact", "moved"), found
            assert new[found.start : found.end] == sel.exact


@settings(max_examples=300, deadline=None)
@given(unique_words_and_span(), st.data())
def test_property_deleted_span_with_a_copy_elsewhere_finds_the_copy(case, data) -> None:
    text, start, end = case
    sel = selector_for(text, start, end)
    cut0 = max(0, start - CONTEXT)
    cut1 = min(len(text), end + CONTEXT)
    rest = text[:cut0] + text[cut1:]
    where = data.draw(st.integers(0, len(rest)), label="copy at")
    new = rest[:where] + " " + sel.exact + " " + rest[where:]
    for old in (None, text):
        found = anchor(new, sel, old_text=old)
        if found.state != "orphan":
            assert found.state in ("exact", "moved")
            assert new[found.start : found.end] == sel.exact
        else:
            assert len(sel.exact.strip()) < 20


def test_a_deleted_claim_does_not_move_onto_a_distant_copy_of_its_words() -> None:
    claim = "Garlic lowers blood pressure in most adults within weeks."
    filler = "Unrelated filler sentence about the weather and gardens. " * 60
    old = f"Intro line here.\n\n{claim} Next sentence follows.\n\n{filler}\n\nAn aside: {claim}\n"
    start = old.index(claim)
    sel = selector_for(old, start, start + len(claim))
    new = old.replace(f"{claim} Next sentence follows.", "Something else entirely now.")
    copy = new.index(claim)
    assert copy - start > 2000
    assert anchor(new, sel).state == "orphan"
    # Near its old place, a copy whose neighbours both changed is still the claim, moved.
    near = old.replace(
        f"Intro line here.\n\n{claim} Next sentence follows.",
        f"Fresh opening words!\n\n{claim} Different words follow it.",
    )
    found = anchor(near, sel)
    assert found.state == "moved" and near[found.start : found.end] == claim
