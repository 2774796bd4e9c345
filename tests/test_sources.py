"""Outside sources: recognising identifiers, looking them up (MockTransport and a local
server), the ``[source.<id>]`` tables (round-trip, validation, unknown keys kept, merge),
the Session methods, and checking sources like references."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from refserver import FixtureRouter, fixture_settings, mock_transport
from sources_article import DOI, write_article
from webserver import WebServer

from referee.model import CheckResult
from referee.refcheck import outside
from referee.refcheck.client import Client
from referee.review import file_format
from referee.review.merge import merge
from referee.review.record import Annotation, Review, Source
from referee.review.session import Session
from referee.text.identifiers import outside_identifier


@pytest.fixture
def article(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return write_article(tmp_path, monkeypatch)


def claim_of(session: Session, words: str) -> str:
    return next(s.id for s in session.claims() if words in s.text)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("10.5555/Outside.2024.0042", ("doi", DOI)),
        ("https://doi.org/10.5555/outside.2024.0042.", ("doi", DOI)),
        ("doi: 10.5555/outside.2024.0042", ("doi", DOI)),
        ("PMID: 31000042", ("pmid", "31000042")),
        ("31000042", ("pmid", "31000042")),
        ("https://pubmed.ncbi.nlm.nih.gov/31000042/", ("pmid", "31000042")),
        ("arXiv:1706.03762", ("arxiv", "1706.03762")),
        ("https://arxiv.org/abs/1706.03762", ("arxiv", "1706.03762")),
        ("https://example.org/news?id=4", ("url", "https://example.org/news?id=4")),
        ("url:https://example.org/x", ("url", "https://example.org/x")),
        ("pmid:31000042", ("pmid", "31000042")),
        ("smith2020", None),
        ("doi:not-a-doi", None),
        ("pmid:123456789", None),
        ("ftp://example.org/x", None),
        ("", None),
    ],
)
def test_identifiers_are_recognised_in_their_written_forms(typed, expected) -> None:
    assert outside_identifier(typed) == expected


def test_a_bad_identifier_is_one_clear_error() -> None:
    with pytest.raises(outside.NotAnIdentifier, match="not a DOI, PMID, arXiv id or http"):
        outside.parse("smith 2020")


def looked(typed: str, router: FixtureRouter | None = None, **settings) -> outside.Looked:
    transport = mock_transport(router or FixtureRouter())
    return outside.look_up(typed, fixture_settings(**settings), transport=transport)


def test_lookup_by_doi_pmid_and_arxiv_through_the_existing_services() -> None:
    router = FixtureRouter()
    by_doi = looked(f"https://doi.org/{DOI}", router)
    assert by_doi.id == f"doi:{DOI}" and by_doi.service == "crossref"
    assert by_doi.metadata["title"].startswith("Vitamin D and winter colds")
    assert by_doi.metadata["authors"] == ["Okafor", "Lindqvist"]
    assert by_doi.metadata["year"] == "2024"
    assert by_doi.metadata["container"] == "Journal of Invented Paediatrics"
    assert [s for s, _, _ in router.log] == ["doi", "crossref"]  # agency, then the record
    by_pmid = looked("PMID: 31000042")
    assert by_pmid.id == "pmid:31000042" and by_pmid.service == "pubmed"
    assert by_pmid.metadata["title"].startswith("Coffee intake and liver fibrosis")
    by_arxiv = looked("arXiv:1706.03762")
    assert by_arxiv.service == "arxiv" and "Attention" in by_arxiv.metadata["title"]
    assert by_arxiv.metadata["arxiv"] == "1706.03762"


def test_lookup_of_unknown_identifiers_says_missing_and_an_outage_says_problem() -> None:
    assert looked("10.5555/no.such.work").missing.startswith("doi.org: DOI 10.5555/no.such")
    assert looked("PMID: 99999998").missing == "PubMed knows no PMID 99999998"
    offline = looked(DOI, offline=True)
    assert not offline.found and not offline.missing
    assert "offline" in offline.problem


def test_lookup_of_a_url_reads_the_page_title_from_a_local_server() -> None:
    page = (
        b"<html><head><title>Ignored</title>"
        b'<meta property="og:title" content="Winter colds &amp; vitamin D, explained">'
        b"</head><body><p>Text.</p></body></html>"
    )
    with WebServer() as server:
        url = server.add("colds", page)
        found = outside.look_up(url, fixture_settings())
        gone = outside.look_up(server.url("/missing"), fixture_settings())
        offline = outside.look_up(url, fixture_settings(offline=True))
    assert found.id == f"url:{url}" and found.service == "web"
    assert found.metadata["title"] == "Winter colds & vitamin D, explained"
    assert "HTTP 404" in gone.missing
    assert offline.problem and not offline.found


def test_source_tables_round_trip_validate_and_keep_unknown_keys() -> None:
    review = Review(article="colds.md", base="abc")
    when = datetime(2026, 12, 7, 3, 40, 12, tzinfo=UTC)
    review.sources[f"doi:{DOI}"] = Source(
        f"doi:{DOI}",
        title="Vitamin D and winter colds",
        authors=("Okafor", "Lindqvist"),
        year="2024",
        doi=DOI,
        fetched=when,
        fetched_from="crossref",
        added_by="Ada <ada@example.org>",
        status="verified",
        reasons=("crossref: matched",),
        checked=date(2026, 12, 7),
        services=("crossref",),
    )
    review.sources["url:https://example.org/a?b=1"] = Source("url:https://example.org/a?b=1")
    review.claims["c1"] = Annotation("c1", "q", "", "", 0, 1, refs=(f"doi:{DOI}",), evidence=())
    text = file_format.dumps(review)
    assert f'[source."doi:{DOI}"]' in text
    assert "fetched = 2026-12-07 03:40:12+00:00" in text
    again = file_format.loads(text)
    assert again.sources == review.sources and file_format.dumps(again) == text
    later = text + 'shelf = "B4"\n'  # a key a later referee wrote
    kept = file_format.loads(later)
    assert dict(kept.sources["url:https://example.org/a?b=1"].extra) == {"shelf": "B4"}
    assert file_format.dumps(kept) == later
    for bad, problem in [
        (text.replace('[source."url:', '[source."ftp:'), "source ids are doi:"),
        (text.replace('status = "verified"', 'status = "fine"'), "`status`"),
        (text.replace("fetched = 2026-12-07 03:40:12+00:00", "fetched = 2026-12-07"), "fetched"),
        (text.replace('"Okafor",', "1,"), "`authors` must be a list of strings"),
    ]:
        with pytest.raises(ValueError, match=problem):
            file_format.loads(bad)


def _source(sid: str, title: str, fetched: datetime, **kw) -> Source:
    return Source(sid, title=title, fetched=fetched, fetched_from="crossref", **kw)


def test_merge_keeps_both_sides_sources_and_the_newer_fetch_without_conflict() -> None:
    early, late = datetime(2026, 12, 1, tzinfo=UTC), datetime(2026, 12, 5, tzinfo=UTC)
    base = Review(article="a", base="b")
    base.sources["doi:10.5555/x"] = _source("doi:10.5555/x", "Old title", early)
    ours, theirs = base.copy(), base.copy()
    ours.sources["pmid:1"] = Source("pmid:1")
    theirs.sources["arxiv:1706.03762"] = Source("arxiv:1706.03762")
    ours.sources["doi:10.5555/x"] = _source(
        "doi:10.5555/x", "Ours", late, status="verified", checked=date(2026, 12, 2)
    )
    theirs.sources["doi:10.5555/x"] = _source(
        "doi:10.5555/x",
        "Theirs",
        early.replace(hour=5),
        status="retracted",
        checked=date(2026, 12, 6),
    )
    merged = merge(base, ours, theirs)
    assert set(merged.sources) == {"doi:10.5555/x", "pmid:1", "arxiv:1706.03762"}
    both = merged.sources["doi:10.5555/x"]
    assert both.title == "Ours" and both.status == "retracted"  # newer fetch, newer check
    assert merged.conflicts() == []


def test_session_add_link_and_evidence_on_a_source(article: Path) -> None:
    session = Session.open(article)
    claim = claim_of(session, "Vitamin D")
    found = looked(DOI)
    sid = session.add_source(DOI, found.metadata, service=found.service)
    assert sid == f"doi:{DOI}"
    assert session.link_source(claim, sid) == {claim}
    assert session.state(claim).refs == (sid,)
    session.add_evidence(claim, sid, "Colds fell by a tenth.", f"doi:{DOI}")
    again = Session.open(article)
    source = again.source(sid)
    assert source is not None and source.title.startswith("Vitamin D and winter colds")
    assert source.added_by == "Ada <ada@example.org>" and source.fetched is not None
    assert again.state(claim).refs == (sid,)
    assert again.state(claim).evidence[0].ref == sid
    assert [r.id for r in again.references()] == [sid]
    assert again.reference(sid).title == source.title
    assert again.undo() is None  # a fresh session has no history
    assert session.undo().description.startswith("evidence")
    assert session.undo().description.startswith("references")
    assert session.state(claim).refs == ()
    assert session.source(sid) is not None  # unlinking keeps the source listed
    with pytest.raises(outside.NotAnIdentifier):
        session.add_source("not an id")


def test_sources_are_checked_like_references_and_an_offline_one_is_filled_in(
    article: Path,
) -> None:
    session = Session.open(article)
    sid = session.add_source(f"doi:{DOI}")  # offline: the identifier alone
    assert not session.source(sid).described
    results = asyncio.run(
        outside.check_sources(
            session.sources(), fixture_settings(), transport=mock_transport(FixtureRouter())
        )
    )
    (checked,) = results
    assert checked.result.status == "verified"
    described = outside.source_of(checked.looked, None)
    session.record_source_check(checked.result, described)
    stored = Session.open(article).source(sid)
    assert stored.status == "verified" and stored.title.startswith("Vitamin D and winter")
    assert stored.added_by == "Ada <ada@example.org>"
    outage = CheckResult(sid, "unverifiable", ("crossref: 503",), ("crossref",))
    session.record_checks([outage])  # an outage never replaces an answer
    assert Session.open(article).source(sid).status == "verified"


def test_a_retracted_source_is_reported_retracted() -> None:
    async def run() -> outside.SourceChecked:
        source = Source("pmid:9500320")
        async with Client(fixture_settings(), transport=mock_transport(FixtureRouter())) as c:
            return await outside.check_source(source, c)

    assert asyncio.run(run()).result.status == "retracted"


def test_an_identifier_that_cannot_be_a_key_is_refused_and_metadata_is_one_line(
    article: Path,
) -> None:
    with pytest.raises(outside.NotAnIdentifier, match="cannot keep"):
        outside.parse("https://example.org/" + "a" * 1200)
    with pytest.raises(outside.NotAnIdentifier, match="cannot keep"):
        outside.parse("https://example.org/a\\b")
    session = Session.open(article)
    sid = session.add_source(
        "https://example.org/page", {"title": "Evil\x1b]52;x\x07 title\nsecond line"}
    )
    assert session.source(sid).title == "Evil]52;x title second line"
