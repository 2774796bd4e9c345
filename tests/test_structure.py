"""Blocks: kinds, prose or not, and exact content spans."""

from __future__ import annotations

from referee.model import BLOCK_KINDS
from referee.text.structure import parse

MD = """\
---
title: Front matter
tags: [a, b]
---

# The title

A paragraph that says
something over two lines.

## Section two ##

- First item says a thing.
- Second item
  continues here.

1. Numbered one.
2. Numbered two.

> A quoted claim.
> Still quoted.

| a | b |
|---|---|
| 1 | 2 |

```python
print("code is not prose")
```

    indented code

<div>html</div>

**Bold pseudo heading**

Footnoted[^1].

[^1]: The footnote text.
"""


def kinds(text: str, markdown: bool) -> list[tuple[str, str, bool]]:
    return [(b.kind, text[b.start : b.end], b.prose) for b in parse(text, markdown)]


def test_markdown_blocks_and_spans() -> None:
    got = kinds(MD, True)
    assert got == [
        ("front_matter", "---\ntitle: Front matter\ntags: [a, b]\n---", False),
        ("title", "The title", False),
        ("paragraph", "A paragraph that says\nsomething over two lines.", True),
        ("heading", "Section two", False),
        ("list_item", "First item says a thing.", True),
        ("list_item", "Second item\n  continues here.", True),
        ("list_item", "Numbered one.", True),
        ("list_item", "Numbered two.", True),
        ("quote", "A quoted claim.\n> Still quoted.", True),
        ("table", "| a | b |\n|---|---|\n| 1 | 2 |", False),
        ("code", '```python\nprint("code is not prose")\n```', False),
        ("code", "    indented code", False),
        ("html", "<div>html</div>", False),
        ("heading", "**Bold pseudo heading**", False),
        ("paragraph", "Footnoted[^1].", True),
        ("footnote", "[^1]: The footnote text.", False),
    ]


def test_markdown_setext_heading() -> None:
    text = "Intro paragraph here.\n\nA heading\n---------\n\nBody text.\n"
    assert ("heading", "A heading", False) in kinds(text, True)


SEED_LIKE = """\
Acupuncture for Something: Effectiveness and Options

Meta-description: Discover how it can help.


Intro sentence one. Intro sentence two.

Treatment Challenges:

Body paragraph.

  • Regulation: One item.

  • Pain relief: Another item
    wrapped onto a second line.

1. A numbered item.
2) Another numbered item.

# Hash heading
Text under it.

Underlined heading
==================

    code line one
    code line two
"""


def test_plain_text_blocks() -> None:
    got = kinds(SEED_LIKE, False)
    assert got == [
        ("title", "Acupuncture for Something: Effectiveness and Options", False),
        ("meta", "Meta-description: Discover how it can help.", False),
        ("paragraph", "Intro sentence one. Intro sentence two.", True),
        ("heading", "Treatment Challenges:", False),
        ("paragraph", "Body paragraph.", True),
        ("list_item", "Regulation: One item.", True),
        ("list_item", "Pain relief: Another item\n    wrapped onto a second line.", True),
        ("list_item", "A numbered item.", True),
        ("list_item", "Another numbered item.", True),
        ("heading", "Hash heading", False),
        ("paragraph", "Text under it.", True),
        ("heading", "Underlined heading", False),
        ("code", "    code line one\n    code line two", False),
    ]


def test_heading_line_glued_to_paragraph() -> None:
    text = "Intro here.\n\nKey findings:\nThe drug cut deaths by half.\n"
    assert kinds(text, False)[1:] == [
        ("heading", "Key findings:", False),
        ("paragraph", "The drug cut deaths by half.", True),
    ]


def test_byline_and_dates_are_meta() -> None:
    text = "A Headline Here\n\nBy Jane Doe\nPublished: 1 May 2026\n\nThe story begins.\n"
    assert kinds(text, False)[1] == ("meta", "By Jane Doe\nPublished: 1 May 2026", False)


def test_first_line_sentence_is_not_a_title() -> None:
    text = "This first line is a real sentence with a verb.\n\nMore.\n"
    assert kinds(text, False)[0][0] == "paragraph"


def test_empty_and_blank_texts() -> None:
    assert parse("", False) == () and parse("", True) == ()
    assert parse("  \n\n\t\n", False) == () and parse("  \n\n\t\n", True) == ()


def test_spans_are_exact_for_every_block() -> None:
    for text, markdown in ((MD, True), (SEED_LIKE, False)):
        for block in parse(text, markdown):
            assert block.kind in BLOCK_KINDS, block
            piece = text[block.start : block.end]
            assert piece and piece == piece.rstrip(), block
            if block.kind != "code":
                assert piece == piece.strip(), block


def test_unindented_line_continues_a_plain_list_item() -> None:
    text = "Intro.\n\n1. Holick MF. Vitamin D deficiency.\nN Engl J Med. 2007;357:266.\n2. Next item.\n"
    assert kinds(text, False)[1:] == [
        ("list_item", "Holick MF. Vitamin D deficiency.\nN Engl J Med. 2007;357:266.", True),
        ("list_item", "Next item.", True),
    ]
