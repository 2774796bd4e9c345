"""``L`` on the review screen: the literature search for the current claim
(:mod:`referee.tui.screens.literature`, imported when first used: not start-up time)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from referee.errors import RefereeError

if TYPE_CHECKING:
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
        self.app.push_screen(LiteratureScreen(state.id, state.text, settings, config))
