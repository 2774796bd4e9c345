"""Reference lists: finding the section, splitting entries, ids (the sample
articles' lists are in test_reference_samples.py, single entries' fields in
test_reference_fields.py)."""

from __future__ import annotations

import pytest

from referee.text.analysis import analyse
from referee.text.article import from_text
from referee.text.references import acronym, surname_key


def of_text(text: str, name: str = "article.md"):
    article = from_text(text, name)
    return analyse(article.text, article.markdown)


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
        "anonymous",  # the year is the date's, never one in a title
        "untitlednd",  # "Untitled." is its title
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
