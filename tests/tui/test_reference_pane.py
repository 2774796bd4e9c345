"""The references pane keeps room for the author and title when an id is very long
(corporate authors make ids like ``worldhealthorganization2022``)."""

from __future__ import annotations

from pathlib import Path

from conftest import open_session

from referee.config import Config
from referee.tui.app import RefereeApp

ARTICLE = """\
# Noise

Traffic noise at night raises blood pressure in most adults (Smith, 2019).

## References

Smith, J. (2019). Short sleep and blood pressure. Journal of Sleep, 12(3), 1-9.

World Health Organization. (2022). Noise and sleep: Technical brief. Geneva: WHO.
"""


async def test_a_long_reference_id_leaves_room_for_the_title(tmp_path: Path) -> None:
    article = tmp_path / "noise.md"
    article.write_text(ARTICLE, encoding="utf-8")
    app = RefereeApp(open_session(article), folder=tmp_path, config=Config(tmp_path / "c"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        pane = app.screen.references
        ids = [ref.id for ref in app.screen.session.analysis.references]
        assert "worldhealthorganization2022" in ids
        width = pane.scrollable_content_region.width
        rows = [pane.render_line(y).crop(0, width).text for y in range(len(ids))]
        smith = next(row for row in rows if "smith2019" in row)
        assert "· unchecked  smith2019" in smith and "Smith 2019" in smith
        who = next(row for row in rows if "worldhealth" in row)
        assert "worldhealthor…  World" in who
        pane.set_status("smith2019", "metadata_mismatch")  # a wider word widens the column
        await pilot.pause()
        rows = [pane.render_line(y).crop(0, width).text for y in range(len(ids))]
        smith = next(row for row in rows if "smith2019" in row)
        who = next(row for row in rows if "worldhealth" in row)
        assert "≠ metadata mismatch  smith2019" in smith
        assert who.index("worldhealthor…") == smith.index("smith2019")  # columns line up
