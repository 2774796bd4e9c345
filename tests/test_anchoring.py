"""Re-anchoring stored claims in edited articles (issue 3).

Edited versions of the sample articles are built here from the originals; every
sentence of an article is an annotation, and for each edit every annotation's
new place and state is checked.
"""

from __future__ import annotations

import codecs
import re
import textwrap
from pathlib import Path

import pytest

from referee.review.anchoring import (
    ANCHOR_STATES,
    CONTEXT,
    Anchor,
    Selector,
    anchor,
    anchor_all,
    selector_for,
)
from referee.text.analysis import analyse
from referee.text.article import decode, is_markdown_path

SAMPLES = Path(__file__).resolve().parent.parent / "sample_articles"
SEED = SAMPLES / "acupuncture-goodpasture.txt"
ARTICLE_PATHS = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".txt", ".md"))
WITH_OLD = pytest.mark.parametrize("with_old", [False, True], ids=["no-old", "old-text"])


def load(path: Path) -> tuple[str, list[tuple[int, int]]]:
    """Canonical text of a sample article and the spans of its sentences."""
    text, _, _ = decode(path.read_bytes(), path.name)
    analysis = analyse(text, is_markdown_path(path))
    spans = [(s.start, s.end) for s in analysis.sentences]
    assert spans, f"{path.name}: no sentences, so the edit tests below would check nothing"
    return text, spans


def load_spans(text: str) -> list[tuple[int, int]]:
    spans = [(s.start, s.end) for s in analyse(text, False).sentences]
    assert spans
    return spans


def selectors(text: str, spans: list[tuple[int, int]]) -> dict[str, Selector]:
    return {f"s{i:03d}": selector_for(text, s, e) for i, (s, e) in enumerate(spans)}


def fold(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def run(old: str, new: str, sels: dict[str, Selector], with_old: bool) -> dict[str, Anchor]:
    result = anchor_all(new, sels, old_text=old if with_old else None)
    assert list(result) == list(sels)
    for key, found in result.items():
        assert found.state in ANCHOR_STATES
        assert (found.start is None) == (found.state == "orphan"), key
    return result


def assert_unchanged(new: str, sel: Selector, found: Anchor) -> None:
    """An annotation whose sentence did not change sits on its one occurrence."""
    assert new.count(sel.exact) == 1, sel.exact
    at = new.index(sel.exact)
    assert (found.start, found.end) == (at, at + len(sel.exact)), sel.exact
    expected = "exact" if (at, at + len(sel.exact)) == (sel.start, sel.end) else "moved"
    assert found.state == expected, sel.exact


def assert_at(new: str, found: Anchor, expected_text: str, state: str) -> None:
    assert found.state == state, (found, expected_text)
    assert new.count(expected_text) == 1
    at = new.index(expected_text)
    assert (found.start, found.end) == (at, at + len(expected_text))


def longest_word(sentence: str) -> re.Match[str]:
    return max(re.finditer(r"[A-Za-z]{5,}", sentence), key=lambda m: len(m.group()))


@pytest.fixture(scope="module")
def seed() -> tuple[str, list[tuple[int, int]]]:
    return load(SEED)


def sentence_text(text: str, spans: list[tuple[int, int]], part: str) -> str:
    """The one sentence that contains ``part``."""
    (found,) = (text[s:e] for s, e in spans if part in text[s:e])
    return found


# --- The basics ---------------------------------------------------------------


def test_selector_for_takes_32_characters_of_context() -> None:
    text = "a" * 40 + "CLAIM" + "b" * 40
    sel = selector_for(text, 40, 45)
    assert sel == Selector("CLAIM", "a" * CONTEXT, "b" * CONTEXT, 40, 45)
    assert selector_for(text, 0, 3).prefix == ""
    assert selector_for(text, 82, 85).suffix == ""
    for start, end in ((5, 5), (-1, 3), (80, 86), (10, 4)):
        with pytest.raises(ValueError):
            selector_for(text, start, end)


@pytest.mark.parametrize("path", ARTICLE_PATHS, ids=lambda p: p.name)
def test_unchanged_article_anchors_exactly(path: Path) -> None:
    text, spans = load(path)
    for key, found in anchor_all(text, selectors(text, spans), old_text=text).items():
        i = int(key[1:])
        assert found == Anchor(spans[i][0], spans[i][1], "exact", 1.0)


def test_empty_quote_is_an_orphan() -> None:
    assert anchor("some text", Selector("", "", "", 0, 0)).state == "orphan"


def test_anchor_all_agrees_with_anchor_and_keeps_key_order(seed) -> None:
    text, spans = seed
    sels = selectors(text, spans)
    reversed_sels = dict(reversed(list(sels.items())))
    new = text.replace(
        "Future Perspectives:", "Editor's note: text added here.\n\nFuture Perspectives:"
    )
    together = anchor_all(new, reversed_sels)
    assert list(together) == list(reversed_sels)
    for key, sel in sels.items():
        assert together[key] == anchor(new, sel)


# --- Edits of the sample articles ----------------------------------------------


@WITH_OLD
@pytest.mark.parametrize("path", ARTICLE_PATHS, ids=lambda p: p.name)
def test_typo_fixed_inside_a_claim(path: Path, with_old: bool) -> None:
    """The annotation was made on a version with a typo; the typo is now fixed."""
    text, spans = load(path)
    for target, (s, e) in enumerate(spans):
        word = longest_word(text[s:e])
        cut = s + word.end() - 2  # "inflammation" was "inflammaton"
        old = text[:cut] + text[cut + 1 :]
        old_spans = [(a - (a > cut), b - (b > cut)) for a, b in spans]
        sels = selectors(old, old_spans)
        result = run(old, text, sels, with_old)
        for i, (key, found) in enumerate(result.items()):
            if i == target:
                assert (found.start, found.end, found.state) == (s, e, "fuzzy"), text[s:e]
                assert 0.9 <= found.score < 1
            else:
                assert_unchanged(text, sels[key], found)


@WITH_OLD
@pytest.mark.parametrize("path", ARTICLE_PATHS, ids=lambda p: p.name)
def test_paragraph_inserted_before(path: Path, with_old: bool) -> None:
    text, spans = load(path)
    sels = selectors(text, spans)
    added = "An editor added this paragraph; it says nothing about anything.\n\n"
    starts = [m.end() for m in re.finditer(r"\n\n(?=\S)", text)]
    for at in starts[:: max(1, len(starts) // 6)]:
        new = text[:at] + added + text[at:]
        for key, found in run(text, new, sels, with_old).items():
            assert_unchanged(new, sels[key], found)


def sections(text: str) -> list[tuple[int, int]]:
    """Spans of the seed's sections: a heading line ending in ':' up to the next one."""
    heads = [m.start() for m in re.finditer(r"^[A-Z][^\n.]*:\n", text, re.M)]
    return list(zip(heads, [*heads[1:], len(text)], strict=True))


@WITH_OLD
@pytest.mark.parametrize("pair", [(0, 1), (1, 2), (0, 3), (2, 4), (1, 4)])
def test_two_sections_swapped(seed, with_old: bool, pair: tuple[int, int]) -> None:
    text, spans = seed
    parts = sections(text)
    (a0, a1), (b0, b1) = parts[pair[0]], parts[pair[1]]
    new = text[:a0] + text[b0:b1] + text[a1:b0] + text[a0:a1] + text[b1:]
    assert len(new) == len(text) and new != text
    sels = selectors(text, spans)
    result = run(text, new, sels, with_old)
    for key, found in result.items():
        assert_unchanged(new, sels[key], found)
    assert sum(found.state == "moved" for found in result.values()) >= 4


def hard_wrap(text: str, width: int = 72) -> str:
    """Re-wrap long lines by turning spaces into newlines (offsets unchanged)."""
    out = []
    for line in text.split("\n"):
        chars = list(line)
        begin = 0
        while len(chars) - begin > width:
            cut = "".join(chars).rfind(" ", begin, begin + width + 1)
            if cut <= begin:
                break
            chars[cut] = "\n"
            begin = cut + 1
        out.append("".join(chars))
    return "\n".join(out)


@WITH_OLD
@pytest.mark.parametrize("path", ARTICLE_PATHS, ids=lambda p: p.name)
def test_lines_rewrapped_at_72_columns(path: Path, with_old: bool) -> None:
    text, spans = load(path)
    new = hard_wrap(text)
    assert len(new) == len(text) and new != text
    sels = selectors(text, spans)
    result = run(text, new, sels, with_old)
    for key, found in result.items():
        sel = sels[key]
        assert (found.start, found.end) == (sel.start, sel.end)
        assert found.state == ("exact" if new[sel.start : sel.end] == sel.exact else "moved")
    assert any(found.state == "moved" for found in result.values())


@WITH_OLD
def test_paragraphs_refilled_with_textwrap(seed, with_old: bool) -> None:
    """A re-fill that changes lengths (indentation gone, lines joined, blank lines kept)."""
    text, spans = seed
    new = "\n\n".join(textwrap.fill(p, 60) for p in text.split("\n\n"))
    sels = selectors(text, spans)
    folded_new = fold(new)
    for key, found in run(text, new, sels, with_old).items():
        sel = sels[key]
        assert found.state in ("exact", "moved"), sel.exact
        assert fold(new[found.start : found.end]) == fold(sel.exact)
        assert folded_new.count(fold(sel.exact)) == 1
        assert (
            fold(new[: found.start]).rstrip()
            == folded_new[: folded_new.index(fold(sel.exact))].rstrip()
        )


REWORDINGS = [
    (
        "Acupuncture has shown promise in the treatment of Goodpasture Syndrome.",
        "Acupuncture has shown little promise in treating Goodpasture Syndrome.",
    ),
    (
        "This rare condition can lead to symptoms such as blood in the urine",
        "The condition is rare; its symptoms include blood in the urine",
    ),
    (
        "Acupuncture has long been known for its analgesic effects.",
        "Acupuncture has long been claimed to have analgesic effects, though trials disagree.",
    ),
    (
        "By understanding the mechanisms of acupuncture's effects and its effectiveness, we can",
        "If we understood how acupuncture works and whether it is effective, we could",
    ),
    # A hedge removed: tiny as an edit, but the claim is stronger now.
    (
        "acupuncture may contribute to reducing inflammation",
        "acupuncture contributes to reducing inflammation",
    ),
    (
        "Acupuncture has been found to be safe and well-tolerated",
        "Acupuncture has been found to be safe and well-tolerated in two small trials",
    ),
]


@WITH_OLD
@pytest.mark.parametrize("pair", REWORDINGS, ids=lambda p: p[0][:30])
def test_claim_reworded_is_stale_on_the_new_sentence(seed, with_old: bool, pair) -> None:
    text, spans = seed
    before, after = pair
    old_sentence = sentence_text(text, spans, before[:30])
    new_sentence = old_sentence.replace(before, after)
    new = text.replace(old_sentence, new_sentence)
    sels = selectors(text, spans)
    for key, found in run(text, new, sels, with_old).items():
        if sels[key].exact == old_sentence:
            assert_at(new, found, new_sentence, "stale")
            assert found.score < 1
        else:
            assert_unchanged(new, sels[key], found)


SLIGHT_EDITS = [
    ("Goodpasture Syndrome is an autoimmune", "Goodpasture syndrome is an autoimmune"),
    ("blood in the urine, coughing, shortness", "blood in the urine; coughing; shortness"),
    ("several theoretical models", "several theoretical  models"),
]


@WITH_OLD
@pytest.mark.parametrize("pair", SLIGHT_EDITS, ids=lambda p: p[1][:30])
def test_case_and_punctuation_changes_are_fuzzy(seed, with_old: bool, pair) -> None:
    text, spans = seed
    old_sentence = sentence_text(text, spans, pair[0])
    new_sentence = old_sentence.replace(*pair)
    new = text.replace(old_sentence, new_sentence)
    sels = selectors(text, spans)
    for key, found in run(text, new, sels, with_old).items():
        if sels[key].exact == old_sentence:
            state = "moved" if fold(new_sentence) == fold(old_sentence) else "fuzzy"
            assert_at(new, found, new_sentence, state)
        else:
            assert_unchanged(new, sels[key], found)


@WITH_OLD
def test_a_changed_number_is_stale_not_fuzzy(with_old: bool) -> None:
    text, spans = load(SAMPLES / "vitamin-d-numbered.md")
    old_sentence = sentence_text(text, spans, "The VITAL trial")
    assert "25,871" in old_sentence
    new_sentence = old_sentence.replace("25,871", "25,971")
    new = text.replace(old_sentence, new_sentence)
    at = text.index(old_sentence)
    sel = selector_for(text, at, at + len(old_sentence))
    assert_at(new, anchor(new, sel, old_text=text if with_old else None), new_sentence, "stale")


@WITH_OLD
def test_paragraph_moved_to_the_end_with_a_typo_fixed(seed, with_old: bool) -> None:
    """Far from the old place: found by exact pieces of the quote, then matched."""
    text, _ = seed
    paragraph = next(p for p in text.split("\n\n") if p.startswith("While more research"))
    old = text.replace("patient reports", "patient repotrs")
    new = text.replace(paragraph + "\n\n", "") + "\n\n" + paragraph
    sels = selectors(old, load_spans(old))
    for key, found in run(old, new, sels, with_old).items():
        sel = sels[key]
        if "repotrs" in sel.exact:
            assert_at(new, found, sel.exact.replace("repotrs", "reports"), "fuzzy")
        else:
            assert_unchanged(new, sel, found)


def test_old_text_that_is_not_the_base_is_ignored(seed) -> None:
    text, spans = seed
    sels = selectors(text, spans)
    new = "Preface.\n\n" + text
    unrelated = "Some other article altogether.\n" * 40
    assert anchor_all(new, sels, old_text=unrelated) == anchor_all(new, sels)
    for key, found in anchor_all(new, sels, old_text=unrelated).items():
        assert_unchanged(new, sels[key], found)


@WITH_OLD
def test_a_different_article_orphans_everything(seed, with_old: bool) -> None:
    text, spans = seed
    other, _ = load(SAMPLES / "vitamin-d-numbered.md")
    result = run(text, other, selectors(text, spans), with_old)
    assert {found.state for found in result.values()} == {"orphan"}


def delete_sentence(text: str, s: int, e: int) -> str:
    """Remove a sentence and the space that joined it to the next (or the previous)."""
    if e < len(text) and text[e] == " ":
        return text[:s] + text[e + 1 :]
    if s > 0 and text[s - 1] == " ":
        return text[: s - 1] + text[e:]
    return text[:s] + text[e:]


@WITH_OLD
@pytest.mark.parametrize("path", ARTICLE_PATHS, ids=lambda p: p.name)
def test_every_deleted_claim_is_an_orphan_and_neighbours_still_anchor(
    path: Path, with_old: bool
) -> None:
    text, spans = load(path)
    sels = selectors(text, spans)
    for target, (s, e) in enumerate(spans):
        new = delete_sentence(text, s, e)
        assert text[s:e] not in new
        for i, (key, found) in enumerate(run(text, new, sels, with_old).items()):
            if i == target:
                assert found == Anchor(None, None, "orphan", 0.0), text[s:e]
            else:
                assert_unchanged(new, sels[key], found)


@WITH_OLD
@pytest.mark.parametrize("path", ARTICLE_PATHS, ids=lambda p: p.name)
def test_deleted_paragraphs_orphan_all_their_claims(path: Path, with_old: bool) -> None:
    text, spans = load(path)
    sels = selectors(text, spans)
    paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+(?:\n[^\n]+)*", text)]
    for p0, p1 in paragraphs:
        inside = [i for i, (s, e) in enumerate(spans) if p0 <= s and e <= p1]
        if not inside:
            continue
        new = text[:p0] + text[p1:].lstrip("\n")
        for i, (key, found) in enumerate(run(text, new, sels, with_old).items()):
            if i in inside:
                assert found.state == "orphan", sels[key].exact
            else:
                assert_unchanged(new, sels[key], found)


@WITH_OLD
def test_claim_replaced_by_an_unrelated_sentence_is_an_orphan(seed, with_old: bool) -> None:
    text, spans = seed
    replacements = {
        "Acupuncture has shown promise": "Readers should always ask their own doctor first.",
        "This may include increased production": "The authors declare no competing interests at all.",
        "With ongoing research and clinical": "Our newsletter arrives every second Tuesday of the month.",
    }
    sels = selectors(text, spans)
    for start, replacement in replacements.items():
        old_sentence = sentence_text(text, spans, start)
        new = text.replace(old_sentence, replacement)
        for key, found in run(text, new, sels, with_old).items():
            if sels[key].exact == old_sentence:
                assert found.state == "orphan"
            else:
                assert_unchanged(new, sels[key], found)


@WITH_OLD
def test_crlf_and_bom_do_not_move_anything(seed, with_old: bool) -> None:
    text, spans = seed
    sels = selectors(text, spans)
    raw = codecs.BOM_UTF8 + text.replace("\n", "\r\n").encode("utf-8")
    new, encoding, _ = decode(raw)
    assert encoding == "utf-8-sig" and new == text
    for key, found in run(text, new, sels, with_old).items():
        assert found == Anchor(sels[key].start, sels[key].end, "exact", 1.0)
    # A CRLF file edited (a paragraph added) and saved with LF and no BOM.
    old, _, _ = decode(raw)
    edited = ("Added at the top.\n\n" + text).encode("utf-8")
    new, _, _ = decode(edited)
    for key, found in run(old, new, sels, with_old).items():
        assert_unchanged(new, sels[key], found)
        assert found.state == "moved"
