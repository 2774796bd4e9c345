"""Open Library: books by ISBN (``/isbn/{isbn}.json``) and by title and author
(``/search.json``). No key. Its published limit is one request a second, three for a client
that identifies itself (the throttle in :mod:`referee.refcheck.client`).

A search result is a *work* with every edition's publishers and years, so a cited edition
agrees when any edition does.
"""

from __future__ import annotations

import re
from typing import Any

from referee.model import Reference
from referee.refcheck.client import Client, Unavailable
from referee.refcheck.match import Candidate, normalise, year_of
from referee.refcheck.names import family_name
from referee.text.identifiers import ISBN

ROWS = 5
FIELDS = "key,title,subtitle,author_name,first_publish_year,publish_year,publisher,isbn,type"
MAX_QUERY_WORDS = 14


def isbn_in(ref: Reference) -> str | None:
    """The ISBN a reference gives (digits only, ``X`` kept), or None."""
    text = ref.isbn or ""
    if not text:
        match = ISBN.search(ref.raw)
        text = match.group("isbn") if match else ""
    digits = re.sub(r"[^\dXx]", "", text).upper()
    return digits if len(digits) in (10, 13) else None


async def by_isbn(client: Client, isbn: str) -> Candidate | None:
    """The edition with this ISBN (and its first author's name); None when unknown."""
    base = client.settings.openlibrary_url
    reply = await client.get("openlibrary", f"{base}/isbn/{isbn}.json")
    if reply.status == 404:
        return None
    data = reply.json("openlibrary")
    if not isinstance(data, dict):
        raise Unavailable("openlibrary returned an unexpected JSON shape")
    authors: list[str] = []
    for entry in data.get("authors") or []:
        key = entry.get("key") if isinstance(entry, dict) else None
        if isinstance(key, str) and key.startswith("/authors/"):
            author = await client.get("openlibrary", f"{base}{key}.json")
            record = author.json("openlibrary") if author.status == 200 else {}
            if isinstance(record, dict) and isinstance(record.get("name"), str):
                authors.append(family_name(record["name"]))
            break  # the first author is what validation compares
    return _candidate(
        title=data.get("title"),
        subtitle=data.get("subtitle"),
        authors=authors,
        years=[year_of(data.get("publish_date"))],
        publishers=data.get("publishers"),
        isbns=[*(data.get("isbn_13") or []), *(data.get("isbn_10") or [])],
    )


def query(ref: Reference) -> dict[str, str] | None:
    """Search parameters: the parsed title and first author, else the reference's words."""
    if ref.title and normalise(ref.title):
        params = {"title": normalise(ref.title)}
        if ref.authors and normalise(ref.authors[0]):
            params["author"] = normalise(ref.authors[0])
        return params
    words = [w for w in normalise(ref.raw).split() if not w.isdigit() and len(w) > 1]
    if len(words) < 2:
        return None
    return {"q": " ".join(words[:MAX_QUERY_WORDS])}


async def search(client: Client, ref: Reference) -> list[Candidate]:
    """Works matching the reference, best first."""
    params = query(ref)
    if params is None:
        return []
    params |= {"limit": str(ROWS), "fields": FIELDS}
    url = f"{client.settings.openlibrary_url}/search.json"
    reply = await client.get("openlibrary", url, params)
    if reply.status != 200:
        raise Unavailable(f"openlibrary search answered HTTP {reply.status}")
    data = reply.json("openlibrary")
    try:
        docs = data["docs"]
        return [
            _candidate(
                title=doc.get("title"),
                subtitle=doc.get("subtitle"),
                authors=[family_name(str(n)) for n in doc.get("author_name") or []],
                years=[doc.get("first_publish_year"), *(doc.get("publish_year") or [])],
                publishers=doc.get("publisher"),
                isbns=doc.get("isbn") or [],
            )
            for doc in docs
            if isinstance(doc, dict)
        ]
    except (KeyError, TypeError, AttributeError):
        raise Unavailable("openlibrary returned an unexpected JSON shape") from None


def _candidate(
    *,
    title: Any,
    subtitle: Any,
    authors: list[str],
    years: list[Any],
    publishers: Any,
    isbns: list[Any],
) -> Candidate:
    found = sorted({y for y in (year_of(v) for v in years) if y})
    first = year_of(years[0]) if years and years[0] else (found[0] if found else None)
    return Candidate(
        source="openlibrary",
        title=str(title) if title else None,
        subtitles=(str(subtitle),) if subtitle else (),
        authors=tuple(a for a in authors if a),
        year=first,
        years=tuple(found),
        publishers=tuple(str(p) for p in publishers or [] if p)[:40],
        isbns=tuple(str(i) for i in isbns[:40]),
        type="book",
    )
