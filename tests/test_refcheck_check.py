"""Verdicts for whole references, served from our fixtures through httpx.MockTransport."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import httpx
import pytest
from refserver import Canned, FixtureRouter, fixture_settings, load, mock_transport

from referee.config import Config
from referee.model import CHECK_STATUSES, CheckResult, Reference
from referee.refcheck import CheckSettings, check_references

ZHANG = Reference(
    "zhang2021",
    0,
    0,
    "Zhang, X., Liu, H., & Zhang, Q. (2021). Acupuncture for Goodpasture Syndrome: A systematic "
    "review and meta-analysis of randomized controlled trials. Journal of Traditional Chinese "
    "Medicine, 41(3), 420-432.",
    authors=("Zhang", "Liu", "Zhang"),
    year="2021",
    title="Acupuncture for Goodpasture Syndrome: A systematic review and meta-analysis of "
    "randomized controlled trials",
    container="Journal of Traditional Chinese Medicine",
    volume="41",
    issue="3",
    pages="420-432",
)
WANG = Reference(
    "wang2020",
    0,
    0,
    "Wang, Y., Li, J., & Wang, C. (2020). Acupuncture treatment for Goodpasture Syndrome: A "
    "retrospective cohort study. Complementary Therapies in Medicine, 48, 102271.",
    authors=("Wang", "Li", "Wang"),
    year="2020",
    title="Acupuncture treatment for Goodpasture Syndrome: A retrospective cohort study",
    container="Complementary Therapies in Medicine",
    volume="48",
    pages="102271",
)
STATE_OF_OA = (
    "The state of OA: a large-scale analysis of the prevalence and impact of Open Access articles"
)
PIWOWAR = Reference(
    "piwowar2018",
    0,
    0,
    f"Piwowar H, Priem J, Larivière V, et al. {STATE_OF_OA}. PeerJ. 2018;6:e4375. doi:10.7717/peerj.4375",
    authors=("Piwowar", "Priem", "Larivière"),
    year="2018",
    title=STATE_OF_OA,
    container="PeerJ",
    volume="6",
    pages="e4375",
    doi="10.7717/peerj.4375",
)
RESNET_TITLE = "Deep residual learning for image recognition"
HE_WRONG_DOI = Reference(
    "he2016",
    0,
    0,
    f"He K, Zhang X, Ren S, Sun J. {RESNET_TITLE}. CVPR 2016:770-8. doi:10.7717/peerj.4375",
    authors=("He", "Zhang", "Ren", "Sun"),
    year="2016",
    title=RESNET_TITLE,
    pages="770-8",
    doi="10.7717/peerj.4375",
)
WAKEFIELD_TITLE = (
    "Ileal-lymphoid-nodular hyperplasia, non-specific colitis, and pervasive developmental "
    "disorder in children"
)
WAKEFIELD = Reference(
    "wakefield1998",
    0,
    0,
    f"Wakefield AJ, Murch SH, Anthony A, et al. {WAKEFIELD_TITLE}. Lancet. "
    "1998;351(9103):637-41. doi:10.1016/S0140-6736(97)11096-0",
    authors=("Wakefield", "Murch", "Anthony"),
    year="1998",
    title=WAKEFIELD_TITLE,
    container="Lancet",
    volume="351",
    issue="9103",
    pages="637-41",
    doi="10.1016/S0140-6736(97)11096-0",
)


async def check(
    refs: list[Reference], router: FixtureRouter | None = None, **settings: object
) -> tuple[list[CheckResult], FixtureRouter]:
    router = router or FixtureRouter()
    results = await check_references(
        refs, fixture_settings(**settings), transport=mock_transport(router)
    )
    return results, router


async def test_seed_references_are_not_found_with_reasons() -> None:
    (zhang, wang), router = await check([ZHANG, WANG])
    for result in (zhang, wang):
        assert result.status == "not_found"
        assert result.sources == ("crossref", "pubmed", "europepmc")
        assert result.matched_doi is None and result.checked is not None
        assert any(r.startswith("crossref: none of") for r in result.reasons)
        assert "pubmed: no candidates" in result.reasons
        assert "europepmc: no candidates" in result.reasons
        # reasons never show the queries sent
        assert not any("[ti]" in r or "TITLE:" in r for r in result.reasons)
    # the near miss (same author, year and journal; another disease) is named with its score
    assert "chronic fatigue syndrome" in " ".join(wang.reasons)
    searches = router.requests_to("crossref")
    assert {q["query.bibliographic"] for _, q in searches} == {ZHANG.raw, WANG.raw}


async def test_real_reference_with_doi_is_verified() -> None:
    (result,), router = await check([PIWOWAR])
    assert result.status == "verified"
    assert result.matched_doi == "10.7717/peerj.4375"
    assert result.matched_title == STATE_OF_OA
    assert result.sources == ("crossref",)
    assert router.requests_to("crossref") == [("works/10.7717/peerj.4375", {})]


async def test_real_doi_with_another_papers_title_is_doi_mismatch() -> None:
    (result,), _ = await check([HE_WRONG_DOI])
    assert result.status == "doi_mismatch"
    assert result.matched_doi == "10.7717/peerj.4375"
    text = "\n".join(result.reasons)
    assert "leads to a different work" in text
    assert "the cited work appears to be “Deep Residual Learning for Image Recognition”" in text


async def test_retraction_from_crossref_updated_by() -> None:
    (result,), _ = await check([WAKEFIELD])
    assert result.status == "retracted"
    assert (
        "retracted: retraction 10.1016/s0140-6736(10)60175-4 (retraction-watch, 2010-02-06)"
        in result.reasons
    )


async def test_correction_and_new_version_do_not_make_a_retraction() -> None:
    ref = Reference(
        "sadasivan2012",
        0,
        0,
        "raw",
        authors=("Sadasivan",),
        year="2012",
        title="Methylphenidate exposure induces dopamine neuron loss and activation of microglia "
        "in the basal ganglia of mice",
        doi="10.1371/journal.pone.0033693",
    )
    (result,), _ = await check([ref])
    assert result.status == "corrected"
    assert any(r.startswith("corrected: correction 10.1371/") for r in result.reasons)
    assert not any(r.startswith("retracted") for r in result.reasons)


async def test_retraction_from_pubmed_publication_type() -> None:
    ref = replace(WAKEFIELD, doi=None, pmid="9500320")
    (result,), router = await check([ref])
    assert result.status == "retracted" and result.sources == ("pubmed",)
    assert any("Retracted Publication" in r for r in result.reasons)
    assert router.requests_to("crossref") == []


async def test_retraction_from_openalex_when_a_key_is_configured() -> None:
    def strip_updates(service: str, path: str, query: dict[str, str]) -> Canned | None:
        if service == "crossref" and path.startswith("works/10.1016"):
            canned = load("crossref/work_10.1016_s0140-6736(97)11096-0.json")
            data = json.loads(canned.body)
            del data["message"]["updated-by"]
            data["message"]["title"] = [WAKEFIELD_TITLE]
            return Canned(200, canned.headers, json.dumps(data).encode())
        return None

    router = FixtureRouter(hook=strip_updates)
    (plain,), _ = await check([WAKEFIELD], router)
    assert plain.status == "verified"
    (keyed,), _ = await check(
        [WAKEFIELD], FixtureRouter(hook=strip_updates), openalex_api_key="K3Y"
    )
    assert keyed.status == "retracted" and "openalex" in keyed.sources
    assert "retracted: OpenAlex is_retracted" in keyed.reasons


async def test_openalex_is_not_used_without_a_key() -> None:
    _, router = await check([ZHANG, PIWOWAR])
    assert router.requests_to("openalex") == []


async def test_openalex_search_runs_with_a_key_for_unverified_references() -> None:
    (result,), router = await check([ZHANG], openalex_api_key="K3Y")
    assert result.status == "not_found" and "openalex" in result.sources
    ((path, query),) = router.requests_to("openalex")
    assert path == "works" and query["filter"].startswith(
        "title.search:acupuncture for goodpasture"
    )
    assert query["api_key"] == "K3Y"


VASWANI = Reference(
    "vaswani2017",
    0,
    0,
    "Vaswani A, et al. Attention is all you need. 2017. https://doi.org/10.48550/arXiv.1706.03762",
    authors=("Vaswani",),
    year="2017",
    title="Attention is all you need",
    url="https://doi.org/10.48550/arXiv.1706.03762",
)


async def test_datacite_doi_goes_to_datacite_after_asking_doi_org_for_its_agency() -> None:
    (result,), router = await check([VASWANI])
    assert result.status == "verified" and result.sources == ("datacite",)
    assert result.matched_doi == "10.48550/arxiv.1706.03762"
    assert [p for p, _ in router.requests_to("doi")] == ["doiRA/10.48550/arxiv.1706.03762"]
    assert router.requests_to("crossref") == []


async def test_doi_of_another_agency_is_compared_through_doi_org() -> None:
    def medra(service: str, path: str, query: dict[str, str]) -> Canned | None:
        if service == "doi" and path.startswith("doiRA/"):
            doi = path.removeprefix("doiRA/")
            return Canned(
                200,
                {"content-type": "application/json"},
                json.dumps([{"DOI": doi, "RA": "mEDRA"}]).encode(),
            )
        return None

    (result,), _ = await check([VASWANI], FixtureRouter(hook=medra))
    assert result.status == "verified" and result.sources == ("doi.org",)
    assert "doi.org: DOI 10.48550/arxiv.1706.03762 is registered with medra" in result.reasons


async def test_without_doi_org_agencies_crossref_is_asked_first() -> None:
    def ra_down(service: str, path: str, query: dict[str, str]) -> Canned | None:
        if service == "doi" and path.startswith("doiRA/"):
            return load("errors/proxy_502.html")
        return None

    ref = replace(VASWANI, id="vaswani-old-path")
    (result,), _ = await check([ref], FixtureRouter(hook=ra_down))
    assert result.status == "verified" and result.sources == ("crossref", "doi.org")
    assert (
        "doi.org: DOI 10.48550/arxiv.1706.03762 is registered with another agency" in result.reasons
    )


async def test_unregistered_doi_of_a_findable_work_is_doi_mismatch() -> None:
    ref = replace(HE_WRONG_DOI, doi="10.1109/CVPR.2016.999999", pages=None)
    (result,), _ = await check([ref])
    assert result.status == "doi_mismatch"
    assert result.matched_doi == "10.1109/cvpr.2016.90"  # not the 10.65215 duplicate ranked first
    assert (
        "doi.org: DOI 10.1109/cvpr.2016.999999 is not registered with any agency" in result.reasons
    )


async def test_unregistered_doi_of_an_unfindable_work_is_not_found() -> None:
    ref = replace(ZHANG, doi="10.99999/nonexistent-prefix")
    (result,), _ = await check([ref])
    assert result.status == "not_found"
    assert (
        "doi.org: DOI 10.99999/nonexistent-prefix is not registered with any agency"
        in result.reasons
    )


async def test_wrong_year_is_a_metadata_mismatch() -> None:
    cited = replace(PIWOWAR, year="2014", raw=PIWOWAR.raw.replace("2018", "2014"))
    (result,), _ = await check([cited])
    assert result.status == "metadata_mismatch"
    assert "year: cited 2014, record 2018" in result.reasons


async def test_search_finds_a_reference_without_doi() -> None:
    (result,), _ = await check([replace(PIWOWAR, doi=None, raw=PIWOWAR.raw.split(" doi:")[0])])
    assert result.status == "verified" and result.matched_doi == "10.7717/peerj.4375"


@pytest.mark.parametrize(
    "failure",
    [
        Canned(503, {"content-type": "text/html"}, b"<html>503</html>"),
        Canned(429, {"retry-after": "0"}, b"slow down"),
        Canned(200, {"content-type": "text/html"}, b"<!DOCTYPE html><html>portal</html>"),
        Canned(200, {"content-type": "application/json"}, b'{"status":"ok","message'),
    ],
    ids=["5xx", "429", "html", "malformed"],
)
async def test_a_failing_source_gives_unverifiable_never_not_found(failure: Canned) -> None:
    def pubmed_fails(service: str, path: str, query: dict[str, str]) -> Canned | None:
        return failure if service == "eutils" else None

    (result,), _ = await check([ZHANG], FixtureRouter(hook=pubmed_fails), retries=1)
    assert result.status == "unverifiable"
    assert any(r.startswith("could not check: pubmed") for r in result.reasons)


async def test_timeout_gives_unverifiable() -> None:
    router = FixtureRouter()
    base = mock_transport(router)

    def handler(request: httpx.Request) -> httpx.Response:
        if "/crossref/" in str(request.url):
            raise httpx.ReadTimeout("timed out", request=request)
        return base.handler(request)  # type: ignore[attr-defined]

    # one retry; before any answer Crossref searches start at 1 request per second
    results = await check_references(
        [PIWOWAR, ZHANG], fixture_settings(retries=1), transport=httpx.MockTransport(handler)
    )
    assert [r.status for r in results] == ["unverifiable", "unverifiable"]
    assert any("crossref timed out" in r and "2 attempts" in r for r in results[0].reasons)


async def test_oversized_answer_gives_unverifiable() -> None:
    (result,), _ = await check([PIWOWAR], max_bytes=1_000)
    assert result.status == "unverifiable"
    assert any("larger than 1,000 bytes" in r for r in result.reasons)


async def test_results_arrive_through_on_result_and_keep_input_order() -> None:
    refs = [ZHANG, PIWOWAR, WAKEFIELD, WANG, HE_WRONG_DOI]
    seen: list[CheckResult] = []
    results = await check_references(
        refs, fixture_settings(), on_result=seen.append, transport=mock_transport(FixtureRouter())
    )
    assert [r.ref_id for r in results] == [r.id for r in refs]
    assert sorted(r.ref_id for r in seen) == sorted(r.id for r in refs)
    assert all(r.status in CHECK_STATUSES for r in results)


async def test_too_little_to_search_for_is_unverifiable() -> None:
    (result,), router = await check([Reference("ibid", 0, 0, "Ibid., p. 4.")])
    assert result.status == "unverifiable" and router.log == []


async def test_only_reference_strings_and_identifiers_are_sent() -> None:
    refs = [ZHANG, WANG, PIWOWAR, HE_WRONG_DOI, WAKEFIELD]
    _, router = await check(refs, openalex_api_key="K3Y")
    allowed = " ".join(r.raw for r in refs).lower()
    assert router.log
    for _service, _path, query in router.log:
        for value in query.values():
            if value in ("K3Y", "referee", "json", "pubmed", "5", "core", "xml"):
                continue
            words = [
                w for w in value.lower().replace("[", " ").replace("]", " ").split() if w.isalpha()
            ]
            assert all(w in allowed or w in {"ti", "au", "dp", "and"} for w in words), value


async def test_api_keys_never_reach_cache_files_or_results(tmp_path: Path) -> None:
    refs = [ZHANG, WANG, PIWOWAR, WAKEFIELD]
    results, router = await check(
        refs, cache_dir=tmp_path, openalex_api_key="OA-SECRET-1", ncbi_api_key="NCBI-SECRET-2"
    )
    sent = [q for _, _, q in router.log]
    assert any(q.get("api_key") == "NCBI-SECRET-2" for q in sent)
    files = list(tmp_path.rglob("*"))
    assert any(f.suffix == ".json" for f in files)
    for f in files:
        assert "SECRET" not in f.name
        if f.is_file():
            assert "SECRET" not in f.read_text()
    assert "SECRET" not in repr(results)
    settings = fixture_settings(openalex_api_key="OA-SECRET-1")
    assert "SECRET" not in repr(settings)


async def test_a_key_echoed_by_a_server_is_redacted_from_reasons() -> None:
    def echo(service: str, path: str, query: dict[str, str]) -> Canned | None:
        if service == "crossref":
            return Canned(418, {}, b"")
        return None

    router = FixtureRouter(hook=echo)
    settings = fixture_settings(openalex_api_key="OA-SECRET-1")
    assert settings.redact("key OA-SECRET-1 here") == "key *** here"
    results = await check_references([ZHANG], settings, transport=mock_transport(router))
    assert results[0].status == "unverifiable"
    assert "SECRET" not in repr(results)


async def test_second_run_comes_from_the_cache_and_offline_works(tmp_path: Path) -> None:
    refs = [ZHANG, WANG, PIWOWAR, WAKEFIELD, HE_WRONG_DOI]
    first, _ = await check(refs, cache_dir=tmp_path)
    again, router2 = await check(refs, cache_dir=tmp_path)
    assert router2.log == []
    assert [r.status for r in again] == [r.status for r in first]
    offline, router3 = await check(refs, cache_dir=tmp_path, offline=True)
    assert router3.log == [] and [r.status for r in offline] == [r.status for r in first]
    cold, _ = await check(refs, cache_dir=tmp_path / "empty", offline=True)
    assert {r.status for r in cold} == {"unverifiable"}


def test_settings_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REFEREE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("REFEREE_CROSSREF_URL", "http://127.0.0.1:9/crossref/")
    monkeypatch.setenv("REFEREE_MAILTO", "env@example.org")
    monkeypatch.delenv("NCBI_API_KEY", raising=False)
    monkeypatch.setenv("OPENALEX_API_KEY", "from-env")
    config = Config(
        tmp_path / "config.toml",
        refcheck={"mailto": "file@example.org", "ncbi_api_key": "from-file", "retries": 0},
    )
    settings = CheckSettings.from_environment(config, offline=True)
    assert settings.crossref_url == "http://127.0.0.1:9/crossref"
    assert settings.eutils_url == "https://eutils.ncbi.nlm.nih.gov/entrez/eutils"
    assert settings.mailto == "env@example.org"
    assert settings.openalex_api_key == "from-env" and settings.ncbi_api_key == "from-file"
    assert settings.cache_dir == tmp_path / "cache" / "refcheck"
    assert settings.offline and settings.retries == 0
    assert settings.user_agent.endswith("(mailto:env@example.org)")


def test_bad_settings_are_clear_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from referee.errors import RefereeError

    monkeypatch.setenv("REFEREE_DOI_URL", "http://doi.example.org")
    with pytest.raises(RefereeError, match="REFEREE_DOI_URL"):
        CheckSettings.from_environment(Config(tmp_path / "c.toml"))
    monkeypatch.delenv("REFEREE_DOI_URL")
    with pytest.raises(RefereeError, match="timeout"):
        CheckSettings.from_environment(Config(tmp_path / "c.toml", refcheck={"timeout": "x"}))
