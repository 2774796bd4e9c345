"""Fields of one reference entry: authors, editors, year, title, container, numbers,
publisher, identifiers and a type.

The trained parser (:mod:`referee.text.reference_tagger`) labels the words of the
entry; the rules here turn its segments into fields where rules beat a model: family
names in any name order (:mod:`referee.text.reference_names`), volume / issue / pages,
the year from the date only (never from a title such as "1880–1945"), DOIs (Unicode
hyphens, ``https://doi.org/`` forms, trailing punctuation), ISBNs and the work's type.
Identifiers (DOI, PMID, URL, ISBN) are found in any shape; a DOI is kept as written,
without its ``https://doi.org/`` or ``doi:`` prefix.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from referee.text.identifiers import (
    DOI,
    DOI_RESOLVER,
    ISBN,
    MD_LINK,
    PMID,
    PUBMED_URL,
    URL,
    trim_identifier,
)
from referee.text.name_year import FAMILY_NAME, YEAR
from referee.text.reference_names import family_names, is_corporate
from referee.text.reference_repairs import repair
from referee.text.reference_tagger import segments
from referee.text.reference_types import IN_PREFIX as _IN
from referee.text.reference_types import work_type

_AUTOLINK = re.compile(r"<(?P<url>https?://[^>\s]+)>")
_EMPHASIS = re.compile(r"\*\*|\*|__|(?<![\w/])_(?=\S)|(?<=[^\s/])_(?![\w/])")

_LABEL = re.compile(r"[ \t]*(?:\[\d{1,4}\]|\d{1,4}[.)])[ \t]+")
_MAX_PARSED = 5000
"""Characters of an entry that are parsed; a real entry is far shorter."""
_AS_WRITTEN = str.maketrans(
    dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-")
    | dict.fromkeys("\u00ad\u200b\u2060\ufeff")
)
"""The typographic hyphens and invisible characters that :func:`normalise_doi` also
undoes; here the DOI keeps its case, as written."""
_DATE_YEAR = re.compile(r"(?<![\d/])(?P<year>1[5-9]\d\d|20\d\d)(?P<suffix>[a-z])?(?![\d])")
_UNDATED = re.compile(
    r"(?i)\b(?P<nd>n\.\s?d\.|s\.\s?d\.|no\s+date|in\s+press|forthcoming|im\s+druck)"
)
_IN_RANGE = re.compile(r"\s?[-–—‐]\s?\d")
_RANGE_BEFORE = re.compile(r"\d\s?[-–—‐]\s?$")
_LATEST_YEAR = date.today().year + 1
"""A publication year after next year is a misreading (an accession number, a range)."""


def parse_entry(raw: str) -> dict[str, Any]:
    """The bibliographic fields of one entry (keys are :class:`Reference` fields)."""
    text, urls = _demarkdown(raw[:_MAX_PARSED])
    text = _LABEL.sub("", text, count=1) if _LABEL.match(text) else text
    fields: dict[str, Any] = {"authors": ()}
    fields.update(_identifiers(text, urls))
    if _DEFINITION.fullmatch(raw.strip()):
        # A Markdown link definition: its title, if it has one, is the title.
        if text:
            fields["title"] = text
            named = _LINK_TITLE.match(text)
            if named:  # "Poole 2017 coffee umbrella review"
                fields["authors"], fields["year"] = (named.group("name"),), named.group("year")
        fields["type"] = "web page"
        return fields
    if MD_LINK.fullmatch(raw.strip()) and text:
        # A bare Markdown link: its text is the title of a web page.
        fields.update(title=clean_title(text), type="web page")
        return fields
    if text:
        parts = _parts(text)
        fields.update({k: v for k, v in _fields(parts).items() if v})
        fields["type"] = work_type(fields, parts, text)
    else:
        fields["type"] = "web page" if fields.get("url") else "other"
    return fields


def _parts(text: str) -> dict[str, list[str]]:
    """The text of each label's segments, in order."""
    parts: dict[str, list[str]] = {}
    for label, segment in repair([(label, text[s:e]) for label, s, e in segments(text)]):
        parts.setdefault(label, []).append(segment)
    return parts


def _fields(parts: dict[str, list[str]]) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    _corporate_in_title(parts)
    _vancouver_overrun(parts)
    _names_overrun(parts)
    _editors_in_title(parts)
    for i, when in enumerate(parts.get("date", ())):
        vancouver = _VANCOUVER_NUMBERS.search(when)
        if vancouver and re.match(r"\s*[\dA-Za-z]", vancouver.group("rest")):
            # "2017;359:j5024": the date carries the volume and pages.
            parts.setdefault("volume", []).insert(0, when)
            parts["date"][i] = vancouver.group("year")
    if "author" in parts:
        fields["authors"] = family_names(", ".join(parts["author"]))
        if _EDITORS_END.search(parts["author"][-1]):
            fields["editors"] = fields["authors"]  # "Ross AC, Taylor CL, eds."
    if "editor" in parts:
        fields["editors"] = family_names(", ".join(parts["editor"]))
        if not fields.get("authors") and not (parts.get("container") or parts.get("journal")):
            fields["authors"] = fields["editors"]  # an edited book: its editors lead it
    numbers = _numbers(" ".join(parts.get("volume", ())), " ".join(parts.get("pages", ())))
    fields["year"] = year_of(parts.get("date", ())) or numbers.pop("year", None)
    if not fields["year"]:
        fields["year"] = year_of(
            [p for label in _YEAR_ELSEWHERE for p in parts.get(label, ())], dated=False
        )
    numbers.pop("year", None)
    fields.update(numbers)
    if "title" in parts:
        title = parts["title"][0]
        server = _SERVER_TAIL.search(title)
        if server:  # "Attention is all you need. arXiv."
            title = title[: server.start()]
            parts.setdefault("container", []).append(server.group("server"))
        thesis = _THESIS_TAIL.search(title)
        if thesis:  # "… (Afrique de l'Ouest). Thèse de Doctorat"
            parts.setdefault("genre", []).append(title[thesis.start() + 1 :].strip())
            title = title[: thesis.start() + 1]
        trailer = _TITLE_TRAILER.search(title)
        if trailer:  # "(NCES 2021-144)", "(7th ed.)", "(Report No. 12)"
            title = title[: trailer.start()]
            parts.setdefault("edition" if "ed" in trailer.group().lower() else "note", []).append(
                trailer.group().strip(" .")
            )
        fields["title"] = clean_title(title)
    if (
        "journal" in parts
        and not (parts.get("volume") or parts.get("pages") or parts.get("url"))
        and _PUBLISHER_LIKE.search(parts["journal"][0])
    ):
        # "Epistemology of the Closet. U of California P, 1990.": a publisher, no journal.
        parts.setdefault("publisher", []).insert(0, parts.pop("journal")[0])
    container = parts.get("journal") or parts.get("container")
    if not container and len(parts.get("title", ())) > 1 and "editor" in parts:
        container = parts["title"][1:2]  # the book a chapter is in, after its editors
    if container:
        fields["container"] = clean_container(container[0])
    if "publisher" in parts:
        fields["publisher"] = _clean(parts["publisher"][0])
    if "location" in parts:
        fields["place"] = _clean(parts["location"][0])
    if "edition" in parts:
        fields["edition"] = _clean(parts["edition"][0])
    notes = [_clean(p) for label in ("genre", "note", "collection") for p in parts.get(label, ())]
    if notes := [n for n in notes if n]:
        fields["note"] = "; ".join(notes)
    return fields


_SENTENCE = re.compile(r"(?<=[a-z\)])\.\s+(?=[A-Z])")


def _corporate_in_title(parts: dict[str, list[str]]) -> None:
    """``World Health Organization. Guideline: ...`` taken whole as the title: the
    organisation is the author."""
    if "author" in parts or "title" not in parts:
        return
    title = parts["title"][0]
    stop = _SENTENCE.search(title)
    if stop and stop.start() <= 150 and is_corporate(title[: stop.start()]):
        parts["author"] = [title[: stop.start()]]
        parts["title"][0] = title[stop.end() :]


_VANCOUVER_AUTHORS = re.compile(
    r"(?:[^\W\d_][\w'’\- ]*?\s[A-Z]{1,3}(?:,\s+|\s+(?:and|&)\s+))*"
    r"[^\W\d_][\w'’\- ]*?\s[A-Z]{1,3}(?:,?\s+et\s+al)?\.\s+"
)


def _vancouver_overrun(parts: dict[str, list[str]]) -> None:
    """``Smith J. One. J Med.`` read as authors: Vancouver authors end at the first
    period; what follows is the title (and the journal, when none was found)."""
    if "author" not in parts or "title" in parts:
        return  # the model found a title: the authors it found are the authors
    authors = parts["author"][0]
    match = _VANCOUVER_AUTHORS.match(authors)
    if not match or match.end() >= len(authors):
        return
    rest = authors[match.end() :]
    if re.match(r"[^\W\d_][\w'’\-]+,", rest):
        return  # "Dankwart A. Rustow,": a given name and an initial, then the family name
    parts["author"][0] = authors[: match.end()]
    stop = _SENTENCE.search(rest) or re.search(r"[.?!]\s+", rest)
    if "title" in parts:
        parts["title"][0] = f"{rest} {parts['title'][0]}"
    elif stop and "journal" not in parts and "container" not in parts:
        parts["title"] = [rest[: stop.start() + 1]]
        parts["journal"] = [rest[stop.end() :]]
    else:
        parts["title"] = [rest]


_NAMES_END = re.compile(r"(?<=[^\W\d_]{2})\.\s+(?=[^\W\d_]|[\"“‘«])|\beds?\.\s+(?=[^\W\d_])")


def _names_overrun(parts: dict[str, list[str]]) -> None:
    """``Marx, Karl, and Frederick Engels. Collected Works`` or ``Bruford, A. J., eds.
    Scottish Traditional Tales`` read as names: with no title found, a list of names ends
    at the first period after a whole word (or after ``eds.``); the title follows."""
    if "title" in parts:
        return
    for label in ("author", "editor"):
        if label not in parts:
            continue
        names = parts[label][0]
        end = _NAMES_END.search(names)
        if end and end.end() < len(names):
            parts[label][0] = names[: end.end()].strip()
            parts["title"] = [names[end.end() :]]
            return


_EDITORS_FIRST = re.compile(
    r"(?P<names>(?:[^\W\d_][\w'’\- ]*?\s[A-Z]{1,3},\s+)*[^\W\d_][\w'’\- ]*?\s[A-Z]{1,3}),?\s+"
    r"(?:eds?|editors?)\.\s+"
)


def _editors_in_title(parts: dict[str, list[str]]) -> None:
    """``Ross AC, Taylor CL, [Del Valle HB, editors. Title]``: the names before
    ``editors.`` are the rest of the (editor) list, not the title."""
    if "title" not in parts:
        return
    match = _EDITORS_FIRST.match(parts["title"][0])
    if not match:
        return
    names = ", ".join([*parts.pop("author", []), match.group("names")])
    parts.setdefault("editor", []).insert(0, names)
    parts["title"][0] = parts["title"][0][match.end() :]


_THESIS_TAIL = re.compile(
    r"[.?!]\s+(?:Th[èe]se|Thesis|Ph\.?\s?D\.?|Doctoral|Master'?s|Dissertation|Diss\.|M\.?A\.?)\b[^.]{0,80}\.?$",
    re.IGNORECASE,
)
_TITLE_TRAILER = re.compile(
    r"\s*\((?:[A-Z]{2,}[^()]*\d[^()]*|(?:Report|Publication|Technical Report|Working Paper)\s+"
    r"No\.?[^()]*|\d+(?:st|nd|rd|th)\s+ed\.?|Rev\.\s+ed\.?|Vol\.\s*\d+[^()]*)\)[.,]?\s*$"
)
_SERVER_TAIL = re.compile(
    r"(?i)[.,]\s*(?P<server>arxiv|biorxiv|medrxiv|ssrn|psyarxiv|chemrxiv|research\s+square)"
    r"(?:\s*\[preprint\])?[.,]?$"
)
_PUBLISHER_LIKE = re.compile(
    r"\b(?:U\s?P|U of|Univ\.?|University|Press|Publish\w*|Books|Verlag|Editions?|Éditions|"
    r"Inc|Ltd|LLC)\b|\bP$"
)
_EDITORS_END = re.compile(r"(?i)[\s,(](?:eds?|editors?|hrsg|hg)\.?\)?[.,]?\s*$")
_YEAR_ELSEWHERE = ("volume", "pages", "publisher", "location", "edition", "note", "journal")


def year_of(texts: list[str] | tuple[str, ...], dated: bool = True) -> str | None:
    """The year of a date: ``(2019b).`` -> ``2019b``, ``n.d.``, ``in press``. With
    ``dated`` false (text that is not a date) only a plain year in range counts."""
    for text in texts:
        years = [m for m in _DATE_YEAR.finditer(text) if int(m.group("year")) <= _LATEST_YEAR]
        # A year inside a range ("1735–1780", pages taken for the date) only when alone.
        alone = [
            m
            for m in years
            if not _IN_RANGE.match(text, m.end()) and not _RANGE_BEFORE.search(text, 0, m.start())
        ]
        for match in alone or years:
            return match.group("year") + ((match.group("suffix") or "") if dated else "")
        if dated:
            undated = _UNDATED.search(text)
            if undated:
                word = " ".join(undated.group("nd").lower().split())
                return "n.d." if word.replace(" ", "") in ("n.d.", "s.d.", "nodate") else word
    return None


_OPEN_QUOTES = "\"“‘'«„"
_CLOSE_QUOTES = "\"”’'»“"
_TAGS = re.compile(r"\s*\[(?:Internet|Online|online|Electronic resource|cited[^\]]*)\]")


def _clean(text: str) -> str:
    """Edge punctuation and unbalanced brackets off a segment."""
    text = _TAGS.sub("", text).strip()
    while text:
        before = text
        text = text.strip(" ,;:/").lstrip(".")
        if text.endswith(".") and not re.search(
            r"(?:\b[A-Z]|\b(?:Inc|Ltd|Co|ed|eds|St|Jr))\.$", text
        ):
            text = text[:-1]
        if (
            text
            and text[0] in "(["
            and text.count(text[0]) > text.count(")" if text[0] == "(" else "]")
        ):
            text = text[1:]
        if (
            text
            and text[-1] in ")]"
            and text.count(text[-1]) > text.count("(" if text[-1] == ")" else "[")
        ):
            text = text[:-1]
        if text == before:
            break
    return text


def clean_title(text: str) -> str | None:
    """A title without its quotes, brackets and closing punctuation (``?`` and ``!`` stay)."""
    text = _clean(text)
    if len(text) >= 2 and text[0] in _OPEN_QUOTES:
        text = text[1:]
        text = _clean(text.rstrip(_CLOSE_QUOTES) if text[-1:] in _CLOSE_QUOTES else text)
    elif text and text[-1] in _CLOSE_QUOTES and text.count(text[-1]) == 1 and text[-1] not in "'’":
        text = _clean(text[:-1])
    if text.endswith(".") and not re.search(
        r"(?:\b[A-Z]\.){2,}$|\b(?:etc|al|Inc|Ltd|Co|Jr|St)\.$", text
    ):
        text = text[:-1].rstrip()
    return text or None


def clean_container(text: str) -> str | None:
    """A journal or book title without ``In:`` and closing punctuation."""
    text = _IN.sub("", _clean(text))
    return clean_title(text)


# --- Volume, issue, pages ----------------------------------------------------------------

_VANCOUVER_NUMBERS = re.compile(
    rf"(?P<year>{YEAR})[a-z]?(?:\s+[A-Z][a-z]{{2}}(?:\s+\d{{1,2}})?)?\s*;\s*(?P<rest>.*)"
)
_VOLUME = re.compile(
    r"(?i)(?:\b(?:vols?|volume|bd|t|jg|tome)\.?\s*)?(?P<volume>[A-Z]?\d+[A-Za-z]?(?:[-–/]\d+)?)"
    r"|\b(?P<roman>[IVXLC]{1,7})\b"
)
_ISSUE = re.compile(
    r"\(\s*(?P<paren>[^()]{1,20}?)\s*\)|(?i:\b(?:no|nos|nr|issue|iss|num|number|heft|h|n°)\.?\s*)"
    r"(?P<word>\d+[A-Za-z]?(?:\s*[-–/]\s*\d+)?)"
)
_PAGES = re.compile(
    r"(?P<pages>[A-Za-z]{0,2}\d+[A-Za-z]?(?:\s*[-–—‐‑]+\s*[A-Za-z]{0,2}\d+[A-Za-z]?)?)"
)
_PAGE_WORDS = re.compile(
    r"(?i)^\s*(?:pp?|pgs?|pages?|s|ss|art|article)\.(?:\s*)|^\s*(?:pages?|art|article)\s+"
)


def _numbers(volume: str, pages: str) -> dict[str, str]:
    """Volume, issue and pages from the volume and pages segments, including the
    Vancouver form ``2019;380(1):33-44`` (whose year is returned too)."""
    found: dict[str, str] = {}
    if volume:
        vancouver = _VANCOUVER_NUMBERS.search(volume)
        if vancouver:
            found["year"] = vancouver.group("year")
            volume = vancouver.group("rest")
        if ":" in volume and not pages:
            volume, _, pages = volume.partition(":")
        issue = _ISSUE.search(volume)
        if issue:
            found["issue"] = (issue.group("paren") or issue.group("word")).strip()
            head = volume[: issue.start()]
        else:
            head = volume
        number = _VOLUME.search(head) or (None if issue else _VOLUME.search(volume))
        if number:
            found["volume"] = number.group("volume") or number.group("roman")
        if issue and "volume" not in found and issue.group("word"):
            pass
    if pages:
        page = _PAGES.search(_PAGE_WORDS.sub("", pages.strip(" ([")))
        if page:
            found["pages"] = re.sub(r"\s+", "", page.group("pages"))
    if found.get("issue") and not re.search(r"\d", found["issue"]):
        found.pop("issue")
    return found


_LINK_TITLE = re.compile(rf"(?P<name>{FAMILY_NAME})(?:\s+et\s+al\.?)?,?\s+\(?(?P<year>{YEAR})\b")
_DEFINITION = re.compile(
    r"<?(?P<url>https?://[^\s>]+)>?(?:\s+(?:\"(?P<a>[^\"]*)\"|'(?P<b>[^']*)'|\((?P<c>[^)]*)\)))?"
)


def _demarkdown(raw: str) -> tuple[str, list[str]]:
    urls: list[str] = []
    definition = _DEFINITION.fullmatch(raw.strip())
    if definition:
        # A link reference definition: the URL, then its title if it has one.
        title = definition.group("a") or definition.group("b") or definition.group("c") or ""
        return title.strip(), [definition.group("url")]

    def link(match: re.Match[str]) -> str:
        urls.append(match.group("url"))
        text = match.group("text")
        return text if text.strip() != match.group("url") else match.group("url")

    text = MD_LINK.sub(link, raw)
    text = _AUTOLINK.sub(lambda m: m.group("url"), text)
    text = _EMPHASIS.sub("", text)
    return " ".join(text.split()), urls


def _identifiers(text: str, urls: list[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    isbn = ISBN.search(text)
    if isbn:
        found["isbn"] = re.sub(r"[-\s]", "", isbn.group("isbn")).upper()
    text = text.translate(_AS_WRITTEN)
    doi = DOI.search(text)
    if doi is None:
        for url in urls:
            doi = DOI.search(url)
            if doi:
                break
    if doi:
        found["doi"] = trim_identifier(doi.group())
    pmid = PMID.search(text)
    if pmid is None:
        for url in [*urls, *(m.group() for m in URL.finditer(text))]:
            pmid = PUBMED_URL.search(url)
            if pmid:
                break
    if pmid:
        found["pmid"] = pmid.group("pmid")
    candidates = [trim_identifier(m.group()) for m in URL.finditer(text)] + [
        u for u in urls if u.startswith(("http://", "https://"))
    ]
    for url in candidates:
        if not re.match(DOI_RESOLVER, url, re.IGNORECASE):
            found["url"] = url
            break
    return found
