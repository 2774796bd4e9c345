"""Review files in real git repositories: git-setup, merges through the driver, conflicts."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from gitrepos import git, reviews_repo

from referee.cli import main
from referee.review import file_format, store

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = reviews_repo(tmp_path, monkeypatch)
    return root


def claim_ids(article: Path) -> dict[str, str]:
    from referee.review.session import Session

    session = Session.open(article)
    return {s.text.split()[0] + " " + s.text.split()[1]: s.id for s in session.claims()}


def setup(repo: Path) -> None:
    assert main(["git-setup"]) == 0
    git(repo, "add", ".gitattributes")
    git(repo, "commit", "-qm", "referee merge driver")


def test_git_setup_registers_the_driver_once(repo: Path, capsys) -> None:
    assert main(["git-setup"]) == 0
    assert main(["git-setup"]) == 0
    assert (repo / ".gitattributes").read_text() == "*.review.toml merge=referee\n"
    driver = git(repo, "config", "merge.referee.driver").stdout.strip()
    assert driver.startswith("sh -c ") and "exec referee" in driver  # the PATH fallback
    assert driver.endswith(" merge-driver %O %A %B %P %S %X %Y")
    printed = capsys.readouterr().out.splitlines()
    assert f"git config merge.referee.driver = {driver}" in printed  # one line, unwrapped
    assert any("already has" in line for line in printed)
    assert git(repo, "config", "merge.referee.name").stdout.strip()
    attr = git(repo, "check-attr", "merge", "--", "colds.txt.review.toml").stdout
    assert attr.strip().endswith("merge: referee")


def test_git_setup_outside_a_repository_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    outside = tmp_path / "plain"
    outside.mkdir()
    monkeypatch.chdir(outside)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    assert main(["git-setup"]) == 2
    assert "not inside a git repository" in capsys.readouterr().err


def _mark(repo: Path, claim: str, verdict: str, reviewer: str, *extra: str) -> None:
    assert (
        main(["mark", str(repo / "colds.txt"), claim, verdict, "--reviewer", reviewer, *extra]) == 0
    )


def test_two_reviews_begun_apart_merge_cleanly(repo: Path) -> None:
    setup(repo)
    ids = claim_ids(repo / "colds.txt")
    review = repo / "colds.txt.review.toml"

    git(repo, "checkout", "-qb", "ada")
    _mark(repo, ids["Vitamin D"], "overstated", "Ada", "--note", "40% is the best case")
    _mark(repo, ids["Sugar causes"], "unsupported", "Ada")
    git(repo, "add", review.name)
    git(repo, "commit", "-qm", "Ada's review")

    git(repo, "checkout", "-q", "main")
    git(repo, "checkout", "-qb", "bob")
    _mark(repo, ids["The new"], "unsupported", "Bob", "--note", "no trial is cited")
    _mark(repo, ids["Regular exercise"], "supported", "Bob")
    _mark(repo, ids["The new"], "unsupported", "Bob", "--note", "no trial is cited;\nsee FDA")
    git(repo, "add", review.name)
    git(repo, "commit", "-qm", "Bob's review")

    git(repo, "checkout", "-q", "ada")
    merged = git(repo, "merge", "--no-edit", "bob", check=False)
    assert merged.returncode == 0, merged.stdout + merged.stderr
    assert git(repo, "status", "--porcelain").stdout == ""
    result = store.read(review)
    assert {cid: a.verdict for cid, a in result.claims.items()} == {
        ids["Vitamin D"]: "overstated",
        ids["Sugar causes"]: "unsupported",
        ids["The new"]: "unsupported",
        ids["Regular exercise"]: "supported",
    }
    assert result.claims[ids["The new"]].note == "no trial is cited;\nsee FDA"
    assert result.claims[ids["Vitamin D"]].note == "40% is the best case"
    assert review.read_text() == file_format.dumps(result)  # written in the canonical layout
    assert main(["check", str(repo)]) == 0


def test_the_same_verdict_changed_two_ways_is_a_conflict_until_resolved(repo: Path, capsys) -> None:
    setup(repo)
    ids = claim_ids(repo / "colds.txt")
    claim = ids["Vitamin D"]
    review = repo / "colds.txt.review.toml"
    _mark(repo, claim, "supported", "Ada")
    _mark(repo, ids["The new"], "unsupported", "Ada")
    git(repo, "add", review.name)
    git(repo, "commit", "-qm", "first pass")

    git(repo, "checkout", "-qb", "bob")
    _mark(repo, claim, "unsupported", "Bob", "--note", "Bob disagrees")
    git(repo, "commit", "-qam", "Bob")
    git(repo, "checkout", "-q", "main")
    _mark(repo, claim, "overstated", "Ada", "--note", "Ada hedges")
    git(repo, "commit", "-qam", "Ada")

    capsys.readouterr()
    merged = git(repo, "merge", "--no-edit", "bob", check=False)
    assert merged.returncode != 0
    assert "CONFLICT" in merged.stdout + merged.stderr
    assert "changed differently on both sides" in merged.stderr
    text = review.read_text()
    assert "<<<<<<<" not in text
    result = store.read(review)  # still a valid review file
    annotation = result.claims[claim]
    assert annotation.verdict == "overstated"
    assert {(c.field, c.ours, c.theirs) for c in annotation.conflicts} == {
        ("verdict", "overstated", "unsupported"),
        ("note", "Ada hedges", "Bob disagrees"),
    }
    assert result.claims[ids["The new"]].verdict == "unsupported"

    assert main(["check", str(repo)]) == 1
    out = capsys.readouterr().out
    assert f"unresolved merge conflict on verdict of claim {claim}" in out

    assert main(["resolve", str(repo / "colds.txt"), claim, "verdict", "theirs"]) == 0
    settled = store.read(review).claims[claim]
    assert (settled.verdict, settled.reviewer) == ("unsupported", "Bob")  # their name too
    assert settled.coreviewers == ("Ada",)  # Ada's note still stands
    assert main(["check", str(repo)]) == 1  # the note is still in conflict
    assert main(["resolve", str(repo / "colds.txt"), claim, "note", "ours"]) == 0
    capsys.readouterr()
    assert main(["check", str(repo)]) == 1  # settled, but git still has it unmerged
    assert "then `git add colds.txt.review.toml`" in capsys.readouterr().out
    final = store.read(review).claims[claim]
    assert (final.verdict, final.note, final.conflicts) == ("unsupported", "Ada hedges", ())
    assert (final.reviewer, final.coreviewers) == ("Bob", ("Ada",))
    git(repo, "add", review.name)
    assert main(["check", str(repo)]) == 0
    git(repo, "commit", "-qm", "merge Bob")
    assert git(repo, "status", "--porcelain").stdout == ""


def test_without_the_driver_git_leaves_markers_and_check_fails(repo: Path, capsys) -> None:
    ids = claim_ids(repo / "colds.txt")
    review = repo / "colds.txt.review.toml"
    git(repo, "checkout", "-qb", "ada")
    _mark(repo, ids["Vitamin D"], "overstated", "Ada")
    git(repo, "add", review.name)
    git(repo, "commit", "-qm", "Ada")
    git(repo, "checkout", "-q", "main")
    _mark(repo, ids["Sugar causes"], "unsupported", "Bob")
    git(repo, "add", review.name)
    git(repo, "commit", "-qm", "Bob")
    assert git(repo, "merge", "--no-edit", "ada", check=False).returncode != 0
    assert "<<<<<<<" in review.read_text()
    capsys.readouterr()
    assert main(["check", str(repo)]) == 1
    out = capsys.readouterr().out
    assert "holds git conflict markers" in out
    assert f"`referee git-setup && git checkout -m {review}` merges it again" in out
    # referee never overwrites it: marking fails with exit 2 and leaves it alone
    before = review.read_bytes()
    assert main(["mark", str(repo / "colds.txt"), ids["The new"], "supported"]) == 2
    assert review.read_bytes() == before


def test_the_driver_falls_back_to_a_line_merge_for_unreadable_sides(tmp_path: Path) -> None:
    base, ours, theirs = (tmp_path / n for n in ("base", "ours", "theirs"))
    base.write_text("schema = 1\n")
    ours.write_text("schema = 1\n[claim.c1\n")
    theirs.write_text('schema = 1\narticle = "x"\n')
    assert main(["merge-driver", str(base), str(ours), str(theirs), "x.review.toml"]) == 1
    assert "claim.c1" in ours.read_text()


# ----------------------------------------------------------------------------- helpers


def test_reviewer_identity_order(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from referee.review import identity

    assert identity.reviewer("  Ada  ") == "Ada"
    monkeypatch.setenv("REFEREE_REVIEWER", "Grace")
    assert identity.reviewer(None, cwd=repo) == "Grace"
    assert identity.reviewer("Ada", cwd=repo) == "Ada"
    monkeypatch.delenv("REFEREE_REVIEWER")
    assert identity.reviewer(None, cwd=repo) == "Test Runner <runner@example.org>"
    git(repo, "config", "--unset", "user.email")
    assert identity.reviewer(None, cwd=repo) == "Test Runner"
    git(repo, "config", "--unset", "user.name")
    import getpass

    monkeypatch.setattr(getpass, "getuser", lambda: "login\x1bname")
    assert identity.reviewer(None, cwd=repo) == "loginname"
    monkeypatch.setattr(getpass, "getuser", lambda: (_ for _ in ()).throw(OSError("no user")))
    assert identity.reviewer(None, cwd=repo) == "unknown"


def test_gitrepo_helpers(repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from referee.review import gitrepo
    from referee.text.article import git_blob_sha

    assert gitrepo.repo_root(repo / "colds.txt") == repo.resolve()
    sha = git_blob_sha((repo / "colds.txt").read_bytes())
    assert gitrepo.blob(sha, repo) == (repo / "colds.txt").read_bytes()
    assert gitrepo.blob("0" * 40, repo) is None
    assert gitrepo.blob("not a sha; rm -rf", repo) is None
    outside = tmp_path / "outside"
    outside.mkdir()
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    assert gitrepo.repo_root(outside) is None and gitrepo.blob(sha, outside) is None
    (repo / ".gitattributes").write_text("*.png binary")  # no trailing newline
    assert gitrepo.ensure_attribute(repo) is True
    assert gitrepo.ensure_attribute(repo) is False
    assert (repo / ".gitattributes").read_text() == ("*.png binary\n*.review.toml merge=referee\n")


def test_a_reviewer_is_shown_by_name_without_the_address() -> None:
    from referee.review.identity import display_name

    assert display_name("Ada Lovelace <ada@example.org>") == "Ada Lovelace"
    assert display_name("ada@example.org") == "ada@example.org"
    assert display_name("<ada@example.org>") == "<ada@example.org>"
    assert display_name("Ada") == "Ada"
