"""referee's command line run in the test process, and a claim found by its words."""

from __future__ import annotations

from pathlib import Path

from referee.cli import main
from referee.review.session import Session


def run(capsys, *argv: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    """``referee ARGV``: its exit code, standard output and standard error."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def claim_of(article: Path, words: str) -> str:
    """The id of the article's first claim whose text holds ``words``."""
    return next(s.id for s in Session.open(article).claims() if words in s.text)
