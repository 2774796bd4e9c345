"""W3C Web Annotation (JSON-LD): the review as an ``AnnotationCollection``.

One ``Annotation`` per claim the review holds (verdicts, notes, links, manual and
dismissed claims, orphans), motivation ``assessing``. The target is the article's
URL (or file name) with a ``TextQuoteSelector`` (exact, prefix, suffix) and a
``TextPositionSelector`` in code points of the canonical text, both selecting the
claim's text as it is now; an orphan has only its stored quote. Bodies: the
verdict (``tagging``), the note (``commenting``), linked references
(``SpecificResource``, ``linking``) and evidence quotes (``describing``).
What the W3C vocabulary has no word for is kept under the ``referee:`` prefix
(claim id, origin, dismissal, merge conflicts, the quote a stale verdict was
given on, an orphan's stored span), so an export read back with
``referee import`` loses nothing.
"""

from __future__ import annotations

from typing import Any

from referee.errors import RefereeError
from referee.publish.incoming import Incoming, parse_day
from referee.publish.publication import (
    Publication,
    join_reviewer,
    split_reviewer,
)
from referee.publish.publisher import Publisher
from referee.review import record
from referee.review.record import CONFLICT_FIELDS, FieldConflict
from referee.review.selector import selector_for
from referee.review.session import ClaimState

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
NAMESPACE = "urn:referee:"
CONTEXT: list[Any] = [ANNO_CONTEXT, {"referee": NAMESPACE}]


def _stamp(value: Any) -> str:
    return f"{value.isoformat()}T00:00:00Z"


def _creator(reviewer: str) -> dict[str, Any]:
    name, email = split_reviewer(reviewer)
    creator: dict[str, Any] = {"type": "Person", "name": name}
    if email:
        creator["email"] = f"mailto:{email}"
    return creator


def _selectors(pub: Publication, state: ClaimState) -> list[dict[str, Any]]:
    text = pub.session.article.text
    if state.start is None or state.end is None:
        return [{"type": "TextQuoteSelector", "exact": state.quote}]
    sel = selector_for(text, state.start, state.end)
    return [
        {
            "type": "TextQuoteSelector",
            "exact": sel.exact,
            "prefix": sel.prefix,
            "suffix": sel.suffix,
        },
        {"type": "TextPositionSelector", "start": sel.start, "end": sel.end},
    ]


def _bodies(pub: Publication, state: ClaimState) -> list[dict[str, Any]]:
    bodies: list[dict[str, Any]] = []
    if state.verdict:
        bodies.append({"type": "TextualBody", "purpose": "tagging", "value": state.verdict})
    if state.note:
        bodies.append(
            {
                "type": "TextualBody",
                "purpose": "commenting",
                "value": state.note,
                "format": "text/plain",
            }
        )
    for ref_id in state.refs:
        link = pub.reference_link(ref_id) or f"{NAMESPACE}ref:{ref_id}"
        bodies.append(
            {
                "type": "SpecificResource",
                "purpose": "linking",
                "source": link,
                "referee:ref": ref_id,
            }
        )
    for item in pub.evidence(state):
        bodies.append(
            {
                "type": "TextualBody",
                "purpose": "describing",
                "value": item.get("quote") or "",
                "referee:evidence": {"ref": item.get("ref"), "source": item.get("source")},
            }
        )
    return bodies


def annotation(pub: Publication, state: ClaimState) -> dict[str, Any]:
    """The Annotation of one stored claim."""
    out: dict[str, Any] = {
        "id": f"{NAMESPACE}{pub.session.article.blob_sha}:{state.id}",
        "type": "Annotation",
        "motivation": "assessing",
    }
    if state.reviewer:
        out["creator"] = _creator(state.reviewer)
    if state.reviewed:
        out["modified"] = _stamp(state.reviewed)
    out["body"] = _bodies(pub, state)
    out["target"] = {"source": pub.source, "selector": _selectors(pub, state)}
    out["referee:claim"] = state.id
    out["referee:origin"] = state.origin
    out["referee:anchor"] = state.anchor
    if state.dismissed:
        out["referee:dismissed"] = True
    if state.quote and state.start is not None and state.quote != state.text:
        out["referee:reviewedQuote"] = state.quote
    stored = pub.session.review.claims.get(state.id)
    if state.start is None and stored is not None:
        out["target"]["selector"][0].update(prefix=stored.prefix, suffix=stored.suffix)
        out["referee:storedSpan"] = [stored.start, stored.end]
    conflicts = pub.conflicts(state)
    if conflicts:
        out["referee:conflicts"] = conflicts
    coreviewers = getattr(stored, "coreviewers", ())
    if coreviewers:
        out["referee:coreviewers"] = list(coreviewers)
    return out


def export(pub: Publication) -> dict[str, Any]:
    items = [annotation(pub, state) for state in pub.stored()]
    return {
        "@context": CONTEXT,
        "id": f"{NAMESPACE}review:{pub.session.article.blob_sha}",
        "type": "AnnotationCollection",
        "label": f"Review of {pub.title}",
        "total": len(items),
        "generator": pub.generator,
        "generated": pub.stamp,
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }


# ----------------------------------------------------------------------------- reading


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _types(node: Any) -> set[str]:
    if not isinstance(node, dict):
        return set()
    return {str(t) for t in _as_list(node.get("type") or node.get("@type"))}


def is_w3c(data: Any) -> bool:
    nodes = data if isinstance(data, list) else [data]
    return any(_types(n) & {"Annotation", "AnnotationCollection", "AnnotationPage"} for n in nodes)


def annotations_of(data: Any) -> list[dict[str, Any]]:
    """The Annotation objects of a collection, a page, a list or a single annotation."""
    out: list[dict[str, Any]] = []
    for node in _as_list(data):
        kinds = _types(node)
        if "Annotation" in kinds:
            out.append(node)
        elif "AnnotationPage" in kinds:
            out += annotations_of(node.get("items"))
        elif "AnnotationCollection" in kinds:
            for page in _as_list(node.get("first")):
                out += annotations_of(page if isinstance(page, dict) else None)
    return out


def _text_of(body: dict[str, Any]) -> str:
    value = body.get("value", body.get("chars", ""))
    return value if isinstance(value, str) else ""


def read(data: Any, publisher: Publisher) -> list[Incoming]:
    """The annotations of a W3C file, in the order they come."""
    out = []
    for item in annotations_of(data):
        target = next((t for t in _as_list(item.get("target")) if isinstance(t, dict)), None)
        if target is None:
            continue
        quote = position = None
        for sel in _as_list(target.get("selector")):
            kinds = _types(sel)
            if "TextQuoteSelector" in kinds and quote is None:
                quote = sel
            elif "TextPositionSelector" in kinds and position is None:
                position = sel
        if quote is None or not isinstance(quote.get("exact"), str) or not quote["exact"]:
            continue
        incoming = Incoming(
            quote=quote["exact"],
            prefix=quote.get("prefix") if isinstance(quote.get("prefix"), str) else "",
            suffix=quote.get("suffix") if isinstance(quote.get("suffix"), str) else "",
        )
        if position and all(isinstance(position.get(k), int) for k in ("start", "end")):
            incoming.start, incoming.end = position["start"], position["end"]
        span = item.get("referee:storedSpan")
        if isinstance(span, list) and len(span) == 2 and all(isinstance(x, int) for x in span):
            incoming.start, incoming.end = span
        _read_bodies(item, incoming, publisher)
        creator = next((c for c in _as_list(item.get("creator")) if c), None)
        if isinstance(creator, dict) and isinstance(creator.get("name"), str):
            email = creator.get("email")
            email = email.removeprefix("mailto:") if isinstance(email, str) else None
            incoming.reviewer = join_reviewer(creator["name"], email)
        elif isinstance(creator, str):
            incoming.reviewer = creator
        incoming.reviewed = parse_day(item.get("modified")) or parse_day(item.get("created"))
        _read_extensions(item, incoming)
        out.append(incoming)
    return out


def _read_bodies(item: dict[str, Any], incoming: Incoming, publisher: Publisher) -> None:
    notes = []
    for body in _as_list(item.get("body")) + _as_list(item.get("bodyValue")):
        if isinstance(body, str):
            notes.append(body)
            continue
        if not isinstance(body, dict):
            continue
        purposes = {str(p) for p in _as_list(body.get("purpose"))}
        if "referee:evidence" in body:
            extra = body["referee:evidence"] if isinstance(body["referee:evidence"], dict) else {}
            incoming.evidence.append(
                {"ref": extra.get("ref"), "quote": _text_of(body), "source": extra.get("source")}
            )
        elif "SpecificResource" in _types(body) or "source" in body:
            ref_id = body.get("referee:ref")
            if isinstance(ref_id, str):
                incoming.refs.append(ref_id)
            elif isinstance(body.get("source"), str):
                incoming.links.append(body["source"])
        elif purposes & {"tagging", "classifying", "assessing"}:
            tag = _text_of(body)
            verdict = publisher.verdict_for_tag(tag)
            if verdict and incoming.verdict is None:
                incoming.verdict = verdict
            elif tag and not verdict:
                incoming.tags.append(tag)
        else:
            text = _text_of(body)
            if text:
                notes.append(text)
    incoming.note = "\n\n".join(notes)


def _read_extensions(item: dict[str, Any], incoming: Incoming) -> None:
    if isinstance(item.get("referee:claim"), str):
        incoming.claim_id = item["referee:claim"]
    if item.get("referee:origin") in ("auto", "manual"):
        incoming.origin = item["referee:origin"]
    if isinstance(item.get("referee:dismissed"), bool):
        incoming.dismissed = item["referee:dismissed"]
    if isinstance(item.get("referee:reviewedQuote"), str):
        incoming.reviewed_quote = item["referee:reviewedQuote"]
    coreviewers = item.get("referee:coreviewers")
    if isinstance(coreviewers, list):
        incoming.coreviewers = [c for c in coreviewers if isinstance(c, str)]
    conflicts = (_conflict(c) for c in _as_list(item.get("referee:conflicts")))
    incoming.conflicts = tuple(c for c in conflicts if c is not None)


def _text_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _conflict(data: Any) -> FieldConflict | None:
    """A merge conflict from :func:`referee.publish.publication.conflict_json`: every kept
    value with who gave it where the review model keeps them, else ours and theirs."""
    if not isinstance(data, dict) or data.get("field") not in CONFLICT_FIELDS:
        return None
    candidate = getattr(record, "Candidate", None)
    kept = data.get("candidates")
    if candidate is not None and isinstance(kept, list) and kept:
        values = tuple(
            candidate(
                value=_text_or_none(c.get("value")),
                dismissed=c.get("dismissed") is True,
                reviewer=_text_or_none(c.get("reviewer")),
                reviewed=parse_day(c.get("reviewed")),
                side=_text_or_none(c.get("side")) or "",
                branch=_text_or_none(c.get("branch")) or "",
            )
            for c in kept
            if isinstance(c, dict)
        )
        return FieldConflict(data["field"], values)
    ours, theirs = _text_or_none(data.get("ours")), _text_or_none(data.get("theirs"))
    if hasattr(FieldConflict, "pair"):
        return FieldConflict.pair(data["field"], ours, theirs)
    return FieldConflict(data["field"], ours, theirs)


def check_shape(data: Any) -> None:
    if not annotations_of(data):
        raise RefereeError("the file holds no W3C Annotation")
