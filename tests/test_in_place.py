"""Opening the review of an unchanged article: every quote where it was stored,
answered without the fuzzy matcher, and the same answer the matcher gives."""

from __future__ import annotations

from pathlib import Path

import pytest
from fresh_python import output_of

from referee.review.anchoring import anchor_all
from referee.review.selector import Anchor, Selector, in_place, selector_for
from referee.review.session import Session
from referee.text.analysis import analyse
from referee.text.article import load

SAMPLES = sorted((Path(__file__).parent.parent / "sample_articles").iterdir())


def _selectors(text: str, markdown: bool) -> dict[str, Selector]:
    claims = analyse(text, markdown).claims
    return {c.id: selector_for(text, c.start, c.end) for c in claims}


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_in_place_gives_what_the_matcher_gives(path: Path) -> None:
    article = load(path)
    selectors = _selectors(article.text, article.markdown)
    assert selectors
    found = in_place(article.text, selectors)
    assert found == anchor_all(article.text, selectors)
    assert list(found) == list(selectors)
    assert all(anchor.state == "exact" for anchor in found.values())


def test_one_moved_quote_leaves_it_all_to_the_matcher() -> None:
    text = "Coffee cures cancer. Tea prevents colds. Water is wet."
    selectors = {
        "a": selector_for(text, 0, 20),
        "b": selector_for(text, 21, 40),
    }
    assert in_place(text, selectors) == {
        "a": Anchor(0, 20, "exact", 1.0),
        "b": Anchor(21, 40, "exact", 1.0),
    }
    edited = "Note. " + text
    assert in_place(edited, selectors) is None
    assert in_place(text, {"e": Selector("", "", "", 0, 0)}) is None  # an empty quote
    assert in_place(text[:30], selectors) is None  # cut short: the quote is not all there


def test_reopening_an_unchanged_review_does_not_load_the_matcher(tmp_path: Path) -> None:
    article = tmp_path / "post.md"
    article.write_text(
        "# Coffee\n\nCoffee cures 90% of cancers, a study found. Tea prevents colds in "
        "most adults.\n",
        encoding="utf-8",
    )
    session = Session.open(article, reviewer="Ada <ada@example.org>")
    for state in session.claims():
        session.set_verdict(state.id, "unsupported")
    code = (
        "import sys\n"
        "from referee.review.session import Session\n"
        f"session = Session.open({str(article)!r})\n"
        "assert [s.anchor for s in session.claims()] == ['exact'] * len(session.claims())\n"
        "assert all(s.verdict == 'unsupported' for s in session.claims())\n"
        "print(sorted(m for m in sys.modules if m.startswith(('rapidfuzz', 'referee.review.anchoring'))))\n"
    )
    assert output_of(code) == "[]"
