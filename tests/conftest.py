"""Every test keeps its caches to itself: nothing is written to the user's cache folder."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _own_cache_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("REFEREE_CACHE_DIR", str(tmp_path / "referee-cache"))
