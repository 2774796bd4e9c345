"""One ``httpx.AsyncClient`` for every service, used politely.

Per service: a :class:`~referee.refcheck.throttle.Throttle` fed by the response headers,
retries of 429 (honouring ``Retry-After``), 5xx and read timeouts, a cap on the body size,
https only, and a disk cache of definitive answers. Anything that keeps a service from
answering raises :class:`Unavailable`; the checker turns that into ``unverifiable``,
never ``not_found``.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

import httpx

from referee.refcheck.cache import Cache, request_key
from referee.refcheck.settings import CheckSettings, url_allowed
from referee.refcheck.throttle import Throttle, retry_after

DEFINITIVE = (200, 404)
"""Statuses that answer the question asked; only these are cached."""
RETRYABLE = frozenset({429, 500, 502, 503, 504})


class Unavailable(Exception):
    """A service could not give an answer: outage, timeout, rate limit, junk."""


@dataclass(frozen=True, slots=True)
class Reply:
    status: int
    content_type: str
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    def json(self, service: str) -> Any:
        """The body as JSON, or :class:`Unavailable` naming what came instead."""
        head = self.body[:200].lstrip().lower()
        if head.startswith((b"<!doctype", b"<html")) or "html" in self.content_type:
            raise Unavailable(f"{service} returned an HTML page instead of JSON")
        try:
            return json.loads(self.body)
        except (ValueError, UnicodeDecodeError):
            raise Unavailable(f"{service} returned malformed JSON") from None


def _published_throttles(
    settings: CheckSettings, clock: Callable[[], float]
) -> dict[str, Throttle]:
    """Published limits, per service (Crossref's are re-read from its headers).

    PubMed: 3 requests a second, 10 with a key (NCBI). Open Library: 1 a second, 3 for a
    client that identifies itself with a contact (its API documentation). DataCite: 1,000
    requests in 5 minutes for an identified client (``mailto``), fewer without: 500 here.
    arXiv: one request every 3 seconds, one connection at a time (its API terms of use).
    Europe PMC: 10 a second.
    """
    pubmed_rate = 10 if settings.ncbi_api_key else 3
    identified = bool(settings.mailto)
    return {
        "openlibrary": Throttle(
            concurrency=1, rate=3 if identified else 1, learns=False, clock=clock
        ),
        "datacite": Throttle(
            concurrency=2,
            rate=1000 if identified else 500,
            interval=300.0,
            learns=False,
            clock=clock,
        ),
        "arxiv": Throttle(concurrency=1, rate=1, interval=3.0, learns=False, clock=clock),
        "europepmc": Throttle(concurrency=3, rate=10, learns=False, clock=clock),
        # Crossref pools differ for single records and lists, so they are learnt apart.
        "crossref": Throttle(concurrency=1, rate=5, clock=clock),
        "crossref-list": Throttle(concurrency=1, rate=1, clock=clock),
        "pubmed": Throttle(concurrency=3, rate=pubmed_rate, max_rate=pubmed_rate, clock=clock),
        "openalex": Throttle(concurrency=3, rate=10, clock=clock),
        "doi.org": Throttle(concurrency=2, rate=5, clock=clock),
    }


_throttles = _published_throttles
"""What :class:`Client` uses; tests against a local stand-in replace it."""


class Client:
    """Use as ``async with Client(settings) as client: await client.get(...)``."""

    def __init__(
        self,
        settings: CheckSettings,
        transport: httpx.AsyncBaseTransport | None = None,
        sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """``sleep`` waits between retries and ``clock`` times the throttles: a test
        passes its own pair, so a 429 or a timeout costs it no real second."""
        self.settings = settings
        self.throttles = _throttles(settings, clock)
        self.cache = (
            Cache(settings.cache_dir, settings.cache_days, settings.secrets)
            if settings.cache_dir
            else None
        )
        self._bases = {
            "crossref": settings.crossref_url,
            "pubmed": settings.eutils_url,
            "openalex": settings.openalex_url,
            "doi.org": settings.doi_url,
            "datacite": settings.datacite_url,
            "openlibrary": settings.openlibrary_url,
            "arxiv": settings.arxiv_url,
            "europepmc": settings.europepmc_url,
        }
        """Cache keys are relative to these, so a mirror or a new port reuses the cache."""
        self.agencies: dict[str, str] = {}
        """Registration agency by DOI, from doi.org (``crossref``, ``datacite``, …, or
        ``not_registered``); filled in batches before a run's checks start."""
        self.agencies_asked: set[str] = set()
        self.down: dict[str, str] = {}
        """Services found unreachable in this run, with the reason."""
        self.requests = 0
        self._sleep = sleep
        self._pending: dict[str, asyncio.Future[Reply]] = {}
        self._http = httpx.AsyncClient(
            transport=transport,
            headers={"User-Agent": settings.user_agent},
            timeout=httpx.Timeout(settings.timeout, connect=min(10.0, settings.timeout)),
            follow_redirects=True,
            max_redirects=3,
            event_hooks={"request": [self._check_url]},
        )

    async def __aenter__(self) -> Client:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self._http.aclose()

    async def _check_url(self, request: httpx.Request) -> None:
        if not url_allowed(str(request.url), self.settings.allow_http):
            raise Unavailable(f"refused to fetch a non-https URL ({request.url.host})")

    async def get(
        self,
        service: str,
        url: str,
        params: Mapping[str, str] | None = None,
        *,
        throttle: str | None = None,
        accept: str = "application/json",
        secret_params: Mapping[str, str] | None = None,
    ) -> Reply:
        """GET with cache, throttle and retries; returns a 200 or 404 :class:`Reply`.

        ``secret_params`` (API keys, contact) are sent but never part of the cache key.
        """
        params = dict(params or {})
        key = request_key(service, url.removeprefix(self._bases.get(service, "")), params, accept)
        pending = self._pending.get(key)
        if pending is not None:
            return await asyncio.shield(pending)
        future: asyncio.Future[Reply] = asyncio.get_running_loop().create_future()
        self._pending[key] = future
        try:
            reply = await self._get(
                service, url, params, key, throttle or service, accept, secret_params
            )
        except asyncio.CancelledError:
            future.cancel()
            raise
        except BaseException as exc:
            future.set_exception(exc)
            future.exception()  # mark retrieved: waiters re-raise it themselves
            raise
        else:
            future.set_result(reply)
            return reply
        finally:
            del self._pending[key]

    async def _get(
        self,
        service: str,
        url: str,
        params: dict[str, str],
        key: str,
        throttle_name: str,
        accept: str,
        secret_params: Mapping[str, str] | None,
    ) -> Reply:
        settings = self.settings
        if self.cache is not None:
            entry = self.cache.get(key, stale_ok=settings.offline)
            if entry is not None:
                return Reply(entry.status, entry.content_type, entry.body)
        if settings.offline:
            raise Unavailable(f"{service}: offline and not in the cache")
        if service in self.down:
            raise Unavailable(self.down[service])
        throttle = self.throttles[throttle_name]
        send_params = {**params, **(secret_params or {})}
        last = ""
        transport_failed = False
        for attempt in range(settings.retries + 1):
            wait: float | None = None
            try:
                async with throttle.slot():
                    status, headers, body = await self._exchange(service, url, send_params, accept)
            except (httpx.ConnectError, httpx.ConnectTimeout, httpx.UnsupportedProtocol):
                self.down[service] = f"{service} unreachable (connection failed)"
                raise Unavailable(self.down[service]) from None
            except (httpx.TimeoutException, TimeoutError):
                last = f"{service} timed out after {settings.timeout:g} s"
                transport_failed = True
            except (httpx.TransportError, httpx.TooManyRedirects) as exc:
                last = f"{service} connection error ({type(exc).__name__})"
                transport_failed = True
            else:
                transport_failed = False
                throttle.update(headers)
                if status == 200 and _is_throttle_body(body):
                    status = 429  # E-utilities sometimes signal the rate limit with a 200.
                if status in DEFINITIVE:
                    content_type = headers.get("content-type", "")
                    if self.cache is not None:
                        self.cache.put(key, status, content_type, body)
                    return Reply(status, content_type, body)
                if status not in RETRYABLE:
                    raise Unavailable(f"{service} answered HTTP {status}")
                last = f"{service} answered HTTP {status}"
                if status == 429:
                    last = f"{service} rate limit reached (HTTP 429)"
                    wait = retry_after(headers)
                    if wait is not None and wait > settings.max_retry_after:
                        throttle.pause(wait)
                        raise Unavailable(f"{last}; asked to wait {wait:g} s") from None
                    throttle.pause(wait if wait is not None else self._backoff(attempt))
            if attempt == settings.retries:
                break
            await self._sleep(wait if wait is not None else self._backoff(attempt))
        tries = settings.retries + 1
        message = f"{last} ({tries} attempt{'s' if tries > 1 else ''})"
        if transport_failed:
            self.down[service] = message  # no answer at all, every time: stop asking this run
        raise Unavailable(message)

    def _backoff(self, attempt: int) -> float:
        backoff = self.settings.backoff
        if not backoff:
            return 0.0
        return backoff[min(attempt, len(backoff) - 1)]

    async def _exchange(
        self, service: str, url: str, params: Mapping[str, str], accept: str
    ) -> tuple[int, dict[str, str], bytes]:
        """One request: status, lower-cased headers, body read up to the size cap."""
        limit = self.settings.max_bytes
        too_large = f"{service} sent a response larger than {limit:,} bytes"
        self.requests += 1
        async with asyncio.timeout(self.settings.timeout):
            request = self._http.build_request(
                "GET", url, params=params, headers={"Accept": accept}
            )
            response = await self._http.send(request, stream=True)
            try:
                headers = {k.lower(): v for k, v in response.headers.items()}
                length = headers.get("content-length", "")
                if length.isdigit() and int(length) > limit:
                    raise Unavailable(too_large)
                chunks: list[bytes] = []
                size = 0
                async for chunk in response.aiter_bytes():
                    size += len(chunk)
                    if size > limit:
                        raise Unavailable(too_large)
                    chunks.append(chunk)
            finally:
                await response.aclose()
        return response.status_code, headers, b"".join(chunks)


_Item = TypeVar("_Item")
_Done = TypeVar("_Done")


async def each_reported(
    items: Iterable[_Item],
    work: Callable[[_Item], Awaitable[_Done]],
    on_result: Callable[[_Done], None] | None = None,
) -> list[_Done]:
    """``work`` on every item at once; ``on_result`` hears of each as it finishes, and
    the results come back in the items' order."""

    async def one(item: _Item) -> _Done:
        done = await work(item)
        if on_result is not None:
            on_result(done)
        return done

    return list(await asyncio.gather(*(one(item) for item in items)))


def _is_throttle_body(body: bytes) -> bool:
    return len(body) < 512 and b"API rate limit exceeded" in body
