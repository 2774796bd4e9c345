"""The pre-flags of a claim, one rule each: what fires it, its severity, its reason.

:meth:`referee.text.claims._Sentence.flags` runs :data:`FLAG_RULES` in order on a claim
sentence; a rule reads the sentence's pattern hits (``Sentence.hits``) and the
:class:`Facts` around it. Flags are prompts for the reviewer, never verdicts.
"""

from __future__ import annotations

from collections.abc import Callable, Set
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from referee.text.claims import _Sentence as Sentence

Spans = list[tuple[int, int]]


class Facts(NamedTuple):
    """What flag rules know beyond the sentence."""

    strength: str
    """``direct`` | ``conditional`` | ``correlational`` | ``none`` (:meth:`Sentence.strength`)"""
    cited: bool
    article: set[str]
    """Patterns found anywhere in the article's prose."""
    families: Set[str] = frozenset()
    """The cue families that fired on the sentence."""


def _always(sentence: Sentence, facts: Facts) -> bool:
    return True


def _nothing_more(sentence: Sentence, hits: Spans) -> str:
    return ""


def _can(sentence: Sentence, hits: Spans) -> str:
    can = any(e <= hits[0][0] for _, e in sentence.find("can"))
    return "; “can” asserts capability" if can else ""


def _debunks_or_advises(sentence: Sentence, facts: Facts) -> bool:
    """A negative finding ("found no link", "does not cause") or advice."""
    return bool(
        facts.families & {"null_finding", "imperative"}
        or sentence.find("advice")
        or sentence.negated(sentence.asserted("strong_causal"))
    )


def _animal_to_human(sentence: Sentence, facts: Facts) -> bool:
    """An animal or lab model and a causal conclusion about people in one sentence."""
    return facts.strength in ("direct", "conditional") and bool(sentence.find("people"))


class Rule(NamedTuple):
    """One pre-flag: it fires when the sentence has ``hits`` and ``when`` holds."""

    code: str
    hits: str
    """The matches it quotes and marks (see :meth:`Sentence.hits`)."""
    severity: int | None
    """Severity on an uncited claim (2 likely overreach, 1 worth a look, 0 a note)."""
    severity_cited: int | None
    """Severity on a cited claim; None: a citation answers it."""
    reason: str
    """``{quoted}``: the matches, quoted; ``{uncited}``: " with no citation" or ""."""
    when: Callable[[Sentence, Facts], bool] = _always
    quote: int | None = None
    """How many matches the reason quotes (None: all)."""
    mark: int | None = None
    """How many matches the flag's span covers (None: all)."""
    more: Callable[[Sentence, Spans], str] = _nothing_more
    """Words added to the reason."""
    alone: bool = False
    """Only when no rule before it fired."""


# fmt: off
FLAG_RULES = (
    # Not on a debunking ("found no link") nor on advice ("Avoid X to reduce Y").
    Rule("causal-unsupported", "strong", 2, None,
          "causal or efficacy wording {quoted}, not hedged{uncited}",
          when=lambda s, f: (
              f.strength == "direct" and not s.find("hedge") and not _debunks_or_advises(s, f)
          ),
          quote=2, mark=1, more=_can),
    Rule("booster", "booster", 2, 1, "booster {quoted}{uncited}"),
    # "No deaths have been reported" names no vague source (Sentence.unnegated).
    Rule("vague-attribution", "vague", 2, None,
          "vague attribution {quoted}: who found this, where?{uncited}"),
    # "asking everyone", "open to everyone": not what is claimed (Sentence.subjects).
    Rule("generalization", "generalised", 1, None, "generalisation {quoted}{uncited}"),
    Rule("promise-wording", "promise", 1, 1,
          "promise wording {quoted} often signals early or weak evidence"),
    Rule("safety-claim", "safety", 2, None, "safety claim {quoted}{uncited}"),
    Rule("animal-or-lab-evidence", "animal", 0, 0, "animal or laboratory evidence {quoted}",
          when=lambda s, f: f.cited or not _animal_to_human(s, f)),
    # Only with an animal or lab model in the sentence itself, taken to people.
    Rule("animal-to-human", "animal_people", 1, None,
          "animal or laboratory evidence taken to people: {quoted}{uncited}",
          when=_animal_to_human),
    Rule("correlation-as-causation", "strong", 1, None,
          "causal wording {quoted} in an article that describes observational evidence",
          when=lambda s, f: f.strength == "direct" and "observational" in f.article,
          quote=1, mark=1),
    Rule("advice", "advice", 1, 1, "advice {quoted}"),
    Rule("conflict-of-interest", "commercial", 2, 2,
          "sales pitch, affiliate or sponsorship {quoted}: the article may gain from what it "
          "claims", quote=1, mark=1),
    Rule("hedged-unsupported", "causal", 0, None, "hedged causal claim {quoted}{uncited}",
          when=lambda s, f: f.strength == "conditional", quote=1, mark=1, alone=True),
)
# fmt: on
