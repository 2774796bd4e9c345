"""Abstracts on request: PubMed EFetch (labels kept), Europe PMC, Crossref JATS, OpenAlex
(with a key only), in that order, through the refcheck client and its cache."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
import pytest
from refserver import FixtureRouter, RefServer, fixture_settings, mock_transport

from referee.refcheck.abstracts import (
    fetch_abstract,
    inverted_to_text,
    jats_sections,
    parse_efetch,
)
from referee.refcheck.client import Client, Unavailable


def fetch(router: FixtureRouter, tmp_path: Path | None = None, **kwargs):  # type: ignore[no-untyped-def]
    overrides = {"cache_dir": tmp_path} if tmp_path else {}
    key = kwargs.pop("openalex_api_key", None)
    settings = fixture_settings(openalex_api_key=key, **overrides)

    async def run():  # type: ignore[no-untyped-def]
        async with Client(settings, mock_transport(router)) as client:
            return await fetch_abstract(client, **kwargs)

    return asyncio.run(run())


def test_pubmed_structured_abstract_keeps_its_labels() -> None:
    router = FixtureRouter()
    found = fetch(router, pmid="31000001", doi="10.5555/jps.2021.0312")
    assert found.service == "PubMed" and found.source == "pubmed:31000001"
    labels = [label for label, _ in found.sections]
    assert labels == ["BACKGROUND", "METHODS", "RESULTS", "CONCLUSIONS"]
    assert found.sections[2][1].startswith("Pain scores fell by 0.5 points")
    assert "0.2–0.8" in found.text and "small short-term benefit" in found.text
    assert "The Authors" not in found.text  # the copyright line is not the abstract
    sentences = found.sentences()
    assert ("RESULTS", "No trial reported cures.") in sentences
    assert [s for s in router.log if s[0] != "eutils"] == []  # nothing else was asked


def test_europepmc_answers_when_pubmed_has_no_abstract() -> None:
    router = FixtureRouter()
    found = fetch(router, doi="10.5555/coffee.2020.0101")
    assert found.service == "Europe PMC" and found.source == "europepmc:MED:33000101"
    assert found.sections[0] == ("Background", "Coffee drinking has been linked to liver health.")
    assert found.sections[1][0] == "Findings"
    assert router.requests_to("europepmc")[0][1]["query"] == 'DOI:"10.5555/coffee.2020.0101"'


def test_crossref_jats_abstract_becomes_labelled_text() -> None:
    router = FixtureRouter()
    found = fetch(router, doi="10.5555/jats.2019.7")
    assert found.service == "Crossref" and found.source == "doi:10.5555/jats.2019.7"
    assert [label for label, _ in found.sections] == ["Objectives", "Results"]
    assert found.sections[1][1] == (
        "Sleep quality improved modestly (PSQI −1.1; p = 0.03) after 12 weeks of exercise."
    )


def test_openalex_only_with_a_key() -> None:
    router = FixtureRouter()
    assert fetch(router, doi="10.5555/oa.2018.3") is None
    assert router.requests_to("openalex") == []
    found = fetch(FixtureRouter(), doi="10.5555/oa.2018.3", openalex_api_key="k3y")
    assert found.service == "OpenAlex" and found.source == "openalex:W3000000003"
    assert (
        found.text
        == "Sugar intake did not change activity levels in children in ten blinded trials ."
    )


def test_no_abstract_anywhere_is_none_and_an_outage_is_unavailable() -> None:
    assert fetch(FixtureRouter(), doi="10.5555/nothing.here") is None

    def down(request: httpx.Request) -> httpx.Response:
        return httpx.Response(503, text="down")

    async def run():  # type: ignore[no-untyped-def]
        settings = fixture_settings(retries=0)
        async with Client(settings, httpx.MockTransport(down)) as client:
            return await fetch_abstract(client, pmid="31000001", doi="10.5555/x")

    with pytest.raises(Unavailable, match="503"):
        asyncio.run(run())


def test_parsers_on_their_own() -> None:
    assert parse_efetch(b"<PubmedArticleSet><PubmedArticle/></PubmedArticleSet>") == ()
    with pytest.raises(Unavailable):
        parse_efetch(b"<not xml")
    assert jats_sections("<jats:p>One <jats:bold>bold</jats:bold> claim.</jats:p>") == (
        ("", "One bold claim."),
    )
    assert inverted_to_text({"b": [1], "a": [0, 2]}) == "a b a"


def test_cached_abstract_is_read_offline_from_a_local_server(tmp_path: Path) -> None:
    with RefServer(latency=0.05) as server:
        settings = fixture_settings(server.base, cache_dir=tmp_path)

        async def run(s):  # type: ignore[no-untyped-def]
            async with Client(s) as client:
                return await fetch_abstract(client, pmid="31000001")

        first = asyncio.run(run(settings))
        asked = server.requests
    offline = asyncio.run(run(fixture_settings(server.base, cache_dir=tmp_path, offline=True)))
    assert first == offline and asked == 1
