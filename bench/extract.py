"""Extraction speed: every sample article and a generated ~1 MB article.

    .venv/bin/python bench/extract.py

Prints MB/s for the whole pipeline (structure + sentences + claims +
references + citations), and the time of each stage on the 1 MB article.
Target (PRODUCT §6): ≥ 1 MB/s on one core.

Baseline, in the same run: markdown-it-py's block parse of the 1 MB article (the parser
the structure stage starts from), so that a figure taken on a busy machine can be read
against one taken on a quiet one: the ratio pipeline ÷ baseline moves far less with
the load than either time. Each time is the best of several runs, in wall-clock time and
in CPU time of the process (the CPU time is what one free core would take).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from corpus import generate_article

from referee.startup import without_cycle_collection
from referee.text import citations, claims, references, sentences, structure
from referee.text.analysis import analyse
from referee.text.article import load

ROOT = Path(__file__).parent.parent


def best_of(fn, repeat: int) -> float:
    return timed(fn, repeat)[0]


def timed(fn, repeat: int) -> tuple[float, float]:
    """The best wall-clock and the best CPU time of ``repeat`` runs, in seconds."""
    walls, cpus = [], []
    for _ in range(repeat):
        start, cpu = time.perf_counter(), time.process_time()
        fn()
        cpus.append(time.process_time() - cpu)
        walls.append(time.perf_counter() - start)
    return min(walls), min(cpus)


def megabytes(text: str) -> float:
    return len(text.encode("utf-8")) / 1_000_000


def main() -> None:
    print(f"{'article':44} {'KB':>8} {'claims':>7} {'refs':>5} {'ms':>8} {'MB/s':>7}")
    rows = [
        (path.name, load(path))
        for path in sorted((ROOT / "sample_articles").iterdir())
        if path.suffix in (".md", ".txt", ".markdown")
    ]
    for name, article in rows:
        analysis = analyse(article.text, article.markdown)
        seconds = best_of(lambda a=article: analyse(a.text, a.markdown), 20)
        size = megabytes(article.text)
        print(
            f"{name:44} {size * 1000:8.1f} {len(analysis.claims):7} {len(analysis.references):5} "
            f"{seconds * 1000:8.2f} {size / seconds:7.2f}"
        )
    text = generate_article(1_000_000)
    size = megabytes(text)
    analysis = analyse(text, True)
    seconds, cpu = timed(lambda: analyse(text, True), 7)
    print(
        f"{'generated (Markdown)':44} {size * 1000:8.1f} {len(analysis.claims):7} "
        f"{len(analysis.references):5} {seconds * 1000:8.2f} {size / seconds:7.2f}"
    )
    print(
        f"\n1 MB article: {len(analysis.sentences)} sentences, {len(analysis.citations)} citations"
    )
    print("stages (best of 3, run as analyse runs them: cycle collection off):")
    with without_cycle_collection():
        stage = _stages(text)
    for name, seconds_ in stage.items():
        print(f"  {name:12} {seconds_ * 1000:8.1f} ms")
    parser = structure._markdown_parser()  # the one the structure stage runs
    base_wall, base_cpu = timed(lambda: parser.parse(text), 7)
    print(
        f"\nbaseline (markdown-it-py block parse of the 1 MB article): "
        f"{base_wall * 1000:.1f} ms wall, {base_cpu * 1000:.1f} ms CPU"
    )
    print(
        f"pipeline: {seconds * 1000:.1f} ms wall, {cpu * 1000:.1f} ms CPU; "
        f"{seconds / base_wall:.2f}× the baseline (wall), {cpu / base_cpu:.2f}× (CPU)"
    )
    verdict = "meets" if size / seconds >= 1.0 else "MISSES"
    print(
        f"\nwhole pipeline: {size / seconds:.2f} MB/s wall-clock ({verdict} the ≥ 1 MB/s "
        f"target), {size / cpu:.2f} MB/s of CPU time"
    )


def _stages(text: str) -> dict[str, float]:
    blocks = structure.parse(text, True)
    stage = {"structure": best_of(lambda: structure.parse(text, True), 3)}
    stage["references"] = best_of(lambda: references.extract(text, blocks), 3)
    blocks2, refs = references.extract(text, blocks)
    stage["sentences"] = best_of(lambda: sentences.split(text, blocks2), 3)
    sents = sentences.split(text, blocks2)
    stage["citations"] = best_of(lambda: citations.find(text, blocks2, refs), 3)
    cites = citations.find(text, blocks2, refs)
    stage["claims"] = best_of(lambda: claims.extract(text, sents, cites), 3)
    return stage


if __name__ == "__main__":
    main()
