"""A fetched article in the TUI: its front matter is shown dimmed and gives no claim;
``referee URL`` fetches into the current folder and opens the file."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from webserver import WebServer

from referee.cli import launch, main
from referee.text import front_matter
from referee.tui.app import RefereeApp


@pytest.fixture(scope="module")
def server():
    with WebServer() as web:
        yield web


@pytest.fixture
def fetched(server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    assert main(["fetch", server.url("/news"), "-o", "news.md"]) == 0
    return tmp_path / "news.md"


async def test_front_matter_is_dimmed_and_never_a_claim(fetched: Path, make_app) -> None:
    text = fetched.read_text(encoding="utf-8")
    head = front_matter.parse(text)
    assert head is not None
    app = make_app(fetched)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        claims = app.session.claims()
        assert claims, "the story's own claims are found"
        assert all(c.start >= head.end for c in claims)
        assert app.session.analysis.references == ()
        view = screen.article
        assert view.metadata == [(head.start, head.end)]
        assert all(h.start >= head.end for h in view.highlights)
        # The first rows are the front matter, every cell dim; the body is not dim.
        view.scroll_to(y=0, animate=False, immediate=True)
        await pilot.pause()
        first = [seg for seg in view.render_line(1) if seg.text.strip()]
        assert first and all(seg.style.dim for seg in first[1:])  # after the gutter
        body_line = text[: text.index("The city council voted")].count("\n")
        body = [seg for seg in view.render_line(body_line) if seg.text.strip()]
        assert body and not any(seg.style.dim for seg in body[1:])


async def test_claims_anchor_exactly_below_the_front_matter(fetched: Path, make_app) -> None:
    app = make_app(fetched)
    text = fetched.read_text(encoding="utf-8")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("s")  # the first claim is supported
        await pilot.pause()
    stored = (fetched.parent / "news.md.review.toml").read_text(encoding="utf-8")
    state = next(s for s in app.session.claims() if s.verdict == "supported")
    assert text[state.start : state.end] == state.text
    assert f"start = {state.start}" in stored


async def test_front_matter_cannot_be_added_as_a_claim(fetched: Path, make_app) -> None:
    app = make_app(fetched)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        before = len(app.session.claims())
        app.screen.article.move_cursor(fetched.read_text().index("Maria Okafor"))
        app.screen.article.focus()
        await pilot.press("a")
        await pilot.pause()
        assert len(app.session.claims()) == before
        # The same key in the body adds the sentence there.
        offset = fetched.read_text().index("What happens next")
        assert not any(c.start <= offset < c.end for c in app.session.claims())
        app.screen.article.move_cursor(offset)
        await pilot.press("a")
        await pilot.pause()
        assert any(c.start <= offset < c.end for c in app.session.claims())


def test_referee_url_fetches_and_opens(server, tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    started: list[RefereeApp] = []
    monkeypatch.setattr(RefereeApp, "run", lambda self: started.append(self))
    monkeypatch.setattr(launch, "_is_terminal", lambda stream: True)
    assert main([server.url("/blog")]) == 0
    (app,) = started
    path = tmp_path / "why-i-stopped-trusting-my-step-counter.md"
    assert app.session.article.path == path
    assert capsys.readouterr().out.strip() == path.name
    # Again: the file fetched from the same URL is opened as it is, never overwritten.
    path.write_text(path.read_text() + "\nMy own note.\n")
    assert main([server.url("/blog")]) == 0
    assert "opening it as it is" in capsys.readouterr().err
    assert started[1].session.article.text.endswith("My own note.\n")


def test_referee_url_with_a_bad_page_is_one_line(server, tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(RefereeApp, "run", lambda self: pytest.fail("the TUI started"))
    monkeypatch.setattr(launch, "_is_terminal", lambda stream: True)
    assert main([server.url("/missing")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "HTTP 404" in err
    assert list(tmp_path.glob("*.md")) == []
