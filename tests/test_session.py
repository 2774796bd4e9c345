"""The session: every change saved at once, undo, safety, and re-anchoring end to end."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest
from colds import ARTICLE, REFERENCES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from referee.errors import RefereeError
from referee.model import CheckResult
from referee.review import anchoring, file_format, store
from referee.review.session import (
    ClaimState,
    ReviewReadOnly,
    Session,
    UnknownClaim,
    UnknownReference,
)

TODAY = date(2026, 3, 14)


def open_session(path: Path, **kwargs) -> Session:
    reviewer = kwargs.pop("reviewer", "Ada <ada@example.org>")
    return Session.open(path, reviewer=reviewer, today=lambda: TODAY)


def find(session: Session, words: str) -> ClaimState:
    matches = [s for s in session.claims() if words in s.text]
    assert len(matches) == 1, (words, [s.text for s in session.claims()])
    return matches[0]


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "colds.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def review_of(article: Path) -> Path:
    return article.with_name(article.name + ".review.toml")


def snapshot(path: Path) -> tuple[bytes, int, int]:
    info = path.stat()
    return path.read_bytes(), info.st_ino, info.st_mtime_ns


# ----------------------------------------------------------------------------- basics


def test_opening_without_a_review_writes_nothing(article: Path) -> None:
    session = open_session(article)
    assert not review_of(article).exists()
    assert [s.id for s in session.claims()] == [c.id for c in session.analysis.claims]
    assert session.progress() == (0, 6)
    first = session.claims()[0]
    assert first.anchor == "exact" and first.quote == "" and first.claim is not None
    assert not review_of(article).exists()


def test_a_verdict_is_saved_at_once_and_read_back(article: Path) -> None:
    session = open_session(article)
    claim = find(session, "Vitamin D supplements")
    session.set_verdict(claim.id, "overstated")
    stored = store.read(review_of(article))
    annotation = stored.claims[claim.id]
    assert annotation.verdict == "overstated"
    assert annotation.exact == claim.text
    assert (annotation.start, annotation.end) == (claim.start, claim.end)
    assert annotation.reviewer == "Ada <ada@example.org>" and annotation.reviewed == TODAY
    assert stored.base == session.article.blob_sha and stored.article == "colds.txt"
    again = open_session(article)
    state = again.state(claim.id)
    assert (state.verdict, state.anchor, state.reviewed) == ("overstated", "exact", TODAY)
    assert again.progress() == (1, 6)


def test_no_change_means_no_write(article: Path) -> None:
    session = open_session(article)
    claim = find(session, "Sugar causes")
    session.set_verdict(claim.id, "unsupported")
    before = snapshot(review_of(article))
    session.set_verdict(claim.id, "unsupported")
    session.set_note(claim.id, "")
    session.set_refs(claim.id, [])
    session.set_verdict(find(session, "Regular exercise").id, None)
    assert snapshot(review_of(article)) == before
    reopened = open_session(article)  # opening and reading never rewrites
    reopened.claims(), reopened.orphans(), reopened.progress()
    assert snapshot(review_of(article)) == before
    assert reopened.undo() is None  # the undo history is not saved


def test_notes_references_and_one_save_for_several_fields(tmp_path: Path) -> None:
    path = tmp_path / "cited.txt"
    path.write_text(ARTICLE + REFERENCES, encoding="utf-8")
    session = open_session(path)
    ref_ids = [r.id for r in session.analysis.references]
    assert ref_ids, "the fixture article has a reference list"
    claim = find(session, "acupuncture cures")
    assert session.update(
        claim.id, verdict="unsupported", note='One "line"\r\ntwo """', refs=ref_ids
    )
    state = session.state(claim.id)
    assert state.note == 'One "line"\ntwo """' and state.refs == tuple(sorted(ref_ids))
    assert open_session(path).state(claim.id).note == state.note
    with pytest.raises(UnknownReference, match="nosuch2020") as caught:
        session.set_refs(claim.id, ["nosuch2020"])
    assert caught.value.exit_code == 2
    assert session.undo().description == "verdict unsupported, note, references on " + claim.id
    assert not review_of(path).read_text().count("[claim.")


def test_unknown_claim_ids_are_clear_errors(article: Path) -> None:
    session = open_session(article)
    with pytest.raises(UnknownClaim, match="cnotaclaim") as caught:
        session.set_verdict("cnotaclaim", "supported")
    assert caught.value.exit_code == 2
    with pytest.raises(RefereeError, match="verdict"):
        session.set_verdict(session.claims()[0].id, "true")
    assert not review_of(article).exists()


def test_manual_claims(article: Path) -> None:
    session = open_session(article)
    text = session.article.text
    start = text.index("Some people prefer tea.")
    claim_id = session.add_claim(start - 1, start + len("Some people prefer tea.") + 1)
    state = session.state(claim_id)
    assert (state.origin, state.text, state.start) == ("manual", "Some people prefer tea.", start)
    assert state in session.claims()
    assert session.add_claim(state.start, state.end) == claim_id  # same span, same claim
    stored = store.read(review_of(article)).claims[claim_id]
    assert stored.origin == "manual" and stored.verdict is None  # kept without a verdict
    # the same text elsewhere gets a suffixed id
    auto = find(session, "Sugar causes")
    assert session.add_claim(auto.start, auto.end) == auto.id
    sub = session.add_claim(auto.start, auto.start + len("Sugar causes hyperactivity"))
    assert sub != auto.id and session.state(sub).text == "Sugar causes hyperactivity"
    assert find(session, "Sugar causes hyperactivity in children").id == auto.id
    with pytest.raises(RefereeError):
        session.add_claim(5, 5)
    with pytest.raises(RefereeError):
        session.add_claim(0, len(text) + 1)
    assert session.undo().description == f"add claim {sub}"


def test_dismiss_restore_and_undo(article: Path) -> None:
    session = open_session(article)
    claim = find(session, "Researchers at")
    session.dismiss(claim.id)
    assert claim.id not in [s.id for s in session.claims()]
    assert [s.id for s in session.dismissed()] == [claim.id]
    assert store.read(review_of(article)).claims[claim.id].dismissed
    assert session.progress() == (0, 5)
    session.restore(claim.id)
    assert claim.id in [s.id for s in session.claims()]
    assert claim.id not in store.read(review_of(article)).claims
    assert session.undo().description == f"restore on {claim.id}"
    assert session.undo().description == f"dismiss on {claim.id}"
    assert session.undo() is None


def test_undo_walks_back_every_change_and_writes(article: Path) -> None:
    session = open_session(article)
    a, b = find(session, "Vitamin D supplements").id, find(session, "new drug").id
    session.set_verdict(a, "supported")
    session.set_verdict(b, "unsupported")
    session.set_note(a, "first note")
    session.set_verdict(a, "overstated")
    assert session.undo().description == f"verdict overstated on {a}"
    assert store.read(review_of(article)).claims[a].verdict == "supported"
    assert session.undo().description == f"note on {a}"
    assert session.undo().description == f"verdict unsupported on {b}"
    assert session.undo().description == f"verdict supported on {a}"
    assert store.read(review_of(article)).claims == {}
    assert session.undo() is None
    assert session.progress() == (0, 6)


def test_every_change_says_which_claims_it_changed(article: Path) -> None:
    session = open_session(article)
    a, b = find(session, "Vitamin D supplements").id, find(session, "new drug").id
    assert session.set_verdict(a, "supported") == {a}
    assert session.set_verdict(a, "supported") == frozenset()  # nothing changed
    assert session.set_note(b, "why") == {b}
    assert session.update(b, verdict="overstated", refs=[]) == {b}
    assert session.dismiss(a) == {a}
    assert session.restore(a) == {a}
    undone = session.undo()
    assert (undone.claim_id, undone.changed) == (a, {a})
    assert session.state(a).dismissed
    undone = session.undo()
    assert (undone.claim_id, undone.changed) == (a, {a})
    assert not session.state(a).dismissed
    assert session.undo().changed == {b}


def test_a_claim_that_stands_for_another_reports_both(tmp_path: Path) -> None:
    # A stored claim whose sentence was edited gets a new id from the analysis; the
    # stored one stands for it. Clearing its verdict empties it, so it goes and the
    # analysed one comes back; undoing that swaps them again.
    path = tmp_path / "colds.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    session = open_session(path)
    old = find(session, "Sugar causes")
    session.set_verdict(old.id, "unsupported")
    path.write_text(ARTICLE.replace("Sugar causes", "Sugar may cause"), encoding="utf-8")
    session = open_session(path)
    new_id = next(c.id for c in session.analysis.claims if c.text.startswith("Sugar may cause"))
    assert new_id != old.id and new_id not in [s.id for s in session.claims()]
    assert session.set_verdict(old.id, None) == {old.id, new_id}
    assert [s.id for s in session.claims() if s.id in (old.id, new_id)] == [new_id]
    assert session.undo().changed == {old.id, new_id}
    assert [s.id for s in session.claims() if s.id in (old.id, new_id)] == [old.id]


def test_check_results_live_in_the_session_even_when_not_saved(tmp_path: Path) -> None:
    path = tmp_path / "cited.txt"
    path.write_text(ARTICLE + REFERENCES, encoding="utf-8")
    review = review_of(path)
    review.write_bytes('article = "\xe9"\n'.encode("latin-1"))  # unreadable: read-only
    session = open_session(path)
    assert session.read_only
    ref_id = session.analysis.references[0].id
    result = CheckResult(ref_id, "not_found", ("no match",), ("crossref",))
    with pytest.raises(ReviewReadOnly):
        session.record_checks([result])
    assert session.ref_check(ref_id) == result and session.ref_checks() == {ref_id: result}
    session.reload()
    assert session.ref_check(ref_id) is None


def test_reference_checks_are_stored(tmp_path: Path) -> None:
    path = tmp_path / "cited.txt"
    path.write_text(ARTICLE + REFERENCES, encoding="utf-8")
    session = open_session(path)
    ref_id = session.analysis.references[0].id
    result = CheckResult(ref_id, "not_found", ("no match",), ("crossref", "pubmed"))
    session.record_checks([result])
    stored = store.read(review_of(path)).refs[ref_id]
    assert stored.status == "not_found" and stored.checked == TODAY
    assert stored.raw == session.analysis.references[0].raw
    assert session.ref_check(ref_id).reasons == ("no match",)
    assert session.ref_check("nosuch") is None
    before = snapshot(review_of(path))
    session.record_checks([result])
    assert snapshot(review_of(path)) == before
    with pytest.raises(UnknownReference):
        session.record_checks([CheckResult("nosuch2020", "verified")])
    assert session.undo() is None  # checks are not reviewer edits
    # An outage never erases an answer; a new definite answer replaces it.
    session.record_checks([CheckResult(ref_id, "unverifiable", ("timeout",), ("crossref",))])
    assert session.ref_check(ref_id).status == "not_found"
    assert snapshot(review_of(path)) == before
    session.record_checks([CheckResult(ref_id, "verified", ("title 0.98",), ("crossref",))])
    assert store.read(review_of(path)).refs[ref_id].status == "verified"


# ----------------------------------------------------------------------------- safety


@pytest.mark.parametrize(
    "body", ["schema = 1\n[claim.c1\n", "schema = 7\n", "<<<<<<< HEAD\nschema = 1\n", "\x00\xff"]
)
def test_an_unreadable_review_opens_read_only_and_is_never_touched(
    article: Path, body: str
) -> None:
    review = review_of(article)
    review.write_bytes(body.encode("latin-1"))
    before = snapshot(review)
    session = open_session(article)
    assert session.read_only and str(review) in session.load_error
    assert session.claims()  # the article can still be read
    for change in (
        lambda: session.set_verdict(session.claims()[0].id, "supported"),
        lambda: session.add_claim(0, 5),
        lambda: session.undo(),
        lambda: session.record_checks([]),
    ):
        with pytest.raises(ReviewReadOnly) as caught:
            change()
        assert caught.value.exit_code == 2
    assert snapshot(review) == before


def test_a_review_changed_on_disk_is_merged_with_not_clobbered(article: Path) -> None:
    session = open_session(article)
    first = find(session, "Vitamin D supplements").id
    session.set_verdict(first, "supported")
    other = open_session(article, reviewer="Bob")  # e.g. a git pull bringing Bob's work
    drug = find(other, "new drug").id
    other.set_verdict(drug, "unsupported")
    assert session.changed_on_disk()
    session.set_verdict(first, "overstated")
    assert session.merged_on_save  # the front end tells the reviewer
    assert session.state(drug).verdict == "unsupported"  # memory holds what was saved
    stored = store.read(review_of(article)).claims
    assert {cid: c.verdict for cid, c in stored.items()} == {
        first: "overstated",
        drug: "unsupported",
    }
    assert session.undo().description == f"verdict overstated on {first}"
    assert not session.merged_on_save and not session.changed_on_disk()
    assert store.read(review_of(article)).claims[drug].verdict == "unsupported"


def test_reviewer_comes_from_the_environment(article: Path, monkeypatch) -> None:
    monkeypatch.setenv("REFEREE_REVIEWER", "Grace Hopper <grace@navy.mil>")
    session = Session.open(article)
    assert session.reviewer == "Grace Hopper <grace@navy.mil>"
    assert Session.open(article, reviewer="  Ada\n ").reviewer == "Ada"


# ----------------------------------------------------------------------------- conflicts


def test_conflicts_can_be_listed_and_resolved(article: Path) -> None:
    session = open_session(article)
    a, b = find(session, "Vitamin D supplements").id, find(session, "Sugar causes").id
    session.update(a, verdict="supported", note="ours")
    session.set_verdict(b, "overstated")
    text = review_of(article).read_text()
    text = text.replace(
        'origin = "auto"\n',
        'origin = "auto"\n\n'
        f'[claim.{a}.conflict.verdict]\nours = "supported"\ntheirs = "unsupported"\n\n'
        f'[claim.{a}.conflict.note]\nours = "ours"\ntheirs = "theirs"\n',
        1,
    )
    review_of(article).write_text(text)
    session = open_session(article, reviewer="Carol")
    assert [(c.claim_id, c.field, c.ours, c.theirs) for c in session.conflicts()] == [
        (a, "note", "ours", "theirs"),
        (a, "verdict", "supported", "unsupported"),
    ]
    assert session.state(a).conflicts == ("note", "verdict")
    session.resolve(a, "verdict", "theirs")
    assert session.state(a).verdict == "unsupported" and session.state(a).reviewer == "Carol"
    assert [c.field for c in session.conflicts()] == ["note"]
    with pytest.raises(RefereeError, match="no conflict"):
        session.resolve(a, "verdict", "ours")
    with pytest.raises(RefereeError):
        session.resolve(a, "note", "mine")
    session.set_note(a, "a new note settles it")
    assert session.conflicts() == []
    assert store.read(review_of(article)).conflicts() == []
    session.undo()
    assert [c.field for c in open_session(article).conflicts()] == ["note"]


# ----------------------------------------------------------------------------- re-anchoring


EDITED = (
    ARTICLE.replace(
        "Vitamin D and winter colds\n\n",
        "Vitamin D and winter colds\n\nA new introduction paragraph pushes everything down "
        "by a good number of characters.\n\n",
    )
    .replace(
        "Researchers at a large university found that daily doses cut hospital visits in half. ",
        "",
    )
    .replace(
        "Sugar causes hyperactivity in children, studies show.",
        "Sugar may cause hyperactivity in some children, one study shows.",
    )
    .replace("completely safe", "completly safe")
)


def _mark_four(article: Path) -> dict[str, str]:
    session = open_session(article)
    ids = {
        "moved": find(session, "Vitamin D supplements").id,
        "deleted": find(session, "Researchers at").id,
        "reworded": find(session, "Sugar causes").id,
        "typo": find(session, "new drug").id,
    }
    session.update(ids["moved"], verdict="overstated", note="40% is the best case")
    session.set_verdict(ids["deleted"], "unsupported")
    session.update(ids["reworded"], verdict="unsupported", note="no study cited")
    session.set_verdict(ids["typo"], "unsupported")
    return ids


def test_an_edited_article_re_anchors_every_claim_and_drops_nothing(article: Path) -> None:
    ids = _mark_four(article)
    article.write_text(EDITED, encoding="utf-8")
    before = snapshot(review_of(article))
    session = open_session(article)
    assert snapshot(review_of(article)) == before  # opening never rewrites

    moved = session.state(ids["moved"])
    assert moved.anchor == "moved" and moved.verdict == "overstated"
    assert moved.start == EDITED.index("Vitamin D supplements")
    assert moved.text == EDITED[moved.start : moved.end] == moved.quote

    deleted = session.state(ids["deleted"])
    assert (deleted.anchor, deleted.start, deleted.end) == ("orphan", None, None)
    assert deleted.text.startswith("Researchers at") and deleted.verdict == "unsupported"
    assert deleted not in session.claims() and deleted in session.orphans()

    reworded = session.state(ids["reworded"])
    assert reworded.anchor == "stale" and reworded.verdict == "unsupported"
    assert reworded.text.startswith("Sugar may cause") and reworded.quote.startswith("Sugar causes")
    assert reworded in session.claims() and reworded in session.apart()
    assert reworded not in session.orphans()
    # the analysis gives the reworded sentence a new id; it is not listed twice
    new_id = next(c.id for c in session.analysis.claims if c.text.startswith("Sugar may cause"))
    assert new_id != ids["reworded"] and new_id not in [s.id for s in session.claims()]
    assert reworded.claim is not None and reworded.claim.id == new_id

    typo = session.state(ids["typo"])
    assert typo.anchor == "fuzzy" and "completly" in typo.text

    assert len(session.claims()) == 5  # 6 claims, one deleted
    assert session.progress() == (4, 6)  # the orphan is counted: it is listed apart

    # a later change saves: base moves to the new text, the orphan is kept as it was
    session.set_note(ids["moved"], "40% is the best case; see table 2")
    saved = store.read(review_of(article))
    assert saved.base == session.article.blob_sha
    assert set(saved.claims) == set(ids.values())
    assert (
        saved.claims[ids["deleted"]] == file_format.loads(before[0].decode()).claims[ids["deleted"]]
    )
    assert saved.claims[ids["moved"]].start == moved.start
    assert saved.claims[ids["reworded"]].exact.startswith("Sugar causes")  # still stale

    reopened = open_session(article)
    assert {k: reopened.state(v).anchor for k, v in ids.items()} == {
        "moved": "exact",
        "deleted": "orphan",
        "reworded": "stale",
        "typo": "fuzzy",
    }
    assert reopened.state(ids["reworded"]).start == reworded.start


def test_a_new_verdict_confirms_a_stale_claim(article: Path) -> None:
    ids = _mark_four(article)
    article.write_text(EDITED, encoding="utf-8")
    session = open_session(article)
    stale = session.state(ids["reworded"])
    session.set_verdict(stale.id, "unsupported")  # same verdict, now on the new wording
    confirmed = session.state(stale.id)
    assert confirmed.anchor == "exact" and confirmed.quote == stale.text
    assert store.read(review_of(article)).claims[stale.id].exact == stale.text
    assert open_session(article).state(stale.id).anchor == "exact"
    session.undo()
    assert open_session(article).state(stale.id).anchor == "stale"


def test_the_old_text_comes_from_git_when_base_is_committed(article: Path, monkeypatch) -> None:
    git = ["git", "-c", "user.name=T", "-c", "user.email=t@example.org"]
    subprocess.run(["git", "init", "-q"], cwd=article.parent, check=True)
    subprocess.run(["git", "add", article.name], cwd=article.parent, check=True)
    subprocess.run([*git, "commit", "-qm", "article"], cwd=article.parent, check=True)
    ids = _mark_four(article)
    article.write_text(EDITED, encoding="utf-8")
    seen: list[str | None] = []
    real = anchoring.anchor_all

    def spy(text, selectors, *, old_text=None):
        seen.append(old_text)
        return real(text, selectors, old_text=old_text)

    monkeypatch.setattr(anchoring, "anchor_all", spy)
    session = open_session(article)
    assert seen == [ARTICLE]
    assert session.state(ids["deleted"]).anchor == "orphan"
    assert session.state(ids["moved"]).start == EDITED.index("Vitamin D supplements")


OPS = st.lists(
    st.tuples(
        st.sampled_from(["verdict", "clear", "note", "dismiss", "restore", "add", "undo"]),
        st.integers(0, 10),
        st.integers(0, 400),
        st.integers(1, 80),
    ),
    max_size=12,
)


def _view(session: Session) -> list[tuple]:
    return [
        (s.id, s.start, s.end, s.verdict, s.note, s.origin, s.dismissed)
        for s in session.claims() + session.dismissed() + session.orphans()
    ]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(ops=OPS)
def test_the_view_kept_up_to_date_equals_a_fresh_one(tmp_path: Path, ops) -> None:
    path = tmp_path / "colds.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    review_of(path).unlink(missing_ok=True)
    session = open_session(path)
    for op, pick, start, length in ops:
        shown = session.claims() + session.dismissed()
        target = shown[pick % len(shown)].id
        try:
            if op == "verdict":
                session.set_verdict(target, "supported")
            elif op == "clear":
                session.set_verdict(target, None)
            elif op == "note":
                session.set_note(target, f"note {pick}")
            elif op == "dismiss":
                session.dismiss(target)
            elif op == "restore":
                session.restore(target)
            elif op == "add":
                session.add_claim(start, min(start + length, len(ARTICLE)))
            else:
                session.undo()
        except RefereeError as exc:  # e.g. a span of white space only
            assert "white space" in str(exc)
        kept = _view(session)
        assert _view(open_session(path)) == kept  # what a fresh session reads from disk
        session._invalidate()
        assert _view(session) == kept  # what a full rebuild gives


def test_a_claim_the_reviewer_adds_is_analysed_like_the_others(tmp_path: Path) -> None:
    article = tmp_path / "post.md"
    text = (
        "# Notes\n\nIt lowered blood pressure by 12% in trials. Nobody asked the "
        "nurses (4).\n\n## References\n\n4. Smith J. Blood pressure. J Hyp. 2020;1:1-9.\n"
    )
    article.write_text(text, encoding="utf-8")
    session = Session.open(article, reviewer="Ada")
    start = text.index("It lowered")  # two sentences: a span no analysed claim has
    end = text.index("(4).") + len("(4).")
    assert all((c.start, c.end) != (start, end) for c in session.analysis.claims)
    manual = session.add_claim(start, end)
    state = session.state(manual)
    assert state.origin == "manual" and state.claim is not None
    assert (state.claim.start, state.claim.end) == (start, end)
    assert state.claim.kind and state.claim.cues
    assert [c.marker for c in state.claim.citations] == ["(4)"]
    assert list(state.claim.citations[0].ref_ids) == ["smith2020"]
