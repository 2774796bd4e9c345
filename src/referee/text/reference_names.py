"""Family names from the author (or editor) part of a reference, in any name order.

The trained parser says *which* words are the authors; rules say which of them are
family names, because name order is a matter of convention the rules can read:

* ``Surname, I. I., Surname, I., & Surname, I.`` (APA, Harvard)
* ``Surname II, Surname I, et al.`` and ``SURNAME I.`` (Vancouver, French styles)
* ``I. I. Surname, I. Surname, and I. Surname`` (IEEE, physics)
* ``Surname, Given, and Given Surname`` (Chicago, MLA: only the first is inverted)
* ``Surname, Given; Surname, Given`` (semicolons)
* corporate authors (``World Health Organization``) kept whole.

Particles (``van der``, ``de``, ``Di``) stay with the family name.
"""

from __future__ import annotations

import re

from referee.text import name_year

PARTICLES = name_year.PARTICLES | frozenset(["zu", "vander", "st", "st.", "y"])
"""Words that belong to the family name that follows them (the shared list, and a few
that only name order needs)."""
# fmt: off
_ORG_WORDS = frozenset("""
organization organisation association institute academies institutes associations
societies agencies councils ministries organizations institut society committee group council
agency department ministry foundation centers centre center office bureau university
collaboration consortium team network board commission service services administration
federation college academy authority trust union alliance initiative program programme
project unit corporation company inc ltd bank fund nations panel taskforce force secretariat
government coalition investigators staff working party registry survey unesco unicef oecd who
cdc nih nice fda ema
""".split())
# fmt: on
_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "2nd", "3rd"})
_LOWER_ORG_WORDS = frozenset({"of", "for", "and", "on", "the", "in", "to", "&"})

_NOISE = re.compile(
    r"(?i)\bet\s*al\b\.?|\band\s+others\b|\bu\.\s*a\.|…|\.\.\.|\[\s*\.\.\.\s*\]|"
    r"\(\s*(?:eds?|editors?|hrsg|hg|comps?|coords?|dirs?|trans|trad)\.?\s*\)|"
    r"\b(?:eds?|editors?|hrsg|hg|comps?|trans|transl)\.?(?=[\s,;.]*$)|"
    r"^\s*(?:in:?|edited\s+by|ed\.\s+by|eds\.|by|hrsg\.\s+v\.|hg\.\s+v\.|translated\s+by)\s+|"
    r"^[—–\-_]{2,}\.?"
)
_SEPARATOR = re.compile(r"\s*,\s*(?:(?:and|&|und|et|y)\s+)?|\s+(?:and|&|und|et|y)\s+")
_INITIAL_DOTTED = re.compile(r"^(?:[A-ZÀ-ÞŁ][a-z]?\.-?)+,?$|^[A-ZÀ-ÞŁ]-[A-ZÀ-ÞŁ]\.?$")
_INITIAL_BARE = re.compile(r"^[A-ZÀ-ÞŁ]{1,3}\.?$")
_WORD = re.compile(r"\S+")


def is_initials(word: str) -> bool:
    """``J.``, ``J.M.``, ``J.-M.``, ``Ch.``, ``JM``: initials, not a name."""
    word = word.strip(",;")
    return bool(_INITIAL_DOTTED.match(word) or _INITIAL_BARE.match(word))


def _dotted(word: str) -> bool:
    return bool(_INITIAL_DOTTED.match(word.strip(",;")))


_ORG_ENDINGS = ("ministerium", "ministère", "ministerio", "bundesamt", "institut", "verband")
"""Endings of (German, French, Spanish) compound organisation words: ``Bundesministerium``."""
_PERSON_PAIR = re.compile(
    r"(?:[A-ZÀ-Þ][a-zà-ÿ'’\-]+\s){1,2}[A-ZÀ-Þ][\w'’\-]+\s+(?:and|&)\s+"
    r"(?:[A-ZÀ-Þ][a-zà-ÿ'’\-]+\s){1,2}[A-ZÀ-Þ][\w'’\-]+\.?"
)
"""``Jeffrey Dean and Sanjay Ghemawat``: two people with given names first (ACM)."""


def names_organisation(text: str) -> bool:
    """Whether ``text`` holds an organisation word (``Institute``, ``Academies``, ``Office``)."""
    words = [w.strip(".,;:()").lower() for w in text.split()]
    return any(w in _ORG_WORDS or w.endswith(_ORG_ENDINGS) for w in words)


def is_corporate(text: str) -> bool:
    """A corporate author: organisation words, or lower-case joining words."""
    if names_organisation(text):
        return True
    words = [w.strip(".,;:()").lower() for w in text.split()]
    joining = [w for w in words[1:-1] if w in _LOWER_ORG_WORDS]
    return (
        len(words) >= 3
        and bool(joining)
        and "," not in text
        and not any(is_initials(w) for w in text.split())
        and not _PERSON_PAIR.fullmatch(text.strip())
    )


def _clean(text: str) -> str:
    text = " ".join(text.split())
    if "(" in text and not _NOISE.match(text):
        text = re.sub(r"\s*\((?!\s*(?:eds?|editors?|hrsg|hg)\b)[^()]{0,200}\)", "", text)
    for _ in range(3):
        cleaned = _NOISE.sub(" ", text).strip(" ,;:")
        if cleaned == text:
            break
        text = cleaned
    text = text.strip(" ,;:.")
    return text + "." if re.search(r"\b[A-Z]$", text) else text


def _strip_suffix(words: list[str]) -> list[str]:
    while len(words) > 1 and words[-1].strip(".,").lower() in _SUFFIXES:
        words = words[:-1]
    return words


def _natural(words: list[str]) -> str:
    """``Thomas F. LaPorta`` -> ``LaPorta``; ``Ludwig van Beethoven`` -> ``van Beethoven``."""
    words = _strip_suffix(words)
    i = len(words) - 1
    while i > 0 and words[i - 1].lower() in PARTICLES and i - 1 > 0:
        i -= 1
    return " ".join(words[i:])


def _kind(token: str) -> str:
    """``I`` initials only, ``SI`` surname then initials, ``IS`` initials then surname,
    ``S`` one name (with particles), ``GS`` several name words."""
    words = _strip_suffix(token.split())
    if not words:
        return "I"
    if all(is_initials(w) for w in words) and (
        len(words) > 1 or _dotted(words[0]) or len(words[0]) <= 3
    ):
        return "I"
    if (
        len(words) > 1
        and is_initials(words[-1])
        and not all(is_initials(w) for w in words[:-1])
        and not _dotted(words[0])
    ):
        return "SI"
    if len(words) > 1 and _dotted(words[0]):
        return "IS"
    if len(words) > 1 and len(words[0]) > 1 and words[0].isupper() and not words[-1].isupper():
        return "UG"  # "BOURDIEU Pierre": the family name in capitals first
    names = [w for w in words if w.lower() not in PARTICLES]
    return "S" if len(names) <= 1 or "-" in token else "GS"


def _family(token: str, kind: str) -> str:
    words = _strip_suffix(token.split())
    if kind == "SI":
        while len(words) > 1 and is_initials(words[-1]):
            words = words[:-1]
        return " ".join(words)
    if kind == "IS":
        i = 0
        while i < len(words) - 1 and (is_initials(words[i]) or _dotted(words[i])):
            i += 1
        return " ".join(words[i:])
    if kind == "GS":
        return _natural(words)
    if kind == "UG":
        caps = [w for w in words if w.isupper() or w.lower() in PARTICLES]
        return " ".join(words[: max(1, len(caps))]) if words[0].isupper() else words[0]
    return " ".join(words)


def _given_like(token: str) -> bool:
    """A token that can be the given names of an inverted ``Surname, Given``."""
    words = token.split()
    return 0 < len(words) <= 3 and all(w[:1].isupper() or w.lower() in PARTICLES for w in words)


def _persons(text: str) -> list[str]:
    if ";" in text:
        names = []
        for part in text.split(";"):
            part = part.strip(" ,.")
            if not part:
                continue
            head, _, given = part.partition(",")
            if given and _given_like(given.strip()) and _kind(head.strip()) in ("S", "GS"):
                names.append(head.strip())  # "Hamrouni, Abdellatif"
            elif is_corporate(part):
                names.append(part)
            else:
                names.extend(_persons(part))
        return names
    tokens = [
        t.strip(" .") if not _dotted(t.strip()) else t.strip() for t in _SEPARATOR.split(text)
    ]
    tokens = [t for t in tokens if t and t.lower() not in ("and", "&")]
    names: list[str] = []
    inverted_given = False
    i = 0
    while i < len(tokens):
        token = tokens[i]
        kind = _kind(token)
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        nxt_kind = _kind(nxt) if nxt is not None else None
        if kind == "I":
            i += 1  # stray initials
            continue
        if nxt_kind == "I" and kind in ("S", "GS"):
            names.append(" ".join(_strip_suffix(token.split())))
            i += 2
            continue
        if (
            kind == "S"
            and nxt is not None
            and nxt_kind in ("S", "SI", "GS")
            and (i == 0 or inverted_given)
            and _given_like(nxt)
        ):
            # "Smith, John, and Kate Jones": the first name is inverted.
            names.append(token)
            inverted_given = (
                nxt_kind == "S" and i == 0 and len(tokens) > 2 and _kind(tokens[2]) == "S"
            )
            i += 2
            continue
        names.append(_family(token, kind))
        i += 1
    return [n for n in names if n]


def family_names(text: str) -> tuple[str, ...]:
    """The family names of the people in ``text``, in order (an organisation whole)."""
    text = _clean(text)
    if not text:
        return ()
    # "U.S. Government Accountability Office": a dotted abbreviation is no initials.
    undotted = re.sub(r"\b(?:[A-Z]\.){2,}(?=\s+[A-Z][a-z])", "", text)
    people = re.search(r",\s*(?:[A-Z]\.|[A-Z]{1,3}\b)|\b[A-Z]{1,3}[,;]|\b[A-Z]\.\s", undotted)
    if is_corporate(text) and not people:
        return (text.rstrip("."),)
    return tuple(n.strip(" ,.;:") for n in _persons(text) if n.strip(" ,.;:"))
