"""The fields of one reference entry: APA, Harvard, Vancouver, web pages, links, DOIs."""

from __future__ import annotations

import pytest

from referee.text.reference_fields import parse_entry


@pytest.mark.parametrize(
    ("raw", "doi"),
    [
        ("Smith J. Title. J Med. 2019;1:2. https://doi.org/10.1000/ABC.123.", "10.1000/ABC.123"),
        ("Smith J. Title. J Med. 2019;1:2. doi: 10.1000/xyz(19)45-6;", "10.1000/xyz(19)45-6"),
        ("Smith J. Title. J Med. 2019;1:2. DOI 10.1000/xyz.", "10.1000/xyz"),
        ("Smith J. Title. J Med. 2019;1:2. http://dx.doi.org/10.1000/q),", "10.1000/q"),
        ("Smith, J. (2019). [Title](https://doi.org/10.1000/linked). J, 1, 2.", "10.1000/linked"),
        # Control characters end an identifier: they are never sent to a service.
        ("Smith J. Title. J Med. 2019;1:2. doi:10.1000/abc\x1b[31mred", "10.1000/abc"),
        ("Smith J. Title. J Med. 2019;1:2. doi:10.1000/x\x07y", "10.1000/x"),
    ],
)
def test_doi_is_kept_as_written_without_prefix_or_trailing_punctuation(raw, doi):
    assert parse_entry(raw)["doi"] == doi


def test_parse_apa_with_emphasis_and_in_press():
    got = parse_entry("García-López, M., & de Vries, A. (in press). A title? *Sleep*, *4*(1), 1–9.")
    assert got["authors"] == ("García-López", "de Vries")
    assert got["year"] == "in press"
    assert got["title"] == "A title?"
    assert (got["container"], got["volume"], got["issue"], got["pages"]) == (
        "Sleep",
        "4",
        "1",
        "1–9",
    )


def test_parse_harvard_and_fallback_shapes():
    harvard = parse_entry(
        "Smith, J. and Jones, K. (2019) Sleep debt. Journal of Rest, 3(2), pp. 1-10."
    )
    assert harvard["authors"] == ("Smith", "Jones")
    assert (harvard["year"], harvard["title"], harvard["pages"]) == ("2019", "Sleep debt", "1-10")
    chicago = parse_entry(
        'Smith, John, and Kate Jones. 2019. "Sleep Debt." Journal of Rest 3 (2): 1–10.'
    )
    assert chicago["authors"][0] == "Smith"
    assert (chicago["year"], chicago["title"]) == ("2019", "Sleep Debt")


def test_parse_vancouver_web_page_and_pmid():
    got = parse_entry(
        "World Health Organization. Guideline: vitamin D supplementation in pregnant women "
        "[Internet]. Geneva: WHO; 2012 [cited 2024 Jan 5]. Available from: "
        "https://www.who.int/publications/i/item/9789241504935"
    )
    assert got["authors"] == ("World Health Organization",)
    assert got["year"] == "2012"
    assert got["title"] == "Guideline: vitamin D supplementation in pregnant women"
    assert (got["publisher"], got["place"], got["type"]) == ("WHO", "Geneva", "report")
    assert got["url"] == "https://www.who.int/publications/i/item/9789241504935"
    assert parse_entry("Smith J. T. J Med. 2019;1:2. PMID: 12345678")["pmid"] == "12345678"


def test_plain_link_entry():
    got = parse_entry("[CDC: Sleep and sleep disorders](https://www.cdc.gov/sleep/index.html)")
    assert got["url"] == "https://www.cdc.gov/sleep/index.html"
    assert got["title"] == "CDC: Sleep and sleep disorders"
    assert got.get("year") is None
