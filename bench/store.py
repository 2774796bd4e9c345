"""Review store speed: saving 1,000 claims, re-anchoring 1,000 claims on a ~1 MB article.

    .venv/bin/python bench/store.py

Targets (PRODUCT §6): saving a review with 1,000 claims ≤ 50 ms; re-anchoring
1,000 claims after edits on a 1 MB article ≤ 1 s. Prints medians.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from corpus import generate_article

from referee.review import anchoring, atomic, file_format, store
from referee.review.record import VERDICTS, Annotation, Review
from referee.review.session import Session
from referee.text.analysis import analyse
from referee.text.article import git_blob_sha

CLAIMS = 1000


def median_ms(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def build_review(text: str, claims) -> Review:
    review = Review(article="big.md", base=git_blob_sha(text.encode()))
    for n, claim in enumerate(claims):
        sel = anchoring.selector_for(text, claim.start, claim.end)
        review.claims[claim.id] = Annotation.from_selector(
            claim.id,
            sel,
            verdict=VERDICTS[n % 3],
            refs=("smith2018",) if n % 4 == 0 else (),
            note=f'Claim {n}: "check" the source.\nSecond line of the note.' if n % 2 else "",
            reviewer="Ada Lovelace <ada@example.org>",
            reviewed=date(2026, 11, 24),
        )
    return review


def edit(text: str, claims, rng: random.Random) -> tuple[str, Counter]:
    """Insert paragraphs, delete, reword and misspell some of the stored claims."""
    chosen = rng.sample(list(claims), 80)
    what = {
        c.id: kind
        for c, kind in zip(chosen, ["delete", "reword", "typo", "swap"] * 20, strict=True)
    }
    pieces, pos = [], 0
    for claim in sorted(claims, key=lambda c: c.start):
        kind = what.get(claim.id)
        if kind is None:
            continue
        pieces.append(text[pos : claim.start])
        sentence = text[claim.start : claim.end]
        if kind == "reword":
            sentence = sentence.replace(" ", " really ", 1).replace("the", "a", 1)
        elif kind == "typo":
            sentence = sentence.replace("e", "ee", 1)
        elif kind == "swap":
            sentence = "Inserted news paragraph about nothing in particular.\n\n" + sentence
        if kind != "delete":
            pieces.append(sentence)
        pos = claim.end
    pieces.append(text[pos:])
    return "".join(pieces), Counter(what.values())


def main() -> None:
    text = generate_article(1_000_000)
    analysis = analyse(text, markdown=True)
    step = max(1, len(analysis.claims) // CLAIMS)
    claims = analysis.claims[::step][:CLAIMS]
    print(f"article: {len(text):,} chars, {len(analysis.claims):,} claims; stored: {len(claims)}")
    review = build_review(text, claims)

    # -- saving
    def render_cold() -> None:
        file_format._claim_chunk.cache_clear()
        file_format.dumps(review)

    folder = Path(tempfile.mkdtemp(prefix="referee-bench-"))
    review_file = store.ReviewFile(folder / "big.md.review.toml")
    review_file.load()
    counter = iter(range(10**6))

    def save_cold() -> None:
        file_format._claim_chunk.cache_clear()
        review.base = f"{next(counter):040x}"
        review_file.save(review)

    size = len(file_format.dumps(review).encode())
    print(f"review file: {size:,} bytes")
    print(f"render 1,000 claims (cold):            {median_ms(render_cold, 7):7.1f} ms")
    print(
        f"save 1,000 claims (cold, fsync):       {median_ms(save_cold, 7):7.1f} ms  (target ≤ 50)"
    )

    article = folder / "big.md"
    article.write_text(text)
    review.base = git_blob_sha(article.read_bytes())
    atomic.atomic_write(folder / "big.md.review.toml", file_format.dumps(review).encode())
    start = time.perf_counter()
    session = Session.open(article, reviewer="Bench")
    opened = (time.perf_counter() - start) * 1000
    target = claims[len(claims) // 2].id
    verdicts = iter(VERDICTS * 100)
    print(f"Session.open (1 MB, 1,000 stored):     {opened:7.1f} ms")
    print(
        f"session change + save (1,000 stored):  "
        f"{median_ms(lambda: session.set_verdict(target, next(verdicts)), 21):7.1f} ms"
        "  (target ≤ 50)"
    )

    # -- re-anchoring
    edited, kinds = edit(text, claims, random.Random(3))
    selectors = {cid: a.selector for cid, a in review.claims.items()}
    print(f"edits: {dict(kinds)} on {len(claims)} stored claims; {len(edited):,} chars after")
    for label, old in (("without old text", None), ("with old text (git)", text)):
        result = {}

        def run(old=old, result=result) -> None:
            result.update(anchoring.anchor_all(edited, selectors, old_text=old))

        ms = median_ms(run, 3)
        states = Counter(a.state for a in result.values())
        print(f"re-anchor 1,000, {label:20s} {ms:7.1f} ms  (target ≤ 1000)  {dict(states)}")

    article.write_text(edited)
    start = time.perf_counter()
    reopened = Session.open(article, reviewer="Bench")
    total = (time.perf_counter() - start) * 1000
    start = time.perf_counter()
    analyse(edited, markdown=True)
    analysis_ms = (time.perf_counter() - start) * 1000
    print(
        f"Session.open after edits:              {total:7.1f} ms "
        f"(analysis {analysis_ms:.0f} ms); orphans listed: "
        f"{len(reopened.orphans())}"
    )


if __name__ == "__main__":
    main()
