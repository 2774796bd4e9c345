"""The trained reference parser: one reference string in, a label for every token out.

A linear-chain CRF (python-crfsuite) labels each whitespace-separated token of an
entry as ``author``, ``date``, ``title``, ``journal``, ``volume``, ``pages`` … as
AnyStyle, GROBID and ParsCit do. It is trained by ``tools/train_refparser.py`` on
AnyStyle's labelled references (``data/anystyle/``, BSD-2-Clause) and shipped as
``referee/data/refparser.crfsuite``. The model is opened on first use, never at
import: ``pycrfsuite`` is imported only when an article has references.

The features of a token are its own (word, shape, case, digits, punctuation,
brackets, word lists) and those of its neighbours, plus its position in the entry.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from importlib import resources
from typing import Any

from referee.text.identifiers import DOI_START

MODEL_NAME = "refparser.crfsuite"
MAX_TOKENS = 400
"""Tokens of an entry that are labelled; a real entry has 10-80."""

LABELS = {
    # AnyStyle's tags -> ours; the rare tags that say nothing a field needs are notes.
    "author": "author",
    "editor": "editor",
    "translator": "translator",
    "director": "author",
    "producer": "note",
    "date": "date",
    "title": "title",
    "journal": "journal",
    "container-title": "container",
    "collection-title": "collection",
    "volume": "volume",
    "pages": "pages",
    "publisher": "publisher",
    "location": "location",
    "edition": "edition",
    "genre": "genre",
    "note": "note",
    "medium": "note",
    "source": "note",
    "url": "url",
    "doi": "doi",
    "isbn": "isbn",
    "citation-number": "number",
}

# --- Word lists (lower case, edge punctuation removed) -------------------------------

# fmt: off
_MONTHS = frozenset("""
jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july
august september october november december spring summer autumn fall winter janvier février
mars avril mai juin juillet août septembre octobre novembre décembre januar februar märz
juni juli oktober dezember enero febrero marzo abril mayo junio julio agosto septiembre
octubre noviembre diciembre
""".split())
# The model was trained with this word list as a feature: changing it means training again
# (tools/train_refparser.py), so it is not referee.text.name_year.PARTICLES.
_PARTICLES = frozenset("""
van von der den de del della da di du dos das le la al el bin ben ter ten zu vander dela
""".split())
_JOURNAL_WORDS = frozenset("""
journal j jour proc proceedings rev review reviews ann annals am amer int intl clin res
med medical sci science sciences nature nat lett letters phys chem bull bulletin trans
transactions q quarterly acta arch archives soc society bmj lancet jama plos acad natl
stud studies magazine mag gaz gazette eur europ br brit can aust jpn chin biol biochem
ecol econ psychol psychiatry neurosci cell genet mol pharmacol epidemiol public health
physiol surg pediatr oncol cardiol immunol infect dis microbiol eng engl ieee acm appl
math stat comput syst tech technol environ geophys astron astrophys opt mater polym
neurol endocrinol nutr vet agric hist philos sociol anthropol ling lit educ law polit
""".split())
_PUBLISHER_WORDS = frozenset("""
press university univ publishing publishers publisher books verlag editions éditions
editores editora editorial inc ltd llc co company wiley springer elsevier routledge sage
oxford cambridge harvard yale princeton penguin random house mit macmillan norton
blackwell academic taylor francis pearson mcgraw-hill palgrave brill gruyter suhrkamp
gallimard seuil hachette knopf doubleday viking basic harper harpercollins vintage
pergamon kluwer birkhäuser addison-wesley prentice wadsworth thieme karger lippincott
saunders mosby who iarc nber oecd rand
""".split())
_PLACES = frozenset("""
london new york paris berlin oxford cambridge boston chicago washington amsterdam
philadelphia princeton toronto tokyo madrid rome munich münchen frankfurt leipzig wien
vienna stuttgart hamburg zürich zurich geneva genève basel heidelberg dordrecht leiden
singapore sydney melbourne berkeley stanford baltimore ithaca bloomington cham
hoboken thousand oaks malden upper saddle river englewood cliffs lanham durham
""".split())
_EDITOR_WORDS = frozenset("""
ed eds editor editors edited hrsg hg hgg éd éds dir comp comps coord trans tr translated
translator übers
""".split())
_VOLUME_WORDS = frozenset("vol vols volume no nos nr num number issue iss bd t tome heft jg".split())
_PAGE_WORDS = frozenset("pp p pages page s ss seiten pgs art article".split())
_THESIS_WORDS = frozenset("""
thesis dissertation phd ph.d doctoral master's masters msc diss habilitationsschrift
""".split())
_REPORT_WORDS = frozenset("""
report reports technical working paper papers guideline guidelines brief bulletin
white series memorandum
""".split())
_ACCESS_WORDS = frozenset("retrieved accessed available online internet cited viewed consulted".split())
_AND_WORDS = frozenset("and & und et y e".split())
_EDITION_WORDS = frozenset("edn edition ed auflage aufl rev revised 1st 2nd 3rd 4th 5th".split())
_IN_WORDS = frozenset("in in: dans en".split())
# fmt: on

_EDGE = re.compile(r"^[\W_]+|[\W_]+$")
_SHAPE_MAP = str.maketrans(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
    "X" * 26 + "x" * 26 + "d" * 10,
)
_RUNS = re.compile(r"(.)\1+")
_YEARISH = re.compile(r"(?<!\d)(?:1[5-9]|20)\d\d(?!\d)")
_RANGE = re.compile(r"\d+\s*[-–—‐‑]\s*\d+")
_INITIALS = re.compile(r"^(?:[A-ZÀ-Þ]\.-?){1,4},?$|^[A-ZÀ-Þ]{1,3}[,.]?$")
_ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th|e|er|ème|\.)$", re.IGNORECASE)
_URLISH = re.compile(r"(?i)^(?:<?https?://|www\.|<?ftp://)")
_DOIISH = re.compile(r"(?i)^(?:doi:?|https?://(?:dx\.)?doi\.org/)|^" + DOI_START)
_ISBNISH = re.compile(r"(?i)^isbn|^(?:97[89][-\s]?)?\d[\d-]{8,15}[\dX]$")


def _shape(word: str) -> str:
    shape = word.translate(_SHAPE_MAP)
    shape = _RUNS.sub(r"\1\1", shape)
    return shape[:8]


def _case(core: str) -> str:
    if not core:
        return "none"
    if core.isdigit():
        return "num"
    if core.isupper():
        return "upper" if len(core) > 1 else "cap1"
    if core[0].isupper():
        return "cap"
    if core.islower():
        return "lower"
    return "mixed"


@lru_cache(maxsize=65536)
def _token_features(token: str) -> tuple[str, ...]:
    """Features of one token by itself (neighbours see a subset, :func:`_context`)."""
    core = _EDGE.sub("", token)
    word = core.lower()
    features = [
        "w=" + word,
        "sh=" + _shape(token),
        "c=" + _case(core),
        "first=" + (token[0] if not token[0].isalnum() else "a"),
        "last=" + (token[-1] if not token[-1].isalnum() else "a"),
        "suf=" + word[-3:],
        "len=" + str(min(len(core), 12)),
    ]
    if any(ch.isdigit() for ch in token):
        digits = sum(ch.isdigit() for ch in token)
        features.append("digits=" + str(min(digits, 6)))
        if _YEARISH.search(token):
            features.append("year")
        if _RANGE.search(token):
            features.append("range")
        if _ORDINAL.match(token.rstrip(",;:)")):
            features.append("ordinal")
    if token[0] in "([{":
        features.append("open=" + token[0])
    if token[-1] in ")]}" or token[-2:-1] in (")", "]"):
        features.append("close")
    if token[0] in "\"“'‘«„":
        features.append("quote_open")
    if token.rstrip(".,;:")[-1:] in ('"', "”", "'", "’", "»"):
        features.append("quote_close")
    if _INITIALS.match(token):
        features.append("initials")
    if _URLISH.match(token):
        features.append("url")
    if _DOIISH.search(token):
        features.append("doi")
    if _ISBNISH.match(token):
        features.append("isbn")
    for name, words in _LISTS:
        if word in words:
            features.append("in=" + name)
    return tuple(features)


_LISTS = (
    ("month", _MONTHS),
    ("particle", _PARTICLES),
    ("journal", _JOURNAL_WORDS),
    ("publisher", _PUBLISHER_WORDS),
    ("place", _PLACES),
    ("editor", _EDITOR_WORDS),
    ("volume", _VOLUME_WORDS),
    ("page", _PAGE_WORDS),
    ("thesis", _THESIS_WORDS),
    ("report", _REPORT_WORDS),
    ("access", _ACCESS_WORDS),
    ("and", _AND_WORDS),
    ("edition", _EDITION_WORDS),
    ("in", _IN_WORDS),
)

_NEAR = ("w=", "sh=", "last=", "in=", "year", "initials", "open", "close", "quote", "c=")
_FAR = ("sh=", "last=", "in=", "year", "initials")


@lru_cache(maxsize=131072)
def _context(token: str, offset: str) -> tuple[str, ...]:
    """The features of ``token`` as seen from a neighbour ``offset`` tokens away."""
    keep = _NEAR if offset in ("-1", "+1") else _FAR
    return tuple(offset + f for f in _token_features(token) if f.startswith(keep))


def features(tokens: list[str]) -> list[list[str]]:
    """The feature strings of every token of one entry."""
    n = len(tokens)
    out = []
    for i, token in enumerate(tokens):
        row = list(_token_features(token))
        row.append("pos=" + str(i * 10 // n))
        if i == 0:
            row.append("BOS")
        else:
            row.extend(_context(tokens[i - 1], "-1"))
            if i > 1:
                row.extend(_context(tokens[i - 2], "-2"))
        if i == n - 1:
            row.append("EOS")
        else:
            row.extend(_context(tokens[i + 1], "+1"))
            if i + 2 < n:
                row.extend(_context(tokens[i + 2], "+2"))
        out.append(row)
    return out


_TOKEN = re.compile(r"\S+")
_JOINED = re.compile(r"(?<=[\d)][;:])(?=[\w(])")
"""Where ``2019;380(1):33-44`` is cut into ``2019;`` ``380(1):`` ``33-44``."""


def tokenize(text: str) -> list[tuple[int, int]]:
    """Spans of the tokens of ``text`` (at most :data:`MAX_TOKENS`): whitespace-separated
    words, with numbers joined by ``;`` or ``:`` cut apart (not in URLs or DOIs)."""
    spans = []
    for match in _TOKEN.finditer(text):
        start, end = match.span()
        token = match.group()
        if (";" in token or ":" in token) and not (
            "/" in token or token[:3].lower() in ("doi", "10.", "htt", "www")
        ):
            for cut in _JOINED.finditer(token):
                spans.append((start, match.start() + cut.start()))
                start = match.start() + cut.start()
        spans.append((start, end))
        if len(spans) >= MAX_TOKENS:
            return spans[:MAX_TOKENS]
    return spans


# --- The model ----------------------------------------------------------------------------

_lock = threading.Lock()
_tagger: Any = None


def _open() -> Any:
    global _tagger
    with _lock:
        if _tagger is None:
            import pycrfsuite  # a C extension; imported only when references are parsed

            tagger = pycrfsuite.Tagger()
            path = resources.files("referee.data").joinpath(MODEL_NAME)
            with resources.as_file(path) as file:
                tagger.open(str(file))
            _tagger = tagger
        return _tagger


def tag(tokens: list[str]) -> list[str]:
    """A label for every token (see :data:`LABELS` for the label set)."""
    if not tokens:
        return []
    tagger = _open()
    with _lock:  # a crfsuite tagger holds its state between set() and tag()
        return tagger.tag(features(tokens))


_UNDATED = re.compile(r"(?i)\((?:in\s+press|n\.\s?d\.|forthcoming|no\s+date|s\.\s?d\.)\)")
_AS_YEAR = "(2000)."
"""What an undated date is shown to the model as: the data has few ``(in press)``."""


def segments(text: str) -> list[tuple[str, int, int]]:
    """``(label, start, end)`` runs of equally labelled tokens, spans into ``text``."""
    spans = tokenize(text)
    tokens = [text[s:e] for s, e in spans]
    if "(" in text:
        for match in _UNDATED.finditer(text):
            for i, (s, e) in enumerate(spans):
                if s < match.end() and e > match.start():
                    tokens[i] = _AS_YEAR
    labels = tag(tokens)
    runs: list[tuple[str, int, int]] = []
    for label, (s, e) in zip(labels, spans, strict=True):
        if runs and runs[-1][0] == label:
            runs[-1] = (label, runs[-1][1], e)
        else:
            runs.append((label, s, e))
    return runs
