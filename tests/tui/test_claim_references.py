"""The claim's detail lists its cited and linked references with their check status and a
one-line reason; the references pane marks the current claim's references."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from conftest import open_session

from referee.config import Config
from referee.model import CheckResult
from referee.tui.app import RefereeApp

ARTICLE = """\
# Sugar

Free sugars should stay below a tenth of energy intake in most adults (World Health Organization, 2015).

Sugary drinks raise the risk of type 2 diabetes (Malik, 2010).

## References

Malik, V. S. (2010). Sugar-sweetened beverages and risk of metabolic syndrome and type 2 diabetes. Diabetes Care, 33(11), 2477-2483.

World Health Organization. (2015). Guideline: Sugars intake for adults and children. Geneva: World Health Organization.
"""

CHECKS = [
    CheckResult(
        "worldhealthorganization2015",
        "not_indexed",
        reasons=(
            "crossref: no candidates",
            "not in Crossref or Open Library: books, reports and web pages often aren't",
        ),
        sources=("crossref", "openlibrary"),
        checked=date(2026, 3, 14),
    ),
    CheckResult(
        "malik2010",
        "corrected",
        reasons=(
            "crossref: “Sugar-sweetened beverages …” (Malik 2010, 10.5555/dc.2010) matches "
            "(title similarity 1.00, first author Malik, year 2010)",
            "corrected: erratum 10.5555/dc.2011 (publisher, 2011-02-01)",
        ),
        sources=("crossref",),
        checked=date(2026, 3, 14),
    ),
]


def rows(pane) -> list[str]:  # type: ignore[no-untyped-def]
    width = pane.scrollable_content_region.width
    return [pane.render_line(y).crop(0, width).text for y in range(pane.option_count)]


async def test_claim_detail_shows_its_references_with_status_and_reason(tmp_path: Path) -> None:
    article = tmp_path / "sugar.md"
    article.write_text(ARTICLE, encoding="utf-8")
    session = open_session(article)
    session.record_checks(CHECKS)
    app = RefereeApp(session, folder=tmp_path, config=Config(tmp_path / "c"))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        claims = {c.id: c for c in screen.session.analysis.claims}
        who = next(c for c in claims.values() if "Free sugars" in c.text)
        assert who.ref_ids == ("worldhealthorganization2015",)
        while screen.claims.current_id != who.id:
            await pilot.press("j")
        text = screen.detail.text
        assert "○ not indexed worldhealthorganization2015 (cited)" in text
        assert "not in Crossref or Open Library: books, reports and web pages often aren't" in text
        assert "malik2010" not in text  # another claim's reference
        who_row = next(r for r in rows(screen.references) if "worldhealth" in r)
        malik_row = next(r for r in rows(screen.references) if "malik2010" in r)
        assert "◇ ○ not indexed" in who_row
        assert "† corrected" in malik_row and not {"◇", "◆"} & set(malik_row)

        await pilot.press("j")  # the next claim cites Malik: marks follow it
        await pilot.pause()
        text = screen.detail.text
        assert "† corrected malik2010 (cited)" in text
        assert "corrected: erratum 10.5555/dc.2011" in text
        assert "◇ † corrected" in next(r for r in rows(screen.references) if "malik2010" in r)
        who_row = next(r for r in rows(screen.references) if "worldhealth" in r)
        assert not {"◇", "◆"} & set(who_row)


async def test_an_unchecked_reference_says_how_to_check_it(tmp_path: Path) -> None:
    article = tmp_path / "sugar.md"
    article.write_text(ARTICLE, encoding="utf-8")
    app = RefereeApp(open_session(article), folder=tmp_path, config=Config(tmp_path / "c"))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        text = app.screen.detail.text
        assert "· unchecked" in text and "not checked yet (c checks every reference)" in text
