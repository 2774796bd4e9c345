"""The detail pane: what it shows as focus moves between the panes, and that showing
the same content again neither redraws it nor throws away the reader's scroll."""

from __future__ import annotations

from textual.content import Content

from referee.tui.widgets.detail import Detail


def review(app):  # type: ignore[no-untyped-def]
    return app.screen


async def test_the_detail_follows_the_focused_list(seed, make_app) -> None:
    app = make_app(seed)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = review(app)
        claim = screen.session.state(screen.claims.current_id)
        assert screen.detail.border_title == "Claim"
        assert claim.id in screen.detail.text
        await pilot.press("tab", "tab")  # claims → article → references
        assert app.focused is screen.references
        assert screen.detail.border_title == "Reference"
        assert screen.references.border_title == "» References"  # focus, in text
        assert screen.claims.border_title.startswith("Claims (")
        assert "zhang2021" in screen.detail.text and claim.id not in screen.detail.text
        await pilot.press("shift+tab")  # back to the article: the reference stays shown
        assert app.focused is screen.article
        assert "zhang2021" in screen.detail.text
        await pilot.press("shift+tab")  # the claim list: its claim comes back
        assert app.focused is screen.claims
        assert screen.detail.border_title == "Claim"
        assert claim.id in screen.detail.text
        await pilot.press("j")
        moved = screen.claims.current_id
        assert moved != claim.id and moved in screen.detail.text


async def test_showing_the_same_content_again_keeps_the_scroll(seed, make_app) -> None:
    app = make_app(seed)
    async with app.run_test(size=(100, 30)) as pilot:
        detail = review(app).query_one(Detail)
        long = "\n".join(f"line {n}" for n in range(80))
        detail.show(Content(long))
        await pilot.pause()
        detail.scroll_to(y=20, animate=False, immediate=True)
        await pilot.pause()
        assert detail.scroll_offset.y == 20
        detail.show(Content(long))  # the same text and styles: nothing to do
        await pilot.pause()
        assert detail.scroll_offset.y == 20
        detail.show(Content.assemble((long, "bold")))  # the same text, another style
        await pilot.pause()
        assert detail.scroll_offset.y == 0
        assert detail.text == long
