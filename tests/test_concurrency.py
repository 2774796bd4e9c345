"""Many writers on one review file: every change whose writer finished is in the file.

Twenty ``referee mark`` processes at once, each on its own claim; then a soak of four
processes making 200 changes each while some are killed with SIGKILL at random: the
file always parses, and every change a writer saw saved is there (or a later one).
"""

from __future__ import annotations

import multiprocessing
import os
import random
import shutil
import signal
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from referee.review import lock, store
from referee.review.session import Session

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "sample_articles" / "acupuncture-goodpasture.txt"
VERDICTS = ("supported", "unsupported", "overstated")

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and flock")


@pytest.fixture
def article(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The seed article in a folder of its own; in memory (tmpfs) where there is one:
    what is tested is what a killed process leaves, which fsync does not change, and
    fsync on a busy disk would make the soak take minutes."""
    monkeypatch.setenv("REFEREE_REVIEWER", "Writer")
    shm = Path("/dev/shm")
    folder = Path(tempfile.mkdtemp(dir=shm)) if shm.is_dir() else tmp_path
    target = folder / SEED.name
    shutil.copyfile(SEED, target)
    yield target
    if folder != tmp_path:
        shutil.rmtree(folder, ignore_errors=True)


def _mark(argv: list[str], barrier) -> None:
    from referee.cli import main

    barrier.wait(60)  # all twenty start together
    os._exit(main(argv))


def test_twenty_concurrent_mark_processes_all_land(article: Path) -> None:
    """``referee mark`` in twenty processes at once (forked, so that twenty interpreter
    start-ups do not spread them out), each giving its own claim a verdict and a note."""
    claims = [s.id for s in Session.open(article).claims()][:20]
    assert len(claims) == 20
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(20)
    procs = [
        context.Process(
            target=_mark,
            args=(
                ["mark", str(article), claim, VERDICTS[n % 3], "--note", f"writer {n}"],
                barrier,
            ),
        )
        for n, claim in enumerate(claims)
    ]
    for proc in procs:
        proc.start()
    for proc in procs:
        proc.join(120)
    assert [proc.exitcode for proc in procs] == [0] * 20
    stored = store.read(store.review_path(article)).claims
    assert {cid: (a.verdict, a.note) for cid, a in stored.items()} == {
        claim: (VERDICTS[n % 3], f"writer {n}") for n, claim in enumerate(claims)
    }
    assert all(a.conflicts == () for a in stored.values())


def _worker(path: str, claims: list[str], start: int, count: int, log: str, seed: int) -> None:
    """Make ``count`` changes on its own claims, logging each before and after its save."""
    rng = random.Random(seed)
    session = Session.open(path, reviewer=f"worker {seed}")
    with open(log, "a", encoding="utf-8") as out:
        for n in range(start, start + count):
            claim = rng.choice(claims)
            token = f"{claim} {n} {seed}"
            out.write(f"try {token}\n")
            out.flush()
            session.update(claim, verdict=rng.choice(VERDICTS), note=token)
            out.write(f"done {token}\n")
            out.flush()
    os._exit(0)


def test_soak_four_writers_with_random_kills(article: Path) -> None:
    claims = [s.id for s in Session.open(article).claims()][:20]
    groups = [claims[i::4] for i in range(4)]  # each writer owns its claims
    review = store.review_path(article)
    logs = [article.parent / f"writer{i}.log" for i in range(4)]
    context = multiprocessing.get_context("fork")
    rng = random.Random(11)
    done = [0] * 4
    target = 200
    running: dict[int, multiprocessing.Process] = {}
    kills = 0
    generation = 0
    deadline = time.monotonic() + 120

    def start(i: int) -> None:
        nonlocal generation
        generation += 1
        proc = context.Process(
            target=_worker,
            args=(str(article), groups[i], done[i], target - done[i], str(logs[i]), generation),
        )
        proc.start()
        running[i] = proc

    def progress(i: int) -> int:
        if not logs[i].exists():
            return 0
        return sum(1 for line in logs[i].read_text().splitlines() if line.startswith("done"))

    for i in range(4):
        start(i)
    while running and time.monotonic() < deadline:
        time.sleep(rng.uniform(0.01, 0.08))
        if review.exists():
            store.read(review)  # always parses, whatever is happening
        # At least six kills whatever the machine's load (a starved parent once woke
        # too seldom to kill six times before the writers were done), at most twelve.
        if kills < 6 or (kills < 12 and rng.random() < 0.5):
            i = rng.choice(sorted(running))
            os.kill(running[i].pid, signal.SIGKILL)
            running[i].join()
            kills += 1
            del running[i]
            done[i] = progress(i)
            if done[i] < target:
                start(i)
        for i, proc in list(running.items()):
            if not proc.is_alive():
                proc.join()
                assert proc.exitcode == 0
                del running[i]
    assert not running, "the soak did not finish in time"
    assert kills >= 6

    stored = store.read(review).claims
    for i in range(4):
        lines = logs[i].read_text().splitlines()
        assert sum(1 for line in lines if line.startswith("done")) >= target
        for claim in groups[i]:
            mine = [line.split(" ", 1) for line in lines if line.split()[1] == claim]
            finished = [n for n, (what, _) in enumerate(mine) if what == "done"]
            if not finished:
                continue
            last = finished[-1]
            # the last saved change, or one begun after it by a writer then killed
            allowed = {token for what, token in mine[last:]}
            assert stored[claim].note in allowed, (claim, stored[claim].note, mine[last:])
            assert stored[claim].conflicts == ()
    leftovers = [p.name for p in review.parent.iterdir() if p.suffix == ".tmp"]
    assert len(leftovers) <= kills  # a kill mid-write can leave its temporary file


def test_a_writer_that_cannot_get_the_lock_is_busy_and_writes_nothing(
    article: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    from referee.cli import main

    claim = Session.open(article).claims()[0].id
    review = store.review_path(article)
    monkeypatch.setenv("REFEREE_LOCK_TIMEOUT", "0.2")
    ready = multiprocessing.get_context("fork").Event()
    release = multiprocessing.get_context("fork").Event()

    def hold() -> None:
        with lock.locked(review):
            ready.set()
            release.wait(30)
        os._exit(0)

    holder = multiprocessing.get_context("fork").Process(target=hold)
    holder.start()
    try:
        assert ready.wait(30)
        assert main(["mark", str(article), claim, "supported"]) == 2
        err = capsys.readouterr().err
        assert "busy" in err and err.count("\n") == 1
        assert not review.exists()
    finally:
        release.set()
        holder.join()
    assert main(["mark", str(article), claim, "supported"]) == 0
