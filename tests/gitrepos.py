"""Real git repositories for the tests: a runner for git and a repository holding the
colds article in one commit, with an identity and no user or system config."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from colds import ARTICLE


def git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=check)


def reviews_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``tmp_path/reviews``: a repository with ``colds.txt`` committed, the working folder."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.delenv("REFEREE_REVIEWER", raising=False)
    root = tmp_path / "reviews"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.name", "Test Runner")
    git(root, "config", "user.email", "runner@example.org")
    (root / "colds.txt").write_text(ARTICLE)
    git(root, "add", "colds.txt")
    git(root, "commit", "-qm", "article")
    monkeypatch.chdir(root)
    return root
