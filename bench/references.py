"""Reference parsing speed: loading the model, and 1,000 references parsed on one core.

    .venv/bin/python bench/references.py

Times are CPU time of this process (one core), so other work on the machine does
not count. Each figure is printed beside a baseline measured in the same run:

* model load (importing pycrfsuite and opening the shipped model, in a fresh
  process) against the same process importing nothing (the interpreter alone);
* 1,000 references (the hand-written dev set, repeated with the numbers changed so
  the caches do not flatter) parsed with ``parse_entry``, against a regex pass over
  the same strings (one year search per entry: the floor of any parser);
* a reference list of 1,000 entries found and parsed inside an article.

Targets (issue #12): model load ≤ 30 ms; 1,000 references ≤ 1 s.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "data" / "refdev" / "references.jsonl"


def references(n: int) -> list[str]:
    rows = [
        json.loads(line)["raw"] for line in DEV.read_text(encoding="utf-8").splitlines() if line
    ]
    out = []
    for i in range(n):
        raw = rows[i % len(rows)]
        # Vary the numbers so every string (and most tokens) is new to the caches.
        out.append(re.sub(r"\d+", lambda m, i=i: str(int(m.group()) + i), raw))
    return out


def in_fresh_process(setup: str, code: str) -> float:
    """CPU seconds that ``code`` takes in a new interpreter after ``setup`` (best of five)."""
    times = []
    for _ in range(5):
        script = (
            f"{setup}\nimport time\nt=time.process_time()\n{code}\nprint(time.process_time()-t)"
        )
        out = subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            check=True,
        )
        times.append(float(out.stdout.strip().splitlines()[-1]))
    return min(times)


def main() -> None:
    load = in_fresh_process("from referee.text import reference_tagger", "reference_tagger._open()")
    imports = in_fresh_process("", "import referee.text.reference_tagger")
    print(f"model load (import pycrfsuite + open the model): {load * 1000:6.1f} ms")
    print(f"  baseline, importing the tagger module alone:     {imports * 1000:6.1f} ms")
    print("  target ≤ 30 ms")

    from referee.text.reference_fields import parse_entry
    from referee.text.reference_tagger import _open

    _open()
    entries = references(1000)
    start = time.process_time()
    parsed = [parse_entry(raw) for raw in entries]
    took = time.process_time() - start
    start = time.process_time()
    floor = [re.search(r"\b(?:1[89]|20)\d\d\b", raw) for raw in entries]
    baseline = time.process_time() - start
    assert len(parsed) == len(floor) == 1000
    print(f"1,000 references parsed (CPU):                    {took:6.3f} s")
    print(f"  baseline, one year regex per entry:              {baseline:6.3f} s")
    print("  target ≤ 1 s on one core")

    from referee.text.analysis import analyse

    article = "Title\n\nSome prose.\n\nReferences\n\n" + "\n".join(
        f"{i}. {raw}" for i, raw in enumerate(references(1000), 1)
    )
    start = time.process_time()
    found = analyse(article, False).references
    whole = time.process_time() - start
    print(f"an article with 1,000 numbered entries analysed:  {whole:6.3f} s ({len(found)} found)")


if __name__ == "__main__":
    main()
