"""Crossref REST API: a DOI's record (``/works/{doi}``) and reference search.

Notices are read from ``updated-by`` entries (from any source: Retraction Watch entries
come with ``source: retraction-watch``) and ``relation`` keys: retraction, withdrawal or
removal retract; an expression of concern is a concern; correction, erratum, corrigendum
a correction; new versions are nothing. Never from ``update-to`` (that sits on the notice).
"""

from __future__ import annotations

from typing import Any

from referee.model import Reference
from referee.refcheck.client import Client, Unavailable
from referee.refcheck.doi import doi_path
from referee.refcheck.match import Candidate, strip_retracted, year_of
from referee.refcheck.notices import CONCERN, CORRECTION, RETRACTION, kind_of_update
from referee.text.identifiers import normalise_doi

RETRACTING = frozenset({"retraction", "withdrawal", "removal"})
SELECT = (
    "DOI,title,subtitle,author,issued,published,published-print,published-online,"
    "container-title,short-container-title,volume,issue,page,type,score,updated-by,"
    "update-to,relation,prefix,member,publisher"
)
ROWS = 5
MAX_QUERY = 600
"""Characters of a reference string sent as ``query.bibliographic``."""


async def work(client: Client, doi: str) -> Candidate | None:
    """The record of ``doi``, or None when Crossref does not know it (404)."""
    url = f"{client.settings.crossref_url}/works/{doi_path(doi)}"
    reply = await client.get("crossref", url)
    if reply.status == 404:
        return None  # body is plain text "Resource not found.", never JSON
    data = reply.json("crossref")
    try:
        if data.get("status") != "ok" or data.get("message-type") != "work":
            raise Unavailable("crossref returned something other than a work record")
        return candidate(data["message"])
    except (AttributeError, KeyError, TypeError, IndexError, ValueError):
        raise Unavailable("crossref returned an unexpected JSON shape") from None


async def search(client: Client, ref: Reference) -> list[Candidate]:
    """Candidates for a reference string (``query.bibliographic``), best-scored first."""
    url = f"{client.settings.crossref_url}/works"
    params = {"query.bibliographic": ref.raw[:MAX_QUERY], "rows": str(ROWS), "select": SELECT}
    reply = await client.get("crossref", url, params, throttle="crossref-list")
    if reply.status == 404:
        raise Unavailable("crossref search answered 404")
    data = reply.json("crossref")
    try:
        if data.get("status") != "ok" or data.get("message-type") != "work-list":
            raise Unavailable("crossref returned something other than a work list")
        return [candidate(item) for item in data["message"]["items"]]
    except (AttributeError, KeyError, TypeError, IndexError, ValueError):
        raise Unavailable("crossref returned an unexpected JSON shape") from None


def _strings(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,) if value.strip() else ()
    if isinstance(value, list):
        return tuple(str(v) for v in value if isinstance(v, str) and v.strip())
    return ()


def _year(item: dict[str, Any]) -> int | None:
    for key in ("issued", "published", "published-print", "published-online"):
        parts = (item.get(key) or {}).get("date-parts") or []
        if parts and parts[0] and parts[0][0] is not None:
            return year_of(parts[0][0])
    return None


def _authors(item: dict[str, Any]) -> tuple[str, ...]:
    people = [p for p in item.get("author") or [] if isinstance(p, dict)]
    people.sort(key=lambda p: p.get("sequence") != "first")  # stable: first author first
    names = []
    for person in people:
        name = person.get("family") or person.get("name")
        if isinstance(name, str) and name.strip():
            names.append(name.strip())
    return tuple(names)


def candidate(item: dict[str, Any]) -> Candidate:
    """A Crossref work item (single record or list item) as a :class:`Candidate`."""
    titles = _strings(item.get("title"))
    title = titles[0] if titles else None
    found: dict[str, list[str]] = {RETRACTION: [], CONCERN: [], CORRECTION: []}
    seen: set[tuple[str, str]] = set()
    own = normalise_doi(str(item.get("DOI") or ""))
    for update in item.get("updated-by") or []:
        if not isinstance(update, dict):
            continue
        kind = str(update.get("type", "")).lower()
        notice = normalise_doi(str(update.get("DOI", ""))) or ""
        category = kind_of_update(kind)
        if category is None or (kind, notice) in seen or (notice and notice == own):
            continue  # the same notice from the publisher and from Retraction Watch
        seen.add((kind, notice))
        source = update.get("source") or "crossref"
        date = ((update.get("updated") or {}).get("date-time") or "")[:10]
        text = f"{kind.replace('_', ' ')} {notice or '(no DOI)'}"
        found[category].append(text + f" ({source}{', ' + date if date else ''})")
    relations = item.get("relation") if isinstance(item.get("relation"), dict) else {}
    for key, targets in relations.items():
        category = kind_of_update(str(key))
        for rel in targets if isinstance(targets, list) else []:
            target = str(rel.get("id", "")).lower() if isinstance(rel, dict) else ""
            if category and target and not any(target in t for t in found[category]):
                found[category].append(f"{key.replace('-', ' ')} {target} (relation)")
    retractions, concerns = found[RETRACTION], found[CONCERN]
    if title and strip_retracted(title) != title and not retractions:
        retractions.append("title marked RETRACTED")
    notice = None
    own_doi = normalise_doi(str(item.get("DOI") or ""))
    for update in item.get("update-to") or []:
        if (
            isinstance(update, dict)
            and str(update.get("type", "")).lower() in RETRACTING
            and normalise_doi(str(update.get("DOI", ""))) != own_doi
        ):
            notice = "retraction"
    return Candidate(
        source="crossref",
        title=title,
        subtitles=_strings(item.get("subtitle")),
        authors=_authors(item),
        year=_year(item),
        doi=own_doi,
        containers=_strings(item.get("container-title"))
        + _strings(item.get("short-container-title")),
        volume=(_strings(item.get("volume")) or (None,))[0],
        issue=(_strings(item.get("issue")) or (None,))[0],
        pages=(_strings(item.get("page")) or (None,))[0],
        type=item.get("type") if isinstance(item.get("type"), str) else None,
        retractions=tuple(retractions),
        concerns=tuple(concerns),
        corrections=tuple(found[CORRECTION]),
        publishers=_strings(item.get("publisher")),
        notice=notice,
    )
