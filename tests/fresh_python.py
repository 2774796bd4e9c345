"""Run code in a fresh interpreter: what a module imports, without this test process's
imports in the way."""

from __future__ import annotations

import subprocess
import sys


def output_of(code: str) -> str:
    """The stripped standard output of ``python -c code`` (it must exit 0)."""
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    return result.stdout.strip()
