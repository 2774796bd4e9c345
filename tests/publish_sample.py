"""A reviewed sample article for the publish tests: two reviewers, every verdict, a
note that tries to be a heading and HTML, a note without a verdict, a manual claim,
a dismissed one, checked references, and then an edit that leaves one claim stale
and one orphaned."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from referee.model import CheckResult
from referee.publish.publication import Publication
from referee.publish.publisher import publisher_from
from referee.review.session import Session
from referee.text.analysis import analyse_article
from referee.text.article import load

FIXTURES = Path(__file__).parent / "fixtures" / "publish"
SAMPLE = (FIXTURES / "sample.md").read_text(encoding="utf-8")
REVIEWER = "Ada Lovelace <ada@example.org>"
SECOND = "Grace Hopper <grace@example.org>"
DAY, LATER = date(2026, 11, 24), date(2026, 11, 26)
NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
REVIEW_URL = "https://factcheck.example.org/reviews/cold-remedies"
HOSTILE_NOTE = (
    '</textarea><script>alert("note")</script> & <b>bold</b>\n# not a heading\n=====\n- not a list'
)
STALE_FROM = "cut hospital visits in half"
STALE_TO = "cut hospital visits by a third"
DELETED = " Zinc lozenges shorten a cold by two days, according to a 2017 meta-analysis [2]."


def session_at(path: Path, reviewer: str, day: date) -> Session:
    article = load(path)
    return Session(article, analyse_article(article), reviewer=reviewer, today=lambda: day)


def claim(session: Session, words: str) -> str:
    return next(s.id for s in session.claims() if words in s.text)


def reviewed_sample(folder: Path, *, edit: bool = True) -> Session:
    """Write the sample into ``folder``, review it, (edit it,) and open it again."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "sample.md"
    path.write_text(SAMPLE, encoding="utf-8")
    ada = session_at(path, REVIEWER, DAY)
    ada.update(
        claim(ada, "Vitamin D supplements"),
        verdict="overstated",
        note="The meta-analysis found 12 percent fewer infections, not 40.",
        refs=["martineau2017"],
    )
    ada.update(claim(ada, "Researchers at"), verdict="unsupported", note=HOSTILE_NOTE)
    ada.update(claim(ada, "Zinc lozenges"), verdict="supported", refs=["hemila2017"])
    ada.update(claim(ada, "<script>"), verdict="unsupported", note="Marathon runners only.")
    ada.set_note(claim(ada, "echinacea"), "Ask the author for the patient reports.")
    ada.dismiss(claim(ada, "Chicken soup"))
    text = ada.article.text
    start = text.index("Winter brings")
    manual = ada.add_claim(start, text.index("\n", start))
    ada.set_verdict(manual, "supported")
    ada.record_checks(
        [
            CheckResult(
                "martineau2017",
                "verified",
                ("crossref: DOI matches",),
                ("crossref",),
                "10.1136/bmj.i6583",
                None,
                DAY,
            ),
            CheckResult(
                "hemila2017",
                "not_found",
                (
                    "pubmed: 0 hits for zinc[ti] AND lozenges[ti] AND hemila[1au] AND 2016:2018[dp]",
                    "crossref: no candidates (https://api.crossref.org/works?query.bibliographic=Zinc)",
                ),
                ("crossref", "pubmed"),
                None,
                None,
                DAY,
            ),
        ]
    )
    grace = session_at(path, SECOND, LATER)
    grace.update(claim(grace, "Sleeping eight"), verdict="supported", refs=["prather2015"])
    if edit:
        path.write_text(SAMPLE.replace(STALE_FROM, STALE_TO).replace(DELETED, ""), encoding="utf-8")
    return session_at(path, REVIEWER, DAY)


def publication(session: Session, **kwargs) -> Publication:
    kwargs.setdefault("review_url", REVIEW_URL)
    return Publication(session, publisher_from({}), now=NOW, **kwargs)
