"""``L`` on the review screen: the literature search for the current claim
(:mod:`referee.tui.screens.literature`, imported when first used: not start-up time)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from referee.errors import RefereeError

if TYPE_CHECKING:
    from referee.refcheck.litsearch import Hit
    from referee.tui.screens.review_host import ReviewHost


class LiteratureActions:
    """Mixin for :class:`~referee.tui.screens.review_screen.ReviewScreen`."""

    def action_search_literature(self: ReviewHost) -> None:
        from referee.refcheck.settings import CheckSettings
        from referee.tui.screens.literature import LiteratureScreen

        state = self.target_claim()
        if state is None:
            return
        config = getattr(self.app, "config", None)
        try:
            settings = CheckSettings.from_environment(config=config)
        except RefereeError as exc:
            self.notify(str(exc), severity="error", timeout=8, markup=False)
            return

        def link(hit: Hit) -> bool:
            """Add the hit as an outside source (its metadata from the search) and link it."""

            def add_and_link() -> frozenset[str]:
                service = hit.services[0].lower().replace(" ", "") if hit.services else ""
                sid = self.session.add_source(hit.id, hit.metadata(), service=service)
                if sid in self.session.state(state.id).refs:
                    return frozenset()
                return self.session.link_source(state.id, sid)

            return self.change(add_and_link, state.id)

        screen = LiteratureScreen(state.id, state.text, settings, config, link, state.refs)
        self.app.push_screen(screen)
