"""Reports on one review and surveys of many: what they list and how they read."""

from __future__ import annotations

from pathlib import Path

import pytest
from colds import ARTICLE

from referee.errors import RefereeError
from referee.publish import report
from referee.review import store
from referee.review.session import Session
from referee.text.analysis import analyse_article
from referee.text.article import load

REWORDED = ARTICLE.replace(
    "Sugar causes hyperactivity in children, studies show.",
    "Sugar may cause hyperactivity in some children, one study shows.",
).replace(
    "Researchers at a large university found that daily doses cut hospital visits in half. ", ""
)


@pytest.fixture
def session(tmp_path: Path) -> Session:
    path = tmp_path / "colds.txt"
    path.write_text(ARTICLE)
    return Session.open(path, reviewer="Ada")


def first(session: Session, word: str) -> str:
    return next(s.id for s in session.claims() if s.text.startswith(word))


def test_report_json_covers_manual_dismissed_and_stale_claims(session: Session) -> None:
    sugar, research, drug = (first(session, w) for w in ("Sugar", "Researchers", "The new"))
    session.update(sugar, verdict="unsupported", note="which studies?")
    session.set_verdict(research, "overstated")
    session.dismiss(drug)
    text = session.article.text
    tea = session.add_claim(text.index("Some people"), text.index("Some people") + 23)
    session.article.path.write_text(REWORDED)
    reopened = Session.open(session.article.path)
    data = report.report_json(reopened)
    by_id = {c["id"]: c for c in data["claims"]}
    assert set(by_id) == {sugar, research, drug, tea}
    assert by_id[sugar]["anchor"] == "stale"
    assert by_id[sugar]["quote"].startswith("Sugar causes")
    assert by_id[sugar]["text"].startswith("Sugar may cause")
    assert by_id[research]["anchor"] == "orphan" and by_id[research]["start"] is None
    assert by_id[drug]["dismissed"] and by_id[tea]["origin"] == "manual"
    assert by_id[sugar]["reviewed"] is not None and by_id[sugar]["conflicts"] == []
    # document order, orphans last
    assert [c["id"] for c in data["claims"]][-1] == research
    assert data["summary"] == {
        "claims": 6,  # 6 analysed - 1 dismissed + 1 manual (the orphan is counted)
        "reviewed": 2,
        "verdicts": {"supported": 0, "unsupported": 1, "overstated": 1},
        "stale": 1,
        "orphans": 1,
        "dismissed": 1,
        "conflicts": 0,
    }
    counted = [s for s in reopened.every_claim() if not s.dismissed]
    assert data["summary"]["claims"] == len(counted) == reopened.progress()[1]


def test_report_markdown_lists_orphans_apart_and_shows_new_wording(session: Session) -> None:
    sugar, research = first(session, "Sugar"), first(session, "Researchers")
    session.set_verdict(sugar, "unsupported")
    session.set_verdict(research, "overstated")
    session.article.path.write_text(REWORDED)
    text = report.report_markdown(Session.open(session.article.path))
    claims_part, orphans_part = text.split("## Orphans (no longer found in the article)")
    assert f"### ✗ unsupported — {sugar}" in claims_part and ", stale)" in claims_part
    assert "> Sugar causes hyperactivity" in claims_part
    assert "Now reads:\n\n> Sugar may cause" in claims_part
    assert f"### ≈ overstated — {research} (not found in the article)" in orphans_part
    assert "1 stale (text changed since review), 1 orphaned" in text


def test_every_claim_keeps_the_stored_id_of_a_re_anchored_claim(session: Session) -> None:
    sugar = first(session, "Sugar")
    session.update(sugar, verdict="unsupported", note="n")
    session.article.path.write_text(REWORDED)
    article = load(session.article.path)
    analysis = analyse_article(article)
    states = {s.id: s for s in Session(article, analysis).every_claim()}
    new_id = next(c.id for c in analysis.claims if c.text.startswith("Sugar may"))
    assert new_id != sugar and new_id not in states  # listed once, under the stored id
    assert (states[sugar].verdict, states[sugar].note, states[sugar].anchor) == (
        "unsupported",
        "n",
        "stale",
    )
    report_ids = [c["id"] for c in report.report_json(Session.open(article.path))["claims"]]
    assert sugar in report_ids


def test_every_claim_of_an_unreadable_review_has_no_verdict(session: Session) -> None:
    session.review_path.write_text("schema = 9\n")
    reopened = Session(session.article, session.analysis)
    assert "unknown schema 9" in reopened.load_error
    assert {s.verdict for s in reopened.every_claim()} == {None}


def test_find_articles_and_reviews(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("x")
    (tmp_path / "b.txt").write_text("x")
    (tmp_path / "b.txt.review.toml").write_text("schema = 1\n")
    (tmp_path / "data.csv").write_text("x")
    (tmp_path / "post.html").write_text("x")
    (tmp_path / "post.html.review.toml").write_text("schema = 1\n")
    (tmp_path / "orphan.md.review.toml").write_text("schema = 1\n")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "c.md").write_text("x")
    (tmp_path / "node_modules").mkdir()
    (tmp_path / "node_modules" / "d.md").write_text("x")
    names = [p.name for p in report.find_articles([tmp_path])]
    assert names == ["a.md", "b.txt", "post.html"]
    reviews = [p.name for p in report.find_reviews([tmp_path])]
    assert reviews == ["b.txt.review.toml", "orphan.md.review.toml", "post.html.review.toml"]
    assert report.find_reviews([tmp_path / "b.txt"]) == [tmp_path / "b.txt.review.toml"]
    assert report.find_reviews([tmp_path / "a.md"]) == []
    with pytest.raises(RefereeError):
        report.find_articles([tmp_path / "missing"])


def test_status_row_reports_problems_without_raising(tmp_path: Path) -> None:
    binary = tmp_path / "x.txt"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    assert "binary" in report.status_row(binary).error
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE)
    store.review_path(good).write_text("schema = 3\n")
    row = report.status_row(good)
    assert row.claims == 6 and "unknown schema 3" in row.error


def test_check_review_lists_each_conflict(session: Session) -> None:
    sugar = first(session, "Sugar")
    session.set_verdict(sugar, "unsupported")
    path = session.review_path
    path.write_text(
        path.read_text()
        + f'\n[claim.{sugar}.conflict.verdict]\nours = "unsupported"\ntheirs = "supported"\n'
    )
    problems = report.check_review(path)
    assert [p.message for p in problems] == [
        f"unresolved merge conflict on verdict of claim {sugar}"
    ]
    assert report.check_review(path, strict=True) == problems
