"""The same message is never stacked: repeated keys leave one toast, not a wall of them."""

from __future__ import annotations

from pathlib import Path

from conftest import notifications


def _messages(app) -> list[str]:
    return [n.message for n in notifications(app)]


async def test_repeated_undo_shows_one_toast(seed, make_app) -> None:
    app = make_app(seed)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("z", "z", "z", "z", "z")
        await pilot.pause()
        assert _messages(app).count("Nothing to undo.") == 1


async def test_read_only_refusals_show_one_toast(seed, make_app) -> None:
    review = Path(f"{seed}.review.toml")
    broken = b'schema = 1\narticle = "x"\n[claim.c1\nverdict = "supported"\n'
    review.write_bytes(broken)
    app = make_app(seed)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        before = len(notifications(app))  # the warning on opening
        await pilot.press("s", "u", "o", "x", "d", "s", "n", "l", "a")
        await pilot.pause()
        assert len(notifications(app)) == before + 1
        assert sum(m.startswith("Read-only: ") for m in _messages(app)) == 1
    assert review.read_bytes() == broken


async def test_different_messages_replace_each_other(seed, make_app) -> None:
    app = make_app(seed)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("d", "z", "d", "z")  # dismissed, undone, dismissed, undone
        await pilot.pause()
        assert len(_messages(app)) == 1


async def test_an_error_stays_while_other_messages_come_and_go(seed, make_app) -> None:
    app = make_app(seed)
    async with app.run_test(size=(100, 30)) as pilot:
        app.notify("The review file could not be saved.", severity="error")
        await pilot.press("d", "z")
        await pilot.pause()
        kinds = sorted(n.severity for n in notifications(app))
        assert kinds == ["error", "information"]
