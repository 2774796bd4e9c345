"""Core records as JSON-ready dicts: the stable ``--json`` shapes of the README."""

from __future__ import annotations

from typing import Any

from referee.model import CheckResult, Citation, Claim, Cue, Flag, Reference


def cue(c: Cue) -> dict[str, Any]:
    return {"family": c.family, "text": c.text, "start": c.start, "end": c.end, "weight": c.weight}


def flag(f: Flag) -> dict[str, Any]:
    return {
        "code": f.code,
        "severity": f.severity,
        "reason": f.reason,
        "start": f.start,
        "end": f.end,
    }


def citation(c: Citation) -> dict[str, Any]:
    return {
        "start": c.start,
        "end": c.end,
        "marker": c.marker,
        "style": c.style,
        "keys": list(c.keys),
        "refs": list(c.ref_ids),
        "status": c.status,
    }


def claim(c: Claim) -> dict[str, Any]:
    return {
        "id": c.id,
        "start": c.start,
        "end": c.end,
        "text": c.text,
        "kind": c.kind,
        "score": c.score,
        "strength": c.strength,
        "cues": [cue(x) for x in c.cues],
        "flags": [flag(x) for x in c.flags],
        "citations": [citation(x) for x in c.citations],
        "refs": list(c.ref_ids),
    }


def reference(r: Reference) -> dict[str, Any]:
    return {
        "id": r.id,
        "start": r.start,
        "end": r.end,
        "label": r.label,
        "raw": r.raw,
        "type": r.type,
        "authors": list(r.authors),
        "editors": list(r.editors),
        "year": r.year,
        "title": r.title,
        "container": r.container,
        "volume": r.volume,
        "issue": r.issue,
        "pages": r.pages,
        "publisher": r.publisher,
        "place": r.place,
        "edition": r.edition,
        "doi": r.doi,
        "pmid": r.pmid,
        "url": r.url,
        "isbn": r.isbn,
        "note": r.note,
        "citations": [citation(x) for x in r.citations],
    }


def check_result(r: CheckResult) -> dict[str, Any]:
    return {
        "status": r.status,
        "reasons": list(r.reasons),
        "sources": list(r.sources),
        "matched_doi": r.matched_doi,
        "matched_title": r.matched_title,
        "checked": r.checked.isoformat() if r.checked else None,
    }


def source(s: Any, check: CheckResult | None = None) -> dict[str, Any]:
    """An outside source (a ``[source.<id>]`` table) as the JSON outputs list it."""
    return {
        "id": s.id,
        "added_by_reviewer": True,
        "title": s.title,
        "authors": list(s.authors),
        "year": s.year,
        "container": s.container,
        "type": s.type,
        "doi": s.doi,
        "pmid": s.pmid,
        "arxiv": s.arxiv,
        "url": s.url,
        "fetched": s.fetched.strftime("%Y-%m-%dT%H:%M:%SZ") if s.fetched else None,
        "fetched_from": s.fetched_from,
        "added_by": s.added_by,
        "check": check_result(check) if check else None,
    }


def sources(session: Any) -> list[dict[str, Any]]:
    return [source(s, session.ref_check(s.id)) for s in session.sources()]


def claim_state(state: Any) -> dict[str, Any]:
    """A claim of the article as ``referee claims --json`` lists it: the analysed claim's
    fields where the analysis has one at its span, the review's fields, its anchor."""
    if state.claim is not None:
        out = claim(state.claim)
    else:  # an orphan, or a manual claim the analysis does not find
        out = {
            "kind": "statement",
            "score": 0.0,
            "strength": "none",
            "cues": [],
            "flags": [],
            "citations": [],
            "refs": [],
        }
    out.update(
        id=state.id,
        start=state.start,
        end=state.end,
        text=state.text,
        verdict=state.verdict,
        note=state.note,
        anchor=state.anchor,
        origin=state.origin,
        dismissed=state.dismissed,
        evidence=[e.as_dict() for e in state.evidence],
    )
    return {k: out[k] for k in CLAIM_KEYS}


CLAIM_KEYS = (
    "id",
    "start",
    "end",
    "text",
    "kind",
    "score",
    "strength",
    "cues",
    "flags",
    "citations",
    "refs",
    "verdict",
    "note",
    "anchor",
    "origin",
    "dismissed",
    "evidence",
)
