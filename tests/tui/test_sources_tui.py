"""Outside sources in the TUI: a DOI typed in the link picker is looked up in the
background (local server on 127.0.0.1), added, linked, listed in the references pane,
saved; the detail pane says what a citation is beside a link or a source; ``c`` checks
sources too."""

from __future__ import annotations

import sys
from pathlib import Path

from conftest import open_session

from referee.config import Config
from referee.review import store
from referee.review.session import Session
from referee.tui.app import RefereeApp
from referee.tui.screens.link import ADD, LinkScreen

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from refserver import RefServer

ARTICLE = """\
# Colds

Vitamin D prevents colds in children, according to many doctors.
"""
DOI = "10.5555/outside.2024.0042"


async def test_a_doi_typed_in_the_link_picker_becomes_a_linked_listed_saved_source(
    tmp_path: Path, monkeypatch
) -> None:
    article = tmp_path / "colds.md"
    article.write_text(ARTICLE, encoding="utf-8")
    session = open_session(article)
    claim = session.claims()[0].id
    with RefServer(latency=0.05) as server:
        server.serve_referee(monkeypatch)
        app = RefereeApp(session, folder=tmp_path, config=Config(tmp_path / "c"))
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            screen = app.screen
            assert screen.claims.current_id == claim
            await pilot.press("l")
            picker = app.screen
            assert isinstance(picker, LinkScreen)
            assert "Link references or sources to" in str(
                picker.query_one(".dialog-title").render()
            )
            help_line = str(picker.query_one("#link-help").render())
            assert "A citation is what the article says; a link or a source is your" in help_line
            await pilot.press(*f"https://doi.org/{DOI}")
            await pilot.pause()
            options = picker.query_one("#link-options")
            assert options.get_option_at_index(0).id == ADD
            assert f"add DOI {DOI} as a source" in str(options.get_option_at_index(0).prompt)
            await pilot.press("enter")
            await picker.workers.wait_for_complete()
            await pilot.pause()
            assert picker.chosen == [f"doi:{DOI}"]
            assert "Vitamin D and winter colds" in str(options.get_option_at_index(0).prompt)
            assert not store.review_path(article).exists()  # nothing saved before ctrl+s
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert app.screen is screen
            listed = [ref.id for ref in screen.references._refs]
            assert listed == [f"doi:{DOI}"]
            assert "doi:10.5555/o…  added by the reviewer · Okafor 2024 · Vitamin D" in str(
                screen.references.get_option_at_index(0).prompt
            )
            detail = screen.detail.text
            assert "References (cited: what the article says; linked, source: your" in detail
            assert f"doi:{DOI} (source)" in detail

            await pilot.press("c")  # sources are checked like references
            await screen.workers.wait_for_complete()
            await pilot.pause()
            await pilot.pause()
            assert "✓ verified" in str(screen.references.get_option_at_index(0).prompt)

    saved = Session.open(article)
    source = saved.source(f"doi:{DOI}")
    assert source is not None and source.title.startswith("Vitamin D and winter colds")
    assert source.fetched_from == "crossref" and source.status == "verified"
    assert saved.state(claim).refs == (f"doi:{DOI}",)
    text = store.review_path(article).read_text("utf-8")
    assert f'[source."doi:{DOI}"]' in text


async def test_an_unknown_doi_is_not_added_and_escape_adds_nothing(
    tmp_path: Path, monkeypatch
) -> None:
    article = tmp_path / "colds.md"
    article.write_text(ARTICLE, encoding="utf-8")
    session = open_session(article)
    with RefServer() as server:
        server.serve_referee(monkeypatch)
        app = RefereeApp(session, folder=tmp_path, config=Config(tmp_path / "c"))
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await pilot.press("l")
            picker = app.screen
            await pilot.press(*"10.5555/no.such.work", "enter")
            await picker.workers.wait_for_complete()
            await pilot.pause()
            assert picker.chosen == []
            messages = [n.message for n in app._notifications]
            assert any("Not added: doi.org: DOI 10.5555/no.such.work is not" in m for m in messages)
            await pilot.press("ctrl+u")
            await pilot.press(*"PMID:31000042", "enter")
            await picker.workers.wait_for_complete()
            await pilot.pause()
            assert picker.chosen == ["pmid:31000042"]
            await pilot.press("escape")
            await pilot.pause()
    assert not store.review_path(article).exists()
