"""``referee evidence``: a claim's references with status, abstract and kept evidence,
against a local server; ``--offline`` from the cache; ``--add``/``--remove``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_run import claim_of, run
from refserver import RefServer

from referee.review import store

ARTICLE = """\
# Coffee and the liver

Drinking coffee protects the liver from cirrhosis [1]. Acupuncture cures back pain [2].

## References

1. Moreau L, Haddad S. Coffee drinking and liver disease: a cohort study. Liver J. 2020;4:1-9. doi:10.5555/coffee.2020.0101
2. Zhang X. Acupuncture for chronic pain: a review. J Pain Stud. 2021;12(3):40-52. PMID: 31000001
"""


@pytest.fixture
def article(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("REFEREE_REVIEWER", "Ada <ada@example.org>")
    path = tmp_path / "coffee.md"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_evidence_prints_abstracts_then_offline_from_the_cache(
    article: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    coffee = claim_of(article, "coffee")
    acupuncture = claim_of(article, "Acupuncture")
    with RefServer() as server:
        server.serve_referee(monkeypatch)
        code, out, err = run(capsys, "evidence", str(article), coffee, "--json")
        assert code == 0, err
        data = json.loads(out)
        assert data["claim"]["id"] == coffee
        (ref,) = data["refs"]
        assert ref["how"] == "cited" and ref["doi"] == "10.5555/coffee.2020.0101"
        assert ref["abstract"]["service"] == "Europe PMC"
        assert ref["abstract"]["sections"][1]["label"] == "Findings"
        code, out, _ = run(capsys, "evidence", str(article), acupuncture)
        assert code == 0
        assert "RESULTS: Pain scores fell by 0.5 points" in out
        assert "Abstract (PubMed, pubmed:31000001)" in out
        asked = server.requests
    code, out, _ = run(capsys, "evidence", str(article), coffee, "--offline", "--json")
    assert code == 0 and json.loads(out)["refs"][0]["abstract"]["source"] == (
        "europepmc:MED:33000101"
    )
    assert asked == 2
    review = store.review_path(article)
    assert not review.exists()  # reading abstracts writes nothing
    cache = "".join(p.read_text("utf-8", "replace") for p in article.parent.glob("*.toml"))
    assert "Pain scores" not in cache


def test_evidence_add_and_remove_keep_only_the_quote(
    article: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    acupuncture = claim_of(article, "Acupuncture")
    code, out, err = run(
        capsys, "evidence", str(article), acupuncture, "--no-abstracts", "--json",
        "--add", "zhang2021", "No trial reported cures.", "--source", "pubmed:31000001",
    )  # fmt: skip
    assert code == 0, err
    assert json.loads(out)["evidence"] == [
        {"ref": "zhang2021", "quote": "No trial reported cures.", "source": "pubmed:31000001"}
    ]
    text = store.review_path(article).read_text()
    assert 'quote = "No trial reported cures."' in text and "Pain scores" not in text
    code, out, _ = run(
        capsys, "evidence", str(article), acupuncture, "--no-abstracts",
        "--remove", "zhang2021", "No trial reported cures.", "--source", "pubmed:31000001",
    )  # fmt: skip
    assert code == 0 and "No evidence kept yet" in out


def test_bad_input_is_one_line_exit_2(article: Path, capsys) -> None:
    code, _, err = run(capsys, "evidence", str(article), "nosuchclaim", "--no-abstracts")
    assert code == 2 and err.count("\n") == 1 and "no claim with id" in err
    acupuncture = claim_of(article, "Acupuncture")
    code, _, err = run(
        capsys, "evidence", str(article), acupuncture, "--no-abstracts", "--add", "zhang2021",
        "x" * 301,
    )  # fmt: skip
    assert code == 2 and "at most 300" in err
