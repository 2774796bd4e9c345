"""OpenAlex, used only when an API key is configured (it needs one since February 2026).

Singleton lookups (``/works/doi:{doi}``) are free and give ``is_retracted``; a title
search costs per call and runs only for references no other source verified. A 404 body
is an HTML page, not JSON.
"""

from __future__ import annotations

import re
from typing import Any

from referee.model import Reference
from referee.refcheck.client import Client, Unavailable
from referee.refcheck.doi import doi_path
from referee.refcheck.match import Candidate, normalise, year_of
from referee.text.identifiers import normalise_doi

SELECT = (
    "id,doi,title,display_name,publication_year,type,type_crossref,authorships,"
    "primary_location,biblio,is_retracted,ids"
)
_SUFFIX = re.compile(r"^(jr|sr|ii|iii|iv)\.?$", re.IGNORECASE)


def secret_params_of(client: Client) -> dict[str, str]:
    """OpenAlex's API key when one is configured: sent, never part of a cache key."""
    key = client.settings.openalex_api_key
    return {"api_key": key} if key else {}


async def work(client: Client, doi: str) -> Candidate | None:
    """The OpenAlex work for ``doi``; None when OpenAlex does not know it."""
    url = f"{client.settings.openalex_url}/works/doi:{doi_path(doi)}"
    reply = await client.get("openalex", url, secret_params=secret_params_of(client))
    if reply.status == 404:
        return None
    data = reply.json("openalex")
    try:
        return candidate(data)
    except (AttributeError, KeyError, TypeError, ValueError):
        raise Unavailable("openalex returned an unexpected JSON shape") from None


async def search(client: Client, ref: Reference) -> list[Candidate]:
    """Works whose title matches the cited title's words (``filter=title.search``)."""
    if not ref.title:
        return []
    words = normalise(ref.title)  # commas, colons and quotes break the filter
    if not words:
        return []
    url = f"{client.settings.openalex_url}/works"
    params = {"filter": f"title.search:{words}", "per_page": "5", "select": SELECT}
    reply = await client.get("openalex", url, params, secret_params=secret_params_of(client))
    if reply.status != 200:
        raise Unavailable(f"openalex search answered HTTP {reply.status}")
    data = reply.json("openalex")
    try:
        return [candidate(item) for item in data["results"]]
    except (AttributeError, KeyError, TypeError, ValueError):
        raise Unavailable("openalex returned an unexpected JSON shape") from None


def _family(full_name: str) -> str:
    parts = [p for p in full_name.split() if not _SUFFIX.match(p)]
    return parts[-1] if parts else full_name


def candidate(data: dict[str, Any]) -> Candidate:
    if not isinstance(data, dict) or "id" not in data:
        raise ValueError("not a work")
    authorships = [a for a in data.get("authorships") or [] if isinstance(a, dict)]
    authorships.sort(key=lambda a: a.get("author_position") != "first")
    authors = []
    for authorship in authorships:
        name = authorship.get("raw_author_name") or (authorship.get("author") or {}).get(
            "display_name"
        )
        if name:
            authors.append(_family(str(name)))
    source = ((data.get("primary_location") or {}).get("source") or {}).get("display_name")
    biblio = data.get("biblio") or {}
    first, last = biblio.get("first_page"), biblio.get("last_page")
    pages = f"{first}-{last}" if first and last and first != last else first
    pmid = str((data.get("ids") or {}).get("pmid") or "").rsplit("/", 1)[-1] or None
    return Candidate(
        source="openalex",
        title=data.get("title") or data.get("display_name"),
        authors=tuple(authors),
        year=year_of(data.get("publication_year")),
        doi=normalise_doi(data.get("doi")),
        pmid=pmid,
        containers=(str(source),) if source else (),
        volume=biblio.get("volume"),
        issue=biblio.get("issue"),
        pages=pages,
        type=data.get("type_crossref") or data.get("type"),
        retractions=("OpenAlex is_retracted",) if data.get("is_retracted") is True else (),
    )
