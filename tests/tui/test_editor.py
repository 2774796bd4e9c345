"""E with an editor that cannot start: the app comes back (Textual's suspend resumes
only when its block ends normally) and says why, and nothing is saved."""

from __future__ import annotations

import contextlib
from pathlib import Path

from conftest import notified


async def test_a_missing_editor_resumes_the_app(seed, make_app, monkeypatch) -> None:
    monkeypatch.setenv("VISUAL", "/nonexistent/editor --wait")
    app = make_app(seed)
    resumed: list[bool] = []

    @contextlib.contextmanager
    def suspend(self):
        yield  # like Textual: no try/finally, an exception skips the resume
        resumed.append(True)

    monkeypatch.setattr(type(app), "suspend", suspend)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("E")
        await pilot.pause()
        assert resumed == [True]
        assert notified(app, "cannot run /nonexistent/editor")
        await pilot.press("s")  # the app still answers
    assert Path(f"{seed}.review.toml").exists()


async def test_in_the_browser_E_explains_instead_of_starting_an_editor(
    seed, make_app, monkeypatch
) -> None:
    app = make_app(seed)
    started: list[bool] = []
    monkeypatch.setattr(type(app), "is_web", property(lambda self: True))
    monkeypatch.setattr(type(app), "suspend", lambda self: started.append(True))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("E")
        await pilot.pause()
        assert started == []
        assert notified(app, "not in your browser")
    assert not Path(f"{seed}.review.toml").exists()
