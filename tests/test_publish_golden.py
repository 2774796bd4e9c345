"""Golden files: every export of the reviewed sample article, byte for byte.

After a deliberate change to an export (or to claim extraction, which decides the
sample's claims), regenerate them and read the diff before committing:

    REFEREE_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_publish_golden.py
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from publish_sample import FIXTURES, publication, reviewed_sample

from referee.publish.formats import render
from referee.publish.markdown import report_markdown

GOLDEN = {
    "claimreview": "sample.claimreview.json",
    "w3c": "sample.w3c.jsonld",
    "hypothesis": "sample.hypothesis.json",
    "html": "sample.html",
    "csv": "sample.csv",
    "report": "sample.report.md",
}
UPDATE = os.environ.get("REFEREE_UPDATE_GOLDEN") == "1"


def check(name: str, produced: str) -> None:
    path = FIXTURES / GOLDEN[name]
    data = produced.encode("utf-8")
    if UPDATE:
        path.write_bytes(data)
    assert path.exists(), f"{path.name} is missing: REFEREE_UPDATE_GOLDEN=1 makes it"
    assert data == path.read_bytes(), (
        f"{name} export differs from {path.name}; if the change is deliberate, run "
        "REFEREE_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_publish_golden.py"
    )


@pytest.mark.parametrize("fmt", ["claimreview", "w3c", "hypothesis", "html", "csv"])
def test_export_matches_its_golden_file(tmp_path: Path, fmt: str) -> None:
    check(fmt, render(fmt, publication(reviewed_sample(tmp_path))))


def test_markdown_report_matches_its_golden_file(tmp_path: Path) -> None:
    check("report", report_markdown(reviewed_sample(tmp_path)))
