"""The shipped pre-commit hooks, run by pre-commit itself (``try-repo``) on a real
repository of articles: they fail on a broken review file and pass on a good one.

``try-repo`` installs the hooks' repository at a commit, so the parts of this working tree
that make the package (the current code, committed or not) are copied into a temporary
git repository first. pre-commit then builds its own environment with pip (from the
package index as configured; offline with a local mirror). Only when it cannot build
that environment is the test skipped. It is the slowest test of the suite (about 15 s
here, most of it pip installing referee's dependencies into the new environment).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from colds import ARTICLE

from referee.review.session import Session

ROOT = Path(__file__).resolve().parent.parent
PACKAGE_FILES = (".pre-commit-hooks.yaml", "pyproject.toml", "README.md")
CANNOT_INSTALL = (
    "No matching distribution found",
    "Could not find a version",
    "Failed to establish a new connection",
    "Network is unreachable",
    "Temporary failure in name resolution",
)

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def hooks_repository(target: Path) -> Path:
    """What pre-commit installs from: the package files of this working tree, committed."""
    for name in PACKAGE_FILES:
        shutil.copy2(ROOT / name, target / name)
    shutil.copytree(
        ROOT / "src",
        target / "src",
        ignore=shutil.ignore_patterns("__pycache__", "*.egg-info", "*.pyc"),
    )
    git(target, "init", "-q", "-b", "main")
    git(target, "add", "-A")
    git(target, "commit", "-qm", "referee as it is being tested")
    return target


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    home = tmp_path / "home"
    home.mkdir()
    environ = dict(os.environ)
    environ.update(
        HOME=str(home),
        GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_NAME="Desk",
        GIT_AUTHOR_EMAIL="desk@example.org",
        GIT_COMMITTER_NAME="Desk",
        GIT_COMMITTER_EMAIL="desk@example.org",
        PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"),
        REFEREE_CACHE_DIR=str(tmp_path / "cache"),
    )
    for name in ("VIRTUAL_ENV", "PYTHONPATH", "PRE_COMMIT", "GIT_DIR", "GIT_INDEX_FILE"):
        environ.pop(name, None)
    return environ


def try_repo(hooks: Path, hook: str, newsroom: Path, env: dict[str, str]):
    """``pre-commit try-repo HOOKS [HOOK] --all-files`` (every hook when ``hook`` is "")."""
    hooks_to_run = [hook] if hook else []
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(hooks), *hooks_to_run, "--all-files"],
        cwd=newsroom,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )


def test_the_hooks_fail_on_a_broken_review_and_pass_on_a_good_one(
    tmp_path: Path, env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("pre_commit")
    (tmp_path / "hooks").mkdir()
    hooks = hooks_repository(tmp_path / "hooks")
    newsroom = tmp_path / "newsroom"
    (newsroom / "health").mkdir(parents=True)
    git(newsroom, "init", "-q", "-b", "main")
    article = newsroom / "health" / "colds.txt"
    article.write_text(ARTICLE)
    monkeypatch.setenv("REFEREE_REVIEWER", "Ada <ada@example.org>")
    session = Session.open(article)
    claim = session.claims()[0]
    session.set_verdict(claim.id, "overstated")
    review = session.review_path
    good = review.read_text()
    git(newsroom, "add", "-A")

    # A broken review file fails the hook...
    review.write_text(good.replace("verdict =", "verdict", 1))
    git(newsroom, "add", "-A")
    failed = try_repo(hooks, "referee-check", newsroom, env)
    if failed.returncode == 3:  # pre-commit's own error: could it build the environment?
        log = (Path(env["PRE_COMMIT_HOME"]) / "pre-commit.log").read_text(errors="replace")
        if any(reason in log for reason in CANNOT_INSTALL):
            pytest.skip("pre-commit cannot build its environment here: " + log[-300:])
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "Failed" in failed.stdout
    assert "colds.txt.review.toml: not valid TOML" in failed.stdout

    # ...a good one passes it. Every try-repo builds a new environment (about 10 s of
    # pip), so both hooks run at once here: a claim whose text changed since it was
    # reviewed (stale) passes the plain hook and fails the strict one.
    review.write_text(good)
    article.write_text(ARTICLE.replace(claim.text, claim.text.replace("40", "30")))
    git(newsroom, "add", "-A")
    both = try_repo(hooks, "", newsroom, env)
    assert both.returncode == 1, both.stdout + both.stderr
    results = [line for line in both.stdout.splitlines() if line.startswith("referee check")]
    assert [line.split(".")[-1] for line in results] == ["Passed", "Failed"], results
    assert "(review files, stale claims, orphans)" in results[1]
    assert f"colds.txt.review.toml: claim {claim.id} is stale" in both.stdout
