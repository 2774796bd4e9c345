"""Names and dates as author-year citations and reference entries write them.

One home for the pieces that the reference list (``references``, ``reference_fields``)
and running text (``citations``) must read alike: a citation ``Der Berg (2019)`` finds
the entry ``Der Berg, J. (2019). …`` only if both read the family name the same way.
"""

from __future__ import annotations

import re

YEAR = r"(?:1[89]|20)\d{2}"
"""A publication year, 1800-2099."""

APA_DATE = rf"{YEAR}[a-z]?|n\.\s?d\.(?:-[a-z])?|in\s+press"
"""What stands in an APA date's parentheses: ``2019``, ``2019b``, ``n.d.``, ``in press``."""

APA_YEAR = re.compile(rf"\(\s*(?P<year>{APA_DATE})(?:,\s*[^)]*)?\)\.?")
"""An APA date in its parentheses, a month or day after a comma: ``(2019, March 3).``"""

FAMILY_NAME = r"[A-Z\u00C0-\u00DE][\w'\u2019]*(?:-[A-Z\u00C0-\u00DE]?[\w'\u2019]+)?"
"""A capitalised family name, double-barrelled or not: ``García-López``, ``O'Donnell``."""

# fmt: off
PARTICLES = frozenset([
    "van", "von", "der", "den", "de", "del", "della", "da", "di", "du", "dos", "das", "le",
    "la", "al", "el", "bin", "ben", "ibn", "ter", "ten",
])
# fmt: on
"""Words in front of a family name that are part of it but not its key (``van der
Berg`` is filed under Berg): Dutch, German, Romance, Arabic and Hebrew particles."""

LOWER_PARTICLE = "|".join(sorted(PARTICLES, key=len, reverse=True))
"""Regex alternation of one particle in lower case, where case tells a particle from a
name (a reference-list line starting ``van der Berg,`` starts an entry)."""

PARTICLE = "|".join(f"[{w[0]}{w[0].upper()}]{w[1:]}" for w in sorted(PARTICLES, key=len)[::-1])
"""Regex alternation of one particle, lower case or capitalised as at the start of a
sentence or in Flemish and Afrikaans names: ``van``, ``Van``, ``der``, ``Der``."""
