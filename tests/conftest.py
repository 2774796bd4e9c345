"""Every test keeps its caches to itself and reads no config of the user's: nothing is
written to the user's cache folder, and ``tmp_path / "cache"`` is the test's own."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

# The suite keeps its bytecode (test modules as pytest rewrites them, referee's sources)
# in __pycache__ folders, which git ignores, even where PYTHONDONTWRITEBYTECODE is set:
# without it every xdist worker parses and rewrites every test module again on every run,
# about 3 s of CPU per worker on a 2-core machine, a tenth of the suite's time.
sys.dont_write_bytecode = False


@pytest.fixture(autouse=True)
def _own_cache_and_no_config(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("REFEREE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("REFEREE_CONFIG", str(tmp_path / "no-config.toml"))


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """Workers for ``-n auto``: two per core. Most of a TUI test's time is spent idle
    (Pilot waits for the app to go quiet after every key: about 85 ms of wall-clock time
    for 15 ms of CPU), so a core can keep more than one worker busy; with three, the
    workers' own start-up and contention cost more than they save (measured on 2 cores:
    87 s with 4 workers, 94 s with 3, 98 s with 6)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(2, min(2 * (cores or 1), 16))
