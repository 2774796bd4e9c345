"""The new sources' parsers against real recorded responses in ``../shared`` (skipped when
absent; ``REFEREE_RECORDINGS`` names another folder): Europe PMC, DataCite, Open Library,
arXiv, PubMed EFetch notices, Crossref ``updated-by`` entries."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from referee.refcheck import arxiv, crossref, datacite, europepmc
from referee.refcheck.names import family_name
from referee.refcheck.pubmed import parse_notices

RECORDED = Path(
    os.environ.get(
        "REFEREE_RECORDINGS",
        Path(__file__).resolve().parents[1] / ".." / "shared" / "fixtures" / "bibliographic-apis",
    )
)
pytestmark = pytest.mark.skipif(not RECORDED.is_dir(), reason="../shared recordings not present")


def body(name: str) -> bytes:
    return (RECORDED / name).read_bytes()


def test_europe_pmc_retracted_and_errata() -> None:
    data = json.loads(body("europepmc/search_core_retracted_pubtype.body.json"))
    first = europepmc.candidate(data["resultList"]["result"][0])
    assert first.retractions and first.pmid and first.authors
    page = json.loads(body("europepmc/search_core_cancer_page1.body.json"))
    found = [europepmc.candidate(item) for item in page["resultList"]["result"]]
    notices = [c for c in found if c.notice == "erratum"]
    assert len(notices) == 2  # the errata themselves are notices, never the cited work
    assert all(c.title for c in found)
    empty = json.loads(body("europepmc/search_lite_no_results.body.json"))
    assert empty["resultList"]["result"] == []


def test_datacite_records() -> None:
    data = json.loads(body("datacite/dois_10.48550_arxiv.2311.16162.body.json"))
    work = datacite.candidate(data["data"]["attributes"], "10.48550/arxiv.2311.16162")
    assert work.type == "posted-content" and work.authors[:2] == ("Yin", "Aryani")
    assert work.year == 2023 and work.publishers == ("arXiv",)
    dryad = json.loads(body("datacite/dois_10.5061_dryad.8515.body.json"))
    assert datacite.candidate(dryad["data"]["attributes"], "x").doi == "10.5061/dryad.8515"


def test_arxiv_feeds() -> None:
    (entry,) = arxiv.parse_feed(body("arxiv/query_id_list_1707.08567.body.xml"))
    assert entry.title.startswith("Proceedings of Workshop AEW10") and entry.year == 2017
    assert entry.authors[0] == "Immink"
    assert arxiv.parse_feed(body("arxiv/query_id_list_0000.0000_empty.body.xml")) == []
    assert arxiv.parse_feed(body("arxiv/query_id_list_abc_400_error.body.xml")) == []
    hits = arxiv.parse_feed(body("arxiv/query_search_testing_max10.body.xml"))
    assert len(hits) == 10 and any(h.doi and not h.doi.startswith("10.48550") for h in hits)


def test_open_library_shapes() -> None:
    search = json.loads(
        body("openlibrary/search_author_tolkien_title_lord_of_the_rings_2013.body.json")
    )
    doc = search["docs"][0]
    assert family_name(doc["author_name"][0]) == "Tolkien"
    assert doc["first_publish_year"] == 1954 and "publisher" in doc
    edition = json.loads(body("openlibrary/isbn_0140328726.body.json"))
    assert edition["authors"][0]["key"].startswith("/authors/") and edition["publishers"]


def test_pubmed_efetch_notices() -> None:
    retracted = parse_notices(body("pubmed/efetch_fragment_9500320_retracted_reduced.xml"))
    assert len(retracted["retraction"]) == 2 and len(retracted["concern"]) == 1
    erratum = parse_notices(body("pubmed/efetch_fragment_23300797_erratum_in_note_reduced.xml"))
    assert len(erratum["correction"]) == 1 and not erratum["retraction"]
    notice = parse_notices(body("pubmed/efetch_fragment_20137807_retraction_notice.xml"))
    assert notice == {"retraction": [], "concern": [], "correction": []}  # RetractionOf


def test_crossref_updated_by_from_retraction_watch() -> None:
    lines = body("crossref/updated_by_wakefield_observed_2026-10-03.jsonl").decode().splitlines()
    updates = [json.loads(line) for line in lines if line.strip()]
    work = crossref.candidate(
        {"DOI": "10.1016/s0140-6736(97)11096-0", "title": ["Ileal"], "updated-by": updates}
    )
    assert len(work.retractions) == 1 and len(work.corrections) == 1
    recorded = json.loads(
        body("crossref/prefix_works_query_editor_with_update_to_updated_by.body.json")
    )
    items = [crossref.candidate(item) for item in recorded["message"]["items"]]
    assert not any(c.retractions for c in items)  # corrections and new versions only
