"""Three-way merge of review files, per claim and per field (``referee merge-driver``).

Git's line merge cannot join two reviews begun apart (both sides add the file)
or that add claims next to each other. Here a claim or field changed on one
side only is taken from that side; the same change on both sides is taken
once. What is left:

* ``verdict`` or ``note`` changed differently on both sides: a *conflict*. The
  field keeps our value and both values are stored under
  ``[claim.<id>.conflict.<field>]`` until the reviewer picks one.
* ``refs`` and ``evidence``: sets; additions and removals from both sides are combined.
* ``reviewer``/``reviewed`` move together: the later ``reviewed`` date wins.
* The selector (``exact``, ``prefix``, ``suffix``, ``start``, ``end``): the side
  whose file ``base`` becomes the merged ``base`` wins (positions are only hints;
  anchoring finds the quote again).
* ``origin``: ``manual`` wins (a manual claim is kept even without a verdict).
* ``[ref.<id>]`` check results are machine output: the later ``checked`` wins.
* ``base`` and ``article`` changed differently: ours.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from referee.review.record import (
    Annotation,
    FieldConflict,
    RefCheck,
    Review,
    sorted_evidence,
    sorted_refs,
)


def merge(base: Review, ours: Review, theirs: Review) -> Review:
    """The merged review; its unresolved conflicts are in ``Review.conflicts()``."""
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
            result = _merge_claim(claim_id, b, o, t, ours_on_base=ours.base == merged.base)
            result = None if result.empty else result
        if result is not None:
            merged.claims[claim_id] = result
    for ref_id in sorted(set(ours.refs) | set(theirs.refs) | set(base.refs)):
        b, o, t = base.refs.get(ref_id), ours.refs.get(ref_id), theirs.refs.get(ref_id)
        if o == t or t == b:
            result = o
        elif o == b:
            result = t
        else:
            result = o if _checked(o) >= _checked(t) else t
        if result is not None:
            merged.refs[ref_id] = result
    return merged


def _pick(b: Any, o: Any, t: Any) -> Any:
    """Three-way pick of a value without conflicts: one-sided changes win, else ours."""
    if o == t or t == b:
        return o
    if o == b:
        return t
    return o


def _checked(ref: RefCheck | None) -> date:
    return date.min if ref is None or ref.checked is None else ref.checked


def _merge_claim(
    claim_id: str,
    b: Annotation | None,
    o: Annotation | None,
    t: Annotation | None,
    *,
    ours_on_base: bool,
) -> Annotation:
    """Both sides changed this claim (a missing side deleted it): merge field by field."""
    empty = Annotation(claim_id, "", "", "", 0, 0)
    bb, oo, tt = b or empty, o or empty, t or empty
    conflicts: dict[str, FieldConflict] = {}

    def scalar(name: str) -> Any:
        bv, ov, tv = getattr(bb, name), getattr(oo, name), getattr(tt, name)
        if ov == tv or tv == bv:
            return ov
        if ov == bv:
            return tv
        conflicts[name] = FieldConflict(name, ov or None, tv or None)
        return ov

    verdict = scalar("verdict")
    note = scalar("note")
    dismissed = _pick(bb.dismissed, oo.dismissed, tt.dismissed)
    origin = "manual" if any(x and x.origin == "manual" for x in (o, t)) else "auto"
    refs = _merge_set(bb.refs, oo.refs, tt.refs)
    base_ev, ours_ev, theirs_ev = set(bb.evidence), set(oo.evidence), set(tt.evidence)
    evidence = sorted_evidence(
        (base_ev | ours_ev | theirs_ev) - ((base_ev - ours_ev) | (base_ev - theirs_ev))
    )

    people = [(x.reviewer, x.reviewed) for x in (bb, oo, tt)]
    if people[1] == people[2] or people[2] == people[0]:
        reviewer, reviewed = people[1]
    elif people[1] == people[0]:
        reviewer, reviewed = people[2]
    else:
        later_theirs = (tt.reviewed or date.min) > (oo.reviewed or date.min)
        reviewer, reviewed = people[2] if later_theirs else people[1]

    selectors = [None if x is None else x.selector for x in (b, o, t)]
    if selectors[1] == selectors[2] or selectors[2] == selectors[0]:
        selector = selectors[1]
    elif selectors[1] == selectors[0]:
        selector = selectors[2]
    else:
        selector = selectors[1] if ours_on_base else selectors[2]
    if selector is None:
        selector = next(s for s in (selectors[1], selectors[2], selectors[0]) if s is not None)

    for side in (o, t):
        for old in side.conflicts if side else ():
            conflicts.setdefault(old.field, old)

    return Annotation.from_selector(
        claim_id,
        selector,
        verdict=verdict,
        refs=refs,
        note=note or "",
        reviewer=reviewer,
        reviewed=reviewed,
        origin=origin,
        dismissed=dismissed,
        conflicts=tuple(conflicts[k] for k in sorted(conflicts)),
        evidence=evidence,
    )


def _merge_set(b: tuple[str, ...], o: tuple[str, ...], t: tuple[str, ...]) -> tuple[str, ...]:
    base, ours, theirs = set(b), set(o), set(t)
    removed = (base - ours) | (base - theirs)
    return sorted_refs((base | ours | theirs) - removed)
