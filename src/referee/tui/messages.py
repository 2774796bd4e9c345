"""Messages that carry results from workers to the screen that owns the state."""

from __future__ import annotations

from textual.message import Message

from referee.model import CheckResult
from referee.review.record import Source


class ReferenceChecked(Message):
    """One reference or outside source was checked (posted as each result arrives);
    ``described`` is the metadata a check found for a source stored by identifier alone."""

    def __init__(self, result: CheckResult, described: Source | None = None) -> None:
        super().__init__()
        self.result = result
        self.described = described


class ChecksFinished(Message):
    """A reference check run finished with these results."""

    def __init__(self, results: tuple[CheckResult, ...]) -> None:
        super().__init__()
        self.results = results
