"""``L``: the literature search screen. The query is shown and editable, nothing is sent
before the reviewer confirms (unless the config says so), hits arrive from a worker, and
``enter`` on a hit reads its abstract. Against a local server."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import open_session

from referee.config import Config
from referee.tui.app import RefereeApp

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from refserver import RefServer

ARTICLE = """\
# Colds

Vitamin D supplements cut the risk of colds by 40% in children (Martineau, 2017).

## References

Martineau, A. R. (2017). Vitamin D supplementation to prevent acute respiratory tract infections. BMJ, 356, i6583.
"""


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[RefServer]:
    with RefServer() as running:
        running.serve_referee(monkeypatch)
        yield running


def searches(server: RefServer) -> list[tuple[str, str, dict[str, str]]]:
    return [e for e in server.router.log if e[0] in ("eutils", "europepmc")]


def prompts(options) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def open_search(pilot, app, article: Path):  # type: ignore[no-untyped-def]
    from referee.tui.screens.literature import LiteratureScreen

    await pilot.pause()
    while "Vitamin" not in app.screen.current_state().text:
        await pilot.press("j")
    await pilot.press("L")
    await pilot.pause()
    assert isinstance(app.screen, LiteratureScreen)
    return app.screen


async def test_L_asks_before_sending_then_lists_hits_and_enter_reads_the_abstract(
    tmp_path: Path, server: RefServer
) -> None:
    from textual.widgets import Input, OptionList, Static

    from referee.tui.screens.abstracts_dialog import AbstractsScreen
    from referee.tui.screens.literature import LiteratureScreen

    article = tmp_path / "colds.md"
    article.write_text(ARTICLE, encoding="utf-8")
    app = RefereeApp(open_session(article), folder=tmp_path, config=Config(tmp_path / "c"))
    async with app.run_test(size=(130, 40)) as pilot:
        modal = await open_search(pilot, app, article)
        field = modal.query_one(Input)
        assert field.value == "vitamin D supplements risk colds children"
        status = modal.query_one("#literature-status", Static)
        assert "sent to PubMed (127.0.0.1:" in str(status.render())

        field.value = ""
        await pilot.press(*"vitamin D colds")
        await pilot.press("enter")
        await pilot.pause()
        asked = str(status.render())
        assert "Send “vitamin D colds” to PubMed" in asked and "Europe PMC" in asked
        assert searches(server) == []  # asked, not sent

        await pilot.press("enter")  # yes
        await modal.workers.wait_for_complete()
        await pilot.pause()
        terms = [q["term"] for s, p, q in searches(server) if p == "esearch.fcgi"]
        assert terms == [
            "(vitamin D colds) AND (systematic review[pt] OR meta-analysis[pt] "
            "OR randomized controlled trial[pt])"
        ]
        options = modal.query_one(OptionList)
        rows = prompts(options)
        assert rows[0].startswith("2021  meta-analysis  Cochrane Lit Rev  Vitamin D and the")
        assert rows[3].startswith("2019  randomised trial  Pediatr Resp J  Vitamin D supp")
        assert "4 hits for “vitamin D colds”" in str(status.render())
        assert app.focused is options and options.highlighted == 0
        assert options.render_line(0).text.startswith("▸")  # marked in text, not colour alone

        for _ in range(3):
            await pilot.press("down")
        assert options.highlighted == 3
        await pilot.press("enter")
        await pilot.pause()
        abstracts = app.screen
        assert isinstance(abstracts, AbstractsScreen)
        await abstracts.workers.wait_for_complete()
        await pilot.pause()
        shown = prompts(abstracts.query_one("#abstracts-options"))
        assert any("CONCLUSIONS: Vitamin D did not prevent colds." in p for p in shown)
        await pilot.press("enter")  # read only: nothing is kept from a hit
        assert app.screen is abstracts
        await pilot.press("escape")
        assert isinstance(app.screen, LiteratureScreen)
        await pilot.press("escape")
        assert not isinstance(app.screen, LiteratureScreen)


async def test_escape_after_the_question_sends_nothing(tmp_path: Path, server: RefServer) -> None:
    article = tmp_path / "colds.md"
    article.write_text(ARTICLE, encoding="utf-8")
    app = RefereeApp(open_session(article), folder=tmp_path, config=Config(tmp_path / "c"))
    async with app.run_test(size=(130, 40)) as pilot:
        modal = await open_search(pilot, app, article)
        await pilot.press("enter")  # asks
        await pilot.press("backspace", "x", "enter")  # an edited query is asked again
        await pilot.pause()
        assert "Send “vitamin D supplements risk colds childrex”" in str(
            modal.query_one("#literature-status").render()
        )
        await pilot.press("escape")
        await pilot.pause()
    assert searches(server) == [] and modal.sent == []


async def test_with_search_on_in_the_config_enter_sends_at_once(
    tmp_path: Path, server: RefServer
) -> None:
    from textual.widgets import OptionList

    article = tmp_path / "colds.md"
    article.write_text(ARTICLE, encoding="utf-8")
    config = Config(tmp_path / "c", literature_search=True)
    app = RefereeApp(open_session(article), folder=tmp_path, config=config)
    async with app.run_test(size=(130, 40)) as pilot:
        modal = await open_search(pilot, app, article)
        await pilot.press("enter")
        await modal.workers.wait_for_complete()
        await pilot.pause()
        assert modal.sent == ["vitamin D supplements risk colds children"]
        assert modal.query_one(OptionList).option_count == 4
        assert len([e for e in searches(server) if e[1] == "esearch.fcgi"]) == 1


async def test_l_links_the_selected_hit_as_an_outside_source_of_the_claim(
    tmp_path: Path, server: RefServer
) -> None:
    from textual.widgets import Input, OptionList

    from referee.review import store
    from referee.tui.screens.abstracts_dialog import AbstractsScreen

    article = tmp_path / "colds.md"
    article.write_text(ARTICLE, encoding="utf-8")
    session = open_session(article)
    config = Config(tmp_path / "c", literature_search=True)
    app = RefereeApp(session, folder=tmp_path, config=config)
    async with app.run_test(size=(130, 40)) as pilot:
        modal = await open_search(pilot, app, article)
        claim_id = app.screen_stack[-2].current_state().id
        await pilot.press("l")  # in the query field, l is a letter
        assert modal.query_one(Input).value.endswith("childrenl")
        await pilot.press("backspace", "enter")
        await modal.workers.wait_for_complete()
        await pilot.pause()
        options = modal.query_one(OptionList)
        await pilot.press("down")  # the systematic review without a DOI
        await pilot.press("l")
        await pilot.pause()
        assert str(options.get_option_at_index(1).prompt).startswith("linked · 2016")
        assert "Linked pmid:39900003" in str(modal.query_one("#literature-status").render())
        await pilot.press("l")  # twice is once
        await pilot.press("down", "down", "l")  # and the 2019 trial
        await pilot.press("escape")
        await pilot.pause()
        assert session.state(claim_id).refs == ("pmid:39900001", "pmid:39900003")

        await pilot.press("A")  # the linked sources' abstracts, evidence kept from them
        abstracts = app.screen
        assert isinstance(abstracts, AbstractsScreen)
        await abstracts.workers.wait_for_complete()
        await pilot.pause()
        shown = abstracts.query_one(OptionList)
        target = next(
            i for i in range(shown.option_count) if "did not prevent" in str(
                shown.get_option_at_index(i).prompt
            )
        )  # fmt: skip
        while shown.highlighted != target:
            await pilot.press("down")
        await pilot.press("enter")
        await pilot.pause()
    review = store.read(store.review_path(article))
    source = review.sources["pmid:39900003"]
    assert source.title == "Vitamin D supplements for colds in school children: a systematic review"
    assert (source.pmid, source.year, source.container) == ("39900003", "2016", "Child Health Evid")
    assert dict(source.extra)["design"] == "systematic review"
    assert review.claims[claim_id].refs == ("pmid:39900001", "pmid:39900003")
    kept = [(e.ref, e.quote, e.source) for e in review.claims[claim_id].evidence]
    assert kept == [("pmid:39900001", "Vitamin D did not prevent colds.", "pubmed:39900001")]
