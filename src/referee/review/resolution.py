"""Settling a merge conflict on one claim: the value chosen, and who said it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date

from referee.errors import RefereeError
from referee.review.record import BOTH, Annotation, FieldConflict


def resolved(
    before: Annotation, conflict: FieldConflict, choice: str, *, reviewer: str, today: date
) -> Annotation:
    """``before`` with ``conflict`` settled by ``choice``: ``ours`` (the first value
    kept), ``theirs`` (the last), ``1``..``N``, or ``both`` (notes: every note, in order).

    Who said what: the chosen value keeps its reviewer (``reviewer`` stands in for a
    value that has none). The claim's reviewer is who gave the verdict; the author of
    a note kept beside another's verdict, or of a note that still stands beside the
    verdict chosen, stays a coreviewer."""
    field = conflict.field
    after = before.without_conflict(field)
    if choice == BOTH:
        if field != "note":
            raise RefereeError("`both` keeps every note; a verdict needs one value")
        notes = [c.value for c in conflict.candidates if c.value]
        people = [c.reviewer for c in conflict.candidates if c.reviewer and c.value]
        return replace(
            after,
            note="\n\n".join(dict.fromkeys(notes)),
            coreviewers=others((*after.coreviewers, *people), after.reviewer),
        )
    try:
        picked = conflict.pick(choice)
    except ValueError as exc:
        raise RefereeError(f"{before.id}: {exc}") from None
    if field == "verdict":
        after = replace(after, verdict=picked.value, dismissed=picked.dismissed)
    else:
        after = replace(after, note=picked.value or "")
    who = picked.reviewer or reviewer
    if who == after.reviewer:
        return after
    if field == "note":
        names = (*after.coreviewers, who) if after.note else after.coreviewers
        return replace(after, coreviewers=others(names, after.reviewer))
    kept = (after.reviewer,) if after.reviewer and after.note else ()
    return replace(
        after,
        reviewer=who,
        reviewed=picked.reviewed or today,
        coreviewers=others((*kept, *after.coreviewers), who),
    )


def others(names: Iterable[str | None], reviewer: str | None) -> tuple[str, ...]:
    """Coreviewers: each name once, in order, without the reviewer."""
    return tuple(dict.fromkeys(n for n in names if n and n != reviewer))
