"""Checking a reference by its identifier: DOI, PMID, arXiv id, ISBN.

A DOI goes first to doi.org for its registration agency (``doiRA``, asked in batches
before a run): a Crossref DOI to Crossref ``/works/{doi}``, a DataCite DOI to DataCite
``/dois/{doi}``, any other agency's to doi.org content negotiation (CSL-JSON). When the
agency is unknown (doi.org did not answer), Crossref is asked first and, on a 404, the
doi.org Handle API tells "not registered" from "registered elsewhere". Each function
returns an :class:`~referee.refcheck.trail.Outcome`, or None when search must decide.
"""

from __future__ import annotations

from collections.abc import Awaitable

from referee.model import Reference
from referee.refcheck import arxiv, crossref, datacite, doi, openlibrary, pubmed
from referee.refcheck.client import Client, Unavailable
from referee.refcheck.match import Candidate, assess, best, identifier_verdict
from referee.refcheck.trail import Outcome, Trail, differs, matched


def identified(ref: Reference, cand: Candidate, identifier: str, trail: Trail) -> Outcome:
    """The verdict on the record an identifier resolved to, with its reasons."""
    a = assess(ref, cand)
    status = identifier_verdict(ref, a)
    if status == "verified":
        trail.reasons.append(matched(a))
        if a.title_score is None and not (ref.authors or ref.year):
            trail.reasons.append("the reference gives nothing besides the identifier to compare")
    elif status == "metadata_mismatch":
        trail.reasons.extend(differs(a))
    else:
        score = f" (title similarity {a.title_score:.2f})" if a.title_score is not None else ""
        trail.reasons.append(
            f"{cand.source}: {identifier} leads to a different work: {cand.describe()}{score}"
        )
        trail.reasons.extend(a.mismatches)
    return Outcome(status, cand)


async def agency(client: Client, cited: str) -> str | None:
    """The DOI's registration agency (see :func:`referee.refcheck.doi.agencies`), or None
    when doi.org could not say."""
    if cited not in client.agencies and cited not in client.agencies_asked:
        client.agencies_asked.add(cited)
        try:
            client.agencies.update(await doi.agencies(client, [cited]))
        except Unavailable:
            return None
    return client.agencies.get(cited)


async def by_doi(ref: Reference, cited: str, client: Client, trail: Trail) -> Outcome | None:
    """An outcome from the DOI, or None when the search path must decide."""
    trail.doi_state = "unchecked"
    registered = await agency(client, cited)
    if registered == "not_registered":
        trail.consult("doi.org")
        trail.doi_state = "not_registered"
        trail.reasons.append(f"doi.org: DOI {cited} is not registered with any agency")
        return None
    if registered == "datacite":
        trail.consult("datacite")
        try:
            record = await datacite.work(client, cited)
        except Unavailable as error:
            trail.fail(error)
            return None
        if record is not None:
            trail.doi_state = "resolved"
            return identified(ref, record, f"DOI {cited}", trail)
        trail.reasons.append(f"datacite: DOI {cited} is not in DataCite (404)")
        return await _by_csl(ref, cited, client, trail)
    if registered not in (None, "crossref"):
        trail.consult("doi.org")
        trail.reasons.append(f"doi.org: DOI {cited} is registered with {registered}")
        return await _by_csl(ref, cited, client, trail)
    trail.consult("crossref")
    try:
        record = await crossref.work(client, cited)
    except Unavailable as error:
        trail.fail(error)
        return None
    if record is not None:
        trail.doi_state = "resolved"
        outcome = identified(ref, record, f"DOI {cited}", trail)
        if outcome.status == "doi_mismatch" and ref.title:
            await _where_is_it(ref, client, trail)
        return outcome
    trail.reasons.append(f"crossref: DOI {cited} is not in Crossref (404)")
    trail.consult("doi.org")
    try:
        answer = await doi.registration(client, cited)
    except Unavailable as error:
        trail.fail(error)
        return None
    if answer == "not_registered":
        trail.doi_state = "not_registered"
        trail.reasons.append(f"doi.org: DOI {cited} is not registered with any agency")
        return None
    trail.reasons.append(f"doi.org: DOI {cited} is registered with another agency")
    return await _by_csl(ref, cited, client, trail)


async def _by_csl(ref: Reference, cited: str, client: Client, trail: Trail) -> Outcome | None:
    trail.consult("doi.org")
    try:
        record = await doi.csl_record(client, cited)
    except Unavailable as error:
        trail.fail(error)
        return None
    trail.doi_state = "resolved"
    return identified(ref, record, f"DOI {cited}", trail)


async def _where_is_it(ref: Reference, client: Client, trail: Trail) -> None:
    """After a DOI led elsewhere: say where the cited title is, if Crossref knows."""
    try:
        found = [assess(ref, c) for c in await crossref.search(client, ref)]
    except Unavailable:
        return
    top = best(found)
    if top is not None and top.matches:
        trail.reasons.append(f"crossref: the cited work appears to be {top.candidate.describe()}")


async def _by_identifier(
    ref: Reference,
    trail: Trail,
    service: str,
    record: Awaitable[Candidate | None],
    label: str,
    unknown: str,
) -> Outcome | None:
    """Ask ``service`` for the record an identifier names (``record``): the reference
    checked against it, or None with the reason in the trail (unanswered, ``unknown``)."""
    trail.consult(service)
    try:
        found = await record
    except Unavailable as error:
        trail.fail(error)
        return None
    if found is None:
        trail.reasons.append(f"{service}: {unknown}")
        return None
    return identified(ref, found, label, trail)


async def by_pmid(ref: Reference, pmid: str, client: Client, trail: Trail) -> Outcome | None:
    async def record() -> Candidate | None:
        return (await pubmed.esummary(client, [pmid])).get(pmid)

    label = f"PMID {pmid}"
    return await _by_identifier(ref, trail, "pubmed", record(), label, f"{label} does not exist")


async def by_arxiv(ref: Reference, identifier: str, client: Client, trail: Trail) -> Outcome | None:
    label = f"arXiv:{identifier}"
    record = arxiv.by_id(client, identifier)
    return await _by_identifier(ref, trail, "arxiv", record, label, f"{label} does not exist")


async def by_isbn(ref: Reference, isbn: str, client: Client, trail: Trail) -> Outcome | None:
    """A book by its ISBN; an ISBN Open Library does not know leaves it to search."""
    label = f"ISBN {isbn}"
    record = openlibrary.by_isbn(client, isbn)
    outcome = await _by_identifier(
        ref, trail, "openlibrary", record, label, f"{label} is not in Open Library"
    )
    return outcome if outcome is None or outcome.status != "doi_mismatch" else None
