"""Snapshots (pytest-textual-snapshot): the seed article mid-review at 80×24 and
160×48, the same with NO_COLOR, and an article full of markup and escape sequences.

Update after a deliberate change with ``pytest tests/tui/test_snapshots.py --snapshot-update``
and look at every changed SVG before committing it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

MID_REVIEW = (
    "s",  # supported
    "u",  # unsupported
    "n",
    *"The sources cited do not say this.",
    "ctrl+s",
    "o",  # overstated (the note stays on that claim)
    "j",  # skip one
    "l",
    *"zhang",
    "enter",
    "ctrl+s",  # linked, not judged: the current claim
)

HOSTILE = (
    "# Cures [bold red]guaranteed[/] \x1b[31mred\x1b[0m\n\n"
    "Studies prove that acupuncture cures 90% of patients [@click=app.quit]click me[/] "
    "within a week.\n\n"
    "Doctors agree the treatment is completely safe \x1b]52;c;cm0gLXJmIH4=\x07 for everyone, "
    "and \u202eevil\u202c text is harmless [1].\n\n"
    "## References\n\n"
    "1. Smith J. [link=https://evil.example]Totally real[/link] trial. "
    "J Fake Med. 2020;1:1-2.\n"
)


@pytest.fixture
def mid_review_app(seed, make_app):
    return make_app(seed)


def test_seed_mid_review_80x24(mid_review_app, snap_compare) -> None:
    assert snap_compare(mid_review_app, press=MID_REVIEW, terminal_size=(80, 24))


def test_seed_mid_review_160x48(mid_review_app, snap_compare) -> None:
    assert snap_compare(mid_review_app, press=MID_REVIEW, terminal_size=(160, 48))


def test_seed_mid_review_no_color_80x24(seed, make_app, snap_compare, monkeypatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(seed)
    assert app.no_color
    assert snap_compare(app, press=MID_REVIEW, terminal_size=(80, 24))


def test_markup_and_escapes_are_shown_literally(tmp_path: Path, make_app, snap_compare) -> None:
    article = tmp_path / "hostile.md"
    article.write_text(HOSTILE, encoding="utf-8")
    app = make_app(article)
    assert snap_compare(app, press=("s",), terminal_size=(100, 30))


def test_no_color_with_the_references_pane_focused(seed, make_app, snap_compare, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(seed)
    # The pane title says which pane has focus (»), the selected reference is marked ▸.
    assert snap_compare(app, press=(*MID_REVIEW, "tab", "tab", "down"), terminal_size=(100, 30))


def test_after_a_resize_the_current_claim_is_in_view(seed, make_app, snap_compare) -> None:
    app = make_app(seed)

    async def later_claim_then_smaller(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.resize_terminal(160, 48)
        for _ in range(18):
            await pilot.press("j")
        await pilot.resize_terminal(80, 24)
        await pilot.pause()

    assert snap_compare(app, run_before=later_claim_then_smaller, terminal_size=(160, 48))


def test_a_dialog_over_the_review_80x24(seed, make_app, snap_compare) -> None:
    """The note editor: a dialog's styles come with it (referee.tui.screens.dialog), not
    with the review screen's stylesheet."""
    app = make_app(seed)
    assert snap_compare(app, press=("s", "n", *"Which trial?"), terminal_size=(80, 24))
