"""Clean refusals: each one line on stderr, exit 2, the review file untouched."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from colds import ARTICLE

from referee.cli import main
from referee.review import store
from referee.review.session import Session


@pytest.fixture
def article(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("REFEREE_REVIEWER", "Ada")
    path = tmp_path / "colds.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def first_claim(article: Path) -> str:
    return Session.open(article).claims()[0].id


def refused(capsys, argv: list[str], *words: str) -> str:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    for word in words:
        assert word in err, err
    return err


def test_a_read_only_review_file_is_never_replaced(article: Path, capsys) -> None:
    claim = first_claim(article)
    assert main(["mark", str(article), claim, "supported"]) == 0
    review = store.review_path(article)
    before = review.read_bytes()
    review.chmod(0o444)
    try:
        refused(capsys, ["mark", str(article), claim, "overstated"], "read-only", "chmod u+w")
        refused(capsys, ["dismiss", str(article), claim], "read-only")
        assert review.read_bytes() == before
        assert review.stat().st_mode & 0o777 == 0o444
    finally:
        review.chmod(0o644)


def test_a_review_of_another_article_is_refused_checked_and_adopted(
    article: Path, tmp_path: Path, capsys
) -> None:
    other = tmp_path / "other.txt"
    other.write_text(ARTICLE.replace("40 percent", "30 percent"), encoding="utf-8")
    claim = first_claim(other)
    assert main(["mark", str(other), claim, "supported"]) == 0
    other_review = store.review_path(other)
    review = store.review_path(article)
    shutil.copyfile(other_review, review)  # copied beside the wrong article
    before = review.read_bytes()
    refused(
        capsys,
        ["mark", str(article), first_claim(article), "overstated"],
        "names the article 'other.txt', not 'colds.txt'",
        f"referee adopt {article}",
    )
    assert review.read_bytes() == before
    assert main(["check", str(review)]) == 1
    assert "referee adopt" in capsys.readouterr().out
    assert main(["adopt", str(article)]) == 0
    assert store.read(review).article == "colds.txt"
    assert main(["check", str(review)]) == 0
    assert main(["mark", str(article), first_claim(article), "overstated"]) == 0


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_an_article_renamed_with_git_mv_keeps_its_review(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("REFEREE_REVIEWER", "Ada")
    repo = tmp_path / "repo"
    repo.mkdir()

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)

    git("init", "-q", "-b", "main")
    git("config", "user.name", "T")
    git("config", "user.email", "t@example.org")
    old = repo / "draft.txt"
    old.write_text(ARTICLE, encoding="utf-8")
    claim = first_claim(old)
    assert main(["mark", str(old), claim, "supported"]) == 0
    git("add", ".")
    git("commit", "-qm", "draft")
    git("mv", "draft.txt", "final.txt")
    git("mv", "draft.txt.review.toml", "final.txt.review.toml")
    new = repo / "final.txt"
    new.write_text(ARTICLE + "\nOne more line.\n", encoding="utf-8")  # edited as well
    assert main(["check", str(repo)]) == 0
    assert main(["mark", str(new), claim, "overstated"]) == 0
    stored = store.read(repo / "final.txt.review.toml")
    assert stored.article == "final.txt" and stored.claims[claim].verdict == "overstated"


@pytest.mark.parametrize("where", ["article", "review"])
def test_only_regular_files_are_read(article: Path, capsys, where: str) -> None:
    fifo = article.parent / ("pipe.txt" if where == "article" else "colds.txt.review.toml")
    os.mkfifo(fifo)  # reading it would block for ever
    target = fifo if where == "article" else article
    refused(
        capsys,
        ["claims", str(target)] if where == "article" else ["report", str(target)],
        "is a FIFO",
    )
    if where == "article":
        refused(capsys, ["claims", "/dev/zero"], "is a character device")
        (article.parent / "folder.txt").mkdir()
        refused(capsys, ["claims", str(article.parent / "folder.txt")], "is a directory")


def test_files_over_the_size_cap_are_refused_at_once(
    article: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REFEREE_MAX_FILE_MB", "0.0001")  # 100 bytes
    refused(capsys, ["claims", str(article)], "larger than 0.0001 MB", "REFEREE_MAX_FILE_MB")
    monkeypatch.setenv("REFEREE_MAX_FILE_MB", "lots")
    refused(capsys, ["claims", str(article)], "not a number")


@pytest.mark.parametrize(
    "nesting",
    [
        "x = " + "{a = " * 10_000 + "1" + "}" * 10_000 + "\n",
        "x = " + "[" * 10_000 + "]" * 10_000 + "\n",
    ],
    ids=["tables", "arrays"],
)
def test_a_review_nested_ten_thousand_deep_is_refused(article: Path, capsys, nesting) -> None:
    review = store.review_path(article)
    review.write_text("schema = 1\n" + nesting, encoding="utf-8")
    before = review.read_bytes()
    claim = first_claim(article)
    refused(capsys, ["mark", str(article), claim, "supported"], "nested too deeply")
    assert main(["claims", str(article), "--json"]) == 0  # listed, with a warning
    assert "nested too deeply" in capsys.readouterr().err
    assert main(["check", str(review)]) == 1
    assert review.read_bytes() == before


def test_check_fails_on_a_folder_named_like_a_review(tmp_path: Path, capsys) -> None:
    (tmp_path / "post.md").write_text("Text.\n")
    (tmp_path / "post.md.review.toml").mkdir()
    assert main(["check", str(tmp_path)]) == 1
    assert "is a directory" in capsys.readouterr().out
    assert main(["check", str(tmp_path / "post.md.review.toml")]) == 1


def test_usage_errors_are_one_line(article: Path, capsys) -> None:
    refused(capsys, ["mark", str(article)], "mark: the following arguments are required")
    refused(capsys, ["resolve", str(article), "c1"], "give CLAIM FIELD CHOICE, or --all")
    refused(capsys, ["resolve", str(article), "--all", "both"], "invalid choice")
    refused(capsys, ["--bogus-option"], "unrecognized arguments")


def test_the_tui_without_a_terminal_exits_2_with_usage(article: Path) -> None:
    env = {**os.environ, "REFEREE_CONFIG": str(article.parent / "none.toml")}
    for argv in ([str(article)], []):
        result = subprocess.run(
            [sys.executable, "-m", "referee", *argv],
            cwd=article.parent,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=60,
            env=env,
        )
        assert result.returncode == 2
        assert result.stderr.count("\n") == 1
        assert "needs a terminal" in result.stderr and "usage: referee ARTICLE" in result.stderr
