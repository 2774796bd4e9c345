"""Does a record found in a bibliographic service describe the cited work?

Everything is compared after normalising (HTML stripped, NFKD to ASCII, lower case,
punctuation dropped). A record is the same work when its title agrees (similarity ≥ 0.90);
it then *matches* when the first author's family name (≥ 0.8), the year (±1), and the
volume, first page and journal (when both sides give them) agree too. Each comparison
leaves a reason, so the reviewer sees why a verdict was reached.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

from rapidfuzz import fuzz

from referee.model import Reference

TITLE_SAME = 0.90
"""Title similarity from which a record is taken for the cited work."""
TITLE_CLOSE = 0.60
"""Below :data:`TITLE_SAME` but with author and year agreeing: a garbled title."""
AUTHOR_SAME = 0.80
YEAR_SLACK = 1
REJECTED_TYPES = frozenset(
    {"component", "peer-review", "grant", "dataset", "journal", "journal-issue", "journal-volume"}
)
"""Record types that are never the cited article (Crossref vocabulary)."""
NOTICE_PUBTYPES = {"Retraction of Publication": "retraction", "Published Erratum": "erratum"}
"""PubMed publication types of notices, which are never the cited article itself."""
DUPLICATE_PREFIXES = ("10.65215/",)
"""Prefixes known to hold copies of famous works under a later year."""

_TAGS = re.compile(r"<[^>]+>")
_NOT_WORD = re.compile(r"[\W_]+")
_FOLD = str.maketrans({"ß": "ss", "ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "æ": "ae", "œ": "oe"})
_RETRACTED_PREFIX = re.compile(r"^\s*(retracted|withdrawn)\s*[:.\-]\s*", re.IGNORECASE)
_BOILERPLATE = frozenset(
    {"a", "an", "and", "the", "of", "for", "in", "on", "with", "to", "from", "by", "at", "or"}
    | {"systematic", "review", "reviews", "meta", "analysis", "analyses", "randomized"}
    | {"randomised", "controlled", "trial", "trials", "retrospective", "prospective"}
    | {"cohort", "study", "studies", "cross", "sectional", "case", "control", "report"}
    | {"series", "pilot", "protocol", "narrative", "scoping", "literature", "update"}
)
"""Study-design and function words that many unrelated titles share."""
_JOURNAL_STOP = frozenset({"of", "the", "and", "for", "in", "on", "a", "an", "de", "la"})


def clean_title(text: str) -> str:
    """A title for display: tags stripped, entities decoded, whitespace collapsed."""
    return " ".join(html.unescape(_TAGS.sub(" ", text)).split())


def normalise(text: str) -> str:
    """Lower-case words separated by single spaces: accents dropped (``é`` → ``e``), letters
    of every script kept (a Cyrillic or Greek title is compared, not erased)."""
    text = clean_title(text).translate(_FOLD)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return _NOT_WORD.sub(" ", text.casefold()).strip()


def strip_retracted(title: str) -> str:
    return _RETRACTED_PREFIX.sub("", title)


def _topic(normalised: str) -> str:
    return " ".join(w for w in normalised.split() if w not in _BOILERPLATE)


def topic_words(title: str) -> list[str]:
    """The title's words that are not study-design boilerplate, in order."""
    return _topic(normalise(title)).split()


def title_similarity(cited: str, found: str) -> float:
    """0..1, the lower of the whole titles' similarity and that of their topic words.

    Study-design words are boilerplate: "Acupuncture for X: a systematic review and
    meta-analysis of randomized controlled trials" must not match the same phrase about Y.
    A cited title cut short (the record's title starts with it; ≥ 30 characters and
    ≥ 60 % of it) counts :data:`TITLE_SAME`.
    """
    a, b = normalise(strip_retracted(cited)), normalise(strip_retracted(found))
    if not a or not b:
        return 0.0
    score = fuzz.ratio(a, b) / 100.0
    short, long = sorted((a, b), key=len)
    if len(short) >= 30 and long.startswith(short) and len(short) >= 0.6 * len(long):
        return max(score, TITLE_SAME)
    topic_a, topic_b = _topic(a), _topic(b)
    if topic_a and topic_b and (topic_a != a or topic_b != b):
        score = min(score, fuzz.ratio(topic_a, topic_b) / 100.0)
    return score


SHORT_TITLE = 30
"""Normalised titles shorter than this count as in the raw string only when they occur in
it whole, word for word ("The Sot-Weed Factor"); longer ones may differ a little."""
TITLE_IN_RAW = 0.95
"""Fuzzy (partial-ratio) containment of a long title in the raw string that counts as present."""


def _contains(text: str, words: str) -> bool:
    """Whether normalised ``words`` occur in normalised ``text`` on word boundaries."""
    return bool(words) and f" {words} " in f" {text} "


def title_variants(title: str, subtitles: tuple[str, ...] = ()) -> list[str]:
    """The record's title, with each subtitle, and its main title before a colon."""
    variants = [title] + [f"{title} {s}" for s in subtitles if s]
    main = re.split(r"\s*[:?!]\s+", strip_retracted(title), maxsplit=1)[0]
    if main != title and len(normalise(main)) >= SHORT_TITLE:
        variants.append(main)
    return variants


def _whole_title(raw: str, title: str) -> bool:
    """Whether normalised ``title`` occurs in ``raw`` as a whole title: its words in order,
    followed by punctuation or the end, not by more words ("The Sot-Weed Factor Revisited")."""
    folded = "".join(
        c
        for c in unicodedata.normalize("NFKD", clean_title(raw).translate(_FOLD))
        if not unicodedata.combining(c)
    ).casefold()
    words = [re.escape(w) for w in title.split()]
    pattern = r"(?<![^\W_])" + r"[\W_]+".join(words) + r"(?:\s*[^\w\s]|\s*$)"
    return re.search(pattern, folded) is not None


def title_in_raw(raw: str, found: str) -> float | None:
    """How well a record's title appears inside the raw reference string.

    1.0 when it occurs whole; a short title (under :data:`SHORT_TITLE` characters) must,
    as a whole title (punctuation or the end after it), and scores 0.0 otherwise; a longer
    one scores its best partial match. None when the record has no title words.
    """
    title = normalise(strip_retracted(found))
    if not title:
        return None
    text = normalise(raw)
    if len(title) < SHORT_TITLE:
        return 1.0 if _contains(text, title) and _whole_title(raw, title) else 0.0
    if _contains(text, title):
        return 1.0
    return fuzz.partial_ratio(title, text) / 100.0


def _without(text: str, title: str) -> str:
    """Normalised ``text`` with the normalised ``title`` taken out (years, names inside titles)."""
    if title and title in text:
        return text.replace(title, " ")
    return text


def family_in_raw(raw: str, family: str) -> bool:
    """Whether a family name occurs as a whole word (or words) in the raw string."""
    name = normalise(family)
    return len(name) >= 2 and _contains(normalise(raw), name)


def years_in(text: str) -> set[int]:
    return {int(y) for y in re.findall(r"(?<![0-9])(1[5-9]\d\d|20\d\d)(?![0-9])", text)}


def family_similarity(cited: str, found: str) -> float:
    a, b = normalise(cited).replace(" ", ""), normalise(found).replace(" ", "")
    if not a or not b:
        return 0.0
    if len(a) >= 3 and len(b) >= 3 and (a in b or b in a):
        return 1.0  # "Berg" and "van der Berg"
    return fuzz.ratio(a, b) / 100.0


def year_of(value: str | int | None) -> int | None:
    if value is None:
        return None
    match = re.search(r"(1[5-9]\d\d|20\d\d)", str(value))
    return int(match.group(1)) if match else None


def first_page(pages: str | None) -> str | None:
    if not pages:
        return None
    page = re.split(r"[-–—,\s]", pages.strip(), maxsplit=1)[0]
    return page.lower().lstrip("0") or None


def journal_agrees(cited: str, names: tuple[str, ...]) -> bool:
    """Abbreviation-aware: ``J Tradit Chin Med`` agrees with the full journal name."""
    words = [w for w in normalise(cited).split() if w not in _JOURNAL_STOP]
    if not words:
        return True
    for name in names:
        other = [w for w in normalise(name).split() if w not in _JOURNAL_STOP]
        if not other:
            continue
        if fuzz.token_set_ratio(" ".join(words), " ".join(other)) >= 85:
            return True
        short, long = sorted((words, other), key=len)
        position = 0
        for word in short:
            while position < len(long) and not long[position].startswith(word):
                position += 1
            if position == len(long):
                break
            position += 1
        else:
            return True
    return False


@dataclass(frozen=True, slots=True)
class Candidate:
    """A record from one service, reduced to what validation needs."""

    source: str
    """``crossref`` | ``pubmed`` | ``europepmc`` | ``openlibrary`` | ``datacite`` | ``arxiv`` |
    ``openalex`` | ``doi.org``."""
    title: str | None
    authors: tuple[str, ...] = ()
    """Family names, first author first."""
    year: int | None = None
    years: tuple[int, ...] = ()
    """Other years the work appeared in (a book's editions)."""
    doi: str | None = None
    pmid: str | None = None
    containers: tuple[str, ...] = ()
    """Full and abbreviated journal or book titles."""
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    type: str | None = None
    subtitles: tuple[str, ...] = ()
    retractions: tuple[str, ...] = ()
    """Why the record counts as retracted (notice DOIs, flags); empty when it does not."""
    concerns: tuple[str, ...] = ()
    """Expressions of concern published about the work."""
    corrections: tuple[str, ...] = ()
    """Corrections and errata published for the work."""
    publishers: tuple[str, ...] = ()
    """Publishers of the work (of any of its editions, for a book)."""
    isbns: tuple[str, ...] = ()
    notice: str | None = None
    """Set when the record *is* a retraction or correction notice."""

    @property
    def label(self) -> str:
        if self.doi:
            return self.doi
        if self.pmid:
            return f"PMID {self.pmid}"
        return self.source

    @property
    def display_title(self) -> str:
        return clean_title(self.title or "(untitled)")

    def describe(self) -> str:
        who = self.authors[0] if self.authors else "?"
        when = self.year or "?"
        return f"“{self.display_title}” ({who} {when}, {self.label})"


@dataclass(frozen=True, slots=True)
class Assessment:
    candidate: Candidate
    title_score: float | None
    """None when the reference has no title to compare and the raw string did not help."""
    mismatches: tuple[str, ...] = ()
    agreements: tuple[str, ...] = ()
    rejected: str | None = None
    """Why the record can never be the cited work (its type, a known duplicate)."""
    first_author_ok: bool | None = None
    year_ok: bool | None = None

    @property
    def same_title(self) -> bool:
        return self.title_score is not None and self.title_score >= TITLE_SAME

    @property
    def matches(self) -> bool:
        return self.same_title and not self.mismatches and self.rejected is None

    @property
    def rank(self) -> tuple[int, int, int, float]:
        return (
            self.rejected is None,
            self.same_title,
            -len(self.mismatches) if self.same_title else 0,
            self.title_score or 0.0,
        )


def _reject(ref: Reference, cand: Candidate) -> str | None:
    if cand.type in REJECTED_TYPES:
        return f"a {cand.type} record"
    if cand.doi and cand.doi.startswith(DUPLICATE_PREFIXES) and cand.type == "posted-content":
        return "a known duplicate-record prefix"
    if cand.notice and not (ref.title and cand.notice.lower() in ref.title.lower()):
        return f"a {cand.notice} notice"
    return None


def _title_scores(ref: Reference, cand: Candidate) -> tuple[float | None, float]:
    """The parsed title's similarity to the record's (None without both), and how well the
    record's title occurs in the raw string (0.0 when it does not)."""
    if not cand.title:
        return None, 0.0
    variants = title_variants(cand.title, cand.subtitles)
    in_raw = max((title_in_raw(ref.raw, v) or 0.0) for v in variants)
    parsed = max(title_similarity(ref.title, v) for v in variants) if ref.title else None
    return parsed, in_raw if in_raw >= TITLE_IN_RAW else 0.0


def _number_in_raw(raw: str, value: str) -> bool:
    token = normalise(value)
    return bool(token) and _contains(normalise(raw), token)


def _cited_year(ref: Reference) -> int | None:
    """The year of the date field; not one that is part of the title ("Berlin 1880–1945")."""
    year = year_of(ref.year)
    if (
        year
        and ref.title
        and str(year) in ref.title
        and str(year) not in (ref.raw.replace(ref.title, ""))
    ):
        return None
    return year


def publisher_agrees(cited: str, names: tuple[str, ...]) -> bool:
    """Publishers agree when one's distinctive words are among the other's (``Penguin`` and
    ``Penguin Books``; ``OUP`` never has to match ``Oxford University Press``: unknown is fine)."""
    generic = {"press", "publishers", "publisher", "publishing", "books", "university", "inc"}
    generic |= {"ltd", "co", "company", "group", "verlag", "editions", "and", "the", "of"}
    words = {w for w in normalise(cited).split() if w not in generic and len(w) > 1}
    if not words:
        return True
    for name in names:
        other = {w for w in normalise(name).split() if w not in generic and len(w) > 1}
        if not other or words & other:
            return True
    return False


def _where_published(ref: Reference, cand: Candidate, rest: str) -> list[str]:
    """Volume, first page, and the journal (articles) or publisher (books) that disagree
    with both the parsed field and the raw string (``rest``: it without the title)."""
    from referee.refcheck.kind import BOOK, JOURNAL, kind_of

    found = []
    differs = ref.volume and cand.volume and normalise(ref.volume) != normalise(cand.volume)
    if differs and not _number_in_raw(ref.raw, cand.volume or ""):
        found.append(f"volume: cited {ref.volume}, record {cand.volume}")
    cited_page, found_page = first_page(ref.pages), first_page(cand.pages)
    if (
        cited_page
        and found_page
        and cited_page != found_page
        and not _number_in_raw(ref.raw, found_page)
    ):
        found.append(f"pages: cited {ref.pages}, record {cand.pages}")
    kind = kind_of(ref)
    if (
        kind == JOURNAL
        and ref.container
        and re.search(r"[^\W\d_]{2}", ref.container)
        and cand.containers
        and cand.type in (None, "journal-article", "article-journal")
        and not journal_agrees(ref.container, cand.containers)
        and not any(_contains(rest, normalise(c)) for c in cand.containers)
    ):
        found.append(f"journal: cited {ref.container}, record {cand.containers[0]}")
    if (
        kind == BOOK
        and ref.publisher
        and cand.publishers
        and not publisher_agrees(ref.publisher, cand.publishers)
        and not any(publisher_agrees(ref.raw, (p,)) for p in cand.publishers)
    ):
        found.append(f"publisher: cited {ref.publisher}, record {cand.publishers[0]}")
    return found


def assess(ref: Reference, cand: Candidate) -> Assessment:
    """Compare one record with the reference, field by field and with the raw string.

    A field the parser got wrong must not accuse a real work: each value of the record
    that disagrees with the parsed field but occurs in the raw reference string agrees.
    The journal is compared only for journal articles, the publisher only for books.
    """
    mismatches: list[str] = []
    agreements: list[str] = []
    parsed_score, raw_score = _title_scores(ref, cand)
    raw_norm = normalise(ref.raw)
    rest = _without(raw_norm, normalise(strip_retracted(cand.title or "")))

    first_ok: bool | None = None
    if cand.authors:
        first = cand.authors[0]
        in_raw = len(normalise(first)) >= 2 and _contains(rest, normalise(first))
        if (ref.authors and family_similarity(ref.authors[0], first) >= AUTHOR_SAME) or in_raw:
            first_ok = True
            agreements.append(f"first author {first}")
        elif ref.authors:
            first_ok = False
            cited = ref.authors[0]
            if any(family_similarity(cited, other) >= AUTHOR_SAME for other in cand.authors[1:]):
                mismatches.append(f"first author: cited {cited}, record has {first} first")
            else:
                shown = ", ".join(cand.authors[:3]) + (" …" if len(cand.authors) > 3 else "")
                mismatches.append(f"first author: cited {cited}, not among the record's ({shown})")

    cited_year = _cited_year(ref)
    year_ok: bool | None = None
    if cand.year:
        nearby = {
            y + d for y in (cand.year, *cand.years) for d in range(-YEAR_SLACK, YEAR_SLACK + 1)
        }
        if (cited_year and cited_year in nearby) or nearby & years_in(rest):
            year_ok = True
            agreements.append(f"year {cand.year}")
        elif cited_year:
            year_ok = False
            mismatches.append(f"year: cited {cited_year}, record {cand.year}")

    # A short title occurring in the raw string says little on its own ("Introduction"):
    # it counts with the first author and the year also there.
    short = len(normalise(strip_retracted(cand.title or ""))) < SHORT_TITLE
    if raw_score and short and not (first_ok and year_ok):
        raw_score = 0.0
    title_score = max(parsed_score or 0.0, raw_score) if cand.title else None
    if title_score is not None and parsed_score is None and not raw_score:
        # No parsed title: the record's title found inside the raw string is evidence;
        # its absence is not (the raw string may be a bare DOI).
        title_score = None
    if title_score is not None:
        agreements.insert(0, f"title similarity {title_score:.2f}")

    mismatches += _where_published(ref, cand, rest)

    return Assessment(
        candidate=cand,
        title_score=title_score,
        mismatches=tuple(mismatches),
        agreements=tuple(agreements),
        rejected=_reject(ref, cand),
        first_author_ok=first_ok,
        year_ok=year_ok,
    )


def best(assessments: list[Assessment]) -> Assessment | None:
    return max(assessments, key=lambda a: a.rank, default=None)


def identifier_verdict(ref: Reference, a: Assessment) -> str:
    """Verdict for the record an identifier (DOI, PMID) resolves to.

    ``verified`` or ``metadata_mismatch`` when it is the cited work, ``doi_mismatch``
    when the identifier leads to another work.
    """
    if a.title_score is None:
        # No title to compare: authors and year decide.
        if a.first_author_ok is False or a.year_ok is False:
            if a.first_author_ok is False and a.year_ok is False:
                return "doi_mismatch"
            return "metadata_mismatch"
        return "verified"
    if a.same_title:
        return "metadata_mismatch" if a.mismatches else "verified"
    if a.title_score >= TITLE_CLOSE and a.first_author_ok is not False and a.year_ok is not False:
        return "metadata_mismatch"
    return "doi_mismatch"
