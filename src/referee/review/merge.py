"""Three-way merge of review files, per claim and per field.

Used by ``referee merge-driver`` (git) and by every save (a writer that finds the
file changed since it read it applies its change to what is there now). A claim
or field changed on one side only is taken from that side; the same change on
both sides is taken once. What is left:

* ``verdict`` or ``note`` changed differently on both sides: a *conflict*. The
  field keeps our value and every value is stored under
  ``[[claim.<id>.conflict.<field>]]`` with who gave it and from which side
  (git's branch label when git passes one) until the reviewer picks one. A
  conflict already in the file meets a third value: all of them are kept. A
  resolved conflict stays resolved unless the other side changed that field
  since the base.
* Dismissed on one side, judged (a new verdict) on the other: a conflict on
  ``verdict`` whose values are the verdict and "dismissed"; the claim stays listed
  (not dismissed) until it is settled.
* ``refs`` and ``evidence``: sets; additions and removals from both sides are combined.
* ``reviewer``/``reviewed`` move together: the later ``reviewed`` date wins and the
  other reviewer, whose work the merged claim also holds, goes to ``coreviewers``.
* The selector (``exact``, ``prefix``, ``suffix``, ``start``, ``end``): the side
  whose file ``base`` becomes the merged ``base`` wins (positions are only hints;
  anchoring finds the quote again).
* ``origin``: ``manual`` wins (a manual claim is kept even without a verdict).
* ``[ref.<id>]`` check results are machine output: the later ``checked`` wins.
* ``[source.<id>]`` outside sources (metadata fetched, not a judgement): both sides'
  sources are kept; one id changed on both sides keeps the metadata of the later
  ``fetched`` and the check of the later ``checked``, never a conflict.
* ``base`` and ``article`` changed differently: ours.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any, TypeVar

from referee.review.record import (
    Annotation,
    Candidate,
    FieldConflict,
    RefCheck,
    Review,
    Source,
    sorted_evidence,
    sorted_refs,
)

_EMPTY = Annotation("", "", "", "", 0, 0)
_T = TypeVar("_T")


def merge(
    base: Review, ours: Review, theirs: Review, *, labels: tuple[str, str] = ("", "")
) -> Review:
    """The merged review; its unresolved conflicts are in ``Review.conflicts()``.

    ``labels`` are git's names for our and their side (``%X``, ``%Y``), kept with
    the values of a conflict."""
    merged = Review(
        article=_pick(base.article, ours.article, theirs.article),
        base=_pick(base.base, ours.base, theirs.base),
    )
    for claim_id in sorted(set(ours.claims) | set(theirs.claims) | set(base.claims)):
        b = base.claims.get(claim_id)
        o = ours.claims.get(claim_id)
        t = theirs.claims.get(claim_id)
        if o == t:
            result = o
        elif o == b:
            result = t
        elif t == b:
            result = o
        else:
            result = _merge_claim(
                claim_id, b, o, t, ours_on_base=ours.base == merged.base, labels=labels
            )
            result = None if result.empty else result
        if result is not None:
            merged.claims[claim_id] = result
    merged.refs.update(_merge_table(base.refs, ours.refs, theirs.refs, _later_check))
    merged.sources.update(_merge_table(base.sources, ours.sources, theirs.sources, _merge_source))
    return merged


def _merge_table(
    base: dict[str, _T],
    ours: dict[str, _T],
    theirs: dict[str, _T],
    both_changed: Callable[[_T | None, _T | None], _T | None],
) -> dict[str, _T]:
    """A table of whole entries (reference checks, sources), key by key: the side that
    changed an entry wins; where both did, ``both_changed`` decides. None: dropped."""
    merged = {}
    for key in sorted(set(ours) | set(theirs) | set(base)):
        b, o, t = base.get(key), ours.get(key), theirs.get(key)
        if o == t or t == b:
            entry = o
        elif o == b:
            entry = t
        else:
            entry = both_changed(o, t)
        if entry is not None:
            merged[key] = entry
    return merged


_NEVER = datetime.min.replace(tzinfo=UTC)


def _merge_source(ours: Source | None, theirs: Source | None) -> Source | None:
    """Both sides changed one source: the later fetch's metadata, the later check's result
    (a side that dropped it is outweighed by one that still has it)."""
    if ours is None or theirs is None:
        return ours or theirs
    meta = ours if (ours.fetched or _NEVER) >= (theirs.fetched or _NEVER) else theirs
    check = ours if _source_checked(ours) >= _source_checked(theirs) else theirs
    extra = dict(theirs.extra) | dict(ours.extra)
    return replace(
        meta.with_check_of(check),
        added_by=ours.added_by or theirs.added_by,
        extra=tuple(extra.items()),
    )


def _source_checked(source: Source) -> date:
    return date.min if source.checked is None else source.checked


def _pick(b: Any, o: Any, t: Any) -> Any:
    """Three-way pick of a value without conflicts: one-sided changes win, else ours."""
    if o == t or t == b:
        return o
    if o == b:
        return t
    return o


def _later_check(ours: RefCheck | None, theirs: RefCheck | None) -> RefCheck | None:
    """Both sides checked one reference: the later check."""
    return ours if _checked(ours) >= _checked(theirs) else theirs


def _checked(ref: RefCheck | None) -> date:
    return date.min if ref is None or ref.checked is None else ref.checked


def _said(a: Annotation, name: str) -> tuple[Any, ...]:
    """What one side says about a field, whoever said it: its value, or its conflict."""
    conflict = a.conflict(name)
    if conflict is not None:
        return ("conflict", frozenset(c.key for c in conflict.candidates))
    return ("value", getattr(a, name) or None)


def _candidates(a: Annotation, name: str, side: str, branch: str) -> list[Candidate]:
    """Every value one side holds for a field: its conflict's values, else its own."""
    conflict = a.conflict(name)
    if conflict is not None:
        return list(conflict.candidates)
    return [_candidate(a, getattr(a, name) or None, side, branch)]


def _candidate(a: Annotation, value: str | None, side: str, branch: str, **kw: Any) -> Candidate:
    return Candidate(
        value, reviewer=a.reviewer, reviewed=a.reviewed, side=side, branch=branch, **kw
    )


def _unique(candidates: list[Candidate]) -> tuple[Candidate, ...]:
    """Each thing said by each reviewer once, in the order met."""
    seen: set[tuple[Any, ...]] = set()
    out = []
    for c in candidates:
        key = (*c.key, c.reviewer)
        if key not in seen:
            seen.add(key)
            out.append(c)
    return tuple(out)


def _merge_claim(
    claim_id: str,
    b: Annotation | None,
    o: Annotation | None,
    t: Annotation | None,
    *,
    ours_on_base: bool,
    labels: tuple[str, str],
) -> Annotation:
    """Both sides changed this claim (a missing side deleted it): merge field by field."""
    empty = replace(_EMPTY, id=claim_id)
    bb, oo, tt = b or empty, o or empty, t or empty
    conflicts: dict[str, FieldConflict] = {}
    values: dict[str, Any] = {}

    for name in ("verdict", "note"):
        said = [_said(x, name) for x in (bb, oo, tt)]
        if said[1] == said[2] or said[2] == said[0]:
            source = oo
        elif said[1] == said[0]:
            source = tt
        else:
            found = _unique(
                _candidates(oo, name, "ours", labels[0])
                + _candidates(tt, name, "theirs", labels[1])
            )
            if len({c.key for c in found}) > 1:
                conflicts[name] = FieldConflict(name, found)
            source = oo
        values[name] = getattr(source, name)
        if name in conflicts or source.conflict(name) is None:
            continue
        conflicts[name] = source.conflict(name)  # carried unresolved from the side taken

    dismissed = _pick(bb.dismissed, oo.dismissed, tt.dismissed)
    judged = {
        side: x
        for side, x in (("ours", oo), ("theirs", tt))
        if not x.dismissed and x.verdict is not None and _said(x, "verdict") != _said(bb, "verdict")
    }
    dismissing = {
        side: x for side, x in (("ours", oo), ("theirs", tt)) if x.dismissed and not bb.dismissed
    }
    if judged and dismissing and set(judged) != set(dismissing):
        # One side says "not a claim", the other judged it: the reviewer decides.
        branch = dict(zip(("ours", "theirs"), labels, strict=True))
        found = []
        for side in ("ours", "theirs"):
            if side in dismissing:
                x = dismissing[side]  # its verdict, if it had one, goes with it
                found.append(_candidate(x, x.verdict, side, branch[side], dismissed=True))
            else:
                found += _candidates(judged[side], "verdict", side, branch[side])
        conflicts["verdict"] = FieldConflict("verdict", _unique(found))
        values["verdict"] = next(iter(judged.values())).verdict
        dismissed = False  # listed, with its conflict, until settled

    origin = "manual" if any(x and x.origin == "manual" for x in (o, t)) else "auto"
    refs = _merge_set(bb.refs, oo.refs, tt.refs)
    base_ev, ours_ev, theirs_ev = set(bb.evidence), set(oo.evidence), set(tt.evidence)
    evidence = sorted_evidence(  # a set, as refs: additions and removals both kept
        (base_ev | ours_ev | theirs_ev) - ((base_ev - ours_ev) | (base_ev - theirs_ev))
    )
    reviewer, reviewed, coreviewers = _people(bb, oo, tt)

    selectors = [None if x is None else x.selector for x in (b, o, t)]
    if selectors[1] == selectors[2] or selectors[2] == selectors[0]:
        selector = selectors[1]
    elif selectors[1] == selectors[0]:
        selector = selectors[2]
    else:
        selector = selectors[1] if ours_on_base else selectors[2]
    if selector is None:
        selector = next(s for s in (selectors[1], selectors[2], selectors[0]) if s is not None)

    return Annotation.from_selector(
        claim_id,
        selector,
        verdict=values["verdict"],
        refs=refs,
        note=values["note"] or "",
        reviewer=reviewer,
        reviewed=reviewed,
        origin=origin,
        dismissed=dismissed,
        conflicts=tuple(conflicts[k] for k in sorted(conflicts)),
        coreviewers=coreviewers,
        evidence=evidence,
    )


def _people(
    bb: Annotation, oo: Annotation, tt: Annotation
) -> tuple[str | None, date | None, tuple[str, ...]]:
    """Who reviewed the merged claim: ``reviewer``/``reviewed`` three-way (of two
    changed sides the later); every other reviewer of a side whose judgement
    changed since the base (two who agreed, or whose fields were both taken) is
    kept in ``coreviewers``."""
    people = [(x.reviewer, x.reviewed) for x in (bb, oo, tt)]
    if people[1] == people[2] or people[2] == people[0]:
        first = oo
    elif people[1] == people[0]:
        first = tt
    else:
        first = tt if (tt.reviewed or date.min) > (oo.reviewed or date.min) else oo
    names = list(first.coreviewers)
    for x in (oo, tt):
        if _judgement(x) != _judgement(bb):
            names += [x.reviewer, *x.coreviewers]
    coreviewers = tuple(dict.fromkeys(n for n in names if n and n != first.reviewer))
    return first.reviewer, first.reviewed, coreviewers


def _judgement(a: Annotation) -> tuple[Any, ...]:
    return (a.verdict, a.note, a.dismissed, a.conflicts)


def _merge_set(b: tuple[str, ...], o: tuple[str, ...], t: tuple[str, ...]) -> tuple[str, ...]:
    base, ours, theirs = set(b), set(o), set(t)
    removed = (base - ours) | (base - theirs)
    return sorted_refs((base | ours | theirs) - removed)
