"""Exports from the TUI (the command palette): in a browser (``referee serve``) the file
is offered as a download; in a terminal it is saved beside the article."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from referee.errors import RefereeError

if TYPE_CHECKING:
    from referee.tui.screens.review_host import ReviewHost


class Exporting:
    """Mixin for :class:`~referee.tui.screens.review_screen.ReviewScreen`."""

    def export(self: ReviewHost, fmt: str) -> None:
        from referee.config import Config, config_path
        from referee.publish.formats import SUFFIXES, render
        from referee.publish.publication import Publication
        from referee.publish.publisher import publisher_from

        config = getattr(self.app, "config", None) or Config(config_path())
        article = self.session.article.path
        name = article.name + SUFFIXES[fmt]
        try:
            publisher = publisher_from(config.publish, str(config.path))
            data = render(fmt, Publication(self.session, publisher))
            if self.app.is_web:
                self.app.deliver_text(io.StringIO(data), save_filename=name)
                self.notify(f"{name}: sent to your browser as a download.", timeout=6, markup=False)
                return
            from referee.review.atomic import atomic_write

            target = article.with_name(name)
            atomic_write(target, data.encode("utf-8"))
        except (RefereeError, OSError) as exc:
            self.notify(str(exc), title="Not exported", severity="error", timeout=10, markup=False)
            return
        self.notify(f"Exported {fmt}: {target}", timeout=6, markup=False)
