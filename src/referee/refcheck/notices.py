"""What was published about a work after it: retractions, expressions of concern, corrections.

Each service names them its own way: Crossref ``updated-by[].type`` and ``relation`` keys,
PubMed ``CommentsCorrections/@RefType``, Europe PMC ``commentCorrection.type``. They are
read from the record of the cited work itself, never from a notice's own record (a
notice points *at* the work: Crossref ``update-to``, PubMed ``RetractionOf``/``ErratumFor``).
"""

from __future__ import annotations

RETRACTION = "retraction"
CONCERN = "concern"
CORRECTION = "correction"

_KINDS = {
    # Crossref updated-by types
    "retraction": RETRACTION,
    "withdrawal": RETRACTION,
    "removal": RETRACTION,
    "partial_retraction": RETRACTION,
    "expression_of_concern": CONCERN,
    "expression-of-concern": CONCERN,
    "correction": CORRECTION,
    "erratum": CORRECTION,
    "corrigendum": CORRECTION,
    "addendum": CORRECTION,
    "clarification": CORRECTION,
    # Crossref relation keys (on the work)
    "is-retracted-by": RETRACTION,
    "has-expression-of-concern": CONCERN,
    "is-corrected-by": CORRECTION,
    "has-correction": CORRECTION,
    # PubMed CommentsCorrections RefType (on the work)
    "retractionin": RETRACTION,
    "partialretractionin": RETRACTION,
    "expressionofconcernin": CONCERN,
    "erratumin": CORRECTION,
    "correctedandrepublishedin": CORRECTION,
    # Europe PMC commentCorrection type (on the work)
    "retraction in": RETRACTION,
    "partial retraction in": RETRACTION,
    "expression of concern in": CONCERN,
    "erratum in": CORRECTION,
    "corrected and republished in": CORRECTION,
}
"""Update names (lower case) onto the three kinds; anything else (``new_version``,
``CommentIn``, ``Update in``) is not a notice about the work's reliability."""

RETRACTED_PUBTYPES = frozenset({"retracted publication"})
"""PubMed / Europe PMC publication types that mark the work itself as retracted."""


def kind_of_update(name: str) -> str | None:
    """``retraction`` | ``concern`` | ``correction`` for an update name, else None."""
    return _KINDS.get(name.strip().lower())
