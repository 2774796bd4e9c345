"""The shipped pre-commit hooks, run by pre-commit itself (``try-repo``) on a real
repository of articles: they fail on a broken review file and pass on a good one.

``try-repo`` installs the hooks' repository at a commit, so the parts of this working tree
that make the package (the current code, committed or not) are copied into a temporary
git repository first. pre-commit then builds its own environment with pip (from the
package index as configured; offline with a local mirror). Only when it cannot build
that environment is the test skipped. pip sees referee's dependencies already satisfied
on PYTHONPATH (this interpreter's site-packages) and so builds and installs referee
itself only: about 12 s of CPU for the two environments instead of 25 s.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
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
        REFEREE_CACHE_DIR=str(tmp_path / "cache"),
    )
    for name in ("VIRTUAL_ENV", "PRE_COMMIT", "GIT_DIR", "GIT_INDEX_FILE"):
        environ.pop(name, None)
    # referee's dependencies are found where this test's interpreter has them, so pip, in
    # pre-commit's new environment, sees them satisfied and installs only referee itself.
    paths = sysconfig.get_paths()
    environ["PYTHONPATH"] = os.pathsep.join(dict.fromkeys((paths["purelib"], paths["platlib"])))
    environ["PRE_COMMIT_HOME"] = str(tmp_path / "pre-commit")
    return environ


def try_repo(hooks: Path, hook: str, newsroom: Path, env: dict[str, str]) -> subprocess.Popen:
    """Start ``pre-commit try-repo HOOKS [HOOK] --all-files`` (every hook when ``hook`` is "")
    in ``newsroom``. The runs share one pre-commit home: the first to take its lock builds
    the hooks' environment, the other waits for it and uses it."""
    hooks_to_run = [hook] if hook else []
    return subprocess.Popen(
        [sys.executable, "-m", "pre_commit", "try-repo", str(hooks), *hooks_to_run, "--all-files"],
        cwd=newsroom,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def finish(run: subprocess.Popen, newsroom: Path) -> tuple[int, str]:
    """Wait for a try-repo; skip the test when pre-commit could not build its environment."""
    out, _ = run.communicate(timeout=900)
    if run.returncode == 3:  # pre-commit's own error: could it build the environment?
        log = newsroom.parent / "pre-commit" / "pre-commit.log"
        text = log.read_text(errors="replace") if log.exists() else ""
        if any(reason in text for reason in CANNOT_INSTALL):
            pytest.skip("pre-commit cannot build its environment here: " + text[-300:])
    return run.returncode, out


def reviewed_newsroom(root: Path) -> tuple[Path, Path, str]:
    """A repository with an article and its review (one verdict), all staged:
    (the article, its review file, the first claim's id)."""
    (root / "health").mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    article = root / "health" / "colds.txt"
    article.write_text(ARTICLE)
    session = Session.open(article)
    claim = session.claims()[0].id
    session.set_verdict(claim, "overstated")
    git(root, "add", "-A")
    return article, session.review_path, claim


def test_the_hooks_fail_on_a_broken_review_and_pass_on_a_good_one(
    tmp_path: Path, env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("pre_commit")
    monkeypatch.setenv("REFEREE_REVIEWER", "Ada <ada@example.org>")
    (tmp_path / "hooks").mkdir()
    hooks = hooks_repository(tmp_path / "hooks")

    # In one repository the review file is broken...
    broken = tmp_path / "broken"
    _, review, _ = reviewed_newsroom(broken)
    review.write_text(review.read_text().replace("verdict =", "verdict", 1))
    git(broken, "add", "-A")
    # ...in the other it is good, but a reviewed claim's text changed since (stale).
    good = tmp_path / "good"
    article, _, claim = reviewed_newsroom(good)
    article.write_text(ARTICLE.replace("by 40 percent", "by 30 percent"))
    git(good, "add", "-A")

    # Every try-repo builds a new environment (pip installs referee and its dependencies),
    # so the two run at once, and the second runs both hooks.
    runs = [try_repo(hooks, "referee-check", broken, env), try_repo(hooks, "", good, env)]
    (failed, failed_out), (both, both_out) = finish(runs[0], broken), finish(runs[1], good)

    assert failed == 1, failed_out
    assert "referee check (review files)" in failed_out and "Failed" in failed_out
    assert "colds.txt.review.toml: not valid TOML" in failed_out

    assert both == 1, both_out
    results = [line for line in both_out.splitlines() if line.startswith("referee check")]
    assert [line.split(".")[-1] for line in results] == ["Passed", "Failed"], results
    assert "(review files, stale claims, orphans)" in results[1]
    assert f"colds.txt.review.toml: claim {claim} is stale" in both_out
