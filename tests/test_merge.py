"""Three-way merge of reviews: per claim, per field, conflicts kept, nothing lost."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from referee.review import file_format
from referee.review.merge import merge
from referee.review.record import Annotation, FieldConflict, RefCheck, Review

D1, D2, D3 = date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1)


def ann(claim_id: str = "c1", **fields) -> Annotation:
    base = {"exact": f"text of {claim_id}", "prefix": "p", "suffix": "s", "start": 10, "end": 20}
    base.update(fields)
    return Annotation(claim_id, **base)


def rev(*annotations: Annotation, base: str = "b" * 40, **refs: RefCheck) -> Review:
    return Review(
        article="post.md", base=base, claims={a.id: a for a in annotations}, refs=dict(refs)
    )


EMPTY = Review()


def test_two_reviews_begun_apart_are_joined() -> None:
    ours = rev(ann("c1", verdict="supported", reviewer="Ada", reviewed=D1))
    theirs = rev(ann("c2", verdict="overstated", note="n", reviewer="Bob", reviewed=D2))
    merged = merge(EMPTY, ours, theirs)
    assert merged.claims == {**ours.claims, **theirs.claims}
    assert merged.conflicts() == [] and merged.article == "post.md"


def test_one_sided_changes_are_taken() -> None:
    base = rev(ann("c1", verdict="supported"), ann("c2", verdict="supported"))
    ours = rev(ann("c1", verdict="overstated"), ann("c2", verdict="supported"))
    theirs = rev(ann("c1", verdict="supported"), ann("c2", verdict="supported", note="why"))
    merged = merge(base, ours, theirs)
    assert merged.claims["c1"].verdict == "overstated"
    assert merged.claims["c2"].note == "why"
    assert merged.conflicts() == []


def test_different_fields_of_one_claim_merge() -> None:
    base = rev(ann(verdict="supported", reviewer="Ada", reviewed=D1))
    ours = rev(ann(verdict="overstated", reviewer="Ada", reviewed=D2))
    theirs = rev(ann(verdict="supported", note="Bob's note", reviewer="Bob", reviewed=D3))
    merged = merge(base, ours, theirs).claims["c1"]
    assert (merged.verdict, merged.note) == ("overstated", "Bob's note")
    assert (merged.reviewer, merged.reviewed) == ("Bob", D3)  # the later review
    assert merged.conflicts == ()


def test_the_same_field_changed_two_ways_is_a_conflict_keeping_both() -> None:
    base = rev(ann(verdict="supported", note="base"))
    ours = rev(ann(verdict="overstated", note="ours"))
    theirs = rev(ann(verdict="unsupported", note="theirs"))
    merged = merge(base, ours, theirs)
    claim = merged.claims["c1"]
    assert claim.verdict == "overstated" and claim.note == "ours"
    assert claim.conflicts == (
        FieldConflict.pair("note", "ours", "theirs"),
        FieldConflict.pair("verdict", "overstated", "unsupported"),
    )
    assert file_format.loads(file_format.dumps(merged)) == merged  # the file still parses


def test_a_cleared_value_against_a_change_is_a_conflict() -> None:
    base = rev(ann(verdict="supported"))
    ours = rev(ann(verdict=None, refs=("a2020",)))  # cleared the verdict, kept a link
    theirs = rev(ann(verdict="unsupported"))
    claim = merge(base, ours, theirs).claims["c1"]
    assert claim.verdict is None
    assert claim.conflicts == (FieldConflict.pair("verdict", None, "unsupported"),)


def test_the_same_change_on_both_sides_is_no_conflict() -> None:
    base = rev()
    ours = rev(ann(verdict="supported", reviewer="Ada", reviewed=D1))
    theirs = rev(ann(verdict="supported", reviewer="Bob", reviewed=D1))
    claim = merge(base, ours, theirs).claims["c1"]
    assert claim.verdict == "supported" and claim.conflicts == ()
    assert claim.reviewer == "Ada"  # same day: ours


def test_reference_links_merge_as_sets() -> None:
    base = rev(ann(refs=("a2020", "b2020")))
    ours = rev(ann(refs=("a2020", "b2020", "c2020")))
    theirs = rev(ann(refs=("b2020", "d2020")))
    assert merge(base, ours, theirs).claims["c1"].refs == ("b2020", "c2020", "d2020")


def test_a_claim_deleted_on_one_side_and_changed_on_the_other_keeps_the_work() -> None:
    base = rev(ann(verdict="supported", note="old"))
    ours = rev()  # ours cleared everything (the table went away)
    theirs = rev(ann(verdict="supported", note="new note"))
    claim = merge(base, ours, theirs).claims["c1"]
    assert claim.conflicts == (FieldConflict.pair("note", None, "new note"),)
    assert claim.exact == "text of c1"  # the selector comes from the side that has it
    # deleted on one side, untouched on the other: deleted
    assert merge(base, rev(), base).claims == {}


def test_the_selector_follows_the_merged_base() -> None:
    base = rev(ann(verdict="supported"), base="1" * 40)
    ours = rev(ann(verdict="overstated"), base="1" * 40)
    theirs = rev(ann(verdict="supported", start=99, end=109, prefix="q"), base="2" * 40)
    merged = merge(base, ours, theirs)
    assert merged.base == "2" * 40
    assert (merged.claims["c1"].start, merged.claims["c1"].verdict) == (99, "overstated")


def test_dismissal_and_manual_origin() -> None:
    base = rev()
    ours = rev(ann(origin="manual", reviewer="Ada"))
    theirs = rev(ann(dismissed=True, reviewer="Bob"))
    claim = merge(base, ours, theirs).claims["c1"]
    assert claim.origin == "manual" and claim.dismissed


def test_reference_checks_newer_wins() -> None:
    old = RefCheck("z2021", "unverifiable", checked=D1)
    base = rev(z2021=old)
    ours = rev(z2021=replace(old, status="not_found", checked=D2))
    theirs = rev(z2021=replace(old, status="verified", checked=D3))
    assert merge(base, ours, theirs).refs["z2021"].status == "verified"
    assert merge(base, theirs, ours).refs["z2021"].status == "verified"
    assert merge(EMPTY, rev(), theirs).refs["z2021"].status == "verified"


def test_existing_conflicts_are_carried() -> None:
    pending = ann(
        verdict="supported", conflicts=(FieldConflict.pair("verdict", "supported", None),)
    )
    merged = merge(rev(ann(verdict="supported")), rev(pending), rev(ann(verdict="supported")))
    assert merged.claims["c1"].conflicts == pending.conflicts


# ----------------------------------------------------------------------------- properties

# Built once here, not in every draw (hypothesis validates a strategy each time one is made).
VERDICT = st.none() | st.sampled_from(["supported", "unsupported", "overstated"])
BASES = st.sampled_from(["1" * 40, "2" * 40])
CLAIM_IDS = st.sets(st.sampled_from(["c1", "c2", "c3", "c4"]))
NOTES = st.sampled_from(["", "x", "y"])
REFS = st.sets(st.sampled_from(["a2020", "b2020"]))
REVIEWERS = st.sampled_from([None, "Ada", "Bob"])
REVIEWED = st.none() | st.sampled_from([D1, D2])
STARTS = st.sampled_from([10, 30])


@st.composite
def versions(draw) -> Review:
    review = Review(article="a", base=draw(BASES))
    for claim_id in draw(CLAIM_IDS):
        annotation = ann(
            claim_id,
            verdict=draw(VERDICT),
            note=draw(NOTES),
            refs=tuple(sorted(draw(REFS))),
            reviewer=draw(REVIEWERS),
            reviewed=draw(REVIEWED),
            dismissed=draw(st.booleans()),
            start=(start := draw(STARTS)),
            end=start + 10,
        )
        if not annotation.empty:
            review.claims[claim_id] = annotation
    return review


@settings(max_examples=300, deadline=None)
@given(versions(), versions(), versions())
def test_merge_properties(base: Review, ours: Review, theirs: Review) -> None:
    assert merge(base, ours, ours) == ours
    assert merge(base, base, theirs) == theirs
    assert merge(base, ours, base) == ours
    merged = merge(base, ours, theirs)
    assert file_format.loads(file_format.dumps(merged)) == merged
    for claim_id, claim in merged.claims.items():
        for name in ("verdict", "note"):
            values = {
                getattr(side.claims[claim_id], name)
                for side in (ours, theirs)
                if claim_id in side.claims
            }
            conflict = claim.conflict(name)
            if conflict is None:
                continue
            # a conflict holds both sides' values, nothing is lost
            kept = {c.value or None for c in conflict.candidates}
            assert kept >= {v or None for v in values}
    # every verdict that either side changed is still somewhere in the result
    for side in (ours, theirs):
        for claim_id, claim in side.claims.items():
            was = base.claims.get(claim_id)
            if claim.verdict and (was is None or was.verdict != claim.verdict):
                kept = merged.claims[claim_id]
                conflict = kept.conflict("verdict")
                assert kept.verdict == claim.verdict or (
                    conflict and claim.verdict in {c.value for c in conflict.candidates}
                )
