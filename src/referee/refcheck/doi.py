"""DOIs: asking doi.org whether one is registered at all.

Crossref knows only Crossref DOIs; a 404 there is not proof of fabrication (arXiv and
Zenodo DOIs are DataCite's). The doi.org Handle API tells "not registered anywhere"
(``responseCode`` 100, HTTP 404) from "registered" (``responseCode`` 1). For a DOI
registered elsewhere, doi.org content negotiation gives CSL-JSON from its agency.
"""

from __future__ import annotations

from typing import Any, Literal
from urllib.parse import quote

from referee.refcheck.client import Client, Unavailable
from referee.refcheck.match import Candidate, year_of
from referee.text.identifiers import normalise_doi

CSL_JSON = "application/vnd.citationstyles.csl+json"


def doi_path(doi: str) -> str:
    """The DOI as a URL path: ``/`` kept (proxies 404 on ``%2F``), the rest escaped."""
    return quote(doi, safe="/()")


async def registration(client: Client, doi: str) -> Literal["registered", "not_registered"]:
    """Ask the Handle API whether ``doi`` exists with any registration agency."""
    reply = await client.get("doi.org", f"{client.settings.doi_url}/api/handles/{doi_path(doi)}")
    data = reply.json("doi.org")
    code = data.get("responseCode") if isinstance(data, dict) else None
    if reply.status == 200 and code in (1, 200):
        return "registered"
    if reply.status == 404 and code == 100:
        return "not_registered"
    raise Unavailable(f"doi.org handle API gave an unexpected answer (HTTP {reply.status})")


async def csl_record(client: Client, doi: str) -> Candidate:
    """The agency's CSL-JSON for ``doi`` through doi.org content negotiation."""
    reply = await client.get(
        "doi.org", f"{client.settings.doi_url}/{doi_path(doi)}", accept=CSL_JSON
    )
    if reply.status != 200:
        raise Unavailable(f"doi.org gave no metadata for {doi} (HTTP {reply.status})")
    data = reply.json("doi.org")
    if not isinstance(data, dict):
        raise Unavailable("doi.org returned an unexpected JSON shape")
    return candidate_from_csl(data, doi)


def _first(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    return str(value) if value not in (None, "") else None


def candidate_from_csl(data: dict[str, Any], doi: str) -> Candidate:
    authors = []
    for person in data.get("author") or []:
        if isinstance(person, dict):
            name = person.get("family") or person.get("literal") or person.get("name")
            if name:
                authors.append(str(name))
    year = None
    for key in ("issued", "published-print", "published-online", "created"):
        parts = (data.get(key) or {}).get("date-parts") or [[None]]
        year = year_of(parts[0][0] if parts and parts[0] else None)
        if year:
            break
    container = _first(data.get("container-title"))
    return Candidate(
        source="doi.org",
        title=_first(data.get("title")),
        authors=tuple(authors),
        year=year,
        doi=(normalise_doi(str(data.get("DOI") or "")) or doi),
        containers=(container,) if container else (),
        volume=_first(data.get("volume")),
        issue=_first(data.get("issue")),
        pages=_first(data.get("page")),
        type=_first(data.get("type")),
    )


RA_BATCH = 50
"""DOIs per ``doiRA`` request (the limit doi.org accepts is not documented; 50 is used)."""
_AGENCIES = {"crossref": "crossref", "datacite": "datacite"}


async def agencies(client: Client, dois: list[str]) -> dict[str, str]:
    """The registration agency of each DOI from doi.org's ``doiRA``, in batches.

    Values: ``crossref``, ``datacite``, another agency's name in lower case (``medra``,
    ``jalc``, …), or ``not_registered`` for "DOI does not exist". DOIs doi.org calls
    invalid, or leaves out, are left out.
    """
    found: dict[str, str] = {}
    unique = list(dict.fromkeys(dois))
    for start in range(0, len(unique), RA_BATCH):
        chunk = unique[start : start + RA_BATCH]
        path = ",".join(doi_path(d) for d in chunk)
        reply = await client.get("doi.org", f"{client.settings.doi_url}/doiRA/{path}")
        if reply.status != 200:
            raise Unavailable(f"doi.org doiRA answered HTTP {reply.status}")
        data = reply.json("doi.org")
        if not isinstance(data, list):
            raise Unavailable("doi.org doiRA returned an unexpected JSON shape")
        for entry in data:
            if not isinstance(entry, dict):
                continue
            doi = normalise_doi(str(entry.get("DOI") or ""))
            if doi is None:
                continue
            agency = entry.get("RA")
            if isinstance(agency, str) and agency.strip():
                found[doi] = _AGENCIES.get(agency.strip().lower(), agency.strip().lower())
            elif "does not exist" in str(entry.get("status", "")).lower():
                found[doi] = "not_registered"
    return found
