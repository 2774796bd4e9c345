"""The palette offers our actions, not Textual's screenshot (an SVG written into the
article's folder, ready to be committed by mistake) or its key panel (``?`` is ours)."""

from __future__ import annotations


async def test_palette_has_no_screenshot_or_key_panel(seed, make_app) -> None:
    app = make_app(seed)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Screenshot" not in titles and "Keys" not in titles
        assert "Theme" in titles and "Quit" in titles
