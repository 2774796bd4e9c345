"""Reference lists: find the section, split it into entries, parse their fields.

Three ways in, all of which may apply to one article:

* a heading (References, Bibliography, Works cited ...); *weak* headings
  (Notes, Further reading, Resources ...) also need citation-like content;
* Markdown footnote definitions ``[^x]: ...`` with bibliographic content
  (a footnote that is only a remark is left alone);
* with no heading, a trailing run of citation-like paragraphs or list items
  (the seed article ends with two APA entries and nothing else).

Every block of a list becomes a ``reference_list`` block (not prose); the
heading stays a heading. An entry's span is its text without its label or list
marker; ``raw`` joins hard-wrapped lines with single spaces.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, replace

from referee.model import Block, Reference
from referee.text.identifiers import DOI_START
from referee.text.name_year import APA_YEAR, FAMILY_NAME, LOWER_PARTICLE, PARTICLE, YEAR
from referee.text.reference_fields import parse_entry
from referee.text.reference_ids import acronym as acronym
from referee.text.reference_ids import fold as fold
from referee.text.reference_ids import reference_ids
from referee.text.reference_ids import surname_key as surname_key

# --- Section headings ---------------------------------------------------------

_HEADING = re.compile(
    r"(?i)[ \t]*(?:\*\*|__)?[ \t]*(?:\d+\.?[ \t]*)?(?P<name>"
    r"references?|reference\s+list|bibliography|sources|source\s+list|sources\s+and\s+notes|"
    r"works\s+cited|literature\s+cited|cited\s+(?:works|literature)|citations|studies\s+cited|"
    r"selected\s+references|references\s+and\s+notes|footnotes|endnotes|notes|further\s+reading|"
    r"resources|bibliography\s+and\s+notes)[ \t]*:?[ \t]*(?:\*\*|__)?[ \t]*"
)
# fmt: off
_STRONG = frozenset([
    "reference", "references", "reference list", "bibliography", "works cited",
    "literature cited", "cited works", "cited literature", "studies cited",
    "selected references", "references and notes", "bibliography and notes",
])
# fmt: on
# "Sources" and "Citations" are strong unless the section reads like prose.
_MEDIUM = frozenset({"sources", "source list", "sources and notes", "citations"})

_ENTRY_KINDS = frozenset({"paragraph", "list_item", "quote"})

# --- Scoring a candidate entry: how citation-like its text is -----------------

_SCORE_APA_YEAR = re.compile(
    rf"\({YEAR}[a-z]?(?:,\s*[A-Z][a-z]+\.?(?:\s\d{{1,2}})?)?\)|\(n\.\s?d\.\)"
)
_SCORE_VANCOUVER = re.compile(
    rf"{YEAR}(?:\s[A-Z][a-z]{{2}}(?:\s\d{{1,2}})?)?;\s?\d+(?:\s?\([^)]+\))?(?::\s?[eE]?\d+)?"
)
_SCORE_VOL_ISSUE = re.compile(
    r"\b\d{1,4}\s?\(\d{1,4}(?:[-–]\d{1,4})?\)\s?[:,]\s?[eE]?\d+(?:[-–]\d+)?"
)
_SCORE_PAGES = re.compile(r"\b(?:pp?\.\s?)?\d{1,5}[-–]\d{1,5}\b")
_AUTHOR_START = re.compile(
    rf"(?:(?:{PARTICLE})\s+)*{FAMILY_NAME}(?:[ -]{FAMILY_NAME})?(?:,\s+(?:[A-Z]\.[ -]?)+|\s[A-Z]{{1,3}}[,.])"
)
_ORG_START = re.compile(rf"[^()\n]{{2,200}}?\.\s*\((?:{YEAR}[a-z]?|n\.\s?d\.)[^)]*\)\.")
_ET_AL = re.compile(r"\bet\s+al\b")
_IDENT = re.compile(
    rf"doi\.org/|\b[dD][oO][iI]:|\b{DOI_START}|\bPMID|\bPMC\d|https?://|\b[Rr]etrieved\b|"
    r"\b[Aa]vailable\s+(?:from|at)\b|\[Internet\]|\b[Aa]ccessed\b|\bcited\s+\d{4}"
)
_VENUE = re.compile(
    r"\b(?:J|Journal|Med|Lancet|BMJ|JAMA|Nature|Science|Proc|Rev|Ann|Am|Int|Clin|Res|Press|"
    r"Publishing|University|Cochrane|PLoS|N Engl)\b"
)
_TELLTALE = re.compile(
    rf";\s{YEAR}\.|\.\s{YEAR}\.\s|\bIn:\s|\b(?:Published|Preprint|Updated)\b|\[Internet|\bcited\b"
)
_MARKER = re.compile(
    r"[ \t]*(?:\[(?P<b>\d{1,4})\]:?|(?P<n>\d{1,4})[.)]|\((?P<p>\d{1,4})\))[ \t]+"
    r"|[ \t]*(?P<s>[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,4})[ \t]*(?=\S)"
)
"""An entry's number: ``[3]``, ``3.``, ``3)``, ``(3)`` or a superscript ``³``."""
_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")


def _marker_label(match: re.Match[str]) -> str:
    label = match.group("b") or match.group("n") or match.group("p") or match.group("s")
    return label.translate(_SUPERSCRIPT)


FOOTNOTE_DEFINITION = re.compile(r"[ \t]*\[\^(?P<label>[^\]\s]+)\]:[ \t]*")


_SCORED_CHARS = 3000
"""Longer than this is not one entry; only its beginning is scored."""


def score(entry: str) -> int:
    """How citation-like a (joined) entry is; 3 or more is strong."""
    entry = entry[:_SCORED_CHARS]
    points = 0
    if _SCORE_APA_YEAR.search(entry):
        points += 2
    if _SCORE_VANCOUVER.search(entry):
        points += 2
    if _SCORE_VOL_ISSUE.search(entry):
        points += 1
    if _SCORE_PAGES.search(entry):
        points += 1
    if _AUTHOR_START.match(entry):
        points += 2
    if _ET_AL.search(entry):
        points += 1
    if _IDENT.search(entry):
        points += 1
    if _VENUE.search(entry):
        points += 1
    if _TELLTALE.search(entry):
        points += 1
    if _MARKER.match(entry):
        points += 1
    return points


def _entry_shaped(entry: str) -> bool:
    """Starts the way a reference entry starts (authors, organisation + year, marker)."""
    return bool(
        _AUTHOR_START.match(entry)
        or _ORG_START.match(entry)
        or _MARKER.match(entry)
        or _SCORE_VANCOUVER.search(entry)
    )


def _strong(entry: str) -> bool:
    return score(entry) >= 3 and _entry_shaped(entry)


# --- Entries --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Entry:
    start: int
    end: int
    raw: str
    label: str | None


def _lines(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    pos = start
    while pos <= end:
        nl = text.find("\n", pos, end)
        stop = end if nl == -1 else nl
        yield pos, stop
        if nl == -1:
            return
        pos = nl + 1


def _content(text: str, start: int, end: int, quote: bool) -> tuple[int, int]:
    """A line's span without indentation (and ``>`` markers in a quote)."""
    while start < end and text[start] in " \t":
        start += 1
    if quote:
        while start < end and text[start] == ">":
            start += 1
            while start < end and text[start] in " \t":
                start += 1
    while end > start and text[end - 1] in " \t":
        end -= 1
    return start, end


_ENDS_ENTRY = re.compile(rf"(?:[.\])\"”’»]|\d|https?://\S+|{DOI_START}\S+)[ \t]*$")
_MID_PHRASE = re.compile(r"(?:[^\W\d_]|[,;:&(\-–])[ \t]*$")
_CONTINUES = re.compile(
    rf"(?!(?:{LOWER_PARTICLE})\s|www\.|https?:)"
    r"[^\W\d_]|[,;:.)\]}]"
)
"""What a line that continues an entry starts with: a lower-case word (not a particle)."""
_NAME_START = re.compile(
    r"[A-ZÀ-ÞŁ][\w'’\-]+,\s|[A-ZÀ-ÞŁ]\.(?:\s?-?[A-ZÀ-ÞŁ]\.)*\s?[A-ZÀ-ÞŁ][\w'’\-]+|"
    r"[A-ZÀ-ÞŁ][\w'’\-]+\s+[A-ZÀ-ÞŁ]{1,3}[,.]|[A-ZÀ-ÞŁ][a-zà-ÿ]+\s+(?:[A-ZÀ-ÞŁ]\.\s)?[A-ZÀ-ÞŁ][\w'’\-]+,|"
    rf"[A-ZÀ-ÞŁ]{{2,}}[\s,]|(?:{LOWER_PARTICLE})\s+[A-ZÀ-ÞŁ][\w'’\-]+,|www\.|https?://"
)
_YEAR_FIRST = re.compile(rf"{YEAR}[a-z]?[.,]?\s+[^\W\d_]")
"""An entry under a repeated author can start with its year: ``1968 Tzeltal ...``."""
_JOURNAL_VOLUME = re.compile(r"[^,.()]{1,80},\s*(?:vol\.\s*)?\d")
_LONG_LINE = 100
"""Lines longer than this were not hard-wrapped: each is a whole entry."""
_WRAPPED_SHARE = 0.25
"""Lines that end mid-phrase, above this share, mark a hard-wrapped block."""
_SHORT_LAST_LINE = 0.6
"""A line shorter than this share of the block's widest ends its entry."""


def _layout(lines: list[tuple[int, int, int]], text: str) -> str:
    """``unwrapped`` (long lines), ``wrapped`` (hard-wrapped entries) or ``lines``
    (one short entry per line)."""
    lengths = [e - s for s, e, _ in lines]
    if sum(n > _LONG_LINE for n in lengths) * 2 >= len(lines):
        return "unwrapped"
    inner = lines[:-1]
    mid = sum(bool(_MID_PHRASE.search(text, s, e)) for s, e, _ in inner)
    return "wrapped" if inner and mid >= _WRAPPED_SHARE * len(inner) else "lines"


def _starts_entry(text: str, lines, i: int, layout: str, width: int, item: bool) -> bool:  # type: ignore[no-untyped-def]
    """Whether line ``i`` of an unmarked paragraph starts a new entry."""
    s, e, indent = lines[i]
    ps, pe, _ = lines[i - 1]
    if indent > min(line[2] for line in lines):
        return False  # a hanging indent: indented lines continue their entry
    if (
        (_CONTINUES.match(text, s, e) and not text[s].isupper())
        or text[s] in ",;:.)]}"
        or (text[s].isdigit() and not _YEAR_FIRST.match(text, s, e))
    ):
        return False
    line = text[s:e]
    named = bool(_AUTHOR_START.match(line) or _ORG_START.match(line) or _NAME_START.match(line))
    if named and _JOURNAL_VOLUME.match(line):
        named = False  # "Physical Review B, 5, 594.": a journal and its volume, wrapped
    if item and layout != "unwrapped":
        # A list item is an entry already: only a second author list starts another.
        return named and bool(_ENDS_ENTRY.search(text, ps, pe))
    if layout == "wrapped":
        if not _ENDS_ENTRY.search(text, ps, pe):
            return False
        return named or (pe - ps) < _SHORT_LAST_LINE * width
    if re.search(r"(?:[,;:&\-]|\band)[ \t]*$", text[ps:pe]):
        return named
    return True


def _split(text: str, block: Block) -> list[_Entry]:
    """Entries in one block: markers always split; otherwise lines split where the
    layout says an entry starts (one per line, hard-wrapped, hanging indent)."""
    quote = block.kind == "quote"
    raw_lines = []
    for s, e in _lines(text, block.start, block.end):
        cs, ce = _content(text, s, e, quote)
        indent = cs - s if s > block.start else _indent_before(text, block.start)
        raw_lines.append((cs, ce, indent))
    lines = [line for line in raw_lines if line[1] > line[0]]
    if not lines:
        return []
    # With explicit markers ([1], 1.) only markers split.
    marked = any(_MARKER.match(text, s, e) for s, e, _ in lines[1:])
    layout = _layout(lines, text)
    width = max(e - s for s, e, _ in lines)
    groups: list[list[tuple[int, int]]] = []
    for i, (s, e, _) in enumerate(lines):
        starts = not groups or bool(_MARKER.match(text, s, e))
        if not starts and not marked:
            starts = _starts_entry(text, lines, i, layout, width, block.kind == "list_item")
        if starts:
            groups.append([(s, e)])
        else:
            groups[-1].append((s, e))
    entries = []
    for group in groups:
        start, end = group[0][0], group[-1][1]
        label = None
        marker = _MARKER.match(text, start, end)
        if marker:
            label = _marker_label(marker)
            start = marker.end()
        elif group is groups[0]:
            label = _label_before(text, block.start)
        raw = " ".join(text[max(s, start) : e] for s, e in group if e > max(s, start))
        if raw:
            entries.append(_Entry(start, end, raw, label))
    return entries


def _indent_before(text: str, start: int) -> int:
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start]
    return len(before) if not before.strip() else 0


_LABEL_BEFORE = re.compile(r"[ \t]*(?:\[(?P<b>\d{1,4})\]|(?P<n>\d{1,4})[.)])[ \t]*$")


def _label_before(text: str, start: int) -> str | None:
    """The number of an ordered-list item, which sits just before its span."""
    line_start = text.rfind("\n", 0, start) + 1
    match = _LABEL_BEFORE.fullmatch(text, line_start, start)
    return (match.group("b") or match.group("n")) if match else None


def _footnote_entry(text: str, block: Block) -> _Entry | None:
    """A footnote definition, when it says something bibliographic."""
    match = FOOTNOTE_DEFINITION.match(text, block.start, block.end)
    if not match:
        return None
    lines = [_content(text, s, e, False) for s, e in _lines(text, match.end(), block.end)]
    raw = " ".join(text[s:e] for s, e in lines if e > s)
    if not raw or (score(raw) < 2 and not _IDENT.search(raw) and not APA_YEAR.search(raw)):
        return None
    return _Entry(match.end(), block.end, raw, match.group("label"))


def is_footnote(text: str, ref: Reference) -> bool:
    """True when ``ref`` is a Markdown footnote definition ``[^label]: ...``."""
    line_start = text.rfind("\n", 0, ref.start) + 1
    match = FOOTNOTE_DEFINITION.fullmatch(text, line_start, ref.start)
    return bool(match and match.group("label") == ref.label)


# --- Finding the section ----------------------------------------------------------


def _pseudo_heading_entry(text: str, block: Block, in_section: bool = False) -> bool:
    """A plain-text entry that the block pass took for a heading (no final period).
    Inside a reference section a missing final period never ends the section: any
    entry-shaped line there is an entry."""
    if block.kind != "heading":
        return False
    line_start = text.rfind("\n", 0, block.start) + 1
    if text[line_start : block.start].strip().startswith(("#", "*", "_")):
        return False
    line = text[block.start : block.end]
    if _strong(line):
        return True
    if not in_section or _section_name(text, block.start, block.end):
        return False
    words = line.split()
    return len(words) >= 6 or bool(re.search(YEAR, line) and "," in line) or score(line) >= 2


def _section_name(text: str, start: int, end: int) -> str | None:
    """``"works cited"`` when ``text[start:end]`` is a reference-section heading."""
    match = _HEADING.fullmatch(text, start, end)
    return " ".join(match.group("name").lower().split()) if match else None


def _heading_name(text: str, block: Block) -> str | None:
    return _section_name(text, block.start, block.end)


def _glued_heading(text: str, block: Block) -> tuple[str, int] | None:
    """A paragraph whose first line is a reference heading (``References`` with
    the entries right under it): the heading's name and where the entries start."""
    if block.kind != "paragraph":
        return None
    nl = text.find("\n", block.start, block.end)
    if nl == -1:
        return None
    name = _section_name(text, block.start, nl)
    return (name, nl + 1) if name else None


_Member = tuple[int, Block]
"""A block of a reference list, and the part of it that holds entries."""


def _heading_sections(text: str, blocks: tuple[Block, ...]) -> list[list[_Member]]:
    """The entry blocks under each accepted reference heading."""
    sections: list[list[_Member]] = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        members: list[_Member] = []
        name = _heading_name(text, block) if block.kind in ("heading", "title") else None
        level = block.level
        if name is None and block.kind == "paragraph":
            # "References" alone on a line of a Markdown file is a paragraph.
            alone = _heading_name(text, block)
            if alone in _STRONG:
                name, level = alone, 3
        if name is None:
            glued = _glued_heading(text, block)
            if glued is None:
                i += 1
                continue
            name, content = glued
            level = 3
            members.append((i, Block(block.kind, content, block.end, True, block.level)))
        j = i + 1
        while j < len(blocks):
            other = blocks[j]
            if other.kind in ("heading", "title") and not _pseudo_heading_entry(text, other, True):
                if _heading_name(text, other) is not None or other.level <= level:
                    break
                nxt = blocks[j + 1] if j + 1 < len(blocks) else None
                if nxt is None or nxt.kind not in _ENTRY_KINDS:
                    break
                if not _strong(text[nxt.start : nxt.end]):
                    break
                j += 1
                continue
            if _glued_heading(text, other) is not None:
                break
            if other.kind in _ENTRY_KINDS or other.kind == "heading":
                members.append((j, other))
            j += 1
        if members and _accept(text, name, [b for _, b in members]):
            sections.append(members)
        i = j
    return sections


def _accept(text: str, name: str, members: list[Block]) -> bool:
    if name in _STRONG:
        return True
    entries = [e.raw for b in members[:30] for e in _split(text, b)][:30]
    if not entries:
        return False
    if name in _MEDIUM:
        ok = sum(score(e) >= 2 or "://" in e or len(e.split()) <= 30 for e in entries)
    else:
        ok = sum(_strong(e) for e in entries)
    return ok * 2 >= len(entries)


_SKIP_AT_END = frozenset({"rule", "html", "meta", "footnote"})


# A list with no heading is recognised by its entries alone, read from the end of the
# article backwards. Each block must look like reference entries:
_STRONG_TENTHS = 6
"""...most of them (6 in 10, at least) strongly: see :func:`_strong`;"""
_WEAK_SCORE = 2
"""...or every one of them weakly, scoring at least this (:func:`score`; 3 is strong);"""
_WEAK_BLOCKS = 2
"""...but no more than this many weak blocks in a row, and the list ends with its last
strong block (a weak run is kept only when a strong block comes before it);"""
_LONE_ENTRY_SCORE = 5
"""...and a list of a single strong entry (a closing remark looks like one now and then)
must score this much and start with an author."""


def _trailing_section(text: str, blocks: tuple[Block, ...]) -> list[_Member]:
    """A run of citation-like blocks at the end of the article, with no heading (the
    thresholds above say which)."""
    i = len(blocks) - 1
    while i >= 0 and blocks[i].kind in _SKIP_AT_END:
        i -= 1
    run: list[int] = []
    strong_entries = 0
    best = 0
    weak_streak = 0
    while i >= 0:
        block = blocks[i]
        if block.kind not in _ENTRY_KINDS and not _pseudo_heading_entry(text, block):
            if block.kind in _SKIP_AT_END:
                i -= 1
                continue
            break
        entries = _split(text, block)
        strong = sum(_strong(e.raw) for e in entries)
        if entries and strong * 10 >= _STRONG_TENTHS * len(entries):
            weak_streak = 0
            strong_entries += strong
            run.append(i)
            best = len(run)
        elif (
            entries
            and all(score(e.raw) >= _WEAK_SCORE for e in entries)
            and weak_streak < _WEAK_BLOCKS
        ):
            weak_streak += 1
            run.append(i)
        else:
            break
        i -= 1
    run = sorted(run[:best])
    if strong_entries == 1 and len(run) == 1:
        only = _split(text, blocks[run[0]])
        if not (
            len(only) == 1
            and score(only[0].raw) >= _LONE_ENTRY_SCORE
            and _AUTHOR_START.match(only[0].raw)
        ):
            return []
    elif strong_entries < 2:
        return []
    return [(k, blocks[k]) for k in run]


# --- Public entry point -------------------------------------------------------------


def extract(
    text: str, blocks: tuple[Block, ...]
) -> tuple[tuple[Block, ...], tuple[Reference, ...]]:
    """Re-kind the blocks of reference lists and parse their entries."""
    sections = _heading_sections(text, blocks) or [_trailing_section(text, blocks)]
    kinds = list(blocks)
    found: list[_Entry] = []
    for section in sections:
        first = len(found)
        previous: Block | None = None
        for k, _ in section:
            block = blocks[k]
            kinds[k] = Block("reference_list", block.start, block.end, False, block.level)
        for block, part in _unbroken(text, [(blocks[k], part) for k, part in section]):
            entries = _split(text, part)
            if entries and found and _continues(text, previous, part, entries[0]):
                last = found[-1]
                found[-1] = _Entry(
                    last.start, entries[0].end, f"{last.raw} {entries[0].raw}", last.label
                )
                entries = entries[1:]
            found.extend(e for e in entries if not e.raw.endswith(":") or score(e.raw))
            previous = block
        _renumber(found, first)
    for k, block in enumerate(blocks):
        if block.kind == "footnote":
            entry = _footnote_entry(text, block)
            if entry is not None:
                kinds[k] = Block("reference_list", block.start, block.end, False, block.level)
                found.append(entry)
    found.extend(_link_definitions(text, blocks))
    found.sort(key=lambda e: e.start)
    parsed = [parse_entry(entry.raw) for entry in found]
    ids = reference_ids(parsed, [entry.label for entry in found])
    references = tuple(
        Reference(id=ref_id, start=e.start, end=e.end, raw=e.raw, label=e.label, **fields)
        for ref_id, e, fields in zip(ids, found, parsed, strict=True)
    )
    return tuple(kinds), references


_LINK_DEFINITION = re.compile(
    r"(?m)^[ ]{0,3}\[(?P<label>\d{1,4})\]:[ \t]*(?P<entry><?https?://[^\s>]+>?"
    r"(?:[ \t]+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^)\n]*\)))?)[ \t]*$"
)


def _link_definitions(text: str, blocks: tuple[Block, ...]) -> list[_Entry]:
    """Markdown link reference definitions with numbers, ``[1]: https://...``:
    the parser turns them into no block, but ``[1]`` in the text cites them."""
    if "]:" not in text:
        return []
    spans = sorted((b.start, b.end) for b in blocks)
    starts = [s for s, _ in spans]
    entries = []
    for match in _LINK_DEFINITION.finditer(text):
        i = bisect_right(starts, match.start()) - 1
        if i >= 0 and match.start() < spans[i][1]:
            continue  # inside a block: plain text, handled as a list entry
        start, end = match.span("entry")
        raw = text[start:end]
        entries.append(_Entry(start, end, raw, match.group("label")))
    return entries


def _unbroken(text: str, members: list[tuple[Block, Block]]) -> list[tuple[Block, Block]]:
    """Paragraph blocks that only a line break parts are one run: split into entries
    here, where the list's layout (one per line, wrapped, hanging indent) is known."""
    out: list[tuple[Block, Block]] = []
    for block, part in members:
        if out:
            last_block, last_part = out[-1]
            gap = text[last_part.end : part.start]
            if last_part.kind == part.kind == "paragraph" and gap.strip(" \t") == "\n":
                out[-1] = (last_block, replace(last_part, end=part.end))
                continue
        out.append((block, part))
    return out


def _continues(text: str, previous: Block | None, block: Block, entry: _Entry) -> bool:
    """A plain-text numbered entry whose wrapped line became a block of its own."""
    return (
        previous is not None
        and previous.kind == "list_item"
        and block.kind == "paragraph"
        and text.count("\n", previous.end, block.start) == 1
        and not text[previous.end : block.start].strip()
        and entry.label is None
        and not _AUTHOR_START.match(entry.raw)
        and not _ORG_START.match(entry.raw)
    )


def _renumber(found: list[_Entry], first: int) -> None:
    """Markdown lists numbered ``1.`` ``1.`` ``1.`` render as 1, 2, 3: so do their labels."""
    labels = [e.label for e in found[first:] if e.label and e.label.isdigit()]
    if len(labels) < 2 or len(set(labels)) == len(labels):
        return
    n = int(labels[0])
    for i in range(first, len(found)):
        if found[i].label and found[i].label.isdigit():
            found[i] = _Entry(found[i].start, found[i].end, found[i].raw, str(n))
            n += 1
