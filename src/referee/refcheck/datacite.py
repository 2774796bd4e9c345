"""DataCite REST API: the record of a DOI registered with DataCite (``/dois/{doi}``):
datasets, theses, preprints (arXiv's ``10.48550``), reports, software.

JSON:API: ``data.attributes`` holds ``titles[]``, ``creators[]`` (``familyName`` or
``name``), ``publicationYear``, ``types.resourceTypeGeneral``, ``container`` and
``publisher`` (a string, or ``{"name": …}`` in newer responses). A DOI DataCite does not
hold answers 404 with a JSON:API error body.
"""

from __future__ import annotations

from typing import Any

from referee.refcheck.client import Client, Unavailable
from referee.refcheck.doi import doi_path
from referee.refcheck.match import Candidate, year_of
from referee.refcheck.names import family_name
from referee.text.identifiers import normalise_doi

TYPES = {
    "journalarticle": "journal-article",
    "preprint": "posted-content",
    "book": "book",
    "bookchapter": "book-chapter",
    "conferencepaper": "proceedings-article",
    "dissertation": "dissertation",
    "report": "report",
    "dataset": "dataset-record",
    "software": "software",
    "text": "text",
}
"""``resourceTypeGeneral`` onto Crossref-like types (a cited dataset is not rejected as a
search hit would be: it was asked for by its DOI)."""


async def work(client: Client, doi: str) -> Candidate | None:
    """The DataCite record of ``doi``; None when DataCite does not hold it."""
    url = f"{client.settings.datacite_url}/dois/{doi_path(doi)}"
    reply = await client.get("datacite", url, accept="application/vnd.api+json")
    if reply.status == 404:
        return None
    data = reply.json("datacite")
    try:
        return candidate(data["data"]["attributes"], doi)
    except (KeyError, TypeError, AttributeError, IndexError):
        raise Unavailable("datacite returned an unexpected JSON shape") from None


def _name(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("name")
    return str(value) if value else None


def candidate(attributes: dict[str, Any], doi: str) -> Candidate:
    titles = [t for t in attributes.get("titles") or [] if isinstance(t, dict) and t.get("title")]
    main = next((t for t in titles if not t.get("titleType")), titles[0] if titles else None)
    subtitles = tuple(str(t["title"]) for t in titles if t.get("titleType") == "Subtitle")
    authors = []
    for creator in attributes.get("creators") or []:
        if not isinstance(creator, dict):
            continue
        if creator.get("familyName"):
            authors.append(str(creator["familyName"]))
        elif creator.get("name"):
            personal = creator.get("nameType") != "Organizational"
            authors.append(family_name(str(creator["name"])) if personal else str(creator["name"]))
    container = attributes.get("container") or {}
    general = str((attributes.get("types") or {}).get("resourceTypeGeneral") or "").lower()
    publisher = _name(attributes.get("publisher"))
    first_page = container.get("firstPage") if isinstance(container, dict) else None
    return Candidate(
        source="datacite",
        title=str(main["title"]) if main else None,
        subtitles=subtitles,
        authors=tuple(authors),
        year=year_of(attributes.get("publicationYear")),
        doi=normalise_doi(str(attributes.get("doi") or "")) or doi,
        containers=(str(container["title"]),)
        if isinstance(container, dict) and container.get("title")
        else (),
        volume=str(container.get("volume"))
        if isinstance(container, dict) and container.get("volume")
        else None,
        pages=str(first_page) if first_page else None,
        type=TYPES.get(general, general or None),
        publishers=(publisher,) if publisher else (),
    )
