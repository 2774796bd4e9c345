"""Score sentences into claims: kind, score, cues, relation strength, flags, ids.

Every prose sentence is scored by explainable cue families (:mod:`referee.text.cues`);
those at or above the threshold are claims. Each claim carries *pre-flags*:
prompts that its wording may overreach what is shown, each with its reason.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence, Set

from referee.model import Citation, Claim, Cue, Flag, Sentence
from referee.text import cues as C
from referee.text.cue_hits import (
    EMPTY,
    FAMILY_KEYS,
    KEY,
    KIND_PATTERNS,
    YEAR_KEY,
    Hits,
    Spans,
)
from referee.text.flag_rules import FLAG_RULES, Facts

# Kinds, most specific first.
KINDS = (
    "commercial",
    "safety",
    "quantity",
    "efficacy",
    "evidence",
    "mechanism",
    "causal",
    "correlation",
    "comparison",
    "prediction",
    "regulatory",
    "definition",
    "attributed",
    "event",
    "advice",
    "statement",
)


_BASE32 = "abcdefghijklmnopqrstuvwxyz234567"
_PAIRS = [a + b for a in _BASE32 for b in _BASE32]
"""Two base32 characters for each 10 bits."""


def claim_id(text: str) -> str:
    """``c`` + 8 base32 characters of the sha1 of the normalised text."""
    # What base64.b32encode(digest[:5]).lower() gives, without its pure-Python encoder.
    bits = int.from_bytes(hashlib.sha1(normalise(text).encode("utf-8")).digest()[:5], "big")
    pairs = _PAIRS
    high, low = divmod(bits, 1 << 20)
    return "c" + pairs[high >> 10] + pairs[high & 1023] + pairs[low >> 10] + pairs[low & 1023]


def normalise(text: str) -> str:
    """Text as compared for identity: NFKC, case-folded, whitespace collapsed."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    return " ".join(text.split()).casefold()


def unique_ids(texts: Iterable[str]) -> list[str]:
    """Stable ids for sentences in document order; repeats get ``-2``, ``-3``…"""
    seen: Counter[str] = Counter()
    out = []
    for text in texts:
        base = claim_id(text)
        seen[base] += 1
        count = seen[base]
        out.append(base if count == 1 else f"{base}-{count}")
    return out


def extract(
    text: str,
    sentences: Sequence[Sentence],
    citations: Sequence[Citation] = (),
) -> tuple[Claim, ...]:
    """The claims among ``sentences``."""
    lowered = C.lower(text)
    hits = Hits(text, lowered, sentences)
    cite_starts = [c.start for c in citations]

    scored: list[
        tuple[Sentence, dict[str, Spans], float, tuple[Cue, ...], set[str], tuple[Citation, ...]]
    ]
    scored = []
    listing = False
    for sentence, found in zip(sentences, hits.buckets, strict=True):
        s, e = sentence.start, sentence.end
        cited = _citations_in(citations, cite_starts, s, e)
        fired = _fire(text, lowered, s, e, found, cited)
        score = sum([cue.weight for cue in fired])
        families = {cue.family for cue in fired}
        if "commercial" in families or (score >= C.THRESHOLD and not families & C.VETO):
            scored.append((sentence, found, round(score, 2), fired, families, cited))
            listing = _lists_items(text, e)
        elif listing and _is_list_item(text, s, e):
            # "Common symptoms are:" and its bullets: each item is part of the claim.
            item = Cue("listed", s, e, text[s:e], C.THRESHOLD)
            families.add("listed")
            scored.append((sentence, found, C.THRESHOLD, (*fired, item), families, cited))
            continue
        else:
            listing = False

    ids = unique_ids(text[sentence.start : sentence.end] for sentence, *_ in scored)
    claims = []
    for claim_id_, (sentence, found, score, fired, families, cited) in zip(
        ids, scored, strict=True
    ):
        view = _Sentence(text, lowered, sentence.start, sentence.end, found)
        strength = view.strength()
        claims.append(
            Claim(
                id=claim_id_,
                start=view.start,
                end=view.end,
                text=view.original,
                kind=view.kind(families),
                score=score,
                strength=strength,
                cues=fired,
                flags=view.flags(
                    strength,
                    any(c.status != "dangling" for c in cited),
                    hits.mentioned,
                    families,
                ),
                citations=cited,
            )
        )
    return tuple(claims)


_POSITIVE_CUES = tuple(
    (key, family.name, family.weight, family.pattern is C.NUMBER, family.name == "entity")
    for key, family in zip(FAMILY_KEYS, C.POSITIVE, strict=True)
)
"""What :func:`_fire` needs of each positive family: its key, name, weight and whether
it is the digits family (masked for years, citations, names) or the entity family."""
_NEGATIVE_CUES = tuple((family.name, family.weight, family.cased) for family in C.NEGATIVE)
_BULLET_BEFORE = re.compile(r"(?<![^\n])[ \t>]*(?:[-*+•●▪‣◦–—]|\d{1,3}[.)])[ \t]+$")


def _lists_items(text: str, end: int) -> bool:
    """A claim that ends by announcing a list ("Symptoms include:"): its items follow."""
    return text[end - 4 : end].rstrip('*_"”’)').endswith(":")


def _is_list_item(text: str, start: int, end: int) -> bool:
    """The sentence is a whole short list item right under the lead-in."""
    if not _BULLET_BEFORE.search(text, max(0, start - 12), start):
        return False
    nl = text.find("\n", end)
    line_end = len(text) if nl == -1 else nl
    return not text[end:line_end].strip() and len(text[start:end].split()) <= 20


def _fire(
    text: str,
    lowered: str,
    s: int,
    e: int,
    found: dict[str, Spans],
    cited: tuple[Citation, ...],
) -> tuple[Cue, ...]:
    """The cues of one sentence, each family once, its first match quoted."""
    fired: list[Cue] = []
    seen: set[str] = set()
    cite_starts: list[int] | None = None
    original = text[s:e]
    masks = found.get("discourse")
    enumeration = C.ENUMERATION.match(original)
    if enumeration:
        masks = [*(masks or ()), (s + enumeration.start(), s + enumeration.end())]
    get = found.get
    for key, name, weight, digits, entity in _POSITIVE_CUES:
        spans = get(key)
        if not spans or name in seen:
            continue
        for ms, me in spans:
            if digits:
                if cite_starts is None:
                    cite_starts = [c.start for c in cited]
                if _masked(text, ms, me, found, cited, cite_starts):
                    continue
            if entity and _opens_sentence(text, s, ms):
                continue
            if masks and any(a <= ms and me <= b for a, b in masks):
                continue
            fired.append(Cue(name, ms, me, text[ms:me], weight))
            seen.add(name)
            break
    negative = False
    tail = original.rstrip(_CLOSERS)
    for name, weight, cased in _NEGATIVE_CUES:
        if cased:
            found_at = _cased_negative(name, original, tail, enumeration)
            if not found_at:
                continue
            span = (s + found_at[0], s + found_at[1])
        else:
            spans = get(name)
            if not spans:
                continue
            span = spans[0]
        fired.append(Cue(name, *span, text[span[0] : span[1]], weight))
        negative = True
    # Fewer than SHORT_WORDS words: splitting off that many is enough to tell.
    if len(original.split(None, C.SHORT_WORDS - 1)) < C.SHORT_WORDS:
        fired.append(Cue("short", s, e, original, C.SHORT_WEIGHT))
    elif not negative and (span := _assertion(lowered, s, e, found, fired)):
        fired.insert(0, Cue("assertion", *span, text[span[0] : span[1]], C.ASSERTION_WEIGHT))
    return tuple(fired)


_CLOSERS = "\"”’')]*_"


def _cased_negative(
    name: str, original: str, tail: str, enumeration: re.Match[str] | None
) -> tuple[int, int] | None:
    """Where a negative family that reads the original text fires in a sentence
    (``tail``: the sentence without its closing quotes and brackets)."""
    if name in ("question", "exclamation"):
        mark = "?" if name == "question" else "!"
        return (len(tail) - 1, len(original)) if tail.endswith(mark) else None
    if name == "enumeration":
        return enumeration.span() if enumeration else None
    if name == "imperative":
        match = C.IMPERATIVE.match(original)
        if not match or C.CLAUSE.search(original, match.end()):
            return None  # "Take 2 g a day; it is safe": the clause after it is the claim.
        if C.SUBJECT_NOUN.match(original, match.end()):
            return None  # "Share prices fell": the first word was a noun, not a command.
        return match.span()
    match = C.NEGATIVE_CASED[name].search(original)
    return match.span() if match else None


def _assertion(
    lowered: str, s: int, e: int, found: dict[str, Spans], fired: list[Cue]
) -> tuple[int, int] | None:
    """The verb that makes the sentence an assertion: a finite verb, or the verb of a
    past event ("left", "ignored")."""
    auxiliaries = found.get("auxiliary")
    if auxiliaries:
        return auxiliaries[0]
    past = next(((c.start, c.end) for c in fired if c.family == "past"), None)
    if past:
        return past
    verb = C.DECLARATIVE.search(lowered, s, e)
    return verb.span() if verb else None


def _opens_sentence(text: str, start: int, at: int) -> bool:
    """A capitalised name at ``at`` is just the sentence's first words."""
    return all(word[:1].isupper() for word in text[start:at].split())


_NAMING = frozenset(
    "type phase stage grade class tier category wave level step schedule figure fig. fig "
    "table section chapter article title version model number no. no covid".split()
)
"""Words before digits that name rather than count: "type 2 diabetes", "phase 3"."""


def _names(text: str, start: int) -> bool:
    """The digits at ``start`` are part of a name: "type 2", "phase 3", "COVID-19"."""
    before = text[max(0, start - 10) : start]
    if before.endswith("-"):
        return before[-2:-1].isalpha()
    words = before.split()
    return bool(words) and before[-1] in " \t" and words[-1].lower() in _NAMING


def _masked(
    text: str,
    start: int,
    end: int,
    found: dict[str, Spans],
    cited: tuple[Citation, ...],
    cite_starts: list[int],
) -> bool:
    """Digits that are a year, a citation marker or part of a name are not a quantity."""
    if _names(text, start) or (text[start - 1 : start] == "(" and text[end : end + 1] == ")"):
        return True  # "type 2", "phase 3", "COVID-19"; "(4)" is a citation
    years = found.get(YEAR_KEY, EMPTY)
    i = bisect_right(years, (start, end)) - 1
    for s, e in years[max(i, 0) : i + 2]:
        if s < end and start < e:
            return True
    # Citations are sorted and do not overlap: only the one before ``end`` can.
    j = bisect_right(cite_starts, end - 1) - 1
    return j >= 0 and cited[j].end > start


def _citations_in(
    citations: Sequence[Citation], starts: list[int], start: int, end: int
) -> tuple[Citation, ...]:
    i = bisect_right(starts, start - 1)
    out = []
    while i < len(citations) and citations[i].start < end:
        if citations[i].end <= end:
            out.append(citations[i])
        i += 1
    return tuple(out)


_NEGATION_BEFORE = re.compile(
    r"\b(?:not|no|never|neither|nor|cannot|without)\b[^,;.]*$|n['’]t\b[^,;.]*$"
)
_NO_SUBJECT = re.compile(r"(?<!\w)(?:no|none|nothing|not\s+a\s+single)\b[^,;.]*$")
_OBJECT_BEFORE = re.compile(
    r"\b(?:ask(?:s|ed|ing)?|urg(?:e|es|ed|ing)|invit(?:e|es|ed|ing)|encourag(?:e|es|ed|ing)|"
    r"remind(?:s|ed|ing)?|thank(?:s|ed|ing)?|tell(?:s|ing)?|told|call(?:s|ed|ing)?\s+on|"
    r"to|for|with|open\s+to|available\s+to|free\s+(?:to|for))\s+$"
)


class _Sentence:
    """One claim sentence: its text, lowered text and pattern hits."""

    def __init__(
        self, text: str, lowered: str, start: int, end: int, found: dict[str, Spans]
    ) -> None:
        self.start, self.end = start, end
        self.original = text[start:end]
        self.lowered = lowered
        self.found = found
        self._asserted: dict[str, Spans] = {}

    def find(self, name: str) -> Spans:
        return self.found.get(name, EMPTY)

    def asserted(self, name: str) -> Spans:
        """Matches that assert something: not in a purpose clause (``in order to
        reduce``), not an infinitive (``ability to regulate``). Worked out once a name
        (strength and two flag rules ask); callers do not change the list."""
        known = self._asserted.get(name)
        if known is not None:
            return known
        purpose = self.find("purpose")
        lowered = self.lowered
        spans = self._asserted[name] = [
            (s, e)
            for s, e in self.find(name)
            if not any(ps <= s < pe for ps, pe in purpose) and lowered[max(0, s - 3) : s] != "to "
        ]
        return spans

    def negated(self, spans: Spans) -> bool:
        """A negation shortly before the first of ``spans``: "does not cause"."""
        if not spans:
            return False
        at = spans[0][0]
        return bool(_NEGATION_BEFORE.search(self.lowered, max(self.start, at - 24), at))

    def unnegated(self, spans: Spans) -> Spans:
        """``spans`` whose subject is not "no …" / "none" ("No deaths have been reported")."""
        return [
            (s, e)
            for s, e in spans
            if not _NO_SUBJECT.search(self.lowered, max(self.start, s - 40), s)
        ]

    def subjects(self, spans: Spans) -> Spans:
        """``spans`` not in object position ("asking everyone", "open to everyone")."""
        return [
            (s, e)
            for s, e in spans
            if not _OBJECT_BEFORE.search(self.lowered, max(self.start, s - 24), s)
        ]

    def strength(self) -> str:
        """``direct`` | ``conditional`` | ``correlational`` | ``none``."""
        causal = self.asserted(KEY["causal"])
        if causal:
            first = causal[0][0]
            if any(e <= first and first - e <= 40 for _, e in self.find("conditional")):
                return "conditional"
            return "direct"
        return "correlational" if self.find(KEY["correlational"]) else "none"

    def says(self, name: str) -> bool:
        """Whether the pattern ``name`` of ``KIND_PATTERNS`` matches the sentence read
        on its own (``\b`` at its start sees no character before it)."""
        start = self.start
        before = self.lowered[start - 1] if start else ""
        if before.isalnum() or before == "_":  # a word character: the scan saw it
            return bool(KIND_PATTERNS[name].search(self.lowered[start : self.end]))
        return name in self.found

    def kind(self, families: set[str]) -> str:
        if "commercial" in families:
            return "commercial"
        if self.find("safety") or self.says("kind:safety"):
            return "safety"
        if families & {"number", "ratio"} or {"change", "comparative"} <= families:
            return "quantity"
        if families & {"health", "causal"} and self.says("kind:efficacy"):
            return "efficacy"
        if families & {"evidence", "attributed_belief", "null_finding"}:
            return "evidence"
        if "definition" in families:
            return "definition"
        if "mechanism" in families:
            return "mechanism"
        for family, kind in (
            ("causal", "causal"),
            ("correlational", "correlation"),
            ("comparative", "comparison"),
            ("prediction", "prediction"),
            ("rules", "regulatory"),
            ("definition", "definition"),
            ("attribution", "attributed"),
            ("past", "event"),
        ):
            if family in families:
                return kind
        return "advice" if self.find("advice") else "statement"

    def hits(self, name: str) -> Spans:
        """What a flag rule quotes: asserted causal wording (``strong``, ``causal``) or
        the matches of one family."""
        if name == "strong":
            return self.asserted("strong_causal")
        if name == "causal":
            return self.asserted(KEY["causal"])
        if name == "vague":
            return self.unnegated(self.find("vague"))
        if name == "generalised":
            return self.subjects(self.find("generalised"))
        if name == "animal_people":
            animal, people = self.find("animal"), self.find("people")
            return sorted([animal[0], people[0]]) if animal and people else EMPTY
        if name == "commercial":
            return self.find(KEY["commercial"])
        return self.find(name)

    def quoted(self, spans: Spans) -> str:
        offset = self.start
        return ", ".join(f"“{self.original[s - offset : e - offset]}”" for s, e in spans)

    def flags(
        self, strength: str, cited: bool, article: set[str], families: Set[str] = frozenset()
    ) -> tuple[Flag, ...]:
        """Pre-flags: prompts that the wording may overreach, each with its reason, by
        the rules of :data:`~referee.text.flag_rules.FLAG_RULES` in order. ``article`` names the patterns found
        anywhere in the article's prose, ``families`` the cue families of the sentence."""
        facts = Facts(strength, cited, article, families)
        flags: list[Flag] = []
        found = self.found
        for rule, needed in _RULES:
            if needed not in found:
                continue  # what the rule quotes cannot be there
            severity = rule.severity_cited if cited else rule.severity
            if severity is None or (rule.alone and flags):
                continue
            hits = self.hits(rule.hits)
            if not hits or not rule.when(self, facts):
                continue
            reason = rule.reason.format(
                quoted=self.quoted(hits[: rule.quote]), uncited="" if cited else " with no citation"
            )
            marked = hits[: rule.mark]
            flags.append(
                Flag(
                    rule.code, severity, reason + rule.more(self, hits), marked[0][0], marked[-1][1]
                )
            )
        return tuple(flags)


_NEEDED = {"strong": "strong_causal", "causal": KEY["causal"], "animal_people": "animal"}
_NEEDED["commercial"] = KEY["commercial"]
_RULES = tuple((rule, _NEEDED.get(rule.hits, rule.hits)) for rule in FLAG_RULES)
"""Each flag rule with the pattern :meth:`_Sentence.hits` needs to have found for it."""


def describe_span(text: str, start: int, end: int, citations: Sequence[Citation] = ()) -> Claim:
    """A span the reviewer chose, analysed as the article's claims are (kind, score,
    cues, flags, the citations inside it), whatever its score: the reviewer has already
    said it is a claim. Its id is the claim id of its text."""
    lowered = C.lower(text)
    sentence = Sentence(start, end, 0)
    hits = Hits(text, lowered, [sentence])
    found = hits.buckets[0]
    cited = _citations_in(citations, [c.start for c in citations], start, end)
    fired = _fire(text, lowered, start, end, found, cited)
    view = _Sentence(text, lowered, start, end, found)
    strength = view.strength()
    families = {cue.family for cue in fired}
    return Claim(
        id=claim_id(text[start:end]),
        start=start,
        end=end,
        text=text[start:end],
        kind=view.kind(families),
        score=round(sum(cue.weight for cue in fired), 2),
        strength=strength,
        cues=fired,
        flags=view.flags(
            strength, any(c.status != "dangling" for c in cited), hits.mentioned, families
        ),
        citations=cited,
    )
