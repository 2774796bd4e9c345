"""Evidence in the TUI: the detail pane shows stored evidence quotes and what a
citation is beside a link."""

from __future__ import annotations

from pathlib import Path

from conftest import open_session

from referee.config import Config
from referee.tui.app import RefereeApp

ARTICLE = """\
# Sugar

Sugary drinks raise the risk of type 2 diabetes (Malik, 2010).

## References

Malik, V. S. (2010). Sugar-sweetened beverages and risk of metabolic syndrome and type 2 diabetes. Diabetes Care, 33(11), 2477-2483.
"""


async def test_detail_shows_stored_evidence(tmp_path: Path) -> None:
    article = tmp_path / "sugar.md"
    article.write_text(ARTICLE, encoding="utf-8")
    session = open_session(article)
    claim = next(c for c in session.analysis.claims if "Sugary" in c.text)
    session.add_evidence(claim.id, "malik2010", "Risk rose by 26 percent.", "pubmed:20693348")
    app = RefereeApp(session, folder=tmp_path, config=Config(tmp_path / "c"))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        while screen.claims.current_id != claim.id:
            await pilot.press("j")
        text = screen.detail.text
        assert "Evidence (a citation is what the article says" in text
        assert "malik2010 (pubmed:20693348)  “Risk rose by 26 percent.”" in text


PUBMED_ARTICLE = """\
# Back pain

Acupuncture cures chronic back pain within two weeks [1].

## References

1. Zhang X. Acupuncture for chronic pain: a review. J Pain Stud. 2021;12(3):40-52. PMID: 31000001
"""


async def test_A_shows_abstracts_in_the_background_and_enter_keeps_a_sentence(
    tmp_path: Path, monkeypatch
) -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from refserver import RefServer

    from referee.review import store
    from referee.tui.screens.abstracts_dialog import AbstractsScreen

    article = tmp_path / "pain.md"
    article.write_text(PUBMED_ARTICLE, encoding="utf-8")
    session = open_session(article)
    claim = next(c for c in session.analysis.claims if "Acupuncture" in c.text)
    with RefServer(latency=0.05) as server:
        server.serve_referee(monkeypatch)
        app = RefereeApp(session, folder=tmp_path, config=Config(tmp_path / "c"))
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            while app.screen.claims.current_id != claim.id:
                await pilot.press("j")
            await pilot.press("A")
            modal = app.screen
            assert isinstance(modal, AbstractsScreen)
            await modal.workers.wait_for_complete()
            await pilot.pause()
            options = modal.query_one("#abstracts-options")
            prompts = [
                str(options.get_option_at_index(i).prompt) for i in range(options.option_count)
            ]
            assert any("RESULTS: No trial reported cures." in p for p in prompts)
            target = next(i for i, p in enumerate(prompts) if "No trial reported cures." in p)
            while options.highlighted != target:
                await pilot.press("down")
            await pilot.press("enter")
            await pilot.pause()
            assert not isinstance(app.screen, AbstractsScreen)
    stored = store.read(store.review_path(article)).claims[claim.id].evidence
    assert [(e.ref, e.quote, e.source) for e in stored] == [
        ("zhang2021", "No trial reported cures.", "pubmed:31000001")
    ]
    assert "Pain scores fell" not in store.review_path(article).read_text()


async def test_A_on_a_claim_without_references_says_so(tmp_path: Path) -> None:
    from referee.tui.screens.abstracts_dialog import AbstractsScreen

    article = tmp_path / "plain.md"
    article.write_text("# Note\n\nCoffee cures everything, studies show.\n", encoding="utf-8")
    app = RefereeApp(open_session(article), folder=tmp_path, config=Config(tmp_path / "c"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("A")
        assert isinstance(app.screen, AbstractsScreen)
        options = app.screen.query_one("#abstracts-options")
        assert "no cited or linked references" in str(options.get_option_at_index(0).prompt)
        await pilot.press("escape")
        assert not isinstance(app.screen, AbstractsScreen)
