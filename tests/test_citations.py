"""In-text citations: detection, exact spans, linking, false-positive guards."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from referee.text.analysis import analyse
from referee.text.article import from_text, load

SAMPLES = Path(__file__).parent.parent / "sample_articles"
ALL_SAMPLES = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".md", ".txt"))


def analysed(path: Path):
    article = load(path)
    return analyse(article.text, article.markdown)


def of_text(text: str, name: str = "article.md"):
    article = from_text(text, name)
    return analyse(article.text, article.markdown)


def summary(analysis) -> list[tuple]:
    return [(c.marker, c.style, c.keys, c.ref_ids, c.status) for c in analysis.citations]


# --- The sample articles ----------------------------------------------------------------


def test_vitamin_d_numeric_citations():
    analysis = analysed(SAMPLES / "vitamin-d-numbered.md")
    assert summary(analysis) == [
        ("[1]", "numeric", ("1",), ("holick2007",), "linked"),
        ("[1]", "numeric", ("1",), ("holick2007",), "linked"),
        ("[2]", "numeric", ("2",), ("manson2019",), "linked"),
        (
            "[2-4]",
            "numeric",
            ("2", "3", "4"),
            ("manson2019", "bolland2018", "leboff2022"),
            "linked",
        ),
        ("[5]", "numeric", ("5",), ("martineau2017",), "linked"),
        ("[2, 5]", "numeric", ("2", "5"), ("manson2019", "martineau2017"), "linked"),
        ("[9]", "numeric", ("9",), (), "dangling"),
    ]
    assert [c.marker for c in analysis.dangling] == ["[9]"]
    assert [r.id for r in analysis.uncited] == ["ross2011"]
    manson = analysis.reference("manson2019")
    assert [c.marker for c in manson.citations] == ["[2]", "[2-4]", "[2, 5]"]
    claim = next(c for c in analysis.claims if "25,871 adults" in c.text)
    assert claim.ref_ids == ("manson2019",)


def test_sleep_author_year_citations():
    analysis = analysed(SAMPLES / "sleep-author-year.md")
    assert summary(analysis) == [
        (
            "Hirshkowitz et al.,\n2015",
            "author_year",
            ("hirshkowitz 2015",),
            ("hirshkowitz2015",),
            "linked",
        ),
        ("Smith et al., 2019", "author_year", ("smith 2019",), ("smith2019",), "linked"),
        ("Walker (2017)", "author_year", ("walker 2017",), ("walker2017",), "linked"),
        (
            "World Health Organization, 2022",
            "author_year",
            ("worldhealthorganization 2022",),
            ("worldhealthorganization2022",),
            "linked",
        ),
        ("Lee & Park, 2020", "author_year", ("lee 2020",), ("lee2020",), "linked"),
        ("Gómez, 2018", "author_year", ("gomez 2018",), ("gomez2018",), "linked"),
        ("Lee & Park, 2020", "author_year", ("lee 2020",), ("lee2020",), "linked"),
        ("Okafor, 2019a", "author_year", ("okafor 2019a",), ("okafor2019a",), "linked"),
        ("Okafor, 2019b", "author_year", ("okafor 2019b",), ("okafor2019b",), "linked"),
        (
            "Okafor (2019)",
            "author_year",
            ("okafor 2019",),
            ("okafor2019a", "okafor2019b"),
            "ambiguous",
        ),
        ("Nakamura & Ito, 2016", "author_year", ("nakamura 2016",), (), "dangling"),
        (
            "van der Berg & Jansen, 2021",
            "author_year",
            ("berg 2021",),
            ("vanderberg2021",),
            "linked",
        ),
        (
            "National Sleep Foundation, n.d.",
            "author_year",
            ("nationalsleepfoundation n.d.",),
            ("nationalsleepfoundationnd",),
            "linked",
        ),
        ("Walker (2017)", "author_year", ("walker 2017",), ("walker2017",), "linked"),
    ]
    assert [c.marker for c in analysis.dangling] == ["Nakamura & Ito, 2016"]
    assert [r.id for r in analysis.uncited] == ["irwin2015"]
    # "(n = 1,024)" and "In 2020 (the first pandemic year)" are in the article and are not citations.
    assert not any("1,024" in c.marker or "pandemic" in c.marker for c in analysis.citations)


def test_microbiome_footnote_citations():
    analysis = analysed(SAMPLES / "microbiome-footnotes.md")
    assert summary(analysis) == [
        ("[^gut2]", "footnote", ("gut2",), ("sender2016",), "linked"),
        (
            "[a freely available paper](https://doi.org/10.1371/journal.pbio.1002533)",
            "link",
            ("https://doi.org/10.1371/journal.pbio.1002533",),
            ("sender2016",),
            "linked",
        ),
        ("[^1]", "footnote", ("1",), ("valdes2018",), "linked"),
        ("[^1]", "footnote", ("1",), ("valdes2018",), "linked"),
        ("[^mice]", "footnote", ("mice",), ("sadasivan2012",), "linked"),
        ("[^4]", "footnote", ("4",), ("hartmann2023",), "linked"),
        ("[^9]", "footnote", ("9",), (), "dangling"),
    ]
    # [^note] points to a remark, not a reference: not a citation.
    assert "[^note]" in analysis.text
    assert not any(c.marker == "[^note]" for c in analysis.citations)
    assert [r.id for r in analysis.uncited] == ["lynch2016"]


@pytest.mark.parametrize("path", ALL_SAMPLES, ids=lambda p: p.name)
def test_every_citation_span_is_exact_sorted_and_in_prose(path):
    analysis = analysed(path)
    text = analysis.text
    prose = [b for b in analysis.blocks if b.prose]
    previous_end = -1
    for citation in analysis.citations:
        assert text[citation.start : citation.end] == citation.marker
        assert citation.start >= previous_end  # sorted, no overlaps
        previous_end = citation.end
        assert any(b.start <= citation.start and citation.end <= b.end for b in prose)
        assert citation.status in ("linked", "dangling", "ambiguous")
        assert set(citation.ref_ids) <= {r.id for r in analysis.references}
    for ref in analysis.references:
        for citation in ref.citations:
            assert ref.id in citation.ref_ids


# --- Numeric, superscript, footnote ---------------------------------------------------------

NUMBERED = "\n\n## References\n\n" + "".join(
    f"{n}. Author{chr(64 + n)} AB. Title {n}. J Med. 20{10 + n};{n}:{n}-{n + 1}.\n"
    for n in range(1, 8)
)


def test_numeric_forms_and_ranges():
    analysis = of_text(
        "# T\n\nOne [1]. Range [4–6]. List [1,3, 7]. Mixed [2, 4-5]. Missing [2, 9]. Not [0]. "
        "Adjacent.[6][7]\n" + NUMBERED
    )
    got = [(c.marker, c.keys, c.status) for c in analysis.citations]
    assert got == [
        ("[1]", ("1",), "linked"),
        ("[4–6]", ("4", "5", "6"), "linked"),
        ("[1,3, 7]", ("1", "3", "7"), "linked"),
        ("[2, 4-5]", ("2", "4", "5"), "linked"),
        ("[2, 9]", ("2", "9"), "dangling"),
        ("[6]", ("6",), "linked"),
        ("[7]", ("7",), "linked"),
    ]
    missing = analysis.citations[4]
    assert missing.ref_ids == (analysis.references[1].id,)


def test_ranges_are_capped_at_fifty():
    analysis = of_text("# T\n\nEverything [1-900].\n" + NUMBERED)
    assert len(analysis.citations[0].keys) == 50


def test_unlabelled_list_links_by_position():
    analysis = of_text(
        "# T\n\nA claim [2].\n\n## References\n\n"
        "- Smith J. One. J Med. 2019;1:1-2.\n- Jones K. Two. J Med. 2020;2:3-4.\n"
    )
    assert analysis.citations[0].ref_ids == ("jones2020",)


def test_superscripts_and_html_sup():
    analysis = of_text(
        "# T\n\nDeficiency is common.¹ Fractures fell²,³ in trials⁴⁻⁶ and cohorts<sup>7</sup>. "
        "Twelve¹² is too many.\n" + NUMBERED
    )
    got = [(c.marker, c.style, c.keys, c.status) for c in analysis.citations]
    assert got == [
        ("¹", "superscript", ("1",), "linked"),
        ("²,³", "superscript", ("2", "3"), "linked"),
        ("⁴⁻⁶", "superscript", ("4", "5", "6"), "linked"),
        ("<sup>7</sup>", "superscript", ("7",), "linked"),
        ("¹²", "superscript", ("12",), "dangling"),
    ]


def test_exponents_and_units_are_not_superscript_citations():
    analysis = of_text(
        "# T\n\nA room of 20 m² holds 10² people, and E = mc² still holds.\n" + NUMBERED
    )
    assert analysis.citations == ()


def test_parenthesised_numbers_only_with_a_numbered_list_and_no_brackets():
    text = "# T\n\nDeficiency is common (1). Supplements help (2, 3). Step (12) is odd.\n"
    assert [c.marker for c in of_text(text + NUMBERED).citations] == ["(1)", "(2, 3)"]
    assert of_text(text).citations == ()
    mixed = of_text(text.replace("(1)", "[1]") + NUMBERED)
    assert [c.marker for c in mixed.citations] == ["[1]"]


def test_footnote_marker_without_definition_is_dangling():
    analysis = of_text("# T\n\nA claim.[^x]\n")
    assert summary(analysis) == [("[^x]", "footnote", ("x",), (), "dangling")]


# --- Author-year ------------------------------------------------------------------------------

APA = """

## References

García-López, M. (2020). Siestas. Sleep, 1, 1-2.

Lee, S., & Kim, H. (2020). Screens. Sleep, 2, 3-4.

Lee, S., & Park, J. (2020). Phones. Sleep, 3, 5-6.

Müller, T. (2018). Night shifts. Sleep, 4, 7-8.

Okafor, C. (2019a). Caffeine. Sleep, 5, 9-10.

Okafor, C. (2019b). Naps. Sleep, 6, 11-12.

Smith, J., & Jones, K. (2018). Debt. Sleep, 7, 13-14.

van der Berg, L. (2021). Weekends. Sleep, 8, 15-16.

Walker, M. (2017). Why we sleep. Scribner.

World Health Organization. (2022). Noise. https://www.who.int/noise
"""


@pytest.mark.parametrize(
    ("sentence", "marker", "refs", "status"),
    [
        (
            "Sleep debt adds up (Smith & Jones, 2018).",
            "Smith & Jones, 2018",
            ("smith2018",),
            "linked",
        ),
        ("Smith and Jones (2018) disagree.", "Smith and Jones (2018)", ("smith2018",), "linked"),
        ("Smith et al. (2018) disagree.", "Smith et al. (2018)", ("smith2018",), "linked"),
        ("Walker's (2017) book sold well.", "Walker's (2017)", ("walker2017",), "linked"),
        ("Naps help (see also Walker, 2017).", "Walker, 2017", ("walker2017",), "linked"),
        (
            "Naps help (e.g., Walker, 2017, p. 12).",
            "Walker, 2017, p. 12",
            ("walker2017",),
            "linked",
        ),
        ("Shifts hurt (Muller, 2018).", "Muller, 2018", ("muller2018",), "linked"),
        ("Shifts hurt (Müller 2018).", "Müller 2018", ("muller2018",), "linked"),
        ("Siestas (García-López, 2020).", "García-López, 2020", ("garcialopez2020",), "linked"),
        ("Weekends (Van der Berg, 2021).", "Van der Berg, 2021", ("vanderberg2021",), "linked"),
        ("Noise (WHO, 2022).", "WHO, 2022", ("worldhealthorganization2022",), "linked"),
        (
            "The World Health Organization (2022) warns.",
            "World Health Organization (2022)",
            ("worldhealthorganization2022",),
            "linked",
        ),
        ("Recently Walker (2017) argued.", "Walker (2017)", ("walker2017",), "linked"),
        ("Phones (Lee & Park, 2020).", "Lee & Park, 2020", ("lee2020b",), "linked"),
        ("Phones (Lee, 2020).", "Lee, 2020", ("lee2020a", "lee2020b"), "ambiguous"),
        (
            "Caffeine (Okafor, 2019a, 2019b).",
            "Okafor, 2019a, 2019b",
            ("okafor2019a", "okafor2019b"),
            "linked",
        ),
        ("Caffeine (Okafor, 2019c).", "Okafor, 2019c", (), "dangling"),
        ("Caffeine (Okafor, 2019).", "Okafor, 2019", ("okafor2019a", "okafor2019b"), "ambiguous"),
        ("Old news (Brown, 1999).", "Brown, 1999", (), "dangling"),
        ("Walker (2016) is a typo.", "Walker (2016)", (), "dangling"),
    ],
)
def test_author_year_linking(sentence, marker, refs, status):
    analysis = of_text(f"# T\n\n{sentence}\n{APA}")
    assert [(c.marker, c.ref_ids, c.status) for c in analysis.citations] == [(marker, refs, status)]


def test_one_citation_per_item_of_a_group():
    analysis = of_text(
        "# T\n\nScreens and shifts (Lee & Kim, 2020; Müller, 2018; Doe, 2001).\n" + APA
    )
    assert summary(analysis) == [
        ("Lee & Kim, 2020", "author_year", ("lee 2020",), ("lee2020a",), "linked"),
        ("Müller, 2018", "author_year", ("muller 2018",), ("muller2018",), "linked"),
        ("Doe, 2001", "author_year", ("doe 2001",), (), "dangling"),
    ]


# --- False-positive guards --------------------------------------------------------------------

GUARDS = [
    "A small trial (n = 30) found nothing.",
    "Take (2 tablets) at night.",
    "In 2020 (the pandemic year), sleep got worse.",
    "Group A (Smith clinic) slept longer.",
    "Option [A] is better than option [B].",
    "See the table [1](#t1) for details.",
    "Cases rose (COVID-19, 2020) in spring.",
    "The survey ran (January 2020) for a month.",
    "Linus Pauling wrote Vitamin C and the Common Cold (1970).",
    "Prices rose 42% (2019) and fell again (2021).",
    "Results are in the appendix (pp. 10-12).",
    "An escaped \\[3\\] bracket and an image ![fig 2](https://www.nature.com/x.png).",
    "Read the [NHS page](https://www.nhs.uk/conditions/insomnia/) or https://example.org/a.",
]


@pytest.mark.parametrize("sentence", GUARDS)
def test_false_positive_guards(sentence):
    assert of_text(f"# T\n\n{sentence}\n").citations == ()
    assert of_text(f"A title\n\n{sentence}\n", "a.txt").citations == ()


def test_no_citations_outside_prose():
    text = (
        "# Sleep (Walker, 2017) [1]\n\n"
        "```\nx = cite(Smith, 2019) [2]\n```\n\n"
        "| Study | Ref |\n|---|---|\n| A | [3] |\n\n"
        "Prose cites [1].\n\n"
        "## References\n\n1. Walker M. Why we sleep. New York: Scribner; 2017. doi:10.1000/ws\n"
    )
    analysis = of_text(text)
    assert summary(analysis) == [("[1]", "numeric", ("1",), ("walker2017",), "linked")]


# --- Links and identifiers ---------------------------------------------------------------------


def test_scholarly_links_bare_urls_dois_and_pmids():
    text = (
        "# T\n\n"
        "A trial [in the NEJM](https://www.nejm.org/doi/full/10.1056/NEJMoa1809944) found nothing. "
        "See https://pubmed.ncbi.nlm.nih.gov/17634462/. "
        "Also doi:10.1136/bmj.i6583. And 10.1016/S2213-8587(18)30265-1, plus PMID: 35939577. "
        "A blog [post](https://example.com/post) is not a citation.\n\n"
        "## References\n\n"
        "1. Manson JE. Vitamin D. N Engl J Med. 2019;380(1):33-44. doi:10.1056/NEJMoa1809944\n"
        "2. Martineau AR. Infections. BMJ. 2017;356:i6583. doi:10.1136/bmj.i6583\n"
        "3. LeBoff MS. Fractures. N Engl J Med. 2022;387(4):299-309. PMID: 35939577.\n"
    )
    analysis = of_text(text)
    assert summary(analysis) == [
        (
            "[in the NEJM](https://www.nejm.org/doi/full/10.1056/NEJMoa1809944)",
            "link",
            ("https://www.nejm.org/doi/full/10.1056/NEJMoa1809944",),
            ("manson2019",),
            "linked",
        ),
        (
            "https://pubmed.ncbi.nlm.nih.gov/17634462/",
            "link",
            ("https://pubmed.ncbi.nlm.nih.gov/17634462/",),
            (),
            "linked",
        ),
        ("doi:10.1136/bmj.i6583", "doi", ("10.1136/bmj.i6583",), ("martineau2017",), "linked"),
        ("10.1016/S2213-8587(18)30265-1", "doi", ("10.1016/S2213-8587(18)30265-1",), (), "linked"),
        ("PMID: 35939577", "pmid", ("35939577",), ("leboff2022",), "linked"),
    ]
    # Identifiers inside the reference list are not in-text citations.
    assert all(c.start < analysis.references[0].start for c in analysis.citations)


def test_link_with_parentheses_in_doi():
    analysis = of_text("# T\n\n[Bolland](https://doi.org/10.1016/S2213-8587(18)30265-1) says so.\n")
    (citation,) = analysis.citations
    assert citation.marker == "[Bolland](https://doi.org/10.1016/S2213-8587(18)30265-1)"


# --- Robustness -----------------------------------------------------------------------------------

FRAGMENTS = st.sampled_from(
    [
        "Sleep matters",
        " (Smith, 2019)",
        " (Lee & Park, 2020; Gómez, 2018)",
        " Walker (2017)",
        " [1]",
        " [2-4]",
        "[^1]",
        "¹²",
        " (n = 30)",
        ". ",
        "\n",
        "\n\n",
        "## References\n\n",
        "1. Smith J. Title. J Med. 2019;1:2-3.\n",
        "Smith, J. (2019). Title. Journal, 1(2), 3-4.\n",
        "[^1]: Lee K. Title. BMJ. 2020;1:2. doi:10.1000/x\n",
        "(",
        ")",
        "[",
        "]",
        "https://doi.org/10.1000/abc",
        "\t",
        "é",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(FRAGMENTS, max_size=40), st.booleans())
def test_random_documents_keep_exact_spans(parts, markdown):
    text = "".join(parts)
    analysis = analyse(text, markdown)
    ids = {r.id for r in analysis.references}
    assert len(ids) == len(analysis.references)
    for ref in analysis.references:
        assert 0 <= ref.start < ref.end <= len(text)
        assert " ".join(text[ref.start : ref.end].split()) == " ".join(ref.raw.split())
    previous_end = -1
    for citation in analysis.citations:
        assert text[citation.start : citation.end] == citation.marker
        assert citation.start >= previous_end
        previous_end = citation.end
        assert set(citation.ref_ids) <= ids


def test_parenthesised_numbers_are_not_citations_with_an_author_year_list():
    analysis = of_text("# T\n\nFirst (1), second (2).\n" + APA)
    assert analysis.citations == ()


def test_pubmed_link_resolves_by_pmid():
    analysis = of_text(
        "# T\n\nSee [this trial](https://pubmed.ncbi.nlm.nih.gov/35939577/).\n\n## References\n\n"
        "1. LeBoff MS. Fractures. N Engl J Med. 2022;387(4):299-309. PMID: 35939577.\n"
    )
    assert [(c.style, c.ref_ids) for c in analysis.citations] == [("link", ("leboff2022",))]
