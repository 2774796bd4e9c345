"""The type of work a reference describes: journal article, book, chapter, report (and
guideline), thesis, web page, preprint, dataset or other. Rules over the parser's
segments and fields; the reference checker uses the type to tell a book that no
article index holds from a fabricated article."""

from __future__ import annotations

import re
from typing import Any

IN_PREFIX = re.compile(r"(?i)^(?:in|dans|en)\s*:?\s+")
"""``In:`` before the book a chapter is in."""

_PREPRINT = re.compile(
    r"(?i)\barxiv\b|\bbiorxiv\b|\bmedrxiv\b|\bssrn\b|\bpreprint\b|\bresearch\s+square\b|"
    r"\bpsyarxiv\b|\bchemrxiv\b|\b10\.48550/|\b10\.1101/\d|\bosf\.io/preprints"
)
_DATASET = re.compile(
    r"(?i)\b(?:data\s*set|dataset)\b|\[data\]|\bzenodo\b|\bdryad\b|\bfigshare\b|"
    r"\b10\.5281/|\b10\.5061/|\b10\.6084/|\bdata\s+repository\b|\bICPSR\b"
)
_THESIS = re.compile(
    r"(?i)\b(?:thesis|dissertation|doctoral|ph\.?\s?d\.?|m\.?\s?phil|diss\.|"
    r"master'?s|habilitation|thèse|doktorarbeit)\b"
)
_REPORT = re.compile(
    r"(?i)\b(?:report|guidelines?|guidance|working\s+papers?|technical\s+(?:note|paper)|white\s+paper|"
    r"policy\s+brief|technical\s+brief|discussion\s+paper|fact\s*sheet|"
    r"bulletin|statistical\s+brief|recommendations?|position\s+statement)\b"
)
_PROCEEDINGS = re.compile(r"(?i)\b(?:proceedings|proc\.|conference|symposium|workshop|congress)\b")
_WEB = re.compile(
    r"(?i)\[internet\]|\b(?:retrieved|accessed|available)\b|\bcited\s+\d{4}|\bonline\b"
)

TYPES = (
    "journal article",
    "book",
    "chapter",
    "report",
    "thesis",
    "web page",
    "preprint",
    "dataset",
    "other",
)
"""What :func:`work_type` answers; ``report`` includes guidelines."""


def work_type(fields: dict[str, Any], parts: dict[str, list[str]], text: str) -> str:
    """The kind of work an entry describes (one of :data:`TYPES`)."""
    described = " ".join(
        p
        for label in ("genre", "note", "publisher", "journal", "container")
        for p in parts.get(label, ())
    )
    untitled = text.replace(fields["title"], " ") if fields.get("title") else text
    if _PREPRINT.search(untitled) or _PREPRINT.search(fields.get("doi") or ""):
        return "preprint"
    if _DATASET.search(described) or _DATASET.search(fields.get("doi") or "") or "[Data" in text:
        return "dataset"
    thesis = _THESIS.search(described) or _THESIS.search(" ".join(parts.get("title", ()))[-80:])
    if thesis and "journal" not in parts:
        return "thesis"
    journal = parts.get("journal")
    numbered = fields.get("volume") or fields.get("pages") or fields.get("issue")
    if journal and IN_PREFIX.match(journal[0]) and not fields.get("volume"):
        return "chapter"  # "in Proc. …": a paper in proceedings
    if journal and not numbered and (fields.get("url") or "www." in text):
        return "web page"  # a magazine's or a site's page: no volume, no pages
    if journal:
        return "journal article"
    container = parts.get("container")
    if container and (
        fields.get("editors") or IN_PREFIX.match(container[0]) or fields.get("publisher")
    ):
        return "chapter"
    if fields.get("container") and fields.get("editors"):
        return "chapter"
    if container and fields.get("volume") and (fields.get("issue") or fields.get("pages")):
        return "journal article"  # "Proceedings of the National Academy of Sciences, 109(49)"
    if container and _PROCEEDINGS.search(container[0]):
        return "chapter"
    title = " ".join(parts.get("title", ()))
    numbered = re.search(r"\b[A-Z]{2,}[\s-]*[\w-]*\d", fields.get("note") or "")
    if _REPORT.search(title) or _REPORT.search(described) or numbered:
        return "report"
    if container and (fields.get("volume") or fields.get("pages")):
        return "journal article"
    if fields.get("url") and "[Internet]" in text and not fields.get("isbn"):
        return "web page"  # Vancouver: "Title [Internet]. Place: Publisher; year [cited …]"
    if fields.get("url") and not (
        fields.get("place") or fields.get("isbn") or fields.get("edition")
    ):
        return "web page"  # "Site Name. https://..." (a DOI is never the url)
    if fields.get("publisher") or fields.get("isbn") or fields.get("place"):
        return "book"
    if fields.get("url") or _WEB.search(text):
        return "web page"
    if fields.get("volume") and fields.get("pages"):
        return "journal article"
    if fields.get("edition"):
        return "book"
    return "other"
