"""``referee [ARTICLE]``: which arguments open the TUI, ``--help`` lists every key,
bad input is one line and exit 2, and the headless commands never import Textual."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, SEED, open_session

from referee.cli import COMMANDS, main
from referee.cli import launch as cli_tui
from referee.tui import keymap
from referee.tui.app import RefereeApp


def run_referee(*args: str, cwd: Path, env: dict[str, str] | None = None):
    return subprocess.run(
        [sys.executable, "-m", "referee", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


@pytest.mark.parametrize(
    ("argv", "tui"),
    [
        ([], True),
        (["post.md"], True),
        (["--reviewer", "Ada", "post.md"], True),
        (["--reviewer=Ada"], True),
        (["--", "claims"], True),
        (["https://news.test/story"], True),
        (["fetch", "https://news.test/story"], False),
        (["claims", "post.md"], False),
        (["refs", "post.md", "--json"], False),
        (["--version"], False),
        (["--help"], False),
    ],
)
def test_which_arguments_open_the_tui(argv: list[str], tui: bool) -> None:
    assert cli_tui.opens_tui(argv, COMMANDS) is tui


@pytest.mark.parametrize(
    ("argv", "top_level"),
    [
        (["--help"], True),
        (["-h"], True),
        (["--reviewer", "Ada", "--help"], True),
        (["--reviewer=Ada", "-h"], True),
        (["claims", "--help"], False),
        (["post.md", "--help"], False),
        (["--version"], False),
        ([], False),
    ],
)
def test_only_a_top_level_help_lists_the_keys(argv: list[str], top_level: bool) -> None:
    assert cli_tui.asks_for_help(argv) is top_level


def test_help_lists_every_key_id_and_the_config_file(tmp_path: Path) -> None:
    config = tmp_path / "my-config.toml"
    result = run_referee("--help", cwd=tmp_path, env={"REFEREE_CONFIG": str(config)})
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "referee [--reviewer NAME] [ARTICLE]" in out
    for spec in keymap.KEYS:
        assert f" {spec.id} " in out, spec.id
    assert str(config) in out
    assert "[keys]" in out and 'mark-supported = "s,y"' in out
    assert "Article pane:" in out  # the article pane's own keys are listed too


def test_help_after_a_reviewer_is_the_help(capsys: pytest.CaptureFixture) -> None:
    assert main(["--reviewer", "Ada", "--help"]) == 0
    assert "referee [--reviewer NAME] [ARTICLE]" in capsys.readouterr().out


def test_bare_referee_in_a_folder_without_articles_is_one_clear_line(tmp_path: Path) -> None:
    result = run_referee(cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "no article (.md, .markdown, .txt)" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_missing_article_is_one_clear_line(tmp_path: Path) -> None:
    result = run_referee("missing.md", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("referee: ") and "missing.md" in result.stderr
    assert result.stderr.count("\n") == 1


def test_a_bad_config_is_one_clear_line(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[keys\n", encoding="utf-8")
    result = run_referee(str(SEED), cwd=tmp_path, env={"REFEREE_CONFIG": str(config)})
    assert result.returncode == 2
    assert "invalid TOML in config" in result.stderr


def test_referee_article_starts_the_app_on_a_session(tmp_path: Path, monkeypatch) -> None:
    from referee.tui.app import RefereeApp

    article = tmp_path / "post.md"
    article.write_text("# T\n\nCoffee cures cancer, studies show.\n", encoding="utf-8")
    started: list[RefereeApp] = []
    monkeypatch.setattr(RefereeApp, "run", lambda self: started.append(self))
    monkeypatch.setattr(cli_tui, "_is_terminal", lambda stream: True)
    assert main(["--reviewer", "Ada <ada@example.org>", str(article)]) == 0
    (app,) = started
    assert app.session.article.path == article
    assert app.session.reviewer == "Ada <ada@example.org>"
    monkeypatch.chdir(tmp_path)
    assert main([]) == 0
    assert started[1].session is None
    assert started[1].articles == [article]


def test_headless_commands_do_not_import_textual() -> None:
    code = (
        "import sys, contextlib, io\n"
        "from referee.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    main(['claims', {str(SEED)!r}, '--json'])\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'textual'}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert result.stdout.strip() == "[]"


async def test_the_bench_app_quits_once_the_screen_is_usable(seed) -> None:
    # bench/startup.py times `referee ARTICLE` to the moment its subclass quits.
    sys.path.insert(0, str(REPO / "bench"))
    try:
        from startup import bench_app
    finally:
        sys.path.remove(str(REPO / "bench"))
    app = bench_app(RefereeApp)(open_session(seed), folder=seed.parent)
    seen: list[int] = []
    async with app.run_test(size=(100, 30)) as pilot:
        seen.append(len(app.screen.claims.claim_ids))
        for _ in range(100):  # each pause waits for the app to be idle once
            if not app.is_running:
                break
            await pilot.pause()
        assert not app.is_running  # it quit by itself
    assert seen and seen[0] == len(app.session.claims())
    assert app.return_code == 0


def test_referee_dir_opens_the_picker_in_that_folder(tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "desk"
    folder.mkdir()
    article = folder / "post.md"
    article.write_text("# T\n\nCoffee cures cancer, studies show.\n", encoding="utf-8")
    started: list[RefereeApp] = []
    monkeypatch.setattr(RefereeApp, "run", lambda self: started.append(self))
    monkeypatch.setattr(cli_tui, "_is_terminal", lambda stream: True)
    monkeypatch.chdir(tmp_path)
    assert main(["desk"]) == 0
    (app,) = started
    assert app.session is None and app.articles == [article]
    assert app.folder == folder
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run_referee("empty", cwd=tmp_path)
    assert result.returncode == 2 and "no article" in result.stderr and "empty" in result.stderr
