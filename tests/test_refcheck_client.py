"""The HTTP client: retries, Retry-After, size cap, https, throttle from headers, cache."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import httpx
import pytest
from refserver import FixtureRouter, fixture_settings, load, mock_transport

from referee.errors import RefereeError
from referee.refcheck import crossref
from referee.refcheck.cache import Cache, request_key
from referee.refcheck.client import Client, Unavailable
from referee.refcheck.throttle import Throttle, parse_interval, retry_after

PEERJ = "10.7717/peerj.4375"


def respond(canned) -> httpx.Response:
    return httpx.Response(canned.status, headers=canned.headers, content=canned.body)


class Script:
    """A MockTransport handler answering from a list, then from the fixture router."""

    def __init__(self, *answers: object) -> None:
        self.answers = list(answers)
        self.requests: list[httpx.Request] = []
        self.router = FixtureRouter()

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if self.answers:
            answer = self.answers.pop(0)
            if isinstance(answer, Exception):
                raise answer
            return answer  # type: ignore[return-value]
        return mock_transport(self.router).handler(request)  # type: ignore[attr-defined]

    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self)


class Sleeps(list):
    """The client's sleep, recorded and not slept: its clock (for the throttles) runs
    ahead of the real one by every second it was asked to sleep."""

    async def __call__(self, seconds: float) -> None:
        self.append(seconds)

    def clock(self) -> float:
        return time.monotonic() + sum(self)


async def lookup(script: Script, **settings: object) -> tuple[object, Sleeps]:
    sleeps = Sleeps()
    client = Client(
        fixture_settings(**settings), script.transport(), sleep=sleeps, clock=sleeps.clock
    )
    async with client:
        try:
            return await crossref.work(client, PEERJ), sleeps
        except Unavailable as error:
            return error, sleeps


async def test_429_waits_as_long_as_retry_after_says_then_succeeds() -> None:
    script = Script(respond(load("crossref/429.html")))
    result, sleeps = await lookup(script)
    assert getattr(result, "doi", None) == PEERJ
    assert sleeps == [1.0] and len(script.requests) == 2


async def test_429_asking_for_too_long_a_wait_gives_up() -> None:
    too_long = httpx.Response(429, headers={"retry-after": "3600"}, text="slow down")
    result, sleeps = await lookup(Script(too_long))
    assert isinstance(result, Unavailable) and "3600" in str(result) and sleeps == []


async def test_5xx_is_retried_with_backoff_then_unavailable() -> None:
    answers = [respond(load("crossref/503.html"))] * 3
    result, sleeps = await lookup(Script(*answers), backoff=(0.5, 2.0))
    assert isinstance(result, Unavailable) and "HTTP 503 (3 attempts)" in str(result)
    assert sleeps == [0.5, 2.0]


async def test_a_retried_5xx_can_recover() -> None:
    result, _ = await lookup(Script(respond(load("errors/proxy_502.html"))))
    assert getattr(result, "doi", None) == PEERJ


async def test_timeout_is_unavailable() -> None:
    timeout = httpx.ReadTimeout("read timed out")
    result, sleeps = await lookup(Script(timeout, timeout, timeout))
    assert isinstance(result, Unavailable) and "timed out" in str(result) and len(sleeps) == 2


async def test_a_slow_server_hits_the_overall_timeout() -> None:
    async def slow(request: httpx.Request) -> httpx.Response:
        await asyncio.sleep(5)
        return httpx.Response(200)

    settings = fixture_settings(timeout=0.2, retries=0)
    async with Client(settings, httpx.MockTransport(slow)) as client:
        with pytest.raises(Unavailable, match="timed out"):
            await crossref.work(client, PEERJ)


async def test_html_error_page_with_200_is_not_json() -> None:
    result, _ = await lookup(Script(respond(load("errors/captive_portal.html"))))
    assert isinstance(result, Unavailable) and "HTML page" in str(result)


async def test_plain_text_404_means_not_in_crossref() -> None:
    script = Script(respond(load("crossref/not_found.txt")))
    result, _ = await lookup(script)
    assert result is None


async def test_malformed_json_is_unavailable() -> None:
    result, _ = await lookup(Script(respond(load("errors/malformed.json"))))
    assert isinstance(result, Unavailable) and "malformed JSON" in str(result)


async def test_oversized_body_is_refused_while_streaming() -> None:
    async def stream():
        for _ in range(100):
            yield b"x" * 1000

    chunked = httpx.Response(200, headers={"content-type": "application/json"}, content=stream())
    result, _ = await lookup(Script(chunked), max_bytes=10_000)
    assert isinstance(result, Unavailable) and "larger than 10,000 bytes" in str(result)


async def test_oversized_content_length_is_refused_up_front() -> None:
    big = httpx.Response(
        200, headers={"content-type": "application/json"}, content=b"[" + b" " * 20_000 + b"]"
    )
    result, _ = await lookup(Script(big), max_bytes=10_000)
    assert isinstance(result, Unavailable) and "larger than" in str(result)


async def test_connection_failure_marks_the_service_down_for_the_run() -> None:
    script = Script(httpx.ConnectError("refused"))
    async with Client(fixture_settings(), script.transport()) as client:
        with pytest.raises(Unavailable, match="unreachable"):
            await crossref.work(client, PEERJ)
        with pytest.raises(Unavailable, match="unreachable"):
            await crossref.work(client, "10.1109/cvpr.2016.90")
    assert len(script.requests) == 1


async def test_eutils_rate_limit_body_with_status_200_counts_as_429() -> None:
    body = b'{"error":"API rate limit exceeded","api-key":"127.0.0.1","count":"4","limit":"3"}'
    script = Script(httpx.Response(200, headers={"content-type": "application/json"}, content=body))
    sleeps = Sleeps()
    client = Client(fixture_settings(), script.transport(), sleep=sleeps, clock=sleeps.clock)
    async with client:
        from referee.refcheck import pubmed

        assert await pubmed.esearch(client, "goodpasture[ti]") == []
    assert len(script.requests) == 2 and sleeps == [0.0]


def test_http_base_urls_are_refused_except_loopback() -> None:
    with pytest.raises(RefereeError, match="https"):
        fixture_settings(base="http://mirror.example.org")
    fixture_settings(base="http://127.0.0.1:8080")
    fixture_settings(base="http://mirror.example.org", allow_http=True)


async def test_redirect_to_plain_http_is_refused() -> None:
    down = httpx.Response(301, headers={"location": "http://evil.example.org/works/x"})
    result, _ = await lookup(Script(down))
    assert isinstance(result, Unavailable) and "non-https" in str(result)


async def test_user_agent_carries_the_contact() -> None:
    script = Script()
    await lookup(script, mailto="ada@example.org")
    assert script.requests[0].headers["user-agent"].endswith("(mailto:ada@example.org)")


def test_interval_and_retry_after_parsing() -> None:
    assert parse_interval("1s") == 1.0 and parse_interval("500ms") == 0.5
    assert parse_interval("1m") == 60.0 and parse_interval("soon") is None
    assert retry_after({"retry-after": "2"}) == 2.0
    assert retry_after({}) is None
    when = "Wed, 21 Oct 2015 07:28:00 GMT"
    assert retry_after({"retry-after": when}, now=1445412480.0 - 5) == pytest.approx(5.0)


def test_throttle_learns_limits_from_either_header_spelling() -> None:
    throttle = Throttle(concurrency=1, rate=5)
    throttle.update(
        {"x-rate-limit-limit": "50", "x-rate-limit-interval": "1s", "x-concurrency-limit": "3"}
    )
    assert (throttle.rate, throttle.interval, throttle.concurrency) == (50, 1.0, 3)
    throttle.update({"x-ratelimit-limit": "10", "x-ratelimit-interval": "2s"})
    assert (throttle.rate, throttle.interval) == (10, 2.0)
    throttle.update({"x-ratelimit-limit": "1000"})  # OpenAlex credits: no interval, ignored
    assert throttle.rate == 10
    capped = Throttle(rate=3, max_rate=3)
    capped.update({"x-rate-limit-limit": "50", "x-rate-limit-interval": "1s"})
    assert capped.rate == 3


async def test_throttle_never_exceeds_concurrency_or_rate() -> None:
    # The starts are read from the throttle's own clock (its last reading is the one it
    # granted the slot at), so a busy machine delaying a job cannot move them.
    last_reading = [0.0]

    def clock() -> float:
        last_reading[0] = time.monotonic()
        return last_reading[0]

    throttle = Throttle(concurrency=2, rate=4, interval=0.2, clock=clock)
    starts: list[float] = []

    async def job() -> None:
        async with throttle.slot():
            starts.append(last_reading[0])
            await asyncio.sleep(0.01)

    await asyncio.gather(*(job() for _ in range(12)))
    assert throttle.peak == 2
    starts.sort()
    for i, start in enumerate(starts):
        in_window = [s for s in starts[i:] if s < start + 0.2 - 1e-3]
        assert len(in_window) <= 4


async def test_concurrency_follows_announced_limit(tmp_path: Path) -> None:
    router = FixtureRouter(extra_headers={"x-concurrency-limit": "2"})
    active = 0
    peak = 0
    base = mock_transport(router)

    async def handler(request: httpx.Request) -> httpx.Response:
        nonlocal active, peak
        active += 1
        peak = max(peak, active)
        await asyncio.sleep(0.02)
        active -= 1
        return base.handler(request)  # type: ignore[attr-defined]

    async with Client(fixture_settings(), httpx.MockTransport(handler)) as client:
        dois = [PEERJ, "10.1109/cvpr.2016.90", "10.1016/s0140-6736(97)11096-0"] * 3
        await asyncio.gather(
            *(
                client.get("crossref", f"{client.settings.crossref_url}/works/{d}", {"n": str(i)})
                for i, d in enumerate(dois)
            )
        )
    assert peak == 2
    assert client.throttles["crossref"].concurrency == 2


async def test_cache_answers_second_time_and_offline(tmp_path: Path) -> None:
    script = Script()
    settings = {"cache_dir": tmp_path}
    first, _ = await lookup(script, **settings)
    again, _ = await lookup(script, **settings)
    assert first == again and len(script.requests) == 1
    offline, _ = await lookup(Script(), offline=True, **settings)
    assert offline == first
    missing = Script()
    async with Client(
        fixture_settings(offline=True, cache_dir=tmp_path), missing.transport()
    ) as client:
        with pytest.raises(Unavailable, match="offline"):
            await crossref.work(client, "10.1109/cvpr.2016.90")
    assert missing.requests == []


async def test_failures_are_not_cached(tmp_path: Path) -> None:
    script = Script(respond(load("crossref/503.html")), respond(load("crossref/503.html")))
    await lookup(script, cache_dir=tmp_path, retries=1)
    assert not any(tmp_path.rglob("*.json"))


async def test_identical_requests_in_flight_are_sent_once() -> None:
    script = Script()

    async def slow(request: httpx.Request) -> httpx.Response:
        await asyncio.sleep(0.02)
        return script(request)

    async with Client(fixture_settings(), httpx.MockTransport(slow)) as client:
        results = await asyncio.gather(*(crossref.work(client, PEERJ) for _ in range(5)))
    assert len({r.doi for r in results}) == 1 and len(script.requests) == 1


def test_cache_expiry_and_corrupt_files(tmp_path: Path) -> None:
    cache = Cache(tmp_path, days=1)
    key = request_key("crossref", "/works/a", {"q": "1"})
    assert cache.put(key, 200, "application/json", b"{}")
    assert cache.get(key) is not None
    path = next(tmp_path.rglob("*.json"))
    text = path.read_text()
    path.write_text(text.replace('"stored": ', '"stored": 1000, "was": '))
    assert cache.get(key) is None and cache.get(key, stale_ok=True) is not None
    path.write_text("{not json")
    assert cache.get(key) is None


def test_cache_keys_leave_out_credentials(tmp_path: Path) -> None:
    a = request_key("pubmed", "/esearch.fcgi", {"term": "t", "api_key": "SECRET", "email": "a@b"})
    assert "SECRET" not in a and "a@b" not in a
    assert a == request_key("pubmed", "/esearch.fcgi", {"term": "t"})
    cache = Cache(tmp_path, days=1, secrets=["SECRET"])
    assert not cache.put(a, 200, "application/json", b'{"echo":"SECRET"}')
    assert not any(tmp_path.rglob("*.json"))


async def test_pubmed_rate_is_3_per_second_or_10_with_a_key_and_params_are_sent() -> None:
    from referee.refcheck import pubmed

    script = Script()
    async with Client(fixture_settings(mailto="ada@example.org"), script.transport()) as client:
        assert (client.throttles["pubmed"].rate, client.throttles["pubmed"].interval) == (3, 1.0)
        await pubmed.esearch(client, "goodpasture[ti]")
        client.throttles["pubmed"].update({"x-ratelimit-limit": "50", "x-ratelimit-interval": "1s"})
        assert client.throttles["pubmed"].rate == 3
    params = script.requests[0].url.params
    assert (params["tool"], params["email"], params["db"]) == (
        "referee",
        "ada@example.org",
        "pubmed",
    )
    assert "api_key" not in params
    keyed = Script()
    async with Client(fixture_settings(ncbi_api_key="NK"), keyed.transport()) as client:
        assert client.throttles["pubmed"].rate == 10
        await pubmed.esearch(client, "goodpasture[ti]")
    assert keyed.requests[0].url.params["api_key"] == "NK"
