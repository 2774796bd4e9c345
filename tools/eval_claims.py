"""Claim extraction against the labelled development data in dev/claims/.

    .venv/bin/python tools/eval_claims.py              # the held-out part
    .venv/bin/python tools/eval_claims.py --part tune  # the part the rules were tuned on
    .venv/bin/python tools/eval_claims.py --show       # and list what was missed or offered

Articles: must-claims recall, all-claims recall, and the share of non-claims offered as
claims (also the share of offered claims that are non-claims). Debate sentences:
precision, recall and F1 of "offered as a claim" against "check-worthy". The labels and
how they are counted are described in dev/claims/README.md.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from referee.model import Sentence
from referee.text import claims as claims_mod
from referee.text.analysis import analyse

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "dev" / "claims"
_MARK = re.compile(r"\{\{([MC])\|(.*?)\}\}", re.S)
_PIECE = re.compile(r"[^\n]+")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[\"“(]?[A-Z0-9])")
_LETTER = re.compile(r"[^\W\d_]")
_MARKUP_ONLY = re.compile(r"[\s#>*_\-|=+`~:]*")


@dataclass
class Gold:
    text: str
    claims: list[tuple[int, int, str]] = field(default_factory=list)
    others: list[tuple[int, int]] = field(default_factory=list)


def read_gold(marked: str) -> Gold:
    """The article without its marks, its claim spans and its non-claim pieces."""
    out: list[str] = []
    claims: list[tuple[int, int, str]] = []
    pos = 0
    length = 0
    for match in _MARK.finditer(marked):
        before = marked[pos : match.start()]
        out.append(before)
        length += len(before)
        body = match.group(2)
        claims.append((length, length + len(body), match.group(1)))
        out.append(body)
        length += len(body)
        pos = match.end()
    out.append(marked[pos:])
    text = "".join(out)
    gold = Gold(text, claims)
    covered = [False] * len(text)
    for s, e, _ in claims:
        covered[s:e] = [True] * (e - s)
    for line in _PIECE.finditer(text):
        for s, e in _pieces(text, line.start(), line.end()):
            free = [i for i in range(s, e) if not covered[i]]
            if not free:
                continue
            fs, fe = free[0], free[-1] + 1
            chunk = text[fs:fe]
            if _LETTER.search(chunk) and not _MARKUP_ONLY.fullmatch(chunk):
                if len(free) == fe - fs:
                    gold.others.append((fs, fe))
                else:  # text on both sides of a claim: each side is its own piece
                    for a, b in _runs(free):
                        if _LETTER.search(text[a:b]):
                            gold.others.append((a, b))
    return gold


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out = []
    at = start
    for cut in _SENTENCE_END.finditer(text, start, end):
        out.append((at, cut.start()))
        at = cut.end()
    out.append((at, end))
    return [(s, e) for s, e in out if text[s:e].strip()]


def _runs(indices: list[int]) -> list[tuple[int, int]]:
    runs = []
    first = prev = indices[0]
    for i in indices[1:]:
        if i != prev + 1:
            runs.append((first, prev + 1))
            first = i
        prev = i
    runs.append((first, prev + 1))
    return runs


def covered_by(span: tuple[int, int], claims: list[tuple[int, int]]) -> bool:
    """At least half of ``span``'s non-space characters lie inside returned claims."""
    s, e = span
    inside = sum(max(0, min(e, ce) - max(s, cs)) for cs, ce in claims)
    return inside * 2 >= (e - s)


@dataclass
class Tally:
    must: int = 0
    must_found: int = 0
    claims: int = 0
    claims_found: int = 0
    others: int = 0
    others_offered: int = 0
    offered: int = 0
    offered_wrong: int = 0


def evaluate_articles(part: str, show: bool) -> Tally:
    tally = Tally()
    for path in sorted((DEV / part).iterdir()):
        if path.suffix not in (".md", ".txt"):
            continue
        gold = read_gold(path.read_text(encoding="utf-8"))
        analysis = analyse(gold.text, path.suffix == ".md")
        spans = [(c.start, c.end) for c in analysis.claims]
        lines = []
        for s, e, label in gold.claims:
            found = covered_by((s, e), spans)
            tally.claims += 1
            tally.claims_found += found
            if label == "M":
                tally.must += 1
                tally.must_found += found
            if not found:
                lines.append(f"  missed {label}: {gold.text[s:e]!r}")
        for span in gold.others:
            offered = covered_by(span, spans)
            tally.others += 1
            tally.others_offered += offered
            if offered:
                lines.append(f"  offered N: {gold.text[span[0] : span[1]]!r}")
        gold_spans = [(s, e) for s, e, _ in gold.claims]
        for claim in analysis.claims:
            tally.offered += 1
            if not any(min(e, claim.end) > max(s, claim.start) for s, e in gold_spans):
                tally.offered_wrong += 1
        if show and lines:
            print(path.name)
            print("\n".join(lines))
    return tally


def is_claim(sentence: str) -> bool:
    """Whether the extractor offers ``sentence``, alone, as a claim."""
    return bool(claims_mod.extract(sentence, [Sentence(0, len(sentence), 0)]))


def evaluate_debate(part: str, show: bool) -> tuple[float, float, float, int]:
    tp = fp = fn = 0
    rows = (DEV / f"debate-{part}.tsv").read_text(encoding="utf-8").splitlines()
    for row in rows:
        label, _speaker, sentence = row.split("\t")
        predicted = is_claim(sentence)
        gold = label == "1"
        tp += predicted and gold
        fp += predicted and not gold
        fn += gold and not predicted
        if show and predicted != gold:
            print(f"  debate {'missed' if gold else 'offered'}: {sentence}")
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1, len(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--part", choices=("heldout", "tune"), default="heldout")
    parser.add_argument("--show", action="store_true", help="list misses and non-claims offered")
    args = parser.parse_args(argv)
    t = evaluate_articles(args.part, args.show)
    precision, recall, f1, rows = evaluate_debate(args.part, args.show)
    print(f"articles ({args.part}): {t.claims} claims ({t.must} must), {t.others} non-claims")
    print(f"  must-claims recall   {t.must_found / t.must:.3f}  ({t.must_found}/{t.must})")
    print(f"  all-claims recall    {t.claims_found / t.claims:.3f}  ({t.claims_found}/{t.claims})")
    print(
        f"  non-claims offered   {t.others_offered / t.others:.3f}  ({t.others_offered}/{t.others})"
    )
    print(
        f"  offered that are not claims {t.offered_wrong / max(t.offered, 1):.3f}"
        f"  ({t.offered_wrong}/{t.offered})"
    )
    print(f"debate ({args.part}): {rows} sentences")
    print(f"  check-worthy P {precision:.3f}  R {recall:.3f}  F1 {f1:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
