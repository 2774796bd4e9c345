"""Reference checking for the review screen: a background worker, results as messages.

The worker never touches widgets: it posts :class:`ReferenceChecked` as each result
arrives and :class:`ChecksFinished` at the end; the handlers here (running on the
screen) record results in the session, which saves them at once.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from textual import work
from textual.worker import Worker, WorkerState

from referee.errors import RefereeError
from referee.review.session import ReviewReadOnly
from referee.tui.messages import ChecksFinished, ReferenceChecked

if TYPE_CHECKING:
    from referee.model import Reference
    from referee.tui.screens.review_host import ReviewHost


class ReferenceChecks:
    """Mixin for :class:`~referee.tui.screens.review_screen.ReviewScreen` (``c``)."""

    def action_check_references(self: ReviewHost) -> None:
        refs = self.session.analysis.references
        if not refs:
            self.notify("This article has no reference list to check.", timeout=4, markup=False)
            return
        for ref in refs:
            self.references.set_status(ref.id, "checking")
        self.refresh_header(busy=f"checking {len(refs)} refs…")
        self.run_checks(list(refs))

    @work(group="refcheck", exclusive=True, exit_on_error=False)
    async def run_checks(self: ReviewHost, refs: list[Reference]) -> None:
        from referee.refcheck import CheckSettings, check_references

        config = getattr(self.app, "config", None)
        settings = CheckSettings.from_environment(config=config)
        results = await check_references(
            refs, settings, on_result=lambda result: self.post_message(ReferenceChecked(result))
        )
        self.post_message(ChecksFinished(tuple(results)))

    def on_reference_checked(self: ReviewHost, message: ReferenceChecked) -> None:
        result = message.result
        self.references.set_status(result.ref_id, result.status)
        try:
            self.session.record_checks([result])  # kept in the session even when not saved
        except ReviewReadOnly:
            pass  # said once when the review opened
        except RefereeError as exc:
            self.notify(
                str(exc), title="Check not saved", severity="error", timeout=10, markup=False
            )
        if self.focused is self.references:
            self.show_reference()
        else:
            self.show_current(scroll=False)

    def on_checks_finished(self: ReviewHost, message: ChecksFinished) -> None:
        self.refresh_header()
        tally = Counter(result.status for result in message.results)
        summary = ", ".join(f"{n} {status.replace('_', ' ')}" for status, n in tally.items())
        self.notify(f"References checked: {summary or 'none'}.", timeout=6, markup=False)

    def on_worker_state_changed(self: ReviewHost, event: Worker.StateChanged) -> None:
        worker = event.worker
        if worker.group != "refcheck" or event.state not in (
            WorkerState.ERROR,
            WorkerState.CANCELLED,
        ):
            return
        for ref_id in [r.id for r in self.session.analysis.references]:
            self.references.set_status(ref_id, self.statuses().get(ref_id))
        self.refresh_header()
        if event.state == WorkerState.ERROR:
            self.notify(
                f"Reference check failed: {worker.error}",
                severity="error",
                timeout=10,
                markup=False,
            )
