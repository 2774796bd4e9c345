"""What the TUI imports to open a review: not the HTTP client nor the fuzzy matcher,
which only reference checks and look-ups need (start-up is measured against a minimal
Textual app: bench/startup.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

from fresh_python import output_of

from referee.review.session import Session

SEED = Path(__file__).resolve().parents[2] / "sample_articles" / "acupuncture-goodpasture.txt"


def test_opening_a_review_with_an_outside_source_imports_no_http_client(tmp_path: Path) -> None:
    article = tmp_path / SEED.name
    shutil.copyfile(SEED, article)
    review = Session.open(article, reviewer="Ada")
    source = review.add_source("10.1000/xyz123", {"title": "A trial of something"})
    review.link_source(review.claims()[0].id, source)
    code = f"""
import asyncio, os, sys
from pathlib import Path
os.environ["REFEREE_CONFIG"] = {str(tmp_path / "no-config.toml")!r}
os.environ["REFEREE_CACHE_DIR"] = {str(tmp_path / "cache")!r}
from referee.review.session import Session
from referee.tui.app import RefereeApp

path = Path({str(article)!r})
heavy = ("httpx", "rapidfuzz", "referee.refcheck.check", "referee.refcheck.outside")

async def main() -> None:
    app = RefereeApp(Session.open(path, reviewer="Ada"), folder=path.parent)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        references = [r.id for r in app.screen.session.references()]
        assert {source!r} in references, references

asyncio.run(main())
print(sorted(m for m in heavy if m in sys.modules))
"""
    assert output_of(code) == "[]"
