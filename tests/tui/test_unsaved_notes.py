"""A note that cannot be saved (review file read-only, folder not writable) is kept as a
draft: n (or E) opens it again, so typed text is never lost."""

from __future__ import annotations

import contextlib
import sys
import tomllib
from pathlib import Path

from conftest import notified
from textual.widgets import TextArea

from referee.tui.screens.note import NoteScreen


def review_file(path: Path) -> Path:
    return path.parent / f"{path.name}.review.toml"


def stored(path: Path) -> dict:
    return tomllib.loads(review_file(path).read_text(encoding="utf-8")).get("claim", {})


async def test_a_refused_note_is_kept_and_saved_after_reload(seed, make_app) -> None:
    app = make_app(seed)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        await pilot.press("s", "k")  # creates the review file; back on the first claim
        claim_id = screen.claims.current_id
        before = review_file(seed).read_bytes()
        review_file(seed).chmod(0o444)  # refused: read-only
        await pilot.press("n", *"A careful note", "enter", *"on two lines", "ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        assert review_file(seed).read_bytes() == before
        assert notified(app, "n opens it again")
        review_file(seed).chmod(0o644)
        await pilot.press("n")
        assert isinstance(app.screen, NoteScreen)
        assert app.screen.query_one(TextArea).text == "A careful note\non two lines"
        await pilot.press("ctrl+s")
        assert stored(seed)[claim_id]["note"] == "A careful note\non two lines"
        await pilot.press("n")  # saved: the draft is gone, the editor shows the note
        assert app.screen.query_one(TextArea).text == "A careful note\non two lines"
        await pilot.press("escape")


async def test_a_refused_external_edit_is_kept(seed, make_app, monkeypatch, tmp_path) -> None:
    script = tmp_path / "editor.py"
    script.write_text(
        "import sys\nopen(sys.argv[1], 'w', encoding='utf-8').write('from the editor\\n')\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("VISUAL", f"{sys.executable} {script}")
    app = make_app(seed)
    monkeypatch.setattr(type(app), "suspend", lambda self: contextlib.nullcontext())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s", "k")
        claim_id = app.screen.claims.current_id
        before = review_file(seed).read_bytes()
        review_file(seed).chmod(0o444)
        await pilot.press("E")
        await pilot.pause()
        assert review_file(seed).read_bytes() == before
        review_file(seed).chmod(0o644)
        await pilot.press("n")
        assert app.screen.query_one(TextArea).text == "from the editor"
        await pilot.press("escape")  # cancelling drops the draft
        await pilot.press("n")
        assert app.screen.query_one(TextArea).text == ""
        await pilot.press("escape", "E")  # the editor's text again, saved this time
        assert stored(seed)[claim_id]["note"] == "from the editor"
