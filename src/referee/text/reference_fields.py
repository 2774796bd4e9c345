"""Fields of one reference entry: authors, year, title, container, numbers, identifiers.

Three shapes are recognised: APA/Harvard
(``Surname, A. B., & Other, C. (2021). Title. Journal, 41(3), 420-432.``),
Vancouver/AMA (``Surname AB, Other C. Title. J Abbrev. 2019;380(1):33-44.``,
books ``Place: Publisher; 2011.``) and a fallback that still finds the first
author and the year. Identifiers (DOI, PMID, URL) are found in any shape; a DOI
is kept as written, without its ``https://doi.org/`` or ``doi:`` prefix.
"""

from __future__ import annotations

import re
from typing import Any

from referee.text.identifiers import (
    DOI,
    DOI_RESOLVER,
    DOI_START,
    MD_LINK,
    PMID,
    PUBMED_URL,
    URL,
    trim_identifier,
)
from referee.text.name_year import APA_YEAR, FAMILY_NAME, PARTICLE, YEAR

_AUTOLINK = re.compile(r"<(?P<url>https?://[^>\s]+)>")
_EMPHASIS = re.compile(r"\*\*|\*|__|(?<![\w/])_(?=\S)|(?<=[^\s/])_(?![\w/])")

_CUT = re.compile(
    rf"(?i)\bdoi:|https?://|\b{DOI_START}|\bPMID\b|\bPMCID\b|\bPMC\d|\bRetrieved\b|"
    r"\bAvailable\s+(?:from|at)\b|\bAccessed\b|\[cited\b"
)
_BRACKET_TAGS = re.compile(r"\s*\[(?:Internet|cited[^\]]*|Epub[^\]]*)\]", re.IGNORECASE)

_APA_PERSON = re.compile(r"[^,()]{1,80},\s+(?:[A-Z][a-z]?\.[ -]?)+")
_APA_SOURCE = re.compile(
    r"(?P<source>[^,]+?)"
    r"(?:,\s*(?P<volume>\d+)(?:\s*\((?P<issue>[^)]+)\))?)?"
    r"(?:,\s*(?:pp?\.\s*)?(?P<pages>[A-Za-z]?\d+[A-Za-z]?(?:\s*[-–]\s*[A-Za-z]?\d+[A-Za-z]?)?))?"
    r"\.?\s*"
)
_VANCOUVER_NAME = re.compile(r"[^\W\d_][\w'\u2019 -]*?\s+[A-Z]{1,3}")
_JOURNAL_TAIL = re.compile(
    rf"(?:^|(?<=[.?!]\s))(?P<journal>[^.?!;]+?)\.?\s+(?P<year>{YEAR})"
    r"(?:\s+[A-Z][a-z]{2}(?:\s+\d{1,2})?)?;\s?(?P<volume>\d+)?(?:\s?\((?P<issue>[^)]+)\))?"
    r"(?::\s?(?P<pages>[A-Za-z]?\d+[A-Za-z]?(?:\s?[-–]\s?[A-Za-z]?\d+[A-Za-z]?)?))?"
)
_BOOK_TAIL = re.compile(
    rf"(?:^|(?<=[.?!]\s))(?:(?P<place>[^.;:]+):\s*)?(?P<publisher>[^.;:]+);\s*(?P<year>{YEAR})\b"
)
_ANY_YEAR = re.compile(rf"\b(?P<year>{YEAR}[a-z]?)\b|\bn\.\s?d\.")
_FIRST_NAME = re.compile(rf"(?P<name>(?:(?:{PARTICLE})\s+)*{FAMILY_NAME})(?=[,\s.])")
_QUOTED = re.compile(r"[\"“](?P<title>[^\"”]{3,300}?)[,.]?[\"”]")
_LABEL = re.compile(r"[ \t]*(?:\[\d{1,4}\]|\d{1,4}[.)])[ \t]+")
_MAX_PARSED = 5000
"""Characters of an entry that are parsed; a real entry is far shorter."""
_ABBREV = frozenset(
    ["vs", "st", "dr", "no", "vol", "ed", "eds", "e.g", "i.e", "al", "jr", "sr", "inc", "ltd", "co"]
)
_DROP_TOKENS = re.compile(r"(?i)^(?:et\s+al\.?|eds?\.?|editors?|\.{3}|…|\.\s\.\s\.)$")


def parse_entry(raw: str) -> dict[str, Any]:
    """The bibliographic fields of one entry (keys are :class:`Reference` fields)."""
    text, urls = _demarkdown(raw[:_MAX_PARSED])
    text = _LABEL.sub("", text, count=1) if _LABEL.match(text) else text
    fields: dict[str, Any] = {"authors": ()}
    fields.update(_identifiers(text, urls))
    body = _body(text)
    for parser in (_apa, _vancouver, _fallback):
        parsed = parser(body)
        if parsed is not None:
            fields.update({k: v for k, v in parsed.items() if v})
            break
    if text and not fields.get("title") and _DEFINITION.fullmatch(raw.strip()):
        fields["title"] = text
    return fields


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


def _body(text: str) -> str:
    """The entry without its trailing identifiers and access notes."""
    cut = _CUT.search(text)
    body = text[: cut.start()] if cut and cut.start() > 0 else text
    body = _BRACKET_TAGS.sub("", body)
    return body.strip().rstrip(",;: ")


def _sentence_end(text: str, start: int = 0) -> int:
    """Index just after the first sentence end (``.?!`` outside brackets, not
    after an initial or a common abbreviation); ``len(text)`` if none."""
    depth = 0
    for i in range(start, len(text)):
        c = text[i]
        if c in "([":
            depth += 1
        elif c in ")]":
            depth = max(0, depth - 1)
        elif c in ".?!" and depth == 0 and (i + 1 == len(text) or text[i + 1].isspace()):
            if c == ".":
                word = re.search(r"[\w.]*$", text[start:i]).group()
                if (len(word) == 1 and word.isupper()) or word.lower() in _ABBREV:
                    continue
            return i + 1
    return len(text)


def _title(segment: str) -> str | None:
    segment = segment.strip()
    if segment.endswith("."):
        segment = segment[:-1].rstrip()
    return segment or None


def _year(year: str) -> str:
    year = " ".join(year.split())
    if year.lower().startswith("n"):
        return "n.d." + year[5:].replace(" ", "") if year.startswith("n. d.") else year
    return year


# --- APA / Harvard --------------------------------------------------------------------------


def _apa(body: str) -> dict[str, Any] | None:
    match = APA_YEAR.search(body)
    if not match:
        return None
    before = body[: match.start()].strip()
    person = _APA_PERSON.match(before)
    organisation = (
        before and len(before) <= 160 and not re.search(r"\d|\.\s+[A-Z][a-z]+\s+[a-z]", before)
    )
    if not person and not organisation:
        return None
    rest = body[match.end() :].strip()
    end = _sentence_end(rest)
    fields: dict[str, Any] = {
        "authors": apa_authors(before),
        "year": _year(match.group("year")),
        "title": _title(rest[:end]),
    }
    source = rest[end:].strip()
    if source:
        parts = _APA_SOURCE.fullmatch(source)
        if parts:
            fields.update(
                container=parts.group("source").strip() or None,
                volume=parts.group("volume"),
                issue=parts.group("issue"),
                pages=_pages(parts.group("pages")),
            )
        else:
            fields["container"] = _title(source[: _sentence_end(source)])
    return fields


def _initials(token: str) -> bool:
    token = token.strip()
    if not token:
        return True
    if "." in token:
        return bool(re.fullmatch(r"(?:[A-Z][a-z]?\.?[ -]*){1,4}", token))
    return len(token) <= 3 and token.isupper()


def apa_authors(authors: str) -> tuple[str, ...]:
    """Family names from ``Zhang, X., Liu, H., & Zhang, Q.`` (an organisation
    name is kept whole)."""
    authors = authors.strip().rstrip(".").strip()
    tokens = re.split(r"\s*,\s*(?:&\s*|and\s+)?|\s+(?:&|and)\s+", authors)
    names = []
    for token in tokens:
        token = token.strip().lstrip("…").strip()
        if not token or _DROP_TOKENS.match(token) or _initials(token):
            continue
        names.append(token)
    return tuple(names)


def _pages(pages: str | None) -> str | None:
    return re.sub(r"\s+", "", pages) if pages else None


# --- Vancouver / AMA ----------------------------------------------------------------------


def vancouver_authors(authors: str) -> tuple[str, ...]:
    """Family names from ``Manson JE, Cook NR, Lee IM, et al``."""
    names = []
    for token in authors.split(","):
        token = token.strip().rstrip(".")
        if not token or _DROP_TOKENS.match(token):
            continue
        family = re.sub(r"\s+[A-Z]{1,3}$", "", token)
        names.append(family)
    return tuple(names)


def _vancouver(body: str) -> dict[str, Any] | None:
    stop = re.search(r"\.\s", body)
    if not stop:
        return None
    authors = body[: stop.start()]
    first = authors.split(",")[0].strip()
    is_person = bool(_VANCOUVER_NAME.fullmatch(first))
    is_organisation = (
        "," not in authors
        and not re.search(r"\d|[()]", authors)
        and len(authors) < 120
        and all(w[:1].isupper() or len(w) <= 3 for w in authors.split())
    )
    if is_person or is_organisation:
        names = vancouver_authors(authors)
        rest = body[stop.end() :].strip()
    else:
        # No authors: the entry starts with its title.
        names, rest = (), body
    journal = _JOURNAL_TAIL.search(rest)
    if journal:
        return {
            "authors": names,
            "year": journal.group("year"),
            "title": _title(rest[: journal.start()]),
            "container": journal.group("journal").strip(),
            "volume": journal.group("volume"),
            "issue": journal.group("issue"),
            "pages": _pages(journal.group("pages")),
        }
    book = _BOOK_TAIL.search(rest)
    if book:
        return {
            "authors": names,
            "year": book.group("year"),
            "title": _title(rest[: book.start()]),
            "container": book.group("publisher").strip(),
        }
    if not is_person:
        return None
    year = _ANY_YEAR.search(rest)
    return {
        "authors": vancouver_authors(authors),
        "year": _year(year.group()) if year else None,
        "title": _title(rest[: _sentence_end(rest)]),
    }


# --- Anything else ----------------------------------------------------------------------------


def _fallback(body: str) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    name = _FIRST_NAME.match(body)
    year = _ANY_YEAR.search(body)
    if name and (year or "," in body[: name.end() + 1]):
        fields["authors"] = (name.group("name"),)
    if year:
        fields["year"] = _year(year.group())
    quoted = _QUOTED.search(body)
    if quoted:
        fields["title"] = quoted.group("title").strip()
    elif not year and not fields.get("authors"):
        fields["title"] = _title(body[: _sentence_end(body)])
    return fields
