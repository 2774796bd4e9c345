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
    from collections.abc import Sequence

    from referee.model import Reference
    from referee.review.record import Source
    from referee.tui.screens.review_host import ReviewHost


class ReferenceChecks:
    """Mixin for :class:`~referee.tui.screens.review_screen.ReviewScreen` (``c``)."""

    def action_check_references(self: ReviewHost) -> None:
        refs = self.session.analysis.references
        sources = self.session.sources()
        if not refs and not sources:
            self.notify(
                "This article has no reference list and no outside sources to check.",
                timeout=4,
                markup=False,
            )
            return
        for ref_id in [r.id for r in refs] + [s.id for s in sources]:
            self.references.set_status(ref_id, "checking")
        self.refresh_header(busy=f"checking {len(refs) + len(sources)} refs…")
        self.run_checks(list(refs), sources)

    @work(group="refcheck", exclusive=True, exit_on_error=False)
    async def run_checks(
        self: ReviewHost, refs: list[Reference], sources: Sequence[Source] = ()
    ) -> None:
        from referee.refcheck import CheckSettings, check_references
        from referee.refcheck.outside import SourceChecked, check_sources, source_of

        config = getattr(self.app, "config", None)
        settings = CheckSettings.from_environment(config=config)
        results = []
        if refs:
            results += await check_references(
                refs, settings, on_result=lambda result: self.post_message(ReferenceChecked(result))
            )

        def source_checked(item: SourceChecked) -> None:
            looked = item.looked
            described = source_of(looked, None) if looked is not None and looked.found else None
            self.post_message(ReferenceChecked(item.result, described))

        if sources:  # the reviewer's outside sources, checked the same way
            checked = await check_sources(sources, settings, on_result=source_checked)
            results += [item.result for item in checked]
        self.post_message(ChecksFinished(tuple(results)))

    def on_reference_checked(self: ReviewHost, message: ReferenceChecked) -> None:
        result = message.result
        self.references.set_status(result.ref_id, result.status)
        try:
            if self.session.is_source(result.ref_id):
                self.session.record_source_check(result, message.described)
                if message.described is not None:  # its title is known now
                    statuses = self.statuses()
                    self.references.set_references(self.session.references(), statuses)
            else:
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
        for ref_id in [r.id for r in self.session.references()]:
            self.references.set_status(ref_id, self.statuses().get(ref_id))
        self.refresh_header()
        if event.state == WorkerState.ERROR:
            self.notify(
                f"Reference check failed: {worker.error}",
                severity="error",
                timeout=10,
                markup=False,
            )
