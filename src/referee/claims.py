"""Score sentences into claims: kind, score, cues, relation strength, flags, ids.

Every prose sentence is scored by explainable cue families (:mod:`referee.cues`);
those at or above the threshold are claims. Each claim carries *pre-flags*:
prompts that its wording may overreach what is shown, each with its reason.
"""

from __future__ import annotations

import base64
import hashlib
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Sequence

from referee import cues as C
from referee.model import Citation, Claim, Cue, Flag, Sentence

_SPACE = re.compile(r"\s+")
_EFFICACY = re.compile(
    r"\b(?:effective\w*|efficac\w+|cur(?:e|es|ed|ing)|treat(?:s|ed|ing|ment|ments)?|improv\w*|"
    r"reliev\w*|relief|alleviat\w*|heal\w*|promis\w+|benefit\w*|beneficial|analgesic|helps?)\b",
    re.IGNORECASE,
)
_SAFETY_WORDS = re.compile(
    r"\b(?:safe|safety|side\s+effects?|adverse|toxic\w*|harmless|well-tolerated|risk-free)\b",
    re.IGNORECASE,
)

# Kinds, most specific first.
KINDS = (
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
    "advice",
    "statement",
)


def claim_id(text: str) -> str:
    """``c`` + 8 base32 characters of the sha1 of the normalised text."""
    digest = hashlib.sha1(normalise(text).encode("utf-8")).digest()
    return "c" + base64.b32encode(digest[:5]).decode("ascii").lower()


def normalise(text: str) -> str:
    """Text as compared for identity: NFKC, case-folded, whitespace collapsed."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()


def unique_ids(texts: Iterable[str]) -> list[str]:
    """Stable ids for sentences in document order; repeats get ``-2``, ``-3``…"""
    seen: dict[str, int] = {}
    out = []
    for text in texts:
        base = claim_id(text)
        count = seen.get(base, 0) + 1
        seen[base] = count
        out.append(base if count == 1 else f"{base}-{count}")
    return out


class _Matches:
    """Every match of one pattern in the whole text, looked up by span."""

    def __init__(self, pattern: re.Pattern[str], text: str) -> None:
        self.spans = [(m.start(), m.end()) for m in pattern.finditer(text)]
        self.starts = [s for s, _ in self.spans]

    def within(self, start: int, end: int) -> list[tuple[int, int]]:
        i = bisect_right(self.starts, start - 1)
        out = []
        while i < len(self.spans) and self.spans[i][0] < end:
            if self.spans[i][1] <= end:
                out.append(self.spans[i])
            i += 1
        return out


def extract(
    text: str,
    sentences: Sequence[Sentence],
    citations: Sequence[Citation] = (),
) -> tuple[Claim, ...]:
    """The claims among ``sentences``."""
    positive = {family.name: _Matches(family.pattern, text) for family in C.POSITIVE}
    years = _Matches(C.YEAR, text)
    cite_starts = [c.start for c in citations]
    article_context = _ArticleContext(text, sentences)

    scored: list[tuple[Sentence, float, tuple[Cue, ...], tuple[Citation, ...]]] = []
    for sentence in sentences:
        s, e = sentence.start, sentence.end
        cited = _citations_in(citations, cite_starts, s, e)
        masked = [(c.start, c.end) for c in cited] + years.within(s, e)
        fired: list[Cue] = []
        for family in C.POSITIVE:
            for ms, me in positive[family.name].within(s, e):
                if family.name == "number" and _overlaps(ms, me, masked):
                    continue
                if family.name == "entity" and ms == s:
                    continue
                fired.append(Cue(family.name, ms, me, text[ms:me], family.weight))
                break
        sentence_text = text[s:e]
        words = len(sentence_text.split())
        for family in C.NEGATIVE:
            match = family.pattern.search(sentence_text)
            if match:
                fired.append(
                    Cue(
                        family.name,
                        s + match.start(),
                        s + match.end(),
                        match.group(),
                        family.weight,
                    )
                )
        score = sum(cue.weight for cue in fired)
        negative = any(cue.weight < 0 for cue in fired)
        if words < C.SHORT_WORDS:
            fired.append(Cue("short", s, e, "", C.SHORT_WEIGHT))
            score += C.SHORT_WEIGHT
        elif not negative and C.DECLARATIVE.search(sentence_text):
            fired.insert(0, Cue("assertion", s, e, "", C.ASSERTION_WEIGHT))
            score += C.ASSERTION_WEIGHT
        if score >= C.THRESHOLD:
            scored.append((sentence, round(score, 2), tuple(fired), cited))

    ids = unique_ids(text[sentence.start : sentence.end] for sentence, *_ in scored)
    claims = []
    for claim_id_, (sentence, score, fired, cited) in zip(ids, scored, strict=True):
        s, e = sentence.start, sentence.end
        sentence_text = text[s:e]
        strength = relation_strength(sentence_text)
        families = {cue.family for cue in fired}
        claims.append(
            Claim(
                id=claim_id_,
                start=s,
                end=e,
                text=sentence_text,
                kind=_kind(sentence_text, families),
                score=score,
                strength=strength,
                cues=fired,
                flags=flags_for(sentence_text, s, strength, bool(cited), article_context),
                citations=cited,
            )
        )
    return tuple(claims)


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


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


def _kind(sentence: str, families: set[str]) -> str:
    if C.SAFETY.search(sentence) or _SAFETY_WORDS.search(sentence):
        return "safety"
    if families & {"number", "ratio"} or ("change" in families and "comparative" in families):
        return "quantity"
    if _EFFICACY.search(sentence) and families & {"health", "causal"}:
        return "efficacy"
    if families & {"evidence", "attributed_belief"}:
        return "evidence"
    if "mechanism" in families:
        return "mechanism"
    for family, kind in (
        ("causal", "causal"),
        ("correlational", "correlation"),
        ("comparative", "comparison"),
        ("prediction", "prediction"),
        ("rules", "regulatory"),
    ):
        if family in families:
            return kind
    if C.ADVICE.search(sentence):
        return "advice"
    return "statement"


def relation_strength(sentence: str) -> str:
    """``direct`` | ``conditional`` | ``correlational`` | ``none``."""
    causal = asserted(C.CAUSAL, sentence)
    if causal:
        hedges = [m.end() for m in C.CONDITIONAL.finditer(sentence)]
        first = causal[0].start()
        if any(h <= first and first - h <= 40 for h in hedges):
            return "conditional"
        return "direct"
    if C.CORRELATIONAL.search(sentence):
        return "correlational"
    return "none"


def asserted(pattern: re.Pattern[str], sentence: str) -> list[re.Match[str]]:
    """Matches of ``pattern`` that assert something: not inside a purpose clause
    (``in order to reduce``) and not an infinitive (``ability to regulate``)."""
    purpose = [m.span() for m in C.PURPOSE.finditer(sentence)]
    return [
        m
        for m in pattern.finditer(sentence)
        if not any(s <= m.start() < e for s, e in purpose)
        and sentence[max(0, m.start() - 3) : m.start()].lower() != "to "
    ]


class _ArticleContext:
    """What the whole article mentions, for flags that compare a sentence with it."""

    def __init__(self, text: str, sentences: Sequence[Sentence]) -> None:
        self.text = "\n".join(text[s.start : s.end] for s in sentences)
        self._animal: bool | None = None
        self._observational: bool | None = None

    @property
    def animal(self) -> bool:
        if self._animal is None:
            self._animal = C.ANIMAL.search(self.text) is not None
        return self._animal

    @property
    def observational(self) -> bool:
        if self._observational is None:
            self._observational = C.OBSERVATIONAL.search(self.text) is not None
        return self._observational


def flags_for(
    sentence: str, offset: int, strength: str, cited: bool, article: _ArticleContext
) -> tuple[Flag, ...]:
    """Pre-flags for one claim sentence starting at ``offset``."""
    flags: list[Flag] = []
    uncited = "" if cited else " with no citation"

    def add(code: str, severity: int, reason: str, matches: list[re.Match[str]]) -> None:
        start = offset + matches[0].start()
        end = offset + matches[-1].end()
        flags.append(Flag(code, severity, reason, start, end))

    def quoted(matches: list[re.Match[str]]) -> str:
        return ", ".join(f"“{m.group()}”" for m in matches)

    hedged = C.HEDGE.search(sentence) is not None
    causal_matches = asserted(C.CAUSAL, sentence)
    strong = asserted(C.STRONG_CAUSAL, sentence)

    if strength == "direct" and not hedged and not cited and strong:
        reason = f"causal or efficacy wording {quoted(strong[:2])}, not hedged{uncited}"
        if C.CAN.search(sentence, 0, strong[0].start()):
            reason += "; “can” asserts capability"
        add("causal-unsupported", 2, reason, strong[:1])
    if boosters := list(C.BOOSTER.finditer(sentence)):
        add("booster", 1 if cited else 2, f"booster {quoted(boosters)}{uncited}", boosters)
    if not cited and (vague := list(C.VAGUE.finditer(sentence))):
        add(
            "vague-attribution",
            2,
            f"vague attribution {quoted(vague)}: who found this, where?{uncited}",
            vague,
        )
    if not cited and (general := list(C.GENERALISED.finditer(sentence))):
        add("generalization", 1, f"generalisation {quoted(general)}{uncited}", general)
    if promise := list(C.PROMISE.finditer(sentence)):
        add(
            "promise-wording",
            1,
            f"promise wording {quoted(promise)} often signals early or weak evidence",
            promise,
        )
    if not cited and (safety := list(C.SAFETY.finditer(sentence))):
        add("safety-claim", 2, f"safety claim {quoted(safety)}{uncited}", safety)
    animal = list(C.ANIMAL.finditer(sentence))
    if animal:
        add("animal-or-lab-evidence", 0, f"animal or laboratory evidence {quoted(animal)}", animal)
    elif (
        not cited
        and article.animal
        and strength in ("direct", "conditional")
        and (people := list(C.PEOPLE.finditer(sentence)))
    ):
        add(
            "animal-to-human",
            1,
            "the article cites animal or laboratory work; this uncited claim is about "
            f"{quoted(people[:1])}",
            people[:1],
        )
    if strength == "direct" and article.observational and strong:
        add(
            "correlation-as-causation",
            1,
            f"causal wording {quoted(strong[:1])} in an article that describes "
            "observational evidence",
            strong[:1],
        )
    if advice := list(C.ADVICE.finditer(sentence)):
        add("advice", 1, f"advice {quoted(advice)}", advice)
    if not flags and strength == "conditional" and not cited and causal_matches:
        add(
            "hedged-unsupported",
            0,
            f"hedged causal claim {quoted(causal_matches[:1])}{uncited}",
            causal_matches[:1],
        )
    return tuple(flags)
