"""The opt-in literature search: key terms from a claim, PubMed and Europe PMC restricted to
reviews, meta-analyses and trials, merged and ordered; nothing sent without consent."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import httpx
import pytest
from refserver import FixtureRouter, RefServer, fixture_settings, mock_transport

from referee.cli import main
from referee.config import Config, load_config
from referee.errors import RefereeError
from referee.refcheck import litsearch
from referee.refcheck.client import Client, Unavailable
from referee.refcheck.litsearch import (
    Hit,
    NotAllowed,
    claim_query,
    europepmc_hit,
    key_terms,
    merge,
    pubmed_hit,
    type_of,
)
from referee.review.session import Session


@pytest.mark.parametrize(
    ("claim", "terms"),
    [
        (
            "Vitamin D supplements cut the risk of colds by 40% in children (Martineau, 2017).",
            ["vitamin D", "supplements", "risk", "colds", "children"],
        ),
        (
            "Acupuncture cures chronic back pain within two weeks [1].",
            ["acupuncture", "chronic", "back", "pain"],
        ),
        (
            "Drinking four cups of coffee a day lowers the risk of type 2 diabetes, a new "
            "study suggests.",
            ["drinking", "cups", "coffee", "risk", "type 2", "diabetes"],
        ),
        (
            "COVID-19 mRNA vaccines reduced hospital admissions among adults over 65 by 90 "
            "percent in 2021.",
            ["COVID-19", "mRNA", "vaccines", "hospital", "admissions", "adults"],
        ),
        (
            "Researchers found that fish oil does not prevent heart attacks in people with "
            "diabetes, according to Smith et al. [12, 13].",
            ["fish", "oil", "heart", "attacks", "diabetes", "smith"],
        ),
        (
            "Children's screen time is linked to poorer sleep and higher BMI; screen time matters.",
            ["children", "screen", "time", "sleep", "BMI", "matters"],
        ),
        ("It was 3.5 times higher in 2020 than in 2019.", []),
        (
            "In U.S. adults, HIV pre-exposure prophylaxis (PrEP) halves infections, J. Smith said.",
            ["adults", "HIV", "pre-exposure", "prophylaxis", "PrEP", "infections", "smith"],
        ),
    ],
)
def test_key_terms_of_claim_sentences(claim: str, terms: list[str]) -> None:
    assert key_terms(claim) == terms
    assert key_terms(claim) == key_terms(claim)  # deterministic


def test_key_terms_stop_at_the_cap_and_keep_the_claims_order() -> None:
    claim = "Alpha beta gamma delta epsilon zeta eta theta iota kappa lambda."
    assert key_terms(claim) == "alpha beta gamma delta epsilon zeta eta theta".split()
    assert len(key_terms(claim)) == litsearch.MAX_TERMS
    assert claim_query("Vitamin B12 eases fatigue.") == "vitamin B12 eases fatigue"


def test_type_labels_prefer_meta_analysis_then_review_then_trial() -> None:
    assert type_of(["Journal Article", "Systematic Review", "Meta-Analysis"]) == "meta-analysis"
    assert type_of(["Review", "Systematic Review"]) == "systematic review"
    assert type_of(["Randomized Controlled Trial", "Journal Article"]) == "randomised trial"
    assert type_of(["Journal Article"]) == "journal article"
    assert type_of([]) == ""


def search_with(router: FixtureRouter, query: str = "vitamin D colds") -> litsearch.Found:
    async def go() -> litsearch.Found:
        async with Client(fixture_settings(), mock_transport(router)) as client:
            return await litsearch.search(client, query)

    return asyncio.run(go())


def test_both_services_get_the_publication_type_filter() -> None:
    router = FixtureRouter()
    search_with(router)
    esearch = [q for s, path, q in router.log if s == "eutils" and path == "esearch.fcgi"]
    assert esearch == [
        {
            "db": "pubmed",
            "retmode": "json",
            "term": "(vitamin D colds) AND (systematic review[pt] OR meta-analysis[pt] "
            "OR randomized controlled trial[pt])",
            "retmax": "10",
            "sort": "relevance",
            "tool": "referee",
        }
    ]
    (epmc,) = [q for s, _, q in router.log if s == "europepmc"]
    assert epmc["query"] == (
        '(vitamin D colds) AND (PUB_TYPE:"systematic review" OR PUB_TYPE:"meta-analysis" '
        'OR PUB_TYPE:"randomized controlled trial")'
    )
    assert epmc["pageSize"] == "10" and epmc["format"] == "json"
    summaries = [q["id"] for s, path, q in router.log if path == "esummary.fcgi"]
    assert summaries == ["39900001,39900003,39900002"]


def test_hits_are_merged_by_pmid_and_doi_and_ordered_reviews_first_then_recency() -> None:
    found = search_with(FixtureRouter())
    assert found.problems == ()
    rows = [(h.id, h.year, h.type, h.journal, h.services) for h in found.hits]
    assert rows == [
        # meta-analysis (PubMed) and the PMC record with its DOI are one hit
        ("pmid:39900002", 2021, "meta-analysis", "Cochrane Lit Rev", ("PubMed", "Europe PMC")),
        ("pmid:39900003", 2016, "systematic review", "Child Health Evid", ("PubMed",)),
        ("pmid:39900005", 2024, "randomised trial", "Nutr Trials", ("Europe PMC",)),
        ("pmid:39900001", 2019, "randomised trial", "Pediatr Resp J", ("PubMed", "Europe PMC")),
    ]  # the preprint with neither PMID nor DOI is left out
    first = found.hits[0]
    assert first.doi == "10.5555/clr.2021.0007"
    assert first.title.startswith("Vitamin D and the common cold")
    assert found.hits[1].doi is None
    assert found.as_dict()["hits"][0] == {
        "id": "pmid:39900002",
        "year": 2021,
        "type": "meta-analysis",
        "journal": "Cochrane Lit Rev",
        "title": "Vitamin D and the common cold: a systematic review and meta-analysis of "
        "randomised trials",
        "pmid": "39900002",
        "doi": "10.5555/clr.2021.0007",
        "services": ["PubMed", "Europe PMC"],
        "authors": ["Haddad", "Moreau", "Tanaka"],
    }
    assert found.hits[2].metadata() == {
        "title": "High-dose vitamin D and winter colds in adults: a randomised, "
        "placebo-controlled trial",
        "authors": ["Okafor", "Lindqvist"],
        "year": "2024",
        "container": "Nutr Trials",
        "type": "journal article",
        "doi": "10.5555/nutr.2024.0311",
        "pmid": "39900005",
        "design": "randomised trial",
    }


def test_a_doi_only_hit_is_identified_by_its_doi_and_the_top_ten_are_kept() -> None:
    hits = [
        Hit(f"Trial {n}", 2000 + n, "randomised trial", "J", None, f"10.5555/t.{n}", ("PubMed",))
        for n in range(14)
    ]
    merged = merge(hits)
    assert len(merged) == litsearch.MAX_HITS
    assert merged[0].id == "doi:10.5555/t.13" and merged[-1].year == 2004


def test_parsers_skip_records_without_title_or_identifier() -> None:
    assert pubmed_hit({"uid": "", "title": "No id", "articleids": []}) is None
    assert pubmed_hit({"uid": "5", "title": "", "pubtype": ["Meta-Analysis"]}) is None
    lite = {"pmid": "7", "title": "Lite record", "pubType": "review; systematic review",
            "journalTitle": "Lite J", "pubYear": "2023"}  # fmt: skip
    hit = europepmc_hit(lite)
    assert hit is not None and (hit.type, hit.journal, hit.year) == (
        "systematic review",
        "Lite J",
        2023,
    )


def test_one_service_down_is_said_and_the_other_still_answers() -> None:
    def hook(service: str, rest: str, query: dict[str, str]):  # type: ignore[no-untyped-def]
        from refserver import Canned

        if service == "europepmc":
            return Canned(400, {"content-type": "text/plain"}, b"bad query")
        return None

    found = search_with(FixtureRouter(hook=hook))
    assert [h.id for h in found.hits] == ["pmid:39900002", "pmid:39900003", "pmid:39900001"]
    assert found.problems == ("Europe PMC: europepmc answered HTTP 400",)


def test_both_services_down_is_unavailable_never_no_hits() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"content-type": "text/html"}, content=b"<html>")

    async def go() -> None:
        async with Client(fixture_settings(), httpx.MockTransport(handler)) as client:
            await litsearch.search(client, "vitamin D")

    with pytest.raises(Unavailable, match=r"PubMed: .*HTML.*; Europe PMC: .*HTML"):
        asyncio.run(go())


def test_nothing_is_sent_unless_the_config_or_the_reviewer_says_so(tmp_path: Path) -> None:
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return mock_transport(FixtureRouter()).handler(request)  # type: ignore[attr-defined]

    transport = httpx.MockTransport(handler)
    off = Config(tmp_path / "c.toml")

    def run(config: Config, confirmed: bool) -> litsearch.Found:
        return asyncio.run(
            litsearch.run(
                fixture_settings(), "vitamin D colds", config=config, confirmed=confirmed,
                transport=transport,
            )
        )  # fmt: skip

    with pytest.raises(NotAllowed, match="PubMed and Europe PMC"):
        run(off, confirmed=False)
    assert sent == []
    assert len(run(off, confirmed=True).hits) == 4
    assert sent
    sent.clear()
    on = Config(tmp_path / "c.toml", literature_search=True)
    assert len(run(on, confirmed=False).hits) == 4 and sent
    assert litsearch.allowed(None, confirmed=False) is False


def test_config_evidence_search_is_a_boolean(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    assert load_config(path).literature_search is False
    path.write_text("[evidence]\nsearch = true\n", encoding="utf-8")
    assert load_config(path).literature_search is True
    path.write_text('[evidence]\nsearch = "yes"\n', encoding="utf-8")
    with pytest.raises(RefereeError, match=r"\[evidence\] search must be true or false"):
        load_config(path)


def test_an_empty_query_is_refused_before_sending() -> None:
    router = FixtureRouter()
    with pytest.raises(RefereeError, match="empty"):
        search_with(router, "   ")
    assert router.log == []


ARTICLE = """\
# Colds

Vitamin D supplements cut the risk of colds by 40% in children (Martineau, 2017).

## References

Martineau, A. R. (2017). Vitamin D supplementation to prevent acute respiratory tract infections. BMJ, 356, i6583.
"""


def test_cli_search_end_to_end_against_a_local_server(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REFEREE_REVIEWER", "Ada <ada@example.org>")
    article = tmp_path / "colds.md"
    article.write_text(ARTICLE, encoding="utf-8")
    claim = next(s.id for s in Session.open(article).claims() if "Vitamin" in s.text)
    with RefServer() as server:
        server.serve_referee(monkeypatch)
        code = main(["evidence", str(article), claim, "--no-abstracts", "--json", "--search"])
        out, err = capsys.readouterr()
        assert code == 0, err
        search = json.loads(out)["search"]
        assert search["query"] == "vitamin D supplements risk colds children"
        assert search["services"] == ["PubMed", "Europe PMC"]
        assert [h["id"] for h in search["hits"]][:2] == ["pmid:39900002", "pmid:39900003"]
        assert "sending the search “vitamin D supplements risk colds children” to PubMed" in err
        assert "Europe PMC" in err
        sent = [q["term"] for s, p, q in server.router.log if p == "esearch.fcgi"]
        assert sent[0].startswith("(vitamin D supplements risk colds children) AND (")

        code = main(["evidence", str(article), claim, "--no-abstracts", "--search", "vitamin D"])
        out, err = capsys.readouterr()
        assert code == 0, err
        assert "Literature search" in out and "query: vitamin D" in out
        assert "2021  meta-analysis  Cochrane Lit Rev  Vitamin D and the common cold" in out
        assert "pmid:39900002" in out

        before = len(server.router.log)
        code = main(["evidence", str(article), claim, "--no-abstracts", "--json"])
        out, _ = capsys.readouterr()
        assert "search" not in json.loads(out)
        assert len(server.router.log) == before  # without --search nothing is sent


def test_cli_search_when_neither_service_answers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both services down: the claim's evidence still prints, the search says why it has
    no hits, and the command succeeds."""
    monkeypatch.setenv("REFEREE_REVIEWER", "Ada <ada@example.org>")
    monkeypatch.setenv("REFEREE_EUTILS_URL", "http://127.0.0.1:9/eutils")
    monkeypatch.setenv("REFEREE_EUROPEPMC_URL", "http://127.0.0.1:9/europepmc")
    article = tmp_path / "colds.md"
    article.write_text(ARTICLE, encoding="utf-8")
    claim = next(s.id for s in Session.open(article).claims() if "Vitamin" in s.text)
    code = main(["evidence", str(article), claim, "--no-abstracts", "--json", "--search"])
    out, err = capsys.readouterr()
    assert code == 0, err
    search = json.loads(out)["search"]
    assert search["query"] == "vitamin D supplements risk colds children"
    assert search["services"] == ["PubMed", "Europe PMC"]
    assert search["hits"] == []
    [problem] = search["problems"]
    assert "PubMed" in problem and "Europe PMC" in problem
