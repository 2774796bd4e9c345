"""The one exception the front ends turn into a clear message and exit code 2."""

from __future__ import annotations


class RefereeError(Exception):
    """Bad input or usage: shown as one line on stderr, exit code 2."""

    exit_code = 2
