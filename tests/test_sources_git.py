"""The merge driver joins ``[source.*]`` tables in a real git repository: both sides'
sources are kept, one source fetched on both sides keeps the newer fetch, no conflict."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from gitrepos import git, reviews_repo

from referee.cli import main
from referee.review import store
from referee.review.session import Session

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def test_both_sides_sources_are_kept_and_the_newer_fetch_wins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = reviews_repo(tmp_path, monkeypatch)
    assert main(["git-setup"]) == 0
    git(repo, "add", ".gitattributes")
    git(repo, "commit", "-qm", "referee merge driver")
    article = repo / "colds.txt"
    review = repo / "colds.txt.review.toml"
    claims = [s.id for s in Session.open(article).claims()]
    doi = "doi:10.5555/outside.2024.0042"

    def add(who: str, claim: str, typed: str, title: str, hour: int) -> None:
        session = Session.open(article, reviewer=who)
        sid = session.add_source(
            typed,
            {"title": title},
            service="crossref",
            fetched=datetime(2026, 12, 7, hour, tzinfo=UTC),
        )
        session.link_source(claim, sid)
        git(repo, "add", review.name)
        git(repo, "commit", "-qm", f"{who} adds {sid}")

    git(repo, "checkout", "-qb", "bob")
    add("Bob", claims[0], "10.5555/outside.2024.0042", "Newer title", 9)
    cmd = ["mark", str(article), claims[1], "--source", "PMID:31000042", "--offline"]
    assert main([*cmd, "--reviewer", "Bob"]) == 0
    git(repo, "commit", "-qam", "Bob adds a PMID")
    git(repo, "checkout", "-q", "main")
    add("Ada", claims[0], "https://doi.org/10.5555/outside.2024.0042", "Older title", 8)
    assert main(["mark", str(article), claims[2], "--source", "arXiv:1706.03762", "--offline"]) == 0
    git(repo, "commit", "-qam", "Ada adds an arXiv id")

    result = git(repo, "merge", "--no-edit", "bob", check=False)
    assert result.returncode == 0, result.stderr
    merged = store.read(review)
    assert set(merged.sources) == {doi, "pmid:31000042", "arxiv:1706.03762"}
    assert merged.sources[doi].title == "Newer title"
    assert merged.conflicts() == []
    assert merged.claims[claims[0]].refs == (doi,)
    assert merged.claims[claims[1]].refs == ("pmid:31000042",)
    assert main(["check", str(repo)]) == 0
