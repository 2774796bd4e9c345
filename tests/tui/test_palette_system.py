"""The palette offers our actions, not Textual's screenshot (an SVG written into the
article's folder, ready to be committed by mistake) or its key panel (``?`` is ours)."""

from __future__ import annotations

from conftest import palette_results


async def test_palette_has_no_screenshot_or_key_panel(seed, make_app) -> None:
    app = make_app(seed)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Screenshot" not in titles and "Keys" not in titles
        assert "Theme" in titles and "Quit" in titles


async def test_a_long_claim_in_the_palette_ends_with_an_ellipsis(seed, make_app) -> None:

    app = make_app(seed)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p", *"well-tolerated")
        labels = await palette_results(pilot)
        hit = next(label for label in labels if "well-tolerated" in label)
        assert "improvemen\n" not in hit and "…" in hit
        await pilot.press("escape")


async def test_palette_ranks_a_quoted_word_above_loosely_matching_actions(seed, make_app) -> None:
    """Every hit is scored 0..1 on one scale: an action whose title merely holds the
    query's letters in order no longer outranks a claim or a command that holds the word."""

    app = make_app(seed)
    async with app.run_test(size=(120, 40)) as pilot:

        async def first(query: str) -> str:
            await pilot.press("ctrl+u", *query)
            return (await palette_results(pilot))[0]

        await pilot.press("ctrl+p")
        assert (await first("immune")).startswith("Claim ")
        assert (await first("safe")).startswith("Claim ")
        assert "safe and well-tolerated" in await first("safe")
        assert (await first("theme")).startswith("Theme")
        assert (await first("note")).startswith(("Write the note", "Edit the note", "Filter"))
        assert (await first("mark overstated")).startswith("Mark overstated")
        await pilot.press("escape")
