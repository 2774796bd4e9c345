"""Messages the TUI writes itself: the empty claim list reads in full at any width."""

from __future__ import annotations

from pathlib import Path

from conftest import notifications, open_session

from referee.config import Config
from referee.tui.app import RefereeApp


def _list_text(claims) -> str:
    width = claims.size.width  # what the terminal shows of each line
    lines = [claims.render_line(y).crop(0, width).text.strip() for y in range(claims.size.height)]
    return " ".join(line for line in lines if line)


async def test_the_empty_list_message_wraps_instead_of_being_cut(tmp_path: Path) -> None:
    article = tmp_path / "empty.txt"
    article.write_text("", encoding="utf-8")
    app = RefereeApp(open_session(article), folder=tmp_path, config=Config(tmp_path / "c"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        claims = app.screen.claims
        assert claims.size.width < 50
        assert _list_text(claims) == "The article is empty: there is nothing to review."
        assert app.screen.article.border_title == "Article (empty)"
        assert any("is empty" in n.message and "O opens" in n.message for n in notifications(app))


async def test_an_article_without_claims_says_how_to_add_one(tmp_path: Path) -> None:
    article = tmp_path / "plain.txt"
    article.write_text("Hello.\n", encoding="utf-8")
    app = RefereeApp(open_session(article), folder=tmp_path, config=Config(tmp_path / "c"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert _list_text(app.screen.claims) == "No claims found in this article (a to add one)."


async def test_an_empty_filter_says_how_to_change_it(seed, make_app) -> None:
    app = make_app(seed)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        screen.filter_name = "orphan"
        screen.refresh_claims()
        await pilot.pause()
        assert _list_text(screen.claims) == "No claims match “orphan” (f to change the filter)."
