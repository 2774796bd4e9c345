"""arXiv: a preprint by its identifier (``/query?id_list=``) or by title and first author
(``search_query=ti:… AND au:…``). Atom XML. Its terms of use allow one request every three
seconds on a single connection (the throttle in :mod:`referee.refcheck.client`).

An unknown but well-formed identifier answers 200 with no entry; a malformed one 400 with
an entry titled "Error", so identifiers are checked against the two arXiv id forms first.
"""

from __future__ import annotations

import re
from xml.etree import ElementTree

from referee.model import Reference
from referee.refcheck.client import Client, Unavailable
from referee.refcheck.match import Candidate, normalise, topic_words, year_of
from referee.refcheck.names import family_name
from referee.text.identifiers import ARXIV, normalise_doi

ATOM = "{http://www.w3.org/2005/Atom}"
ARXIV_NS = "{http://arxiv.org/schemas/atom}"
ROWS = 5


def arxiv_id(ref: Reference) -> str | None:
    """The arXiv identifier a reference gives, without its version (``1706.03762``,
    ``hep-th/9901001``)."""
    for text in (ref.url or "", ref.raw):
        match = ARXIV.search(text)
        if match:
            return re.sub(r"v\d+$", "", match.group("arxiv"))
    return None


async def by_id(client: Client, identifier: str) -> Candidate | None:
    entries = await _query(client, {"id_list": identifier, "max_results": "1"})
    return entries[0] if entries else None


async def search(client: Client, ref: Reference) -> list[Candidate]:
    """Preprints whose title has the cited title's words, by the first author."""
    words = topic_words(ref.title or "")[:8]
    if len(words) < 2:
        return []
    terms = [f"ti:{w}" for w in words]
    if ref.authors and normalise(ref.authors[0]):
        terms.append(f"au:{normalise(ref.authors[0]).split()[-1]}")
    return await _query(client, {"search_query": " AND ".join(terms), "max_results": str(ROWS)})


async def _query(client: Client, params: dict[str, str]) -> list[Candidate]:
    reply = await client.get(
        "arxiv", f"{client.settings.arxiv_url}/query", params, accept="application/atom+xml"
    )
    if reply.status != 200:
        raise Unavailable(f"arxiv answered HTTP {reply.status}")
    return parse_feed(reply.body)


def parse_feed(body: bytes) -> list[Candidate]:
    try:
        root = ElementTree.fromstring(body)
    except ElementTree.ParseError:
        raise Unavailable("arxiv returned malformed XML") from None
    found = []
    for entry in root.iter(f"{ATOM}entry"):
        title = " ".join((entry.findtext(f"{ATOM}title") or "").split())
        link = entry.findtext(f"{ATOM}id") or ""
        if not title or title == "Error" or "arxiv.org/abs/" not in link:
            continue
        identifier = re.sub(r"v\d+$", "", link.split("/abs/", 1)[1])
        authors = tuple(
            family_name(name)
            for name in (
                " ".join((a.findtext(f"{ATOM}name") or "").split())
                for a in entry.iter(f"{ATOM}author")
            )
            if name
        )
        published = entry.findtext(f"{ATOM}published")
        journal = " ".join((entry.findtext(f"{ARXIV_NS}journal_ref") or "").split())
        doi = normalise_doi(entry.findtext(f"{ARXIV_NS}doi"))
        found.append(
            Candidate(
                source="arxiv",
                title=title,
                authors=authors,
                year=year_of(published),
                doi=doi or f"10.48550/arxiv.{identifier.lower()}",
                containers=(journal,) if journal else (),
                type="posted-content",
            )
        )
    return found
