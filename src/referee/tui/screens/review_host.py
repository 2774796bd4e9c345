"""What the review screen's mixins (reference checks, notes) need from the screen."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from textual.app import App
    from textual.message import Message
    from textual.notifications import SeverityLevel
    from textual.widget import Widget

    from referee.model import Reference
    from referee.review.record import Source
    from referee.review.session import ClaimState, Session
    from referee.tui.widgets.article_view import ArticleView
    from referee.tui.widgets.claim_list import ClaimList
    from referee.tui.widgets.reference_list import ReferenceList


class ReviewHost(Protocol):
    """The parts of :class:`~referee.tui.screens.review_screen.ReviewScreen` that
    :class:`~referee.tui.screens.checks.ReferenceChecks`,
    :class:`~referee.tui.screens.notes.NoteActions` and
    :class:`~referee.tui.screens.claim_actions.ClaimActions` use."""

    session: Session
    filter_name: str
    drafts: dict[str, str]
    """Notes typed but refused on saving, by claim id."""

    @property
    def app(self) -> App[object]: ...

    @property
    def focused(self) -> Widget | None: ...

    @property
    def references(self) -> ReferenceList: ...

    @property
    def claims(self) -> ClaimList: ...

    @property
    def article(self) -> ArticleView: ...

    def claim_at(self, offset: int) -> str | None: ...

    def refresh_claims(self, keep: str | None = None) -> None: ...

    def redraw_claims(self, changed: frozenset[str], keep: str | None) -> None: ...

    def next_id(self, claim_id: str) -> str: ...

    def _after_verdict(self, claim_id: str) -> str: ...

    def _neighbour(self, claim_id: str) -> str: ...

    def _add_selection(self, start: int, end: int) -> None: ...

    def focus(self, scroll_visible: bool = True) -> object: ...

    def target_claim(self) -> ClaimState | None: ...

    def writable(self) -> bool: ...

    def change(self, change: Callable[[], frozenset[str]], keep: str | None) -> bool: ...

    def tell_what_changed_on_disk(self) -> None: ...

    def refresh_header(self, busy: str = "") -> None: ...

    def show_current(self, *, scroll: bool = True) -> None: ...

    def show_reference(self) -> None: ...

    def statuses(self) -> dict[str, str | None]: ...

    def run_checks(self, refs: list[Reference], sources: Sequence[Source] = ()) -> object: ...

    def save_note(self, claim_id: str, note: str) -> None: ...

    def post_message(self, message: Message) -> bool: ...

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None: ...
