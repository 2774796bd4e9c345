"""What a reviewer's full day in the TUI showed: selection and focus seen without
colour, the current claim kept in view on a resize, the reading cursor on the claim's
first line, and the link picker's first `down`."""

from __future__ import annotations

from pathlib import Path

from conftest import notified
from textual.app import App, ComposeResult
from textual.widgets import OptionList

from referee.tui.screens.link import LinkScreen
from referee.tui.screens.pane_titles import FOCUS_MARK
from referee.tui.screens.review_screen import ReviewScreen
from referee.tui.widgets.article_view import ArticleView
from referee.tui.widgets.marked_list import MARKER


def review(app) -> ReviewScreen:  # type: ignore[no-untyped-def]
    screen = app.screen
    assert isinstance(screen, ReviewScreen), screen
    return screen


def first_cells(widget: OptionList) -> list[str]:
    height = widget.scrollable_content_region.height
    return [widget.render_line(y).text[:1] for y in range(min(height, widget.option_count))]


async def test_without_colour_the_selected_reference_and_the_focused_pane_show_in_text(
    seed: Path, make_app, monkeypatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(seed)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = review(app)
        assert screen.claims.border_title.startswith(FOCUS_MARK)
        assert not screen.references.border_title.startswith(FOCUS_MARK)
        await pilot.press("tab", "tab")
        assert app.focused is screen.references
        assert screen.references.border_title == FOCUS_MARK + "References"
        assert not screen.claims.border_title.startswith(FOCUS_MARK)
        assert first_cells(screen.references) == [MARKER, " "]
        await pilot.press("down")
        assert first_cells(screen.references) == [" ", MARKER]


async def test_the_link_picker_marks_its_row_and_down_after_a_filter_takes_the_first_match(
    seed: Path, make_app
) -> None:
    app = make_app(seed)
    async with app.run_test(size=(100, 30)) as pilot:
        claim_id = review(app).claims.current_id
        await pilot.press("l", *"20")  # both references match "20"
        assert isinstance(app.screen, LinkScreen)
        options = app.screen.query_one(OptionList)
        assert options.option_count == 2 and options.highlighted is None
        assert first_cells(options) == [" ", " "]
        await pilot.press("down")
        assert options.highlighted == 0
        assert first_cells(options) == [MARKER, " "]
        first = options.get_option_at_index(0).id
        await pilot.press("enter", "ctrl+s")
        assert list(review(app).session.state(claim_id).refs) == [first]


async def test_enter_before_any_move_links_the_best_match(seed: Path, make_app) -> None:
    app = make_app(seed)
    async with app.run_test(size=(100, 30)) as pilot:
        claim_id = review(app).claims.current_id
        await pilot.press("l", *"wang", "enter", "ctrl+s")
        assert list(review(app).session.state(claim_id).refs) == ["wang2020"]


async def test_a_resize_keeps_the_current_claim_in_view(seed: Path, make_app) -> None:
    app = make_app(seed)
    async with app.run_test(size=(160, 48)) as pilot:
        screen = review(app)
        for _ in range(18):
            await pilot.press("j")
        start, _end = screen.article.current
        for size in ((100, 30), (80, 24), (160, 48), (80, 24)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            await pilot.pause()
            view = screen.article
            top, height = int(view.scroll_offset.y), view.scrollable_content_region.height
            if view.display and height > 0:
                assert top <= view.line_of(start) < top + height, size


class Host(App[None]):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        yield ArticleView(self.text)

    def on_mount(self) -> None:
        self.query_one(ArticleView).focus()


async def test_the_reading_cursor_shows_on_the_line_where_the_current_claim_starts() -> None:
    text = "Before the claim on this line. The claim starts here and goes on.\n\nMore text."
    claim = text.index("The claim")
    app = Host(text)
    async with app.run_test(size=(100, 10)) as pilot:
        view = app.query_one(ArticleView)
        view.set_current(claim, text.index("\n"))
        await pilot.pause()
        assert view.render_line(0).text.startswith("▶")  # the cursor is on the claim
        view.move_cursor(0)  # the same line, before the claim: where `a` would act
        await pilot.pause()
        assert view.render_line(0).text.startswith("›")
        view.move_cursor(claim + 3)
        await pilot.pause()
        assert view.render_line(0).text.startswith("▶")


async def test_maximizing_a_pane_keeps_the_header_and_the_key_bar(seed: Path, make_app) -> None:
    from referee.tui.widgets.header import ReviewHeader
    from referee.tui.widgets.key_bar import KeyBar

    app = make_app(seed)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = review(app)
        await pilot.press("tab", "m")
        await pilot.pause()
        assert screen.maximized is screen.article
        assert screen.query_one(ReviewHeader).region.height == 1
        assert screen.query_one(KeyBar).region.height >= 1
        assert screen.article.region.height == 24 - 1 - screen.query_one(KeyBar).region.height


# -- the flow of a day -------------------------------------------------------------------


async def test_the_last_verdict_says_the_review_is_complete(tmp_path: Path, make_app) -> None:
    article = tmp_path / "short.md"
    article.write_text(
        "# Short\n\nCoffee cures cancer in most patients.\n\nTea doubles your lifespan.\n",
        encoding="utf-8",
    )
    app = make_app(article)
    async with app.run_test(size=(100, 30)) as pilot:
        assert len(review(app).claims.claim_ids) == 2
        await pilot.press("s")
        assert not notified(app, "Every claim")
        await pilot.press("u")
        await pilot.pause()
        assert notified(app, "Every claim has a verdict (2/2)")


async def test_after_verdict_next_unreviewed_skips_judged_claims(seed: Path, make_app) -> None:
    app = make_app(seed)
    async with app.run_test(size=(100, 30)) as pilot:
        ids = review(app).claims.claim_ids
        await pilot.press("j", "s")  # claim 2 judged; claim 3 is next
    app = make_app(seed, '[review]\nafter_verdict = "next-unreviewed"\n')
    async with app.run_test(size=(100, 30)) as pilot:
        screen = review(app)
        screen.claims.select(ids[0])
        await pilot.press("o")  # claim 2 has a verdict: skipped
        assert screen.claims.current_id == ids[2]
    app = make_app(seed, '[review]\nafter_verdict = "next"\n')
    async with app.run_test(size=(100, 30)) as pilot:
        screen = review(app)
        screen.claims.select(ids[0])
        await pilot.press("o")
        assert screen.claims.current_id == ids[1]


async def test_an_orphan_can_be_dropped_and_brought_back(seed: Path, make_app) -> None:
    from conftest import review_text

    app = make_app(seed)
    async with app.run_test(size=(100, 30)) as pilot:
        orphan_id = review(app).claims.current_id
        orphan_text = review(app).session.state(orphan_id).text
        await pilot.press("u")
    seed.write_text(seed.read_text(encoding="utf-8").replace(orphan_text, ""), encoding="utf-8")
    app = make_app(seed)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = review(app)
        assert screen.session.state(orphan_id).anchor == "orphan"
        await pilot.press("D")  # on a claim in the article: explained, nothing dropped
        assert notified(app, "d dismisses")
        screen.claims.select(orphan_id)
        await pilot.press("D")
        assert f"[claim.{orphan_id}]" not in review_text(seed)
        assert orphan_id not in screen.claims.claim_ids
        await pilot.press("z")
        assert f"[claim.{orphan_id}]" in review_text(seed)
        assert screen.session.state(orphan_id).verdict == "unsupported"


async def test_a_refused_save_names_the_reload_key(seed: Path, make_app) -> None:
    app = make_app(seed)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s")
        review_file = Path(f"{seed}.review.toml")
        review_file.unlink()  # removed meanwhile (a checkout): not written again
        await pilot.press("u")
        await pilot.pause()
        assert notified(app, "Press ctrl+r to reload")


async def test_O_opens_the_picker_and_it_shows_each_articles_progress(seed: Path, make_app) -> None:
    from referee.tui.screens.picker import PickerScreen

    other = seed.parent / "b-news.md"
    other.write_text("# News\n\nCoffee cures cancer in most patients.\n", encoding="utf-8")
    app = make_app(seed)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s", "O")
        assert isinstance(app.screen, PickerScreen)
        options = app.screen.query_one(OptionList)
        for _ in range(100):
            rows = [str(options.get_option_at_index(i).prompt) for i in range(2)]
            if all("reviewed" in row for row in rows):
                break
            await pilot.pause(0.02)
        assert "1/24 reviewed" in rows[0]
        assert "0/1 reviewed" in rows[1]


async def test_markdown_is_drawn_lightly_and_every_offset_stays(tmp_path: Path, make_app) -> None:
    article = tmp_path / "post.md"
    text = "# A **bold** title\n\n- Coffee cures cancer in most patients.\n"
    article.write_text(text, encoding="utf-8")
    app = make_app(article)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        view = review(app).article
        assert view.text == text  # the canonical text is unchanged
        rows = [view.render_line(y) for y in range(4)]
        assert rows[0].text[2:].startswith("# A **bold** title")  # every character shown
        bold = [seg for seg in rows[0] if seg.text == "bold"]
        assert bold and bold[0].style.bold
        assert "• Coffee cures cancer" in rows[2].text  # the list marker as a bullet
        view.move_cursor(text.index("Coffee"))
        assert view.cursor == text.index("Coffee")


async def test_v_selects_a_span_that_a_adds_as_a_claim(seed: Path, make_app) -> None:
    app = make_app(seed)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = review(app)
        text = screen.session.article.text
        start = text.index("Meta-description:")
        screen.article.move_cursor(start)
        await pilot.press("v")
        assert app.focused is screen.article
        await pilot.press("right", "right", "right")  # three words on
        selection = screen.article.selection
        assert selection is not None and selection[0] == start
        assert text[selection[0] : selection[1]] == "Meta-description: Discover "
        await pilot.press("a")
        assert screen.article.selection is None
        added = screen.claims.current_id
        state = screen.session.state(added)
        assert (state.start, state.origin) == (start, "manual")
        assert state.text == "Meta-description: Discover"  # trimmed of the space


async def test_e_selects_the_current_claim_to_stretch_it_by_a_word(seed: Path, make_app) -> None:
    app = make_app(seed)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = review(app)
        state = screen.current_state()
        await pilot.press("e")
        assert screen.article.selection == (state.start, state.end)
        await pilot.press("left")  # the end a word back
        start, end = screen.article.selection
        assert start == state.start and end < state.end
        await pilot.press("v")  # stops without adding
        assert screen.article.selection is None
        assert screen.session.state(state.id).origin == "auto"


async def test_shift_arrows_stretch_a_selected_claim_by_a_sentence(seed: Path, make_app) -> None:
    app = make_app(seed)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = review(app)
        state = screen.current_state()
        text = screen.session.article.text
        await pilot.press("e", "shift+right")  # the next sentence joins the selection
        start, end = screen.article.selection
        assert start == state.start and end > state.end
        assert text[state.end : end].strip().endswith(".")
        await pilot.press("shift+left")  # back to the end of the claim's own sentence
        assert screen.article.selection == (state.start, state.end)


async def test_exports_are_saved_beside_the_article_or_offered_to_the_browser(
    seed: Path, make_app, monkeypatch
) -> None:
    app = make_app(seed)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s")
        review(app).export("html")
        saved = seed.with_name(seed.name + ".review.html")
        assert saved.exists() and "<html" in saved.read_text(encoding="utf-8").lower()
        delivered: list[tuple[str, str | None]] = []
        monkeypatch.setattr(type(app), "is_web", property(lambda self: True))
        monkeypatch.setattr(
            type(app),
            "deliver_text",
            lambda self, f, save_filename=None, **kw: delivered.append((f.read(), save_filename)),
        )
        review(app).export("csv")
        assert delivered and delivered[0][1] == seed.name + ".review.csv"
        assert delivered[0][0].startswith("id,")
        assert not seed.with_name(seed.name + ".review.csv").exists()
