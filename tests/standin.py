"""A stand-in bibliographic index built from labelled references (AnyStyle's XML).

Each labelled reference (``<sequence>`` with ``<author>``, ``<date>``, ``<title>``,
``<journal>``/``<container-title>``, ``<volume>``, ``<pages>``, ``<publisher>``, …) becomes
the record a real index would hold for that work: its true fields, never the reference
string. :class:`StandIn` serves those records as Crossref (every work) and Open Library
(books), with a plain relevance search (shared words weighted by rarity) and doi.org's
``doiRA``; PubMed, Europe PMC and arXiv answer with nothing. Records can be removed: the
references to them then stand for fabricated ones.

:func:`render` writes a record's reference in one of several citation styles, so the
checker is tested on strings the labelled data never contained.

Used by ``tests/test_refcheck_standin.py`` and ``tools/refcheck_eval.py``.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from xml.etree import ElementTree

from refserver import Canned

LIMITS = {
    "x-rate-limit-limit": "10000",
    "x-rate-limit-interval": "1s",
    "x-concurrency-limit": "8",
}
"""What the stand-in Crossref announces (it is local: no reason to wait)."""
STYLES = ("as-written", "apa", "vancouver", "chicago", "ieee", "mla", "harvard")

_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)")
_INITIALS = re.compile(r"^\(?(?:[A-Z][a-z]?\.?-?){1,4}\)?\.?$")
_JOIN = re.compile(r"\s+(?:and|&|et|und|y|e|a|og|och)\s+|;|\s+&\s*", re.IGNORECASE)


@dataclass
class Work:
    """A labelled reference: the string as written and the work's true fields."""

    raw: str
    title: str
    people: list[tuple[str, str]]
    """(family, given) in order."""
    year: int
    container: str | None = None
    volume: str | None = None
    pages: str | None = None
    publisher: str | None = None
    location: str | None = None
    editors: str | None = None
    doi: str | None = None
    kind: str = "journal-article"
    number: int = 0
    fields: dict[str, str] = field(default_factory=dict)

    @property
    def family(self) -> str:
        return self.people[0][0]


def _text(node: ElementTree.Element) -> str:
    return " ".join("".join(node.itertext()).split())


def _clean(value: str) -> str:
    value = value.strip().strip("“”\"'‘’«»").strip()
    value = re.sub(r"^[(\[]|[)\]]$", "", value).strip()
    return value.rstrip(".,;:").strip().strip("“”\"'‘’«»").rstrip(".,;:").strip()


def _initials(token: str) -> bool:
    return bool(_INITIALS.match(token)) and not (
        len(token) > 2 and token.isalpha() and token[1:].islower()
    )


def _given_like(segment: str) -> bool:
    tokens = segment.split()
    return 0 < len(tokens) <= 3 and all(t[:1].isupper() or _initials(t) for t in tokens)


def people(authors: str) -> list[tuple[str, str]]:
    """(family, given) pairs from an author field in any of the usual orders."""
    text = re.sub(r"\bet al\.?|\bu\.\s?a\.|\bet\.? al", " ", authors, flags=re.IGNORECASE)
    text = re.sub(r"\b(eds?|hrsg|dir)\.?\)?|\(eds?\.?\)", " ", text, flags=re.IGNORECASE)
    text = _JOIN.sub(", ", _clean(text))
    segments = [s.strip(" .") for s in text.split(",") if s.strip(" .")]
    found: list[tuple[str, str]] = []
    i = 0
    while i < len(segments):
        tokens = segments[i].split()
        if len(tokens) > 1 and all(_initials(t) for t in tokens[:-1]):
            found.append((tokens[-1], " ".join(tokens[:-1])))
        elif len(tokens) > 1 and _initials(tokens[-1]):
            found.append((" ".join(tokens[:-1]), tokens[-1].strip("()")))
        elif i + 1 < len(segments) and len(tokens) <= 2 and _given_like(segments[i + 1]):
            found.append((segments[i], segments[i + 1]))
            i += 1
        elif len(tokens) > 1:
            found.append((tokens[-1], " ".join(tokens[:-1])))
        else:
            found.append((segments[i], ""))
        i += 1
    return [(f.strip("()"), g) for f, g in found if re.search(r"[^\W\d_]{2}", f)]


def load(path: Path) -> list[Work]:
    """The labelled references of an AnyStyle XML file that name an author, a year and a title."""
    works = []
    root = ElementTree.parse(path).getroot()
    for number, sequence in enumerate(root.iter("sequence")):
        fields: dict[str, str] = {}
        parts = []
        for child in sequence:
            value = _text(child)
            parts.append(value)
            fields.setdefault(child.tag, value)
        work = _work(" ".join(p for p in parts if p), fields, number)
        if work is not None:
            works.append(work)
    return works


def _work(raw: str, fields: dict[str, str], number: int) -> Work | None:
    year = _YEAR.search(fields.get("date", ""))
    title = _clean(fields.get("title", ""))
    who = people(fields.get("author", ""))
    if not (year and len(title) >= 4 and who):
        return None
    journal = fields.get("journal")
    container = _clean(journal or fields.get("container-title", "")) or None
    volume = re.search(r"\d+", fields.get("volume", ""))
    pages = re.search(r"[A-Za-z]?\d+(?:\s*[-–—]+\s*[A-Za-z]?\d+)?", fields.get("pages", ""))
    doi = re.search(r"10\.\d{4,9}/\S+", fields.get("doi", "") + " " + fields.get("url", ""))
    if journal:
        kind = "journal-article"
    elif container and (fields.get("editor") or fields.get("publisher")):
        kind = "book-chapter"
    elif container:
        kind = "journal-article" if volume else "proceedings-article"
    elif fields.get("publisher") or fields.get("location"):
        kind = "book"
    else:
        kind = "report"
    return Work(
        raw=raw,
        title=title,
        people=who,
        year=int(year.group(1)),
        container=container,
        volume=volume.group(0) if volume and container else None,
        pages=re.sub(r"\s+", "", pages.group(0)) if pages and container else None,
        publisher=_clean(fields.get("publisher", "")) or None,
        location=_clean(fields.get("location", "")) or None,
        editors=_clean(fields.get("editor", "")) or None,
        doi=doi.group(0).rstrip(".,;").lower() if doi else None,
        kind=kind,
        number=number,
        fields=fields,
    )


# --- rendering ---------------------------------------------------------------------------


def _inits(given: str, dots: bool = True) -> str:
    letters = [w[0] for w in re.split(r"[\s.\-]+", given) if w and w[0].isalpha()]
    return " ".join(f"{c}." for c in letters) if dots else "".join(letters)


def _list(names: list[str], last: str = "&") -> str:
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + f", {last} " + names[-1]


def render(work: Work, style: str) -> str:
    """The reference to ``work`` in ``style`` (one of :data:`STYLES`)."""
    if style == "as-written":
        return work.raw
    w = work
    people_ = w.people[:6]
    first_f, first_g = people_[0]
    title = w.title
    pages = (w.pages or "").replace("--", "–")
    book = w.kind in ("book", "report")
    chapter = w.kind == "book-chapter"
    pub = ", ".join(p for p in (w.location, w.publisher) if p)
    if style == "apa":
        names = _list([f"{f}, {_inits(g)}".rstrip(", ") for f, g in people_])
        if book:
            return (
                f"{names} ({w.year}). {title}. {w.publisher or w.location or ''}".rstrip(" .") + "."
            )
        if chapter:
            return (
                f"{names} ({w.year}). {title}. In {w.container}"
                + (f" (pp. {pages})" if pages else "")
                + f". {w.publisher or ''}".rstrip(" .")
                + "."
            )
        tail = ", ".join(p for p in (w.container, w.volume, pages) if p)
        return f"{names} ({w.year}). {title}. {tail}.".replace(" .", ".")
    if style == "vancouver":
        names = ", ".join(f"{f} {_inits(g, dots=False)}".strip() for f, g in people_)
        if book:
            place = f"{w.location}: " if w.location else ""
            return f"{names}. {title}. {place}{w.publisher or ''}; {w.year}.".replace(" ;", ";")
        if chapter:
            return (
                f"{names}. {title}. In: {w.container}. {w.publisher or ''}; {w.year}. p. {pages}."
            )
        numbers = f";{w.volume}" if w.volume else ""
        numbers += f":{pages}" if pages else ""
        return f"{names}. {title}. {w.container}. {w.year}{numbers}."
    if style == "chicago":
        head = f"{first_f}, {first_g}".rstrip(", ")
        rest = [f"{g} {f}".strip() for f, g in people_[1:]]
        names = head if not rest else _list([head, *rest], "and")
        if book:
            return f"{names}. {w.year}. {title}. {pub}."
        if chapter:
            return f'{names}. {w.year}. "{title}." In {w.container}, {pages}. {pub}.'
        numbers = f" {w.volume}" if w.volume else ""
        numbers += f": {pages}" if pages else ""
        return f'{names}. {w.year}. "{title}." {w.container}{numbers}.'
    if style == "ieee":
        names = _list([f"{_inits(g)} {f}".strip() for f, g in people_], "and")
        if book:
            return f"{names}, {title}. {pub}, {w.year}."
        if chapter:
            return f'{names}, "{title}," in {w.container}, {pub}, {w.year}, pp. {pages}.'
        bits = [
            w.container,
            f"vol. {w.volume}" if w.volume else "",
            f"pp. {pages}" if pages else "",
        ]
        return f'{names}, "{title}," ' + ", ".join(b for b in bits if b) + f", {w.year}."
    if style == "mla":
        names = f"{first_f}, {first_g}".rstrip(", ") + (", et al" if len(people_) > 2 else "")
        if len(people_) == 2:
            names += f", and {people_[1][1]} {people_[1][0]}".replace("  ", " ")
        if book:
            return f"{names}. {title}. {w.publisher or w.location or ''}, {w.year}."
        if chapter:
            return f'{names}. "{title}." {w.container}, {w.publisher or ""}, {w.year}, pp. {pages}.'
        bits = [w.container, f"vol. {w.volume}" if w.volume else "", str(w.year)]
        bits.append(f"pp. {pages}" if pages else "")
        return f'{names}. "{title}." ' + ", ".join(b for b in bits if b) + "."
    if style == "harvard":
        names = _list([f"{f}, {_inits(g)}".rstrip(", ") for f, g in people_], "and")
        if book:
            return f"{names} ({w.year}) {title}. {': '.join(p for p in (w.location, w.publisher) if p)}."
        if chapter:
            return (
                f"{names} ({w.year}) '{title}', in {w.container}. {w.publisher or ''}, pp. {pages}."
            )
        bits = [w.container, w.volume or "", f"pp. {pages}" if pages else ""]
        return f"{names} ({w.year}) '{title}', " + ", ".join(b for b in bits if b) + "."
    raise ValueError(style)


def noise(work: Work) -> Work:
    """The record an index holds as real ones differ from what is cited, one way per work
    (by its number): a year later (online first, then print), the title with markup and
    entities and in capitals, the family name without its accents, the title without the
    subtitle the reference gives, or exactly as cited."""
    way = work.number % 5
    if way == 1:
        return replace(work, year=work.year + 1)
    if way == 2:
        words = work.title.split()
        return replace(
            work, title=f"<i>{words[0]}</i> " + " ".join(words[1:]).upper().replace("&", "&amp;")
        )
    if way == 3:
        family = "".join(
            c for c in unicodedata.normalize("NFKD", work.family) if not unicodedata.combining(c)
        )
        return replace(work, people=[(family, work.people[0][1]), *work.people[1:]])
    if way == 4 and ": " in work.title and len(work.title.split(": ")[0]) >= 30:
        return replace(work, title=work.title.split(": ")[0])
    return work


# --- the index ---------------------------------------------------------------------------


def _words(text: str) -> list[str]:
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return [w for w in re.findall(r"[^\W_]+", text.casefold()) if len(w) > 1]


def identity(work: Work) -> tuple[str, str, int]:
    """Two labelled references to the same work (the data has duplicates) share this."""
    return ("".join(_words(work.title)), "".join(_words(work.family)), work.year)


class StandIn:
    """Crossref, Open Library and doi.org answering from :class:`Work` records.

    ``router = FixtureRouter(hook=StandIn(works).respond)``.
    """

    def __init__(
        self, works: list[Work], removed: set[int] = frozenset(), noisy: bool = False
    ) -> None:
        gone = {identity(w) for w in works if w.number in removed}
        self.works = [w for w in works if identity(w) not in gone]
        self.noisy = noisy
        """Records differ from the reference the way real index records do (see :func:`noise`)."""
        self.by_doi = {self.doi(w): w for w in self.works}
        self._index = [Counter(_words(self._text(w))) for w in self.works]
        df: Counter[str] = Counter()
        for words in self._index:
            df.update(words.keys())
        n = len(self.works) + 1
        self._idf = {w: math.log(n / c) for w, c in df.items()}

    @staticmethod
    def doi(work: Work) -> str:
        return work.doi or f"10.5555/standin.{work.number}"

    @staticmethod
    def _text(work: Work) -> str:
        names = " ".join(f for f, _ in work.people[:3])
        return f"{work.title} {names} {work.container or ''} {work.year}"

    def search(self, query: str, books_only: bool = False, rows: int = 5) -> list[Work]:
        wanted = set(_words(query))
        scored = []
        for work, words in zip(self.works, self._index, strict=True):
            if books_only and work.kind != "book":
                continue
            score = sum(self._idf[w] for w in wanted if w in words)
            if score > 0:
                scored.append((score, -work.number, work))
        scored.sort(key=lambda item: item[:2], reverse=True)
        return [w for *_, w in scored[:rows]]

    def crossref_item(self, work: Work) -> dict:
        if self.noisy:
            work = noise(work)
        item: dict = {
            "DOI": self.doi(work),
            "title": [work.title],
            "author": [
                {"given": g, "family": f, "sequence": "first" if i == 0 else "additional"}
                for i, (f, g) in enumerate(work.people)
            ],
            "issued": {"date-parts": [[work.year]]},
            "type": "book" if work.kind == "report" else work.kind,
            "score": 10.0,
        }
        if work.container:
            item["container-title"] = [work.container]
        if work.volume:
            item["volume"] = work.volume
        if work.pages:
            item["page"] = work.pages.replace("–", "-")
        if work.publisher:
            item["publisher"] = work.publisher
        return item

    def openlibrary_doc(self, work: Work) -> dict:
        if self.noisy:
            work = noise(work)
        return {
            "key": f"/works/OL{work.number}W",
            "type": "work",
            "title": work.title,
            "author_name": [f"{g} {f}".strip() for f, g in work.people],
            "first_publish_year": work.year,
            "publish_year": [work.year],
            "publisher": [work.publisher] if work.publisher else [],
        }

    def respond(self, service: str, path: str, query: dict[str, str]) -> Canned | None:
        """A :class:`refserver.FixtureRouter` hook."""
        headers = {"content-type": "application/json", **LIMITS}
        if service == "crossref" and path == "works":
            items = [
                self.crossref_item(w) for w in self.search(query.get("query.bibliographic", ""))
            ]
            message = {"total-results": len(items), "items": items, "items-per-page": 5}
            return _json(headers, {"status": "ok", "message-type": "work-list", "message": message})
        if service == "crossref" and path.startswith("works/"):
            work = self.by_doi.get(path.removeprefix("works/").lower())
            if work is None:
                return Canned(404, {"content-type": "text/plain"}, b"Resource not found.")
            return _json(
                headers,
                {"status": "ok", "message-type": "work", "message": self.crossref_item(work)},
            )
        if service == "doi" and path.startswith("doiRA/"):
            answers = []
            for doi in path.removeprefix("doiRA/").split(","):
                known = doi.lower() in self.by_doi
                answers.append(
                    {"DOI": doi, "RA": "Crossref"}
                    if known
                    else {"DOI": doi, "status": "DOI does not exist"}
                )
            return _json(headers, answers)
        if service == "openlibrary" and path == "search.json":
            wanted = " ".join(query.get(k, "") for k in ("q", "title", "author"))
            docs = [self.openlibrary_doc(w) for w in self.search(wanted, books_only=True)]
            return _json(headers, {"numFound": len(docs), "start": 0, "docs": docs})
        if service == "eutils" and path == "esearch.fcgi":
            result = {"count": "0", "retmax": "0", "retstart": "0", "idlist": []}
            return _json(headers, {"header": {"type": "esearch"}, "esearchresult": result})
        if service == "europepmc":
            return _json(headers, {"hitCount": 0, "resultList": {"result": []}})
        return None


def _json(headers: dict[str, str], data: object) -> Canned:
    return Canned(200, headers, json.dumps(data, ensure_ascii=False).encode())
