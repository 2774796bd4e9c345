"""Benchmark: the abstract of a linked reference, from asking to having it, against a local
server with 100 ms latency (tests/refserver.py) and an empty cache; then from the cache.

Three references: a PMID (one PubMed EFetch), a DOI Europe PMC knows (one request), a DOI
only Crossref has an abstract for (Europe PMC misses, then Crossref: two requests in a
row). Baseline: one bare ``httpx`` GET to the same server (the floor of one round trip).
Target: ≤ 1 s for each. Also printed: the work of looking up a claim's references
(``references_beside``), what moving to another claim costs while abstracts load.

    .venv/bin/python bench/evidence.py [--latency 0.1] [--runs 5]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from refserver import RefServer, fixture_settings  # noqa: E402

from referee.model import Reference  # noqa: E402
from referee.refcheck.client import Client  # noqa: E402
from referee.refcheck.evidence import Beside, fetch_for, references_beside  # noqa: E402

CASES = (
    ("PubMed (PMID)", Reference(id="a", start=0, end=0, raw="", pmid="31000001")),
    ("Europe PMC (DOI)", Reference(id="b", start=0, end=0, raw="", doi="10.5555/coffee.2020.0101")),
    ("Crossref JATS (DOI)", Reference(id="c", start=0, end=0, raw="", doi="10.5555/jats.2019.7")),
)


async def one(base: str, cache: Path | None, ref: Reference) -> float:
    settings = fixture_settings(base, cache_dir=cache)
    started = time.perf_counter()
    async with Client(settings) as client:
        got = await fetch_for(client, Beside(ref.id, "linked", ref, None))
    assert got.abstract is not None, got.problem
    return time.perf_counter() - started


async def baseline(base: str) -> float:
    started = time.perf_counter()
    async with httpx.AsyncClient() as client:
        await client.get(f"{base}/eutils/efetch.fcgi", params={"id": "31000001"})
    return time.perf_counter() - started


def moving_cost(runs: int) -> float:
    """Seconds of ``references_beside`` per claim on the seed article."""
    from referee.review.session import Session

    seed = ROOT / "sample_articles" / "acupuncture-goodpasture.txt"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / seed.name
        path.write_bytes(seed.read_bytes())
        session = Session.open(path)
        ids = [s.id for s in session.claims()]
        started = time.perf_counter()
        for _ in range(runs):
            for claim_id in ids:
                references_beside(session, claim_id)
        return (time.perf_counter() - started) / (runs * len(ids))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency", type=float, default=0.1)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with RefServer(latency=args.latency) as server:
        floor = min(asyncio.run(baseline(server.base)) for _ in range(args.runs))
        print(
            f"baseline: one bare GET {floor * 1000:.0f} ms (latency {args.latency * 1000:.0f} ms)"
        )
        for name, ref in CASES:
            cold = []
            for _ in range(args.runs):
                with tempfile.TemporaryDirectory() as cache:
                    cold.append(asyncio.run(one(server.base, Path(cache), ref)))
            with tempfile.TemporaryDirectory() as cache:
                asyncio.run(one(server.base, Path(cache), ref))
                warm = min(
                    asyncio.run(one(server.base, Path(cache), ref)) for _ in range(args.runs)
                )
            verdict = "ok" if max(cold) <= 1.0 else "OVER 1 s"
            print(
                f"{name:22} cold median {statistics.median(cold) * 1000:.0f} ms, "
                f"worst {max(cold) * 1000:.0f} ms ({verdict}); cached {warm * 1000:.1f} ms"
            )
    per_claim = moving_cost(args.runs)
    print(
        f"references of one claim (moving between claims): {per_claim * 1e6:.0f} µs "
        f"(a frame at 60 Hz is 16.7 ms)"
    )


if __name__ == "__main__":
    main()
