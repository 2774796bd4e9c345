"""Honest verdicts: a parsing slip never accuses a real work, books and reports no index
holds are ``not_indexed``, notices give ``retracted``, ``concern`` and ``corrected``, and
the new sources (Open Library, DataCite, arXiv, Europe PMC) answer for what they hold."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from refserver import Canned, FixtureRouter, fixture_settings, load, mock_transport

from referee.model import CheckResult, Reference
from referee.refcheck import check_references
from referee.refcheck.doi import normalise_doi
from referee.refcheck.kind import BOOK, CHAPTER, JOURNAL, REPORT, THESIS, kind_of
from referee.refcheck.match import Candidate, assess
from referee.refcheck.pubmed import parse_notices

STATE_OF_OA = (
    "The state of OA: a large-scale analysis of the prevalence and impact of Open Access articles"
)
PIWOWAR = Reference(
    "piwowar2018",
    0,
    0,
    f"Piwowar H, Priem J, Larivière V, et al. {STATE_OF_OA}. PeerJ. 2018;6:e4375. "
    "doi:10.7717/peerj.4375",
    authors=("Piwowar", "Priem", "Larivière"),
    year="2018",
    title=STATE_OF_OA,
    container="PeerJ",
    volume="6",
    pages="e4375",
    doi="10.7717/peerj.4375",
)


async def check(refs: list[Reference], router: FixtureRouter | None = None) -> list[CheckResult]:
    router = router or FixtureRouter()
    return await check_references(refs, fixture_settings(), transport=mock_transport(router))


def ref(raw: str, **fields: object) -> Reference:
    return Reference("r", 0, len(raw), raw, **fields)  # type: ignore[arg-type]


# --- validation: the raw string as well as the parsed fields -----------------------------


def record(**fields: object) -> Candidate:
    return Candidate(source="crossref", **fields)  # type: ignore[arg-type]


def test_a_short_title_in_the_raw_string_with_author_and_year_is_the_work() -> None:
    cited = ref("Cooke, E. (1708). The Sot-Weed Factor. London: B. Bragg.")  # nothing parsed
    found = record(title="The Sot-Weed Factor", authors=("Cooke",), year=1708)
    assert assess(cited, found).matches
    # the same short title by another author, or in another year, is not
    assert not assess(cited, replace(found, authors=("Barth",), year=1960)).matches
    assert not assess(cited, replace(found, year=1960)).matches
    # nor is a short title that is only part of a longer one in the reference
    other = ref("Cooke, E. (1708). The Sot-Weed Factor Revisited at Length. London.")
    assert not assess(other, found).matches


def test_a_year_inside_the_title_is_not_the_cited_year() -> None:
    title = "Jewish life in Berlin 1880–1945"
    cited = ref(
        f"Meyer, B. (1998). {title}. Berlin: Metropol.",
        authors=("Meyer",),
        year="1945",
        title=title,
    )  # the parser took the year from the title
    assert assess(cited, record(title=title, authors=("Meyer",), year=1998)).matches


def test_given_names_taken_for_the_first_author_do_not_accuse() -> None:
    title = "Residual learning and the depth of convolutional networks in practice"
    cited = ref(
        f"Kaiming He, Xiangyu Zhang. {title}. Vision J. 2016;4:1-9.",
        authors=("Kaiming",),
        year="2016",
        title=title,
        volume="4",
        pages="1-9",
    )
    assert assess(cited, record(title=title, authors=("He", "Zhang"), year=2016)).matches


def test_journal_compared_only_for_journal_articles() -> None:
    title = "The evolution of cooperation in structured populations"
    book = ref(
        f"Axel, R. (1984). {title}. Cambridge: Cambridge University Press.",
        authors=("Axel",),
        year="1984",
        title=title,
        container="Cambridge: Cambridge University Press",
    )
    found = record(title=title, authors=("Axel",), year=1984, containers=("Evolution",))
    assert assess(book, found).matches
    pages = ref(
        f"Axel R. {title}. Evolution. 1984;38:310-12.",
        authors=("Axel",),
        year="1984",
        title=title,
        container="310-12",
        pages="310-12",
    )
    assert assess(pages, replace(found, pages="310-312")).matches
    article = ref(
        f"Axel R. {title}. Nature. 1984;38:310-12.",
        authors=("Axel",),
        year="1984",
        title=title,
        container="Nature",
        pages="310-12",
    )
    assert not assess(article, found).matches  # a journal article in another journal


def test_a_value_the_parser_missed_but_the_raw_string_has_agrees() -> None:
    title = "Soil carbon under long-term no-till management across climates"
    cited = ref(
        f"Lal R. {title}. Geoderma. 2012;45(3):101-9.",
        authors=("Lal",),
        year="2012",
        title=title,
        volume="3",
        pages="101-9",
    )  # volume slip
    assert assess(cited, record(title=title, authors=("Lal",), year=2012, volume="45")).matches


def test_publishers_are_compared_for_books() -> None:
    title = "A history of the measurement of mountain glaciers"
    book = ref(
        f"Ives, J. (1990). {title}. Oxford: Clarendon Press.",
        authors=("Ives",),
        year="1990",
        title=title,
        publisher="Clarendon Press",
        type="book",
    )
    ol = Candidate(source="openlibrary", title=title, authors=("Ives",), year=1990)
    assert assess(book, replace(ol, publishers=("Clarendon Press", "OUP"))).matches
    assert not assess(book, replace(ol, publishers=("Springer",))).matches


@pytest.mark.parametrize(
    ("written", "doi"),
    [
        ("https://doi.org/10.1000/abc\u2010def", "10.1000/abc-def"),
        ("doi:10.1000/abc\u2011def.", "10.1000/abc-def"),
        ("dx.doi.org/10.1000%2Fxyz", "10.1000/xyz"),
        ("DOI 10.1000/x\u00ady)", "10.1000/xy"),
        ("https://www.doi.org/10.1016/S0140-6736(97)11096-0;", "10.1016/s0140-6736(97)11096-0"),
    ],
)
def test_dois_are_normalised_before_anyone_is_asked(written: str, doi: str) -> None:
    assert normalise_doi(written) == doi


@pytest.mark.parametrize(
    ("raw", "kind"),
    [
        ("Smith J. Sleep and memory. J Sleep Res. 2019;12(3):45-67.", JOURNAL),
        (
            "World Health Organization. Guideline: sugars intake for adults and children. "
            "Geneva: WHO; 2015.",
            REPORT,
        ),
        ("Barth, J. (1960). The Sot-Weed Factor. New York: Doubleday.", BOOK),
        ("Lee, K. (2001). Coral growth. In R. Smith (Ed.), Reefs (pp. 1-20). Wiley.", CHAPTER),
        (
            "Okafor, C. (2019). Sleep in shift workers [Doctoral dissertation]. Univ. of Lagos.",
            THESIS,
        ),
    ],
)
def test_kinds_of_work(raw: str, kind: str) -> None:
    assert kind_of(ref(raw)) == kind


@pytest.mark.parametrize(
    ("raw", "container", "kind"),
    [
        # the parser took an APA book's publisher for a journal
        ("Harrison, E. F. (1986). Interpreting Acts. Zondervan.", "Zondervan", BOOK),
        (
            "Kingston T. Bats of Krau. Penerbit Universiti Kebangsaan Malaysia; 2006.",
            "Penerbit",
            BOOK,
        ),
        ("Yörük E. The Long Summer of Turkey. South Atlantic Quarterly. 2014.", None, JOURNAL),
        ("McIntyre, R. (2008) 'Mixed Life', English Studies, 89, pp. 643-661.", "643-661", JOURNAL),
        (
            "Fuest, V. (2010) 'Contested Inclusions: NGO Peace-Building', Africa Spectrum.",
            None,
            JOURNAL,
        ),
        (
            'H. Lasnik, "On the necessity of binding conditions," in Principles and parameters, '
            "Cambridge, MA, MIT Press, 1991, pp. 7-28.",
            None,
            CHAPTER,
        ),
        (
            'Lasnik, Howard. "On binding conditions." Principles and parameters, MIT Press, 1991, '
            "pp. 7-28.",
            None,
            CHAPTER,
        ),
    ],
)
def test_kinds_when_the_parser_slipped(raw: str, container: str | None, kind: str) -> None:
    assert kind_of(ref(raw, container=container)) == kind


def test_a_declared_type_wins() -> None:
    assert kind_of(ref("Smith J. Sleep. J Sleep Res. 2019;12:45-67.", type="book")) == BOOK


# --- whole checks --------------------------------------------------------------------------


async def test_unicode_hyphens_in_a_doi_still_find_the_work() -> None:
    hyphens = "10.1016/S0140\u20106736(97)11096\u20100"  # as PDFs and word processors write it
    wakefield = ref(
        "Wakefield AJ, Murch SH, Anthony A, et al. Ileal-lymphoid-nodular hyperplasia, "
        f"non-specific colitis, and pervasive developmental disorder in children. Lancet. "
        f"1998;351(9103):637-41. https://doi.org/{hyphens}.",
        authors=("Wakefield",),
        year="1998",
        doi=hyphens,
    )
    router = FixtureRouter()
    results = await check([wakefield], router)
    assert results[0].status == "retracted"  # the work itself, not "not registered"
    assert results[0].matched_doi == "10.1016/s0140-6736(97)11096-0"
    assert ("works/10.1016/s0140-6736(97)11096-0", {}) in router.requests_to("crossref")


async def test_a_book_no_index_holds_is_not_indexed_not_not_found() -> None:
    who = ref(
        "World Health Organization. (2015). Guideline: Sugars intake for adults and children. "
        "Geneva: World Health Organization.",
        authors=("World Health Organization",),
        year="2015",
        title="Guideline: Sugars intake for adults and children",
    )
    (result,) = await check([who])
    assert result.status == "not_indexed"
    assert result.reasons[-1].startswith("not in Crossref")
    assert "Open Library" in result.reasons[-1] and "often aren't" in result.reasons[-1]


async def test_a_famous_book_is_found_in_open_library() -> None:
    cooke = ref("Cooke, E. (1708). The Sot-Weed Factor. London: B. Bragg.")
    ((result,),) = [await check([cooke])]
    assert result.status == "verified" and "openlibrary" in result.sources
    assert "Cooke 1708" in result.reasons[-1]


async def test_a_book_by_isbn() -> None:
    book = ref(
        "Goodfellow, I., Bengio, Y., & Courville, A. (2016). Deep learning. MIT Press. "
        "ISBN 978-0-262-03561-3",
        authors=("Goodfellow", "Bengio", "Courville"),
        year="2016",
        title="Deep learning",
    )
    router = FixtureRouter()
    (result,) = await check([book], router)
    assert result.status == "verified" and result.sources == ("openlibrary",)
    assert [p for p, _ in router.requests_to("openlibrary")] == [
        "isbn/9780262035613.json",
        "authors/OL7514553A.json",
    ]


async def test_a_preprint_by_its_arxiv_id() -> None:
    paper = ref(
        "Vaswani A, Shazeer N, Parmar N. Attention is all you need. arXiv:1706.03762v5. 2017.",
        authors=("Vaswani", "Shazeer", "Parmar"),
        year="2017",
        title="Attention is all you need",
    )
    router = FixtureRouter()
    (result,) = await check([paper], router)
    assert result.status == "verified" and result.sources == ("arxiv",)
    assert router.requests_to("arxiv") == [("query", {"id_list": "1706.03762", "max_results": "1"})]


async def test_europe_pmc_finds_a_corrected_article() -> None:
    title = "Sleep spindle density predicts overnight memory consolidation in older patients"
    paper = ref(
        f"Okafor CN, Lindqvist M, Tanaka H. {title}. J Sleep Res. 2022;31(4):e13542.",
        authors=("Okafor", "Lindqvist", "Tanaka"),
        year="2022",
        title=title,
        container="J Sleep Res",
        volume="31",
        issue="4",
        pages="e13542",
    )
    (result,) = await check([paper])
    assert result.status == "corrected"
    assert result.sources == ("crossref", "pubmed", "europepmc")
    assert "corrected: erratum in 35990002 (Europe PMC)" in result.reasons


async def test_pubmed_efetch_notices_add_the_expression_of_concern() -> None:
    wakefield = ref(
        "Wakefield AJ, Murch SH, Anthony A, et al. Ileal-lymphoid-nodular hyperplasia, "
        "non-specific colitis, and pervasive developmental disorder in children. Lancet. "
        "1998;351(9103):637-41. PMID: 9500320",
        authors=("Wakefield", "Murch", "Anthony"),
        year="1998",
        title="Ileal-lymphoid-nodular hyperplasia, non-specific colitis, and pervasive "
        "developmental disorder in children",
        pmid="9500320",
    )
    (result,) = await check([wakefield])
    assert result.status == "retracted"
    assert "retracted: retraction PMID 20137807 (PubMed)" in result.reasons
    assert "expression of concern: expression of concern PMID 21971344 (PubMed)" in result.reasons


def test_efetch_notices_ignore_comments() -> None:
    body = load("pubmed/efetch_9500320.xml").body
    notices = parse_notices(body)
    assert len(notices["retraction"]) == 2 and len(notices["concern"]) == 1
    assert not notices["correction"]
    assert not any("9500313" in n for kind in notices.values() for n in kind)  # CommentIn


async def test_a_crossref_expression_of_concern_is_a_concern() -> None:
    def concern(service: str, path: str, query: dict[str, str]) -> Canned | None:
        if service == "crossref" and path == "works/10.7717/peerj.4375":
            canned = load("crossref/work_10.7717_peerj.4375.json")
            data = json.loads(canned.body)
            data["message"]["updated-by"] = [
                {
                    "DOI": "10.7717/peerj.4375/eoc",
                    "type": "expression_of_concern",
                    "label": "Expression of Concern",
                    "source": "publisher",
                    "updated": {"date-time": "2019-05-01T00:00:00Z"},
                }
            ]
            return Canned(200, canned.headers, json.dumps(data).encode())
        return None

    (result,) = await check([PIWOWAR], FixtureRouter(hook=concern))
    assert result.status == "concern"
    assert any(
        r.startswith("expression of concern: expression of concern 10.7717/")
        for r in result.reasons
    )
