"""What kind of work a reference cites, so the right index is asked and the right fields
are compared.

The reference parser gives a ``type``; when it is ``other``, the raw string decides:
a thesis, a report or guideline, a chapter (``In:`` … ``(eds)``), a book (ISBN, a
publisher, an edition), a web page (a URL and an access date), or a journal article
(volume, issue and page numbers). A work with none of the signs of a container (no
journal, no volume, no pages) is *standalone*: books, reports and web pages are, and
articles and chapters never are. When in doubt between a book and an article, the kind
leans to the book: a real book called fabricated is the one mistake that must not happen.
"""

from __future__ import annotations

import re

from referee.model import Reference

JOURNAL = "journal"
BOOK = "book"
CHAPTER = "chapter"
REPORT = "report"
THESIS = "thesis"
WEBPAGE = "webpage"
PREPRINT = "preprint"
PAPER = "paper"
"""Conference papers and other contributions to proceedings."""
UNKNOWN = "unknown"

UNINDEXED_KINDS = frozenset({BOOK, CHAPTER, REPORT, THESIS, WEBPAGE})
"""Kinds the bibliographic indexes often do not hold: missing from them is not suspicious."""

CSL_KINDS = {
    # the reference parser's types (model.Reference.type); "other" leaves it to the raw string
    "journal article": JOURNAL,
    "web page": WEBPAGE,
    # CSL and Crossref types
    "article-journal": JOURNAL,
    "article": JOURNAL,
    "article-magazine": JOURNAL,
    "article-newspaper": JOURNAL,
    "review": JOURNAL,
    "journal-article": JOURNAL,
    "book": BOOK,
    "monograph": BOOK,
    "edited-book": BOOK,
    "chapter": CHAPTER,
    "book-chapter": CHAPTER,
    "entry-encyclopedia": CHAPTER,
    "entry-dictionary": CHAPTER,
    "report": REPORT,
    "standard": REPORT,
    "legislation": REPORT,
    "legal_case": REPORT,
    "thesis": THESIS,
    "dissertation": THESIS,
    "webpage": WEBPAGE,
    "post-weblog": WEBPAGE,
    "post": WEBPAGE,
    "software": WEBPAGE,
    "dataset": REPORT,
    "manuscript": PREPRINT,
    "preprint": PREPRINT,
    "posted-content": PREPRINT,
    "paper-conference": PAPER,
    "proceedings-article": PAPER,
}
"""The parser's types, CSL and Crossref types onto the kinds used here."""

_THESIS = re.compile(r"\b(thesis|dissertation|ph\.? ?d\b|doctoral|master'?s)", re.IGNORECASE)
_REPORT = re.compile(
    r"\b(report|guidelines?|technical (note|paper)|working paper|white paper|policy brief|"
    r"fact ?sheet|world health organi[sz]ation|who press|national institute|ministry of|center|centre|"
    r"department of health|office for|commission|agency)\b",
    re.IGNORECASE,
)
_CHAPTER = re.compile(
    r"[.,][\"”’']?\s+In:?\s+[A-Z\d]|[\"”’'],\s+in\s+[A-Za-z\d]|\bIn:\s"
    r"|(?i:\((eds?|hrsg|dir)\.?\)|\beds?\.,|\bedited by\b)"
)
_BOOK = re.compile(
    r"\b(isbn|university press|press\b|publishers?\b|publishing\b|verlag|books\b|editions?\b|"
    r"\d+(st|nd|rd|th) ed|edn\b|hardcover|paperback|wiley|springer(?! nature)|routledge|"
    r"sage|macmillan|penguin|harper|random house|elsevier science|academic press|mit press|"
    r"oxford|cambridge|princeton|norton|vintage)",
    re.IGNORECASE,
)
_PLACE_PUBLISHER = re.compile(
    r"(?:^|[.,]\s)[A-Z][\w.'-]+(?:,? [A-Z][\w.'-]+){0,2}\s?:\s?[A-Z][^:;]{1,60}?"
    r"(?:[,;]\s*(?:1[5-9]\d\d|20\d\d)[a-z]?)?\.?$"
)
"""``New York: Doubleday.`` at the end of a reference: a place and a publisher."""
_WEB = re.compile(
    r"\b(accessed|retrieved|available (at|from)|viewed|cited \d{4}|last updated)\b|\[online\]",
    re.IGNORECASE,
)
_PREPRINT = re.compile(r"\b(arxiv|biorxiv|medrxiv|ssrn|preprint|research square)\b", re.I)
_PAPER = re.compile(r"\b(proceedings|proc\.|conference|symposium|workshop)\b", re.IGNORECASE)
_JOURNAL_NUMBERS = re.compile(
    r"\b\d{1,4}\s*\(\s*[\w\-–/ ]{1,12}\s*\)\s*[:,]\s*[a-z]?\d+"  # 12(3):45 / 12 (3), 45
    r"|\b\d{1,4}\s*:\s*[a-z]?\d+\s*[-–—]\s*\d+"  # 12:45-67
    r"|\bvol(ume)?\.?\s*\d+"  # vol. 12
    r"|;\s*\d{1,4}\s*[:(]"  # 2019;12:
    r"|\b\d{4}\s*,\s*\d{1,4}\s*,\s*\d+\s*[-–—]\s*\d+"  # 2010, 10, 1012-1020
    r"|,\s*\d{1,4}\s*,\s*[a-z]?\d+\s*[-–—]\s*[a-z]?\d+"  # , 12, 45–67
    r"|\b(?:v|vol|no|nr|n°|issue|iss)\.?\s*\d+",  # v. 6, no. 3, n°125
    re.IGNORECASE,
)
_PAGE_RANGE = re.compile(r"\bpp?\.\s*[a-z]?\d+\s*[-–—]+\s*[a-z]?\d+", re.IGNORECASE)
"""``pp. 643-661``: a part of something, a journal or a book."""
_QUOTED_PART = re.compile(r"[\"“‘'«][^\"”’«»]{10,}[\"”’'»]\s*[,.:]?\s*[A-Z]")
"""A quoted title followed by another name: an article (or chapter) in a container."""
_JOURNAL_WORDS = re.compile(
    r"\b(journal|review|quarterly|annals|bulletin|letters|transactions|magazine|revue|"
    r"zeitschrift|rivista|revista|tijdschrift|studies|spectrum)\b",
    re.IGNORECASE,
)


def kind_of(ref: Reference) -> str:
    """The kind of work ``ref`` cites (one of the constants above)."""
    declared = CSL_KINDS.get((ref.type or "").lower())
    if declared:
        return declared
    raw = ref.raw
    if ref.isbn:
        return BOOK
    if _THESIS.search(raw):
        return THESIS
    if _PREPRINT.search(raw):
        return PREPRINT
    volume = bool(_JOURNAL_NUMBERS.search(raw)) or bool(ref.volume)
    numbers = volume or bool(_PAGE_RANGE.search(raw))
    if ref.editors or _CHAPTER.search(raw):
        return CHAPTER
    if numbers and not volume and (_BOOK.search(raw) or _PLACE_PUBLISHER.search(raw)):
        return CHAPTER  # pages of a book: "…," Mothers of the Municipality, U of T Press, pp. 3-9
    if _PAPER.search(raw) and not numbers:
        return PAPER
    if numbers:
        return JOURNAL
    if _REPORT.search(raw):
        return REPORT
    if ref.publisher or _BOOK.search(raw) or _PLACE_PUBLISHER.search(raw.strip()):
        return BOOK
    if ref.url and _WEB.search(raw):
        return WEBPAGE
    if ref.pages or _QUOTED_PART.search(raw):
        return JOURNAL
    if ref.container:
        # A "container" with no volume, issue or pages anywhere is most often a publisher
        # the parser mistook for a journal (APA books end "… Title. Knopf."): a book, unless
        # its name says journal.
        return JOURNAL if _JOURNAL_WORDS.search(ref.container) else BOOK
    rest = raw.replace(ref.title, " ") if ref.title else raw
    if _JOURNAL_WORDS.search(rest):
        return JOURNAL
    return UNKNOWN


def standalone(ref: Reference) -> bool:
    """True for a work with no container: a book, report, thesis or web page."""
    kind = kind_of(ref)
    if kind in (BOOK, REPORT, THESIS, WEBPAGE):
        return True
    return kind == UNKNOWN and not ref.container and not ref.pages and not ref.volume


def not_indexed_kind(ref: Reference) -> bool:
    """Whether missing from every index is expected rather than suspicious."""
    return kind_of(ref) in UNINDEXED_KINDS or standalone(ref)
