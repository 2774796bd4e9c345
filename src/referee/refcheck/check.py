"""Checking references: identifiers first, then search, then a verdict with its reasons.

For one reference: a DOI goes to Crossref ``/works/{doi}`` (on 404, doi.org tells "not
registered" from "registered elsewhere", and the agency's CSL is compared instead); a PMID
goes to ESummary; otherwise Crossref ``query.bibliographic``, PubMed for biomedical
references, and OpenAlex when a key is configured. ``not_found`` is given only when every
source consulted answered; a source that failed makes it ``unverifiable``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

import httpx

from referee.model import CheckResult, Reference
from referee.refcheck import crossref, doi, openalex, pubmed
from referee.refcheck.client import Client, Unavailable
from referee.refcheck.match import (
    TITLE_SAME,
    Assessment,
    Candidate,
    assess,
    best,
    identifier_verdict,
    normalise,
)
from referee.refcheck.settings import CheckSettings
from referee.text.identifiers import normalise_doi

MIN_SEARCH_CHARS = 25
"""A reference string shorter than this (normalised) is too little to search for."""


@dataclass
class Trail:
    """What one check consulted, found and failed on."""

    reasons: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    doi_state: str = "none"
    """``none`` | ``unchecked`` | ``not_registered`` | ``resolved``."""

    def consult(self, source: str) -> None:
        if source not in self.sources:
            self.sources.append(source)

    def fail(self, error: Unavailable) -> None:
        message = str(error)
        self.failures.append(message)
        self.reasons.append(f"could not check: {message}")


@dataclass(frozen=True, slots=True)
class Outcome:
    status: str
    candidate: Candidate | None = None


def _matched(a: Assessment) -> str:
    cand = a.candidate
    return f"{cand.source}: {cand.describe()} matches ({', '.join(a.agreements)})"


def _differs(a: Assessment) -> list[str]:
    cand = a.candidate
    lines = [f"{cand.source}: {cand.describe()} is the cited work but differs"]
    if a.title_score is not None and a.title_score < TITLE_SAME:
        lines.append(f"title: similarity {a.title_score:.2f} to the record's")
    return lines + list(a.mismatches)


def _closest(source: str, assessments: list[Assessment]) -> str:
    if not assessments:
        return f"{source}: no candidates"
    top = best(assessments)
    assert top is not None
    if top.rejected:
        return f"{source}: no usable candidate (closest is {top.rejected})"
    score = f"title similarity {top.title_score:.2f}" if top.title_score is not None else ""
    if top.same_title:
        return f"{source}: closest {top.candidate.describe()} differs: " + "; ".join(top.mismatches)
    return (
        f"{source}: none of {len(assessments)} candidates matches; closest "
        f"{top.candidate.describe()}{', ' + score if score else ''}"
    )


def _identifier(ref: Reference, cand: Candidate, identifier: str, trail: Trail) -> Outcome:
    a = assess(ref, cand)
    status = identifier_verdict(ref, a)
    if status == "verified":
        trail.reasons.append(_matched(a))
        if a.title_score is None and not (ref.authors or ref.year):
            trail.reasons.append("the reference gives nothing besides the identifier to compare")
    elif status == "metadata_mismatch":
        trail.reasons.extend(_differs(a))
    else:
        score = f" (title similarity {a.title_score:.2f})" if a.title_score is not None else ""
        trail.reasons.append(
            f"{cand.source}: {identifier} leads to a different work: {cand.describe()}{score}"
        )
        trail.reasons.extend(a.mismatches)
    return Outcome(status, cand)


async def _by_doi(ref: Reference, cited: str, client: Client, trail: Trail) -> Outcome | None:
    """An outcome from the DOI, or None when the search path must decide."""
    trail.consult("crossref")
    trail.doi_state = "unchecked"
    try:
        record = await crossref.work(client, cited)
    except Unavailable as error:
        trail.fail(error)
        return None
    if record is not None:
        trail.doi_state = "resolved"
        outcome = _identifier(ref, record, f"DOI {cited}", trail)
        if outcome.status == "doi_mismatch" and ref.title:
            await _where_is_it(ref, client, trail)
        return outcome
    trail.reasons.append(f"crossref: DOI {cited} is not in Crossref (404)")
    trail.consult("doi.org")
    try:
        registered = await doi.registration(client, cited)
    except Unavailable as error:
        trail.fail(error)
        return None
    if registered == "not_registered":
        trail.doi_state = "not_registered"
        trail.reasons.append(f"doi.org: DOI {cited} is not registered with any agency")
        return None
    trail.reasons.append(f"doi.org: DOI {cited} is registered with another agency")
    try:
        record = await doi.csl_record(client, cited)
    except Unavailable as error:
        trail.fail(error)
        return None
    return _identifier(ref, record, f"DOI {cited}", trail)


async def _where_is_it(ref: Reference, client: Client, trail: Trail) -> None:
    """After a DOI led elsewhere: say where the cited title is, if Crossref knows."""
    try:
        found = [assess(ref, c) for c in await crossref.search(client, ref)]
    except Unavailable:
        return
    top = best(found)
    if top is not None and top.matches:
        trail.reasons.append(f"crossref: the cited work appears to be {top.candidate.describe()}")


async def _by_pmid(ref: Reference, pmid: str, client: Client, trail: Trail) -> Outcome | None:
    trail.consult("pubmed")
    try:
        record = (await pubmed.esummary(client, [pmid])).get(pmid)
    except Unavailable as error:
        trail.fail(error)
        return None
    if record is None:
        trail.reasons.append(f"pubmed: PMID {pmid} does not exist")
        return None
    return _identifier(ref, record, f"PMID {pmid}", trail)


async def _search_pubmed(ref: Reference, client: Client, trail: Trail) -> list[Assessment]:
    term = pubmed.search_term(ref)
    if term is None:
        trail.reasons.append("pubmed: no title words to search for")
        return []
    trail.consult("pubmed")
    try:
        ids = await pubmed.esearch(client, term)
        if not ids:
            trail.reasons.append(f"pubmed: 0 hits for {term}")
            return []
        records = await pubmed.esummary(client, ids)
    except Unavailable as error:
        trail.fail(error)
        return []
    found = [assess(ref, c) for c in records.values() if c is not None]
    if not any(a.matches for a in found):
        trail.reasons.append(_closest("pubmed", found))
    return found


async def _search(
    source: str,
    search: Callable[[Client, Reference], Awaitable[list[Candidate]]],
    ref: Reference,
    client: Client,
    trail: Trail,
) -> list[Assessment]:
    """Candidates from one service's search, assessed; the closest is noted when none matches."""
    trail.consult(source)
    try:
        found = [assess(ref, c) for c in await search(client, ref)]
    except Unavailable as error:
        trail.fail(error)
        return []
    if not any(a.matches for a in found):
        trail.reasons.append(_closest(source, found))
    return found


async def _by_search(ref: Reference, client: Client, trail: Trail) -> Outcome:
    if not ref.title and len(normalise(ref.raw)) < MIN_SEARCH_CHARS:
        trail.reasons.append("the reference gives too little to search for")
        return Outcome("unverifiable")
    if not ref.title:
        trail.reasons.append("no title parsed: candidates compared with the whole reference")
    found = await _search("crossref", crossref.search, ref, client, trail)
    if not any(a.matches for a in found) and pubmed.looks_biomedical(ref):
        found += await _search_pubmed(ref, client, trail)
    if not any(a.matches for a in found) and client.settings.openalex_api_key:
        found += await _search("openalex", openalex.search, ref, client, trail)
    top = best(found)
    if top is not None and top.matches:
        trail.reasons.append(_matched(top))
        return Outcome("verified", top.candidate)
    if top is not None and top.same_title and top.rejected is None:
        # Reasons for the closest were written by _closest above.
        return Outcome("metadata_mismatch", top.candidate)
    return Outcome("unverifiable" if trail.failures else "not_found")


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
    if trail.doi_state == "unchecked" and not cand.doi:
        trail.reasons.append(f"the cited DOI {cited_doi} could not be compared")
    if ref.pmid and cand.pmid and cand.pmid != ref.pmid:
        trail.reasons.append(f"the cited PMID {ref.pmid} is not this work's PMID {cand.pmid}")
        return Outcome("doi_mismatch", cand)
    return outcome


async def _retraction(outcome: Outcome, client: Client, trail: Trail) -> Outcome:
    cand = outcome.candidate
    if cand is None or outcome.status not in ("verified", "metadata_mismatch"):
        return outcome
    signals = list(cand.retractions)
    concerns = list(cand.concerns)
    if client.settings.openalex_api_key and cand.doi and cand.source != "openalex":
        trail.consult("openalex")
        try:
            other = await openalex.work(client, cand.doi)
        except Unavailable as error:
            trail.reasons.append(f"retraction cross-check skipped: {error}")
        else:
            if other is not None:
                signals += other.retractions
    for concern in concerns:
        trail.reasons.append(f"note: {concern}")
    if not signals:
        return outcome
    for signal in signals:
        trail.reasons.append(f"retracted: {signal}")
    return Outcome("retracted", cand)


async def check_reference(ref: Reference, client: Client) -> CheckResult:
    """Check one reference with an open :class:`Client`."""
    trail = Trail()
    cited_doi = normalise_doi(ref.doi) or (
        normalise_doi(ref.url) if ref.url and "doi.org/" in ref.url.lower() else None
    )
    outcome: Outcome | None = None
    if cited_doi:
        outcome = await _by_doi(ref, cited_doi, client, trail)
    if outcome is None and ref.pmid:
        outcome = await _by_pmid(ref, ref.pmid, client, trail)
    if outcome is None:
        outcome = _identifiers_agree(ref, cited_doi, await _by_search(ref, client, trail), trail)
    outcome = await _retraction(outcome, client, trail)
    if outcome.status == "not_found" and cited_doi:
        trail.reasons.append(f"no work found for the cited DOI {cited_doi} or its title")
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
    results: list[CheckResult | None] = [None] * len(refs)
    gate = asyncio.Semaphore(max(1, settings.parallel_refs))
    async with Client(settings, transport=transport) as client:

        async def one(index: int, ref: Reference) -> None:
            async with gate:
                result = await check_reference(ref, client)
            results[index] = result
            if on_result is not None:
                on_result(result)

        await asyncio.gather(*(one(i, ref) for i, ref in enumerate(refs)))
    return [r for r in results if r is not None]
