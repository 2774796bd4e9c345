"""Every merge case in real repositories, with the driver as git calls it: dismissed
against judged, a third value on a committed conflict, a resolution that stands,
who said what, labelled values, resolving in bulk, and a driver that cannot start."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from gitrepos import git, reviews_repo

from referee.cli import main
from referee.cli.gitcmd import DRIVER_ARGS, FALLBACK_COMMAND
from referee.review import store
from referee.review.session import Session

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = reviews_repo(tmp_path, monkeypatch)
    assert main(["git-setup"]) == 0
    git(root, "add", ".gitattributes")
    git(root, "commit", "-qm", "referee merge driver")
    return root


@pytest.fixture
def ids(repo: Path) -> dict[str, str]:
    return {s.text.split()[0]: s.id for s in Session.open(repo / "colds.txt").claims()}


def review(repo: Path) -> Path:
    return repo / "colds.txt.review.toml"


def referee(repo: Path, *argv: str) -> None:
    args = [argv[0], str(repo / "colds.txt"), *argv[1:]]
    assert main(args) == 0, args


def commit(repo: Path, message: str) -> None:
    git(repo, "add", review(repo).name)
    git(repo, "commit", "-qm", message)


def merge(repo: Path, branch: str) -> subprocess.CompletedProcess[str]:
    return git(repo, "merge", "--no-edit", branch, check=False)


def values(repo: Path, claim: str, field: str = "verdict") -> list[tuple]:
    conflict = store.read(review(repo)).claims[claim].conflict(field)
    assert conflict is not None
    return [(c.value, c.dismissed, c.reviewer) for c in conflict.candidates]


def test_dismissed_on_one_side_judged_on_the_other_is_a_conflict(
    repo: Path, ids: dict[str, str]
) -> None:
    claim = ids["Many"]
    git(repo, "checkout", "-qb", "bob")
    referee(repo, "mark", claim, "supported", "--reviewer", "Bob")
    commit(repo, "Bob judges it")
    git(repo, "checkout", "-q", "main")
    referee(repo, "dismiss", claim, "--reviewer", "Ada")
    commit(repo, "Ada dismisses it")
    result = merge(repo, "bob")
    assert result.returncode != 0 and "dismissed by Ada" in result.stderr
    assert values(repo, claim) == [(None, True, "Ada"), ("supported", False, "Bob")]
    state = Session.open(repo / "colds.txt").state(claim)
    assert not state.dismissed and state.verdict == "supported"  # listed until settled
    assert main(["check", str(repo)]) == 1
    referee(repo, "resolve", claim, "verdict", "ours")
    settled = store.read(review(repo)).claims[claim]
    assert settled.dismissed and settled.verdict is None and settled.reviewer == "Ada"


def test_a_third_value_on_a_committed_conflict_keeps_every_value(
    repo: Path, ids: dict[str, str]
) -> None:
    claim = ids["Vitamin"]
    referee(repo, "mark", ids["Sugar"], "unsupported", "--reviewer", "Ada")
    commit(repo, "start")
    for name, verdict in (("bob", "unsupported"), ("carol", "supported")):
        git(repo, "checkout", "-qb", name, "main")
        referee(repo, "mark", claim, verdict, "--reviewer", name.title())
        commit(repo, name)
    git(repo, "checkout", "-q", "main")
    referee(repo, "mark", claim, "overstated", "--reviewer", "Ada")
    commit(repo, "Ada")
    assert merge(repo, "bob").returncode != 0
    commit(repo, "merge bob with the conflict unresolved")  # committed as it is
    assert merge(repo, "carol").returncode != 0
    assert values(repo, claim) == [
        ("overstated", False, "Ada"),
        ("unsupported", False, "Bob"),
        ("supported", False, "Carol"),
    ]
    referee(repo, "resolve", claim, "verdict", "2")
    settled = store.read(review(repo)).claims[claim]
    assert (settled.verdict, settled.reviewer, settled.conflicts) == ("unsupported", "Bob", ())


def test_a_resolution_stands_unless_the_other_side_changed_that_field(
    repo: Path, ids: dict[str, str]
) -> None:
    claim = ids["Vitamin"]
    git(repo, "checkout", "-qb", "bob")
    referee(repo, "mark", claim, "unsupported", "--reviewer", "Bob")
    commit(repo, "Bob")
    git(repo, "checkout", "-q", "main")
    referee(repo, "mark", claim, "overstated", "--reviewer", "Ada")
    commit(repo, "Ada")
    assert merge(repo, "bob").returncode != 0
    commit(repo, "conflict committed")
    git(repo, "branch", "later", "main")
    git(repo, "branch", "again", "main")
    referee(repo, "resolve", claim, "verdict", "theirs")
    commit(repo, "resolved on main")

    git(repo, "checkout", "-q", "again")  # carries the conflict; touches another claim only
    referee(repo, "mark", ids["Sugar"], "supported", "--reviewer", "Dan")
    commit(repo, "another claim")
    git(repo, "checkout", "-q", "later")  # carries it too, and gives the claim a verdict
    referee(repo, "mark", claim, "overstated", "--note", "see table 2", "--reviewer", "Ada")
    commit(repo, "note and a verdict")
    git(repo, "checkout", "-q", "main")
    assert merge(repo, "again").returncode == 0  # the resolution stands
    kept = store.read(review(repo)).claims[claim]
    assert (kept.verdict, kept.conflicts) == ("unsupported", ())
    assert store.read(review(repo)).claims[ids["Sugar"]].verdict == "supported"

    assert merge(repo, "later").returncode != 0  # they changed the verdict since: a conflict
    assert [v[0] for v in values(repo, claim)] == ["unsupported", "overstated"]
    assert store.read(review(repo)).claims[claim].note == "see table 2"


def test_two_reviewers_who_agree_are_both_named(repo: Path, ids: dict[str, str]) -> None:
    claim = ids["The"]
    git(repo, "checkout", "-qb", "bob")
    referee(repo, "mark", claim, "unsupported", "--reviewer", "Bob")
    commit(repo, "Bob")
    git(repo, "checkout", "-q", "main")
    referee(repo, "mark", claim, "unsupported", "--reviewer", "Ada")
    commit(repo, "Ada")
    assert merge(repo, "bob").returncode == 0
    merged = store.read(review(repo)).claims[claim]
    assert {merged.reviewer, *merged.coreviewers} == {"Ada", "Bob"}
    assert "coreviewers = [" in review(repo).read_text()
    assert merged.verdict == "unsupported" and merged.conflicts == ()


def test_both_notes_and_all_at_once(repo: Path, ids: dict[str, str], capsys) -> None:
    a, b = ids["Vitamin"], ids["Sugar"]
    git(repo, "checkout", "-qb", "bob")
    referee(repo, "mark", a, "unsupported", "--note", "Bob: no trial", "--reviewer", "Bob")
    referee(repo, "mark", b, "supported", "--reviewer", "Bob")
    commit(repo, "Bob")
    git(repo, "checkout", "-q", "main")
    referee(repo, "mark", a, "overstated", "--note", "Ada: 40% is a best case", "--reviewer", "Ada")
    referee(repo, "mark", b, "unsupported", "--reviewer", "Ada")
    commit(repo, "Ada")
    assert merge(repo, "bob").returncode != 0
    referee(repo, "resolve", a, "note", "both")
    note = store.read(review(repo)).claims[a].note
    assert note == "Ada: 40% is a best case\n\nBob: no trial"
    assert main(["resolve", str(repo / "colds.txt"), a, "verdict", "both"]) == 2
    capsys.readouterr()
    referee(repo, "resolve", "--all", "theirs")
    assert "2 conflict(s) resolved (theirs)" in capsys.readouterr().out
    final = store.read(review(repo))
    assert final.conflicts() == []
    assert (final.claims[a].verdict, final.claims[b].verdict) == ("unsupported", "supported")
    git(repo, "add", review(repo).name)
    assert main(["check", str(repo)]) == 0


def test_labels_name_the_branches_where_git_passes_them(tmp_path: Path) -> None:
    base, ours, theirs = (tmp_path / n for n in ("base", "ours", "theirs"))
    base.write_text("schema = 1\n")
    annotation = 'start = 0\nend = 1\nexact = "x"\nreviewer = "{who}"\nverdict = "{v}"\n'
    ours.write_text("schema = 1\n[claim.c1]\n" + annotation.format(who="Ada", v="supported"))
    theirs.write_text("schema = 1\n[claim.c1]\n" + annotation.format(who="Bob", v="overstated"))
    args = [str(base), str(ours), str(theirs), "x.review.toml"]
    assert main(["merge-driver", *args, "base-label", "HEAD", "feature/bob"]) == 1
    candidates = store.read(ours).claims["c1"].conflict("verdict").candidates
    assert [(c.side, c.branch, c.reviewer) for c in candidates] == [
        ("ours", "HEAD", "Ada"),
        ("theirs", "feature/bob", "Bob"),
    ]
    text = ours.read_text()
    assert 'branch = "feature/bob"' in text and 'reviewer = "Bob"' in text
    ours.write_text("schema = 1\n[claim.c1]\n" + annotation.format(who="Ada", v="supported"))
    assert main(["merge-driver", *args, "%S", "%X", "%Y"]) == 1  # a git before 2.44
    candidates = store.read(ours).claims["c1"].conflict("verdict").candidates
    assert [c.branch for c in candidates] == ["", ""]


def _diverge(repo: Path, ids: dict[str, str]) -> None:
    git(repo, "checkout", "-qb", "bob")
    referee(repo, "mark", ids["Vitamin"], "overstated", "--reviewer", "Bob")
    commit(repo, "Bob")
    git(repo, "checkout", "-q", "main")
    referee(repo, "mark", ids["Sugar"], "unsupported", "--reviewer", "Ada")
    commit(repo, "Ada")


def test_a_driver_that_cannot_start_is_caught_by_check_and_merged_again(
    repo: Path, ids: dict[str, str], capsys
) -> None:
    _diverge(repo, ids)
    gone = "/nonexistent/venv/bin/python -m referee merge-driver %O %A %B %P"
    git(repo, "config", "merge.referee.driver", gone)
    result = merge(repo, "bob")
    assert result.returncode != 0
    # git leaves our side in the file: it parses, and Bob's verdict is not in it
    assert ids["Vitamin"] not in store.read(review(repo)).claims
    capsys.readouterr()
    assert main(["check", str(repo)]) == 1
    out = capsys.readouterr().out
    assert "holds our side only (the merge driver did not run)" in out
    assert "`referee git-setup && git checkout -m colds.txt.review.toml`" in out
    # the way back, as printed
    assert main(["git-setup"]) == 0
    assert git(repo, "checkout", "-m", review(repo).name).returncode == 0
    stored = store.read(review(repo)).claims
    assert (stored[ids["Vitamin"]].verdict, stored[ids["Sugar"]].verdict) == (
        "overstated",
        "unsupported",
    )
    git(repo, "add", review(repo).name)
    assert main(["check", str(repo)]) == 0


def test_the_driver_survives_a_rebuilt_venv_through_referee_on_path(
    repo: Path, ids: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _diverge(repo, ids)
    moved = FALLBACK_COMMAND.format(python="/nonexistent/venv/bin/python") + " " + DRIVER_ARGS
    git(repo, "config", "merge.referee.driver", moved)
    bin_dir = Path(sys.executable).parent  # where pip put the `referee` script
    assert (bin_dir / "referee").exists()
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    assert merge(repo, "bob").returncode == 0
    stored = store.read(review(repo)).claims
    assert set(stored) == {ids["Vitamin"], ids["Sugar"]}
