"""Who publishes a review and on what scale: the ``[publish]`` table of the config.

    [publish]
    author = "Example Fact Check"        # else the reviewer of each claim
    author_type = "Organization"         # or "Person"
    author_url = "https://factcheck.example.org"
    review_url = "https://factcheck.example.org/reviews/post"   # or --review-url
    best_rating = 3
    worst_rating = 1

    [publish.ratings]                    # verdict = { value, name } or just a name
    supported = { value = 3, name = "Supported" }
    overstated = { value = 2, name = "Overstated" }
    unsupported = { value = 1, name = "Unsupported" }

The defaults are the table above (supported 3, overstated 2, unsupported 1, on a
scale of 1 to 3), as the README documents: Google asks fact-checkers to publish
the number-to-text scale behind their ratings.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from referee.errors import RefereeError
from referee.review.record import VERDICTS

AUTHOR_TYPES = ("Organization", "Person")


@dataclass(frozen=True, slots=True)
class Rating:
    value: int
    name: str


DEFAULT_RATINGS: dict[str, Rating] = {
    "supported": Rating(3, "Supported"),
    "overstated": Rating(2, "Overstated"),
    "unsupported": Rating(1, "Unsupported"),
}
DEFAULT_BEST, DEFAULT_WORST = 3, 1


@dataclass(frozen=True, slots=True)
class Publisher:
    ratings: dict[str, Rating]
    best: int = DEFAULT_BEST
    worst: int = DEFAULT_WORST
    author: str | None = None
    author_type: str = "Organization"
    author_url: str | None = None
    review_url: str | None = None

    def verdict_for_tag(self, tag: str) -> str | None:
        """The verdict a tag names: the verdict itself or its rating name, any case."""
        folded = tag.strip().casefold()
        for verdict in VERDICTS:
            if folded in (verdict, self.ratings[verdict].name.casefold()):
                return verdict
        return None


def _text(table: dict[str, Any], key: str, where: str) -> str | None:
    value = table.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise RefereeError(f"{where}: [publish] {key} must be a non-empty string")
    return value.strip()


def _int(table: dict[str, Any], key: str, default: int, where: str) -> int:
    value = table.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int):
        raise RefereeError(f"{where}: [publish] {key} must be a whole number")
    return value


def publisher_from(table: dict[str, Any], where: str = "config") -> Publisher:
    """The publisher a config's ``[publish]`` table describes (``{}``: the defaults)."""
    best = _int(table, "best_rating", DEFAULT_BEST, where)
    worst = _int(table, "worst_rating", DEFAULT_WORST, where)
    if worst >= best:
        raise RefereeError(f"{where}: [publish] worst_rating must be below best_rating")
    given = table.get("ratings", {})
    if not isinstance(given, dict):
        raise RefereeError(f"{where}: [publish.ratings] must be a table")
    unknown = sorted(set(given) - set(VERDICTS))
    if unknown:
        raise RefereeError(
            f"{where}: [publish.ratings] {unknown[0]!r} is not a verdict ({', '.join(VERDICTS)})"
        )
    ratings = {}
    for verdict in VERDICTS:
        rating = DEFAULT_RATINGS[verdict]
        entry = given.get(verdict)
        if isinstance(entry, str):
            entry = {"name": entry}
        if entry is not None:
            if not isinstance(entry, dict):
                raise RefereeError(f"{where}: [publish.ratings] {verdict} must be a name or table")
            name = _text(entry, "name", where) or rating.name
            rating = Rating(_int(entry, "value", rating.value, where), name)
        if not worst <= rating.value <= best:
            raise RefereeError(
                f"{where}: [publish.ratings] {verdict} = {rating.value} is outside "
                f"worst_rating..best_rating ({worst}..{best})"
            )
        ratings[verdict] = rating
    author_type = _text(table, "author_type", where) or "Organization"
    if author_type not in AUTHOR_TYPES:
        raise RefereeError(f"{where}: [publish] author_type must be Organization or Person")
    return Publisher(
        ratings=ratings,
        best=best,
        worst=worst,
        author=_text(table, "author", where),
        author_type=author_type,
        author_url=_text(table, "author_url", where),
        review_url=_text(table, "review_url", where),
    )
