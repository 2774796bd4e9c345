"""Markdown formatting found as marks over the canonical text: nothing moves or hides."""

from __future__ import annotations

from referee.text.analysis import analyse_article
from referee.text.article import from_text
from referee.text.inline_marks import MARK_KINDS, inline_marks

TEXT = """\
# Does **coffee** cure cancer?

Coffee drinkers had a **20% lower** risk in a [large cohort](https://example.org/s) and
`caffeine_level` is *not* the only reason, said snake_case_name.

- Coffee contains antioxidants.
* Decaf shows the same.
2. Tea reduces stroke risk.

> Studies show coffee is safe.
"""


def marks_of(text: str) -> list[tuple[str, str]]:
    article = from_text(text, "post.md")
    analysis = analyse_article(article)
    return [(kind, text[s:e]) for s, e, kind in inline_marks(text, analysis.blocks)]


def test_each_kind_of_formatting_is_found_where_it_is_written() -> None:
    found = marks_of(TEXT)
    assert ("heading", "# Does **coffee** cure cancer?") in found
    assert ("strong", "coffee") in found and ("strong", "20% lower") in found
    assert ("emphasis", "not") in found
    assert ("link", "large cohort") in found
    assert ("syntax", "](https://example.org/s)") in found
    assert ("code", "caffeine_level") in found
    assert [text for kind, text in found if kind == "bullet"] == ["-", "*"]
    assert ("syntax", "2.") in found and ("syntax", ">") in found
    assert {kind for kind, _ in found} <= set(MARK_KINDS)


def test_no_formatting_is_read_inside_code_words_or_urls() -> None:
    found = marks_of(TEXT)
    assert not any(kind == "emphasis" and "level" in text for kind, text in found)
    assert not any(kind == "emphasis" and "case" in text for kind, text in found)  # snake_case
    assert not any(kind in ("strong", "emphasis") and "example.org" in text for kind, text in found)
    # strong text's ** are not read again as emphasis
    assert not any(kind == "emphasis" and text.startswith("*") for kind, text in found)


def test_marks_lie_inside_the_text_and_plain_text_has_none() -> None:
    article = from_text(TEXT, "post.md")
    for start, end, _ in inline_marks(TEXT, analyse_article(article).blocks):
        assert 0 <= start < end <= len(TEXT)
    assert marks_of("Plain words, no formatting at all here.\n") == []
