"""Outside sources: works the reviewer names by DOI, PMID, arXiv id or URL.

:func:`describe` looks one up through the reference checker's services (a DOI at its
registration agency: Crossref, DataCite or doi.org content negotiation; a PMID in PubMed;
an arXiv id in arXiv; a URL's title from the page itself, fetched with the safety rules of
:mod:`referee.web.download`), and :func:`check_source` checks a stored source as a
reference is checked (a URL: does the page still answer). Only the identifier leaves the
machine, never the article or the claim.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from html.parser import HTMLParser
from typing import Any

import httpx

from referee.errors import RefereeError
from referee.model import CheckResult
from referee.refcheck import arxiv, crossref, datacite, doi, lookup, pubmed
from referee.refcheck.client import Client, Unavailable, each_reported
from referee.refcheck.match import Candidate
from referee.refcheck.settings import CheckSettings
from referee.review.record import SOURCE_FIELDS, Source, clean_line, valid_source_id
from referee.review.source_reference import as_reference
from referee.text.identifiers import outside_identifier, source_id

KIND_NAMES = {"doi": "DOI", "pmid": "PMID", "arxiv": "arXiv id", "url": "URL"}


class NotAnIdentifier(RefereeError):
    """What the reviewer typed is not a DOI, PMID, arXiv id or URL."""


def parse(text: str) -> tuple[str, str, str]:
    """``(source id, kind, value)`` for what the reviewer typed; NotAnIdentifier otherwise."""
    found = outside_identifier(text)
    if found is None:
        raise NotAnIdentifier(
            f"not a DOI, PMID, arXiv id or http(s) URL: {text.strip()[:80]!r} "
            "(e.g. 10.1136/bmj.i6583, PMID:28202713, arXiv:2101.00001, https://…)"
        )
    kind, value = found
    sid = source_id(kind, value)
    if not valid_source_id(sid):
        raise NotAnIdentifier(
            f"cannot keep {text.strip()[:80]!r} as a source: too long, or holds a quote, "
            "a backslash or a control character"
        )
    return sid, kind, value


@dataclass(frozen=True, slots=True)
class Looked:
    """What a look-up found: ``metadata`` (keys of SOURCE_FIELDS) from ``service``; or
    ``missing`` (the service answered: no such work); or ``problem`` (it could not answer:
    offline, an outage), in which case the identifier alone is kept."""

    id: str
    kind: str
    value: str
    metadata: dict[str, Any] = field(default_factory=dict)
    service: str = ""
    missing: str = ""
    problem: str = ""

    @property
    def found(self) -> bool:
        return bool(self.service)


def metadata_of(cand: Candidate) -> dict[str, Any]:
    """A record's fields as a source stores them."""
    data: dict[str, Any] = {
        "title": cand.display_title if cand.title else None,
        "authors": list(cand.authors),
        "year": str(cand.year) if cand.year else None,
        "container": cand.containers[0] if cand.containers else None,
        "type": cand.type,
        "doi": cand.doi,
        "pmid": cand.pmid,
    }
    return {k: v for k, v in data.items() if v}


async def describe(client: Client, kind: str, value: str) -> Looked:
    """Look ``value`` up; never raises for an outage (see :class:`Looked`)."""
    sid = source_id(kind, value)
    try:
        if kind == "doi":
            return await _doi(client, sid, value)
        if kind == "pmid":
            record = (await pubmed.esummary(client, [value])).get(value)
            if record is None:
                return Looked(sid, kind, value, missing=f"PubMed knows no PMID {value}")
            return Looked(sid, kind, value, metadata_of(record), "pubmed")
        if kind == "arxiv":
            record = await arxiv.by_id(client, value)
            if record is None:
                return Looked(sid, kind, value, missing=f"arXiv knows no id {value}")
            data = {**metadata_of(record), "arxiv": value, "type": "preprint"}
            return Looked(sid, kind, value, data, "arxiv")
        if kind == "url":
            return await _url(client, sid, value)
    except Unavailable as exc:
        return Looked(sid, kind, value, problem=client.settings.redact(str(exc)))
    raise ValueError(f"unknown kind of source {kind!r}")


async def _doi(client: Client, sid: str, value: str) -> Looked:
    agency = await lookup.agency(client, value)
    if agency == "not_registered":
        return Looked(sid, "doi", value, missing=f"doi.org: DOI {value} is not registered")
    if agency == "datacite":
        record, service = await datacite.work(client, value), "datacite"
    elif agency in (None, "crossref"):
        record, service = await crossref.work(client, value), "crossref"
        if (
            record is None
            and agency is None
            and await doi.registration(client, value) == "not_registered"
        ):
            return Looked(sid, "doi", value, missing=f"doi.org: DOI {value} is not registered")
    else:
        record, service = None, "doi.org"
    if record is None:
        record, service = await doi.csl_record(client, value), "doi.org"
    return Looked(sid, "doi", value, {"doi": value, **metadata_of(record)}, service)


async def _url(client: Client, sid: str, url: str) -> Looked:
    if client.settings.offline:
        return Looked(sid, "url", url, problem="offline: the page was not fetched")
    from referee.web.download import FetchError, FetchSettings, download

    try:
        page = await asyncio.to_thread(download, url, FetchSettings.from_environment())
    except FetchError as exc:
        if "not a web page (" in str(exc):  # a PDF, an image: it answers, with no title
            return Looked(sid, "url", url, {"url": url}, "web")
        if "HTTP 404" in str(exc) or "HTTP 410" in str(exc):
            return Looked(sid, "url", url, missing=str(exc))
        return Looked(sid, "url", url, problem=str(exc))
    data: dict[str, Any] = {"url": url, "type": "web page"}
    title = _title(page.body, page.charset) if page.kind == "html" else None
    if title:
        data["title"] = title
    return Looked(sid, "url", url, data, "web")


class _TitleParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.og: str | None = None
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "meta" and values.get("property") in ("og:title", "twitter:title"):
            self.og = self.og or (values.get("content") or "").strip() or None
        self._in_title = tag == "title" and not self.title

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def _title(body: bytes, charset: str | None) -> str | None:
    """The page's own title: ``og:title``, else ``<title>``; one line, at most 300 chars."""
    from referee.web.decoding import decode

    parser = _TitleParser()
    parser.feed(decode(body[:500_000], charset).text)
    title = " ".join((parser.og or parser.title).split())
    return title[:300] or None


def source_of(looked: Looked, added_by: str | None, now: datetime | None = None) -> Source:
    """The ``[source.<id>]`` record of a look-up (metadata only when one was found)."""
    return build(looked.id, looked.metadata or None, looked.service, added_by, now)


def build(
    sid: str,
    metadata: dict[str, Any] | None,
    service: str,
    added_by: str | None,
    now: datetime | None = None,
) -> Source:
    """A source record from metadata (keys of SOURCE_FIELDS; others are kept as extra)."""
    kind, _, value = sid.partition(":")
    base = {kind: value} if kind in ("doi", "pmid", "arxiv", "url") else {}
    if not metadata:
        return Source(sid, added_by=added_by, **base)
    values: dict[str, Any] = dict(base)
    for key in SOURCE_FIELDS:
        item = metadata.get(key)
        if key == "authors":
            values[key] = tuple(clean_line(str(a)) for a in item or () if clean_line(str(a)))
        elif item not in (None, "") and clean_line(str(item)):
            values[key] = clean_line(str(item))  # one line, no control characters
    extra = tuple(
        (k, v)
        for k, v in metadata.items()
        if k not in SOURCE_FIELDS and isinstance(v, (str, int, float, bool, list))
    )
    when = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    return Source(
        sid, **values, fetched=when, fetched_from=service or None, added_by=added_by, extra=extra
    )


@dataclass(frozen=True, slots=True)
class SourceChecked:
    """One source checked: the result, and the metadata found when it had none."""

    result: CheckResult
    looked: Looked | None = None


async def check_source(source: Source, client: Client) -> SourceChecked:
    """Check one source; one stored by its identifier alone is described first."""
    from referee.refcheck.check import check_reference

    looked = None
    if not source.described:
        looked = await describe(client, source.kind, source.identifier)
        if looked.missing:
            result = CheckResult(
                source.id, "not_found", (looked.missing,), (), checked=date.today()
            )
            return SourceChecked(result, looked)
        if looked.found:
            source = source_of(looked, source.added_by)
    if source.kind == "url":
        return SourceChecked(await _check_page(source, client), looked)
    if not source.described:
        why = looked.problem if looked else "no metadata"
        result = CheckResult(source.id, "unverifiable", (why,), (), checked=date.today())
        return SourceChecked(result, looked)
    return SourceChecked(await check_reference(as_reference(source), client), looked)


async def _check_page(source: Source, client: Client) -> CheckResult:
    looked = await describe(client, "url", source.identifier)
    today = date.today()
    if looked.found:
        return CheckResult(
            source.id,
            "verified",
            ("web: the page answers",),
            ("web",),
            None,
            looked.metadata.get("title") or source.title,
            today,
        )
    if looked.missing:
        return CheckResult(source.id, "not_found", (looked.missing,), ("web",), checked=today)
    return CheckResult(source.id, "unverifiable", (looked.problem,), ("web",), checked=today)


async def check_sources(
    sources: Sequence[Source],
    settings: CheckSettings,
    *,
    on_result: Callable[[SourceChecked], None] | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
) -> list[SourceChecked]:
    """Check ``sources`` concurrently (each service's throttle holds), in their order."""
    async with Client(settings, transport=transport) as client:
        return await each_reported(sources, lambda s: check_source(s, client), on_result)


async def look_up_async(
    text: str, settings: CheckSettings, transport: httpx.AsyncBaseTransport | None = None
) -> Looked:
    _sid, kind, value = parse(text)
    async with Client(settings, transport=transport) as client:
        return await describe(client, kind, value)


def look_up(
    text: str, settings: CheckSettings, transport: httpx.AsyncBaseTransport | None = None
) -> Looked:
    """Parse and look up what the reviewer typed (NotAnIdentifier when it is none)."""
    parse(text)
    return asyncio.run(look_up_async(text, settings, transport))
