"""``l`` on the review screen: link references, add outside sources (a mixin)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from referee.errors import RefereeError

if TYPE_CHECKING:
    from referee.tui.screens.link import Links
    from referee.tui.screens.review_host import ReviewHost


class Linking:
    """Mixin for :class:`~referee.tui.screens.review_screen.ReviewScreen`."""

    def action_link_references(self: ReviewHost) -> None:
        from referee.refcheck.settings import CheckSettings
        from referee.tui.screens.link import LinkScreen

        state = self.target_claim()
        if state is None or not self.writable():
            return
        try:
            settings = CheckSettings.from_environment(config=getattr(self.app, "config", None))
        except RefereeError as exc:
            self.notify(str(exc), severity="error", timeout=8, markup=False)
            settings = None

        def done(links: Links | None) -> None:
            if links is None:
                return
            session = self.session

            def save() -> frozenset[str]:
                for looked in links.added:  # each source once in the review, then linked
                    session.add_source(looked.id, looked.metadata or None, service=looked.service)
                return session.set_refs(state.id, links.ref_ids)

            if self.change(save, state.id) and links.added:
                self.references.set_references(session.references(), self.statuses())

        screen = LinkScreen(
            state.id, state.text, self.session.references(), state.refs, self.statuses(), settings
        )
        self.app.push_screen(screen, done)
