"""A change redraws the rows of the claims the Session says it changed, not the list."""

from __future__ import annotations

from referee.tui.screens.review_screen import ReviewScreen
from referee.tui.widgets.claim_list import ClaimList


async def test_a_verdict_redraws_its_row_and_a_claim_leaving_the_list_rebuilds_it(
    seed, make_app, monkeypatch
) -> None:
    calls: list[str] = []
    set_claims, update_claim = ClaimList.set_claims, ClaimList.update_claim

    def counted_set(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append("set_claims")
        return set_claims(self, *args, **kwargs)

    def counted_update(self, state):  # type: ignore[no-untyped-def]
        calls.append(f"update {state.id}")
        return update_claim(self, state)

    monkeypatch.setattr(ClaimList, "set_claims", counted_set)
    monkeypatch.setattr(ClaimList, "update_claim", counted_update)
    app = make_app(seed)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        first, second = screen.claims.claim_ids[:2]
        calls.clear()
        await pilot.press("s")  # mark supported, move to the next claim
        assert calls == [f"update {first}"]
        assert screen.claims.state(first).verdict == "supported"
        assert screen.claims.current_id == second
        calls.clear()
        await pilot.press("z")  # undo: the same row again
        assert calls == [f"update {first}"] and screen.claims.state(first).verdict is None
        screen.filter_name = "unreviewed"
        screen.refresh_claims(keep=second)
        calls.clear()
        await pilot.press("s")  # the claim leaves the "unreviewed" list: rebuilt
        assert calls == ["set_claims"] and second not in screen.claims
