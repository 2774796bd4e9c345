"""The main text and metadata of a page, by trafilatura, as Markdown.

trafilatura keeps the article's headings, paragraphs, lists, quotes, tables and emphasis
and drops navigation, advertising, share buttons, comments and "related" links; links are
kept as their text. No JavaScript is run: text that only a script would write is not seen.
trafilatura (and lxml) are imported here, when a page is first extracted, never by
``referee ARTICLE``.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import cache

from referee.web.download import FetchError

EXTRACTOR = "trafilatura"
MIN_WORDS = 20
"""A main text shorter than this is no article (a script-only page, an error page)."""
FAST_ABOVE = 500_000
"""Pages longer than this (code points of HTML) skip trafilatura's fallback extractors
(readability, jusText), which it runs to compare with its own result: on a 1 MB page they
take about a third of the extraction time, while a page that long gives the main
extractor plenty to go on (the two modes score the same on bench/fetch_quality.py)."""
_LOGGERS = ("trafilatura", "htmldate", "courlan", "justext", "charset_normalizer")
_BLANK_LINES = re.compile(r"\n{3,}")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Extracted:
    """A page's main text as Markdown, and what the page says about itself."""

    text: str
    """Markdown, starting with the title as a ``#`` heading, ending with one newline."""
    title: str | None
    author: str | None
    date: str | None
    """Publication date, ``YYYY-MM-DD``."""
    site: str | None


@cache
def extractor_version() -> str:
    from importlib.metadata import version

    return version(EXTRACTOR)


@cache
def _quiet() -> None:
    """trafilatura and its helpers log warnings about odd pages; a command prints one
    line on failure and nothing else, so their loggers are silenced."""
    for name in _LOGGERS:
        logger = logging.getLogger(name)
        logger.addHandler(logging.NullHandler())
        logger.propagate = False


def extract_html(html: str, url: str) -> Extracted:
    """The main text of an HTML page; :class:`FetchError` when it has none."""
    _quiet()
    from trafilatura.core import bare_extraction, determine_returnstring
    from trafilatura.settings import Extractor

    options = Extractor(
        output_format="markdown",
        formatting=True,
        comments=False,
        links=False,
        images=False,
        tables=True,
        with_metadata=True,
        url=url,
        fast=len(html) > FAST_ABOVE,
    )
    try:
        document = bare_extraction(_for_lxml(html), options=options)
    except (ValueError, TypeError) as exc:  # lxml on input it cannot parse at all
        raise FetchError(f"{url}: the page cannot be parsed ({exc})") from None
    if document is None or isinstance(document, dict):
        raise FetchError(f"{url}: no main text found (JavaScript is not run)")
    options.with_metadata = False  # the front matter is ours
    body = determine_returnstring(document, options)
    title = _clean(document.title)
    text = _markdown(body, title)
    if len(_WORD.findall(body)) < MIN_WORDS:
        raise FetchError(f"{url}: no main text found (JavaScript is not run)")
    return Extracted(
        text=text,
        title=title,
        author=_clean(document.author),
        date=_clean(document.date),
        site=_clean(document.sitename) or _clean(document.hostname),
    )


def extract_plain(text: str, url: str) -> Extracted:
    """A plain-text page is its own main text; its first line is the title."""
    body = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if len(_WORD.findall(body)) < MIN_WORDS:
        raise FetchError(f"{url}: no main text found")
    first = body.split("\n", 1)[0].strip()
    title = first[:200] if first else None
    return Extracted(text=body + "\n", title=title, author=None, date=None, site=None)


def _for_lxml(html: str) -> str:
    """lxml refuses a str that still carries an XML encoding declaration: the text is
    already decoded, so the declaration is dropped."""
    if html.lstrip().startswith("<?xml"):
        return re.sub(r"^\s*<\?xml[^>]*\?>", "", html, count=1)
    return html


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def _markdown(body: str, title: str | None) -> str:
    """Blank lines tidied, and the title as a first heading when the body starts with
    none (a body's own first heading is the article's headline, often shorter than the
    page title, which tends to carry the site's name)."""
    lines = [line.rstrip() for line in body.strip().split("\n")]
    text = _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()
    if title and not text.startswith("#"):
        text = f"# {title}\n\n{text}"
    return text + "\n"
