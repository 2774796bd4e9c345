"""Get a web page's bytes, safely.

https only (plain http to localhost, or anywhere with ``REFEREE_ALLOW_HTTP=1``: the rule of
:func:`referee.refcheck.settings.url_allowed`, checked for the URL asked and for every
redirect), at most :attr:`FetchSettings.max_redirects` redirects and never the same URL
twice, a size cap checked against ``Content-Length`` and again while the body streams in
(after decompression), a timeout for the whole exchange, and only HTML, XHTML or plain
text. Every way it can fail is a :class:`FetchError`: one line, exit code 2.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit

import httpx

from referee import __version__
from referee.errors import RefereeError
from referee.refcheck.settings import url_allowed

ACCEPTED_TYPES = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "text",
}
"""Media types fetched, and whether the page is HTML or plain text."""
ACCEPT = "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8"


class FetchError(RefereeError):
    """The page could not be fetched or has nothing to review."""


@dataclass(frozen=True, slots=True)
class FetchSettings:
    timeout: float = 20.0
    """Seconds for the whole exchange, redirects included."""
    max_bytes: int = 10_000_000
    """Largest page read (10 MB, after decompression)."""
    max_redirects: int = 5
    allow_http: bool = False
    """Plain http to hosts other than localhost (a trusted network)."""
    user_agent: str = f"referee/{__version__} (article review; +fetch)"

    @classmethod
    def from_environment(cls) -> FetchSettings:
        """``REFEREE_ALLOW_HTTP=1`` allows plain http, as for reference checks."""
        return cls(allow_http=os.environ.get("REFEREE_ALLOW_HTTP", "") == "1")


@dataclass(frozen=True, slots=True)
class Page:
    """What the server sent for a URL."""

    url: str
    """The URL asked for."""
    final_url: str
    """The URL answered, after redirects."""
    status: int
    content_type: str
    """The media type, lower case, without parameters: ``text/html``."""
    charset: str | None
    """The ``charset`` parameter of ``Content-Type``, if any."""
    body: bytes
    fetched: datetime
    """When the answer came (UTC)."""

    @property
    def kind(self) -> str:
        """``html`` or ``text``."""
        return ACCEPTED_TYPES[self.content_type]


def check_url(url: str, allow_http: bool) -> str:
    """``url`` if it may be fetched; otherwise a :class:`FetchError` saying why."""
    try:
        parts = urlsplit(url)
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError:
        raise FetchError(f"invalid URL: {url}") from None
    if parts.scheme not in ("http", "https") or not host:
        raise FetchError(f"invalid URL (http or https with a host expected): {url}")
    if any(c.isspace() or ord(c) < 32 for c in url):
        raise FetchError(f"invalid URL (blank or control character inside): {url!r}")
    if not url_allowed(url, allow_http):
        raise FetchError(
            f"refusing plain http to {host}: use https "
            "(http is allowed only to localhost or with REFEREE_ALLOW_HTTP=1)"
        )
    return url


def download(
    url: str, settings: FetchSettings, transport: httpx.BaseTransport | None = None
) -> Page:
    """Fetch ``url`` (following redirects by hand, each one checked) and return the page."""
    check_url(url, settings.allow_http)
    deadline = time.monotonic() + settings.timeout
    headers = {"User-Agent": settings.user_agent, "Accept": ACCEPT}
    try:
        with httpx.Client(
            timeout=settings.timeout,
            follow_redirects=False,
            transport=transport,
            headers=headers,
            trust_env=False,
        ) as client:
            return _follow(client, url, settings, deadline)
    except httpx.TimeoutException:
        raise FetchError(f"{url}: timed out after {settings.timeout:g} s") from None
    except httpx.InvalidURL as exc:
        raise FetchError(f"invalid URL: {url} ({exc})") from None
    except httpx.HTTPError as exc:
        raise FetchError(f"{url}: {_reason(exc)}") from None


def _reason(exc: Exception) -> str:
    text = " ".join(str(exc).split())
    return text or type(exc).__name__


def _follow(client: httpx.Client, url: str, settings: FetchSettings, deadline: float) -> Page:
    seen = {url}
    current = url
    for _ in range(settings.max_redirects + 1):
        with client.stream("GET", current) as response:
            if response.is_redirect:
                location = response.headers.get("location", "")
                target = str(response.url.join(location))
                if target in seen:
                    raise FetchError(f"{url}: redirect loop at {target}")
                check_url(target, settings.allow_http)
                seen.add(target)
                current = target
                continue
            return _page(url, response, settings, deadline)
    raise FetchError(f"{url}: more than {settings.max_redirects} redirects")


def _page(url: str, response: httpx.Response, settings: FetchSettings, deadline: float) -> Page:
    status = response.status_code
    if not 200 <= status < 300:
        reason = f" {response.reason_phrase}" if response.reason_phrase else ""
        raise FetchError(f"{url}: HTTP {status}{reason}")
    media, charset = _content_type(response.headers.get("content-type", ""))
    length = response.headers.get("content-length", "")
    if length.isdigit() and int(length) > settings.max_bytes:
        raise FetchError(
            f"{url}: too large ({_mb(int(length))}; the limit is {_mb(settings.max_bytes)})"
        )
    if media and media not in ACCEPTED_TYPES:
        raise FetchError(f"{url}: not a web page ({media}); HTML, XHTML or plain text expected")
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > settings.max_bytes:
            raise FetchError(f"{url}: too large (over {_mb(settings.max_bytes)})")
        if time.monotonic() > deadline:
            raise httpx.ReadTimeout("whole exchange", request=response.request)
        chunks.append(chunk)
    body = b"".join(chunks)
    if not media:
        media = _sniff(body)
        if media is None:
            raise FetchError(f"{url}: no Content-Type and the body is not HTML")
    return Page(
        url=url,
        final_url=str(response.url),
        status=status,
        content_type=media,
        charset=charset,
        body=body,
        fetched=datetime.now(UTC).replace(microsecond=0),
    )


def _content_type(value: str) -> tuple[str, str | None]:
    """Media type (lower case) and charset parameter of a ``Content-Type`` header."""
    media, *params = value.split(";")
    charset = None
    for param in params:
        name, _, raw = param.partition("=")
        if name.strip().lower() == "charset":
            charset = raw.strip().strip("\"'") or None
    return media.strip().lower(), charset


def _sniff(body: bytes) -> str | None:
    """``text/html`` when a body without a type starts like HTML, else None."""
    head = body[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html", b"<?xml", b"<head", b"<body")):
        return "text/html"
    return None


def _mb(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"
