"""Family names from the ways services write people: ``"J. R. R. Tolkien"``, ``"Yin, Hui"``."""

from __future__ import annotations

PARTICLES = frozenset(
    {"van", "von", "der", "den", "de", "del", "della", "di", "da", "du", "la", "le", "dos"}
    | {"das", "ter", "ten", "bin", "ibn", "al", "el", "st", "st."}
)
SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})


def family_name(full: str) -> str:
    """The family name of a personal name in either order; an organisation is kept whole.

    ``"Yin, Hui"`` → ``Yin``; ``"J. R. R. Tolkien"`` → ``Tolkien``; ``"Peter H. N. de With"``
    → ``de With``; ``"Martin Luther King Jr."`` → ``King``.
    """
    full = " ".join(full.split())
    if "," in full:
        return full.split(",", 1)[0].strip()
    words = [w for w in full.split() if w.lower() not in SUFFIXES]
    if len(words) <= 1:
        return " ".join(words)
    family = [words[-1]]
    for word in reversed(words[:-1]):
        if word.lower() in PARTICLES:
            family.insert(0, word)
        else:
            break
    return " ".join(family)
