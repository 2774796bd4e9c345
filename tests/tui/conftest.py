"""Fixtures for the TUI tests: the seed article in a temporary folder, a fixed day,
a config file of our own, and an app built the way ``referee ARTICLE`` builds it."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
import textual._wait
from textual.notifications import Notification
from textual.pilot import Pilot

from referee.config import load_config
from referee.review.session import Session
from referee.text.analysis import analyse_article
from referee.text.article import load
from referee.tui.app import RefereeApp

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "sample_articles" / "acupuncture-goodpasture.txt"
TODAY = date(2026, 3, 14)
REVIEWER = "Test Reviewer <test@example.org>"


@pytest.fixture(autouse=True)
def _keys_wait_for_the_app_not_the_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """After each key Pilot waits until the app's process has been idle for a whole
    "granularity" (20 ms in Textual), twice: some 60 ms a key, most of a TUI test's time.
    The window is 20 ms so that it outlasts the screen's 1/60 s update timer: a
    shorter one could end before the screen repaints and runs its after-refresh
    callbacks. Here the window is 10 ms, and after the keys the update is not left to
    the timer: :func:`repaint` does what it would have done."""
    monkeypatch.setattr(textual._wait, "SLEEP_GRANULARITY", 0.01)
    monkeypatch.setattr(textual._wait, "SLEEP_IDLE", 0.01 / 20)
    press = Pilot.press

    async def press_and_repaint(self: Pilot, *keys: str) -> None:
        await press(self, *keys)
        await repaint(self)

    monkeypatch.setattr(Pilot, "press", press_and_repaint)


async def repaint(pilot: Pilot) -> None:
    """Until the screen has nothing left to lay out, paint, call back or animate: update
    it now, as its 1/60 s timer would (Pilot.pause ends the same way), let the messages
    and callbacks that queues run, and wait for animations (with animations off, a
    scroll is still one, finished at the animator's next 1/60 s tick). A scroll to the
    end that waits for the next refresh, then moves, then repaints, is all done when
    this returns. It reads Textual's private screen state (as Pilot.pause does): a
    Textual that renames it fails here, loudly, not with flaky tests."""
    app = pilot.app
    for _ in range(50):
        screen = app.screen
        await app.animator.wait_until_complete()
        if not (
            screen._layout_required
            or screen._scroll_required
            or screen._repaint_required
            or screen._dirty_widgets
            or screen._callbacks
        ):
            return
        screen._on_timer_update()
        await pilot._wait_for_screen()


@pytest.fixture(autouse=True)
def _quiet_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """The terminal's NO_COLOR does not leak into a test (config and cache: tests/conftest.py)."""
    monkeypatch.delenv("NO_COLOR", raising=False)


@pytest.fixture
def seed(tmp_path: Path) -> Path:
    """A fresh copy of the seed article (no review file yet)."""
    folder = tmp_path / "articles"
    folder.mkdir()
    target = folder / SEED.name
    shutil.copyfile(SEED, target)
    return target


def open_session(path: Path) -> Session:
    article = load(path)
    return Session(article, analyse_article(article), reviewer=REVIEWER, today=lambda: TODAY)


@pytest.fixture
def make_app() -> Callable[..., RefereeApp]:
    def make(path: Path, config_text: str | None = None) -> RefereeApp:
        config = None
        if config_text is not None:
            config_file = path.parent / "config.toml"
            config_file.write_text(config_text, encoding="utf-8")
            config = load_config(config_file)
        return RefereeApp(open_session(path), folder=path.parent, config=config)

    return make


def review_text(path: Path) -> str:
    return (path.parent / f"{path.name}.review.toml").read_text(encoding="utf-8")


def notifications(app: RefereeApp) -> list[Notification]:
    """The notifications on screen now, oldest first (Textual keeps them privately)."""
    return list(app._notifications)


def notified(app: RefereeApp, words: str) -> bool:
    """Whether a notification on screen says ``words`` (in its message or title)."""
    return any(words in n.message or words in (n.title or "") for n in notifications(app))


PALETTE_SEARCH = "--textual-command-palette-gather-commands"
"""The worker group in which Textual's command palette searches."""


async def wait_for(pilot: Pilot, condition: Callable[[], bool], what: str) -> None:
    """Let the app run until ``condition()`` holds: no fixed pause, and a bounded one."""
    for _ in range(1000):
        if condition():
            return
        await pilot.pause(0.01)
    raise AssertionError(f"still waiting for {what}")


async def palette_results(pilot: Pilot) -> list[str]:
    """The command palette's hits once its search for what was typed has finished."""
    from textual.command import CommandList, CommandPalette

    app = pilot.app

    def settled() -> bool:
        return isinstance(app.screen, CommandPalette) and not any(
            w.group == PALETTE_SEARCH and not w.is_finished for w in app.workers
        )

    await wait_for(pilot, settled, "the palette's search")
    options = app.screen.query_one(CommandList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
