"""schema.org ClaimReview (JSON-LD): one fact-check per judged claim.

The vocabulary of fact-check databases (Google's Fact Check Tools, ClaimBuster,
Full Fact's tools). Every object carries ``claimReviewed`` (the reviewed quote,
cut at a word boundary to 75 characters as Google asks), ``reviewRating`` (the
verdict on the publisher's scale, the note as ``ratingExplanation``),
``itemReviewed`` (a ``Claim`` whose ``appearance`` is the article),
``author``, ``datePublished`` (the day of the verdict) and ``url`` (the
fact-check page, with the claim id as fragment).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urldefrag

from referee.publish.publication import Publication, day, shorten, split_reviewer
from referee.review.session import ClaimState

CONTEXT = "https://schema.org"
CLAIM_REVIEWED_LIMIT = 75


def _author(pub: Publication, state: ClaimState) -> dict[str, Any]:
    publisher = pub.publisher
    if publisher.author:
        out: dict[str, Any] = {"@type": publisher.author_type, "name": publisher.author}
        if publisher.author_url:
            out["url"] = publisher.author_url
        return out
    # the reviewer's name only: a published fact-check does not carry their email
    name, email = split_reviewer(state.reviewer or pub.session.reviewer)
    return {"@type": "Person", "name": name or email or "unknown"}


def _appearance(pub: Publication) -> dict[str, Any]:
    work: dict[str, Any] = {"@type": "CreativeWork", "name": pub.title}
    if pub.url:
        work["url"] = pub.url
    if pub.meta.date:
        work["datePublished"] = pub.meta.date
    return work


def claim_review(pub: Publication, state: ClaimState) -> dict[str, Any]:
    """The ClaimReview of one judged claim."""
    rating = pub.publisher.ratings[state.verdict or ""]
    review: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "ClaimReview",
        "url": None,
        "claimReviewed": shorten(state.quote or state.text, CLAIM_REVIEWED_LIMIT),
        "datePublished": day(state.reviewed) or pub.now.date().isoformat(),
        "author": _author(pub, state),
        "itemReviewed": {"@type": "Claim", "appearance": _appearance(pub)},
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": rating.value,
            "bestRating": pub.publisher.best,
            "worstRating": pub.publisher.worst,
            "alternateName": rating.name,
            "ratingExplanation": state.note,
        },
    }
    if pub.meta.author:
        review["itemReviewed"]["author"] = {"@type": "Person", "name": pub.meta.author}
    if pub.review_url:
        review["url"] = f"{urldefrag(pub.review_url).url}#{state.id}"
    else:
        del review["url"]
    return review


def export(pub: Publication) -> list[dict[str, Any]]:
    """ClaimReview objects for every judged claim, in document order (orphans last)."""
    return [claim_review(pub, state) for state in pub.judged()]
