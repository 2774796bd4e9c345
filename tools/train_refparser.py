"""Train the reference parser's CRF on AnyStyle's labelled references.

    .venv/bin/python tools/train_refparser.py [--out src/referee/data/refparser.crfsuite]

Trains on data/anystyle/core.xml and the training part of good.xml (the held-out
part, every 10th entry, is never seen: tools/anystyle_data.py), plus every sixth
training reference with an APA date again as a full date (``augmented``), plus the
working half of the hand-written dev sets (``data/refdev/dev-labelled.xml``, written
by tools/refdev_labels.py; their held-out half is never seen), three times over so
that styles AnyStyle's data has few of (MLA, MHRA, Vancouver, Nature, ACS) weigh.
Deterministic: the same data and parameters give the same model.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

import pycrfsuite

sys.path.insert(0, str(Path(__file__).resolve().parent))
import anystyle_data

from referee.text.reference_tagger import LABELS, features, tokenize

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "src" / "referee" / "data" / "refparser.crfsuite"
DEV_LABELLED = ROOT / "data" / "refdev" / "dev-labelled.xml"
DEV_COPIES = 3

PARAMS = {
    "c1": 0.05,  # L1: prunes features, keeps the model small (a few MB)
    "c2": 0.01,  # L2
    "max_iterations": 200,
    "feature.possible_transitions": True,
    "feature.minfreq": 1,
}


_MONTHS = ("January", "March", "May", "June", "August", "October", "December", "Apr.", "Sept.")


def augmented(sequence: anystyle_data.Sequence, i: int) -> anystyle_data.Sequence:
    """Every sixth APA-dated reference again with a full date, ``(2023, May 11).``, which
    web pages, news and magazines carry and AnyStyle's data has few of."""
    out = []
    for label, text in sequence:
        match = re.fullmatch(r"\((\d{4}[a-z]?)\)([.,]?)", text)
        if label == "date" and match:
            month = _MONTHS[i % len(_MONTHS)]
            text = f"({match.group(1)}, {month} {i % 28 + 1}){match.group(2)}"
        out.append((label, text))
    return out


def labelled(sequence: anystyle_data.Sequence) -> tuple[list[str], list[str]]:
    """Tokens and their labels (our label set) of one AnyStyle sequence."""
    tokens, labels = [], []
    for tag, text in sequence:
        for start, end in tokenize(text):
            tokens.append(text[start:end])
            labels.append(LABELS.get(tag, "note"))
    return tokens, labels


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=MODEL)
    args = parser.parse_args()
    train, _ = anystyle_data.split()
    trainer = pycrfsuite.Trainer(verbose=False)
    extra = [augmented(s, i) for i, s in enumerate(train) if i % 6 == 0]
    dev = anystyle_data.load(DEV_LABELLED) * DEV_COPIES
    for sequence in train + [s for s in extra if s not in train] + dev:
        tokens, labels = labelled(sequence)
        if tokens:
            trainer.append(features(tokens), labels)
    trainer.set_params(PARAMS)
    started = time.perf_counter()
    trainer.train(str(args.out))
    size = args.out.stat().st_size
    print(
        f"trained on {len(train)} AnyStyle references and {len(dev) // DEV_COPIES} of "
        f"data/refdev (x{DEV_COPIES}) in {time.perf_counter() - started:.0f} s: "
        f"{args.out} ({size / 1e6:.1f} MB)"
    )


if __name__ == "__main__":
    main()
