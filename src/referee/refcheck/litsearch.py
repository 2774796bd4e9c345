"""Searching the literature for a claim, opt-in: PubMed and Europe PMC, restricted to
systematic reviews, meta-analyses and randomised controlled trials.

The claim's words leave the machine, so nothing here runs unless the reviewer turned the
search on in the config (``[evidence] search = true``) or confirmed this one search
(:func:`allowed`; ``referee evidence --search`` is the confirmation for its run, the TUI
asks before each search). :func:`run` refuses before any client exists otherwise.

**The query.** :func:`key_terms` turns a claim sentence into key terms, deterministically:

1. citation markers go first: brackets (``[1]``, ``[^2]``) and parentheses that hold a
   year (``(Malik, 2010)``), so cited authors' names never become search words;
2. the rest is split into words (letters and digits, inner hyphens and apostrophes kept,
   a final ``'s`` dropped);
3. a word goes when it is only digits and signs (``40``, ``2020``, ``3.5``), a lone
   letter (``U.S.``, an initial), or in :data:`STOP_WORDS` (English function words, reporting verbs
   such as *found* or *suggests*, hedges such as *may*, effect and comparison words such
   as *reduces*, *linked* or *higher*: the direction of a finding is what the search should
   test, not assume; and counts or spans of time written as words, *four*, *weeks*);
4. a one-letter capital or a short letter-and-digit code right after a kept word (only
   a space between them) is joined to it as a phrase (``vitamin D``, ``vitamin B12``), and so is a one- or
   two-digit number after one of :data:`NUMBERED` (``type 2``, ``omega 3``, ``phase 3``):
   the code is neither lost nor searched alone;
5. words keep their case only when they are acronyms or mix case and digits (``HIV``,
   ``COVID-19``, ``mRNA``); others are lower-cased; repeats go (case-insensitively);
6. the first :data:`MAX_TERMS` terms, in the claim's order, joined by spaces.

Both services read space-separated words as AND. The reviewer can edit the query (or pass
their own); the publication-type filter is always added around it, never shown as part
of it.

**The search.** PubMed: ESearch ``(query) AND (systematic review[pt] OR meta-analysis[pt]
OR randomized controlled trial[pt])`` sorted by relevance, then ESummary for the records.
Europe PMC: ``/search`` with the same three ``PUB_TYPE`` values. Hits are merged by PMID,
then DOI (a record both services return is listed once, with both services named),
ordered systematic reviews and meta-analyses first, then randomised trials, then others,
newest first within each, ties in the services' relevance order; the first
:data:`MAX_HITS` are kept. A hit with neither a PMID nor a DOI is left out: it could not
be linked as a source or have its abstract looked up. Requests go through the refcheck
:class:`~referee.refcheck.client.Client`: its throttles, retries, cache and base-URL
variables (``REFEREE_EUTILS_URL``, ``REFEREE_EUROPEPMC_URL``).
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from referee.errors import RefereeError
from referee.refcheck import europepmc, pubmed
from referee.refcheck.client import Client, Unavailable
from referee.refcheck.settings import CheckSettings

if TYPE_CHECKING:
    import httpx

    from referee.config import Config

MAX_TERMS = 8
"""Key terms in a generated query: a claim sentence rarely has more content words that
matter, and every further AND-ed word narrows the search (PubMed returns nothing at all
for long lists of free words)."""
MAX_HITS = 10
"""Hits listed: the issue asks for the top ten."""
SERVICES = ("PubMed", "Europe PMC")

PUBMED_FILTER = "(systematic review[pt] OR meta-analysis[pt] OR randomized controlled trial[pt])"
EUROPEPMC_FILTER = (
    '(PUB_TYPE:"systematic review" OR PUB_TYPE:"meta-analysis" '
    'OR PUB_TYPE:"randomized controlled trial")'
)

META_ANALYSIS = "meta-analysis"
SYSTEMATIC_REVIEW = "systematic review"
RCT = "randomised trial"
TYPE_RANK = {META_ANALYSIS: 0, SYSTEMATIC_REVIEW: 0, RCT: 1}
"""Reviews and meta-analyses first, then trials, then anything else the filter let in."""
_TYPES = (
    ("meta-analysis", META_ANALYSIS),
    ("systematic review", SYSTEMATIC_REVIEW),
    ("randomized controlled trial", RCT),
    ("randomised controlled trial", RCT),
)
"""Publication-type names (lower-cased, as PubMed and Europe PMC spell them) → our label,
in order of precedence: a meta-analysis that is also a systematic review is a meta-analysis."""

STOP_WORDS = frozenset(
    # function words
    "a about above after again against all almost also although always am among an and any "
    "are around as at be because been before being below between both but by can cannot "
    "could did do does doing down during each either else even ever every few for from "
    "further had has have having he her here hers him his how however i if in into is it "
    "its itself just least less like many may me might more most much must my neither no "
    "nor not now of off often on once one only or other our out over own per rather same "
    "she should since so some such than that the their them then there these they this "
    "those though through thus to too under until up upon us very via was we were what "
    "when where whether which while who whom whose why will with within without would yet "
    "you your versus vs et al "
    # reporting, hedging and news words: how a claim is told, not what it is about
    "according announced believe believed claim claimed claims concluded conclude data "
    "evidence experts find finding findings found indicate indicated indicates latest new "
    "news paper people percent cent proof prove proved proven research researcher "
    "researchers report reported reports result results reveal revealed reveals said say "
    "says scientist scientists show showed shown shows studies study suggest suggested "
    "suggests team today trial trials year years likely unlikely significantly significant "
    "strongly clearly actually really well times"
    # effect and direction verbs: the search must test the direction, not assume it
    " affect affects affected associated association boost boosts boosted cause caused "
    "causes cut cuts decrease decreased decreases drop drops dropped help helps helped "
    "improve improved improves increase increased increases link linked links lower lowers "
    "lowered raise raised raises reduce reduced reduces reduction tied works worked make "
    "makes made lead leads led cure cures cured prevent prevents prevented halve halves "
    "halved double doubles doubled triple better worse best worst higher highest lower "
    "lowest greater fewer bigger smaller poorer stronger weaker "
    # counts and spans of time written as words (numbers in digits go by rule 3)
    "two three four five six seven eight nine ten eleven twelve twenty thirty hundred "
    "hundreds thousand thousands million millions half twice quarter third "
    "hour hours day days daily week weeks weekly month months monthly".split()
)

_CITATION = re.compile(r"\[[^\]]*\]|\([^()]*\b(?:1[5-9]|20)\d\d[a-z]?\b[^()]*\)")
_WORD = re.compile(r"[^\W_](?:[\w'’-]*[^\W_])?")
_NUMERIC = re.compile(r"[\d.,:%/+-]+")
_CODE = re.compile(r"[A-Z]|[A-Za-z]\d{1,3}[A-Za-z]?|\d{1,3}[A-Za-z]")
"""What joins the kept word before it: ``D`` (vitamin D), ``B12``, ``2b``."""
NUMBERED = frozenset({"type", "omega", "phase", "stage", "grade", "class", "level", "step"})
"""Words whose number belongs to them: ``type 2`` diabetes, ``omega 3``, ``stage 4``."""


def key_terms(claim_text: str) -> list[str]:
    """The claim's key terms in order (see the module doc for the rules)."""
    text = _CITATION.sub(" ", claim_text)
    terms: list[str] = []
    seen: set[str] = set()
    previous_kept = False
    previous_end = 0
    for match in _WORD.finditer(text):
        word = re.sub(r"['’]s$", "", match.group())
        only_space = text[previous_end : match.start()].isspace()
        previous_end = match.end()
        if previous_kept and only_space and _joins(terms[-1], word):
            joined = f"{terms[-1]} {word}"
            seen.discard(terms[-1].lower())
            terms[-1] = joined
            seen.add(joined.lower())
            previous_kept = False
            continue
        previous_kept = False
        if _NUMERIC.fullmatch(word) or word.lower() in STOP_WORDS:
            continue
        if len(word) == 1:  # a lone letter (U.S., initials); a joined one was kept above
            continue
        shown = word if _keeps_case(word) else word.lower()
        if shown.lower() in seen:
            previous_kept = True
            continue
        seen.add(shown.lower())
        terms.append(shown)
        previous_kept = True
    return terms[:MAX_TERMS]


def _joins(previous: str, word: str) -> bool:
    if word.lower() in STOP_WORDS:
        return False
    if _CODE.fullmatch(word):
        return True
    last = previous.rsplit(" ", 1)[-1].lower()
    return last in NUMBERED and word.isdigit() and len(word) <= 2


def _keeps_case(word: str) -> bool:
    """Acronyms and mixed forms (``HIV``, ``COVID-19``, ``mRNA``) keep their case."""
    rest = word[1:]
    return any(c.isdigit() for c in word) or any(c.isupper() for c in rest)


def claim_query(claim_text: str) -> str:
    """The query shown to the reviewer for a claim: its key terms, space-separated."""
    return " ".join(key_terms(claim_text))


@dataclass(frozen=True, slots=True)
class Hit:
    """One search result."""

    title: str
    year: int | None
    type: str
    """``meta-analysis``, ``systematic review``, ``randomised trial`` or the record's first
    publication type, lower-cased."""
    journal: str
    pmid: str | None
    doi: str | None
    services: tuple[str, ...]
    """Which services returned it, in :data:`SERVICES` order."""
    authors: tuple[str, ...] = ()
    """Family names, first author first (for the source's metadata; not listed)."""
    rank: int = 0
    """Position in the service's own relevance order (the better of the two)."""

    @property
    def id(self) -> str:
        """An identifier usable as a source: ``pmid:…``, else ``doi:…``."""
        return f"pmid:{self.pmid}" if self.pmid else f"doi:{self.doi}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "year": self.year,
            "type": self.type,
            "journal": self.journal,
            "title": self.title,
            "pmid": self.pmid,
            "doi": self.doi,
            "services": list(self.services),
            "authors": list(self.authors),
        }

    def metadata(self) -> dict[str, Any]:
        """What a search found, in the keys an outside source stores (title, authors,
        year, container, type, doi, pmid), and the study ``design`` (kept with it)."""
        found = {
            "title": self.title,
            "authors": list(self.authors),
            "year": str(self.year) if self.year else None,
            "container": self.journal or None,
            "type": "journal article",
            "doi": self.doi,
            "pmid": self.pmid,
            "design": self.type or None,
        }
        return {key: value for key, value in found.items() if value}


@dataclass(frozen=True, slots=True)
class Found:
    """What a search gave: the query as sent (before the filter), the hits, and a line per
    service that could not answer."""

    query: str
    hits: tuple[Hit, ...]
    problems: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "services": list(SERVICES),
            "hits": [hit.as_dict() for hit in self.hits],
            "problems": list(self.problems),
        }


class NotAllowed(RefereeError):
    """A search was asked for without the config's consent or the reviewer's."""


def allowed(config: Config | None, confirmed: bool) -> bool:
    """True when the config turns searching on (``[evidence] search = true``) or the
    reviewer confirmed this search."""
    return confirmed or (config is not None and config.literature_search)


def destinations(settings: CheckSettings) -> str:
    """Who receives the query, as said to the reviewer before it is sent: the services
    and the hosts the base URLs name (``REFEREE_EUTILS_URL``, ``REFEREE_EUROPEPMC_URL``)."""
    hosts = (urlsplit(settings.eutils_url).netloc, urlsplit(settings.europepmc_url).netloc)
    return " and ".join(f"{name} ({host})" for name, host in zip(SERVICES, hosts, strict=True))


def type_of(pubtypes: Sequence[str]) -> str:
    """Our label for a record's publication types (see :data:`_TYPES`)."""
    lowered = [t.strip().lower() for t in pubtypes if t and t.strip()]
    for name, label in _TYPES:
        if name in lowered:
            return label
    return lowered[0] if lowered else ""


# ----------------------------------------------------------------------------- PubMed


async def search_pubmed(client: Client, query: str) -> list[Hit]:
    term = f"({query}) AND {PUBMED_FILTER}"
    pmids = await pubmed.esearch(client, term, retmax=MAX_HITS, sort="relevance")
    records = await pubmed.esummary_records(client, pmids)
    hits = []
    for rank, pmid in enumerate(pmids):
        doc = records[pmid]
        hit = pubmed_hit(doc, rank) if doc is not None else None
        if hit is not None:
            hits.append(hit)
    return hits


def pubmed_hit(doc: dict[str, Any], rank: int = 0) -> Hit | None:
    """A hit from one ESummary record."""
    found = pubmed.candidate(doc)
    if not found.title or not (found.pmid or found.doi):
        return None
    journal = str(doc.get("source") or "") or (found.containers[0] if found.containers else "")
    pubtypes = [str(t) for t in doc.get("pubtype") or [] if isinstance(t, str)]
    return Hit(
        found.title,
        found.year,
        type_of(pubtypes),
        journal,
        found.pmid,
        found.doi,
        ("PubMed",),
        authors=found.authors,
        rank=rank,
    )


# ----------------------------------------------------------------------------- Europe PMC


async def search_europepmc(client: Client, query: str) -> list[Hit]:
    results = await europepmc.results(client, f"({query}) AND {EUROPEPMC_FILTER}", MAX_HITS)
    hits = []
    for rank, item in enumerate(results):
        if isinstance(item, dict):
            hit = europepmc_hit(item, rank)
            if hit is not None:
                hits.append(hit)
    return hits


def europepmc_hit(item: dict[str, Any], rank: int = 0) -> Hit | None:
    """A hit from one Europe PMC ``core`` result (``lite`` results work too)."""
    found = europepmc.candidate(item)
    if not found.title or not (found.pmid or found.doi):
        return None
    pubtypes = europepmc.nested_list(item, "pubTypeList", "pubType")
    if not pubtypes and isinstance(item.get("pubType"), str):  # resultType=lite
        pubtypes = item["pubType"].split(";")
    journal_info = item.get("journalInfo") if isinstance(item.get("journalInfo"), dict) else {}
    names = journal_info.get("journal") if isinstance(journal_info.get("journal"), dict) else {}
    journal = str(
        names.get("isoabbreviation")
        or names.get("medlineAbbreviation")
        or names.get("title")
        or item.get("journalTitle")
        or ""
    )
    return Hit(
        found.title,
        found.year,
        type_of([str(t) for t in pubtypes]),
        journal,
        found.pmid,
        found.doi,
        ("Europe PMC",),
        authors=found.authors,
        rank=rank,
    )


# ----------------------------------------------------------------------------- together


def merge(*lists: Sequence[Hit]) -> list[Hit]:
    """One hit per work (same PMID, else same DOI), ordered as the module doc says."""
    merged: list[Hit] = []
    for hits in lists:
        for hit in hits:
            index = next((i for i, seen in enumerate(merged) if _same_work(seen, hit)), None)
            if index is None:
                merged.append(hit)
            else:
                merged[index] = _combine(merged[index], hit)
    merged.sort(key=_order)
    return merged[:MAX_HITS]


def _same_work(a: Hit, b: Hit) -> bool:
    if a.pmid and b.pmid:
        return a.pmid == b.pmid
    return bool(a.doi and b.doi and a.doi.lower() == b.doi.lower())


def _combine(first: Hit, other: Hit) -> Hit:
    services = tuple(s for s in SERVICES if s in first.services + other.services)
    better_type = first.type if first.type in TYPE_RANK or not other.type else other.type
    return replace(
        first,
        year=first.year or other.year,
        type=better_type,
        journal=first.journal or other.journal,
        authors=first.authors or other.authors,
        pmid=first.pmid or other.pmid,
        doi=first.doi or other.doi,
        services=services,
        rank=min(first.rank, other.rank),
    )


def _order(hit: Hit) -> tuple[int, int, int]:
    return (TYPE_RANK.get(hit.type, 2), -(hit.year or 0), hit.rank)


async def search(client: Client, query: str) -> Found:
    """Both services, merged. A service that cannot answer is named in ``problems``;
    :class:`Unavailable` only when neither answered."""
    query = " ".join(query.split())
    if not query:
        raise RefereeError("the search query is empty")
    answers = await asyncio.gather(
        search_pubmed(client, query), search_europepmc(client, query), return_exceptions=True
    )
    lists: list[list[Hit]] = []
    problems: list[str] = []
    for name, answer in zip(SERVICES, answers, strict=True):
        if isinstance(answer, Unavailable):
            problems.append(f"{name}: {client.settings.redact(str(answer))}")
        elif isinstance(answer, BaseException):
            raise answer
        else:
            lists.append(answer)
    if len(problems) == len(SERVICES):
        raise Unavailable("; ".join(problems))
    return Found(query, tuple(merge(*lists)), tuple(problems))


async def run(
    settings: CheckSettings,
    query: str,
    *,
    config: Config | None,
    confirmed: bool,
    transport: httpx.AsyncBaseTransport | None = None,
) -> Found:
    """Search when :func:`allowed`; otherwise :class:`NotAllowed`, before any connection."""
    if not allowed(config, confirmed):
        raise NotAllowed(
            "searching the literature sends the claim's words to "
            + " and ".join(SERVICES)
            + ": confirm the search (--search) or set [evidence] search = true in the config"
        )
    async with Client(settings, transport=transport) as client:
        return await search(client, query)
