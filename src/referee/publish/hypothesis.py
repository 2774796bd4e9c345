"""Hypothesis: the file the Hypothesis client exports and imports.

``{"export_date", "client_version", "annotations": [...]}``, each annotation with
``uri``, ``text`` (the note), ``tags`` (the verdict), ``target`` with a
``TextQuoteSelector`` only (Hypothesis positions are UTF-16 offsets into a web
page's DOM, not code points of our text), ``document`` and dates. The client
keeps ``document``, ``tags``, ``text``, ``target`` and ``uri`` when it imports.
"""

from __future__ import annotations

from typing import Any

from referee import __version__
from referee.publish.incoming import Incoming, parse_day
from referee.publish.publication import Publication, split_reviewer
from referee.publish.publisher import Publisher
from referee.review.selector import selector_for
from referee.review.session import ClaimState


def _stamp(value: Any) -> str:
    return f"{value.isoformat()}T00:00:00.000Z"


def annotation(pub: Publication, state: ClaimState) -> dict[str, Any]:
    text = pub.session.article.text
    if state.start is not None and state.end is not None:
        sel = selector_for(text, state.start, state.end)
        quote = {
            "type": "TextQuoteSelector",
            "exact": sel.exact,
            "prefix": sel.prefix,
            "suffix": sel.suffix,
        }
    else:
        stored = pub.session.review.claims[state.id]
        quote = {
            "type": "TextQuoteSelector",
            "exact": stored.exact,
            "prefix": stored.prefix,
            "suffix": stored.suffix,
        }
    out: dict[str, Any] = {
        "uri": pub.source,
        "text": state.note,
        "tags": [state.verdict] if state.verdict else [],
        "target": [{"source": pub.source, "selector": [quote]}],
        "document": {"title": [pub.title]},
    }
    if state.reviewed:
        out["created"] = out["updated"] = _stamp(state.reviewed)
    if state.reviewer:
        out["user_info"] = {"display_name": split_reviewer(state.reviewer)[0]}
    return out


def export(pub: Publication) -> dict[str, Any]:
    """Judged and annotated claims (a verdict or a note), not dismissed ones."""
    shown = [s for s in pub.stored() if (s.verdict or s.note) and not s.dismissed]
    return {
        "export_date": pub.now.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
        "client_version": f"referee {__version__}",
        "annotations": [annotation(pub, s) for s in shown],
    }


def is_hypothesis(data: Any) -> bool:
    return isinstance(data, dict) and isinstance(data.get("annotations"), list)


def read(data: dict[str, Any], publisher: Publisher) -> list[Incoming]:
    out = []
    for item in data["annotations"]:
        if not isinstance(item, dict):
            continue
        quote = None
        for target in item.get("target") or []:
            if not isinstance(target, dict):
                continue
            for sel in target.get("selector") or []:
                if isinstance(sel, dict) and sel.get("type") == "TextQuoteSelector":
                    quote = quote or sel
        if quote is None or not isinstance(quote.get("exact"), str) or not quote["exact"]:
            continue  # a page note or a reply: nothing in the text to anchor
        incoming = Incoming(
            quote=quote["exact"],
            prefix=quote.get("prefix") if isinstance(quote.get("prefix"), str) else "",
            suffix=quote.get("suffix") if isinstance(quote.get("suffix"), str) else "",
            note=item.get("text") if isinstance(item.get("text"), str) else "",
        )
        for tag in item.get("tags") or []:
            if not isinstance(tag, str):
                continue
            verdict = publisher.verdict_for_tag(tag)
            if verdict and incoming.verdict is None:
                incoming.verdict = verdict
            elif not verdict and tag.strip():
                incoming.tags.append(tag.strip())
        info = item.get("user_info")
        name = info.get("display_name") if isinstance(info, dict) else None
        user = item.get("user")
        if isinstance(name, str) and name.strip():
            incoming.reviewer = name.strip()
        elif isinstance(user, str) and user.strip():
            incoming.reviewer = user.strip().removeprefix("acct:")
        incoming.reviewed = parse_day(item.get("updated")) or parse_day(item.get("created"))
        out.append(incoming)
    return out
