"""Front matter (``---`` YAML, ``+++`` TOML) is metadata everywhere: one non-prose block
with an exact span, never a claim, a citation or a reference, in Markdown and plain text."""

from __future__ import annotations

import pytest

from referee.text import front_matter
from referee.text.analysis import analyse
from referee.text.structure import parse

# Every field a fetch writes, filled with what would be claims, citations and
# references if it were prose.
FETCHED = """\
---
title: "Coffee cures cancer, a study of 10,000 adults shows"
author: "Smith, J. (2019). Coffee and cancer. Journal of Medicine, 12(3), 45-67."
date: "2019-05-01"
site: "The Daily [1]"
url: "https://example.org/coffee?doi=10.1000/xyz123"
final_url: "https://example.org/coffee"
fetched: "2026-12-07T00:00:00Z"
status: 200
content_type: "text/html"
sha256: "ab12"
extractor: "trafilatura"
extractor_version: "2.3.1"
---

# Coffee and health

Vaccines cause a 50% drop in hospital admissions, researchers say.
"""

TOML = """\
+++
title = "Aspirin prevents heart attacks in all adults"
date = 2024-01-02
draft = false
tags = ["health"]
[params]
doi = "10.1000/abc"
+++
Aspirin cuts heart attacks by 20% in adults, a trial found.
"""


@pytest.mark.parametrize("markdown", [True, False])
@pytest.mark.parametrize("text", [FETCHED, TOML])
def test_front_matter_is_one_block_with_an_exact_span(text: str, markdown: bool) -> None:
    blocks = parse(text, markdown)
    first = blocks[0]
    assert first.kind == "front_matter" and not first.prose
    closing = "---" if text.startswith("---") else "+++"
    assert first.start == 0 and text[first.start : first.end].endswith("\n" + closing)
    assert text[first.end] == "\n"
    assert all(b.start >= first.end for b in blocks[1:])
    assert sum(b.kind == "front_matter" for b in blocks) == 1


@pytest.mark.parametrize("markdown", [True, False])
@pytest.mark.parametrize("text", [FETCHED, TOML])
def test_nothing_comes_from_front_matter(text: str, markdown: bool) -> None:
    analysis = analyse(text, markdown)
    end = analysis.blocks[0].end
    assert analysis.claims, "the body still has its claim"
    assert all(c.start >= end for c in analysis.claims)
    assert all(s.start >= end for s in analysis.sentences)
    assert all(c.start >= end for c in analysis.citations)
    assert all(r.start >= end for r in analysis.references)


def test_the_body_parses_as_without_front_matter() -> None:
    text = FETCHED
    head = front_matter.parse(text)
    assert head is not None
    offset = head.body
    alone = [(b.kind, b.start + offset, b.end + offset) for b in parse(text[offset:], True)]
    assert [(b.kind, b.start, b.end) for b in parse(text, True)[1:]] == alone


def test_values_are_read_back() -> None:
    values = front_matter.parse(FETCHED).values
    assert values["title"] == "Coffee cures cancer, a study of 10,000 adults shows"
    assert values["status"] == "200" and values["url"].endswith("doi=10.1000/xyz123")
    toml = front_matter.parse(TOML)
    assert toml.kind == "toml"
    assert toml.values == {
        "title": "Aspirin prevents heart attacks in all adults",
        "date": "2024-01-02",
        "draft": "false",
    }


def test_render_round_trips_awkward_values() -> None:
    values = {
        "title": 'A "quoted": title # not a comment',
        "author": "O'Brien\\Smith",
        "site": "yes",
        "date": None,
        "status": 404,
        "url": "https://x.test/a?b=1&c=2",
    }
    rendered = front_matter.render(values)
    assert "date" not in rendered
    head = front_matter.parse(rendered + "\nBody text.\n")
    assert head is not None
    assert head.values == {k: str(v) for k, v in values.items() if v is not None}
    assert (rendered + "\nBody text.\n")[head.body :] == "\nBody text.\n"


def test_other_tools_front_matter_is_read_without_error() -> None:
    text = (
        "---\n"
        "layout: post   # a comment\n"
        "title: 'It''s plain'\n"
        "tags:\n  - a\n  - b\n"
        "summary: >\n  folded text\n"
        "nested:\n  key: value\n"
        'broken: "no closing quote\n'
        "empty:\n"
        "---\n"
        "Body.\n"
    )
    head = front_matter.parse(text)
    assert head is not None
    assert head.values["layout"] == "post"
    assert head.values["title"] == "It's plain"
    assert "summary" not in head.values and "key" not in head.values
    assert head.values["empty"] == ""
    assert text[head.body :] == "Body.\n"
    bad_toml = "+++\ntitle = \n+++\nBody.\n"
    assert front_matter.parse(bad_toml).values == {}


@pytest.mark.parametrize(
    "text",
    [
        "---\n\nA paragraph under a rule says coffee cures cancer.\n",
        "---\nJust a line between rules\n---\nText.\n",
        "+++\nnot toml\n+++\n",
        "---\ntitle: never closed\n\nCoffee cures cancer.\n",
        "--- \n",
        "----\ntitle: x\n----\n",
        "",
        "Title\n---\ntitle: x\n---\n",
    ],
)
def test_what_is_not_front_matter(text: str) -> None:
    assert front_matter.span(text) is None
    assert all(b.kind != "front_matter" for b in parse(text, False))


def test_a_text_that_starts_with_a_rule_keeps_its_claims() -> None:
    text = "---\nJust a line between rules\n---\n\nCoffee cures cancer in 90% of patients.\n"
    assert analyse(text, False).claims


def test_blank_lines_inside() -> None:
    text = "---\n\ntitle: x\n\n---\nBody here.\n"
    assert front_matter.span(text) == (0, text.index("---\nBody") + 3)


def test_no_sentence_is_found_in_front_matter() -> None:
    from referee.text.sentences import sentence_at

    blocks = parse(FETCHED, True)
    assert sentence_at(FETCHED, blocks, FETCHED.index("Coffee cures")) is None
    body = FETCHED.index("Vaccines cause")
    assert sentence_at(FETCHED, blocks, body + 3) == (body, FETCHED.index("\n", body))
