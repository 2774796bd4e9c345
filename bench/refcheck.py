"""Benchmark: check 50 references with DOIs against a local server with 100 ms latency.

The server (tests/refserver.py, a ThreadingHTTPServer on 127.0.0.1) announces
``x-rate-limit-limit: 50``, ``x-rate-limit-interval: 1s`` and ``x-concurrency-limit: 3``
on every response, answers 429 if more than 3 requests are ever in flight, and counts the
peak number of requests it served at once. Target: ≤ 2.5 s in total (one request at a time
would take over 5 s), peak concurrency never above 3.

    .venv/bin/python bench/refcheck.py [--refs 50] [--latency 0.1] [--runs 3]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from refserver import FIXTURES, SERVICES, FixtureRouter, RefServer  # noqa: E402

from referee.model import Reference  # noqa: E402
from referee.refcheck import CheckSettings, check_references  # noqa: E402

ANNOUNCED = {"x-rate-limit-limit": "50", "x-rate-limit-interval": "1s", "x-concurrency-limit": "3"}
TOPICS = ("sleep", "memory", "soil carbon", "river flow", "gut flora", "ice cores", "bird song")


def works(count: int) -> tuple[dict[str, bytes], list[Reference]]:
    """``count`` Crossref work records (from our PeerJ fixture's shape) and references to them."""
    template = json.loads((FIXTURES / "crossref" / "work_10.7717_peerj.4375.json").read_text())
    bodies: dict[str, bytes] = {}
    refs: list[Reference] = []
    for i in range(count):
        doi = f"10.5555/bench.{i:03d}"
        title = f"Effects of {TOPICS[i % len(TOPICS)]} on outcome {i}: a field study number {i}"
        family = f"Author{i:03d}"
        year = 2000 + i % 25
        record = json.loads(json.dumps(template))
        message = record["message"]
        message.update(
            {
                "DOI": doi,
                "title": [title],
                "author": [
                    {"given": "A.", "family": family, "sequence": "first", "affiliation": []}
                ],
                "issued": {"date-parts": [[year, 1, 1]]},
                "published": {"date-parts": [[year, 1, 1]]},
                "volume": str(i + 1),
                "page": f"{i + 10}-{i + 20}",
            }
        )
        bodies[doi] = json.dumps(record).encode()
        raw = f"{family} A. {title}. Bench J. {year};{i + 1}:{i + 10}-{i + 20}. doi:{doi}"
        refs.append(
            Reference(
                f"bench{i:03d}",
                0,
                0,
                raw,
                authors=(family,),
                year=str(year),
                title=title,
                volume=str(i + 1),
                pages=f"{i + 10}-{i + 20}",
                doi=doi,
            )
        )
    return bodies, refs


def settings_for(server: RefServer, cache: Path | None) -> CheckSettings:
    return CheckSettings(
        **{f"{name}_url": server.url(name) for name in SERVICES},
        mailto="bench@example.org",
        cache_dir=cache,
    )


def run_once(count: int, latency: float, cache: Path | None = None) -> dict:
    bodies, refs = works(count)
    router = FixtureRouter(extra_headers=dict(ANNOUNCED), works=bodies)
    with RefServer(router, latency=latency, refuse_above=3) as server:
        settings = settings_for(server, cache)
        started = time.perf_counter()
        results = asyncio.run(check_references(refs, settings))
        elapsed = time.perf_counter() - started
        return {
            "seconds": elapsed,
            "peak": server.peak,
            "requests": server.requests,
            "statuses": Counter(r.status for r in results),
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--refs", type=int, default=50)
    parser.add_argument("--latency", type=float, default=0.1, help="seconds added per request")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(
        f"refcheck: {args.refs} references with DOIs, {args.latency * 1000:.0f} ms latency, "
        f"server announces {ANNOUNCED['x-rate-limit-limit']}/{ANNOUNCED['x-rate-limit-interval']}, "
        f"concurrency {ANNOUNCED['x-concurrency-limit']}"
    )
    times = []
    peak = 0
    for run in range(1, args.runs + 1):
        figures = run_once(args.refs, args.latency)
        times.append(figures["seconds"])
        peak = max(peak, figures["peak"])
        serial = figures["requests"] * args.latency
        statuses = ", ".join(f"{n} {s}" for s, n in figures["statuses"].most_common())
        print(
            f"  run {run}: {figures['seconds']:.2f} s for {figures['requests']} requests "
            f"(one at a time: ≥ {serial:.1f} s); peak concurrency seen by server: "
            f"{figures['peak']}; {statuses}"
        )
    with tempfile.TemporaryDirectory() as folder:
        run_once(args.refs, args.latency, Path(folder))
        warm = run_once(args.refs, args.latency, Path(folder))
    print(f"  warm cache: {warm['seconds']:.3f} s, {warm['requests']} requests")
    best = min(times)
    verdict = "met" if best <= 2.5 and peak <= 3 else "NOT met"
    print(
        f"best {best:.2f} s, median {sorted(times)[len(times) // 2]:.2f} s; peak concurrency "
        f"{peak} (limit 3); target ≤ 2.5 s and ≤ 3: {verdict}"
    )


if __name__ == "__main__":
    main()
