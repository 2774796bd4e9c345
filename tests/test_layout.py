"""The house keeps its plan: a small top level, one name per module, short files."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "referee"
MAX_TOP_LEVEL = 8
MAX_LINES = 600


def sources() -> list[Path]:
    return sorted(p for p in SRC.rglob("*.py") if "__pycache__" not in p.parts)


def test_the_top_level_holds_at_most_eight_modules() -> None:
    top = sorted(p.name for p in SRC.glob("*.py"))
    assert len(top) <= MAX_TOP_LEVEL, top


def test_no_two_modules_share_a_name() -> None:
    names = Counter(p.name for p in sources() if p.name not in ("__init__.py", "__main__.py"))
    assert [name for name, n in names.items() if n > 1] == []


def test_no_source_file_is_over_six_hundred_lines() -> None:
    long = {
        str(p.relative_to(SRC)): n
        for p in sources()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}
