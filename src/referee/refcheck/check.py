"""Checking references: identifiers first, then search, then a verdict with its reasons.

For one reference: its DOI, PMID, arXiv id or ISBN (:mod:`referee.refcheck.lookup`);
otherwise a search of the indexes that fit the kind of work (:mod:`referee.refcheck.kind`):
a book asks Open Library first, then Crossref; an article Crossref, then PubMed and
Europe PMC for biomedical references; a preprint Crossref, then arXiv; OpenAlex when a key
is configured. ``not_found`` is given only when every source consulted answered (a source
that failed makes it ``unverifiable``), and never to a book, report, thesis or web page:
those the indexes often lack are ``not_indexed``. A work found is then looked up for
notices: ``retracted``, ``concern`` (expression of concern), ``corrected``.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable, Sequence
from datetime import date

import httpx

from referee.model import CheckResult, Reference
from referee.refcheck import (
    arxiv,
    crossref,
    doi,
    europepmc,
    kind,
    lookup,
    openalex,
    openlibrary,
    pubmed,
)
from referee.refcheck.client import Client, Unavailable, each_reported
from referee.refcheck.match import Assessment, Candidate, assess, best, normalise
from referee.refcheck.notices import CONCERN, CORRECTION, RETRACTION
from referee.refcheck.settings import CheckSettings
from referee.refcheck.trail import Outcome, Trail, closest, matched
from referee.text.identifiers import normalise_doi

MIN_SEARCH_CHARS = 25
"""A reference string shorter than this (normalised) is too little to search for."""

Search = Callable[[Client, Reference], Awaitable[list[Candidate]]]


async def _search_pubmed(client: Client, ref: Reference) -> list[Candidate]:
    term = pubmed.search_term(ref)
    if term is None:
        return []
    ids = await pubmed.esearch(client, term)
    if not ids:
        return []
    return [c for c in (await pubmed.esummary(client, ids)).values() if c is not None]


def _plan(ref: Reference, client: Client) -> list[tuple[str, Search]]:
    """The indexes to search, in order, for the kind of work cited."""
    work = kind.kind_of(ref)
    biomedical = pubmed.looks_biomedical(ref)
    plan: list[tuple[str, Search]] = []
    if work == kind.BOOK:
        plan.append(("openlibrary", openlibrary.search))
    plan.append(("crossref", crossref.search))
    if biomedical and work not in (kind.BOOK, kind.WEBPAGE):
        plan += [("pubmed", _search_pubmed), ("europepmc", europepmc.search)]
    if work == kind.PREPRINT:
        plan.append(("arxiv", arxiv.search))
    if work in (kind.REPORT, kind.THESIS) or (work == kind.UNKNOWN and kind.standalone(ref)):
        plan.append(("openlibrary", openlibrary.search))
    if client.settings.openalex_api_key:
        plan.append(("openalex", openalex.search))
    return plan


async def _search(
    source: str, search: Search, ref: Reference, client: Client, trail: Trail
) -> list[Assessment]:
    """Candidates from one service's search, assessed; the closest is noted when none matches."""
    trail.consult(source)
    try:
        found = [assess(ref, c) for c in await search(client, ref)]
    except Unavailable as error:
        trail.fail(error)
        return []
    if not any(a.matches for a in found):
        trail.reasons.append(closest(source, found))
    return found


async def _by_search(ref: Reference, client: Client, trail: Trail) -> Outcome:
    if not ref.title and len(normalise(ref.raw)) < MIN_SEARCH_CHARS:
        trail.reasons.append("the reference gives too little to search for")
        return Outcome("unverifiable")
    if not ref.title:
        trail.reasons.append("no title parsed: candidates compared with the whole reference")
    found: list[Assessment] = []
    for source, search in _plan(ref, client):
        found += await _search(source, search, ref, client, trail)
        if any(a.matches for a in found):
            break
    top = best(found)
    if top is not None and top.matches:
        trail.reasons.append(matched(top))
        return Outcome("verified", top.candidate)
    if top is not None and top.same_title and top.rejected is None:
        # Reasons for the closest were written by closest() above.
        return Outcome("metadata_mismatch", top.candidate)
    if trail.failures:
        return Outcome("unverifiable")
    if kind.not_indexed_kind(ref):
        trail.reasons.append(
            f"not in {trail.searched()}: books, reports and web pages often aren't"
        )
        return Outcome("not_indexed")
    return Outcome("not_found")


def _identifiers_agree(
    ref: Reference, cited_doi: str | None, outcome: Outcome, trail: Trail
) -> Outcome:
    """A work found by search whose DOI or PMID differs from the cited one."""
    cand = outcome.candidate
    if cand is None or outcome.status not in ("verified", "metadata_mismatch"):
        return outcome
    if cited_doi and cand.doi and cand.doi != cited_doi:
        trail.reasons.append(f"the cited DOI {cited_doi} is not this work's DOI {cand.doi}")
        return Outcome("doi_mismatch", cand)
    if trail.doi_state == "not_registered":
        trail.reasons.append(f"the work exists, but the cited DOI {cited_doi} does not")
        return Outcome("doi_mismatch", cand)
    if trail.doi_state == "unchecked" and cited_doi and not cand.doi:
        trail.reasons.append(f"the cited DOI {cited_doi} could not be compared")
    if ref.pmid and cand.pmid and cand.pmid != ref.pmid:
        trail.reasons.append(f"the cited PMID {ref.pmid} is not this work's PMID {cand.pmid}")
        return Outcome("doi_mismatch", cand)
    return outcome


async def _notices(outcome: Outcome, client: Client, trail: Trail) -> Outcome:
    """Retractions, expressions of concern and corrections of the work found."""
    cand = outcome.candidate
    if cand is None or outcome.status not in ("verified", "metadata_mismatch"):
        return outcome
    found = {
        RETRACTION: list(cand.retractions),
        CONCERN: list(cand.concerns),
        CORRECTION: list(cand.corrections),
    }
    if cand.source == "pubmed" and cand.pmid:
        try:
            for key, notices in (await pubmed.efetch_notices(client, cand.pmid)).items():
                found[key] += [n for n in notices if n not in found[key]]
        except Unavailable as error:
            trail.reasons.append(f"PubMed notices not read: {error}")
    if client.settings.openalex_api_key and cand.doi and cand.source != "openalex":
        trail.consult("openalex")
        try:
            other = await openalex.work(client, cand.doi)
        except Unavailable as error:
            trail.reasons.append(f"retraction cross-check skipped: {error}")
        else:
            if other is not None:
                found[RETRACTION] += other.retractions
    for notice in found[RETRACTION]:
        trail.reasons.append(f"retracted: {notice}")
    for notice in found[CONCERN]:
        trail.reasons.append(f"expression of concern: {notice}")
    for notice in found[CORRECTION]:
        trail.reasons.append(f"corrected: {notice}")
    if found[RETRACTION]:
        return Outcome("retracted", cand)
    if found[CONCERN]:
        return Outcome("concern", cand)
    if found[CORRECTION] and outcome.status == "verified":
        return Outcome("corrected", cand)
    return outcome


def cited_doi(ref: Reference) -> str | None:
    return normalise_doi(ref.doi) or (
        normalise_doi(ref.url) if ref.url and "doi.org/" in ref.url.lower() else None
    )


async def check_reference(ref: Reference, client: Client) -> CheckResult:
    """Check one reference with an open :class:`Client`."""
    trail = Trail()
    cited = cited_doi(ref)
    outcome: Outcome | None = None
    if cited:
        outcome = await lookup.by_doi(ref, cited, client, trail)
    if outcome is None and ref.pmid:
        outcome = await lookup.by_pmid(ref, ref.pmid, client, trail)
    identifier = arxiv.arxiv_id(ref) if outcome is None else None
    if outcome is None and identifier and not trail.failures:
        outcome = await lookup.by_arxiv(ref, identifier, client, trail)
    isbn = openlibrary.isbn_in(ref) if outcome is None else None
    if outcome is None and isbn:
        outcome = await lookup.by_isbn(ref, isbn, client, trail)
    if outcome is None:
        outcome = _identifiers_agree(ref, cited, await _by_search(ref, client, trail), trail)
    outcome = await _notices(outcome, client, trail)
    if outcome.status in ("not_found", "not_indexed") and cited:
        trail.reasons.append(f"no work found for the cited DOI {cited} or its title")
    cand = outcome.candidate
    redact = client.settings.redact
    return CheckResult(
        ref_id=ref.id,
        status=outcome.status,
        reasons=tuple(redact(r) for r in trail.reasons),
        sources=tuple(trail.sources),
        matched_doi=cand.doi if cand else None,
        matched_title=redact(cand.display_title) if cand and cand.title else None,
        checked=date.today(),
    )


async def _prefetch_agencies(refs: Sequence[Reference], client: Client) -> None:
    """Ask doi.org for every cited DOI's agency in a few batched requests."""
    dois = [d for d in (cited_doi(ref) for ref in refs) if d]
    if not dois:
        return
    client.agencies_asked.update(dois)
    # When doi.org cannot say, each DOI goes to Crossref first.
    with contextlib.suppress(Unavailable):
        client.agencies.update(await doi.agencies(client, dois))


async def check_references(
    refs: Sequence[Reference],
    settings: CheckSettings,
    *,
    on_result: Callable[[CheckResult], None] | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
) -> list[CheckResult]:
    """Check ``refs`` concurrently; ``on_result`` is called as each one finishes.

    Results come back in the order of ``refs``. Only reference strings and identifiers
    are sent, never article text.
    """
    gate = asyncio.Semaphore(max(1, settings.parallel_refs))
    async with Client(settings, transport=transport) as client:
        await _prefetch_agencies(refs, client)

        async def checked(ref: Reference) -> CheckResult:
            async with gate:
                return await check_reference(ref, client)

        return await each_reported(refs, checked, on_result)
