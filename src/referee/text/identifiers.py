"""Identifiers as articles and reference lists write them: DOI, PMID, arXiv id, ISBN, URLs.

One home for these patterns: reference entries (``reference_fields``), running text
(``citations``), the reference list splitter (``references``) and the reference checker
(``refcheck``) import them from here, so a DOI that one of them finds the others find too.

A pattern finds an identifier *as written*: a match may carry sentence punctuation or a
closing bracket at its end, which :func:`trim_identifier` drops. :func:`normalise_doi`
turns any written form (``https://doi.org/…``, ``doi: …``, typographic hyphens, ``%2F``,
Markdown escapes) into the one key that DOIs are compared by.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

DOI_START = r"10\.\d{4,9}/"
"""The directory indicator and registrant code that every DOI starts with: ``10.1016/``."""

_DOI_SUFFIX = r"[^\s\"<>\x00-\x1f\x7f-\x9f]+"
# A DOI's suffix may hold almost any printable character (``10.1002/(SICI)1097-4636``,
# ``…;2-O``); it ends at white space, a double quote or an angle bracket, which no
# registration agency hands out and which delimit identifiers in text and in HTML.

DOI = re.compile(DOI_START + _DOI_SUFFIX)
"""A DOI as written, possibly with trailing punctuation (see :func:`trim_identifier`)."""

DOI_RESOLVER = r"https?://(?:dx\.|www\.)?doi\.org/"
"""The resolver in front of a DOI link: ``https://doi.org/``, ``http://dx.doi.org/``."""

DOI_LABEL_BEFORE = re.compile(r"(?i)doi:\s*$")
"""``doi:`` right before a DOI (searched in the few characters in front of one)."""

PMID = re.compile(r"P(?<!\wP)MID:?\s*(?P<pmid>\d{1,8})\b")
"""``PMID: 12345678``: PubMed ids have at most eight digits. Written ``P(?<!\\wP)MID``
rather than ``\\bPMID`` so that a search over a whole article skips to each ``P``."""

PUBMED_URL = re.compile(r"(?:pubmed\.ncbi\.nlm\.nih\.gov/|/pubmed/)(?P<pmid>\d{1,8})\b")
"""The PMID in a PubMed link, new (``pubmed.ncbi.nlm.nih.gov/N``) or old (``…/pubmed/N``)."""

ARXIV = re.compile(
    r"(?i)(?:\barXiv:\s*|arxiv\.org/(?:abs|pdf)/)"
    r"(?P<arxiv>\d{4}\.\d{4,5}(?:v\d+)?|[a-z-]+(?:\.[A-Z]{2})?/\d{7}(?:v\d+)?)"
)
"""An arXiv id after ``arXiv:`` or in an arxiv.org link: new style ``2101.00001v2``
(since 2007: YYMM.NNNNN) or old style ``hep-th/9901001``."""

ISBN = re.compile(
    r"\bISBN(?:-1[03])?:?\s*(?P<isbn>(?:97[89][-\s]?)?\d{1,5}[-\s]?\d{1,7}[-\s]?\d{1,7}[-\s]?[\dXx])\b"
)
"""An ISBN after the word ``ISBN``, ten or thirteen digits, with or without hyphens."""

URL = re.compile(r"https?://[^\s<>()\[\]\"\x00-\x1f\x7f-\x9f]+(?:\([^\s()]*\)[^\s<>()\[\]\"]*)*")
"""A bare http(s) URL; balanced parentheses inside it are kept (Wikipedia's ``_(disease)``)."""

MD_LINK = re.compile(
    r"\[(?P<text>[^\[\]]{0,500})\]\(<?(?P<url>[^()\s<>]+(?:\([^()\s]*\)[^()\s<>]*)*)>?"
    r"(?:\s+\"[^\"\n]*\")?\)"
)
"""A Markdown inline link ``[text](url "title")``; an image is the same preceded by ``!``."""

_HYPHENS = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"))
_INVISIBLE = str.maketrans(dict.fromkeys("\u00ad\u200b\u2060\ufeff"))
_LEADING = re.compile(rf"^(?:{DOI_RESOLVER}|doi:\s*|doi\s+)", re.IGNORECASE)
_TRAILING = ".,;:'\"\u201d\u2019]}>"


def trim_identifier(identifier: str) -> str:
    """Drop sentence punctuation and unbalanced closing brackets at the end."""
    while identifier:
        last = identifier[-1]
        unbalanced = (
            (last == ")" and identifier.count("(") < identifier.count(")"))
            or (last == "]" and identifier.count("[") < identifier.count("]"))
            or (last == "}" and identifier.count("{") < identifier.count("}"))
        )
        if last not in ".,;:'\"\u201d\u2019" and not unbalanced:
            break
        identifier = identifier[:-1]
    return identifier


def normalise_doi(text: str | None) -> str | None:
    """The DOI in ``text`` as the key DOIs are compared by; None when there is none.

    ``https://doi.org/10.1000/X.`` → ``10.1000/x``: the resolver or ``doi:`` label,
    trailing punctuation and unbalanced closing brackets go; typographic hyphens
    (U+2010–U+2015, U+2212, as PDFs and word processors write them) become ``-``; soft
    hyphens and zero-width characters go; ``%2F`` is decoded; Markdown escapes (``\\_``)
    lose their backslash; DOIs are case-insensitive, so the key is lower case.
    """
    if not text:
        return None
    text = text.strip().translate(_HYPHENS).translate(_INVISIBLE)
    text = _LEADING.sub("", text)
    if "%2f" in text.lower():
        text = unquote(text)
    text = text.replace("\\_", "_").replace("\\%", "%").replace("\\&", "&")
    match = DOI.search(text)
    if not match:
        return None
    doi = match.group(0)
    while doi and doi[-1] in _TRAILING:
        doi = doi[:-1]
    while doi.endswith(")") and doi.count(")") > doi.count("("):
        doi = doi[:-1]
    return doi.lower() or None


OUTSIDE_KINDS = ("doi", "pmid", "arxiv", "url")
"""Kinds of outside source a reviewer can name, and the prefixes of their source ids."""

_LABELLED = re.compile(r"(?i)^(?P<kind>doi|pmid|arxiv|url)\s*:\s*(?P<value>\S.*)$")
_BARE_PMID = re.compile(r"\d{1,8}")
_BARE_ARXIV = re.compile(r"(?i)\d{4}\.\d{4,5}(?:v\d+)?|[a-z-]+(?:\.[A-Z]{2})?/\d{7}(?:v\d+)?")


def outside_identifier(text: str) -> tuple[str, str] | None:
    """What a reviewer typed to name an outside source, as ``(kind, value)``; None when it
    is none of them.

    ``10.1136/bmj.i6583``, ``doi:…`` or a doi.org link → ``("doi", "10.1136/bmj.i6583")``
    (normalised: the key DOIs are compared by); ``PMID: 28202713``, ``28202713`` or a
    PubMed link → ``("pmid", "28202713")``; ``arXiv:2101.00001``, ``2101.00001`` or an
    arxiv.org link → ``("arxiv", "2101.00001")``; any other http(s) URL → ``("url", …)``.
    A source id (``doi:…``, ``pmid:…``, ``arxiv:…``, ``url:…``) reads back as itself.
    """
    text = trim_identifier(text.strip())
    if not text or len(text) > 2000:
        return None
    labelled = _LABELLED.match(text)
    if labelled:
        kind, value = labelled["kind"].lower(), labelled["value"].strip()
        if kind == "url":
            found = outside_identifier(value)
            return found if found is not None and found[0] == "url" else None
        found = outside_identifier(value)
        if found is not None and found[0] == kind:
            return found
        return None
    if re.match(DOI_RESOLVER, text, re.IGNORECASE) or DOI.fullmatch(text):
        doi = normalise_doi(text)
        return ("doi", doi) if doi else None
    if _BARE_PMID.fullmatch(text):
        return ("pmid", text)
    if _BARE_ARXIV.fullmatch(text):
        return ("arxiv", text)
    pmid = PUBMED_URL.search(text) if text.lower().startswith("http") else None
    if pmid:
        return ("pmid", pmid["pmid"])
    arxiv = ARXIV.search(text) if "arxiv.org/" in text.lower() else None
    if arxiv:
        return ("arxiv", arxiv["arxiv"])
    url = URL.fullmatch(text)
    if url:
        return ("url", text)
    return None


def source_id(kind: str, value: str) -> str:
    """The stable id of an outside source: ``doi:10.1136/bmj.i6583``, ``pmid:28202713``,
    ``arxiv:2101.00001``, ``url:https://…``."""
    return f"{kind}:{value}"
