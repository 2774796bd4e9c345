"""The Internet Archive snapshot closest to a fetch, from its availability API.

Asked only with ``referee fetch --archive``: the page's URL then leaves the machine for
archive.org. Base URL: ``REFEREE_ARCHIVE_URL`` (default ``https://archive.org``); the
request is ``{base}/wayback/available?url=…&timestamp=YYYYMMDDhhmmss``.
"""

from __future__ import annotations

import json
import os
from datetime import datetime

import httpx

from referee.web.download import FetchError, FetchSettings, check_url

DEFAULT_URL = "https://archive.org"
URL_ENV = "REFEREE_ARCHIVE_URL"
MAX_BYTES = 1_000_000


def base_url() -> str:
    return (os.environ.get(URL_ENV) or DEFAULT_URL).rstrip("/")


def closest_snapshot(
    url: str,
    when: datetime,
    settings: FetchSettings,
    transport: httpx.BaseTransport | None = None,
) -> str | None:
    """The URL of the archived snapshot of ``url`` closest to ``when``; None when the
    archive has none. :class:`FetchError` when the archive cannot be asked."""
    endpoint = check_url(f"{base_url()}/wayback/available", settings.allow_http)
    params = {"url": url, "timestamp": when.strftime("%Y%m%d%H%M%S")}
    try:
        with httpx.Client(
            timeout=settings.timeout,
            transport=transport,
            headers={"User-Agent": settings.user_agent, "Accept": "application/json"},
            trust_env=False,
        ) as client:
            response = client.get(endpoint, params=params)
    except httpx.HTTPError as exc:
        raise FetchError(f"Internet Archive: {type(exc).__name__}") from None
    if response.status_code != 200 or len(response.content) > MAX_BYTES:
        raise FetchError(f"Internet Archive: HTTP {response.status_code}")
    try:
        data = json.loads(response.content)
    except ValueError:
        raise FetchError("Internet Archive: malformed answer") from None
    closest = (
        (data.get("archived_snapshots") or {}).get("closest") if isinstance(data, dict) else None
    )
    if not isinstance(closest, dict) or closest.get("available") is False:
        return None
    snapshot = closest.get("url")
    if not isinstance(snapshot, str) or not snapshot.startswith(("http://", "https://")):
        return None
    if snapshot.startswith("http://web.archive.org/"):
        snapshot = "https://" + snapshot[len("http://") :]
    return snapshot
