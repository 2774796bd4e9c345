"""Reference ids (first author + year, ``zhang2021``) and the name keys that link
citations to entries: folded, particles dropped, organisations by their acronym."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

from referee.text.name_year import PARTICLES

# --- Names and ids --------------------------------------------------------------------

# fmt: off
_TITLE_STOP = frozenset([
    "a", "an", "the", "of", "on", "in", "and", "for", "to", "with", "is", "are", "do",
    "does", "how", "what", "why", "when", "can", "from", "at", "by", "or", "as", "its",
    "their", "our", "your",
])
# fmt: on


def fold(name: str) -> str:
    """ASCII-folded, lower-case letters only: ``Gómez`` -> ``gomez``."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed.lower() if "a" <= c <= "z")


@lru_cache(maxsize=4096)
def surname_key(name: str) -> str:
    """The matching key of a family name: folded, particles and a leading
    ``The`` dropped, possessive removed. ``van der Berg`` -> ``berg``."""
    name = re.sub(r"['\u2019]s$", "", name.strip())
    words = [w for w in re.split(r"[\s\-]+", name) if w]
    if len(words) > 1 and words[0].lower() == "the":
        words = words[1:]
    while len(words) > 1 and words[0].lower() in PARTICLES:
        words = words[1:]
    return fold("".join(words))


def acronym(name: str) -> str:
    """Initials of the capitalised words: ``World Health Organization`` -> ``who``."""
    words = [w for w in name.split() if w[:1].isupper()]
    return fold("".join(w[0] for w in words)) if len(words) >= 2 else ""


def _year_key(year: str | None) -> str:
    if not year:
        return ""
    if year.startswith("n"):
        return "nd" + fold(year[4:])
    return fold(year) if not year[:1].isdigit() else year[:4] + fold(year[4:])


def reference_ids(parsed: list[dict], labels: list[str | None]) -> list[str]:
    """Readable ids, ``zhang2021``; colliding ids all get ``a``, ``b``, ``c`` ..."""
    bases = []
    for n, (fields, label) in enumerate(zip(parsed, labels, strict=True), start=1):
        authors = fields.get("authors") or fields.get("editors") or ()
        year = _year_key(fields.get("year"))
        base = fold(authors[0]) if authors else ""
        if not base:
            words = re.findall(r"[^\W\d_]+", fields.get("title") or "")
            word = next((fold(w) for w in words if w.lower() not in _TITLE_STOP and fold(w)), "")
            base = word
        if base:
            bases.append(base + year)
        else:
            tag = re.sub(r"[^a-z0-9]", "", label.lower()) if label else ""
            bases.append("ref" + (tag or str(n)))
    counts = Counter(bases)
    taken = {b for b in bases if counts[b] == 1}
    ids = []
    tried: Counter[str] = Counter()  # suffixes of a base already taken: never tried again
    for base in bases:
        if counts[base] == 1:
            ids.append(base)
            continue
        while True:
            candidate = base + _letters(tried[base])
            tried[base] += 1
            if candidate not in taken:
                break
        taken.add(candidate)
        ids.append(candidate)
    return ids


def _letters(n: int) -> str:
    """0 -> a, 25 -> z, 26 -> aa ..."""
    out = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(97 + r) + out
    return out
