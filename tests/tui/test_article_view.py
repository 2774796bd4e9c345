"""ArticleView: exact wrapping, highlights, the current claim, the cursor, hostile text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.segment import Segment
from textual.app import App, ComposeResult
from textual.strip import Strip

from referee.tui.widgets import soft_wrap
from referee.tui.widgets.article_view import GUTTER_WIDTH, ArticleView, Highlight
from referee.visible import visible

GREEN = (0, 255, 0)
RED = (255, 0, 0)


class Host(App[None]):
    """A bare app holding one ArticleView, recording the messages it posts."""

    CSS = """
    ArticleView > .article-view--supported { color: rgb(0, 255, 0); }
    ArticleView > .article-view--unsupported { color: rgb(255, 0, 0); }
    """

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text
        self.moves: list[int] = []

    def compose(self) -> ComposeResult:
        yield ArticleView(self.text)

    def on_mount(self) -> None:
        self.query_one(ArticleView).focus()

    def on_article_view_cursor_moved(self, message: ArticleView.CursorMoved) -> None:
        assert message.control is self.query_one(ArticleView)
        self.moves.append(message.offset)


def rows(view: ArticleView) -> list[Strip]:
    return [view.render_line(y) for y in range(view.scrollable_content_region.height)]


def cells(strip: Strip) -> list[tuple[str, Segment]]:
    """One entry per code point drawn: (character, its segment)."""
    return [(char, segment) for segment in strip for char in segment.text]


def paragraphs(count: int) -> str:
    return "\n\n".join(
        f"Paragraph {n} says that something holds for reason {n} and more words follow here."
        for n in range(count)
    )


# -- wrapping ---------------------------------------------------------------------------

WORDS = st.sampled_from(
    ["a", "word", "longerword", "x" * 23, "中文", "😀", "e\u0301", "\t", " ", "  ", "\n", "\n\n"]
)


def content_width(line: str) -> int:
    column = 0
    for char in line.rstrip(" \t\n"):
        column += soft_wrap.char_cells(char, column)
    return column


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS, max_size=60).map("".join), st.integers(1, 30))
def test_wrapping_partitions_the_text_exactly(text: str, width: int) -> None:
    starts = soft_wrap.wrap(text, width)
    assert starts[0] == 0
    assert starts == sorted(set(starts))
    assert all(start < len(text) for start in starts[1:])
    ends = [*starts[1:], len(text)]
    lines = [text[a:b] for a, b in zip(starts, ends, strict=True)]
    assert "".join(lines) == text  # every code point on exactly one line, in order
    for index, line in enumerate(lines):
        assert "\n" not in line[:-1]
        assert content_width(line) <= width or len(line.rstrip(" \t\n").replace("\u0301", "")) == 1
        next_start = ends[index]
        if next_start < len(text) and line[-1] not in " \t\n":
            # Cut inside a word only when the line offered no break after a space.
            assert not any(
                line[i - 1] in " \t" and line[i] not in " \t" for i in range(1, len(line))
            )


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab é-", max_size=80), st.integers(1, 20))
def test_fast_and_general_wrapping_agree(text: str, width: int) -> None:
    assert list(soft_wrap._wrap_narrow(text, width)) == list(soft_wrap._wrap_general(text, width))


def test_words_stay_whole_and_blank_lines_stay() -> None:
    text = "alpha beta gamma delta\n\nepsilon"
    wrapped = soft_wrap.WrappedText.build(text, 11)
    lines = [text[slice(*wrapped.bounds(i))] for i in range(wrapped.line_count)]
    assert lines == ["alpha beta ", "gamma delta\n", "\n", "epsilon"]
    assert wrapped.line_of(text.index("gamma")) == 1
    assert wrapped.offset_at(1, 3) == text.index("gamma") + 3
    assert wrapped.offset_at(2, 5) == text.index("\n\n") + 1  # a blank line: its newline


def test_wide_characters_and_tabs_keep_columns() -> None:
    text = "中文中文中文\tx"
    wrapped = soft_wrap.WrappedText.build(text, 9)
    assert [text[slice(*wrapped.bounds(i))] for i in range(wrapped.line_count)] == [
        "中文中文",
        "中文\tx",
    ]
    assert wrapped.column_of(text.index("x")) == 8  # 4 cells of CJK, the tab to 8
    assert soft_wrap.expand("中文\tx") == ("中文    x", 9)


# -- the widget -------------------------------------------------------------------------


async def test_rendered_lines_reproduce_the_text() -> None:
    text = "Wide 中文 and 😀 emoji sit in long lines of words. " * 12 + "\n\nEnd."
    app = Host(text)
    async with app.run_test(size=(60, 40)) as pilot:
        await pilot.pause()
        view = app.query_one(ArticleView)
        width = view.scrollable_content_region.width
        drawn = []
        for index, strip in enumerate(rows(view)[: view.line_count]):
            assert strip.cell_length == width
            start, _ = view._wrap().bounds(index)
            end = view._wrap().content_end(index)
            body = strip.text[GUTTER_WIDTH:]
            assert body.startswith(text[start:end].rstrip(" "))
            assert cell_len(body) == width - GUTTER_WIDTH
            drawn.append(text[start:end])
        assert "".join(drawn).replace("\n", "") == text.replace("\n", "")


async def test_highlights_use_their_component_style_on_their_cells() -> None:
    text = "Plain start. Claim one is here. Between. Claim two is false. Tail."
    one = (text.index("Claim one"), text.index("Between") - 1)
    two = (text.index("Claim two"), text.index("Tail") - 1)
    app = Host(text)
    async with app.run_test(size=(100, 10)) as pilot:
        view = app.query_one(ArticleView)
        view.set_highlights(
            [Highlight(*one, "supported", "✓"), Highlight(*two, "unsupported", "✗")]
        )
        await pilot.pause()
        first = cells(rows(view)[0])
        assert first[1][0] == "✓"  # the glyph of the first highlight starting on the line
        body = first[GUTTER_WIDTH:]
        for offset, (char, segment) in enumerate(body[: len(text)]):
            assert char == text[offset]
            color = segment.style.color and segment.style.color.triplet
            if one[0] <= offset < one[1]:
                assert (color, segment.style.underline) == (GREEN, True)
            elif two[0] <= offset < two[1]:
                assert (color, segment.style.underline, segment.style.bold) == (RED, True, True)
            else:
                assert color not in (GREEN, RED)
                assert not segment.style.underline or offset == view.cursor


async def test_set_current_marks_the_span_and_scrolls_it_into_view() -> None:
    text = paragraphs(300)
    target = text.index("Paragraph 250 ")
    span = (target, text.index("\n", target))
    app = Host(text)
    async with app.run_test(size=(80, 24)) as pilot:
        view = app.query_one(ArticleView)
        view.set_current(*span)
        await pilot.pause()
        top, height = int(view.scroll_offset.y), view.scrollable_content_region.height
        line = view.line_of(span[0])
        assert top <= line < top + height
        assert top > 0
        strip = view.render_line(line - top)
        assert strip.text.startswith("▶")
        body = [segment for _, segment in cells(strip)[GUTTER_WIDTH:]]
        assert view.cursor == span[0]
        # The claim is reversed; the cursor cell on its start flips back and is underlined.
        assert all(segment.style.reverse for segment in body[1:10])
        assert (body[0].style.reverse, body[0].style.underline) == (False, True)
        assert app.moves == []  # a programmatic move posts nothing

        # Moving to a span already comfortably on screen does not scroll.
        nearby = text.index("Paragraph 251 ")
        view.set_current(nearby, nearby + 12)
        await pilot.pause()
        assert int(view.scroll_offset.y) == top
        old = view.render_line(line - top)
        assert not old.text.startswith("▶")
        assert not any(segment.style.reverse for _, segment in cells(old)[GUTTER_WIDTH + 1 :])

        view.set_current(None, None)
        await pilot.pause()
        assert view.current is None
        assert all("▶" not in strip.text for strip in rows(view))


async def test_set_current_before_layout_scrolls_once_laid_out() -> None:
    text = paragraphs(200)
    target = text.index("Paragraph 180 ")

    class Early(Host):
        def on_mount(self) -> None:
            self.query_one(ArticleView).set_current(target, target + 20)

    app = Early(text)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        view = app.query_one(ArticleView)
        top, height = int(view.scroll_offset.y), view.scrollable_content_region.height
        assert top <= view.line_of(target) < top + height


async def test_cursor_keys_move_the_cursor_and_post_cursor_moved() -> None:
    text = "\n\n".join(f"Line {n}." for n in range(100))
    app = Host(text)
    async with app.run_test(size=(80, 24)) as pilot:
        view = app.query_one(ArticleView)
        await pilot.pause()
        await pilot.press("up")
        assert view.cursor == 0 and app.moves == []  # nothing above the first line
        await pilot.press("down")
        await pilot.pause()
        assert view.cursor == 8  # the blank line after "Line 0.\n": its newline
        await pilot.press("down")
        await pilot.pause()
        assert view.cursor == text.index("Line 1.")
        assert app.moves == [8, text.index("Line 1.")]
        strip = view.render_line(view.line_of(view.cursor) - int(view.scroll_offset.y))
        assert strip.text.startswith("›")
        assert cells(strip)[GUTTER_WIDTH][1].style.reverse  # the cursor cell, focused

        await pilot.press("pagedown")
        await pilot.pause()
        height = view.scrollable_content_region.height
        assert view.line_of(view.cursor) == 2 + height - 1
        top = int(view.scroll_offset.y)
        assert top <= view.line_of(view.cursor) < top + height

        await pilot.press("end")
        await pilot.pause()
        assert view.cursor == text.rindex("\n") + 1
        assert int(view.scroll_offset.y) + height > view.line_of(view.cursor)
        await pilot.press("home")
        await pilot.pause()
        assert (view.cursor, int(view.scroll_offset.y)) == (0, 0)
        assert app.moves[-1] == 0


async def test_up_and_down_keep_the_goal_column() -> None:
    text = "abcdefghij\nxy\n0123456789"
    app = Host(text)
    async with app.run_test(size=(40, 10)) as pilot:
        view = app.query_one(ArticleView)
        view.move_cursor(7)
        await pilot.press("down")
        assert view.cursor == text.index("\nxy\n") + 3  # "xy" is short: its newline
        await pilot.press("down")
        assert view.cursor == text.index("0123") + 7
        assert app.moves == [7, text.index("\nxy\n") + 3, text.index("0123") + 7]


async def test_hostile_text_is_shown_literally() -> None:
    text = "A [bold red]x[/] B [@click=app.quit]q[/] C \x1b[2J D \x1b]52;c;aGVsbG8=\x07 E [link=x]y"
    app = Host(text)
    async with app.run_test(size=(120, 10)) as pilot:
        await pilot.pause()
        view = app.query_one(ArticleView)
        strip = rows(view)[0]
        shown = strip.text[GUTTER_WIDTH:]
        assert shown.rstrip(" ") == visible(text)
        assert "[bold red]x[/]" in shown and "[@click=app.quit]q[/]" in shown
        assert "␛[2J" in shown and "␛]52;c;aGVsbG8=␇" in shown
        for segment in strip:
            assert not any(ord(char) < 32 or 0x7F <= ord(char) < 0xA0 for char in segment.text)
            assert not segment.style or (not segment.style.meta and not segment.style.link)
        assert app.is_running  # the [@click=app.quit] never became an action


async def test_resize_rewraps_and_keeps_the_reading_position() -> None:
    text = paragraphs(120)
    app = Host(text)
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.query_one(ArticleView)
        await pilot.pause()
        wide_lines = view.line_count
        view.scroll_to_offset(text.index("Paragraph 60 "), center=False)
        await pilot.pause()
        top_offset = view._wrap().starts[int(view.scroll_offset.y)]
        await pilot.resize_terminal(50, 20)
        await pilot.pause()
        assert view.line_count > wide_lines
        width = view.scrollable_content_region.width
        for strip in rows(view):
            assert strip.cell_length == width
            assert cell_len(strip.text.rstrip(" ")) <= width
        new_top = view._wrap().bounds(int(view.scroll_offset.y))
        assert new_top[0] <= top_offset < new_top[1]


async def test_only_visible_lines_are_rendered() -> None:
    text = paragraphs(3000)  # about 6,000 wrapped lines
    app = Host(text)
    async with app.run_test(size=(80, 24)) as pilot:
        view = app.query_one(ArticleView)
        rendered: list[int] = []
        original = view._render_wrapped

        def counting(wrapped, index, *args):  # type: ignore[no-untyped-def]
            rendered.append(index)
            return original(wrapped, index, *args)

        view._render_wrapped = counting  # type: ignore[method-assign]
        view.refresh()
        await pilot.pause()
        view.set_current(text.index("Paragraph 2000 "), text.index("Paragraph 2000 ") + 30)
        await pilot.pause()
        assert view.line_count > 5000
        assert rendered and len(set(rendered)) <= 3 * view.scrollable_content_region.height


async def test_search_matches_and_kinds_without_colour() -> None:
    text = "find me, then find me again"
    app = Host(text)
    async with app.run_test(size=(60, 6)) as pilot:
        view = app.query_one(ArticleView)
        view.set_search_matches([(0, 7), (14, 21)])
        view.set_highlights([Highlight(0, 27, "overstated", "≈")])
        await pilot.pause()
        body = cells(rows(view)[0])[GUTTER_WIDTH:]
        search = view.get_component_rich_style("article-view--search", partial=True)
        assert body[0][1].style.bgcolor == search.bgcolor is not None
        assert body[8][1].style.bgcolor != search.bgcolor
        # Every kind is visible without colour: the claim extent is underlined and the
        # verdicts that differ by colour alone elsewhere differ here by attributes too.
        attributes = {}
        for kind in ("unreviewed", "supported", "unsupported", "overstated", "stale"):
            style = view.get_component_rich_style(f"article-view--{kind}", partial=True)
            assert style.underline
            attributes[kind] = (style.bold, style.italic, style.dim)
        assert len({attributes[k] for k in ("unreviewed", "unsupported", "overstated")}) == 3
        current = view.get_component_rich_style("article-view--current", partial=True)
        assert current.reverse


async def test_soft_breaks_reflow_hard_wrapped_paragraphs() -> None:
    text = "First line of a\nhard-wrapped paragraph.\n\n- a list\n- kept apart\n"
    app = Host(text)
    async with app.run_test(size=(80, 10)) as pilot:
        view = app.query_one(ArticleView)
        await pilot.pause()
        assert view.line_count == 5
        view.set_soft_breaks([(0, text.index("\n\n")), (len(text) - 5, len(text) + 9)])
        await pilot.pause()
        shown = [strip.text[GUTTER_WIDTH:].rstrip() for strip in rows(view)[: view.line_count]]
        assert shown == ["First line of a hard-wrapped paragraph.", "", "- a list", "- kept apart"]
        assert view.text == text  # offsets unchanged: the newline is drawn, not removed
        assert view.line_of(text.index("hard")) == 0
        assert view.line_of(text.index("- kept")) == 3


def test_offsets_resolve_before_layout_without_a_one_cell_wrap() -> None:
    view = ArticleView("word " * 2000)
    assert view.line_of(5 * 100) == 6  # 15 words a line at the provisional 78 cells
    assert set(view._wraps) == {78}


async def test_a_click_puts_the_cursor_on_the_character() -> None:
    text = "Click somewhere in this sentence.\nSecond line here."
    app = Host(text)
    async with app.run_test(size=(60, 8)) as pilot:
        view = app.query_one(ArticleView)
        await pilot.click(ArticleView, offset=(GUTTER_WIDTH + 7, 1))
        await pilot.pause()
        assert view.cursor == text.index("line")
        assert app.moves == [text.index("line")]
