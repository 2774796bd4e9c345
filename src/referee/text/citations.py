"""In-text citations in prose blocks, linked to reference entries.

Styles: ``numeric`` (``[1]``, ``[2-4]``, ``[2, 5]``; ``(1)`` only in articles
with a numbered list and no other numeric markers), ``superscript`` (``¹²``,
``<sup>3</sup>``), ``footnote`` (``[^x]``), ``author_year`` (``(Smith et al.,
2019)``, one citation per item of ``(Lee & Park, 2020; Gómez, 2018)``, narrative
``Walker (2017)``), ``link`` (Markdown or bare links to scholarly hosts),
``doi`` and ``pmid`` (identifiers in running text).

Linking: numbers by label (else the n-th entry),
footnotes by label, author-year by (first surname, year) with suffix rules,
links and identifiers by DOI, PMID or URL. A citation is ``dangling`` when any
of its keys finds no entry (``ref_ids`` keeps those that did), ``ambiguous``
when a key fits several entries (all are kept). A link or identifier is its
own evidence: it is ``linked`` even when no entry matches it. A ``[^x]`` marker
whose footnote is a plain remark is not a citation.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from functools import lru_cache

from referee.model import Block, Citation, Reference
from referee.text.identifiers import (
    DOI,
    DOI_LABEL_BEFORE,
    MD_LINK,
    PMID,
    PUBMED_URL,
    URL,
    normalise_doi,
)
from referee.text.identifiers import trim_identifier as _trim
from referee.text.name_year import FAMILY_NAME, PARTICLE, YEAR
from referee.text.references import FOOTNOTE_DEFINITION, acronym, is_footnote, surname_key
from referee.text.structure import PROSE_KINDS

_RANGE_CAP = 50

# --- Patterns --------------------------------------------------------------------------

_NUMLIST = (
    r"\d{1,3}(?:\s*[-\u2013\u2014]\s*\d{1,3})?(?:\s*,\s*\d{1,3}(?:\s*[-\u2013\u2014]\s*\d{1,3})?)*"
)
# These run over the whole article. Each starts with the character it needs (its
# lookbehind after it: ``\[(?<![\\!]\[)`` is ``(?<![\\!])\[``; ``[…][…]*`` is ``[…]+``),
# so that ``re`` skips to where it may match instead of trying it at every position.
_BRACKET_NUM = re.compile(rf"\[(?<![\\!]\[)(?P<nums>{_NUMLIST})\](?![(:])")
_PAREN_NUM = re.compile(rf"\((?<![=<>\w]\()(?P<nums>{_NUMLIST})\)(?=[\s.,;:]|$)")
_SUPERSCRIPT = re.compile(r"[¹²³⁰⁴-⁹][¹²³⁰⁴-⁹]*(?:[,⁻–\-][¹²³⁰⁴-⁹]+)*")
_SUPER_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")
_HTML_SUP = re.compile(rf"<sup>\s*(?P<nums>{_NUMLIST})\s*</sup>", re.IGNORECASE)
_FOOTNOTE_REF = re.compile(r"\[\^(?P<label>[^\]\s]+)\](?!:)")

_SURNAME = rf"(?:(?:{PARTICLE})\s+)*{FAMILY_NAME}"
_PERSONS = rf"{_SURNAME}(?:\s+et\s+al\.?|(?:\s*,\s*{_SURNAME})*\s*,?\s+(?:&|and)\s+{_SURNAME})?"
_ORG = (
    r"[A-Z][\w'\u2019&.-]*(?:\s+(?:(?:of|for|the|and|on|in|&)\s+)?[A-Z\u00C0-\u00DE][\w'\u2019.-]*)"
    r"{1,7}"
)
_YEAR = rf"{YEAR}[a-z]?|n\.\s?d\.|in\s+press|forthcoming"
_YEARS = rf"(?:{_YEAR})(?:\s*,\s*(?:{_YEAR}))*"
_LOCATOR = r"(?:,\s*(?:p|pp|para|ch|fig|chap)\.\s*\d+(?:\s*[-\u2013]\s*\d+)?)"
_PREFIX = (
    r"(?:(?:see(?:\s+also)?|e\.g\.,?|i\.e\.,?|cf\.|but\s+see|reviewed\s+in|as\s+cited\s+in)\s+)"
)

_PAREN = re.compile(r"\((?P<body>[^()]{2,400})\)")
_ITEM = re.compile(
    rf"\s*{_PREFIX}?(?P<cite>(?P<authors>{_PERSONS}|{_ORG}),?\s+(?P<years>{_YEARS}){_LOCATOR}?)\s*"
)
_ONLY_YEARS = re.compile(rf"\s*(?P<years>{_YEARS}){_LOCATOR}?\s*")
_PERSONS_END = re.compile(rf"(?P<authors>{_PERSONS})(?:['\u2019]s)?\s*$")
_ORG_END = re.compile(rf"(?P<authors>{_ORG})(?:['\u2019]s)?\s*$")
_PERSONS_FULL = re.compile(_PERSONS)
_SPLIT_PERSONS = re.compile(r"\s+et\s+al\.?|\s*,\s*|\s+(?:&|and)\s+")
_YEAR_TOKEN = re.compile(_YEAR)
_PARTS = re.compile(r"[^;]+")
_WHOLE = re.compile(r".+", re.DOTALL)
_NAME_START = re.compile(rf"(?<![\w'\u2019-])(?=[A-Z\u00C0-\u00DE]|(?:{PARTICLE})\s)")
_TITLE_CASE_BEFORE = re.compile(r"[A-Z\u00C0-\u00DE][\w'\u2019-]*[ \t]+$")

_SCHOLARLY = re.compile(
    r"(?i)^https?://(?:[\w-]+\.)*(?:doi\.org|pubmed\.ncbi\.nlm\.nih\.gov|ncbi\.nlm\.nih\.gov|"
    r"europepmc\.org|cochranelibrary\.com|thelancet\.com|nejm\.org|bmj\.com|jamanetwork\.com|"
    r"nature\.com|science\.org|sciencedirect\.com|springer\.com|link\.springer\.com|wiley\.com|"
    r"academic\.oup\.com|journals\.plos\.org|plos\.org|frontiersin\.org|mdpi\.com|tandfonline\.com|"
    r"sagepub\.com|cell\.com|arxiv\.org|biorxiv\.org|medrxiv\.org|clinicaltrials\.gov|who\.int|"
    r"cdc\.gov|nih\.gov|nice\.org\.uk|fda\.gov|ema\.europa\.eu|semanticscholar\.org|"
    r"scholar\.google\.com|researchgate\.net|jstor\.org|ssrn\.com|pnas\.org|annals\.org)(?=[/:?#]|$)"
)

# Capitalised words that, unlinked, are not taken for an author's name.
# fmt: off
_STOPWORDS = frozenset([
    "in", "on", "at", "by", "for", "from", "since", "until", "before", "after", "during",
    "the", "this", "that", "these", "those", "it", "we", "they", "he", "she", "our",
    "their", "its", "and", "but", "or", "yet", "so", "as", "if", "when", "while", "between",
    "among", "through", "about", "also", "however", "spring", "summer", "autumn", "fall",
    "winter", "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "sept", "oct", "nov", "dec", "published", "updated", "revised",
    "accessed", "retrieved", "copyright", "year", "years", "study", "survey", "report",
    "trial", "review", "figure", "fig", "table", "vol", "volume", "issue", "no", "page",
    "phase", "version", "edition", "season", "census", "data", "wave", "round", "cohort",
])
# fmt: on
# fmt: off
_UNITS = frozenset(["m", "cm", "mm", "km", "kg", "g", "mg", "µg", "ug", "s", "ms", "ft", "in", "yd", "mi", "l", "ml", "dl"])
# fmt: on


# --- Entry point -------------------------------------------------------------------------


def find(
    text: str, blocks: tuple[Block, ...], references: tuple[Reference, ...]
) -> tuple[Citation, ...]:
    """Every in-text citation in the prose blocks, sorted by start."""
    prose = _Prose(blocks)
    index = _Index(text, blocks, references)
    found: list[Citation] = []
    for finder in (_numeric, _superscripts, _footnotes, _author_year, _links, _identifiers):
        found.extend(finder(text, prose, index))
    if index.numbered and not any(c.style in ("numeric", "superscript") for c in found):
        found.extend(_paren_numeric(text, prose, index))
    return _without_overlaps(found)


class _Prose:
    """Spans of the prose blocks, for fast membership tests."""

    def __init__(self, blocks: tuple[Block, ...]) -> None:
        spans = sorted((b.start, b.end) for b in blocks if b.prose and b.kind in PROSE_KINDS)
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]

    def inside(self, start: int, end: int) -> bool:
        i = bisect_right(self.starts, start) - 1
        return i >= 0 and end <= self.ends[i]

    def matches(self, pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
        """Matches of ``pattern`` that lie wholly inside one prose block."""
        for match in pattern.finditer(text):
            if self.inside(match.start(), match.end()):
                yield match

    def block_start(self, offset: int) -> int:
        i = bisect_right(self.starts, offset) - 1
        return self.starts[i] if i >= 0 else 0


def _without_overlaps(found: list[Citation]) -> tuple[Citation, ...]:
    kept: list[Citation] = []
    for citation in sorted(found, key=lambda c: (c.start, -(c.end - c.start))):
        if kept and citation.start < kept[-1].end:
            continue
        kept.append(citation)
    return tuple(kept)


# --- Resolving keys to entries ----------------------------------------------------------


class _Index:
    def __init__(self, text: str, blocks: tuple[Block, ...], references: tuple[Reference, ...]):
        self.footnotes: dict[str, str] = {}
        self.labels: dict[str, str] = {}
        ordered: list[str] = []
        for ref in references:
            if ref.label and is_footnote(text, ref):
                self.footnotes.setdefault(ref.label, ref.id)
                continue
            ordered.append(ref.id)
            if ref.label and ref.label.isdigit():
                self.labels.setdefault(str(int(ref.label)), ref.id)
        self.numbered = bool(self.labels)
        if not self.labels:
            self.labels = {str(n): ref_id for n, ref_id in enumerate(ordered, start=1)}
        self.remarks = {
            m.group("label")
            for b in blocks
            if b.kind == "footnote"
            for m in [FOOTNOTE_DEFINITION.match(text, b.start, b.end)]
            if m
        }
        self.by_author: dict[str, list[tuple[str, str, str]]] = {}
        self.by_acronym: dict[str, list[tuple[str, str, str]]] = {}
        for ref in references:
            if not (ref.authors and ref.year):
                continue
            second = surname_key(ref.authors[1]) if len(ref.authors) > 1 else ""
            entry = (second, _norm_year(ref.year), ref.id)
            self.by_author.setdefault(surname_key(ref.authors[0]), []).append(entry)
            short = acronym(ref.authors[0])
            if short:
                self.by_acronym.setdefault(short, []).append(entry)
        self.dois = {normalise_doi(ref.doi): ref.id for ref in references if ref.doi}
        self.pmids = {ref.pmid: ref.id for ref in references if ref.pmid}
        self.urls = {ref.url.rstrip("/").lower(): ref.id for ref in references if ref.url}

    def author_year(self, first: str, second: str, year: str, acronym_ok: bool) -> list[str]:
        by_author = self.by_author.get(first, [])
        if acronym_ok and first in self.by_acronym:
            by_author = by_author + self.by_acronym[first]
        if not by_author:
            return []
        candidates = [e for e in by_author if e[1] == year]
        if not candidates and year[:1].isdigit():
            base = year[:4]
            if len(year) == 4:
                candidates = [e for e in by_author if e[1][:4] == base and len(e[1]) > 4]
            else:
                candidates = [e for e in by_author if e[1] == base]
        if len(candidates) > 1 and second:
            narrowed = [e for e in candidates if e[0] == second]
            candidates = narrowed or candidates
        return [e[2] for e in candidates]

    def identifier(
        self, url: str | None = None, doi: str | None = None, pmid: str | None = None
    ) -> str | None:
        if url:
            inner = normalise_doi(url.partition("?")[0].partition("#")[0])
            if inner and inner in self.dois:
                return self.dois[inner]
            pubmed = PUBMED_URL.search(url)
            if pubmed and pubmed.group("pmid") in self.pmids:
                return self.pmids[pubmed.group("pmid")]
            return self.urls.get(url.rstrip("/").lower())
        if doi:
            return self.dois.get(normalise_doi(doi))
        return self.pmids.get(pmid) if pmid else None


def _norm_year(year: str | None) -> str:
    if not year:
        return ""
    year = "".join(year.split()).lower()
    if year.startswith("n.d") or year == "nd":
        return "n.d."
    return year


def _status(resolved: list[list[str]]) -> tuple[tuple[str, ...], str]:
    if len(resolved) == 1:
        ids = resolved[0]
        return tuple(ids), "linked" if len(ids) == 1 else ("ambiguous" if ids else "dangling")
    ref_ids: dict[str, None] = {}
    status = "linked"
    for ids in resolved:
        if not ids:
            status = "dangling"
        elif len(ids) > 1 and status == "linked":
            status = "ambiguous"
        for ref_id in ids:
            ref_ids.setdefault(ref_id, None)
    return tuple(ref_ids), status


# --- Numeric, superscript, footnote -----------------------------------------------------


def _numbers(nums: str) -> list[str]:
    if nums.isdigit():
        return [str(int(nums))]
    out: list[str] = []
    for part in nums.split(","):
        bounds = [int(x) for x in re.split(r"\s*[-\u2013\u2014]\s*", part.strip()) if x]
        if len(bounds) == 2 and bounds[0] < bounds[1]:
            out.extend(
                str(n) for n in range(bounds[0], min(bounds[1], bounds[0] + _RANGE_CAP - 1) + 1)
            )
        else:
            out.extend(str(n) for n in bounds)
    return list(dict.fromkeys(out))


def _numbered(
    text: str, start: int, end: int, nums: str, style: str, index: _Index
) -> Citation | None:
    keys = _numbers(nums)
    if not keys or any(k == "0" for k in keys):
        return None
    ref_ids, status = _status([[index.labels[k]] if k in index.labels else [] for k in keys])
    return Citation(start, end, text[start:end], style, tuple(keys), ref_ids, status)


def _numeric(text: str, prose: _Prose, index: _Index) -> Iterator[Citation]:
    for match in prose.matches(_BRACKET_NUM, text):
        citation = _numbered(
            text, match.start(), match.end(), match.group("nums"), "numeric", index
        )
        if citation:
            yield citation


def _paren_numeric(text: str, prose: _Prose, index: _Index) -> Iterator[Citation]:
    """``(1)``-style markers: only when every number names an entry."""
    for match in prose.matches(_PAREN_NUM, text):
        keys = _numbers(match.group("nums"))
        if keys and all(k in index.labels for k in keys):
            yield _numbered(text, match.start(), match.end(), match.group("nums"), "numeric", index)


def _superscripts(text: str, prose: _Prose, index: _Index) -> Iterator[Citation]:
    for match in prose.matches(_SUPERSCRIPT, text):
        start = match.start()
        if start == 0 or not _superscript_context(text, start):
            continue
        nums = match.group().translate(_SUPER_DIGITS)
        citation = _numbered(text, start, match.end(), nums, "superscript", index)
        if citation:
            yield citation
    for match in prose.matches(_HTML_SUP, text):
        citation = _numbered(
            text, match.start(), match.end(), match.group("nums"), "superscript", index
        )
        if citation:
            yield citation


def _superscript_context(text: str, start: int) -> bool:
    """After punctuation or a real word; not an exponent (``m²``, ``10²``, ``mc²``)."""
    before = text[start - 1]
    if before in ".,;:)]\"'”’":
        return True
    if not before.isalpha():
        return False
    word_start = start - 1
    while word_start > 0 and text[word_start - 1].isalpha():
        word_start -= 1
    word = text[word_start:start]
    if word.lower() in _UNITS or len(word) <= 2:
        return False
    return not (word_start > 0 and text[word_start - 1].isdigit())


def _footnotes(text: str, prose: _Prose, index: _Index) -> Iterator[Citation]:
    for match in prose.matches(_FOOTNOTE_REF, text):
        label = match.group("label")
        if label in index.footnotes:
            ref_ids, status = (index.footnotes[label],), "linked"
        elif label in index.remarks:
            continue
        else:
            ref_ids, status = (), "dangling"
        yield Citation(
            match.start(), match.end(), match.group(), "footnote", (label,), ref_ids, status
        )


# --- Author-year ------------------------------------------------------------------------


def _author_year(text: str, prose: _Prose, index: _Index) -> Iterator[Citation]:
    for match in _PAREN.finditer(text):
        body = match.group("body")
        if not _YEAR_TOKEN.search(body) or not prose.inside(match.start(), match.end()):
            continue
        only = _ONLY_YEARS.fullmatch(body)
        if only:
            citation = _narrative(text, prose, index, match, only.group("years"))
            if citation:
                yield citation
            continue
        offset = match.start("body")
        parts = _PARTS.finditer(body) if ";" in body else (_WHOLE.match(body),)
        for part in parts:
            item = _ITEM.fullmatch(part.group())
            if not item:
                continue
            start = offset + part.start() + item.start("cite")
            end = offset + part.start() + item.end("cite")
            citation = _resolve(text, start, end, item.group("authors"), item.group("years"), index)
            if citation:
                yield citation


def _narrative(
    text: str, prose: _Prose, index: _Index, paren: re.Match[str], years: str
) -> Citation | None:
    """``Walker (2017)``, ``Smith and Jones (2018)``, ``the World Health Organization (2022)``."""
    window_start = max(prose.block_start(paren.start()), paren.start() - 120)
    window = text[window_start : paren.start()]
    person = _match_at_end(_PERSONS_END, window)
    unlinked = None
    if person:
        start = window_start + person.start("authors")
        citation = _resolve(text, start, paren.end(), person.group("authors"), years, index)
        if citation and citation.status != "dangling":
            return citation
        unlinked = citation
    org = _match_at_end(_ORG_END, window)
    if org:
        # Each tail of a capitalised run may be the name: "Recently World Health Organization".
        run = org.group("authors")
        for word in re.finditer(r"\S+", run):
            if word.group()[:1].isupper() and word.group().lower() not in _STOPWORDS:
                start = window_start + org.start("authors") + word.start()
                citation = _resolve(text, start, paren.end(), run[word.start() :], years, index)
                if citation and citation.status != "dangling":
                    return citation
    if person is None:
        return None
    single = not re.search(r"\s(?:et|and|&)\s|,", person.group("authors"))
    if single and _TITLE_CASE_BEFORE.search(window, 0, person.start("authors")):
        return None  # "... the Common Cold (1970)": a title, not an author
    return unlinked


def _match_at_end(pattern: re.Pattern[str], window: str) -> re.Match[str] | None:
    """The leftmost match of ``pattern`` (anchored at the end) that starts a word:
    tried only where a name can start, which is much cheaper than ``search``."""
    for start in _NAME_START.finditer(window):
        match = pattern.match(window, start.start())
        if match:
            return match
    return None


@lru_cache(maxsize=4096)
def _cited_names(authors: str) -> tuple[str, str, str]:
    """The first name as written, and the keys of the first and second family names."""
    authors = authors.strip()
    if _PERSONS_FULL.fullmatch(authors):
        names = [n.strip() for n in _SPLIT_PERSONS.split(authors) if n.strip()]
    else:
        names = [authors]
    second = surname_key(names[1]) if len(names) > 1 else ""
    return names[0], surname_key(names[0]), second


def _resolve(
    text: str, start: int, end: int, authors: str, years: str, index: _Index
) -> Citation | None:
    first, first_key, second_key = _cited_names(authors)
    if not first_key:
        return None
    keys = []
    resolved = []
    for year in _YEAR_TOKEN.findall(years):
        year = _norm_year(year)
        keys.append(f"{first_key} {year}")
        resolved.append(index.author_year(first_key, second_key, year, first.isupper()))
    if not keys:
        return None
    if not any(resolved):
        # Unlinked: drop what is more likely a word or a code than a name.
        bare = first.split()[-1] if first.split() else first
        if bare.lower() in _STOPWORDS or first.lower() in _STOPWORDS or re.search(r"\d", first):
            return None
    ref_ids, status = _status(resolved)
    return Citation(start, end, text[start:end], "author_year", tuple(keys), ref_ids, status)


# --- Links and identifiers -----------------------------------------------------------------


def _links(text: str, prose: _Prose, index: _Index) -> Iterator[Citation]:
    for match in prose.matches(MD_LINK, text):
        url = match.group("url")
        if match.start() and text[match.start() - 1] == "!":
            continue  # an image, not a link
        if _SCHOLARLY.match(url):
            ref_id = index.identifier(url=url)
            yield Citation(
                match.start(), match.end(), match.group(), "link", (url,),
                (ref_id,) if ref_id else (), "linked",
            )  # fmt: skip
    for match in prose.matches(URL, text):
        if text.startswith("](", match.start() - 2):
            continue  # the target of a Markdown link or image, judged above
        url = _trim(match.group())
        if _SCHOLARLY.match(url):
            ref_id = index.identifier(url=url)
            end = match.start() + len(url)
            yield Citation(
                match.start(), end, url, "link", (url,), (ref_id,) if ref_id else (), "linked"
            )


def _identifiers(text: str, prose: _Prose, index: _Index) -> Iterator[Citation]:
    for match in prose.matches(DOI, text):
        if match.start() and (text[match.start() - 1].isalnum() or text[match.start() - 1] == "."):
            continue
        doi = _trim(match.group())
        end = match.start() + len(doi)
        prefix = DOI_LABEL_BEFORE.search(text, max(0, match.start() - 12), match.start())
        start = prefix.start() if prefix and prose.inside(prefix.start(), end) else match.start()
        ref_id = index.identifier(doi=doi)
        yield Citation(
            start, end, text[start:end], "doi", (doi,), (ref_id,) if ref_id else (), "linked"
        )
    for match in prose.matches(PMID, text):
        pmid = match.group("pmid")
        ref_id = index.identifier(pmid=pmid)
        yield Citation(
            match.start(), match.end(), match.group(), "pmid", (pmid,),
            (ref_id,) if ref_id else (), "linked",
        )  # fmt: skip
