"""``referee agree``: reviews read from branches of a real git repository and from files."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from colds import ARTICLE

from referee.cli import main

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=repo, capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    root = tmp_path / "newsroom"
    (root / "health").mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.name", "Desk")
    git(root, "config", "user.email", "desk@example.org")
    (root / "health" / "colds.txt").write_text(ARTICLE)
    git(root, "add", ".")
    git(root, "commit", "-qm", "article")
    monkeypatch.chdir(root)
    return root


def ids_by_first_words(article: Path) -> dict[str, str]:
    from referee.review.session import Session

    return {" ".join(s.text.split()[:2]): s.id for s in Session.open(article).claims()}


def review_on_branch(repo: Path, branch: str, reviewer: str, marks: dict[str, str]) -> None:
    git(repo, "checkout", "-q", "main")
    git(repo, "checkout", "-qb", branch)
    article = repo / "health" / "colds.txt"
    ids = ids_by_first_words(article)
    for words, verdict in marks.items():
        args = ["mark", str(article), ids[words], verdict, "--reviewer", reviewer]
        if verdict == "dismiss":
            from referee.review.session import Session

            Session.open(article, reviewer=reviewer).dismiss(ids[words])
            continue
        assert main(args) == 0
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", f"{reviewer}'s review")


def test_agree_reads_two_branches_from_git(
    repo: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    review_on_branch(
        repo,
        "ada",
        "Ada",
        {
            "Vitamin D": "overstated",
            "Sugar causes": "unsupported",
            "The new": "unsupported",
            "Regular exercise": "supported",
            "Researchers at": "supported",
        },
    )
    review_on_branch(
        repo,
        "bob",
        "Bob",
        {
            "Vitamin D": "unsupported",
            "Sugar causes": "unsupported",
            "The new": "unsupported",
            "Regular exercise": "supported",
            "Many patients": "unsupported",  # Ada left it alone: not an item
        },
    )
    git(repo, "checkout", "-q", "main")  # neither review is in the work tree
    assert not (repo / "health" / "colds.txt.review.toml").exists()
    capsys.readouterr()
    assert main(["agree", "health/colds.txt", "ada", "bob", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    ids = ids_by_first_words(repo / "health" / "colds.txt")
    # 4 items; 3 agree. A: O U U S, B: U U U S -> p_o 3/4, p_e (0*1 + 2*3 + 1*1)/16 = 7/16
    # kappa = (12/16 - 7/16) / (9/16) = 5/9
    assert data["items"] == 4
    assert data["reviewers"] == ["ada", "bob"]  # in the order given
    assert data["percent"] == pytest.approx(75.0)
    assert data["kappa"] == pytest.approx(5 / 9)
    assert data["scale"] == ["supported", "unsupported", "overstated", "dismissed"]
    assert data["disagreements"] == [
        {
            "claim": ids["Vitamin D"],
            "judgements": {"ada": "overstated", "bob": "unsupported"},
            "quote": "Vitamin D supplements reduce the risk of colds by 40 percent in adults.",
        }
    ]
    assert main(["agree", "health/colds.txt", "bob", "ada", "--json"]) == 0
    reversed_order = json.loads(capsys.readouterr().out)
    assert reversed_order["reviewers"] == ["bob", "ada"]
    assert reversed_order["kappa"] == pytest.approx(5 / 9)
    # from inside the article's folder, and in the human table
    monkeypatch.chdir(repo / "health")
    assert main(["agree", "colds.txt", "ada", "bob"]) == 0
    out = capsys.readouterr().out
    assert "Cohen's kappa" in out and "0.556" in out and "1 disagreement" in out


def test_agree_mixes_a_revision_and_a_file_and_counts_dismissals(repo: Path, capsys) -> None:
    review_on_branch(repo, "ada", "Ada", {"Vitamin D": "supported", "Many patients": "dismiss"})
    review_on_branch(repo, "bob", "Bob", {"Vitamin D": "supported", "Many patients": "supported"})
    copy = repo.parent / "bob.review.toml"
    copy.write_text((repo / "health" / "colds.txt.review.toml").read_text())
    capsys.readouterr()
    assert main(["agree", "health/colds.txt", "ada", str(copy), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["items"] == 2
    assert [set(d["judgements"].values()) for d in data["disagreements"]] == [
        {"dismissed", "supported"}
    ]


def test_agree_single_category_says_kappa_is_undefined(repo: Path, capsys) -> None:
    review_on_branch(repo, "ada", "Ada", {"Vitamin D": "supported", "The new": "supported"})
    review_on_branch(repo, "bob", "Bob", {"Vitamin D": "supported", "The new": "supported"})
    capsys.readouterr()
    assert main(["agree", "health/colds.txt", "ada", "bob"]) == 0
    out = capsys.readouterr().out
    assert "undefined" in out and "single" in out
    assert "no disagreements" in out


@pytest.mark.parametrize(
    ("revs", "message"),
    [
        (["nosuchbranch", "main"], "neither a review file nor a git revision"),
        (["main", "main"], "has no colds.txt.review.toml"),
        (["main"], "at least two"),
    ],
)
def test_agree_bad_revisions_are_one_line_and_exit_2(
    repo: Path, capsys, revs: list[str], message: str
) -> None:
    assert main(["agree", "health/colds.txt", *revs]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert err.count("\n") == 1
