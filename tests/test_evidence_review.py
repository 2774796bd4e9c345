"""Evidence quotes in the review file: stored, validated, round-tripped, merged as a
set, changed through the session (undoable), shown by ``report`` and ``claims --json``."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from colds import ARTICLE as COLDS
from colds import REFERENCES

from referee.cli import main
from referee.errors import RefereeError
from referee.publish.report import report_json, report_markdown
from referee.review import file_format, store
from referee.review.merge import merge
from referee.review.record import MAX_QUOTE, Annotation, Evidence, Review
from referee.review.session import Session, UnknownReference

TODAY = date(2026, 3, 14)
E1 = Evidence("zhang2021", "Acupuncture reduced pain scores by 1.2 points.", "pubmed:12345")
E2 = Evidence("zhang2021", 'Effects faded after "three" months \\ mostly.', "doi:10.1/x")


def ann(**fields) -> Annotation:
    base = {"exact": "claim text", "prefix": "p", "suffix": "s", "start": 10, "end": 20}
    return Annotation("c1", **{**base, **fields})


def rev(*annotations: Annotation) -> Review:
    return Review(article="a.txt", base="b" * 40, claims={a.id: a for a in annotations})


@pytest.fixture
def article(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("REFEREE_REVIEWER", "Ada <ada@example.org>")
    path = tmp_path / "colds.txt"
    path.write_text(COLDS + REFERENCES, encoding="utf-8")
    return path


def acupuncture(session: Session) -> str:
    return next(s.id for s in session.claims() if s.text.startswith("Many patients"))


# ----------------------------------------------------------------------------- the file


def test_evidence_round_trips_one_line_each_and_sorted() -> None:
    review = rev(ann(verdict="overstated", note="two\nlines", evidence=(E1, E2)))
    text = file_format.dumps(review)
    assert "evidence = [\n" in text
    assert text.count("{ref = ") == 2
    assert file_format.loads(text) == review
    assert file_format.dumps(file_format.loads(text)) == text


def test_evidence_alone_keeps_a_claim() -> None:
    review = rev(ann(evidence=(E1,)))
    assert not review.claims["c1"].empty
    assert file_format.loads(file_format.dumps(review)).claims["c1"].evidence == (E1,)


def test_evidence_sits_before_a_merge_conflict_table() -> None:
    from referee.review.record import FieldConflict

    review = rev()
    review.claims["c1"] = ann(
        verdict="supported",
        evidence=(E1,),
        conflicts=(FieldConflict.pair("verdict", "supported", "unsupported"),),
    )
    assert file_format.loads(file_format.dumps(review)) == review


@pytest.mark.parametrize(
    ("evidence", "problem"),
    [
        ('"x"', "must be a list"),
        ('[{quote = "q"}]', "`ref` is missing"),
        ('[{ref = "r1"}]', "`quote` is missing"),
        ('[{ref = "r 1", quote = "q"}]', "not a valid id"),
        ('[{ref = "r1", quote = "q", page = 3}]', "unknown key `page`"),
        ('[{ref = "r1", quote = "   "}]', "`quote` is empty"),
        ('[{ref = "r1", quote = "a\\nb"}]', "one line"),
        (f'[{{ref = "r1", quote = "{"x" * (MAX_QUOTE + 1)}"}}]', "at most 300"),
        ('[{ref = "r1", quote = "q"}, {ref = "r1", quote = "q"}]', "listed twice"),
        ('[{ref = "r1", quote = "q", source = 5}]', "`source` must be a string"),
    ],
)
def test_bad_evidence_is_refused_with_the_reason(evidence: str, problem: str) -> None:
    text = (
        'schema = 1\narticle = "a.txt"\nbase = "b"\n\n[claim.c1]\n'
        f'exact = "t"\nstart = 0\nend = 1\nevidence = {evidence}\n'
    )
    with pytest.raises(ValueError, match=problem):
        file_format.loads(text)


# ----------------------------------------------------------------------------- merging


def test_both_sides_adding_evidence_to_one_claim_keep_both() -> None:
    base = rev(ann(verdict="supported"))
    ours = rev(ann(verdict="supported", evidence=(E1,)))
    theirs = rev(ann(verdict="supported", evidence=(E2,)))
    merged = merge(base, ours, theirs)
    assert merged.claims["c1"].evidence == tuple(sorted((E1, E2)))
    assert merged.conflicts() == []


def test_evidence_removed_on_one_side_stays_removed() -> None:
    base = rev(ann(evidence=(E1, E2)))
    ours = rev(ann(evidence=(E2,), note="mine"))
    theirs = rev(ann(evidence=(E1, E2), verdict="supported"))
    merged = merge(base, ours, theirs)
    assert merged.claims["c1"].evidence == (E2,)
    assert (merged.claims["c1"].note, merged.claims["c1"].verdict) == ("mine", "supported")


# ----------------------------------------------------------------------------- the session


def test_session_adds_evidence_in_one_save_and_undo_removes_it(article: Path) -> None:
    session = Session.open(article, today=lambda: TODAY)
    claim = acupuncture(session)
    changed = session.add_evidence(claim, "zhang2021", "  Pain fell\r\nby a third.  ", "pubmed:1")
    assert claim in changed
    stored = store.read(store.review_path(article)).claims[claim]
    assert stored.evidence == (Evidence("zhang2021", "Pain fell by a third.", "pubmed:1"),)
    assert stored.reviewed == TODAY
    assert session.add_evidence(claim, "zhang2021", "Pain fell by a third.", "pubmed:1") == set()
    undone = session.undo()
    assert undone is not None and "evidence" in undone.description
    assert (
        not store.review_path(article).exists()
        or claim not in store.read(store.review_path(article)).claims
    )


def test_session_removes_evidence_and_refuses_bad_quotes(article: Path) -> None:
    session = Session.open(article, today=lambda: TODAY)
    claim = acupuncture(session)
    session.add_evidence(claim, "zhang2021", "First.")
    session.add_evidence(claim, "zhang2021", "Second.", "doi:10.1/x")
    session.remove_evidence(claim, "zhang2021", "First.")
    assert [e.quote for e in session.state(claim).evidence] == ["Second."]
    with pytest.raises(RefereeError, match="at most 300"):
        session.add_evidence(claim, "zhang2021", "x" * 301)
    with pytest.raises(RefereeError, match="needs some text"):
        session.add_evidence(claim, "zhang2021", " \n ")
    with pytest.raises(UnknownReference):
        session.add_evidence(claim, "nobody1999", "Quote.")
    with pytest.raises(RefereeError, match="no such evidence"):
        session.remove_evidence(claim, "zhang2021", "First.")


# ----------------------------------------------------------------------------- shown


def test_report_and_claims_json_show_evidence(article: Path, capsys) -> None:
    session = Session.open(article, today=lambda: TODAY)
    claim = acupuncture(session)
    session.add_evidence(claim, "zhang2021", "Pain fell by a third.", "pubmed:1")
    data = {c["id"]: c for c in report_json(session)["claims"]}
    assert data[claim]["evidence"] == [
        {"ref": "zhang2021", "quote": "Pain fell by a third.", "source": "pubmed:1"}
    ]
    text = report_markdown(session)
    assert "Evidence:" in text and "- zhang2021, pubmed:1: “Pain fell by a third.”" in text
    assert main(["claims", str(article), "--json"]) == 0
    claims = {c["id"]: c for c in json.loads(capsys.readouterr().out)["claims"]}
    assert claims[claim]["evidence"][0]["quote"] == "Pain fell by a third."
    assert all(c["evidence"] == [] for i, c in claims.items() if i != claim)
