"""The exports of a reviewed article: every ClaimReview field, W3C selectors that
resolve, an HTML page that stands alone, CSV rows, the Hypothesis shape."""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
from publish_sample import NOW, REVIEW_URL, publication, reviewed_sample

from referee.errors import RefereeError
from referee.publish import claimreview, csvexport, htmlreport, hypothesis, w3c
from referee.publish.articlemeta import read_meta
from referee.publish.publication import Publication, shorten
from referee.publish.publisher import publisher_from
from referee.review.session import Session


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory) -> Session:
    return reviewed_sample(tmp_path_factory.mktemp("sample"))


# ----------------------------------------------------------------------------- ClaimReview


def test_every_claim_review_carries_every_field(session: Session) -> None:
    reviews = claimreview.export(publication(session))
    judged = [s for s in session.stored() if s.verdict and not s.dismissed]
    assert [r["url"] for r in reviews] == [f"{REVIEW_URL}#{s.id}" for s in judged]
    for review, state in zip(reviews, judged, strict=True):
        assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
        assert review["claimReviewed"] and len(review["claimReviewed"]) <= 75
        assert review["datePublished"] == state.reviewed.isoformat()
        assert review["author"]["@type"] == "Person" and review["author"]["name"] in (
            "Ada Lovelace",
            "Grace Hopper",
        )
        assert "email" not in review["author"]  # a published fact-check names, never mails
        item = review["itemReviewed"]
        assert item["@type"] == "Claim" and item["author"]["name"] == "Sam Writer"
        assert item["appearance"]["url"] == "https://news.example.org/health/cold-remedies"
        rating = review["reviewRating"]
        assert rating["@type"] == "Rating" and rating["bestRating"] == 3
        assert rating["worstRating"] == 1
        expected = {"supported": (3, "Supported"), "overstated": (2, "Overstated")}
        expected["unsupported"] = (1, "Unsupported")
        assert (rating["ratingValue"], rating["alternateName"]) == expected[state.verdict]
        assert rating["ratingExplanation"] == state.note


def test_the_rating_table_and_author_come_from_the_config(session: Session) -> None:
    publisher = publisher_from(
        {
            "author": "Example Fact Check",
            "author_url": "https://factcheck.example.org",
            "best_rating": 5,
            "ratings": {"overstated": {"value": 2, "name": "Misleading"}, "supported": "Accurate"},
        }
    )
    pub = Publication(session, publisher, now=NOW)
    reviews = {r["reviewRating"]["alternateName"]: r for r in claimreview.export(pub)}
    assert set(reviews) == {"Accurate", "Misleading", "Unsupported"}
    assert reviews["Misleading"]["reviewRating"]["ratingValue"] == 2
    assert reviews["Accurate"]["reviewRating"]["bestRating"] == 5
    assert reviews["Accurate"]["author"] == {
        "@type": "Organization",
        "name": "Example Fact Check",
        "url": "https://factcheck.example.org",
    }
    assert "url" not in reviews["Accurate"]  # no review page given anywhere
    assert publisher.verdict_for_tag(" misleading ") == "overstated"


@pytest.mark.parametrize(
    "table",
    [
        {"ratings": {"wrong": "x"}},
        {"ratings": {"supported": {"value": 9}}},
        {"best_rating": 1, "worst_rating": 1},
        {"author_type": "Robot"},
        {"author": 3},
        {"ratings": []},
    ],
)
def test_a_bad_publish_table_is_a_clear_error(table: dict) -> None:
    with pytest.raises(RefereeError, match=r"\[publish"):
        publisher_from(table, "config.toml")


def test_claim_reviewed_is_cut_at_a_word_boundary() -> None:
    long = "Vitamin D supplements reduce the risk of colds and flu by forty percent in adults"
    short = shorten(long, 75)
    assert len(short) <= 75 and short.endswith("…")
    assert long.startswith(short[:-1]) and long[len(short) - 1] == " "
    assert shorten("one\n two", 75) == "one two"


# ----------------------------------------------------------------------------- W3C


def test_every_w3c_selector_resolves_to_the_article_text(session: Session) -> None:
    text = session.article.text
    data = w3c.export(publication(session))
    assert data["type"] == "AnnotationCollection" and data["@context"][0] == w3c.ANNO_CONTEXT
    items = data["first"]["items"]
    assert data["total"] == len(items) == len(session.stored())
    anchored = 0
    for item in items:
        assert item["motivation"] == "assessing"
        assert item["target"]["source"] == "https://news.example.org/health/cold-remedies"
        selectors = {s["type"]: s for s in item["target"]["selector"]}
        quote = selectors["TextQuoteSelector"]
        if item["referee:anchor"] == "orphan":
            assert "TextPositionSelector" not in selectors and quote["exact"] not in text
            continue
        anchored += 1
        position = selectors["TextPositionSelector"]
        start, end = position["start"], position["end"]
        assert text[start:end] == quote["exact"]
        assert text[:start].endswith(quote["prefix"]) and text[end:].startswith(quote["suffix"])
    assert anchored == len(items) - 1


def test_w3c_bodies_hold_verdict_note_references_and_the_rest(session: Session) -> None:
    items = {i["referee:claim"]: i for i in w3c.export(publication(session))["first"]["items"]}
    vitamin = next(s for s in session.stored() if s.text.startswith("Vitamin D"))
    bodies = items[vitamin.id]["body"]
    assert {"type": "TextualBody", "purpose": "tagging", "value": "overstated"} in bodies
    assert any(b.get("purpose") == "commenting" and b["value"] == vitamin.note for b in bodies)
    assert {
        "type": "SpecificResource",
        "purpose": "linking",
        "source": "https://doi.org/10.1136/bmj.i6583",
        "referee:ref": "martineau2017",
    } in bodies
    assert items[vitamin.id]["creator"] == {
        "type": "Person",
        "name": "Ada Lovelace",
        "email": "mailto:ada@example.org",
    }
    assert items[vitamin.id]["modified"] == "2026-11-24T00:00:00Z"
    stale = next(i for i in items.values() if i["referee:anchor"] == "stale")
    assert stale["referee:reviewedQuote"].endswith("visits in half.")
    assert any(i.get("referee:dismissed") for i in items.values())
    assert any(i["referee:origin"] == "manual" for i in items.values())


# ----------------------------------------------------------------------------- HTML


class Page(HTMLParser):
    VOID = frozenset({"meta", "br", "hr", "img", "input", "link", "wbr", "col", "source"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.style = ""

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1:]}>"
        self.stack.pop()

    def handle_data(self, data):
        if self.stack and self.stack[-1] == "style":
            self.style += data
        else:
            self.text.append(data)


def test_the_html_report_parses_stands_alone_and_shows_every_judged_claim(
    session: Session,
) -> None:
    page = Page()
    page.feed(htmlreport.export(publication(session)))
    page.close()
    assert page.stack == []
    names = [tag for tag, _ in page.tags]
    assert "script" not in names and "link" not in names and "img" not in names
    assert "iframe" not in names and "object" not in names
    for _, attrs in page.tags:
        assert "src" not in attrs and "srcset" not in attrs
        assert not any(k.startswith("on") for k in attrs)
    assert (
        "url(" not in page.style and "@import" not in page.style and "@font-face" not in page.style
    )
    ids = {attrs.get("id") for _, attrs in page.tags}
    text = "".join(page.text)
    for state in session.stored():
        if state.verdict and not state.dismissed:
            assert f"note-{state.id}" in ids
            if state.start is not None:
                assert f"claim-{state.id}" in ids
    # hostile text is text
    assert '<script>alert("x")</script> Studies show' in text
    assert '</textarea><script>alert("note")</script> & <b>bold</b>' in text
    for glyph in "✓✗≈!":
        assert glyph in text
    assert "not found" in text and "verified" in text  # reference check statuses
    assert "Ada Lovelace" in text and "Grace Hopper" in text
    assert "2026-11-24" in text and "2026-11-26" in text
    assert "0 hits for" not in text  # no internal query strings


# ----------------------------------------------------------------------------- CSV, Hypothesis


def test_csv_has_one_row_per_claim(session: Session) -> None:
    rows = list(csv.DictReader(io.StringIO(csvexport.export(publication(session)))))
    assert tuple(rows[0]) == csvexport.COLUMNS
    claims = session.claims() + [s for s in session.orphans() if s.anchor == "orphan"]
    assert [r["id"] for r in rows] == [s.id for s in claims]
    by_id = {r["id"]: r for r in rows}
    vitamin = next(s for s in claims if s.text.startswith("Vitamin D"))
    assert by_id[vitamin.id]["refs"] == "martineau2017"
    assert by_id[vitamin.id]["reviewer"] == "Ada Lovelace <ada@example.org>"
    assert {r["anchor"] for r in rows} >= {"stale", "orphan"}
    assert "\n# not a heading" in "".join(r["note"] for r in rows)


def test_csv_cells_never_start_a_spreadsheet_formula(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("=HYPERLINK(1) is a formula that doctors say cures colds in 90% of cases.\n")
    session = Session.open(path, reviewer="Ada")
    claim_id = session.claims()[0].id
    session.update(claim_id, verdict="unsupported", note="@SUM(A1) -1 +2")
    rows = list(csv.reader(io.StringIO(csvexport.export(Publication(session)))))
    assert rows[1][2].startswith("'=HYPERLINK") and rows[1][3] == "'@SUM(A1) -1 +2"


def test_hypothesis_file_has_the_clients_shape(session: Session) -> None:
    data = hypothesis.export(publication(session))
    assert data["export_date"] == "2026-12-01T12:00:00.000Z"
    assert data["client_version"].startswith("referee ")
    for item in data["annotations"]:
        assert item["uri"] == "https://news.example.org/health/cold-remedies"
        assert isinstance(item["text"], str) and isinstance(item["tags"], list)
        (target,) = item["target"]
        assert [s["type"] for s in target["selector"]] == ["TextQuoteSelector"]
    tags = [t for item in data["annotations"] for t in item["tags"]]
    assert {"supported", "unsupported", "overstated"} <= set(tags)
    json.dumps(data)


# ----------------------------------------------------------------------------- front matter


def test_front_matter_gives_url_title_author_and_date() -> None:
    meta = read_meta(
        "---\ntitle: 'It''s here'\nurl: \"https://a.example/x\"  \nauthor: Sam # c\n---\nBody"
    )
    assert (meta.url, meta.title, meta.author) == ("https://a.example/x", "It's here", "Sam")
    assert meta.end == len(
        "---\ntitle: 'It''s here'\nurl: \"https://a.example/x\"  \nauthor: Sam # c\n---\n"
    )
    toml = read_meta('+++\nurl = "https://b.example"\ndate = 2026-01-02\n+++\n')
    assert (toml.url, toml.date) == ("https://b.example", "2026-01-02")
    assert read_meta("No front matter\nurl: x\n").url is None
    assert read_meta("---\ntags: [a, b]\n---\n").url is None


def test_without_front_matter_the_source_is_the_file_name(tmp_path: Path) -> None:
    path = tmp_path / "post.txt"
    path.write_text("Vitamin D cures colds in 90% of adults, a 2019 trial found.\n")
    session = Session.open(path, reviewer="Ada")
    session.set_verdict(session.claims()[0].id, "unsupported")
    item = w3c.export(Publication(session))["first"]["items"][0]
    assert item["target"]["source"] == "post.txt"
    given = w3c.export(Publication(session, url="https://c.example/post"))["first"]["items"][0]
    assert given["target"]["source"] == "https://c.example/post"


def test_only_web_addresses_become_links(tmp_path: Path) -> None:
    path = tmp_path / "post.md"
    path.write_text(
        '---\nurl: "javascript:alert(1)"\n---\n\nVitamin D cures colds in 90% of adults.\n'
    )
    session = Session.open(path, reviewer="Ada")
    page = Page()
    page.feed(htmlreport.export(Publication(session)))
    hrefs = [attrs["href"] for tag, attrs in page.tags if tag == "a"]
    assert all(h.startswith(("#", "http")) for h in hrefs)
    assert "javascript:alert(1)" in "".join(page.text)


def test_html_handles_claims_across_paragraphs_and_overlapping_claims(tmp_path: Path) -> None:
    path = tmp_path / "post.txt"
    path.write_text(
        "Vitamin D cures colds in 90% of adults, a 2019 trial found.\n\n"
        "Zinc halves the length of a cold, studies show.\n"
    )
    session = Session.open(path, reviewer="Ada")
    text = session.article.text
    first = session.claims()[0]
    session.set_note(first.id, "unjudged, and overlapped by judged claims")
    across = session.add_claim(text.index("a 2019"), text.index("studies show"))
    inside = session.add_claim(text.index("cures"), text.index(" of adults"))
    session.set_verdict(across, "unsupported")
    session.update(inside, verdict="supported", note="inside another claim")
    page = Page()
    page.feed(htmlreport.export(Publication(session)))
    page.close()
    assert page.stack == []
    ids = {attrs.get("id") for _, attrs in page.tags}
    assert {f"note-{first.id}", f"note-{across}", f"note-{inside}"} <= ids
    marks = [attrs.get("class") for tag, attrs in page.tags if tag == "mark"]
    assert marks.count("unsupported") == 2  # one claim, highlighted in both paragraphs
    assert marks == ["supported", "unsupported", "unsupported"]  # overlapped unjudged: not shown
    assert f"claim-{first.id}" not in ids
    assert "".join(page.text).count("studies show") == 1  # no text repeated or lost
