"""Review files in every state: stale and orphaned claims, merge conflicts, an
unreadable file (read-only), a file changed on disk, and the article picker."""

from __future__ import annotations

import tomllib
from pathlib import Path

from conftest import notifications, notified, open_session
from textual.widgets import OptionList

from referee.config import Config
from referee.tui.app import RefereeApp
from referee.tui.screens.conflict import ConflictScreen
from referee.tui.screens.picker import PickerScreen, find_articles
from referee.tui.screens.review_screen import ReviewScreen

OLD_REVIEW = """\
schema = 1
article = "acupuncture-goodpasture.txt"
base = "0000000000000000000000000000000000000000"

[claim.cmzv43jrx]
verdict = "supported"
exact = "Goodpasture Syndrome is a rare autoimmune disease that mostly affects the kidneys and the lungs."
prefix = "alternative treatment option.\\n\\n\\n"
suffix = " This rare condition can lead to"
start = 300
end = 392
reviewer = "Ada"
reviewed = 2026-01-02
origin = "auto"

[claim.cxxxxxxxx]
verdict = "unsupported"
exact = "Acupuncture cures Goodpasture Syndrome in three sessions."
prefix = "nothing like this"
suffix = "is in the text"
start = 4400
end = 4457
note = "Removed by the author?"
reviewer = "Ada"
reviewed = 2026-01-02
origin = "manual"

[claim.cncfofm25]
exact = "This rare condition can lead to symptoms such as blood in the urine, coughing, shortness of breath, and fatigue."
prefix = " affects the kidneys and lungs. "
suffix = " While traditional treatments li"
start = 393
end = 505
reviewer = "Ada"
origin = "auto"

[claim.cncfofm25.conflict.verdict]
ours = "supported"
theirs = "overstated"
"""


def review_file(path: Path) -> Path:
    return path.parent / f"{path.name}.review.toml"


def row_text(screen: ReviewScreen, claim_id: str) -> str:
    claims = screen.claims
    row = claims._row_of[claim_id]
    return claims.render_line(row - int(claims.scroll_offset.y)).text


async def test_stale_and_orphaned_claims_have_their_own_section(seed, make_app) -> None:
    review_file(seed).write_text(OLD_REVIEW, encoding="utf-8")
    app = make_app(seed)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        ids = screen.claims.claim_ids
        assert ids[-2:] == ["cxxxxxxxx", "cmzv43jrx"]  # orphan, then stale, at the end
        assert "cmzv43jrx" not in ids[:-2]
        await pilot.press("G")
        assert "stale Goodpasture Syndrome is a rare autoimmu" in row_text(screen, "cmzv43jrx")
        await pilot.press("k")
        assert screen.claims.current_id == "cxxxxxxxx"
        assert "✗✎ orphan Acupuncture cures" in row_text(screen, "cxxxxxxxx")
        assert screen.article.current is None  # an orphan has no place in the text
        shown = app.export_screenshot()
        assert "Stale&#160;/&#160;orphaned&#160;(2)" in shown
        assert "orphaned:&#160;not&#160;found" in shown
        await pilot.press("f", "end", "up", "enter")  # the filter before dismissed: orphan
        assert screen.filter_name == "orphan"
        assert screen.claims.claim_ids == ["cxxxxxxxx"]


async def test_r_settles_a_merge_conflict(seed, make_app) -> None:
    review_file(seed).write_text(OLD_REVIEW, encoding="utf-8")
    app = make_app(seed)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert screen.claims.current_id == "cncfofm25"
        assert "‼" in row_text(screen, "cncfofm25")
        await pilot.press("r")
        assert isinstance(app.screen, ConflictScreen)
        await pilot.press("2")
        assert app.screen is screen
        claim = tomllib.loads(review_file(seed).read_text(encoding="utf-8"))["claim"]["cncfofm25"]
        assert claim["verdict"] == "overstated"
        assert "conflict" not in claim
        assert screen.session.conflicts() == []
        await pilot.press("r")
        assert notified(app, "has no merge conflict")


async def test_unreadable_review_opens_read_only_and_stays_untouched(seed, make_app) -> None:
    broken = b'schema = 1\narticle = "x"\n[claim.c1\nverdict = "supported"\n'
    review_file(seed).write_bytes(broken)
    app = make_app(seed)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert screen.session.read_only
        header = str(screen.query_one("#header").render())
        assert "READ-ONLY:" in header
        await pilot.press("s", "u", "x", "d", "a", "n", "l", "z")
        assert app.screen is screen  # no note editor or picker opened
        await pilot.pause()
        assert notified(app, "Read-only")
        await pilot.press("j", "k", "f", "escape")  # reading still works
    assert review_file(seed).read_bytes() == broken


async def test_a_file_changed_on_disk_is_merged_and_the_reviewer_told(seed, make_app) -> None:
    app = make_app(seed)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        first = screen.claims.current_id
        await pilot.press("s")
        second = screen.claims.current_id
        # another referee (or a git pull) marks the third claim meanwhile
        from referee.review.session import Session

        other = Session.open(seed, reviewer="Bob")
        third = other.claims()[2].id
        other.set_verdict(third, "overstated")
        await pilot.press("u")
        await pilot.pause()
        saved = review_file(seed).read_text(encoding="utf-8")
        assert saved.count("verdict = ") == 3  # nothing lost, on disk
        assert screen.session.state(third).verdict == "overstated"  # and on screen
        assert screen.session.state(first).verdict == "supported"
        assert screen.session.state(second).verdict == "unsupported"
        assert notified(app, "Review file changed") and notified(app, "merged into it")
        header = str(screen.query_one("#header").render())
        assert "3/" in header


async def test_an_article_changed_on_disk_is_noticed_when_saving(seed, make_app) -> None:
    app = make_app(seed)
    async with app.run_test(size=(100, 30)) as pilot:
        seed.write_text(seed.read_text(encoding="utf-8") + "\nA new closing line.\n")
        await pilot.press("s")
        await pilot.pause()
        assert notified(app, "Article changed")
        assert "verdict" in review_file(seed).read_text(encoding="utf-8")  # still saved


async def test_keys_come_from_config_and_unknown_ids_warn(seed, make_app) -> None:
    config = '[keys]\nmark-supported = "y"\nnext-claim = "J"\nno-such-binding = "x"\n'
    app = make_app(seed, config)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        ids = screen.claims.claim_ids
        await pilot.pause()
        warnings = [n for n in notifications(app) if n.severity == "warning"]
        assert any("no-such-binding" in n.message for n in warnings)
        await pilot.press("s")  # no longer bound
        assert screen.session.state(ids[0]).verdict is None
        await pilot.press("y")
        assert screen.session.state(ids[0]).verdict == "supported"
        assert screen.claims.current_id == ids[1]
        await pilot.press("j")  # j now does nothing; J moves
        assert screen.claims.current_id == ids[1]
        await pilot.press("J")
        assert screen.claims.current_id == ids[2]


async def test_picker_opens_the_chosen_article(seed, tmp_path: Path) -> None:
    other = seed.parent / "b-news.md"
    other.write_text("# News\n\nCoffee cures cancer, a study shows.\n", encoding="utf-8")
    (seed.parent / "notes.pdf").write_bytes(b"%PDF")
    articles = find_articles(seed.parent)
    assert [p.name for p in articles] == [seed.name, "b-news.md"]
    app = RefereeApp(
        None, folder=seed.parent, articles=articles, reviewer="T", config=Config(tmp_path / "c")
    )
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.screen, PickerScreen)
        assert app.screen.query_one(OptionList).option_count == 2
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert app.screen.session.article.path == other
        await pilot.press("s")
    assert review_file(other).exists()


async def test_escape_in_the_first_picker_quits(seed, tmp_path: Path) -> None:
    app = RefereeApp(None, folder=seed.parent, articles=[seed], config=Config(tmp_path / "c"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("escape")
        await pilot.pause()
    assert app.return_code == 0


async def test_session_without_claims_shows_an_empty_list(tmp_path: Path) -> None:
    article = tmp_path / "empty.md"
    article.write_text("# Title\n\nHello there.\n", encoding="utf-8")
    app = RefereeApp(open_session(article), folder=tmp_path, config=Config(tmp_path / "c"))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert screen.claims.claim_ids == []
        await pilot.press("s", "j", "n", "l", "d", "right_square_bracket")
        assert app.screen is screen
        assert "No claims found" in screen.claims.render_line(0).text
    assert not review_file(article).exists()


async def test_article_pane_keys_have_ids_and_can_be_remapped(seed, make_app) -> None:
    app = make_app(seed, '[keys]\narticle-line-down = "ctrl+n"\n')
    async with app.run_test(size=(100, 30)) as pilot:
        article = app.screen.article
        article.focus()
        await pilot.pause()
        assert not [n for n in notifications(app) if n.severity == "warning"]
        before = article.cursor
        await pilot.press("ctrl+n")
        assert article.line_of(article.cursor) == article.line_of(before) + 1
