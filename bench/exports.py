"""Export speed: every format on a review of 1,000 claims on a ~1 MB article, and
importing the W3C export back into a fresh copy.

    .venv/bin/python bench/exports.py

Target (issue 17): each export ≤ 1 s. Baseline beside it: ``referee report
--format json`` of the same review (report_json + json.dumps), which walks the
same claims. Prints medians of 5 runs in one process, the session already open
(opening it is bench/store.py's business).
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from corpus import generate_article
from store import build_review

from referee.publish import report, w3c
from referee.publish.formats import render
from referee.publish.importer import import_annotations
from referee.publish.publication import Publication
from referee.publish.publisher import publisher_from
from referee.review import atomic, file_format
from referee.review.session import Session
from referee.text.analysis import analyse
from referee.text.article import git_blob_sha

CLAIMS = 1000
TARGET_MS = 1000


def median_ms(fn, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    text = generate_article(1_000_000)
    analysis = analyse(text, markdown=True)
    step = max(1, len(analysis.claims) // CLAIMS)
    claims = analysis.claims[::step][:CLAIMS]
    review = build_review(text, claims)
    folder = Path(tempfile.mkdtemp(prefix="referee-bench-exports-"))
    article = folder / "big.md"
    article.write_text(text)
    review.base = git_blob_sha(article.read_bytes())
    atomic.atomic_write(folder / "big.md.review.toml", file_format.dumps(review).encode())
    session = Session.open(article, reviewer="Bench")
    print(f"article: {len(text):,} chars, {len(analysis.claims):,} claims; stored: {len(claims)}")
    pub = Publication(
        session, publisher_from({}), url="https://example.org/big", review_url="https://f.example/r"
    )

    baseline = median_ms(lambda: json.dumps(report.report_json(session), ensure_ascii=False))
    print(f"baseline  report --format json:  {baseline:7.1f} ms")
    for fmt in ("claimreview", "w3c", "hypothesis", "html", "csv"):
        size = len(render(fmt, pub).encode())
        ms = median_ms(lambda fmt=fmt: render(fmt, pub))
        print(
            f"export    {fmt:22s} {ms:7.1f} ms  ({ms / baseline:4.1f}× baseline, "
            f"{size / 1e6:.2f} MB)  target ≤ {TARGET_MS}"
        )
    markdown = median_ms(lambda: report.report_markdown(session))
    print(
        f"report    markdown:              {markdown:7.1f} ms  ({markdown / baseline:4.1f}× baseline)"
    )

    exported = w3c.export(pub)
    copy = folder / "copy" / "big.md"
    copy.parent.mkdir()
    copy.write_text(text)
    fresh = Session.open(copy, reviewer="Bench")
    start = time.perf_counter()
    result = import_annotations(fresh, exported, publisher_from({}))
    ms = (time.perf_counter() - start) * 1000
    print(
        f"import    w3c into a fresh copy: {ms:7.1f} ms  ({len(result.changed)} claims stored, one save)"
    )


if __name__ == "__main__":
    main()
