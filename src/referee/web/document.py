"""A fetched page as a reviewable, reproducible Markdown file with YAML front matter.

:func:`fetch_article` downloads, decodes, extracts, keeps the raw HTML in the cache and,
when asked, looks up an archived snapshot; :class:`WebArticle` is the result, its
:attr:`~WebArticle.text` the file to write. The front matter records where the text came
from and how it was made, so anyone can tell whether the page changed since.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpx

from referee.text import front_matter
from referee.web import page_cache
from referee.web.decoding import decode
from referee.web.download import FetchError, FetchSettings, Page, download

FIELDS = (
    "title",
    "author",
    "date",
    "site",
    "url",
    "final_url",
    "archived_url",
    "fetched",
    "status",
    "content_type",
    "sha256",
    "text_sha256",
    "extractor",
    "extractor_version",
)
"""Front-matter keys, in the order written (a key without a value is left out)."""
SLUG_MAX = 60


@dataclass(frozen=True, slots=True)
class WebArticle:
    body: str
    """The article as Markdown (the file less its front matter)."""
    meta: dict[str, str | int | None]
    """Front-matter values by key (:data:`FIELDS`)."""
    warnings: tuple[str, ...] = field(default=())

    @property
    def text(self) -> str:
        """The whole file: front matter, a blank line, the body."""
        return front_matter.render(self.meta) + "\n" + self.body

    @property
    def html_sha256(self) -> str:
        return str(self.meta["sha256"])

    @property
    def text_sha256(self) -> str:
        return str(self.meta["text_sha256"])

    @property
    def file_name(self) -> str:
        """The default file name: a slug of the title (else of the URL) plus ``.md``."""
        return slug(str(self.meta.get("title") or ""), str(self.meta["final_url"])) + ".md"


def text_digest(body: str) -> str:
    """sha256 of the article's Markdown body, UTF-8."""
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def fetch_article(
    url: str,
    settings: FetchSettings,
    *,
    archive: bool = False,
    transport: httpx.BaseTransport | None = None,
) -> WebArticle:
    """Fetch ``url`` and make the article; :class:`FetchError` when there is none."""
    page = download(url, settings, transport)
    return make_article(page, settings, archive=archive, transport=transport)


def make_article(
    page: Page,
    settings: FetchSettings,
    *,
    archive: bool = False,
    transport: httpx.BaseTransport | None = None,
    keep: Callable[[bytes], object] = page_cache.store,
) -> WebArticle:
    """The article of a downloaded page (extraction, cache, optional archive lookup)."""
    from referee.web.extraction import EXTRACTOR, extract_html, extract_plain, extractor_version

    decoded = decode(page.body, page.charset, html=page.kind == "html")
    if page.kind == "html":
        extracted = extract_html(decoded.text, page.final_url)
        extractor, version = EXTRACTOR, extractor_version()
    else:
        extracted = extract_plain(decoded.text, page.final_url)
        extractor, version = "plain-text", None
    keep(page.body)
    warnings: list[str] = []
    archived = None
    if archive:
        from referee.web.archive import closest_snapshot

        try:
            archived = closest_snapshot(page.url, page.fetched, settings, transport)
        except FetchError as exc:
            warnings.append(f"no archived snapshot recorded: {exc}")
        else:
            if archived is None:
                warnings.append(f"the Internet Archive has no snapshot of {page.url}")
    meta: dict[str, str | int | None] = {
        "title": extracted.title,
        "author": extracted.author,
        "date": extracted.date,
        "site": extracted.site,
        "url": page.url,
        "final_url": page.final_url,
        "archived_url": archived,
        "fetched": page.fetched.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "status": page.status,
        "content_type": page.content_type,
        "sha256": page_cache.sha256(page.body),
        "text_sha256": text_digest(extracted.text),
        "extractor": extractor,
        "extractor_version": version,
    }
    return WebArticle(extracted.text, meta, tuple(warnings))


def slug(title: str, url: str = "") -> str:
    """Lower-case ASCII words joined by hyphens, at most :data:`SLUG_MAX` characters, cut
    at a word; from the URL's last path segment or host when the title gives nothing."""
    for source in (title, _url_words(url), "article"):
        ascii_text = unicodedata.normalize("NFKD", source).encode("ascii", "ignore").decode()
        words = re.findall(r"[a-z0-9]+", ascii_text.lower())
        result = ""
        for word in words:
            candidate = f"{result}-{word}" if result else word
            if len(candidate) > SLUG_MAX:
                break
            result = candidate
        if result:
            return result
    return "article"


def _url_words(url: str) -> str:
    parts = urlsplit(url)
    segments = [s for s in parts.path.split("/") if s]
    last = segments[-1].rsplit(".", 1)[0] if segments else ""
    return last or (parts.hostname or "")
