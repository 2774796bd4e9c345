"""``referee mark --source``, ``evidence``, ``refs --check``, ``report`` and ``claims --json``
with outside sources, end to end against the local fixture server on 127.0.0.1."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from cli_run import claim_of, run
from refserver import RefServer
from sources_article import ARTICLE, DOI, write_article

from referee.review import store
from referee.review.session import Session


@pytest.fixture
def article(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return write_article(tmp_path, monkeypatch)


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch):
    with RefServer() as running:
        running.serve_referee(monkeypatch)
        yield running


def test_mark_source_looks_it_up_links_it_and_every_output_lists_it(
    article: Path, server: RefServer, capsys
) -> None:
    claim = claim_of(article, "Vitamin D")
    code, out, err = run(capsys, "mark", str(article), claim, "--source", f"https://doi.org/{DOI}")
    assert code == 0, err
    assert f"refs: doi:{DOI}" in out
    text = store.review_path(article).read_text("utf-8")
    assert f'[source."doi:{DOI}"]' in text
    assert 'title = "Vitamin D and winter colds: a randomised trial in schoolchildren"' in text
    assert 'fetched_from = "crossref"' in text and "fetched = " in text
    assert "verdict" not in text  # no VERDICT given: the verdict is untouched

    code, out, _ = run(capsys, "evidence", str(article), claim, "--no-abstracts", "--json")
    (item,) = json.loads(out)["refs"]
    assert item["id"] == f"doi:{DOI}" and item["how"] == "source" and item["status"] is None
    code, out, _ = run(capsys, "evidence", str(article), claim, "--no-abstracts")
    assert f"doi:{DOI} (source added by the reviewer) unchecked" in out

    code, out, _ = run(capsys, "refs", str(article), "--check", "--json")
    assert code == 0
    (source,) = json.loads(out)["sources"]
    assert source["check"]["status"] == "verified" and source["added_by_reviewer"]
    code, out, _ = run(capsys, "evidence", str(article), claim, "--no-abstracts")
    assert f"doi:{DOI} (source added by the reviewer) verified" in out

    code, out, _ = run(capsys, "claims", str(article), "--json")
    assert [s["id"] for s in json.loads(out)["sources"]] == [f"doi:{DOI}"]
    code, out, _ = run(capsys, "report", str(article), "--format", "json")
    data = json.loads(out)
    assert data["sources"][0]["title"].startswith("Vitamin D and winter colds")
    assert data["claims"][0]["refs"] == [f"doi:{DOI}"]
    code, out, _ = run(capsys, "report", str(article))
    assert f"**doi:{DOI}** (✓ verified" in out and "Source added by the reviewer" in out
    code, out, _ = run(capsys, "export", str(article), "--format", "html")
    assert "Source added by the reviewer" in out and f"https://doi.org/{DOI}" in out
    code, _, err = run(capsys, "check", str(article))
    assert code == 0, err


def test_mark_source_offline_keeps_the_identifier_and_a_check_fills_it_in(
    article: Path, server: RefServer, capsys
) -> None:
    claim = claim_of(article, "Coffee")
    code, _, err = run(
        capsys, "mark", str(article), claim, "supported", "--source", "PMID: 31000042", "--offline"
    )
    assert code == 0, err
    assert server.requests == 0  # nothing left the machine
    stored = Session.open(article).source("pmid:31000042")
    assert stored is not None and stored.title is None and stored.pmid == "31000042"
    code, _, _ = run(capsys, "refs", str(article), "--check", "--json")
    assert code == 0
    filled = Session.open(article).source("pmid:31000042")
    assert filled.title == "Coffee intake and liver fibrosis: a systematic review"
    assert filled.fetched_from == "pubmed" and filled.status == "verified"
    assert filled.added_by == "Ada <ada@example.org>"


def test_evidence_quotes_can_name_a_source(article: Path, server: RefServer, capsys) -> None:
    claim = claim_of(article, "Vitamin D")
    assert run(capsys, "mark", str(article), claim, "--source", DOI)[0] == 0
    code, out, err = run(
        capsys, "evidence", str(article), claim, "--no-abstracts", "--json",
        "--add", f"doi:{DOI}", "Colds fell by a tenth.", "--source", f"doi:{DOI}",
    )  # fmt: skip
    assert code == 0, err
    assert json.loads(out)["evidence"][0]["ref"] == f"doi:{DOI}"


def test_bad_or_unknown_identifiers_are_one_line_exit_2_and_nothing_is_written(
    article: Path, server: RefServer, capsys
) -> None:
    claim = claim_of(article, "Vitamin D")
    code, _, err = run(capsys, "mark", str(article), claim, "--source", "smith 2020")
    assert code == 2 and err.count("\n") == 1 and "not a DOI, PMID, arXiv id or http" in err
    code, _, err = run(capsys, "mark", str(article), claim, "--source", "10.5555/no.such.work")
    assert code == 2 and err.count("\n") == 1 and "is not registered; not added" in err
    code, _, err = run(capsys, "mark", str(article), claim)
    assert code == 2 and "give a VERDICT" in err
    assert not store.review_path(article).exists()


def test_mark_source_in_a_subprocess(article: Path, server: RefServer) -> None:
    claim = claim_of(article, "Vitamin D")
    done = subprocess.run(
        [sys.executable, "-m", "referee", "mark", str(article), claim, "overstated",
         "--source", "arXiv:1706.03762"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    source = Session.open(article).source("arxiv:1706.03762")
    assert source is not None and "Attention" in source.title
    assert Session.open(article).state(claim).refs == ("arxiv:1706.03762",)


def test_a_w3c_export_carries_source_links_into_another_review(
    article: Path, server: RefServer, capsys, tmp_path: Path
) -> None:
    claim = claim_of(article, "Vitamin D")
    assert run(capsys, "mark", str(article), claim, "supported", "--source", DOI)[0] == 0
    code, out, _ = run(capsys, "export", str(article), "--format", "w3c")
    assert code == 0 and f"https://doi.org/{DOI}" in out
    exported = tmp_path / "colds.annotations.jsonld"
    exported.write_text(out, encoding="utf-8")
    other = tmp_path / "copy" / "colds.md"
    other.parent.mkdir()
    other.write_text(ARTICLE, encoding="utf-8")
    code, _, err = run(capsys, "import", str(other), str(exported))
    assert code == 0, err
    session = Session.open(other)
    assert session.state(claim).refs == (f"doi:{DOI}",)
    assert session.source(f"doi:{DOI}") is not None  # by its identifier; a check fills it
