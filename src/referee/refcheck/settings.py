"""What a reference check may use: base URLs, contact, keys, cache, limits.

Values come from the environment first, then the ``[refcheck]`` table of the config file,
then defaults. API keys are kept out of ``repr`` and are redacted from anything this package
writes or reports (see :meth:`CheckSettings.redact`).
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from referee import __version__
from referee.errors import RefereeError

DEFAULT_URLS = {
    "crossref": "https://api.crossref.org",
    "eutils": "https://eutils.ncbi.nlm.nih.gov/entrez/eutils",
    "openalex": "https://api.openalex.org",
    "doi": "https://doi.org",
    "datacite": "https://api.datacite.org",
    "openlibrary": "https://openlibrary.org",
    "arxiv": "https://export.arxiv.org/api",
    "europepmc": "https://www.ebi.ac.uk/europepmc/webservices/rest",
}
URL_ENV = {
    "crossref": "REFEREE_CROSSREF_URL",
    "eutils": "REFEREE_EUTILS_URL",
    "openalex": "REFEREE_OPENALEX_URL",
    "doi": "REFEREE_DOI_URL",
    "datacite": "REFEREE_DATACITE_URL",
    "openlibrary": "REFEREE_OPENLIBRARY_URL",
    "arxiv": "REFEREE_ARXIV_URL",
    "europepmc": "REFEREE_EUROPEPMC_URL",
}


def is_loopback(host: str) -> bool:
    """True for ``localhost`` and loopback addresses: traffic that never leaves the machine."""
    host = host.strip("[]").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def url_allowed(url: str, allow_http: bool) -> bool:
    """https always; http only to a loopback host or when explicitly allowed."""
    parts = urlsplit(url)
    if parts.scheme == "https":
        return True
    return parts.scheme == "http" and (allow_http or is_loopback(parts.hostname or ""))


@dataclass(frozen=True, slots=True)
class CheckSettings:
    """Everything :func:`referee.refcheck.check_references` needs besides the references."""

    crossref_url: str = DEFAULT_URLS["crossref"]
    eutils_url: str = DEFAULT_URLS["eutils"]
    openalex_url: str = DEFAULT_URLS["openalex"]
    doi_url: str = DEFAULT_URLS["doi"]
    datacite_url: str = DEFAULT_URLS["datacite"]
    openlibrary_url: str = DEFAULT_URLS["openlibrary"]
    arxiv_url: str = DEFAULT_URLS["arxiv"]
    europepmc_url: str = DEFAULT_URLS["europepmc"]
    mailto: str | None = None
    openalex_api_key: str | None = field(default=None, repr=False)
    ncbi_api_key: str | None = field(default=None, repr=False)
    cache_dir: Path | None = None
    """None: no cache. Normally ``referee.config.cache_dir() / "refcheck"``."""
    cache_days: float = 7.0
    offline: bool = False
    """Answer from the cache only; a miss gives ``unverifiable``."""
    timeout: float = 20.0
    """Seconds for one whole HTTP exchange."""
    max_bytes: int = 8_000_000
    """Largest response body read (after decompression)."""
    retries: int = 2
    """Further attempts after a 429, a 5xx or a read timeout."""
    backoff: tuple[float, ...] = (2.0, 8.0)
    """Seconds to wait before retry 1, 2, … when the server gives no ``Retry-After``."""
    max_retry_after: float = 60.0
    """A ``Retry-After`` longer than this gives up instead of waiting."""
    allow_http: bool = False
    """Allow plain http to non-loopback hosts (a mirror inside a trusted network)."""
    parallel_refs: int = 8
    """References checked at once; HTTP concurrency is limited per service separately."""

    def __post_init__(self) -> None:
        for name in URL_ENV:
            url = getattr(self, f"{name}_url")
            if not url_allowed(url, self.allow_http):
                raise RefereeError(
                    f"{URL_ENV[name]}={url!r}: base URLs must use https "
                    "(http is allowed only to localhost or with allow_http)"
                )
            object.__setattr__(self, f"{name}_url", url.rstrip("/"))

    @classmethod
    def from_environment(cls, config: Any = None, offline: bool = False) -> CheckSettings:
        """Settings from ``REFEREE_*`` variables, ``[refcheck]`` in the config file, defaults.

        ``config`` is a :class:`referee.config.Config` (loaded when None).
        """
        from referee.config import cache_dir, load_config

        if config is None:
            config = load_config()
        table: Mapping[str, Any] = config.refcheck
        defaults = {f.name: f.default for f in fields(cls)}
        env = os.environ

        def pick(env_name: str, key: str) -> str | None:
            value = env.get(env_name) or table.get(key)
            if value is not None and not isinstance(value, str):
                raise RefereeError(f"{config.path}: [refcheck] {key} must be a string")
            return value or None

        def number(key: str, default: float, minimum: float = 0.0) -> float:
            value = table.get(key, default)
            if isinstance(value, bool) or not isinstance(value, int | float) or value < minimum:
                raise RefereeError(f"{config.path}: [refcheck] {key} must be a number >= {minimum}")
            return float(value)

        backoff = table.get("backoff", list(defaults["backoff"]))
        if not isinstance(backoff, list) or not all(
            isinstance(v, int | float) and not isinstance(v, bool) and v >= 0 for v in backoff
        ):
            raise RefereeError(f"{config.path}: [refcheck] backoff must be a list of seconds")
        urls = {
            f"{name}_url": env.get(URL_ENV[name]) or table.get(f"{name}_url") or default
            for name, default in DEFAULT_URLS.items()
        }
        allow_http = env.get("REFEREE_ALLOW_HTTP", "") == "1" or table.get("allow_http") is True
        return cls(
            **urls,
            mailto=pick("REFEREE_MAILTO", "mailto"),
            openalex_api_key=pick("OPENALEX_API_KEY", "openalex_api_key"),
            ncbi_api_key=pick("NCBI_API_KEY", "ncbi_api_key"),
            cache_dir=cache_dir() / "refcheck",
            cache_days=number("cache_days", defaults["cache_days"]),
            offline=offline,
            timeout=number("timeout", defaults["timeout"], 0.1),
            retries=int(number("retries", defaults["retries"])),
            backoff=tuple(float(v) for v in backoff),
            allow_http=allow_http,
        )

    @property
    def secrets(self) -> tuple[str, ...]:
        """Values that must never be written or shown."""
        return tuple(s for s in (self.openalex_api_key, self.ncbi_api_key) if s)

    def redact(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, "***")
        return text

    @property
    def user_agent(self) -> str:
        """A polite User-Agent: the tool, and the contact address when one is configured."""
        agent = f"referee/{__version__}"
        return f"{agent} (mailto:{self.mailto})" if self.mailto else agent
