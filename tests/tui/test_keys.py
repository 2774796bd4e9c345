"""Pilot tests: every key of the review screen does what the help says, and saves."""

from __future__ import annotations

import contextlib
import sys
import tomllib
from pathlib import Path

from conftest import REVIEWER, notified, palette_results, review_text, wait_for
from textual.widgets import Input, OptionList, TextArea

from referee.tui.screens.filter import FilterScreen
from referee.tui.screens.help import HelpScreen
from referee.tui.screens.link import LinkScreen
from referee.tui.screens.note import NoteScreen
from referee.tui.screens.review_screen import ReviewScreen
from referee.tui.screens.search import SearchScreen


def review(app) -> ReviewScreen:
    screen = app.screen
    assert isinstance(screen, ReviewScreen), screen
    return screen


def stored(path: Path) -> dict:
    review_file = path.parent / f"{path.name}.review.toml"
    if not review_file.exists():
        return {}
    return tomllib.loads(review_file.read_text(encoding="utf-8")).get("claim", {})


async def test_opens_on_first_claim_with_progress(seed, make_app) -> None:
    app = make_app(seed)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = review(app)
        first = screen.session.claims()[0]
        assert screen.claims.current_id == first.id
        assert app.focused is screen.claims
        assert screen.article.current == (first.start, first.end)
        header = str(screen.query_one("#header").render())
        assert seed.name in header
        assert f"0/{len(screen.session.claims())} reviewed" in header
    assert not (seed.parent / f"{seed.name}.review.toml").exists()


async def test_j_k_and_arrows_move_between_claims(seed, make_app) -> None:
    app = make_app(seed)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = review(app)
        ids = [s.id for s in screen.session.claims()]
        await pilot.press("j", "j")
        assert screen.claims.current_id == ids[2]
        await pilot.press("k")
        assert screen.claims.current_id == ids[1]
        await pilot.press("down", "down")
        assert screen.claims.current_id == ids[3]
        await pilot.press("up")
        assert screen.claims.current_id == ids[2]
        state = screen.session.state(ids[2])
        assert screen.article.current == (state.start, state.end)
        await pilot.press("G")
        assert screen.claims.current_id == ids[-1]
        await pilot.press("g")
        assert screen.claims.current_id == ids[0]
        await pilot.press("k")  # already first: stays
        assert screen.claims.current_id == ids[0]


async def test_verdict_keys_save_and_move_on(seed, make_app) -> None:
    app = make_app(seed)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = review(app)
        ids = [s.id for s in screen.session.claims()]
        await pilot.press("s")
        assert screen.claims.current_id == ids[1]
        assert stored(seed)[ids[0]]["verdict"] == "supported"
        await pilot.press("u", "o")
        assert screen.claims.current_id == ids[3]
        claims = stored(seed)
        assert claims[ids[1]]["verdict"] == "unsupported"
        assert claims[ids[2]]["verdict"] == "overstated"
        assert claims[ids[0]]["reviewer"] == REVIEWER
        assert "3/" in str(screen.query_one("#header").render())
        await pilot.press("k", "x")  # clear: stays on the claim
        assert screen.claims.current_id == ids[2]
        assert "verdict" not in stored(seed).get(ids[2], {})


async def test_last_claim_verdict_stays_on_it(seed, make_app) -> None:
    app = make_app(seed)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = review(app)
        last = screen.session.claims()[-1].id
        await pilot.press("G", "s")
        assert screen.claims.current_id == last
        assert stored(seed)[last]["verdict"] == "supported"


async def test_brackets_jump_between_unreviewed(seed, make_app) -> None:
    app = make_app(seed)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = review(app)
        ids = [s.id for s in screen.session.claims()]
        await pilot.press("j", "s", "s")  # ids[1], ids[2] reviewed; on ids[3]
        await pilot.press("g", "right_square_bracket")
        assert screen.claims.current_id == ids[3]
        await pilot.press("left_square_bracket")
        assert screen.claims.current_id == ids[0]
        await pilot.press("left_square_bracket")  # wraps to the last unreviewed
        assert screen.claims.current_id == ids[-1]


async def test_note_modal_saves_with_ctrl_s(seed, make_app) -> None:
    app = make_app(seed)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = review(app)
        claim_id = screen.claims.current_id
        await pilot.press("n")
        assert isinstance(app.screen, NoteScreen)
        area = app.screen.query_one(TextArea)
        assert app.focused is area
        await pilot.press(*"First line", "enter", *"[b]second[/b]")
        await pilot.press("ctrl+s")
        assert app.screen is screen
        assert stored(seed)[claim_id]["note"] == "First line\n[b]second[/b]"
        assert screen.claims.current_id == claim_id  # a note does not move on


async def test_note_modal_escape_cancels_and_save_button_saves(seed, make_app) -> None:
    app = make_app(seed)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = review(app)
        claim_id = screen.claims.current_id
        await pilot.press("n", *"discarded", "escape")
        assert isinstance(app.screen, NoteScreen)  # changed text: escape asks again
        assert notified(app, "escape again to discard")
        await pilot.press("escape")
        assert app.screen is screen
        assert stored(seed) == {}
        await pilot.press("n", *"kept")
        await pilot.press("tab", "enter")  # tab reaches the Save button
        assert stored(seed)[claim_id]["note"] == "kept"


async def test_quitting_from_the_note_editor_asks_when_the_note_is_unsaved(seed, make_app) -> None:
    app = make_app(seed)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n", *"half a thought", "ctrl+q")
        assert isinstance(app.screen, NoteScreen) and not app.exiting
        assert notified(app, "quit again to discard")
        await pilot.press("ctrl+s")  # saved after all
        await pilot.press("n", "ctrl+q")  # unchanged text: quits at once
        assert app.exiting
    assert [a["note"] for a in stored(seed).values()] == ["half a thought"]


async def test_E_edits_the_note_in_the_editor(seed, make_app, monkeypatch, tmp_path) -> None:
    script = tmp_path / "editor.py"
    script.write_text(
        "import sys\n"
        "path = sys.argv[1]\n"
        "old = open(path, encoding='utf-8').read()\n"
        "open(path, 'w', encoding='utf-8').write(old + 'written in the editor\\n')\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("VISUAL", f"{sys.executable} {script}")
    app = make_app(seed)
    monkeypatch.setattr(type(app), "suspend", lambda self: contextlib.nullcontext())
    async with app.run_test(size=(100, 30)) as pilot:
        screen = review(app)
        claim_id = screen.claims.current_id
        await pilot.press("E")
        assert stored(seed)[claim_id]["note"] == "written in the editor"
        await pilot.press("E")  # the editor sees the note and appends to it
        assert stored(seed)[claim_id]["note"] == "written in the editor\nwritten in the editor"


async def test_E_with_a_failing_editor_changes_nothing(seed, make_app, monkeypatch) -> None:
    monkeypatch.setenv("VISUAL", f"{sys.executable} -c 'raise SystemExit(3)'")
    app = make_app(seed)
    monkeypatch.setattr(type(app), "suspend", lambda self: contextlib.nullcontext())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("E")
        await pilot.pause()
        assert stored(seed) == {}
        assert notified(app, "exited with status 3")


async def test_l_links_references_with_a_fuzzy_filter(seed, make_app) -> None:
    app = make_app(seed)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = review(app)
        claim_id = screen.claims.current_id
        await pilot.press("l")
        assert isinstance(app.screen, LinkScreen)
        await pilot.press(*"wang")
        options = app.screen.query_one(OptionList)
        assert options.option_count == 1
        await pilot.press("enter")  # toggles wang2020
        await pilot.press("ctrl+u")
        await pilot.press(*"zhng 2021")  # a typo still finds it
        await pilot.press("enter", "ctrl+s")
        assert app.screen is screen
        assert stored(seed)[claim_id]["refs"] == ["wang2020", "zhang2021"]
        assert screen.references._linked == {"wang2020", "zhang2021"}
        await pilot.press("l", "down", "enter", "escape")  # cancelled: unchanged
        assert stored(seed)[claim_id]["refs"] == ["wang2020", "zhang2021"]


async def test_a_link_filter_that_matches_nothing_says_so(seed, make_app) -> None:
    app = make_app(seed)
    async with app.run_test(size=(100, 30)) as pilot:
        claim_id = review(app).claims.current_id
        await pilot.press("l", *"xyzq")
        options = app.screen.query_one(OptionList)
        assert options.option_count == 1
        message = options.get_option_at_index(0)
        assert message.disabled
        assert (
            str(message.prompt)
            == "No reference matches “xyzq” (ctrl+u clears the filter: 2 in all)."
        )
        await pilot.press("enter", "ctrl+s")  # enter on the message links nothing
        assert "refs" not in stored(seed).get(claim_id, {})
        await pilot.press("l", *"xyzq", "ctrl+u")
        assert app.screen.query_one(OptionList).option_count == 2


async def test_search_jumps_to_the_claim_holding_the_match(seed, make_app) -> None:
    app = make_app(seed)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = review(app)
        await pilot.press("slash")
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"endorphins")
        assert "1 match" in str(app.screen.query_one("#search-count").render())
        await pilot.press("enter")
        assert app.screen is screen
        state = screen.session.state(screen.claims.current_id)
        assert "endorphins" in state.text
        assert screen.search is not None and len(screen.search.matches) == 1
        await pilot.press("slash")
        assert app.screen.query_one(Input).value == "endorphins"  # remembered
        await pilot.press("ctrl+u", "enter")  # empty query clears
        assert screen.search is None


async def test_filter_by_verdict_flagged_and_back(seed, make_app) -> None:
    app = make_app(seed)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = review(app)
        states = screen.session.claims()
        await pilot.press("u")
        await pilot.press("f")
        assert isinstance(app.screen, FilterScreen)
        await pilot.press(
            "down", "down", "down", "down", "enter"
        )  # all, unrev, flagged, sup, unsup
        assert screen.filter_name == "unsupported"
        assert screen.claims.claim_ids == [states[0].id]
        assert "filter: unsupported" in str(screen.query_one("#header").render())
        await pilot.press("f", "home", "down", "down", "enter")
        assert screen.filter_name == "flagged"
        flagged = [s.id for s in states if s.claim and s.claim.flags]
        assert screen.claims.claim_ids == flagged
        await pilot.press("f", "escape")
        assert screen.filter_name == "flagged"
        await pilot.press("f", "home", "enter")
        assert screen.claims.claim_ids == [s.id for s in states]


async def test_a_adds_the_sentence_at_the_cursor(seed, make_app) -> None:
    app = make_app(seed)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = review(app)
        text = screen.session.article.text
        target = "Goodpasture Syndrome and Treatment Challenges:"
        offset = text.index(target) + 5
        assert screen.claim_at(offset) is None
        screen.article.move_cursor(offset)
        await pilot.press("a")
        new_id = screen.claims.current_id
        state = screen.session.state(new_id)
        assert state.origin == "manual"
        assert text[state.start : state.end] == target
        assert stored(seed)[new_id]["origin"] == "manual"
        await pilot.press("a")  # again on the same sentence: no second claim
        assert sum(1 for s in screen.session.claims() if s.origin == "manual") == 1


async def test_d_dismisses_and_z_brings_it_back(seed, make_app) -> None:
    app = make_app(seed)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = review(app)
        ids = [s.id for s in screen.session.claims()]
        await pilot.press("d")
        assert ids[0] not in screen.claims.claim_ids
        assert screen.claims.current_id == ids[1]
        assert stored(seed)[ids[0]]["dismissed"] is True
        await pilot.press("z")
        assert screen.claims.claim_ids == ids
        assert screen.claims.current_id == ids[0]
        assert stored(seed) == {}


async def test_z_undoes_verdicts_one_by_one(seed, make_app) -> None:
    app = make_app(seed)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = review(app)
        ids = [s.id for s in screen.session.claims()]
        await pilot.press("s", "o")
        await pilot.press("z")
        assert screen.claims.current_id == ids[1]
        assert list(stored(seed)) == [ids[0]]
        await pilot.press("z")
        assert screen.claims.current_id == ids[0]
        assert stored(seed) == {}
        await pilot.press("z")
        assert notified(app, "Nothing to undo")


async def test_tab_cycles_panes_and_m_maximizes(seed, make_app) -> None:
    app = make_app(seed)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = review(app)
        assert app.focused.id == "claims"
        await pilot.press("tab")
        assert app.focused.id == "article"
        await pilot.press("tab")
        assert app.focused.id == "references"
        assert screen.has_class("-references")  # narrow: references replace the list
        assert screen.references.display and not screen.claims.display
        await pilot.press("tab")
        assert app.focused.id == "detail"
        await pilot.press("tab")
        assert app.focused.id == "claims"
        assert screen.claims.display and not screen.references.display
        await pilot.press("shift+tab")
        assert app.focused.id == "detail"
        await pilot.press("shift+tab", "shift+tab", "m")
        assert screen.maximized is screen.article
        await pilot.press("m")
        assert screen.maximized is None


async def test_question_mark_shows_every_binding_id(seed, make_app) -> None:
    from referee.tui import keymap

    app = make_app(seed)
    async with app.run_test(size=(120, 60)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        shown = app.export_screenshot()
        for spec in keymap.KEYS[:12]:
            assert spec.id in shown
        await pilot.press("question_mark")
        assert isinstance(app.screen, ReviewScreen)


async def test_palette_jumps_to_a_claim(seed, make_app) -> None:
    app = make_app(seed)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = review(app)
        target = next(s for s in screen.session.claims() if "endorphins" in s.text)
        await pilot.press("ctrl+p")
        await pilot.press(*"endorphins")
        await palette_results(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        assert screen.claims.current_id == target.id


async def test_palette_runs_an_action(seed, make_app) -> None:
    app = make_app(seed)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = review(app)
        first = screen.claims.current_id
        await pilot.press("ctrl+p")
        await pilot.press(*"mark overstated")
        await palette_results(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert stored(seed)[first]["verdict"] == "overstated"


async def test_q_quits_without_asking(seed, make_app) -> None:
    app = make_app(seed)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s", "q")
        await pilot.pause()
        assert app.return_code == 0
    assert "verdict" in review_text(seed)


async def test_keys_typed_after_q_are_ignored(seed, make_app) -> None:
    from textual import events

    app = make_app(seed)
    async with app.run_test(size=(80, 24)) as pilot:
        for key in "qnsl":  # typed ahead, all queued before the app gets to quit
            app.post_message(events.Key(key, key))
        await wait_for(pilot, lambda: not app.is_running, "the app to quit")
    assert app.return_code == 0
    assert not app._exit_renderables  # no traceback
    assert not (seed.parent / f"{seed.name}.review.toml").exists()


async def test_page_keys_enter_and_the_references_pane(seed, make_app) -> None:
    app = make_app(seed)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = review(app)
        ids = screen.claims.claim_ids
        await pilot.press("pagedown")
        assert ids.index(screen.claims.current_id) > 1
        await pilot.press("pageup")
        assert screen.claims.current_id == ids[0]
        await pilot.press("enter")  # show the claim: focus goes to the article pane
        assert app.focused is screen.article
        await pilot.press("tab")
        assert app.focused is screen.references
        assert "Zhang" in screen.detail.text  # the detail shows the highlighted reference
        await pilot.press("j", "enter")
        wang = screen.session.analysis.reference("wang2020")
        assert screen.article.cursor == wang.start
        assert "wang2020" in screen.detail.text
        await pilot.press("tab", "G", "g")  # the detail scrolls with its own keys
        assert app.focused is screen.detail


async def test_dismissed_claims_have_a_filter_and_d_brings_one_back(seed, make_app) -> None:
    app = make_app(seed)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = review(app)
        ids = [s.id for s in screen.session.claims()]
        await pilot.press("d")
        await pilot.press("f", "end", "enter")
        assert screen.filter_name == "dismissed"
        assert screen.claims.claim_ids == [ids[0]]
        await pilot.press("d")
        assert screen.claims.claim_ids == []
        assert stored(seed) == {}
        await pilot.press("f", "home", "enter")
        assert screen.claims.claim_ids == ids
