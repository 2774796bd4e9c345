"""Usage errors as one line: argparse's own would print its usage block first."""

from __future__ import annotations

import argparse
from typing import NoReturn

from referee.errors import RefereeError


class UsageError(RefereeError):
    """A command line that does not parse: one line on stderr, exit 2."""


class OneLineParser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are a :class:`UsageError` naming ``--help``."""

    def error(self, message: str) -> NoReturn:
        command = self.prog.removeprefix("referee").strip()
        where = f"{command}: " if command else ""
        raise UsageError(f"{where}{message} (`{self.prog} --help` shows the usage)")
