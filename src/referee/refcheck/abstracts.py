"""The abstract of a cited work, on request: PubMed EFetch, then Europe PMC, then the
Crossref record's JATS abstract, then OpenAlex (only with an API key).

Abstracts are the publishers' (or authors') copyright: they are fetched through the
refcheck :class:`~referee.refcheck.client.Client` (its throttles, retries and disk cache
in the cache folder) and shown, never written to the review file or any export. Only a
sentence the reviewer picks is stored, as an evidence quote of at most 300 characters.

Structured abstracts keep their labels (``BACKGROUND``, ``METHODS``, …): one section
each, in order.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any
from xml.etree import ElementTree

from referee.refcheck import pubmed
from referee.refcheck.client import Client, Unavailable
from referee.refcheck.doi import doi_path
from referee.refcheck.openalex import secret_params_of as openalex_params
from referee.text.identifiers import normalise_doi
from referee.text.sentences import spans

_TAG = re.compile(r"<[^>]+>")
_HEADING = re.compile(r"<h[1-6][^>]*>(.*?)</h[1-6]>", re.IGNORECASE | re.DOTALL)
_JATS_SEC = re.compile(r"<jats:sec\b[^>]*>(.*?)</jats:sec>", re.DOTALL)
_JATS_TITLE = re.compile(r"<jats:title\b[^>]*>(.*?)</jats:title>", re.DOTALL)
_JATS_P = re.compile(r"<jats:p\b[^>]*>(.*?)</jats:p>", re.DOTALL)


@dataclass(frozen=True, slots=True)
class Abstract:
    """An abstract as sections of (label, text); ``label`` is "" for a plain abstract."""

    sections: tuple[tuple[str, str], ...]
    source: str
    """Where it was read, as stored with an evidence quote: ``pubmed:20412080``,
    ``europepmc:MED:26037986``, ``doi:10.7717/peerj.4375`` (Crossref), ``openalex:W…``."""
    service: str
    """``PubMed``, ``Europe PMC``, ``Crossref`` or ``OpenAlex``."""

    @property
    def text(self) -> str:
        return "\n\n".join(f"{label}: {body}" if label else body for label, body in self.sections)

    def sentences(self) -> list[tuple[str, str]]:
        """(section label, sentence) in reading order: what a reviewer picks from."""
        out = []
        for label, body in self.sections:
            for start, end in spans(body, 0, len(body)):
                out.append((label, body[start:end]))
        return out


def _text(fragment: str) -> str:
    """Markup to plain text: tags dropped, entities decoded, white space collapsed."""
    return " ".join(html.unescape(_TAG.sub(" ", fragment)).split())


def _same(title: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", _text(title).lower()).split())


def _sections(pairs: list[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    return tuple((label, body) for label, body in pairs if body)


# ----------------------------------------------------------------------------- PubMed


def parse_efetch(body: bytes) -> tuple[tuple[str, str], ...]:
    """The abstract sections of the first ``PubmedArticle`` in an EFetch answer."""
    try:
        root = ElementTree.fromstring(body)
    except ElementTree.ParseError:
        raise Unavailable("pubmed returned malformed XML") from None
    abstract = next(root.iter("Abstract"), None)
    if abstract is None:
        return ()
    pairs = []
    for part in abstract.iter("AbstractText"):
        text = " ".join("".join(part.itertext()).split())
        pairs.append(((part.get("Label") or "").strip(), text))
    return _sections(pairs)


async def from_pubmed(client: Client, pmid: str) -> Abstract | None:
    reply = await client.get(
        "pubmed",
        f"{client.settings.eutils_url}/efetch.fcgi",
        {"db": "pubmed", "id": pmid, "retmode": "xml"},
        accept="application/xml",
        secret_params=pubmed.secret_params_of(client),
    )
    if reply.status != 200:
        return None
    sections = parse_efetch(reply.body)
    return Abstract(sections, f"pubmed:{pmid}", "PubMed") if sections else None


# ----------------------------------------------------------------------------- Europe PMC


def europepmc_sections(abstract_text: str) -> tuple[tuple[str, str], ...]:
    """Europe PMC's ``abstractText``: ``<h4>Label</h4>text…`` sections, or plain text."""
    parts = _HEADING.split(abstract_text)
    pairs = [("", _text(parts[0]))]
    for index in range(1, len(parts) - 1, 2):
        pairs.append((_text(parts[index]), _text(parts[index + 1])))
    return _sections(pairs)


def _europepmc_query(doi: str | None, pmid: str | None, title: str | None) -> str | None:
    if pmid:
        return f"EXT_ID:{pmid} AND SRC:MED"
    if doi:
        return f'DOI:"{doi}"'
    words = " ".join(re.sub(r"[^\w\s-]", " ", title or "").split())
    return f'TITLE:"{words}"' if len(words.split()) >= 3 else None


async def from_europepmc(
    client: Client, doi: str | None, pmid: str | None, title: str | None
) -> Abstract | None:
    query = _europepmc_query(doi, pmid, title)
    if query is None:
        return None
    params = {"query": query, "resultType": "core", "format": "json", "pageSize": "1"}
    reply = await client.get("europepmc", f"{client.settings.europepmc_url}/search", params)
    if reply.status != 200:
        return None
    data = reply.json("europepmc")
    try:
        results = data["resultList"]["result"]
    except (KeyError, TypeError):
        raise Unavailable("europepmc returned an unexpected JSON shape") from None
    if not results or not isinstance(results[0], dict):
        return None
    item: dict[str, Any] = results[0]
    if title and not doi and not pmid and _same(str(item.get("title", ""))) != _same(title):
        return None  # a title search must find that very title
    sections = europepmc_sections(str(item.get("abstractText") or ""))
    if not sections:
        return None
    where = f"{item.get('source', 'MED')}:{item.get('id', '')}".rstrip(":")
    return Abstract(sections, f"europepmc:{where}", "Europe PMC")


# ----------------------------------------------------------------------------- Crossref


def jats_sections(jats: str) -> tuple[tuple[str, str], ...]:
    """A Crossref ``abstract`` (JATS): ``<jats:sec>`` with ``<jats:title>`` become
    labelled sections; the title "Abstract" that some publishers repeat is dropped."""
    secs = _JATS_SEC.findall(jats)
    if not secs:
        body = _JATS_TITLE.sub(
            lambda m: "" if _text(m.group(1)).lower() == "abstract" else m.group(0), jats
        )
        paragraphs = _JATS_P.findall(body) or [body]
        return _sections([("", " ".join(_text(p) for p in paragraphs))])
    pairs = []
    for sec in secs:
        title = _JATS_TITLE.search(sec)
        label = _text(title.group(1)) if title else ""
        rest = _JATS_TITLE.sub("", sec, count=1)
        pairs.append((label, _text(rest)))
    return _sections(pairs)


async def from_crossref(client: Client, doi: str) -> Abstract | None:
    reply = await client.get("crossref", f"{client.settings.crossref_url}/works/{doi_path(doi)}")
    if reply.status != 200:
        return None
    data = reply.json("crossref")
    message = data.get("message") if isinstance(data, dict) else None
    jats = message.get("abstract") if isinstance(message, dict) else None
    if not isinstance(jats, str):
        return None
    sections = jats_sections(jats)
    return Abstract(sections, f"doi:{doi}", "Crossref") if sections else None


# ----------------------------------------------------------------------------- OpenAlex


def inverted_to_text(index: dict[str, list[int]]) -> str:
    """OpenAlex's ``abstract_inverted_index`` (word -> positions) back to text."""
    placed: dict[int, str] = {}
    for word, positions in index.items():
        for position in positions if isinstance(positions, list) else ():
            if isinstance(position, int):
                placed[position] = word
    return " ".join(placed[p] for p in sorted(placed))


async def from_openalex(client: Client, doi: str) -> Abstract | None:
    if not client.settings.openalex_api_key:
        return None
    reply = await client.get(
        "openalex",
        f"{client.settings.openalex_url}/works/doi:{doi_path(doi)}",
        secret_params=openalex_params(client),
    )
    if reply.status != 200:
        return None
    data = reply.json("openalex")
    index = data.get("abstract_inverted_index") if isinstance(data, dict) else None
    if not isinstance(index, dict) or not index:
        return None
    work = str(data.get("id") or "").rsplit("/", 1)[-1]
    text = _text(inverted_to_text(index))
    return Abstract(_sections([("", text)]), f"openalex:{work or doi}", "OpenAlex")


# ----------------------------------------------------------------------------- in order


async def fetch_abstract(
    client: Client, *, doi: str | None = None, pmid: str | None = None, title: str | None = None
) -> Abstract | None:
    """The first abstract found, in the order of the module doc; None when no source has
    one. A source that cannot answer is skipped; :class:`Unavailable` only when none
    answered at all (so "no abstract" is never said for an outage)."""
    doi = normalise_doi(doi) if doi else None
    pmid = pmid.strip() if pmid else None
    failures: list[str] = []
    attempts = []
    if pmid:
        attempts.append(lambda: from_pubmed(client, pmid))
    attempts.append(lambda: from_europepmc(client, doi, pmid, title))
    if doi:
        attempts.append(lambda: from_crossref(client, doi))
        if client.settings.openalex_api_key:
            attempts.append(lambda: from_openalex(client, doi))
    for attempt in attempts:
        try:
            found = await attempt()
        except Unavailable as exc:
            failures.append(str(exc))
            continue
        if found is not None:
            return found
    if failures and len(failures) == len(attempts):
        raise Unavailable("; ".join(failures))
    return None
