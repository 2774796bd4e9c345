"""``referee import``: W3C and Hypothesis annotations into a review, losing nothing."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from publish_sample import DELETED, SAMPLE, STALE_FROM, STALE_TO, publication, reviewed_sample

from referee.errors import RefereeError
from referee.publish import report, w3c
from referee.publish.importer import import_annotations
from referee.publish.publisher import publisher_from
from referee.review.session import Session

PUBLISHER = publisher_from({})


def claims_of(session: Session) -> list[dict]:
    """Every stored claim as ``report --format json`` shows it. ``moved`` says only that
    the text moved since the review file's ``base``; an imported review is pinned to
    the text it was imported into, so there the same claim is ``exact``."""
    claims = report.report_json(session)["claims"]
    return [{**c, "anchor": "exact" if c["anchor"] == "moved" else c["anchor"]} for c in claims]


def fresh_copy(folder: Path, text: str) -> Session:
    folder.mkdir()
    path = folder / "sample.md"
    path.write_text(text, encoding="utf-8")
    return Session.open(path, reviewer="Someone Else")


def with_conflict(session: Session) -> Session:
    """The review with a merge conflict left on the note of its overstated claim."""
    claim_id = next(s.id for s in session.stored() if s.verdict == "overstated")
    path = session.review_path
    path.write_text(
        path.read_text() + f'\n[claim.{claim_id}.conflict.note]\nours = "mine"\ntheirs = "theirs"\n'
    )
    return Session.open(session.article.path, reviewer="Ada Lovelace <ada@example.org>")


def test_w3c_export_then_import_loses_nothing(tmp_path: Path) -> None:
    original = with_conflict(reviewed_sample(tmp_path / "a"))
    exported = json.loads(json.dumps(w3c.export(publication(original))))
    edited = SAMPLE.replace(STALE_FROM, STALE_TO).replace(DELETED, "")
    copy = fresh_copy(tmp_path / "b", edited)
    result = import_annotations(copy, exported, PUBLISHER, today=date(2030, 1, 1))
    assert result.format == "w3c" and result.read == len(original.stored())
    assert len(result.orphans) == 1 and result.warnings == []
    reopened = Session.open(copy.article.path)
    assert claims_of(reopened) == claims_of(original)
    summary = report.report_json(reopened)["summary"]
    assert summary == report.report_json(original)["summary"]
    assert summary["stale"] == 1 and summary["orphans"] == 1 and summary["dismissed"] == 1
    assert summary["conflicts"] == 1
    # importing the same file again changes nothing and writes nothing
    before = copy.review_path.read_bytes()
    again = import_annotations(reopened, exported, PUBLISHER)
    assert again.changed == [] and copy.review_path.read_bytes() == before


def test_w3c_round_trip_of_an_unchanged_article_gives_the_same_review_file(tmp_path: Path) -> None:
    original = reviewed_sample(tmp_path / "a", edit=False)
    exported = w3c.export(publication(original))
    copy = fresh_copy(tmp_path / "b", SAMPLE)
    import_annotations(copy, exported, PUBLISHER)
    assert _without_refs(copy.review_path.read_text()) == _without_refs(
        original.review_path.read_text()
    )


def _without_refs(toml: str) -> str:
    """Reference checks are per reference, not per claim: W3C carries the claims."""
    return toml.split("\n[ref.")[0]


HYPOTHESIS = {
    "export_date": "2026-11-30T10:00:00.000Z",
    "export_userid": "acct:grace@hypothes.is",
    "client_version": "1.1700.0",
    "annotations": [
        {
            "uri": "https://news.example.org/health/cold-remedies",
            "text": "Which trial? The 2017 meta-analysis says 12%.",
            "tags": ["Overstated", "vitamins"],
            "target": [
                {
                    "source": "https://news.example.org/health/cold-remedies",
                    "selector": [
                        {"type": "RangeSelector", "startContainer": "/div[1]/p[2]"},
                        {"type": "TextPositionSelector", "start": 3, "end": 60},
                        {
                            "type": "TextQuoteSelector",
                            "exact": "Vitamin D supplements reduce the risk of colds by 40 percent in adults [1].",
                            "prefix": "Vitamins\n",
                            "suffix": " Researchers",
                        },
                    ],
                }
            ],
            "user_info": {"display_name": "Grace Hopper"},
            "updated": "2026-11-29T08:00:00.000Z",
        },
        {
            "uri": "https://news.example.org/health/cold-remedies",
            "text": "",
            "tags": ["unsupported"],
            "target": [
                {
                    "source": "x",
                    "selector": [{"type": "TextQuoteSelector", "exact": "completely safe"}],
                }
            ],
            "user": "acct:grace@hypothes.is",
        },
        {
            "uri": "https://news.example.org/health/cold-remedies",
            "text": "This sentence was cut by the editor.",
            "tags": [],
            "target": [
                {
                    "source": "x",
                    "selector": [
                        {
                            "type": "TextQuoteSelector",
                            "exact": "Garlic cures every cold known to science.",
                            "prefix": "xx",
                            "suffix": "yy",
                        }
                    ],
                }
            ],
        },
        {
            "uri": "x",
            "text": "a page note: nothing to anchor",
            "tags": [],
            "target": [{"source": "x"}],
        },
    ],
}


def test_hypothesis_quotes_are_anchored_tags_become_verdicts_orphans_are_kept(
    tmp_path: Path,
) -> None:
    session = fresh_copy(tmp_path / "h", SAMPLE)
    result = import_annotations(session, HYPOTHESIS, PUBLISHER, today=date(2026, 12, 1))
    assert result.format == "hypothesis" and result.read == 3 and len(result.changed) == 3
    by_quote = {s.quote: s for s in Session.open(session.article.path).stored()}
    vitamin = by_quote[HYPOTHESIS["annotations"][0]["target"][0]["selector"][2]["exact"]]
    analysed = next(s for s in session.claims() if s.text.startswith("Vitamin D"))
    assert vitamin.id == analysed.id and vitamin.origin == "auto"  # the claim on that span
    assert vitamin.verdict == "overstated" and vitamin.anchor == "exact"
    assert vitamin.note == "Which trial? The 2017 meta-analysis says 12%.\n\nTags: vitamins"
    assert vitamin.reviewer == "Grace Hopper" and vitamin.reviewed == date(2026, 11, 29)
    safe = by_quote["completely safe"]
    assert safe.origin == "manual" and safe.verdict == "unsupported"
    assert safe.reviewer == "grace@hypothes.is" and safe.reviewed == date(2026, 12, 1)
    assert session.article.text[safe.start : safe.end] == "completely safe"
    garlic = by_quote["Garlic cures every cold known to science."]
    assert garlic.anchor == "orphan" and garlic.note == "This sentence was cut by the editor."


def test_an_import_keeps_what_the_file_does_not_say(tmp_path: Path) -> None:
    session = fresh_copy(tmp_path / "m", SAMPLE)
    claim = next(s for s in session.claims() if s.text.startswith("Vitamin D"))
    session.update(claim.id, verdict="supported", note="fine", refs=["martineau2017"])
    data = {
        "type": "Annotation",
        "body": {
            "type": "SpecificResource",
            "purpose": "linking",
            "source": "https://pubmed.ncbi.nlm.nih.gov/999/",
        },
        "target": {"selector": {"type": "TextQuoteSelector", "exact": claim.text}},
    }
    result = import_annotations(session, data, PUBLISHER)
    assert result.changed == []  # no verdict, no note, an unknown link: nothing to change
    state = session.state(claim.id)
    assert (state.verdict, state.note, state.refs) == ("supported", "fine", ("martineau2017",))
    data["body"] = {"type": "TextualBody", "purpose": "tagging", "value": "unsupported"}
    import_annotations(session, data, PUBLISHER)
    state = session.state(claim.id)
    assert (state.verdict, state.note) == ("unsupported", "fine")
    assert session.undo() is not None and session.state(claim.id).verdict == "supported"


@pytest.mark.parametrize("data", [[], {"a": 1}, "text", {"type": "Annotation"}])
def test_a_file_that_is_neither_format_is_refused(tmp_path: Path, data) -> None:
    session = fresh_copy(tmp_path / "x", SAMPLE)
    if data == {"type": "Annotation"}:
        assert import_annotations(session, data, PUBLISHER).changed == []
        return
    with pytest.raises(RefereeError, match="not a W3C"):
        import_annotations(session, data, PUBLISHER)
    assert not session.review_path.exists()


def test_utf16_positions_from_another_tool_still_find_the_quote(tmp_path: Path) -> None:
    text = "🙂🙂 Intro line.\n\nVitamin D cures colds in 90% of adults, a 2019 trial found.\n"
    folder = tmp_path / "emoji"
    folder.mkdir()
    path = folder / "post.txt"
    path.write_text(text)
    session = Session.open(path, reviewer="Ada")
    quote = "Vitamin D cures colds in 90% of adults"
    start16 = len(text[: text.index(quote)].encode("utf-16-le")) // 2  # 2 more than ours
    data = {
        "type": "Annotation",
        "body": [{"type": "TextualBody", "value": "tagged", "purpose": "tagging"}],
        "target": {
            "source": "post.txt",
            "selector": [
                {"type": "TextQuoteSelector", "exact": quote, "prefix": "Intro line.\n\n"},
                {"type": "TextPositionSelector", "start": start16, "end": start16 + len(quote)},
            ],
        },
    }
    result = import_annotations(session, data, PUBLISHER)
    (state,) = Session.open(path).stored()
    assert text[state.start : state.end] == quote and state.anchor == "exact"
    assert state.note == "Tags: tagged" and state.verdict is None and state.origin == "manual"
    assert result.orphans == []


def test_session_put_stores_in_one_save_and_undoes_claim_by_claim(tmp_path: Path) -> None:
    from referee.review.record import Annotation
    from referee.review.selector import Selector, selector_for

    session = fresh_copy(tmp_path / "p", SAMPLE)
    text = session.article.text
    first, second = session.claims()[:2]
    found = Annotation.from_selector(
        first.id, selector_for(text, first.start, first.end), verdict="supported", reviewer="A"
    )
    lost = Annotation.from_selector(
        "cgone1234",
        Selector("A sentence no longer here.", "", "", 5, 31),
        note="kept",
        origin="manual",
    )
    untouched = Annotation.from_selector(second.id, selector_for(text, second.start, second.end))
    assert session.put([found, lost, untouched]) == [first.id, "cgone1234"]  # empty: nothing
    reopened = Session.open(session.article.path)
    assert reopened.state(first.id).verdict == "supported"
    assert (
        reopened.state("cgone1234").anchor == "orphan"
        and reopened.state("cgone1234").note == "kept"
    )
    written = session.review_path.read_bytes()
    assert session.put([found, lost]) == [] and session.review_path.read_bytes() == written
    session.undo()
    assert "cgone1234" not in Session.open(session.article.path).review.claims
    session.undo()
    assert not Session.open(session.article.path).review.claims
