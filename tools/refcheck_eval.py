"""Evaluate reference checking against a stand-in index built from labelled references.

The works are AnyStyle's labelled references (``good.xml``); the held-out split is every
entry whose index is a multiple of 10 (never used for tuning). Each work is written out in
one of several citation styles (``tests/standin.py``: as written, APA, Vancouver, Chicago,
IEEE, MLA, Harvard), parsed by referee's reference parser, and checked against a stand-in
Crossref / Open Library / doi.org served over HTTP on 127.0.0.1 whose records are the
works' true fields. A second run removes half of the records: references to those stand
for fabricated ones and must never come out verified.

    .venv/bin/python tools/refcheck_eval.py [--data data/anystyle/good.xml] [--refs 600]
        [--split heldout|train] [--show not_found,metadata_mismatch]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import fields as dataclass_fields
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from refserver import SERVICES, FixtureRouter, RefServer  # noqa: E402
from standin import STYLES, StandIn, Work, identity, load, render  # noqa: E402

from referee.model import Reference  # noqa: E402
from referee.refcheck import CheckSettings, check_references, client  # noqa: E402
from referee.refcheck.throttle import Throttle  # noqa: E402
from referee.text.reference_fields import parse_entry  # noqa: E402

REFERENCE_FIELDS = {f.name for f in dataclass_fields(Reference)}


def local_throttles(settings: CheckSettings, clock: Callable[[], float]) -> dict[str, Throttle]:
    """The published limits are for the real services; the stand-in is local."""
    fast = client._published_throttles(settings, clock)
    for throttle in fast.values():
        throttle.rate, throttle.interval, throttle.concurrency = 1000, 1.0, 8
    return fast


def sample(works: list[Work], split: str, count: int) -> list[tuple[Work, str]]:
    chosen = [w for w in works if (w.number % 10 == 0) == (split == "heldout")]
    picked: list[tuple[Work, str]] = []
    round_ = 0
    while len(picked) < count and chosen:
        for i, work in enumerate(chosen):
            if len(picked) == count:
                break
            picked.append((work, STYLES[(i + round_) % len(STYLES)]))
        round_ += 1
    return picked


def reference(index: int, raw: str) -> Reference:
    parsed = {k: v for k, v in parse_entry(raw).items() if k in REFERENCE_FIELDS}
    return Reference(f"r{index}", 0, len(raw), raw, **parsed)


def run(picked: list[tuple[Work, str]], standin: StandIn) -> tuple[list, list]:
    refs = [reference(i, render(work, style)) for i, (work, style) in enumerate(picked)]
    router = FixtureRouter(hook=standin.respond)
    with RefServer(router) as server:
        settings = CheckSettings(
            **{f"{name}_url": server.url(name) for name in SERVICES},
            mailto="eval@example.org",
            backoff=(0.0,),
        )
        return asyncio.run(check_references(refs, settings)), refs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT / "data" / "anystyle" / "good.xml")
    parser.add_argument("--refs", type=int, default=600)
    parser.add_argument("--split", choices=("heldout", "train"), default="heldout")
    parser.add_argument("--show", default="", help="statuses whose references to print")
    parser.add_argument(
        "--noisy",
        action="store_true",
        help="records differ from the references as real ones do (year + 1, markup, "
        "accents, subtitle): see tests/standin.py noise()",
    )
    args = parser.parse_args()
    client._throttles = local_throttles
    works = load(args.data)
    picked = sample(works, args.split, args.refs)
    print(
        f"{len(picked)} references to {len({w.number for w, _ in picked})} works "
        f"({args.split} split of {args.data.name}), styles {', '.join(STYLES)}"
    )

    results, refs = run(picked, StandIn(works, noisy=args.noisy))
    counts = Counter(r.status for r in results)
    n = len(results)
    print("run 1, every work in the index:")
    for status, k in counts.most_common():
        print(f"  {status:18} {k:4}  {k / n:.3f}")
    by_kind: dict[str, Counter] = defaultdict(Counter)
    by_style: dict[str, Counter] = defaultdict(Counter)
    for (work, style), result in zip(picked, results, strict=True):
        by_kind[work.kind][result.status] += 1
        by_style[style][result.status] += 1
    for name, table in (("kind", by_kind), ("style", by_style)):
        for key, c in sorted(table.items()):
            total = sum(c.values())
            print(
                f"    {name} {key:20} n={total:3}  verified {c['verified'] / total:.3f}  "
                f"not_found {c['not_found']}  mismatch {c['metadata_mismatch']}  "
                f"not_indexed {c['not_indexed']}"
            )
    shown = set(filter(None, args.show.split(",")))
    for ref, result, (work, style) in zip(refs, results, picked, strict=True):
        if result.status in shown:
            print(f"\n[{result.status}] ({style}, {work.kind}) {ref.raw}")
            print(f"   parsed: authors={ref.authors[:2]} year={ref.year} title={ref.title!r}")
            for reason in result.reasons:
                print(f"   - {reason}")

    removed = {
        w.number
        for i, w in enumerate(
            sorted({w.number: w for w, _ in picked}.values(), key=lambda w: w.number)
        )
        if i % 2 == 0
    }
    results2, refs2 = run(picked, StandIn(works, removed, noisy=args.noisy))
    gone_ids = {identity(w) for w in works if w.number in removed}
    removed = {w.number for w, _ in picked if identity(w) in gone_ids}
    for ref, result, (work, style) in zip(refs2, results2, picked, strict=True):
        if work.number in removed and result.status == "verified":
            print(f"\n[removed but verified] ({style}, {work.kind}) {ref.raw}")
            for reason in result.reasons:
                print(f"   - {reason}")
    gone = Counter(
        r.status for (w, _), r in zip(picked, results2, strict=True) if w.number in removed
    )
    kept = Counter(
        r.status for (w, _), r in zip(picked, results2, strict=True) if w.number not in removed
    )
    print(f"run 2, half the works removed ({len(removed)} works):")
    print(f"  references to removed works: {dict(gone.most_common())}")
    print(f"  references to kept works:    {dict(kept.most_common())}")
    gone_by_kind: dict[str, Counter] = defaultdict(Counter)
    for (work, _), result in zip(picked, results2, strict=True):
        if work.number in removed:
            gone_by_kind[work.kind][result.status] += 1
    for key, c in sorted(gone_by_kind.items()):
        print(f"    removed {key:20} {dict(c.most_common())}")
    verified = counts["verified"] / n
    print(
        f"verified {verified:.3f} (≥ 0.95), not_found {counts['not_found'] / n:.3f} (≤ 0.01), "
        f"metadata_mismatch {counts['metadata_mismatch'] / n:.3f} (≤ 0.03), "
        f"removed works verified {gone['verified']} (must be 0)"
    )


if __name__ == "__main__":
    main()
