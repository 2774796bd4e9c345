"""A newsroom's repository: ``referee status`` over 2,000 articles, ``check`` over 10,000.

    .venv/bin/python bench/status.py [--articles N] [--reviews N]

Builds, in a temporary folder, 2,000 generated articles of about 10 KB (20 MB) in 20
sections, half of them with a review (a verdict on every third sentence that reads as a
claim, some notes, one dismissal), and 10,000 short articles each with a review. Then
times the real command lines, each in a fresh interpreter as a reviewer runs them:

- ``referee status --json``, cold (an empty cache folder) and warm (best of 3);
- ``referee check`` and ``referee check --strict`` over the 10,000 review files;

and beside them the way they ran before the analysis cache (every article analysed
again, one after the other, ``check --strict`` extracting claims), timed on a slice
and scaled up. Targets (issue 18): status warm ≤ 1 s; cold ≤ 2 × (the corpus at this
machine's extraction speed ÷ cores); check over 10,000 review files ≤ 10 s.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from corpus import generate_article

from referee.publish import report
from referee.review import file_format, store
from referee.review.record import VERDICTS, Annotation, Review
from referee.review.selector import selector_for
from referee.text.analysis import analyse
from referee.text.analysis_cache import cores
from referee.text.article import git_blob_sha
from referee.text.claims import claim_id

SLICE = 100
"""Articles the old way is timed on (it takes about 0.1 s an article)."""


def sentences_of(text: str) -> list[tuple[int, int]]:
    """Spans of the generated sentences that end in a full stop, found cheaply."""
    spans, start = [], 0
    for paragraph in text.split("\n\n"):
        if paragraph.startswith(("#", "-")) or paragraph[:1].isdigit():
            start += len(paragraph) + 2
            continue
        offset = start
        for piece in paragraph.replace("\n", " ").split(". "):
            end = offset + len(piece) + 1
            if len(piece) > 40 and end <= len(text):
                spans.append((offset, min(end, offset + len(piece) + 1)))
            offset += len(piece) + 2
        start += len(paragraph) + 2
    return [(s, e) for s, e in spans if text[s:e].strip() == text[s:e] and "\n" not in text[s:e]]


def review_of(name: str, text: str, seed: int, every: int = 3) -> Review:
    review = Review(article=name, base=git_blob_sha(text.encode()))
    for n, (start, end) in enumerate(sentences_of(text)[::every]):
        quote = text[start:end]
        sel = selector_for(text, start, end)
        cid = claim_id(quote)
        if cid in review.claims:
            continue
        review.claims[cid] = Annotation.from_selector(
            cid,
            sel,
            verdict=VERDICTS[(n + seed) % 3],
            note="Check the trial size." if n % 4 == 0 else "",
            reviewer="Ada Lovelace <ada@example.org>",
            reviewed=date(2026, 11, 24),
            dismissed=n == 5,
        )
    return review


def write_corpus(root: Path, count: int, size: int, reviewed_every: int, refs: int) -> int:
    total = 0
    for i in range(count):
        folder = root / f"section-{i % 20:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        text = generate_article(size, seed=i, n_refs=refs)
        path = folder / f"article-{i:05d}.md"
        data = text.encode()
        path.write_bytes(data)
        total += len(data)
        if i % reviewed_every == 0:
            review = review_of(path.name, text, i)
            store.review_path(path).write_text(file_format.dumps(review), encoding="utf-8")
    return total


def run(args: list[str], cache: Path) -> tuple[float, float, subprocess.CompletedProcess[bytes]]:
    """Wall-clock and CPU seconds (user + system, all processes) of one command line."""
    env = dict(os.environ, REFEREE_CACHE_DIR=str(cache))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "referee", *args], env=env, capture_output=True, check=False
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done


def line(what: str, wall: float, cpu: float, target: float, before: float | None) -> None:
    old = f"{before:8.2f}s" if before is not None else f"{'':9}"
    print(f"{what:34} {wall:8.2f}s {cpu:8.2f}s {target:8.2f}s {old}")


def extraction_speed(root: Path) -> float:
    """MB/s of the whole analysis on one core, over a slice of the articles."""
    files = sorted(root.rglob("*.md"))[:SLICE]
    texts = [f.read_text() for f in files]
    start = time.process_time()
    for text in texts:
        analyse(text, True)
    seconds = time.process_time() - start
    return sum(len(t.encode()) for t in texts) / 1e6 / seconds


def old_status_seconds(root: Path, count: int) -> float:
    """Before the cache: every article analysed again, one after the other."""
    articles = report.find_articles([root])[:SLICE]
    start = time.process_time()
    for article in articles:
        report.status_row(article)
    return (time.process_time() - start) * count / len(articles)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--reviews", type=int, default=10_000)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        newsroom, checks, cache = tmp_path / "newsroom", tmp_path / "checks", tmp_path / "cache"
        started = time.perf_counter()
        size = write_corpus(newsroom, options.articles, 9_000, 2, 8)
        write_corpus(checks, options.reviews, 1_500, 1, 2)
        print(
            f"corpus: {options.articles} articles, {size / 1e6:.1f} MB, half reviewed; "
            f"{options.reviews} short reviewed articles; built in "
            f"{time.perf_counter() - started:.0f} s"
        )
        speed = extraction_speed(newsroom)
        n = cores()
        bound = 2 * (size / 1e6) / speed / n
        print(f"extraction: {speed:.2f} MB/s on one core; {n} core(s)")

        cold, cold_cpu, done = run(["status", "--json", str(newsroom)], cache)
        assert done.returncode == 0, done.stderr.decode()
        warm, warm_cpu, _ = min(run(["status", "--json", str(newsroom)], cache) for _ in range(3))
        old = old_status_seconds(newsroom, options.articles)
        print()
        print(f"{'':34} {'wall':>9} {'cpu':>9} {'target':>9} {'before':>9}")
        line("status, cold cache", cold, cold_cpu, bound, old)
        line("status, warm cache", warm, warm_cpu, 1.0, old)

        check, check_cpu, done = run(["check", str(checks)], cache)
        assert done.returncode == 0, done.stdout.decode()[-500:]
        strict, strict_cpu, done = run(["check", "--strict", str(checks)], cache)
        assert done.returncode == 0, done.stdout.decode()[-500:]
        old_strict = old_strict_seconds(checks, options.reviews)
        line(f"check, {options.reviews} review files", check, check_cpu, 10.0, None)
        line("check --strict, same", strict, strict_cpu, 10.0, old_strict)
        print("(cpu: user + system time of every process; on a shared machine the wall-clock")
        print(" time also holds the waits for a core. before: CPU time of the way it ran before,")
        print(" on a slice scaled up: status analysing every article in turn, one core;")
        print(" check --strict extracting the claims of every article)")


def old_strict_seconds(root: Path, count: int) -> float:
    """``check --strict`` as it was: every article opened in a session, so analysed."""
    from referee.review.session import Session

    reviews = report.find_reviews([root])[:SLICE]
    start = time.process_time()
    for review in reviews:
        report.check_review(review)
        Session.open(store.article_path_for(review)).stored()
    return (time.process_time() - start) * count / len(reviews)


if __name__ == "__main__":
    main()
