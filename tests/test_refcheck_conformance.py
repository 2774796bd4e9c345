"""Our parsers against real recorded API responses in ``../shared`` (skipped when absent).

The recordings stay outside the project; our own fixtures follow their shapes. These
tests check that the shapes we assumed are the shapes the services really send.
"""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest
from refserver import fixture_settings

from referee.model import Reference
from referee.refcheck import check_references, crossref, openalex, pubmed
from referee.refcheck.client import Reply, Unavailable, _is_throttle_body
from referee.refcheck.throttle import Throttle

RECORDED = Path(__file__).resolve().parents[1] / ".." / "shared" / "fixtures" / "bibliographic-apis"
pytestmark = pytest.mark.skipif(not RECORDED.is_dir(), reason="../shared recordings not present")


def body(name: str) -> bytes:
    return (RECORDED / name).read_bytes()


def headers(name: str) -> dict[str, str]:
    meta = json.loads((RECORDED / name).read_text())
    return {k.lower(): v[0] for k, v in meta["response_headers"].items()}


def status(name: str) -> int:
    return json.loads((RECORDED / name).read_text())["status"]["code"]


def test_recorded_work_parses_and_its_correction_is_not_a_retraction() -> None:
    data = json.loads(body("crossref/works_doi_10.1371_journal.pone.0033693.body.json"))
    work = crossref.candidate(data["message"])
    assert work.doi == "10.1371/journal.pone.0033693"
    assert work.authors[0] == "Sadasivan" and work.year == 2012
    assert work.retractions == () and work.notice is None
    assert "PLoS ONE" in work.containers


async def test_recorded_exchange_verifies_through_the_client() -> None:
    work_body = body("crossref/works_doi_10.1371_journal.pone.0033693.body.json")
    work_headers = headers("crossref/works_doi_10.1371_journal.pone.0033693.meta.json")
    work_headers.pop("content-encoding")  # the stored body is already decompressed
    work_headers.pop("content-length")

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers=work_headers, content=work_body)

    ref = Reference(
        "sadasivan2012",
        0,
        0,
        "Sadasivan S, et al. Methylphenidate exposure induces dopamine neuron loss and "
        "activation of microglia in the basal ganglia of mice. PLoS One. 2012;7(3):e33693.",
        authors=("Sadasivan",),
        year="2012",
        title="Methylphenidate exposure induces dopamine neuron loss and activation of "
        "microglia in the basal ganglia of mice",
        container="PLoS One",
        volume="7",
        issue="3",
        pages="e33693",
        doi="10.1371/journal.pone.0033693",
    )
    (result,) = await check_references(
        [ref], fixture_settings(), transport=httpx.MockTransport(handler)
    )
    # The real record carries a correction notice (Crossref updated-by): the work exists,
    # and the reviewer is told it was corrected.
    assert result.status == "corrected", result.reasons
    assert any(
        reason.startswith("corrected: correction 10.1371/annotation/") for reason in result.reasons
    )


def test_recorded_plain_text_404_is_not_parsed_as_json() -> None:
    assert status("crossref/works_doi_404_notarealdoi.meta.json") == 404
    assert body("crossref/works_doi_404_notarealdoi.body.txt") == b"Resource not found."
    # /agency claims JSON but sends text: reading it as JSON must fail cleanly
    reply = Reply(
        404, "application/json;charset=utf-8", body("crossref/works_agency_404.body.json")
    )
    with pytest.raises(Unavailable, match="malformed JSON"):
        reply.json("crossref")


@pytest.mark.parametrize(
    "name",
    [
        "crossref/journal_works_query_bibliographic_fish.body.json",
        "crossref/works_query_author_field.body.json",
        "crossref/works_query_ecology_rows2_polite.body.json",
        "crossref/works_query_rows3_select_public.body.json",
    ],
)
def test_recorded_work_lists_parse(name: str) -> None:
    data = json.loads(body(name))
    assert data["message-type"] == "work-list"
    items = [crossref.candidate(item) for item in data["message"]["items"]]
    assert items and all(c.doi for c in items)


def test_recorded_update_arrays_hold_no_retraction() -> None:
    data = json.loads(
        body("crossref/prefix_works_query_editor_with_update_to_updated_by.body.json")
    )
    items = data["message"]["items"]
    assert any(item.get("updated-by") for item in items)
    for item in items:
        record = crossref.candidate(item)
        assert record.retractions == () and record.notice is None


@pytest.mark.parametrize(
    ("meta", "rate", "concurrency"),
    [
        ("crossref/works_doi_10.1371_journal.pone.0033693.meta.json", 5, 1),
        ("crossref/works_query_ecology_rows2_polite.meta.json", 10, 3),
    ],
)
def test_recorded_rate_limit_headers_set_the_throttle(
    meta: str, rate: int, concurrency: int
) -> None:
    throttle = Throttle(concurrency=1, rate=1)
    throttle.update(headers(meta))
    assert (throttle.rate, throttle.interval, throttle.concurrency) == (rate, 1.0, concurrency)


def test_recorded_pubmed_json() -> None:
    search = json.loads(body("pubmed/esearch_pubmed_Darwin_au.json"))["esearchresult"]
    assert search["count"] == "603" and len(search["idlist"]) == 20
    doc = json.loads(body("pubmed/esummary_pubmed_27933103.json"))["result"]["27933103"]
    record = pubmed.candidate(doc)
    assert record.authors[0] == "Scalfani" and record.year == 2016
    assert record.doi == "10.1186/s13321-016-0181-z" and record.retractions == ()
    assert _is_throttle_body(body("pubmed/rate_limit_exceeded_ncbi_doc_sample.json"))


def test_recorded_openalex() -> None:
    record = openalex.candidate(json.loads(body("openalex/work_W2741809807_peerj.4375.json")))
    assert record.doi == "10.7717/peerj.4375" and record.authors[0] == "Piwowar"
    assert record.year == 2018 and record.retractions == () and record.pmid == "29456894"
    search = json.loads(body("openalex/works_search_attention_mechanism.body.json"))
    assert all(openalex.candidate(item).title for item in search["results"])


def test_recorded_doi_org_404_page_is_not_json() -> None:
    reply = Reply(404, "text/html", body("doi_org/cn_404_doi_not_found.body.html"))
    with pytest.raises(Unavailable, match="HTML page"):
        reply.json("doi.org")
