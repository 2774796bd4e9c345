"""Per-field accuracy of the reference parser on sets it was never trained or tuned on.

    .venv/bin/python tools/eval_refparser.py [--set anystyle|dev|dev-held-out|all]
                                             [--markdown] [--misses N]

``anystyle``: the held-out split of AnyStyle's good.xml (every 10th entry, never trained
on). ``dev-held-out``: the held-out half of the hand-written dev set in data/refdev
(``dev``: the half that may be looked at while working). Every set is laid out four
ways ([n], n., one per line, blank-line separated) in generated articles, which are
analysed as real ones are (plain text; ``--markdown`` as Markdown). Prints the share of
entries found and of first authors, years, titles, containers and DOIs right, overall,
by layout and by style, against the targets of the issue.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import refeval


def _row(name: str, score: refeval.Score, width: int) -> str:
    cells = []
    for f in refeval.FIELDS:
        rate = score.rate(f)
        cells.append(f"{rate:9.3f}" if rate is not None else f"{'-':>9}")
    n = score.total["entry"]
    return f"{name[:width]:<{width}} {n:>6} " + " ".join(cells)


def report(title: str, gold: list[refeval.Gold], markdown: bool, misses: int) -> None:
    overall, by_layout, by_style, missed = refeval.evaluate(gold, markdown=markdown)
    width = 42
    header = f"{'':<{width}} {'n':>6} " + " ".join(f"{f[:9]:>9}" for f in refeval.FIELDS)
    print(f"\n## {title}: {len(gold)} references x {len(refeval.LAYOUTS)} layouts")
    print(header)
    print(_row("all", overall, width))
    print(
        f"{'target':<{width}} {'':>6} "
        + " ".join(
            f"{refeval.TARGETS[f]:9.2f}" if f in refeval.TARGETS else f"{'-':>9}"
            for f in refeval.FIELDS
        )
    )
    print("by layout")
    for layout in refeval.LAYOUTS:
        print(_row("  " + layout, by_layout[layout], width))
    print("by style")
    for style in sorted(by_style):
        print(_row("  " + style, by_style[style], width))
    for name, layout, gold_entry, ref in missed[:misses]:
        got = (
            None
            if ref is None
            else getattr(ref, name, None)
            if name != "first_author"
            else ref.authors[:1]
        )
        want = (
            gold_entry.first_author if name == "first_author" else getattr(gold_entry, name, None)
        )
        print(f"  miss {name} [{layout}] want={want!r} got={got!r}\n       {gold_entry.raw[:160]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", default="all", choices=["anystyle", "dev", "dev-held-out", "all"])
    parser.add_argument("--markdown", action="store_true")
    parser.add_argument("--misses", type=int, default=0, help="print this many misses")
    args = parser.parse_args()
    if args.set in ("anystyle", "all"):
        report(
            "AnyStyle held-out (good.xml, i % 10 == 0)",
            refeval.held_out(),
            args.markdown,
            args.misses,
        )
    part = {"dev-held-out": "held_out", "all": "held_out", "dev": "dev"}.get(args.set)
    if part is not None:
        name = "held-out half" if part == "held_out" else "working half"
        for files in [(f,) for f in refeval.DEV_FILES] + [refeval.DEV_FILES]:
            report(
                f"hand-written {' + '.join(files)}, {name}",
                refeval.dev(part, files),
                args.markdown,
                args.misses,
            )


if __name__ == "__main__":
    main()
