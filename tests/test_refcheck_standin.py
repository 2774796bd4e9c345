"""Against a stand-in index made of labelled references (a sample of AnyStyle's core.xml,
the reference parser's training data): every real reference, written in several citation
styles, comes out verified; references to works removed from the index (fabricated ones)
never do, and neither does a chimera (one work's title under another work's authors)."""

from __future__ import annotations

from dataclasses import fields as dataclass_fields
from dataclasses import replace
from pathlib import Path

import pytest
from refserver import FixtureRouter, fixture_settings, mock_transport
from standin import STYLES, StandIn, Work, identity, load, render

from referee.model import CheckResult, Reference
from referee.refcheck import check_references, client
from referee.refcheck.throttle import Throttle
from referee.text.reference_fields import parse_entry

SAMPLE = Path(__file__).parent / "fixtures" / "anystyle" / "core_sample.xml"
FIELDS = {f.name for f in dataclass_fields(Reference)}


@pytest.fixture(autouse=True)
def local_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    """The stand-in is in-process: the real services' published limits would only wait."""

    def fast(settings, clock):  # type: ignore[no-untyped-def]
        throttles = client._published_throttles(settings, clock)
        return {name: Throttle(concurrency=8, rate=1000, clock=clock) for name in throttles}

    monkeypatch.setattr(client, "_throttles", fast)


@pytest.fixture(scope="module")
def works() -> list[Work]:
    found = load(SAMPLE)
    assert len(found) >= 120
    return found


def references(works: list[Work]) -> list[tuple[Work, Reference]]:
    picked = []
    for i, work in enumerate(works):
        raw = render(work, STYLES[i % len(STYLES)])
        parsed = {k: v for k, v in parse_entry(raw).items() if k in FIELDS}
        picked.append((work, Reference(f"r{i}", 0, len(raw), raw, **parsed)))
    return picked


async def run(refs: list[Reference], standin: StandIn) -> list[CheckResult]:
    router = FixtureRouter(hook=standin.respond)
    return await check_references(refs, fixture_settings(), transport=mock_transport(router))


def failures(pairs: list[tuple[Work, Reference]], results: list[CheckResult]) -> str:
    return "\n".join(
        f"{r.status}: {ref.raw}\n    " + "\n    ".join(r.reasons)
        for (_, ref), r in zip(pairs, results, strict=True)
    )


@pytest.mark.parametrize("noisy", [False, True], ids=["exact-records", "noisy-records"])
async def test_every_real_reference_is_verified(works: list[Work], noisy: bool) -> None:
    pairs = references(works)
    results = await run([ref for _, ref in pairs], StandIn(works, noisy=noisy))
    wrong = [(p, r) for p, r in zip(pairs, results, strict=True) if r.status != "verified"]
    assert not wrong, failures([p for p, _ in wrong], [r for _, r in wrong])
    assert {style for style in STYLES} == {STYLES[i % len(STYLES)] for i in range(len(pairs))}


async def test_references_to_removed_works_are_never_verified(works: list[Work]) -> None:
    removed = {w.number for i, w in enumerate(works) if i % 2 == 0}
    gone = {identity(w) for w in works if w.number in removed}
    pairs = references(works)
    results = await run([ref for _, ref in pairs], StandIn(works, removed, noisy=True))
    fabricated = [(p, r) for p, r in zip(pairs, results, strict=True) if identity(p[0]) in gone]
    kept = [(p, r) for p, r in zip(pairs, results, strict=True) if identity(p[0]) not in gone]
    assert len(fabricated) >= 60 and len(kept) >= 60
    verified = [(p, r) for p, r in fabricated if r.status == "verified"]
    assert not verified, failures([p for p, _ in verified], [r for _, r in verified])
    assert {r.status for _, r in fabricated} <= {"not_found", "not_indexed"}
    # a book that no index holds is not accused: not_indexed, never not_found
    books = [r for (work, ref), r in fabricated if work.kind == "book" and ref.raw == work.raw]
    assert books and sum(r.status == "not_indexed" for r in books) >= 0.8 * len(books)
    assert all(r.status == "verified" for _, r in kept), failures(
        [p for p, r in kept if r.status != "verified"],
        [r for _, r in kept if r.status != "verified"],
    )


async def test_a_title_under_another_works_authors_is_never_verified(works: list[Work]) -> None:
    chimeras = []
    for i, work in enumerate(works[:60]):
        other = works[(i + 7) % len(works)]
        if identity(other)[1] == identity(work)[1]:
            continue
        chimeras.append(replace(work, people=other.people, year=other.year, raw=""))
    pairs = []
    for i, work in enumerate(chimeras):
        raw = render(work, STYLES[1 + i % (len(STYLES) - 1)])
        parsed = {k: v for k, v in parse_entry(raw).items() if k in FIELDS}
        pairs.append((work, Reference(f"c{i}", 0, len(raw), raw, **parsed)))
    results = await run([ref for _, ref in pairs], StandIn(works))
    verified = [(p, r) for p, r in zip(pairs, results, strict=True) if r.status == "verified"]
    assert not verified, failures([p for p, _ in verified], [r for _, r in verified])
