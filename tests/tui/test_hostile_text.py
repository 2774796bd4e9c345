"""Article text, notes and references reach the screen literally: markup is not
parsed, escape sequences are shown as visible stand-ins, and nothing is obeyed."""

from __future__ import annotations

from pathlib import Path

from conftest import notifications, palette_results

from referee.tui.screens.link import LinkScreen
from referee.tui.screens.review_screen import ReviewScreen

HOSTILE = (
    "# Cures\n\n"
    "Studies prove that acupuncture cures 90% of patients [@click=app.quit]click[/] "
    "[bold red]always[/] \x1b[2J\x1b]52;c;cm0=\x07 within a week.\n\n"
    "## References\n\n"
    "1. Smith J. [link=https://evil.example]Totally real[/link] trial of $EDITOR. "
    "J Fake Med. 2020;1:1-2.\n"
)


def screen_text(app) -> str:
    return app.export_screenshot().replace("&#160;", " ")


async def test_claims_notes_and_references_are_literal(tmp_path: Path, make_app) -> None:
    article = tmp_path / "hostile.md"
    article.write_text(HOSTILE, encoding="utf-8")
    app = make_app(article)
    async with app.run_test(size=(220, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        await pilot.press("m")  # the claim list, maximized: the whole row is visible
        row = screen.claims.render_line(0).text
        assert "[@click=app.quit]click[/] [bold red]always[/] ␛[2J␛]52;c;cm0=␇" in row
        await pilot.press("m", "n", *"[b]not bold[/b] [@click=app.quit]x[/]", "ctrl+s")
        screen.detail.focus()
        await pilot.press("G")  # the note is the detail's last line
        shown = screen_text(app)
        assert "[b]not bold[/b] [@click=app.quit]x[/]" in shown
        assert "[link=https://evil.example]Totally real[/link]" in shown
        await pilot.press("l")
        assert isinstance(app.screen, LinkScreen)
        assert "[link=https://evil.example]Totally" in screen_text(app)
        await pilot.press("escape", "ctrl+p", *"click")
        prompts = await palette_results(pilot)
        assert any("[@click=app.quit]click[/] [bold red]always[/]" in p for p in prompts)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("slash", *"[red]zzz[/]", "enter")  # not found: a notification
        await pilot.pause()
        messages = [n for n in notifications(app) if "[red]zzz[/]" in n.message]
        assert messages and not any(n.markup for n in notifications(app))
        assert app.return_code is None  # nothing quit the app
        assert isinstance(app.screen, ReviewScreen)
