"""Where a Markdown article's own formatting is, so a front end can draw it lightly.

The TUI shows the canonical text itself, character for character, so that every offset
stays exact; these marks only say how to draw it: headings bold, ``**strong**`` bold,
``*emphasis*`` italic, link text underlined, ``code`` as code, and the syntax characters
(``#``, ``**``, ``](url)``, list markers) dimmed. Nothing is hidden or moved.

Block structure comes from :mod:`referee.text.structure` (headings, list items, code);
inline marks are found in prose blocks by pattern, as CommonMark writes them in
practice. Markdown is never interpreted: a mark is a style over a span, no more.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from referee.model import Block

MARK_KINDS = ("heading", "strong", "emphasis", "code", "link", "syntax", "bullet")
"""``heading`` ``strong`` ``emphasis`` ``code`` ``link`` (link text), ``syntax`` (the
characters that write the formatting), ``bullet`` (one list-marker character)."""

Mark = tuple[int, int, str]

_INLINE_BLOCKS = frozenset({"title", "heading", "paragraph", "list_item", "quote", "footnote"})
_PREFIX = re.compile(
    r"[ \t>]*(?:(?P<hashes>#{1,6})|(?P<bullet>[-*+])|(?P<number>\d{1,9}[.)]))?[ \t]*"
)
_QUOTE_IN_PREFIX = re.compile(r">")
_SETEXT_UNDERLINE = re.compile(r"\n[ \t]{0,3}(=+|-+)[ \t]*$")
_QUOTE_MARKER = re.compile(r"^[ \t]{0,3}(>)[ \t]?", re.M)
_CODE = re.compile(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.S)
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1", re.S)
_EMPHASIS = re.compile(r"(?<![*\w])(\*|_)(?=[^\s*_])(.+?)(?<=[^\s*_])\1(?![*\w])", re.S)
_LINK = re.compile(r"(?<!!)\[([^\[\]\n]+)\](\([^()\s]*(?:\s+\"[^\"\n]*\")?\))")


def inline_marks(text: str, blocks: Iterable[Block]) -> list[Mark]:
    """Marks for the Markdown formatting in ``blocks`` of ``text``, sorted by start."""
    marks: list[Mark] = []
    for block in blocks:
        if block.kind not in _INLINE_BLOCKS:
            continue
        start, end = block.start, block.end
        # A block starts after its marker ("# ", "- ", "1. ", "> "): read the line's
        # prefix for it.
        line_start = text.rfind("\n", 0, start) + 1
        prefix = _PREFIX.fullmatch(text, line_start, start)
        if block.kind in ("heading", "title"):
            if prefix and prefix.group("hashes"):
                marks.append((prefix.start("hashes"), end, "heading"))
                marks.append((prefix.start("hashes"), prefix.end("hashes"), "syntax"))
            else:
                marks.append((start, end, "heading"))
            underline = _SETEXT_UNDERLINE.search(text, start, end)
            if underline:
                marks.append((underline.start(1), underline.end(1), "syntax"))
                end = underline.start()
        elif prefix and prefix.group("bullet"):
            marks.append((prefix.start("bullet"), prefix.end("bullet"), "bullet"))
        elif prefix and prefix.group("number"):
            marks.append((prefix.start("number"), prefix.end("number"), "syntax"))
        if prefix:
            for quote in _QUOTE_IN_PREFIX.finditer(text, line_start, start):
                marks.append((quote.start(), quote.end(), "syntax"))
        if block.kind == "quote":
            marks.extend(
                (m.start(1), m.end(1), "syntax") for m in _QUOTE_MARKER.finditer(text, start, end)
            )
        marks.extend(_inline(text, start, end))
    marks.sort()
    return marks


def _inline(text: str, start: int, end: int) -> list[Mark]:
    marks: list[Mark] = []
    taken: list[tuple[int, int]] = []  # code spans: nothing inside them is formatting

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    for match in _CODE.finditer(text, start, end):
        ticks = len(match.group(1))
        marks.append((match.start(), match.start() + ticks, "syntax"))
        marks.append((match.start() + ticks, match.end() - ticks, "code"))
        marks.append((match.end() - ticks, match.end(), "syntax"))
        taken.append((match.start(), match.end()))
    for match in _LINK.finditer(text, start, end):
        if not free(match.start(), match.end()):
            continue
        marks.append((match.start(), match.start() + 1, "syntax"))
        marks.append((match.start(1), match.end(1), "link"))
        marks.append((match.end(1), match.end(), "syntax"))
        taken.append((match.end(1), match.end()))  # the URL is not prose
    for pattern, kind in ((_STRONG, "strong"), (_EMPHASIS, "emphasis")):
        for match in pattern.finditer(text, start, end):
            if not free(match.start(), match.end()):
                continue
            width = len(match.group(1))
            marks.append((match.start(), match.start() + width, "syntax"))
            marks.append((match.start() + width, match.end() - width, kind))
            marks.append((match.end() - width, match.end(), "syntax"))
            if kind == "strong":
                # The ** of strong text must not be read again as two emphasis stars.
                taken.extend(
                    [(match.start(), match.start() + width), (match.end() - width, match.end())]
                )
    return marks
