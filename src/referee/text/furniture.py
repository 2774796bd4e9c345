"""Article furniture: the lines of an article that are not its prose.

Bylines, datelines, reading times, keywords and "filed under" lines, photo captions
and credits, author and affiliation lines, navigation and "related" link lists, share
prompts, contact lines, disclaimers, disclosures and editor's notes. None of them is a
source of claims. :mod:`referee.text.structure` asks :func:`is_furniture` about short
blocks and lines, and :func:`opens_furniture_section` about headings whose section
(``Related``, ``Notes to editors``, ``Disclaimer``…) is furniture as a whole.

Each test is a category of line, not a list of quoted examples: a labelled line
(``Photo:``, ``Keywords:``), a line that names its author (``By …``, ``Reviewed by …``),
a date line, a line of separated links, a line of names with affiliation marks.
Everything here reads one line or one short block, so it costs nothing on long prose.
"""

from __future__ import annotations

import re

_MAX = 400
"""Longer blocks are prose whatever they start with."""

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_NAME = r"(?:(?:[Dd]r|[Pp]rof|[Pp]rofessor)\.?\s+)?[A-Z][\w.'’-]*(?:\s+(?:de|van|von|da|del|le|la|[A-Z][\w.'’-]*)){0,4}"
_WRAP = " \t*_>[]()"
"""Emphasis, quote and bracket marks around a line: "*By Jenna Marsh*", "[Photo: …]"."""
_LABEL = re.compile(
    r"(?i)(?:keywords?|key\s+words|tags?|categor(?:y|ies)|filed\s+(?:under|in)|topics?|"
    r"photo(?:graph)?s?|images?|pictures?|caption|credits?|illustrations?|graphic|video|"
    r"source|sources|read\s+(?:more|next|also)|related(?:\s+\w+){0,2}|more\s+(?:coverage|stories|"
    r"from\s+[\w ]{1,30}|on\s+this(?:\s+story)?|reading)|see\s+also|further\s+reading|"
    r"you\s+(?:may|might)\s+also\s+(?:like|enjoy)|recommended(?:\s+for\s+you)?|"
    r"share(?:\s+this)?(?:\s+\w+)?|follow\s+us|editor['’]?s['’]?\s+note|note\s+from\s+the\s+editor|"
    r"corrections?|clarification|updated?|disclaimer|disclosures?|(?:media|press|investor)\s+"
    r"(?:contacts?|enquiries|inquiries)|contacts?|notes?\s+to\s+editors|for\s+more\s+information|"
    r"about\s+the\s+authors?|correspondence|corresponding\s+author|funding|"
    r"competing\s+interests?|conflicts?\s+of\s+interests?|declaration\s+of\s+interests?|"
    r"data\s+availability|acknowledge?ments?|author\s+contributions|ethics(?:\s+statement)?|"
    r"trial\s+registration|copyright|license|licence|reading\s+time|read\s+time|word\s+count|"
    r"last\s+(?:updated|reviewed|modified)|next\s+review(?:\s+due)?|review\s+date|"
    r"published|posted|first\s+published|originally\s+published|date|byline|authors?|"
    r"meta[- ]?(?:description|title)|description|slug|summary|excerpt|standfirst)"
    r"(?:\s*,[^:\n]{0,40})?\s*[:|]"
)
_BYLINE = re.compile(
    r"(?:(?i:by|words\s+by|text\s+by|story\s+by|reporting\s+by|written\s+by|posted\s+by|"
    r"reported\s+by|interview\s+by|edited\s+by|(?:medically\s+|clinically\s+)?reviewed\s+by|"
    r"fact[- ]checked\s+by|photo(?:graph)?s?\s+by|illustrations?\s+by|images?\s+by|"
    r"compiled\s+by|produced\s+by)\s+(?:the\s+)?" + _NAME + r")"
    r"(?:\s*(?:,|\||·|•|—|–|-|and|&|on|for|at)\s*[^.!?]*)?"
)
_DATE_WORDS = re.compile(
    r"(?i)(?:(?:published|posted|updated|last\s+updated|last\s+reviewed|reviewed|first\s+published|"
    r"originally\s+published|modified|next\s+review(?:\s+due)?|review\s+date)\b.{0,80}"
    r"(?:\b\d{4}\b|\d{1,2}[:.]\d\d|\bago\b|\btoday\b|\byesterday\b))"
)
_DATE_ONLY = re.compile(
    r"(?i)(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?,?\s+)?"
    r"(?:\d{1,2}(?:st|nd|rd|th)?\s+" + _MONTH + r"|" + _MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?,?)"
    r"\s+\d{4}\b[^!?]{0,40}|\d{4}-\d\d-\d\d\b[^!?]{0,30}"
)
_READING = re.compile(
    r"(?i)\b(?:reading\s+time|read\s+time|long\s+read|\d+[\s-]*min(?:ute)?s?(?:\s+read|\s*$)|"
    r"\d+[\s-]*min(?:ute)?s?\s+(?:to\s+)?read)\b"
)
_CAPTION_START = re.compile(
    r"(?i)(?:fig(?:ure)?\.?|table|chart|map|graphic|box|video|photo|image|plate)\s*"
    r"(?:\d{1,3}[a-z]?|[IVX]{1,4})\b[.:]?"
)
_CAPTION = re.compile(
    r"(?i)(?:\b(?:photo(?:graph)?s?|image|picture|illustration|credit|courtesy)"
    r"(?:\s+by|\s+credit)?\s*:|\((?:photo(?:graph)?|image|illustration|credit|picture)s?\s+"
    r"(?:by|:|credit|courtesy)|/\s*(?:getty|reuters|ap|afp|alamy|shutterstock|unsplash)\b|"
    r"\b(?:getty\s+images|unsplash|shutterstock|alamy)\b)"
)
_WHOLE_LINE = re.compile(
    r"(?i)(?:for\s+immediate\s+release|embargoed?\b.*|#{3}|-?\s*ends\s*-?|advertisement|"
    r"sponsored\s+content|share\s+this(?:\s+\w+)?\b.*|was\s+this\s+(?:page|article|answer)\s+"
    r"(?:useful|helpful)\b.*|follow\s+(?:us|[A-Z][\w ]{0,40})\s+on\s+.*|"
    r"(?:preprint|not\s+peer[- ]reviewed|this\s+article\s+has\s+not\s+been\s+(?:certified\s+by\s+)?"
    r"peer[- ]review(?:ed)?)\b.*|page\s+last\s+reviewed\b.*|continue\s+reading\b.*|"
    r"(?:back\s+to\s+top|skip\s+to\s+content|print(?:\s+this\s+page)?|listen\s+to\s+this\s+article)"
    r"\b.*|\d+\s+comments?|all\s+rights\s+reserved\b.*|©.*)"
)
_SEPARATORS = re.compile(r"\s+[|·•]\s+|\s*\|\s*")
_LINK = re.compile(r"!?\[[^\]\n]*\]\([^)\n]*\)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_BIO = re.compile(
    r"(?i)\b(?:covers|writes\s+about|reports\s+on|is\s+a\s+(?:staff|senior|freelance|health|science)"
    r"|reach\s+(?:him|her|them)|contact\s+(?:him|her|them)|follow\s+(?:him|her|them)|"
    r"email\s+(?:him|her|them))\b"
)
_AFFILIATION = re.compile(
    r"^(?:[¹²³⁴-⁹*†‡§]+|\d{1,2}\s+)\s*(?:the\s+)?(?:department|dept|institute|centre|center|"
    r"school|faculty|division|unit|laboratory|university|hospital|college|program|programme)\b",
    re.I,
)
_AUTHOR = re.compile(
    r"[A-Z][\w.'’-]+(?:\s+(?:de|van|von|da|[A-Z][\w.'’-]*)){1,3}\s*[¹²³⁴-⁹*†‡§\d,]*"
)
_SENTENCE_VERB = re.compile(
    r"(?i)\b(?:is|are|was|were|has|have|had|will|would|can|could|may|might|does|do|did|"
    r"said|says|found|shows?|showed)\b"
)
_SECTION = re.compile(
    r"(?i)\W*(?:related(?:\s+\w+){0,2}|read\s+(?:more|next|also)|more\s+(?:coverage|stories|"
    r"from\s+[\w ]{1,30}|on\s+this(?:\s+story)?)|"
    r"you\s+(?:may|might)\s+also\s+(?:like|enjoy)|recommended(?:\s+for\s+you)?|"
    r"in\s+this\s+(?:guide|article|section|story|page|piece)|on\s+this\s+page|"
    r"(?:table\s+of\s+)?contents|jump\s+to|notes?\s+to\s+editors|(?:media|press|investor)\s+"
    r"contacts?|contacts?|forward[- ]looking\s+statements?|safe\s+harbou?r(?:\s+statement)?|"
    r"disclaimers?|disclosures?|acknowledge?ments?|funding|competing\s+interests?|"
    r"conflicts?\s+of\s+interests?|author\s+(?:contributions|information)|data\s+availability|"
    r"share(?:\s+this(?:\s+\w+)?)?|follow\s+us|tags|keywords)\W*"
)
"""Not "Further reading", "See also" or "Sources": those may be reference lists."""


def is_furniture(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]``, a block or a line, is article furniture; a block of
    several lines is furniture when each of its lines is."""
    if end - start > _MAX:
        return False
    block = text[start:end]
    if "\n" in block:
        lines = [line for line in block.split("\n") if line.strip()]
        return len(lines) <= 8 and all(_line_is_furniture(line) for line in lines)
    return _line_is_furniture(block)


def _line_is_furniture(raw: str) -> bool:
    if "](" in raw:
        linked = raw.strip(" \t*_>")
        if _LINK.fullmatch(linked) or _only_links(linked):
            return True
    line = raw.strip(_WRAP)
    if not line:
        return False
    if _LABEL.match(line) or _WHOLE_LINE.fullmatch(line):
        return True
    words = len(line.split())
    if words <= 45 and _caption(line):
        return True
    if words <= 40 and "@" in line and _EMAIL.search(line) and (_BIO.search(line) or words <= 8):
        return True
    if line.endswith((".", "!", "?")) and not line.endswith((" Jr.", " Sr.", " a.m.", " p.m.")):
        return False  # what follows is never a sentence
    if words <= 16 and _BYLINE.fullmatch(line):
        return True
    if (
        words <= 18
        and (_DATE_WORDS.match(line) or _DATE_ONLY.fullmatch(line))
        and not _SENTENCE_VERB.search(line)
    ):
        return True
    if words <= 14 and _READING.search(line):
        return True
    if _AFFILIATION.match(line) or (words <= 40 and _authors(line)):
        return True
    return ("|" in line or "·" in line or "•" in line) and _link_list(line)


def _caption(line: str) -> bool:
    """A figure or table caption, a photo credit."""
    if _CAPTION_START.match(line):
        return True
    return (
        ":" in line or "(" in line or "/" in line or "Getty" in line or "Unsplash" in line
    ) and bool(_CAPTION.search(line))


def _only_links(line: str) -> bool:
    """Markdown links and separators, nothing else: a navigation line."""
    rest = _LINK.sub("", line)
    return rest != line and not rest.strip(" \t·•|,;/–—-")


def _link_list(line: str) -> bool:
    """Three or more short parts between ``|`` or ``·``, none a sentence."""
    parts = [p for p in _SEPARATORS.split(line) if p.strip()]
    if len(parts) < 2 or (len(parts) < 3 and "|" not in line and "·" not in line):
        return False
    return all(len(p.split()) <= 9 and not _SENTENCE_VERB.search(p) for p in parts)


def _authors(line: str) -> bool:
    """``Anna Kowalczyk¹, Pieter de Vries², Maria Santos¹``: names with marks."""
    if not any(c in line for c in "¹²³⁴⁵⁶⁷⁸⁹*†‡") and not re.search(r"[A-Za-z] \d\b", line):
        return False
    parts = [p.strip() for p in re.split(r",|\band\b|&", line) if p.strip()]
    return len(parts) >= 2 and all(_AUTHOR.fullmatch(p) for p in parts)


def opens_furniture_section(text: str, start: int, end: int) -> bool:
    """A heading or lead-in line that opens a section of furniture: what follows it,
    up to the next heading, is links, contacts or boilerplate."""
    return end - start <= 80 and bool(_SECTION.fullmatch(text, start, end))
