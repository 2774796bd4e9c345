"""Benchmark: how much of an article ``referee fetch`` keeps, and how little else.

Every page of ``bench/webcorpus.py`` (hand-written articles in seven site templates) is
served from a local server on 127.0.0.1 and fetched with the real pipeline (httpx,
charset, trafilatura, Markdown); the body written is compared with the hand-made ground
truth by word 4-gram shingles (multisets): precision, recall, F1 per page, and the mean
per split. Target: mean F1 ≥ 0.94 on the held-out split. Baseline beside it: the whole
visible text of the page (what saving the page as text would give).

    .venv/bin/python bench/fetch_quality.py [--split dev|heldout|all] [--verbose]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path
from statistics import mean

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

from webcorpus import pages, shingle_f1, shingles  # noqa: E402
from webserver import WebServer  # noqa: E402

from referee.web.document import fetch_article  # noqa: E402
from referee.web.download import FetchSettings  # noqa: E402

TARGET = 0.94


def visible_text(page: bytes) -> str:
    """Everything a browser would show: the baseline."""
    import lxml.html

    tree = lxml.html.fromstring(page)
    for bad in tree.xpath("//script|//style"):
        bad.drop_tree()
    return tree.text_content()


def run(split: str, server: WebServer, verbose: bool) -> tuple[float, float]:
    from webcorpus import render

    rows = []
    for name, article, template in pages(split):
        body, content_type = render(article, template)
        url = server.add(name, body, content_type)
        fetched = fetch_article(url, FetchSettings())
        p, r, f1 = shingle_f1(fetched.body, article.truth)
        base = shingle_f1(visible_text(body), article.truth)[2]
        rows.append((name, p, r, f1, base))
        if verbose and f1 < TARGET:
            got, want = shingles(fetched.body), shingles(article.truth)
            print(f"  {name}: missing {sorted(' '.join(s) for s in (want - got))[:6]}")
            print(f"  {name}: extra   {sorted(' '.join(s) for s in (got - want))[:6]}")
    print(f"\n{split}: {len(rows)} pages")
    print(f"  {'page':44} {'prec':>6} {'recall':>6} {'F1':>6} {'baseline F1':>12}")
    for name, p, r, f1, base in rows:
        print(f"  {name:44} {p:6.3f} {r:6.3f} {f1:6.3f} {base:12.3f}")
    f1s = [row[3] for row in rows]
    bases = [row[4] for row in rows]
    print(
        f"  mean F1 {mean(f1s):.3f} (min {min(f1s):.3f}); "
        f"baseline (all visible text) {mean(bases):.3f}"
    )
    return mean(f1s), min(f1s)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=("dev", "heldout", "all"), default="all")
    parser.add_argument("--verbose", action="store_true", help="shingles lost and added")
    args = parser.parse_args()
    os.environ["REFEREE_CACHE_DIR"] = tempfile.mkdtemp(prefix="referee-bench-")
    splits = ("dev", "heldout") if args.split == "all" else (args.split,)
    results = {}
    with WebServer() as server:
        for split in splits:
            results[split] = run(split, server, args.verbose)
    if "heldout" in results:
        score = results["heldout"][0]
        verdict = "meets" if score >= TARGET else "MISSES"
        print(f"\nheld-out mean body shingle F1 {score:.3f}: {verdict} the target {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
