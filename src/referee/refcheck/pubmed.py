"""PubMed through NCBI E-utilities: ESummary for PMIDs, ESearch for biomedical references.

NCBI allows 3 requests per second without an API key and 10 with one (the client's
throttle enforces it). ``tool`` and ``email`` go with every request; the key goes as
``api_key`` and is kept out of cache keys. Counts in ESearch JSON are strings. A retracted
article carries the publication type "Retracted Publication".
"""

from __future__ import annotations

import re
from typing import Any
from xml.etree import ElementTree

from referee.model import Reference
from referee.refcheck.client import Client, Unavailable
from referee.refcheck.match import NOTICE_PUBTYPES, Candidate, normalise, topic_words, year_of
from referee.refcheck.notices import (
    CONCERN,
    CORRECTION,
    RETRACTED_PUBTYPES,
    RETRACTION,
    kind_of_update,
)
from referee.text.identifiers import normalise_doi

TOOL = "referee"
MAX_IDS = 5
_BIOMEDICAL = re.compile(
    r"\b(medic|clinic|therap|health|nurs|pharma|surg|oncol|cancer|cardi|neuro|pediat|paediat|"
    r"psychiat|immun|acupunct|patient|disease|syndrome|lancet|bmj|jama|nejm|physiol|biochem|"
    r"genet|epidemiol|vaccin|infect|nephro|renal|kidney|pulmon|lung|rheumat|dermat|endocrin|"
    r"diabet|gastro|hepat|obstet|gynec|ophthal|dent|vet|biomed|mol\b|cell\b|tradit chin|"
    r"random|trial|cohort|meta analy|systematic review|plos|bmc|pubmed|pmid)",
)
_STOP = frozenset(
    {"a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "into", "is", "of"}
    | {"on", "or", "the", "to", "with", "without", "via", "versus", "vs", "its", "their"}
    | {"this", "that", "study", "review"}
)


def looks_biomedical(ref: Reference) -> bool:
    """Worth asking PubMed: a PMID, or medical words in the title or journal."""
    if ref.pmid:
        return True
    text = normalise(" ".join(filter(None, (ref.title, ref.container))) or ref.raw)
    return bool(_BIOMEDICAL.search(text))


def secret_params_of(client: Client) -> dict[str, str]:
    """The parameters NCBI asks to be identified by (tool, email, API key): sent with
    every E-utility request, never part of a cache key."""
    settings = client.settings
    extra = {"tool": TOOL}
    if settings.mailto:
        extra["email"] = settings.mailto
    if settings.ncbi_api_key:
        extra["api_key"] = settings.ncbi_api_key
    return extra


async def _utility(client: Client, name: str, **params: str) -> Any:
    """The JSON answer of E-utility ``name`` (``esearch``, ``esummary``) for ``params``."""
    reply = await client.get(
        "pubmed",
        f"{client.settings.eutils_url}/{name}.fcgi",
        {"db": "pubmed", "retmode": "json", **params},
        secret_params=secret_params_of(client),
    )
    if reply.status != 200:
        raise Unavailable(f"pubmed {name} answered HTTP {reply.status}")
    return reply.json("pubmed")


def search_term(ref: Reference) -> str | None:
    """Up to six distinctive title words ``[ti]``, the first author ``[1au]``, years ``[dp]``."""
    if not ref.title:
        return None
    words = [w for w in topic_words(ref.title) if w not in _STOP and len(w) > 2]
    if len(words) < 2:
        words = [w for w in normalise(ref.title).split() if w not in _STOP and len(w) > 2]
    words = sorted(set(words), key=lambda w: (-len(w), words.index(w)))[:6]
    if len(words) < 2:
        return None
    parts = [f"{w}[ti]" for w in sorted(words, key=words.index)]
    if ref.authors:
        family = normalise(ref.authors[0])
        if family:
            parts.append(f"{family}[1au]")
    year = year_of(ref.year)
    if year:
        parts.append(f"{year - 1}:{year + 1}[dp]")
    return " AND ".join(parts)


async def esearch(
    client: Client, term: str, *, retmax: int = MAX_IDS, sort: str | None = None
) -> list[str]:
    """The PMIDs ESearch finds for ``term`` (at most ``retmax``, in PubMed's order or by
    ``sort``, e.g. ``relevance``)."""
    params = {"term": term, "retmax": str(retmax)} | ({"sort": sort} if sort else {})
    data = await _utility(client, "esearch", **params)
    try:
        result = data["esearchresult"]
        if "ERROR" in result:
            raise Unavailable(f"pubmed esearch error: {str(result['ERROR'])[:80]}")
        int(result["count"])
        return [str(i) for i in result.get("idlist") or []]
    except (KeyError, TypeError, ValueError, AttributeError):
        raise Unavailable("pubmed returned an unexpected JSON shape") from None


async def esummary_records(client: Client, pmids: list[str]) -> dict[str, dict | None]:
    """ESummary's records by PMID, as PubMed gives them; None for a PMID it does not know."""
    if not pmids:
        return {}
    data = await _utility(client, "esummary", id=",".join(pmids))
    try:
        result = data["result"]
        found: dict[str, dict | None] = {}
        for pmid in pmids:
            doc = result.get(pmid)
            found[pmid] = doc if isinstance(doc, dict) and not doc.get("error") else None
        return found
    except (KeyError, TypeError, ValueError, AttributeError):
        raise Unavailable("pubmed returned an unexpected JSON shape") from None


async def esummary(client: Client, pmids: list[str]) -> dict[str, Candidate | None]:
    """Records by PMID; None for a PMID PubMed does not know."""
    records = await esummary_records(client, pmids)
    try:
        return {pmid: None if doc is None else candidate(doc) for pmid, doc in records.items()}
    except (KeyError, TypeError, ValueError, AttributeError):
        raise Unavailable("pubmed returned an unexpected JSON shape") from None


def _family(name: str) -> str:
    """``"Scalfani VF"`` → ``Scalfani``; ``"van der Berg J"`` → ``van der Berg``."""
    parts = name.split()
    if len(parts) > 1 and parts[-1].isupper() and len(parts[-1]) <= 3:
        parts = parts[:-1]
    return " ".join(parts)


def candidate(doc: dict[str, Any]) -> Candidate:
    pubtypes = [str(t) for t in doc.get("pubtype") or []]
    doi = None
    for article_id in doc.get("articleids") or []:
        if isinstance(article_id, dict) and article_id.get("idtype") == "doi":
            doi = normalise_doi(str(article_id.get("value")))
    authors = tuple(
        _family(str(a["name"]))
        for a in doc.get("authors") or []
        if isinstance(a, dict) and a.get("name") and a.get("authtype", "Author") == "Author"
    )
    title = str(doc.get("title") or "").strip().rstrip(".") or None
    retractions = []
    if "Retracted Publication" in pubtypes:
        retractions.append("PubMed publication type “Retracted Publication”")
    notice = next((NOTICE_PUBTYPES[t] for t in pubtypes if t in NOTICE_PUBTYPES), None)
    containers = tuple(
        str(doc[k]) for k in ("fulljournalname", "source") if isinstance(doc.get(k), str) and doc[k]
    )
    return Candidate(
        source="pubmed",
        title=title,
        authors=authors,
        year=year_of(doc.get("pubdate") or doc.get("sortpubdate")),
        doi=doi,
        pmid=str(doc.get("uid")) if doc.get("uid") else None,
        containers=containers,
        volume=str(doc.get("volume") or "") or None,
        issue=str(doc.get("issue") or "") or None,
        pages=str(doc.get("pages") or "") or None,
        type="journal-article",
        retractions=tuple(retractions),
        notice=notice,
    )


async def efetch_notices(client: Client, pmid: str) -> dict[str, list[str]]:
    """Retractions, concerns and corrections of ``pmid`` from its EFetch XML record.

    ``CommentsCorrections`` entries (``RetractionIn``, ``ExpressionOfConcernIn``,
    ``ErratumIn``, …) and the publication type "Retracted Publication"; keys are the kinds
    of :mod:`referee.refcheck.notices`.
    """
    reply = await client.get(
        "pubmed",
        f"{client.settings.eutils_url}/efetch.fcgi",
        {"db": "pubmed", "id": pmid, "retmode": "xml"},
        accept="application/xml",
        secret_params=secret_params_of(client),
    )
    if reply.status != 200:
        raise Unavailable(f"pubmed efetch answered HTTP {reply.status}")
    return parse_notices(reply.body)


def parse_notices(body: bytes) -> dict[str, list[str]]:
    """The notices in an EFetch ``PubmedArticleSet`` (or one ``PubmedArticle``)."""
    try:
        root = ElementTree.fromstring(body)
    except ElementTree.ParseError:
        raise Unavailable("pubmed returned malformed XML") from None
    found: dict[str, list[str]] = {RETRACTION: [], CONCERN: [], CORRECTION: []}
    for entry in root.iter("CommentsCorrections"):
        kind = kind_of_update(entry.get("RefType", ""))
        if kind is None:
            continue
        pmid = (entry.findtext("PMID") or "").strip()
        source = " ".join((entry.findtext("RefSource") or "").split())
        label = f"PMID {pmid}" if pmid else (source[:80] or "no PMID")
        found[kind].append(f"{_REFTYPE_WORDS.get(kind, kind)} {label} (PubMed)")
    for pubtype in root.iter("PublicationType"):
        if (pubtype.text or "").strip().lower() in RETRACTED_PUBTYPES and not found[RETRACTION]:
            found[RETRACTION].append("PubMed publication type “Retracted Publication”")
    return found


_REFTYPE_WORDS = {RETRACTION: "retraction", CONCERN: "expression of concern", CORRECTION: "erratum"}
