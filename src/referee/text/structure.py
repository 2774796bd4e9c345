"""Split an article into blocks with exact spans.

Front matter (``---`` YAML or ``+++`` TOML at the very top, see
:mod:`referee.text.front_matter`) is one ``front_matter`` block in either kind of text.
Markdown goes through markdown-it-py (block rules only: front matter,
headings, paragraphs, lists, quotes, tables, code, HTML, footnotes). Plain text
is split by blank lines, bullets, numbered items and heading-like lines.

A block's span covers its content: list markers, quote markers and heading
hashes sit outside it. Whether a block is prose (a source of sentences and
claims) is decided here; :mod:`referee.text.references` later turns the blocks of a
reference list into ``reference_list`` blocks.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from referee.model import Block
from referee.text import front_matter
from referee.text.furniture import is_furniture, opens_furniture_section

PROSE_KINDS = frozenset({"paragraph", "list_item", "quote"})

_PLAIN_BULLET = re.compile(r"[ \t]*(?:[•●▪‣⁃◦∙·*+\-–—]|\d{1,3}[.)])[ \t]+(?=\S)")
_ATX = re.compile(r"[ \t]{0,3}(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$")
_UNDERLINE = re.compile(r"[ \t]{0,3}(=+|-+)[ \t]*$")
_RULE = re.compile(r"[ \t]{0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_META = re.compile(
    r"(?i)(?:meta[- ]?description|meta[- ]?title|description|keywords?|tags?|author|authors|"
    r"by|byline|date|published|updated|last updated|category|categories|title|slug|summary|"
    r"excerpt|source|image|photo|caption|read time|reading time|word count)[ \t]*:"
    r"|by[ \t]+(?-i:[A-Z])[\w.'’-]*(?:[ \t]+(?:and[ \t]+)?(?-i:[A-Z])[\w.'’-]*){0,4}[ \t]*$"
)
_BOLD_LINE = re.compile(r"(\*\*|__)[^*_\n]{1,120}\1:?")
_TERMINAL = '.!?…"”’)]'
_WORD = re.compile(r"\S+")


def parse(text: str, markdown: bool) -> tuple[Block, ...]:
    """The blocks of ``text``, in document order."""
    head = front_matter.span(text)
    if head is None:
        blocks = _markdown_blocks(text) if markdown else _plain_blocks(text)
    else:
        # Front matter (``---`` YAML or ``+++`` TOML, in Markdown and plain text alike) is
        # one non-prose block; the rest is parsed with the block blanked to spaces, so
        # every offset and line number stays what it is in the text.
        start, end = head
        blanked = _blank(text, start, end)
        rest = _markdown_blocks(blanked) if markdown else _plain_blocks(blanked)
        blocks = [Block("front_matter", start, end, False), *rest]
    return tuple(_retitle(text, blocks))


def _blank(text: str, start: int, end: int) -> str:
    """``text`` with ``[start, end)`` turned into spaces, newlines kept."""
    return text[:start] + re.sub(r"[^\n]", " ", text[start:end]) + text[end:]


# --- Markdown ---------------------------------------------------------------


@cache
def _markdown_parser():
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin
    from mdit_py_plugins.front_matter import front_matter_plugin

    md = MarkdownIt("commonmark").use(front_matter_plugin).use(footnote_plugin).enable("table")
    # Block structure is all we need; inline parsing costs more than everything else.
    md.disable(["inline", "text_join", "footnote_tail"], ignoreInvalid=True)
    return md


def _markdown_blocks(text: str) -> list[Block]:
    lines = _LineIndex(text)
    tokens = _markdown_parser().parse(text)
    blocks: list[Block] = []
    containers: list[str] = []
    depth = 0
    for i, token in enumerate(tokens):
        kind = token.type
        if kind.endswith("_open") and kind not in ("heading_open", "paragraph_open"):
            opened = kind[: -len("_open")]
            containers.append(opened)
            if opened in ("bullet_list", "ordered_list", "blockquote"):
                depth += 1
            if opened == "table" and token.map:
                start, end = lines.span(*token.map)
                blocks.append(Block("table", start, end, False))
            elif opened == "footnote_reference" and token.map:
                start, end = lines.span(*token.map)
                blocks.append(Block("footnote", start, end, False))
            continue
        if kind.endswith("_close") and kind not in ("heading_close", "paragraph_close"):
            closed = containers.pop() if containers else ""
            if closed in ("bullet_list", "ordered_list", "blockquote"):
                depth -= 1
            continue
        if "table" in containers or "footnote_reference" in containers:
            continue
        if kind == "heading_open":
            inline = tokens[i + 1]
            span = lines.content_span(inline.map, inline.content) if inline.map else None
            if span:
                blocks.append(Block("heading", *span, False, int(token.tag[1:])))
        elif kind == "paragraph_open":
            inline = tokens[i + 1]
            span = lines.content_span(inline.map, inline.content) if inline.map else None
            if not span:
                continue
            if "blockquote" in containers:
                block_kind = "quote"
            elif "list_item" in containers:
                block_kind = "list_item"
            else:
                block_kind = "paragraph"
            blocks.append(_prose_or_pseudo_heading(text, Block(block_kind, *span, True, depth)))
        elif kind in ("fence", "code_block") and token.map:
            blocks.append(Block("code", *lines.span(*token.map), False))
        elif kind == "html_block" and token.map:
            blocks.append(Block("html", *lines.span(*token.map), False))
        elif kind == "front_matter" and token.map:
            blocks.append(Block("front_matter", *lines.span(*token.map), False))
        elif kind == "hr" and token.map:
            blocks.append(Block("rule", *lines.span(*token.map), False))
    return blocks


def _prose_or_pseudo_heading(text: str, block: Block) -> Block:
    """A paragraph that is only ``**Bold words**`` is a heading in disguise; a byline,
    a caption, a list of links… is furniture."""
    if is_furniture(text, block.start, block.end):
        return Block("meta", block.start, block.end, False)
    if block.kind == "paragraph" and _BOLD_LINE.fullmatch(text, block.start, block.end):
        return Block("heading", block.start, block.end, False, 6)
    return block


class _LineIndex:
    """Line numbers to code-point offsets."""

    def __init__(self, text: str) -> None:
        self.text = text
        starts = [0]
        find = text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        self.starts = starts

    def line_end(self, line: int) -> int:
        """Offset of the end of ``line``'s content (before its newline)."""
        if line + 1 < len(self.starts):
            return self.starts[line + 1] - 1
        return len(self.text)

    def span(self, first: int, stop: int) -> tuple[int, int]:
        """Span of lines ``first`` .. ``stop - 1``, trailing blank lines dropped."""
        start = self.starts[first]
        end = self.line_end(max(first, stop - 1))
        while end > start and self.text[end - 1] in " \t\n":
            end -= 1
        return start, end

    def content_span(self, line_map: list[int], content: str) -> tuple[int, int] | None:
        """Span of an inline token's content, markers before it excluded."""
        first, stop = line_map
        first_line = content.split("\n", 1)[0].rstrip()
        if not content.strip():
            return None
        raw = self.text[self.starts[first] : self.line_end(first)].rstrip()
        if first_line and raw.endswith(first_line):
            start = self.starts[first] + len(raw) - len(first_line)
        else:
            stripped = first_line.strip()
            idx = raw.find(stripped) if stripped else -1
            start = self.starts[first] + (idx if idx >= 0 else 0)
        end = self.line_end(stop - 1)
        # Setext underline or trailing ATX hashes are outside the inline map already.
        while end > start and self.text[end - 1] in " \t\n":
            end -= 1
        if end > start and self.text[end - 1] == "#":
            stripped_end = end
            while stripped_end > start and self.text[stripped_end - 1] == "#":
                stripped_end -= 1
            if stripped_end > start and self.text[stripped_end - 1] in " \t":
                end = stripped_end
                while end > start and self.text[end - 1] in " \t":
                    end -= 1
        return (start, end) if end > start else None


# --- Plain text ---------------------------------------------------------------


def _plain_blocks(text: str) -> list[Block]:
    blocks: list[Block] = []
    for start, end, lines in _paragraphs(text):
        blocks.extend(_plain_paragraph(text, start, end, lines))
    return blocks


def _paragraphs(text: str) -> Iterator[tuple[int, int, list[tuple[int, int]]]]:
    """Runs of non-blank lines: (start, end, [(line_start, line_end), ...])."""
    run: list[tuple[int, int]] = []
    pos = 0
    length = len(text)
    while pos <= length:
        nl = text.find("\n", pos)
        end = length if nl == -1 else nl
        if text[pos:end].strip():
            run.append((pos, end))
        elif run:
            yield run[0][0], run[-1][1], run
            run = []
        if nl == -1:
            break
        pos = nl + 1
    if run:
        yield run[0][0], run[-1][1], run


def _plain_paragraph(text: str, start: int, end: int, lines: list[tuple[int, int]]) -> list[Block]:
    blocks: list[Block] = []
    # Code: every line indented by a tab or four spaces, in a run of its own.
    if all(text.startswith(("    ", "\t"), s) for s, _ in lines) and not any(
        _PLAIN_BULLET.match(text, s) for s, _ in lines
    ):
        indented_prose = all(_looks_like_sentence(text, s, e) for s, e in lines)
        if not indented_prose:
            return [Block("code", start, end, False)]
    current: list[tuple[int, int]] = []
    current_kind = "paragraph"
    width = max(e - s for s, e in lines)

    def flush() -> None:
        if current:
            blocks.append(_plain_block(text, current_kind, current))

    for i, (s, e) in enumerate(lines):
        atx = _ATX.match(text, s, e)
        if atx and atx.group(2):
            flush()
            current = []
            current_kind = "paragraph"
            blocks.append(Block("heading", atx.start(2), atx.end(2), False, len(atx.group(1))))
            continue
        if _UNDERLINE.fullmatch(text, s, e) and current and len(current) == 1:
            # Setext heading: the previous single line is the heading.
            hs, he = _strip_span(text, *current[0])
            level = 1 if text[s:e].strip().startswith("=") else 2
            blocks.append(Block("heading", hs, he, False, level))
            current = []
            current_kind = "paragraph"
            continue
        if _RULE.fullmatch(text, s, e):
            flush()
            current = []
            current_kind = "paragraph"
            blocks.append(Block("rule", s, e, False))
            continue
        bullet = _PLAIN_BULLET.match(text, s, e)
        if bullet:
            flush()
            current = [(bullet.end(), e)]
            current_kind = "list_item"
        elif current_kind == "list_item" and current:
            # Indented or not, a line right under an item continues it (CommonMark's
            # "lazy continuation"); a blank line or a new marker ends the item.
            current.append((s, e))
        elif _lone_heading_line(text, s, e) and not current and i < len(lines) - 1:
            flush()
            current = []
            current_kind = "paragraph"
            hs, he = _strip_span(text, s, e)
            blocks.append(Block("heading", hs, he, False, 3))
        else:
            if current and _line_break_ends_block(text, current[-1], (s, e), width):
                flush()
                current = []
                current_kind = "paragraph"
            current.append((s, e))
    flush()
    return blocks


def _line_break_ends_block(
    text: str, before: tuple[int, int], after: tuple[int, int], width: int
) -> bool:
    """In plain text a short line (a byline, a dateline, the question of an FAQ) or a
    line of furniture is a block of its own, not the start of the next paragraph; the
    lines of a hard-wrapped paragraph are about as long as its longest line."""
    bs, be = _strip_span(text, *before)
    as_, ae = _strip_span(text, *after)
    if as_ >= ae or bs >= be:
        return False
    before_furniture = is_furniture(text, bs, be)
    if before_furniture != is_furniture(text, as_, ae):
        return True
    if before_furniture:
        return False  # a byline and a date: one block of furniture
    last = text[be - 1]
    following = text[as_]
    if not (following.isupper() or following.isdigit() or following in "\"“‘'(["):
        return False
    if (be - bs) < 0.6 * width and (last in _TERMINAL or last.isalnum()):
        return True
    # A short question after a finished sentence: the next question of an FAQ.
    return last in _TERMINAL and text[ae - 1] == "?" and (ae - as_) < 0.6 * width


def _plain_block(text: str, kind: str, lines: list[tuple[int, int]]) -> Block:
    start, _ = _strip_span(text, *lines[0])
    _, end = _strip_span(text, *lines[-1])
    depth = 1 if kind == "list_item" else 0
    block = Block(kind, start, end, True, depth)
    if kind == "paragraph" and len(lines) == 1:
        if _META.match(text, start, end):
            return Block("meta", start, end, False)
        if _heading_like(text, start, end):
            return Block("heading", start, end, False, 3)
    if is_furniture(text, start, end):
        return Block("meta", start, end, False)
    return block


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t":
        start += 1
    while end > start and text[end - 1] in " \t":
        end -= 1
    return start, end


def _heading_like(text: str, start: int, end: int) -> bool:
    """A short line without sentence-final punctuation: a heading in plain text."""
    line = text[start:end]
    if not line or len(line) > 120:
        return False
    if line.endswith(":"):
        return len(line) <= 100 and len(_WORD.findall(line)) <= 12 and line[0].isupper()
    if line[-1] in _TERMINAL or line[-1] in ",;":
        return False
    words = _WORD.findall(line)
    if not words or len(words) > 14:
        return False
    return line[0].isupper() or line[0].isdigit()


def _lone_heading_line(text: str, s: int, e: int) -> bool:
    """A heading line glued to a paragraph (no blank line): must end with ':'
    or be underlined elsewhere; only ``Title:``-shaped lines qualify here."""
    line = text[s:e].strip()
    return (
        line.endswith(":")
        and len(line) <= 80
        and len(_WORD.findall(line)) <= 10
        and line[0].isupper()
        and not _META.match(line)
    )


def _looks_like_sentence(text: str, start: int, end: int) -> bool:
    line = text[start:end].strip()
    return len(_WORD.findall(line)) >= 6 and line[-1:] in ".!?"


def _all_meta(text: str, block: Block) -> bool:
    """Every line of the block is a ``Key: value`` or ``By Name`` line."""
    lines = text[block.start : block.end].split("\n")
    return len(lines) <= 6 and all(_META.match(line.strip()) for line in lines)


def _retitle(text: str, blocks: list[Block]) -> Iterator[Block]:
    """The first block, when heading-shaped, is the title; meta lines near the top stay
    out of prose; so do the standfirst under the title (when a byline or a date follows
    it) and the sections of furniture (``Related``, ``Notes to editors``…)."""
    first = True
    furniture_section = False
    out: list[Block] = []
    for block in blocks:
        if block.kind == "paragraph" and block.start < 4000 and _all_meta(text, block):
            block = Block("meta", block.start, block.end, False)
        if block.kind in ("front_matter", "meta"):
            out.append(block)
            continue
        is_first, first = first, False
        if (
            is_first
            and block.kind in ("heading", "paragraph")
            and block.level <= 3
            and (block.kind == "heading" or _heading_like(text, block.start, block.end))
        ):
            out.append(Block("title", block.start, block.end, False, 1))
            continue
        if block.kind in ("heading", "title"):
            furniture_section = opens_furniture_section(text, block.start, block.end)
        elif furniture_section and block.prose:
            block = Block("meta", block.start, block.end, False)
        out.append(block)
    _standfirst(text, out)
    return iter(out)


def _standfirst(text: str, blocks: list[Block]) -> None:
    """The short paragraph under the title, followed by a byline or a date, is the
    standfirst (a summary of the article), not its prose."""
    at = next((i for i, b in enumerate(blocks[:3]) if b.kind == "title"), None)
    if at is None:
        return
    i = at + 1
    if i < len(blocks) and blocks[i].kind == "heading":
        i += 1
    if i + 1 >= len(blocks):
        return
    block, after = blocks[i], blocks[i + 1]
    if (
        block.kind == "paragraph"
        and after.kind == "meta"
        and len(_WORD.findall(text, block.start, block.end)) <= 45
    ):
        blocks[i] = Block("meta", block.start, block.end, False)
