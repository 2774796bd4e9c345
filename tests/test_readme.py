"""The README says what the program does: its commands, keys and test command."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_opens_with_the_two_commands() -> None:
    blocks = re.findall(r"```sh\n(.*?)\n```", README, re.S)
    assert blocks[0].endswith("referee sample_articles/acupuncture-goodpasture.txt")
    assert blocks[0].startswith("python3 -m venv .venv && .venv/bin/pip install -e .")
    assert "pytest" in blocks[1]


def test_ci_runs_exactly_the_readme_test_command() -> None:
    test_command = re.findall(r"```sh\n(.*?)\n```", README, re.S)[1]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert test_command in ci


def test_key_table_is_the_one_the_program_uses() -> None:
    from referee.tui import keymap
    from referee.tui.app import article_view_keys

    table = keymap.markdown_table(keymap.table(extra=article_view_keys())).strip()
    section = README.split("<!-- keys:start -->")[1].split("<!-- keys:end -->")[0].strip()
    assert section == table


def test_every_command_is_documented() -> None:
    from referee.cli import COMMANDS

    for name in COMMANDS:
        assert f"referee {name}" in README, name
