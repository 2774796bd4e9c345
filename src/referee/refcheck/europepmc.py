"""Europe PMC: biomedical search that includes preprints (``/search``, ``resultType=core``),
with each record's publication types and ``commentCorrectionList`` (retractions,
expressions of concern, errata). About 10 requests a second (the throttle).
"""

from __future__ import annotations

from typing import Any

from referee.model import Reference
from referee.refcheck.client import Client, Unavailable
from referee.refcheck.match import Candidate, normalise, year_of
from referee.refcheck.notices import (
    CONCERN,
    CORRECTION,
    RETRACTED_PUBTYPES,
    RETRACTION,
    kind_of_update,
)
from referee.text.identifiers import normalise_doi

ROWS = 5
_SHAPE = "europepmc returned an unexpected JSON shape"
NOTICE_TYPES = {"retraction of publication": "retraction", "published erratum": "erratum"}
_NOTICE_OF = frozenset({"retraction of", "erratum for", "expression of concern for"})


def search_query(ref: Reference) -> str | None:
    """``TITLE:"…" AND AUTH:"…"`` from the parsed title and first author."""
    title = normalise(ref.title or "")
    if len(title.split()) < 2:
        return None
    parts = [f'TITLE:"{title}"']
    if ref.authors and normalise(ref.authors[0]):
        parts.append(f'AUTH:"{normalise(ref.authors[0])}"')
    return " AND ".join(parts)


async def results(client: Client, query: str, rows: int) -> list[Any]:
    """The records of a Europe PMC ``core`` search, as it lists them; :class:`Unavailable`
    when it does not answer, or answers in another shape."""
    params = {"query": query, "resultType": "core", "format": "json", "pageSize": str(rows)}
    reply = await client.get("europepmc", f"{client.settings.europepmc_url}/search", params)
    if reply.status != 200:
        raise Unavailable(f"europepmc answered HTTP {reply.status}")
    data = reply.json("europepmc")
    try:
        found = data["resultList"]["result"]
    except (KeyError, TypeError):
        raise Unavailable(_SHAPE) from None
    if not isinstance(found, list):
        raise Unavailable(_SHAPE)
    return found


async def search(client: Client, ref: Reference) -> list[Candidate]:
    query = search_query(ref)
    if query is None:
        return []
    found = await results(client, query, ROWS)
    try:
        return [candidate(item) for item in found]
    except (KeyError, TypeError, AttributeError):
        raise Unavailable(_SHAPE) from None


def nested_list(value: Any, *keys: str) -> list[Any]:
    """The list under ``keys`` in a Europe PMC record (``authorList`` → ``author``), or []."""
    for key in keys:
        value = value.get(key) if isinstance(value, dict) else None
    return value if isinstance(value, list) else []


def candidate(item: dict[str, Any]) -> Candidate:
    authors = tuple(
        str(a.get("lastName") or a.get("collectiveName") or a.get("fullName"))
        for a in nested_list(item, "authorList", "author")
        if isinstance(a, dict)
        and (a.get("lastName") or a.get("collectiveName") or a.get("fullName"))
    )
    pubtypes = [str(t).lower() for t in nested_list(item, "pubTypeList", "pubType")]
    found: dict[str, list[str]] = {RETRACTION: [], CONCERN: [], CORRECTION: []}
    notice = next((NOTICE_TYPES[t] for t in pubtypes if t in NOTICE_TYPES), None)
    for entry in nested_list(item, "commentCorrectionList", "commentCorrection"):
        if not isinstance(entry, dict):
            continue
        kind_name = str(entry.get("type") or "")
        if kind_name.lower() in _NOTICE_OF:
            notice = notice or kind_name.lower().split()[0]
        kind = kind_of_update(kind_name)
        if kind:
            label = entry.get("id") or " ".join(str(entry.get("reference") or "").split())[:80]
            found[kind].append(f"{kind_name.lower()} {label} (Europe PMC)")
    if any(t in RETRACTED_PUBTYPES for t in pubtypes) and not found[RETRACTION]:
        found[RETRACTION].append("Europe PMC publication type “Retracted Publication”")
    journal = item.get("journalInfo") if isinstance(item.get("journalInfo"), dict) else {}
    names = journal.get("journal") if isinstance(journal.get("journal"), dict) else {}
    containers = tuple(
        dict.fromkeys(
            str(names[k])
            for k in ("title", "medlineAbbreviation", "isoabbreviation")
            if names.get(k)
        )
    )
    preprint = item.get("source") == "PPR"
    return Candidate(
        source="europepmc",
        title=str(item.get("title") or "").strip().rstrip(".") or None,
        authors=authors,
        year=year_of(item.get("pubYear") or journal.get("yearOfPublication")),
        doi=normalise_doi(str(item.get("doi") or "")),
        pmid=str(item["pmid"]) if item.get("pmid") else None,
        containers=containers,
        volume=str(journal.get("volume") or "") or None,
        issue=str(journal.get("issue") or "") or None,
        pages=str(item.get("pageInfo") or "") or None,
        type="posted-content" if preprint else "journal-article",
        retractions=tuple(found[RETRACTION]),
        concerns=tuple(found[CONCERN]),
        corrections=tuple(found[CORRECTION]),
        notice=notice,
    )
