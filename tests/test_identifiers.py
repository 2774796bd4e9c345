"""The identifier patterns every module shares, and the one DOI key."""

from __future__ import annotations

import pytest

from referee.text.analysis import analyse
from referee.text.article import from_text
from referee.text.identifiers import (
    ARXIV,
    DOI,
    ISBN,
    MD_LINK,
    PMID,
    PUBMED_URL,
    URL,
    normalise_doi,
    trim_identifier,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10.1016/S0140-6736(97)11096-0", "10.1016/s0140-6736(97)11096-0"),
        ("https://doi.org/10.7717/peerj.4375.", "10.7717/peerj.4375"),
        ("http://dx.doi.org/10.7717/peerj.4375", "10.7717/peerj.4375"),
        ("https://www.doi.org/10.7717/PeerJ.4375", "10.7717/peerj.4375"),
        ("doi: 10.7717/peerj.4375;", "10.7717/peerj.4375"),
        ("DOI 10.7717/peerj.4375", "10.7717/peerj.4375"),
        ("https://dx.doi.org/10.1162%2Ftacl_a_00276", "10.1162/tacl_a_00276"),
        (r"10.1162/tacl\_a\_00276", "10.1162/tacl_a_00276"),
        ("(doi:10.1000/abc)", "10.1000/abc"),
        ("10.1000/abc’", "10.1000/abc"),
        ("{10.1000/abc}", "10.1000/abc"),
        # Typographic hyphens as PDFs and word processors write them.
        ("10.1016/S0140\u20106736(97)11096\u20110", "10.1016/s0140-6736(97)11096-0"),
        ("10.1016/S0140\u20136736(97)11096\u22120", "10.1016/s0140-6736(97)11096-0"),
        ("10.1016/S0140-\u00ad6736(97)11096-0", "10.1016/s0140-6736(97)11096-0"),
        ("not a doi", None),
        ("10.12/too-short-a-registrant", None),
        ("", None),
        (None, None),
    ],
)
def test_normalise_doi(text: str | None, expected: str | None) -> None:
    assert normalise_doi(text) == expected


def test_every_written_form_of_one_doi_gives_one_key() -> None:
    forms = [
        "10.1056/NEJMoa2034577",
        "https://doi.org/10.1056/nejmoa2034577",
        "doi:10.1056/NEJMoa2034577.",
        "https://doi.org/10.1056%2FNEJMoa2034577",
        "10.1056/NEJMoa2034577)",
    ]
    assert {normalise_doi(f) for f in forms} == {"10.1056/nejmoa2034577"}


def test_doi_as_written_keeps_brackets_that_belong_to_it() -> None:
    text = "see 10.1002/(SICI)1097-4636(199806)40:3<1::AID>3.0.CO;2-O for the method"
    assert DOI.search(text).group() == "10.1002/(SICI)1097-4636(199806)40:3"
    assert trim_identifier("10.1016/S0140-6736(97)11096-0).") == "10.1016/S0140-6736(97)11096-0"
    assert trim_identifier("https://x.org/a_(b)],") == "https://x.org/a_(b)"


def test_pubmed_ids_in_text_and_in_links() -> None:
    assert PMID.search("PMID: 29456894.").group("pmid") == "29456894"
    assert PMID.search("PMID29456894").group("pmid") == "29456894"
    for url in (
        "https://pubmed.ncbi.nlm.nih.gov/29456894/",
        "https://www.ncbi.nlm.nih.gov/pubmed/29456894",
    ):
        assert PUBMED_URL.search(url).group("pmid") == "29456894"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("arXiv:2101.00001", "2101.00001"),
        ("arXiv: 1706.03762v5.", "1706.03762v5"),
        ("https://arxiv.org/abs/1706.03762", "1706.03762"),
        ("https://arxiv.org/pdf/hep-th/9901001v1", "hep-th/9901001v1"),
        ("arXiv:math.GT/0309136", "math.GT/0309136"),
    ],
)
def test_arxiv_ids(text: str, expected: str) -> None:
    assert ARXIV.search(text).group("arxiv") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ISBN 978-0-19-852663-6.", "978-0-19-852663-6"),
        ("ISBN-10: 0-19-852663-6", "0-19-852663-6"),
        ("ISBN: 019852663X", "019852663X"),
    ],
)
def test_isbns(text: str, expected: str) -> None:
    assert ISBN.search(text).group("isbn") == expected


def test_urls_and_markdown_links() -> None:
    text = "(see https://en.wikipedia.org/wiki/Goodpasture_(disease)) and more"
    assert URL.search(text).group() == "https://en.wikipedia.org/wiki/Goodpasture_(disease)"
    link = MD_LINK.search('[the trial](https://doi.org/10.1000/x "Title") said')
    assert (link.group("text"), link.group("url")) == ("the trial", "https://doi.org/10.1000/x")


def test_a_doi_written_with_typographic_hyphens_links_the_citation_to_its_entry() -> None:
    # The reference list writes the DOI with ASCII hyphens, the prose with U+2011 (as
    # text copied from a PDF does): both name one work.
    article = from_text(
        "# A trial\n\nIt works (doi:10.1016/S0140\u20116736(19)30001\u20111).\n\n"
        "## References\n\n"
        "1. Smith J, Jones K. A trial of something. Lancet. 2019;393(1):2-3. "
        "doi:10.1016/S0140-6736(19)30001-1\n",
        "article.md",
    )
    analysis = analyse(article.text, article.markdown)
    [ref] = analysis.references
    assert ref.doi == "10.1016/S0140-6736(19)30001-1"
    assert [(c.style, c.ref_ids, c.status) for c in analysis.citations] == [
        ("doi", (ref.id,), "linked")
    ]
