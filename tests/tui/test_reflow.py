"""Hard-wrapped paragraphs (most Markdown sources) are re-flowed to the article pane
in the review screen; headings and list items keep their lines, offsets do not move."""

from __future__ import annotations

from pathlib import Path

from conftest import open_session

from referee.config import Config
from referee.tui.app import RefereeApp
from referee.tui.widgets.article_view import GUTTER_WIDTH

ARTICLE = """\
# Sleep

Large cohort studies link short sleep with high blood pressure and
heart disease. A meta-analysis of 43 cohorts found that people who slept
less than six hours had a 20% higher risk (Smith et al.,
2019).

- one item
- another item
"""


async def test_hard_wrapped_paragraphs_reflow_in_the_review(tmp_path: Path) -> None:
    article = tmp_path / "sleep.md"
    article.write_text(ARTICLE, encoding="utf-8")
    app = RefereeApp(open_session(article), folder=tmp_path, config=Config(tmp_path / "c"))
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        view = app.screen.article
        shown = [view.render_line(y).text[GUTTER_WIDTH:].rstrip() for y in range(view.line_count)]
        assert "(Smith et al., 2019)." in " ".join(shown)
        assert not any(line == "2019)." for line in shown)  # no stub line left by a hard wrap
        # list markers are drawn as bullets (one code point for one)
        assert "# Sleep" in shown and "• one item" in shown and "• another item" in shown
        assert view.text == ARTICLE
        claim = app.screen.session.claims()[0]
        assert view.text[claim.start : claim.end] == claim.text
