"""``c`` checks the references in a background worker against a real local server
(our own fixtures on 127.0.0.1), shows each status as it arrives and saves it."""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

import pytest
from conftest import notifications

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from refserver import RefServer

from referee.tui.screens.review_screen import ReviewScreen


async def wait_for_checks(app, pilot) -> None:
    for _ in range(200):
        await pilot.pause(0.05)
        if not any(w.group == "refcheck" and w.is_running for w in app.workers):
            break
    await pilot.pause()


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch):
    with RefServer() as running:
        running.serve_referee(monkeypatch)
        yield running


async def test_c_checks_references_and_saves_the_results(seed, make_app, server) -> None:
    app = make_app(seed)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        ids = [ref.id for ref in screen.session.analysis.references]
        assert ids == ["zhang2021", "wang2020"]
        await pilot.press("c")
        await wait_for_checks(app, pilot)
        statuses = {ref_id: screen.session.ref_check(ref_id).status for ref_id in ids}
        assert set(statuses) == set(ids)
        assert all(status != "unverifiable" for status in statuses.values()), statuses
        data = tomllib.loads((seed.parent / f"{seed.name}.review.toml").read_text(encoding="utf-8"))
        assert {ref_id: data["ref"][ref_id]["status"] for ref_id in ids} == statuses
        assert "References checked" in " ".join(n.message for n in notifications(app))
        await pilot.press("tab", "tab")  # the references pane: the detail shows the reasons
        assert app.focused is screen.references
        assert screen.references._status["zhang2021"] == statuses["zhang2021"]
    assert server.requests > 0


async def test_an_unreachable_service_gives_unverifiable_not_a_crash(
    seed, make_app, monkeypatch
) -> None:
    with RefServer() as down:
        env = down.env()
    for name, value in env.items():  # the server is gone: connections are refused
        monkeypatch.setenv(name, value)
    app = make_app(seed)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        await pilot.press("c")
        await wait_for_checks(app, pilot)
        assert {r.status for r in screen.session.ref_checks().values()} == {"unverifiable"}
        await pilot.press("j")  # still responsive
        assert screen.claims.current_id == screen.session.claims()[1].id
