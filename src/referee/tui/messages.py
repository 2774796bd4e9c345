"""Messages that carry results from workers to the screen that owns the state."""

from __future__ import annotations

from textual.message import Message

from referee.model import CheckResult


class ReferenceChecked(Message):
    """One reference was checked (posted as each result arrives)."""

    def __init__(self, result: CheckResult) -> None:
        super().__init__()
        self.result = result


class ChecksFinished(Message):
    """A reference check run finished with these results."""

    def __init__(self, results: tuple[CheckResult, ...]) -> None:
        super().__init__()
        self.results = results
