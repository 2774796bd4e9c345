"""Record the whole output of extraction, and check that it has not changed.

    .venv/bin/python tools/extract_golden.py record /tmp/golden.txt
    .venv/bin/python tools/extract_golden.py check /tmp/golden.txt

For speed work: record before changing anything, check after each change. The record
is every block, sentence, claim (span, kind, score, strength, cues, flags, citations),
reference (fields, span) and citation of ``analyse`` on the sample articles, the claim
development articles (tune and held out), the debate sentences as one text, the
reference development set as a reference list, generated articles (Markdown and plain
text, small enough for the sentence-by-sentence scan and large enough for the
one-pass lexicon) and a mix of all the real articles; plus ``describe_span`` on
sentences of the sample articles. ``check`` names the first input and line that differ.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from corpus import generate_article  # noqa: E402

from referee.text.analysis import analyse  # noqa: E402
from referee.text.article import load  # noqa: E402
from referee.text.claims import describe_span  # noqa: E402

SUFFIXES = (".md", ".markdown", ".txt")


def inputs() -> Iterator[tuple[str, str, bool]]:
    """(name, text, markdown) of every input."""
    real = []
    folders = [ROOT / "sample_articles", ROOT / "dev/claims/tune", ROOT / "dev/claims/heldout"]
    for folder in folders:
        for path in sorted(folder.iterdir()):
            if path.suffix in SUFFIXES:
                article = load(path)
                real.append(article)
                yield str(path.relative_to(ROOT)), article.text, article.markdown
    for name in ("debate-tune.tsv", "debate-heldout.tsv"):
        lines = (ROOT / "dev/claims" / name).read_text(encoding="utf-8").splitlines()
        text = "\n\n".join(line.split("\t")[-1] for line in lines if line.strip())
        yield f"dev/claims/{name} (as text)", text + "\n", False
    rows = (ROOT / "data/refdev/references.jsonl").read_text(encoding="utf-8").splitlines()
    raws = [json.loads(row)["raw"] for row in rows if row.strip()]
    numbered = "".join(f"{i}. {raw}\n" for i, raw in enumerate(raws, 1))
    yield (
        "refdev (numbered list)",
        f"# Notes\n\nSee [1] and [2, 3].\n\n## References\n\n{numbered}",
        True,
    )
    plain = "\n\n".join(raws)
    yield "refdev (plain list)", f"Notes (Holick, 2007).\n\nReferences\n\n{plain}\n", False
    mixed = "\n\n".join(article.text for article in real * 6)
    yield "mix of real articles (Markdown)", mixed, True
    yield "mix of real articles (plain)", mixed, False
    for size, seed in ((30_000, 1), (120_000, 2), (1_000_000, 7)):
        generated = generate_article(size, seed=seed)
        yield f"generated {size} seed {seed} (Markdown)", generated, True
        yield f"generated {size} seed {seed} (plain)", generated, False


def lines_of(name: str, text: str, markdown: bool) -> Iterator[str]:
    analysis = analyse(text, markdown)
    yield f"== {name}"
    for kind in ("blocks", "sentences", "claims", "references", "citations"):
        for item in getattr(analysis, kind):
            yield repr(item)
    if name.startswith("sample_articles/"):
        for sentence in analysis.sentences:
            yield repr(describe_span(text, sentence.start, sentence.end, analysis.citations))


def record() -> Iterator[str]:
    for name, text, markdown in inputs():
        yield from lines_of(name, text, markdown)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("record", "check"))
    parser.add_argument("file", type=Path)
    args = parser.parse_args(argv)
    if args.action == "record":
        count = 0
        with args.file.open("w", encoding="utf-8") as out:
            for line in record():
                out.write(line + "\n")
                count += 1
        print(f"recorded {count} lines in {args.file}")
        return 0
    expected = args.file.read_text(encoding="utf-8").splitlines()
    section = ""
    count = 0
    for number, line in enumerate(record()):
        if line.startswith("== "):
            section = line
        if number >= len(expected) or expected[number] != line:
            want = expected[number] if number < len(expected) else "(end of record)"
            print(f"differs in {section[3:]} at line {number + 1}:\n- {want}\n+ {line}")
            return 1
        count += 1
    if count != len(expected):
        print(f"the record has {len(expected) - count} more lines")
        return 1
    print(f"identical: {count} lines")
    return 0


if __name__ == "__main__":
    sys.exit(main())
