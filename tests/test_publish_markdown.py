"""The Markdown report as an editor reads it: problems first, places by line and
section, flags, "now reads", escaped notes, the reviewer named once."""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from publish_sample import HOSTILE_NOTE, reviewed_sample

from referee.publish.markdown import escape, report_markdown
from referee.publish.publication import clean_reason
from referee.review.session import Session


@pytest.fixture(scope="module")
def text(tmp_path_factory: pytest.TempPathFactory) -> str:
    return report_markdown(reviewed_sample(tmp_path_factory.mktemp("md")))


def headings(markdown: str) -> list[str]:
    tokens = MarkdownIt("commonmark").parse(markdown)
    return [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]


def test_problems_come_first(text: str) -> None:
    order = [
        "## ✗ Unsupported claims (2)",
        "## ≈ Overstated claims (1)",
        "## ✓ Supported claims (2)",
        "## ! Flagged, not yet reviewed (1)",
        "## Orphans (no longer found in the article)",
        "## Dismissed as not claims (1)",
        "## References",
    ]
    positions = [text.index(h + "\n") for h in order]
    assert positions == sorted(positions)


def test_claims_are_placed_by_line_and_section_never_by_offset(text: str) -> None:
    assert "(line 14, “Vitamins”" in text and "(line 20, “Rest \\& sleep”)" in text
    assert "characters" not in text and "(not found in the article)" in text


def test_flags_and_unreviewed_claims_are_listed(text: str) -> None:
    assert "- cf7kk7eus (line 16, “Vitamins”): Many patients report that echinacea" in text
    assert "  - ! generalisation “Many patients” with no citation" in text
    assert "  - note: Ask the author for the patient reports." in text
    # a judged claim shows its flags too
    assert "- ! vague attribution “Studies show”" in text


def test_a_stale_claim_shows_what_it_now_reads(text: str) -> None:
    assert (
        "> Researchers at a large university found that daily doses cut hospital visits in half.\n\nNow reads:\n\n> Researchers at a large university found that daily doses cut hospital visits by a third."
        in text
    )


def test_no_note_line_becomes_a_heading_or_html(text: str) -> None:
    tokens = MarkdownIt("commonmark").parse(text)
    found = headings(text)
    assert all(not h.startswith(("not a heading", "=")) for h in found)
    assert not [t for t in tokens if t.type in ("html_block", "html_inline")]
    assert not [t for t in tokens if t.type == "bullet_list_open" and "not a list" in t.content]
    rendered = MarkdownIt("commonmark").render(text)
    assert "<script>" not in rendered and "&lt;script&gt;alert" in rendered
    assert "# not a heading" in rendered
    assert HOSTILE_NOTE.splitlines()[0] in _unescape(rendered)


def _unescape(html: str) -> str:
    import html as html_module

    return html_module.unescape(html)


@pytest.mark.parametrize(
    "line",
    [
        "# h",
        "  ## h",
        "=====",
        "---",
        "- item",
        "+ item",
        "* item",
        "12. item",
        "3) item",
        "> quote",
        "```",
        "~~~",
        "    code",
        "<div>",
        "[link](javascript:x)",
        "a | b",
        "&amp;",
    ],
)
def test_escape_renders_as_the_same_text(line: str) -> None:
    rendered = MarkdownIt("commonmark").render("para\n\n" + escape(line) + "\n")
    import html as html_module

    body = html_module.unescape(rendered.split("</p>\n", 1)[1])
    assert body == f"<p>{line.strip()}</p>\n"


def test_the_reviewer_is_named_once(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(
        "Vitamin D cures colds in 90% of adults, a 2019 trial found.\n\n"
        "Zinc halves the length of a cold, studies show.\n"
    )
    session = Session.open(path, reviewer="Ada Lovelace <ada@example.org>")
    for state in session.claims():
        session.update(state.id, verdict="unsupported", note="no source")
    report = report_markdown(session)
    assert report.count("Ada Lovelace") == 1


def test_reference_reasons_leave_out_internal_queries_and_show_the_full_reference(
    text: str,
) -> None:
    assert "0 hits for" not in text and "[ti]" not in text and "query.bibliographic" not in text
    assert "  - pubmed: no hits" in text
    assert (
        "Hemilä H. Zinc lozenges and the common cold: a meta-analysis comparing zinc acetate"
        in text
    )
    assert clean_reason("see https://x.example/a?b=c&d=e.") == "see https://x.example/a"
