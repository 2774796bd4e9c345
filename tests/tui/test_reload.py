"""Replacing the review screen as ``referee ARTICLE`` starts it (the review is the
app's default screen): ctrl+r after the article changed, and opening another article
from the command palette."""

from __future__ import annotations

from pathlib import Path

from conftest import notifications, review_text

from referee.tui.screens.picker import PickerScreen
from referee.tui.screens.review_screen import ReviewScreen

CLAIM = (
    "The treatment of Goodpasture Syndrome focuses on suppressing the immune system and "
    "reducing inflammation in the kidneys and lungs."
)
REWORDED = (
    "The treatment of Goodpasture Syndrome focuses mainly on suppressing the immune system "
    "and on reducing inflammation in the kidneys and lungs."
)


async def test_reload_after_the_article_changed_shows_the_stale_claim(seed, make_app) -> None:
    app = make_app(seed)
    async with app.run_test(size=(100, 30)) as pilot:
        first = app.screen
        assert len(app.screen_stack) == 1  # the review is the default screen
        first.claims.select("ciwf7i4ib")
        await pilot.press("u", "k")
        before = review_text(seed)
        text = seed.read_text(encoding="utf-8")
        seed.write_text("A new first line.\n\n" + text.replace(CLAIM, REWORDED), encoding="utf-8")
        await pilot.press("ctrl+r")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReviewScreen) and screen is not first
        assert screen.article.text.startswith("A new first line.")
        state = screen.session.state("ciwf7i4ib")
        assert state.anchor == "stale" and state.verdict == "unsupported"
        assert screen.claims.current_id == "ciwf7i4ib"  # reload keeps the claim in view
        lines = [screen.claims.render_line(y).text for y in range(screen.claims.size.height)]
        assert any("Stale / orphaned (1)" in line for line in lines)
        assert any("✗  stale The treatment of Goodpasture" in line for line in lines)
        assert "Reloaded: the article changed. 1 stale (of the stored claims)." in [
            n.message for n in notifications(app)
        ]
        await pilot.press("j", "k")  # the new screen answers keys
    assert review_text(seed) == before  # reloading writes nothing


async def test_opening_another_article_from_the_palette(seed, make_app) -> None:
    other = seed.parent / "b-news.md"
    other.write_text("# News\n\nCoffee cures cancer in most patients.\n", encoding="utf-8")
    app = make_app(seed)
    async with app.run_test(size=(100, 30)) as pilot:
        app.action_pick_article()
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert app.screen.session.article.path == other
        assert len(app.screen_stack) == 1
        await pilot.press("s")
    assert (Path(f"{other}.review.toml")).exists()


async def test_a_review_opened_again_starts_at_its_first_unreviewed_claim(seed, make_app) -> None:
    app = make_app(seed)
    async with app.run_test(size=(100, 30)) as pilot:
        ids = app.screen.claims.claim_ids
        assert app.screen.claims.current_id == ids[0]  # a new review starts at the top
        await pilot.press("s", "u", "j", "o")  # judge 1, 2 and 4; 3 is skipped
    again = make_app(seed)
    async with again.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = again.screen
        assert screen.claims.current_id == ids[2]
        assert ids[2] in screen.detail.text  # and the detail shows it
        await pilot.press("s")
    done = make_app(seed)
    async with done.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert done.screen.claims.current_id == ids[4]


async def test_a_stale_claim_shows_its_old_and_new_wording_with_the_changes_marked(
    seed, make_app
) -> None:
    app = make_app(seed)
    async with app.run_test(size=(100, 30)) as pilot:
        app.screen.claims.select("ciwf7i4ib")
        await pilot.press("u")
    seed.write_text(seed.read_text(encoding="utf-8").replace(CLAIM, REWORDED), encoding="utf-8")
    app = make_app(seed)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        screen.claims.select("ciwf7i4ib")
        await pilot.pause()
        text = screen.detail.text
        assert "Was: The treatment of Goodpasture Syndrome focuses on" in text
        assert "Now: The treatment of Goodpasture Syndrome focuses mainly on" in text
        content = screen.detail._content
        marked = [span for span in content.spans if "underline" in str(span.style)]
        assert any(content.plain[s.start : s.end] == "mainly" for s in marked)
