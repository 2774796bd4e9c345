"""The article the outside-source tests review (two claims, no reference list) and the
DOI they add to it as a source."""

from __future__ import annotations

from pathlib import Path

import pytest

ARTICLE = """\
# Colds

Vitamin D prevents colds in children. Coffee protects the liver.
"""
DOI = "10.5555/outside.2024.0042"


def write_article(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The article as ``colds.md`` in ``tmp_path``, with a reviewer (no config of the
    user's and a cache of its own: tests/conftest.py)."""
    monkeypatch.setenv("REFEREE_REVIEWER", "Ada <ada@example.org>")
    path = tmp_path / "colds.md"
    path.write_text(ARTICLE, encoding="utf-8")
    return path
