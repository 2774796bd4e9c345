"""Per-service request limits, learnt from the response headers of that service.

Crossref announces ``x-rate-limit-limit``/``x-rate-limit-interval`` (older deployments:
``x-ratelimit-*``) and ``x-concurrency-limit`` on every response, and changes them over
time, so the limits are re-read from every response. A ``Retry-After`` pauses the whole
service. Rates are enforced as a sliding window: never more than ``rate`` request starts
in any ``interval`` seconds.
"""

from __future__ import annotations

import asyncio
import re
import time
from collections import deque
from collections.abc import AsyncIterator, Callable, Mapping
from contextlib import asynccontextmanager, suppress
from email.utils import parsedate_to_datetime

_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$", re.IGNORECASE)
_UNIT = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0}


def parse_interval(value: str) -> float | None:
    """``"1s"`` → 1.0, ``"500ms"`` → 0.5, ``"1m"`` → 60.0; None when unreadable or zero."""
    match = _INTERVAL.match(value)
    if not match:
        return None
    seconds = float(match.group(1)) * _UNIT[(match.group(2) or "s").lower()]
    return seconds if seconds > 0 else None


def _int(value: str | None) -> int | None:
    try:
        number = int(value.strip()) if value is not None else None
    except ValueError:
        return None
    return number if number is not None and number > 0 else None


def retry_after(headers: Mapping[str, str], now: float | None = None) -> float | None:
    """Seconds asked for by ``Retry-After`` (delta-seconds or an HTTP date), else None."""
    value = headers.get("retry-after")
    if value is None:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value).timestamp()
    except (TypeError, ValueError, IndexError):
        return None
    return max(0.0, when - (time.time() if now is None else now))


class Throttle:
    """Concurrency and rate limits for one service."""

    def __init__(
        self,
        concurrency: int = 1,
        rate: int = 5,
        interval: float = 1.0,
        max_concurrency: int = 8,
        max_rate: int | None = None,
        clock: Callable[[], float] = time.monotonic,
        learns: bool = True,
    ) -> None:
        self.concurrency = concurrency
        self._clock = clock
        self.rate = rate
        self.interval = interval
        self.max_concurrency = max_concurrency
        self.max_rate = max_rate
        """A cap the headers cannot raise (PubMed's documented 3 or 10 per second)."""
        self.learns = learns
        """False for a service whose published limits are fixed: headers change nothing."""
        self.in_flight = 0
        self.peak = 0
        self._starts: deque[float] = deque()
        self._paused_until = 0.0
        self._changed = asyncio.Event()

    def _notify(self) -> None:
        self._changed.set()
        self._changed = asyncio.Event()

    def _delay(self, now: float) -> float:
        while self._starts and self._starts[0] <= now - self.interval:
            self._starts.popleft()
        delay = self._paused_until - now
        if len(self._starts) >= self.rate:
            delay = max(delay, self._starts[0] + self.interval - now)
        return max(0.0, delay)

    async def acquire(self) -> None:
        while True:
            now = self._clock()
            delay = self._delay(now)
            if delay <= 0 and self.in_flight < self.concurrency:
                self.in_flight += 1
                self.peak = max(self.peak, self.in_flight)
                self._starts.append(now)
                return
            changed = self._changed
            timeout = delay if delay > 0 else None
            with suppress(TimeoutError):
                await asyncio.wait_for(changed.wait(), timeout)

    def release(self) -> None:
        self.in_flight -= 1
        self._notify()

    @asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        await self.acquire()
        try:
            yield
        finally:
            self.release()

    def update(self, headers: Mapping[str, str]) -> None:
        """Adopt the limits a response announces (both header spellings)."""
        if not self.learns:
            return
        limit = _int(headers.get("x-rate-limit-limit") or headers.get("x-ratelimit-limit"))
        interval_text = headers.get("x-rate-limit-interval") or headers.get("x-ratelimit-interval")
        interval = parse_interval(interval_text) if interval_text else None
        if limit and interval:
            self.rate = min(limit, self.max_rate) if self.max_rate else limit
            self.interval = interval
        concurrency = _int(headers.get("x-concurrency-limit"))
        if concurrency:
            self.concurrency = min(concurrency, self.max_concurrency)
        self._notify()

    def pause(self, seconds: float) -> None:
        """Hold every request of this service for ``seconds`` (after a 429)."""
        self._paused_until = max(self._paused_until, self._clock() + seconds)
        self._notify()
