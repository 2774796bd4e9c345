"""The command table: what `referee --help` lists is what the modules register,
and running one command imports only its own module; `referee ARTICLE` that
cannot start leaves the process as it found it."""

from __future__ import annotations

import argparse
import gc
import subprocess
import sys
from importlib import import_module

from referee.cli import COMMANDS, build_parser, main


def test_table_matches_what_modules_register() -> None:
    registered: dict[str, tuple[str, str]] = {}
    for module in sorted({m for m, _ in COMMANDS.values()}):
        parser = argparse.ArgumentParser()
        subparsers = parser.add_subparsers()
        import_module(f"referee.cli.{module}").register(subparsers)
        for action in subparsers._choices_actions:
            registered[action.dest] = (module, action.help)
    assert registered == COMMANDS


def test_top_level_help_lists_every_command(capsys) -> None:
    try:
        main(["--help"])
    except SystemExit as exit_:
        assert exit_.code == 0
    out = capsys.readouterr().out
    for name in COMMANDS:
        assert name in out


def test_full_parser_builds_with_every_module() -> None:
    parser = build_parser({m for m, _ in COMMANDS.values()})
    args = parser.parse_args(["claims", "x.md", "--json"])
    assert args.command == "claims" and args.json


def _imported_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys; print(' '.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return set(out.split())


def test_importing_the_cli_imports_no_command() -> None:
    modules = _imported_after("import referee.cli")
    assert (
        not {"referee.text.analysis", "referee.review.session", "referee.cli.extract", "textual"}
        & modules
    )


def test_a_command_imports_only_its_module(tmp_path) -> None:
    article = tmp_path / "a.md"
    article.write_text("Title\n\nAspirin cuts heart attacks by 20% in adults.\n")
    modules = _imported_after(
        "import contextlib, io\nfrom referee.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    main(['claims', {str(article)!r}, '--json'])"
    )
    assert "referee.cli.extract" in modules
    assert (
        not {
            "referee.cli.reviewcmd",
            "referee.cli.gitcmd",
            "referee.cli.fetchcmd",
            "referee.refcheck",
            "referee.web",
            "trafilatura",
            "textual",
        }
        & modules
    )


def test_a_tui_that_cannot_start_leaves_the_collector_on(tmp_path) -> None:
    assert gc.isenabled()
    assert main([str(tmp_path / "missing.md")]) == 2
    assert gc.isenabled()
