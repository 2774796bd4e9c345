"""Evidence in the TUI: the detail pane shows stored evidence quotes and what a
citation is beside a link."""

from __future__ import annotations

from pathlib import Path

from conftest import open_session

from referee.config import Config
from referee.tui.app import RefereeApp

ARTICLE = """\
# Sugar

Sugary drinks raise the risk of type 2 diabetes (Malik, 2010).

## References

Malik, V. S. (2010). Sugar-sweetened beverages and risk of metabolic syndrome and type 2 diabetes. Diabetes Care, 33(11), 2477-2483.
"""


async def test_detail_shows_stored_evidence(tmp_path: Path) -> None:
    article = tmp_path / "sugar.md"
    article.write_text(ARTICLE, encoding="utf-8")
    session = open_session(article)
    claim = next(c for c in session.analysis.claims if "Sugary" in c.text)
    session.add_evidence(claim.id, "malik2010", "Risk rose by 26 percent.", "pubmed:20693348")
    app = RefereeApp(session, folder=tmp_path, config=Config(tmp_path / "c"))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        while screen.claims.current_id != claim.id:
            await pilot.press("j")
        text = screen.detail.text
        assert "Evidence (a citation is what the article says" in text
        assert "malik2010 (pubmed:20693348)  “Risk rose by 26 percent.”" in text
