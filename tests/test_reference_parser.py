"""The trained reference parser: names in every order, the year from the date, DOIs,
types, the shipped model, the AnyStyle split, and the accuracy on the dev set."""

from __future__ import annotations

import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

from referee.text import reference_tagger
from referee.text.reference_fields import parse_entry
from referee.text.reference_names import family_names

TOOLS = Path(__file__).resolve().parent.parent / "tools"


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Romero, C., Paunesku, D., & Dweck, C.", ("Romero", "Paunesku", "Dweck")),
        (
            "Pérez-Higueras JJ, Arias A, de la Macorra JC, Peters OA.",
            ("Pérez-Higueras", "Arias", "de la Macorra", "Peters"),
        ),
        ("J. M. Dow and D. Redfield", ("Dow", "Redfield")),
        ("O. Shechory and S. Kraus", ("Shechory", "Kraus")),
        ("Thomas F. LaPorta", ("LaPorta",)),
        ("DE HEERING A., ROSSION B.,", ("DE HEERING", "ROSSION")),
        ("BOURDIEU Pierre,", ("BOURDIEU",)),
        ("Smith, John, and Kate Jones.", ("Smith", "Jones")),
        ("Lee, L. L., W. E. Howard, and R. E. Marsh.", ("Lee", "Howard", "Marsh")),
        (
            "Hamrouni, Abdellatif; Makhlouf, Najoua; Aouadi, Sami.",
            ("Hamrouni", "Makhlouf", "Aouadi"),
        ),
        ("van der Berg, A., & Jansen, B.", ("van der Berg", "Jansen")),
        ("Di Angelantonio E, Kaptoge S, et al.", ("Di Angelantonio", "Kaptoge")),
        ("Ludwig van Beethoven", ("van Beethoven",)),
        ("Martin Luther King Jr.", ("King",)),
        ("Hirshkowitz, M., Adams Hillard, P. J.", ("Hirshkowitz", "Adams Hillard")),
        ("World Health Organization.", ("World Health Organization",)),
        (
            "Centers for Disease Control and Prevention",
            ("Centers for Disease Control and Prevention",),
        ),
        ("Moher D, Liberati A; PRISMA Group.", ("Moher", "Liberati", "PRISMA Group")),
        ("B. P. Abbott et al. (LIGO Scientific Collaboration),", ("Abbott",)),
        ("Ross AC, Taylor CL, editors.", ("Ross", "Taylor")),
        (
            "U.S. Government Accountability Office.",
            ("U.S. Government Accountability Office",),
        ),
        ("Jeffrey Dean and Sanjay Ghemawat.", ("Dean", "Ghemawat")),
        ("Procter and Gamble", ("Procter and Gamble",)),
        (
            "Bundesministerium für Bildung und Forschung",
            ("Bundesministerium für Bildung und Forschung",),
        ),
    ],
)
def test_family_names_in_every_name_order(text, names):
    assert family_names(text) == names


@pytest.mark.parametrize(
    ("raw", "first", "year", "title", "container", "kind"),
    [
        (
            "Dean, Warren. 1969. The Industrialization of São Paulo, 1880–1945. Austin: University of Texas Press.",
            "Dean",
            "1969",
            "The Industrialization of São Paulo, 1880–1945",
            None,
            "book",
        ),
        (
            "K. He, X. Zhang, S. Ren, and J. Sun, “Deep residual learning for image recognition,” in Proc. "
            "IEEE Conf. Comput. Vis. Pattern Recognit. (CVPR), Las Vegas, NV, USA, 2016, pp. 770–778.",
            "He",
            "2016",
            "Deep residual learning for image recognition",
            None,
            "chapter",
        ),
        (
            "A. Einstein, B. Podolsky, and N. Rosen, Phys. Rev. 47, 777 (1935).",
            "Einstein",
            "1935",
            None,
            "Phys. Rev",
            "journal article",
        ),
        (
            "Keil, Sylvester. “A Study of Reference Parsing.” Journal of Documentation 70, no. 4 (2014): 612–30.",
            "Keil",
            "2014",
            "A Study of Reference Parsing",
            "Journal of Documentation",
            "journal article",
        ),
        (
            "Jones, R. (2015) An ethnography of night shift nursing. PhD thesis. University of Leeds.",
            "Jones",
            "2015",
            "An ethnography of night shift nursing",
            None,
            "thesis",
        ),
    ],
)
def test_styles_give_first_author_year_title_container_and_type(
    raw, first, year, title, container, kind
):
    got = parse_entry(raw)
    assert got["authors"][0] == first
    assert got["year"] == year
    assert got.get("title") == title
    if container is not None:
        assert got["container"].rstrip(".") == container
    assert got["type"] == kind


def test_numbers_leave_the_container():
    got = parse_entry(
        "Hunt, J. (1998). Title of it. Journal of Counseling Psychology, 45 , 403–413."
    )
    assert (got["container"], got["volume"], got["pages"]) == (
        "Journal of Counseling Psychology",
        "45",
        "403–413",
    )
    vancouver = parse_entry("Holick MF. Vitamin D deficiency. N Engl J Med. 2007;357(3):266-81.")
    assert (vancouver["year"], vancouver["volume"], vancouver["issue"], vancouver["pages"]) == (
        "2007",
        "357",
        "3",
        "266-81",
    )


def test_doi_with_typographic_hyphens_and_isbn_are_normalised():
    got = parse_entry(
        "Smith, J. (2019). Title. Journal, 1, 2. https://doi.org/10.1037/0022\u20103514.85.2.348."
    )
    assert got["doi"] == "10.1037/0022-3514.85.2.348"
    book = parse_entry("Doe, J. (2001). A book. Oxford: Clarendon. ISBN 978-0-19-850000-2.")
    assert book["isbn"] == "9780198500002"
    assert book["type"] == "book"


@pytest.mark.parametrize(
    ("raw", "kind"),
    [
        (
            "Vaswani, A., & Shazeer, N. (2017). Attention is all you need. arXiv. https://doi.org/10.48550/arXiv.1706.03762",
            "preprint",
        ),
        (
            "Hersbach, H. (2023). ERA5 hourly data [Data set]. Copernicus. https://doi.org/10.24381/cds.adbb2d47",
            "dataset",
        ),
        (
            "Fredrickson, B. L. (2013). Positive emotions broaden and build. In P. Devine & A. Plant (Eds.), Advances in experimental social psychology (Vol. 47, pp. 1–53). Academic Press.",
            "chapter",
        ),
        (
            "Mayo Clinic Staff. (2023, May 11). Insomnia: Symptoms and causes. https://www.mayoclinic.org/insomnia",
            "web page",
        ),
        ("Walker, M. (2017). Why we sleep. Scribner.", "book"),
    ],
)
def test_types(raw, kind):
    assert parse_entry(raw)["type"] == kind


def test_hostile_entries_never_crash_and_are_bounded():
    long = "Smith, J. (2019). " + "word " * 25_000  # a 125 KB entry
    assert parse_entry(long)["authors"] == ("Smith",)
    assert len(reference_tagger.tokenize(long)) == reference_tagger.MAX_TOKENS
    for raw in [
        "",
        " ",
        "\x00\x1b[31m\x07",
        "(((((",
        "[[[[",
        "“",
        "10.1000/",
        "*" * 500,
        "1.",
        "—",
    ]:
        fields = parse_entry(raw)
        assert fields["type"] in ("other", "web page", "journal article", "book")


def test_the_model_ships_in_the_package_and_is_small():
    model = resources.files("referee.data").joinpath(reference_tagger.MODEL_NAME)
    assert model.is_file()
    assert len(model.read_bytes()) < 5_000_000


def test_pycrfsuite_is_imported_only_when_references_are_parsed(tmp_path):
    script = (
        "import sys\n"
        "from referee.text.analysis import analyse\n"
        "analyse('# Title\\n\\nA claim with no references at all.\\n', True)\n"
        "print('pycrfsuite' in sys.modules)\n"
        "analyse('# T\\n\\n## References\\n\\n1. Smith J. One. J Med. 2019;1:1-2.\\n', True)\n"
        "print('pycrfsuite' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "True"]


def test_split_contract_every_tenth_entry_of_good_xml_is_held_out():
    sys.path.insert(0, str(TOOLS))
    try:
        import anystyle_data
    finally:
        sys.path.remove(str(TOOLS))
    assert [i for i in range(25) if anystyle_data.is_held_out(i)] == [0, 10, 20]
    train, held_out = anystyle_data.split()
    good = anystyle_data.load(anystyle_data.DATA / "good.xml")
    assert held_out == good[::10]
    assert len(train) + len(held_out) == len(good) + len(
        anystyle_data.load(anystyle_data.DATA / "core.xml")
    )
    held = {tuple(map(tuple, s)) for s in held_out}
    assert not any(tuple(map(tuple, s)) in held for s in train if s in good[1::10])


def test_dev_set_working_half_meets_the_targets_in_every_layout():
    """The half of data/refdev that may be looked at while working (the other half is
    only scored by tools/eval_refparser.py)."""
    sys.path.insert(0, str(TOOLS))
    try:
        import refeval
    finally:
        sys.path.remove(str(TOOLS))
    overall, by_layout, _, _ = refeval.evaluate(refeval.dev("dev"))
    for layout in refeval.LAYOUTS:
        assert by_layout[layout].rate("entry") == 1.0, layout
    for name in ("first_author", "year", "title", "doi"):
        assert overall.rate(name) >= refeval.TARGETS[name], name


def test_hostile_reference_lists_are_parsed_whole_with_exact_spans():
    from referee.text.analysis import analyse

    entry = "Smith J, Jones K. A title. J Med. 2019;1(2):3-4. doi:10.1000/x{}"
    many = "T\n\nText.\n\nReferences\n\n" + "\n".join(
        f"{i}. " + entry.format(i) for i in range(1, 5001)
    )
    refs = analyse(many, False).references
    assert len(refs) == 5000
    assert refs[-1].label == "5000" and refs[-1].doi == "10.1000/x5000"
    huge = "T\n\nText.\n\nReferences\n\n1. Smith, J. (2019). " + "word, " * 17_000 + "\n"
    (big,) = analyse(huge, False).references
    assert big.authors == ("Smith",) and huge[big.start : big.end].startswith("Smith")
    hostile = (
        "# T\n\n## References\n\n"
        "- **Smith, J.** (2019). *A [bold]title[/bold]*. <b>Journal</b>, 1, 2.\n"
        "- Doe, K. (2020). Control \x1b]52;c;aGk=\x07 and \x00 chars\u202e. J, 3, 4.\n"
        "- [Link](javascript:alert(1)) (2021). Title. J, 5, 6.\n"
    )
    refs = analyse(hostile, True).references
    assert len(refs) == 3
    for ref in refs:
        assert hostile[ref.start : ref.end].startswith(ref.raw[:5])
    assert refs[0].authors == ("Smith",) and refs[1].year == "2020"


ENTRIES = [
    "Kahneman, D., & Tversky, A. (1979). Prospect theory: An analysis of decision under risk. "
    "Econometrica, 47(2), 263–291",  # no final period
    "Holick MF. Vitamin D deficiency. N Engl J Med. 2007;357(3):266-81.",
    "J. M. Dow and D. Redfield, Phys. Rev. B 5, 594 (1972).",
    "Dean, Warren. 1969. The Industrialization of São Paulo, 1880–1945. Austin: University of "
    "Texas Press.",
    "de Lacy, Paul. 2001. Markedness in prominent positions. Cambridge: MIT Press.",
]


@pytest.mark.parametrize(
    ("layout", "markdown"),
    [
        ("[{n}] {e}", False),
        ("{n}. {e}", False),
        ("({n}) {e}", False),
        ("{sup} {e}", False),
        ("- {e}", True),
        ("{n}. {e}", True),
        ("{e}", False),
        ("{e}\n", False),
        ("{e}\n", True),
        ("[^{n}]: {e}", True),
    ],
)
def test_every_layout_finds_every_entry_with_exact_spans(layout, markdown):
    from referee.text.analysis import analyse

    sup = "¹²³⁴⁵"
    body = "\n".join(
        layout.format(n=n, sup=sup[n - 1], e=e) for n, e in enumerate(ENTRIES, start=1)
    )
    text = "# Title\n\nSome prose here.\n\n## References\n\n" + body + "\n"
    refs = analyse(text, markdown).references
    assert [r.raw for r in refs] == ENTRIES
    assert [r.authors[0] for r in refs] == ["Kahneman", "Holick", "Dow", "Dean", "de Lacy"]
    assert [r.year for r in refs] == ["1979", "2007", "1972", "1969", "2001"]
    for ref in refs:
        assert text[ref.start : ref.end] == ref.raw


def test_hard_wrapped_and_hanging_indent_entries_join():
    from referee.text.analysis import analyse

    wrapped = (
        "Title\n\nProse.\n\nReferences\n\n"
        "Kahneman, D., & Tversky, A. (1979). Prospect theory: An analysis of decision\n"
        "under risk. Econometrica, 47(2), 263–291.\n"
        "Holick, M. F. (2007). Vitamin D deficiency. New England Journal of Medicine,\n"
        "    357(3), 266–281.\n"
        "Dow, J. M., & Redfield, D. (1972). Toward a unified theory of Urbach's rule.\n"
        "Physical Review B, 5, 594.\n"
    )
    refs = analyse(wrapped, False).references
    assert [r.id for r in refs] == ["kahneman1979", "holick2007", "dow1972"]
    assert refs[0].container == "Econometrica" and refs[1].volume == "357"


def test_an_empty_title_or_container_is_nothing_not_a_crash() -> None:
    from referee.text.reference_fields import clean_container, clean_title

    for text in ("", " ", '"', "“”", "."):
        assert not clean_title(text)
        assert not clean_container(text)


@pytest.mark.parametrize(
    ("runs", "want"),
    [
        (  # MHRA: the quotation mark ends the title; "in" begins the book
            [
                ("author", "Barthes, Roland,"),
                ("title", "‘The Reality Effect’, in The Rustle of Language,"),
            ],
            [
                ("author", "Barthes, Roland,"),
                ("title", "‘The Reality Effect’,"),
                ("container", "in The Rustle of Language,"),
            ],
        ),
        (  # MLA: a quoted title run on into its container, which the model began
            [
                ("title", "“Can the Subaltern Speak?” Marxism and the"),
                ("container", "Interpretation of Culture,"),
            ],
            [
                ("title", "“Can the Subaltern Speak?”"),
                ("container", "Marxism and the Interpretation of Culture,"),
            ],
        ),
        (  # a quoted phrase opening a title is no end of it
            [("title", "‘The functional tradition’ and expression,"), ("journal", "Perspecta,")],
            [("title", "‘The functional tradition’ and expression,"), ("journal", "Perspecta,")],
        ),
        (  # German and Springer: "In:" after the title's sentence begins the book
            [
                ("author", "Gadamer, Hans-Georg:"),
                ("title", "Vom Zirkel des Verstehens. In: Wahrheit und Methode."),
            ],
            [
                ("author", "Gadamer, Hans-Georg:"),
                ("title", "Vom Zirkel des Verstehens."),
                ("container", "Wahrheit und Methode."),
            ],
        ),
        (
            [
                (
                    "title",
                    "Assigning meanings to programs. In: Schwartz, J.T. (ed.) Mathematical Aspects of Computer Science.",
                )
            ],
            [
                ("title", "Assigning meanings to programs."),
                ("editor", "Schwartz, J.T."),
                ("container", "Mathematical Aspects of Computer Science."),
            ],
        ),
        (  # author-date: a short capitalised last sentence, nothing after but a link
            [
                ("author", "Hobsbawm, E."),
                ("date", "(1994)."),
                ("title", "The age of extremes, 1914–1991. Michael Joseph."),
            ],
            [
                ("author", "Hobsbawm, E."),
                ("date", "(1994)."),
                ("title", "The age of extremes, 1914–1991."),
                ("publisher", "Michael Joseph"),
            ],
        ),
        (
            [
                ("author", "Department of Health"),
                ("date", "(2010)"),
                ("title", "Equity and Excellence: Liberating the NHS. Cm 7881."),
            ],
            [
                ("author", "Department of Health"),
                ("date", "(2010)"),
                ("title", "Equity and Excellence: Liberating the NHS."),
                ("note", "Cm 7881"),
            ],
        ),
        (  # with a place and publisher after the title, the title's last sentence stays
            [
                ("author", "Luhmann, N."),
                ("date", "(1984)."),
                ("title", "Soziale Systeme. Grundriß einer Theorie."),
                ("location", "Frankfurt:"),
            ],
            [
                ("author", "Luhmann, N."),
                ("date", "(1984)."),
                ("title", "Soziale Systeme. Grundriß einer Theorie."),
                ("location", "Frankfurt:"),
            ],
        ),
        (  # an organisation taken for a title before the date is the author
            [
                ("title", "National Academies of Sciences, Engineering, and Medicine."),
                ("date", "2019."),
                ("title", "Reproducibility and Replicability in Science."),
            ],
            [
                ("author", "National Academies of Sciences, Engineering, and Medicine."),
                ("date", "2019."),
                ("title", "Reproducibility and Replicability in Science."),
            ],
        ),
        (  # a list of editors leading a book, cut in two, with the title run on
            [
                ("author", "Ross AC, Taylor CL,"),
                ("editor", "Del Valle HB, eds. Dietary Reference Intakes."),
                ("date", "2011."),
            ],
            [
                ("author", "Ross AC, Taylor CL, Del Valle HB, eds."),
                ("title", "Dietary Reference Intakes."),
                ("date", "2011."),
            ],
        ),
        (  # "edited by" after the authors is no part of them
            [("author", "Kelly, John D."), ("editor", "edited by Jane Walton, eds.")],
            [("author", "Kelly, John D."), ("editor", "edited by Jane Walton, eds.")],
        ),
        (  # Nature's books: "(Publisher, Year)." is no part of the title, nor a journal
            [
                ("author", "Alberts, B. et al."),
                ("journal", "Molecular Biology of the Cell (Garland Science,"),
                ("date", "2014)."),
            ],
            [
                ("author", "Alberts, B. et al."),
                ("title", "Molecular Biology of the Cell"),
                ("publisher", "(Garland Science,"),
                ("date", "2014)."),
            ],
        ),
        (  # "in" inside a title's sentence is the title's
            [("title", "Life in the Woods. A Study")],
            [("title", "Life in the Woods. A Study")],
        ),
    ],
)
def test_repairs_of_title_boundaries(runs, want):
    from referee.text.reference_repairs import repair

    assert repair(runs) == want
