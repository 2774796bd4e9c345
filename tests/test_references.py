"""Reference lists: finding the section, splitting entries, parsing fields, ids."""

from __future__ import annotations

from pathlib import Path

import pytest

from referee.analysis import analyse
from referee.article import from_text, load
from referee.reference_fields import parse_entry
from referee.references import acronym, surname_key

SAMPLES = Path(__file__).parent.parent / "sample_articles"
SEED = SAMPLES / "acupuncture-goodpasture.txt"
VITAMIN = SAMPLES / "vitamin-d-numbered.md"
SLEEP = SAMPLES / "sleep-author-year.md"
MICROBIOME = SAMPLES / "microbiome-footnotes.md"
ALL_SAMPLES = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".md", ".txt"))

FIELDS = ("id", "label", "authors", "year", "title", "container", "volume", "issue", "pages")
IDS = ("doi", "pmid", "url")


def analysed(path: Path):
    article = load(path)
    return article.text, analyse(article.text, article.markdown)


def of_text(text: str, name: str = "article.md"):
    article = from_text(text, name)
    return analyse(article.text, article.markdown)


def fields(ref, names=FIELDS + IDS) -> dict:
    return {name: getattr(ref, name) for name in names}


# --- The seed article -------------------------------------------------------------


def test_seed_article_has_exactly_its_two_trailing_entries():
    text, analysis = analysed(SEED)
    assert [fields(r) for r in analysis.references] == [
        {
            "id": "zhang2021",
            "label": None,
            "authors": ("Zhang", "Liu", "Zhang"),
            "year": "2021",
            "title": "Acupuncture for Goodpasture Syndrome: A systematic review and "
            "meta-analysis of randomized controlled trials",
            "container": "Journal of Traditional Chinese Medicine",
            "volume": "41",
            "issue": "3",
            "pages": "420-432",
            "doi": None,
            "pmid": None,
            "url": None,
        },
        {
            "id": "wang2020",
            "label": None,
            "authors": ("Wang", "Li", "Wang"),
            "year": "2020",
            "title": "Acupuncture treatment for Goodpasture Syndrome: A retrospective cohort study",
            "container": "Complementary Therapies in Medicine",
            "volume": "48",
            "issue": None,
            "pages": "102271",
            "doi": None,
            "pmid": None,
            "url": None,
        },
    ]
    zhang, wang = analysis.references
    assert text[zhang.start : zhang.end].startswith("Zhang, X., Liu, H., & Zhang, Q. (2021).")
    assert text[wang.start : wang.end].endswith("Complementary Therapies in Medicine, 48, 102271.")


def test_seed_references_are_uncited_and_produce_no_claims():
    _, analysis = analysed(SEED)
    assert analysis.citations == ()
    assert [r.id for r in analysis.uncited] == ["zhang2021", "wang2020"]
    ref_blocks = [b for b in analysis.blocks if b.kind == "reference_list"]
    assert len(ref_blocks) == 2
    assert all(not b.prose for b in ref_blocks)
    for ref in analysis.references:
        assert not any(c.start < ref.end and ref.start < c.end for c in analysis.claims)
        assert not any(s.start < ref.end and ref.start < s.end for s in analysis.sentences)
    # The last prose paragraph before them is still prose.
    assert any("integrate this alternative treatment" in c.text for c in analysis.claims)


# --- The three sample articles ---------------------------------------------------------


def test_vitamin_d_numbered_vancouver_list():
    text, analysis = analysed(VITAMIN)
    got = {r.id: fields(r) for r in analysis.references}
    assert list(got) == [
        "holick2007",
        "manson2019",
        "bolland2018",
        "leboff2022",
        "martineau2017",
        "ross2011",
    ]
    assert got["holick2007"] == {
        "id": "holick2007",
        "label": "1",
        "authors": ("Holick",),
        "year": "2007",
        "title": "Vitamin D deficiency",
        "container": "N Engl J Med",
        "volume": "357",
        "issue": "3",
        "pages": "266-281",
        "doi": "10.1056/NEJMra070553",
        "pmid": "17634462",
        "url": None,
    }
    assert got["manson2019"] == {
        "id": "manson2019",
        "label": "2",
        "authors": ("Manson", "Cook", "Lee"),
        "year": "2019",
        "title": "Vitamin D supplements and prevention of cancer and cardiovascular disease",
        "container": "N Engl J Med",
        "volume": "380",
        "issue": "1",
        "pages": "33-44",
        "doi": "10.1056/NEJMoa1809944",
        "pmid": None,
        "url": None,
    }
    assert got["bolland2018"] == {
        "id": "bolland2018",
        "label": "3",
        "authors": ("Bolland", "Grey", "Avenell"),
        "year": "2018",
        "title": "Effects of vitamin D supplementation on musculoskeletal health: a systematic "
        "review, meta-analysis, and trial sequential analysis",
        "container": "Lancet Diabetes Endocrinol",
        "volume": "6",
        "issue": "11",
        "pages": "847-858",
        "doi": "10.1016/S2213-8587(18)30265-1",
        "pmid": None,
        "url": None,
    }
    assert got["leboff2022"] == {
        "id": "leboff2022",
        "label": "4",
        "authors": ("LeBoff", "Chou", "Ratliff"),
        "year": "2022",
        "title": "Supplemental vitamin D and incident fractures in midlife and older adults",
        "container": "N Engl J Med",
        "volume": "387",
        "issue": "4",
        "pages": "299-309",
        "doi": None,
        "pmid": "35939577",
        "url": None,
    }
    assert got["martineau2017"] == {
        "id": "martineau2017",
        "label": "5",
        "authors": ("Martineau", "Jolliffe", "Hooper"),
        "year": "2017",
        "title": "Vitamin D supplementation to prevent acute respiratory tract infections: "
        "systematic review and meta-analysis of individual participant data",
        "container": "BMJ",
        "volume": "356",
        "issue": None,
        "pages": "i6583",
        "doi": "10.1136/bmj.i6583",
        "pmid": None,
        "url": None,
    }
    assert got["ross2011"] == {
        "id": "ross2011",
        "label": "6",
        "authors": ("Ross", "Taylor", "Yaktine", "Del Valle"),
        "year": "2011",
        "title": "Dietary Reference Intakes for Calcium and Vitamin D",
        "container": "National Academies Press",
        "volume": None,
        "issue": None,
        "pages": None,
        "doi": None,
        "pmid": None,
        "url": None,
    }
    # Hard-wrapped entries: raw joins the lines, the span covers both lines.
    holick = analysis.reference("holick2007")
    assert "\n" in text[holick.start : holick.end]
    assert holick.raw == (
        "Holick MF. Vitamin D deficiency. N Engl J Med. 2007;357(3):266-281. "
        "doi:10.1056/NEJMra070553. PMID: 17634462."
    )
    assert [r.id for r in analysis.uncited] == ["ross2011"]
    # The heading stays a heading; the six list items are no longer prose.
    heading = next(b for b in analysis.blocks if text[b.start : b.end] == "References")
    assert heading.kind == "heading"
    assert sum(b.kind == "reference_list" for b in analysis.blocks) == 6


def test_sleep_author_year_apa_list():
    text, analysis = analysed(SLEEP)
    got = {r.id: fields(r) for r in analysis.references}
    assert list(got) == [
        "gomez2018",
        "hirshkowitz2015",
        "irwin2015",
        "lee2020",
        "nationalsleepfoundationnd",
        "okafor2019a",
        "okafor2019b",
        "smith2019",
        "vanderberg2021",
        "walker2017",
        "worldhealthorganization2022",
    ]
    assert got["gomez2018"] == {
        "id": "gomez2018",
        "label": None,
        "authors": ("Gómez",),
        "year": "2018",
        "title": "Shift work, circadian misalignment and metabolic health: A narrative review",
        "container": "Chronobiology International",
        "volume": "35",
        "issue": "6",
        "pages": "741-752",
        "doi": "10.1080/07420528.2018.1466789",
        "pmid": None,
        "url": None,
    }
    hirsh = got["hirshkowitz2015"]
    assert len(hirsh["authors"]) == 20
    assert hirsh["authors"][:3] == ("Hirshkowitz", "Whiton", "Albert")
    assert "Kheirandish-Gozal" in hirsh["authors"] and "O'Donnell" in hirsh["authors"]
    assert hirsh["authors"][-1] == "Adams Hillard"
    assert (hirsh["year"], hirsh["container"], hirsh["volume"], hirsh["issue"], hirsh["pages"]) == (
        "2015",
        "Sleep Health",
        "1",
        "1",
        "40-43",
    )
    assert hirsh["doi"] == "10.1016/j.sleh.2014.12.010"
    assert got["irwin2015"]["container"] == "Annual Review of Psychology"
    assert got["irwin2015"]["doi"] == "10.1146/annurev-psych-010213-115205"
    assert got["lee2020"] == {
        "id": "lee2020",
        "label": None,
        "authors": ("Lee", "Park"),
        "year": "2020",
        "title": "Evening screen use and sleep onset latency in adolescents: A cohort study",
        "container": "Journal of Sleep Research",
        "volume": "29",
        "issue": "4",
        "pages": "e12987",
        "doi": "10.1111/jsr.12987",
        "pmid": None,
        "url": None,
    }
    assert got["nationalsleepfoundationnd"] == {
        "id": "nationalsleepfoundationnd",
        "label": None,
        "authors": ("National Sleep Foundation",),
        "year": "n.d.",
        "title": "Sleep hygiene",
        "container": None,
        "volume": None,
        "issue": None,
        "pages": None,
        "doi": None,
        "pmid": None,
        "url": "https://www.thensf.org/sleep-hygiene/",
    }
    assert (got["okafor2019a"]["year"], got["okafor2019b"]["year"]) == ("2019a", "2019b")
    assert got["okafor2019b"]["pages"] == "102-109"
    assert got["smith2019"]["authors"] == ("Smith", "Brown", "Chen")
    assert got["smith2019"]["pages"] == "101208"
    assert got["vanderberg2021"]["authors"] == ("van der Berg", "Jansen")
    assert got["vanderberg2021"]["container"] == "European Journal of Epidemiology"
    assert got["walker2017"] == {
        "id": "walker2017",
        "label": None,
        "authors": ("Walker",),
        "year": "2017",
        "title": "Why we sleep: Unlocking the power of sleep and dreams",
        "container": "Scribner",
        "volume": None,
        "issue": None,
        "pages": None,
        "doi": None,
        "pmid": None,
        "url": None,
    }
    assert got["worldhealthorganization2022"]["authors"] == ("World Health Organization",)
    assert got["worldhealthorganization2022"]["title"] == "Noise and sleep: Technical brief"
    assert got["worldhealthorganization2022"]["url"] == (
        "https://www.who.int/publications/i/item/noise-and-sleep"
    )
    # Gómez is wrapped with an indented continuation line.
    gomez = analysis.reference("gomez2018")
    assert "\n  Chronobiology" in text[gomez.start : gomez.end]
    assert "  " not in gomez.raw
    assert [r.id for r in analysis.uncited] == ["irwin2015"]


def test_microbiome_footnotes_are_entries_and_remarks_are_not():
    text, analysis = analysed(MICROBIOME)
    got = {r.id: fields(r) for r in analysis.references}
    assert list(got) == ["valdes2018", "sender2016", "sadasivan2012", "hartmann2023", "lynch2016"]
    assert [r.label for r in analysis.references] == ["1", "gut2", "mice", "4", "5"]
    assert got["valdes2018"] == {
        "id": "valdes2018",
        "label": "1",
        "authors": ("Valdes", "Walter", "Segal", "Spector"),
        "year": "2018",
        "title": "Role of the gut microbiota in nutrition and health",
        "container": "BMJ",
        "volume": "361",
        "issue": None,
        "pages": "k2179",
        "doi": "10.1136/bmj.k2179",
        "pmid": None,
        "url": None,
    }
    assert got["sender2016"]["doi"] == "10.1371/journal.pbio.1002533"
    assert got["sender2016"]["container"] == "PLoS Biol"
    assert (got["sender2016"]["volume"], got["sender2016"]["issue"]) == ("14", "8")
    assert got["sadasivan2012"] == {
        "id": "sadasivan2012",
        "label": "mice",
        "authors": ("Sadasivan", "Pond", "Pani", "Qu", "Jiao", "Smeyne"),
        "year": "2012",
        "title": "Methylphenidate exposure induces dopamine neuron loss and activation of "
        "microglia in the basal ganglia of mice",
        "container": "PLoS One",
        "volume": "7",
        "issue": "3",
        "pages": "e33693",
        "doi": "10.1371/journal.pone.0033693",
        "pmid": None,
        "url": None,
    }
    assert got["hartmann2023"]["doi"] == "10.1371/notarealdoi"
    assert got["lynch2016"]["pages"] == "2369-2379"
    # The span excludes the "[^x]: " label.
    for ref in analysis.references:
        line_start = text.rfind("\n", 0, ref.start) + 1
        assert text[line_start : ref.start] == f"[^{ref.label}]: "
    # The remark footnote stays a (non-prose) footnote block.
    note = next(b for b in analysis.blocks if text[b.start : b.end].startswith("[^note]:"))
    assert note.kind == "footnote" and not note.prose
    assert sum(b.kind == "reference_list" for b in analysis.blocks) == 5
    assert [r.id for r in analysis.uncited] == ["lynch2016"]


@pytest.mark.parametrize("path", ALL_SAMPLES, ids=lambda p: p.name)
def test_every_reference_span_is_exact(path):
    text, analysis = analysed(path)
    blocks = [b for b in analysis.blocks if b.kind == "reference_list"]
    for ref in analysis.references:
        span = text[ref.start : ref.end]
        assert span == span.strip() and span
        assert " ".join(span.split()) == " ".join(ref.raw.split())
        assert "\n" not in ref.raw
        assert any(b.start <= ref.start and ref.end <= b.end for b in blocks)
    starts = [r.start for r in analysis.references]
    assert starts == sorted(starts)
    assert len({r.id for r in analysis.references}) == len(analysis.references)


@pytest.mark.parametrize("path", ALL_SAMPLES, ids=lambda p: p.name)
def test_extraction_is_deterministic(path):
    _, first = analysed(path)
    _, second = analysed(path)
    assert first.references == second.references
    assert first.citations == second.citations


# --- Headings, sections and splitting ---------------------------------------------------

APA_TWO = (
    "Smith, J. A., & Jones, B. (2019). Sleep and the heart. Journal of Sleep, 3(2), 10-20.\n\n"
    "Lee, K. (2020). Naps in older adults. Sleep Reviews, 5, 1-9.\n"
)
PROSE = "Short sleep is linked to heart disease (Smith & Jones, 2019). Naps help (Lee, 2020).\n\n"


@pytest.mark.parametrize(
    "heading",
    [
        "## References",
        "## Bibliography",
        "### Works cited",
        "## Literature Cited",
        "**References**",
        "## 7. References",
        "References\n==========",
        "## Further reading",
        "## Sources",
    ],
)
def test_markdown_reference_headings(heading):
    analysis = of_text(f"# Title\n\n{PROSE}{heading}\n\n{APA_TWO}")
    assert [r.id for r in analysis.references] == ["smith2019", "lee2020"]
    assert [c.ref_ids for c in analysis.citations] == [("smith2019",), ("lee2020",)]


@pytest.mark.parametrize("heading", ["References", "References:", "BIBLIOGRAPHY", "Sources:"])
def test_plain_text_reference_headings(heading):
    analysis = of_text(f"A title\n\n{PROSE}{heading}\n\n{APA_TWO}", "article.txt")
    assert [r.id for r in analysis.references] == ["smith2019", "lee2020"]


def test_plain_heading_glued_to_entries_and_unindented_wraps():
    text = (
        "Sleep\n\nSleep matters (Smith, 2019). Lee (2020) disagrees.\n\n"
        "References\n"
        "Smith, J. (2019). Sleep. Journal of Sleep, 1(2), 3-4.\n"
        "Lee, K. (2020). More sleep and a title that is long enough to wrap\n"
        "onto the next line. Sleep Reviews, 2, 5-9.\n"
    )
    analysis = of_text(text, "a.txt")
    assert [r.id for r in analysis.references] == ["smith2019", "lee2020"]
    lee = analysis.reference("lee2020")
    assert lee.title == "More sleep and a title that is long enough to wrap onto the next line"
    assert lee.container == "Sleep Reviews"
    assert [c.status for c in analysis.citations] == ["linked", "linked"]


def test_plain_numbered_list_with_unindented_continuations():
    text = (
        "Vitamin D\n\nDeficiency is common [1]. Supplements do not prevent fractures [2, 3].\n\n"
        "References\n"
        "1. Holick MF. Vitamin D deficiency. N Engl J Med.\n"
        "2007;357(3):266-281.\n"
        "2. Manson JE, Cook NR, Lee IM, et al. Vitamin D supplements and prevention of cancer and\n"
        "cardiovascular disease. N Engl J Med. 2019;380(1):33-44.\n"
        "3. Bolland MJ, Grey A, Avenell A. Effects of vitamin D supplementation on bone.\n"
        "Lancet Diabetes Endocrinol. 2018;6(11):847-858.\n"
    )
    analysis = of_text(text, "a.txt")
    refs = analysis.references
    assert [(r.id, r.label, r.year, r.volume) for r in refs] == [
        ("holick2007", "1", "2007", "357"),
        ("manson2019", "2", "2019", "380"),
        ("bolland2018", "3", "2018", "6"),
    ]
    assert refs[0].container == "N Engl J Med"
    assert text[refs[0].start : refs[0].end] == (
        "Holick MF. Vitamin D deficiency. N Engl J Med.\n2007;357(3):266-281."
    )
    assert [c.ref_ids for c in analysis.citations] == [
        ("holick2007",),
        ("manson2019", "bolland2018"),
    ]


def test_bracket_numbered_entries_in_one_paragraph():
    text = (
        "# T\n\nCoffee is safe [1]. Tea too [2].\n\n## References\n\n"
        "[1] Poole R, Kennedy OJ, Roderick P, et al. Coffee consumption and health: umbrella review.\n"
        "BMJ. 2017;359:j5024.\n"
        "[2] Yang CS, Wang H. Cancer preventive activities of tea catechins. Molecules.\n"
        "2016;21(12):1679.\n"
    )
    analysis = of_text(text)
    assert [(r.id, r.label, r.container, r.volume) for r in analysis.references] == [
        ("poole2017", "1", "BMJ", "359"),
        ("yang2016", "2", "Molecules", "21"),
    ]
    assert analysis.references[0].pages == "j5024"
    assert text[analysis.references[0].start : analysis.references[0].start + 5] == "Poole"


def test_markdown_lists_numbered_one_one_one_are_renumbered():
    text = (
        "# T\n\nA claim [2].\n\n## References\n\n"
        "1. Holick MF. Vitamin D deficiency. N Engl J Med. 2007;357(3):266-281.\n"
        "1. Manson JE, Cook NR. Vitamin D supplements. N Engl J Med. 2019;380(1):33-44.\n"
    )
    analysis = of_text(text)
    assert [r.label for r in analysis.references] == ["1", "2"]
    assert analysis.citations[0].ref_ids == ("manson2019",)


def test_trailing_markdown_bullets_without_heading():
    text = (
        "# T\n\nSleep matters (Smith & Jones, 2019).\n\n"
        "- Smith, J. A., & Jones, B. (2019). Sleep and the heart. Journal of Sleep, 3(2), 10-20.\n"
        "- Lee, K. (2020). Naps in older adults. Sleep Reviews, 5, 1-9. https://doi.org/10.1000/x\n"
    )
    analysis = of_text(text)
    assert [r.id for r in analysis.references] == ["smith2019", "lee2020"]
    assert analysis.reference("lee2020").doi == "10.1000/x"


def test_weak_heading_with_commentary_is_not_a_reference_list():
    text = (
        "# T\n\nSleep matters.\n\n## Notes\n\n"
        "This article was updated in March 2024 to add a section on naps.\n\n"
        "Thanks to the readers who wrote in with questions about caffeine and sleep.\n"
    )
    analysis = of_text(text)
    assert analysis.references == ()
    assert not any(b.kind == "reference_list" for b in analysis.blocks)


def test_sources_heading_over_prose_is_not_a_reference_list():
    text = (
        "# Vitamin D\n\n## Sources\n\n"
        "Oily fish such as salmon, sardines and mackerel are among the richest natural sources of "
        "vitamin D, and a single portion can provide most of the daily amount that adults need. "
        "Egg yolks and red meat contain smaller amounts, and many breakfast cereals are fortified.\n\n"
        "Sunlight is the main source for most people, but in winter the sun is too low at northern "
        "latitudes for the skin to make any vitamin D at all, which is why advice changes by season.\n"
    )
    analysis = of_text(text)
    assert analysis.references == ()
    assert sum(b.prose for b in analysis.blocks) == 2


def test_a_section_ends_at_the_next_heading():
    text = f"# T\n\n{PROSE}## References\n\n{APA_TWO}\n## About the author\n\nJane writes about sleep.\n"
    analysis = of_text(text)
    assert [r.id for r in analysis.references] == ["smith2019", "lee2020"]
    about = next(b for b in analysis.blocks if analysis.text[b.start : b.end].startswith("Jane"))
    assert about.kind == "paragraph" and about.prose


# --- Negative documents ------------------------------------------------------------------

RECIPE = """# Overnight oats

Quick, cheap and filling. Serves 2.

## Ingredients

- 1 cup (90 g) rolled oats
- 2 tablespoons chia seeds
- 1 cup (240 ml) milk or a plant drink
- 150-200 g berries

## Method

1. Mix the oats, seeds and milk in a jar.
2. Leave in the fridge for 8 hours (or overnight).
3. Top with the berries and serve within 2 days.
"""

TIMELINE = """A short history of vitamin C

1747 - James Lind runs his scurvy experiment on HMS Salisbury (12 sailors, 6 groups).
1912 - Casimir Funk proposes the word "vitamine" in a paper on beriberi.
1932 - Albert Szent-Györgyi and Charles Glen King isolate ascorbic acid, pp. 10-12 of his memoir.
1970 - Linus Pauling publishes Vitamin C and the Common Cold (1970).
2019 - Sales of vitamin C supplements pass $1 billion (2019).
"""

RESOURCES = """# Sleep better

Keep a regular schedule and a dark, cool bedroom.

## Resources

- [NHS: Insomnia](https://www.nhs.uk/conditions/insomnia/)
- [Sleep diary template](https://example.org/sleep-diary.pdf)
- [Mind: Sleep problems](https://www.mind.org.uk/information-support/sleep-problems/)
"""

STATS = """# Sleep in numbers

In 2020 (the pandemic year), insomnia complaints rose sharply. A small trial (n = 30) found
that taking 2 tablets (2 tablets) before bed helped. Group A (Smith clinic) slept longest.

- Adults sleeping under 7 hours: 35% (2019).
- Annual cost of lost sleep: $411 billion (2016), pp. 10-12 of the report.
- Teenagers with phones in the bedroom: 72% (2018-2019).
"""

NEGATIVES = {
    "recipe.md": RECIPE,
    "timeline.txt": TIMELINE,
    "resources.md": RESOURCES,
    "stats.md": STATS,
}


@pytest.mark.parametrize("name", sorted(NEGATIVES))
def test_negative_documents_have_no_reference_list_and_no_citations(name):
    analysis = of_text(NEGATIVES[name], name)
    assert analysis.references == ()
    assert not any(b.kind == "reference_list" for b in analysis.blocks)
    assert analysis.citations == ()


# --- Ids -----------------------------------------------------------------------------------


def test_colliding_ids_all_get_letters_in_document_order():
    text = (
        "# T\n\n## References\n\n"
        "Smith, J. (2019). First paper. Journal A, 1, 1-2.\n\n"
        "Smith, K. (2019). Second paper. Journal B, 2, 3-4.\n\n"
        "Smith, J. (2019a). Third paper. Journal C, 3, 5-6.\n\n"
        "Müller, T. (2018). Umlaut paper. Journal D, 4, 7-8.\n\n"
        "Anonymous report on sleep in 2021. Journal E, 5, 9-10.\n\n"
        "- (n.d.). Untitled.\n"
    )
    analysis = of_text(text)
    assert [r.id for r in analysis.references] == [
        "smith2019b",
        "smith2019c",
        "smith2019a",
        "muller2018",
        "anonymous2021",
        "ref6",
    ]


def test_id_fallbacks_use_title_word_or_label():
    text = (
        "# T\n\n## References\n\n"
        "1. The Cochrane handbook of systematic reviews. Chichester: Wiley; 2019.\n"
        "2. 李明. 针灸研究. 2020.\n"
    )
    analysis = of_text(text)
    ids = [r.id for r in analysis.references]
    assert ids[0] == "cochrane2019"
    assert ids[1] == "ref2"


def test_surname_keys_and_acronyms():
    assert surname_key("van der Berg") == "berg"
    assert surname_key("Van der Berg") == "berg"
    assert surname_key("Müller") == surname_key("Muller") == "muller"
    assert surname_key("Walker's") == "walker"
    assert surname_key("The World Health Organization") == "worldhealthorganization"
    assert surname_key("Kheirandish-Gozal") == "kheirandishgozal"
    assert acronym("World Health Organization") == "who"
    assert acronym("Walker") == ""


# --- Field parsing of single entries -------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "doi"),
    [
        ("Smith J. Title. J Med. 2019;1:2. https://doi.org/10.1000/ABC.123.", "10.1000/ABC.123"),
        ("Smith J. Title. J Med. 2019;1:2. doi: 10.1000/xyz(19)45-6;", "10.1000/xyz(19)45-6"),
        ("Smith J. Title. J Med. 2019;1:2. DOI 10.1000/xyz.", "10.1000/xyz"),
        ("Smith J. Title. J Med. 2019;1:2. http://dx.doi.org/10.1000/q),", "10.1000/q"),
        ("Smith, J. (2019). [Title](https://doi.org/10.1000/linked). J, 1, 2.", "10.1000/linked"),
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
    assert got["container"] == "WHO"
    assert got["url"] == "https://www.who.int/publications/i/item/9789241504935"
    assert parse_entry("Smith J. T. J Med. 2019;1:2. PMID: 12345678")["pmid"] == "12345678"


def test_plain_link_entry():
    got = parse_entry("[CDC: Sleep and sleep disorders](https://www.cdc.gov/sleep/index.html)")
    assert got["url"] == "https://www.cdc.gov/sleep/index.html"
    assert got["title"] == "CDC: Sleep and sleep disorders"
    assert got.get("year") is None


def test_markdown_link_reference_definitions_are_entries():
    text = (
        "# T\n\nCoffee is safe [1] and tea is too [2].\n\n"
        '[1]: https://pubmed.ncbi.nlm.nih.gov/29167102/ "Poole 2017 coffee umbrella review"\n'
        "[2]: <https://doi.org/10.3390/molecules21121679>\n"
        "[home]: https://example.org/\n"
    )
    analysis = of_text(text)
    assert [(r.id, r.label, r.title, r.pmid, r.doi) for r in analysis.references] == [
        ("poole2017", "1", "Poole 2017 coffee umbrella review", "29167102", None),
        ("ref2", "2", None, None, "10.3390/molecules21121679"),
    ]
    poole = analysis.references[0]
    assert text[poole.start : poole.end].startswith("https://pubmed")
    assert [c.ref_ids for c in analysis.citations] == [("poole2017",), ("ref2",)]
    # In plain text, "[n]:" is an ordinary entry marker.
    plain = of_text(
        "T\n\nCoffee [1].\n\nReferences\n\n"
        "[1]: Poole R. Coffee and health. BMJ. 2017;359:j5024.\n"
        "[2]: Yang CS. Tea catechins. Molecules. 2016;21(12):1679.\n",
        "a.txt",
    )
    assert [(r.id, r.label) for r in plain.references] == [("poole2017", "1"), ("yang2016", "2")]
