"""Article furniture: the lines that are not prose never yield claims; prose that
looks a little like them still does."""

from __future__ import annotations

import pytest

from referee.text.analysis import analyse
from referee.text.furniture import is_furniture, opens_furniture_section
from referee.text.sentences import spans

FURNITURE = [
    "By Tomasz Reilly, Staff Reporter",
    "**By Jenna Marsh** | March 12, 2024",
    "By Nadia Brooks and Owen Park | The Valley Ledger",
    "Posted by Carla Mendes on January 8, 2025",
    "Written by the Skin Health Team",
    "Reviewed by Dr. Samuel Adeyemi, consultant dermatologist",
    "*Medically reviewed by Dr. Priya Nair, MD · Last updated 2 May 2024*",
    "Photographs by Daniel Reyes",
    "Published June 3, 2024, 6:12 p.m. | Updated June 4, 2024, 9:40 a.m.",
    "August 14, 2025 at 7:05 a.m. EDT",
    "Last reviewed: 18 September 2024",
    "*Reading time: about 8 minutes · Filed under: Nutrition, Supplements*",
    "Long read · 14 min",
    "6 min read",
    "Keywords: turmeric, curcumin, inflammation",
    "Categories: Diet, Weight loss",
    "[Photo: A nurse prepares a vaccine on Monday. Credit: Lena Ortiz for the Courier]",
    "*Smoke hangs over the river on Tuesday. (Photo by Ana Lima / The Valley Ledger)*",
    "Caption: Alice Hart at her kitchen sink. She has used bottled water since 2019.",
    "Figure 1. Polymer types found in placental samples.",
    "![A bowl of turmeric powder](turmeric.jpg)",
    "RELATED: How measles spreads | Where to get vaccinated | Outbreak map",
    "Read more: The hidden lead pipes under Britain's cities · Why water bills are rising",
    "**Related guides:** [Vitamin B12](/b12) · [Folic acid](/folic)",
    "[Ginger for nausea: what we know](/ginger)",
    "Share this story: Facebook · X · Email",
    "Was this page useful? Yes / No",
    "Follow The Valley Ledger on Facebook and Instagram for updates.",
    "Disclaimer: This article is for information only and is not medical advice.",
    "*Editor's note: This guide was updated on 2 May 2024 to add new dosing advice.*",
    "*Correction, 12 April 2024: An earlier version misstated the size of the trial.*",
    "Media contact: Sam Patel, Press Office, press@northfield.example",
    "Tomasz Reilly covers health for the Courier. Reach him at treilly@courier.example.",
    "FOR IMMEDIATE RELEASE",
    "Preprint. This article has not been certified by peer review.",
    "Anna Kowalczyk¹, Pieter de Vries², Maria Santos¹",
    "Jonas Feld 1, Grace Okafor 2, Lucia Marino 1",
    "¹ Department of Psychiatry, University of Eastbridge",
    "Competing interests: The authors declare no competing interests.",
]

PROSE = [
    "By March, cases had doubled in three counties.",
    "By 2030, half of all cars sold in Norway will be electric.",
    "Published in 2019, the study found that the drug cut deaths by a third.",
    "March 3, 2020 was the day the first case was confirmed.",
    "The table below shows that iron levels fell in 40 of 120 patients.",
    "Photographers were barred from the hearing, the court said.",
    "Reading is linked to better sleep in children, a survey of 2,000 parents found.",
    "Vaccination coverage fell from 94 percent in 2019 to 86 percent last year.",
    "Share prices fell 12 percent after the trial was stopped.",
]


@pytest.mark.parametrize("line", FURNITURE)
def test_furniture_lines(line: str) -> None:
    assert is_furniture(line, 0, len(line))


@pytest.mark.parametrize("line", PROSE)
def test_prose_is_not_furniture(line: str) -> None:
    assert not is_furniture(line, 0, len(line))


@pytest.mark.parametrize("markdown", [False, True])
@pytest.mark.parametrize("line", FURNITURE)
def test_furniture_yields_no_claim(line: str, markdown: bool) -> None:
    text = f"A Headline About Measles\n\n{line}\n\nThe outbreak has grown to 48 confirmed cases.\n"
    analysis = analyse(text, markdown)
    assert [c.text for c in analysis.claims] == ["The outbreak has grown to 48 confirmed cases."]


@pytest.mark.parametrize("line", PROSE)
def test_prose_lines_stay_claims(line: str) -> None:
    analysis = analyse(f"A Headline\n\nSome intro here.\n\n{line}\n", False)
    assert line in [c.text for c in analysis.claims]


def test_short_lines_of_a_txt_file_are_blocks_of_their_own() -> None:
    text = (
        "Flu vaccine: your questions answered\n\n"
        "By Ada Reporter\n"
        "Published 3 June 2024\n"
        "Who should get the flu vaccine?\n"
        "The flu vaccine is offered free to adults aged 65 and over.\n"
        "Can the vaccine give me flu?\n"
        "No. The injected vaccine contains no live virus, so it cannot give you flu.\n"
    )
    analysis = analyse(text, False)
    blocks = [(b.kind, text[b.start : b.end]) for b in analysis.blocks]
    assert ("meta", "By Ada Reporter\nPublished 3 June 2024") in blocks
    assert ("paragraph", "Who should get the flu vaccine?") in blocks
    assert [c.text for c in analysis.claims] == [
        "The flu vaccine is offered free to adults aged 65 and over.",
        "No. The injected vaccine contains no live virus, so it cannot give you flu.",
    ]


def test_hard_wrapped_paragraphs_stay_whole() -> None:
    text = (
        "Title\n\n"
        "The council voted on Tuesday to open twelve new cooling centres before\n"
        "the end of the month, after officials reported that admissions had\n"
        "doubled since June. Most of the victims were over 75 and lived alone.\n"
    )
    analysis = analyse(text, False)
    paragraphs = [b for b in analysis.blocks if b.kind == "paragraph"]
    assert len(paragraphs) == 1
    assert len(analysis.claims) == 2


@pytest.mark.parametrize(
    "heading",
    ["You might also like", "Related guides", "Notes to editors", "In this guide", "Contents"],
)
def test_sections_of_furniture(heading: str) -> None:
    assert opens_furniture_section(heading, 0, len(heading))
    text = (
        f"# Iron\n\nIron tablets cause constipation in a third of users.\n\n## {heading}\n\n"
        "- Vitamin B12 deficiency affects 6 percent of adults under 60.\n"
        "- Folic acid prevents 70 percent of neural tube defects.\n"
    )
    analysis = analyse(text, True)
    assert [c.text for c in analysis.claims] == [
        "Iron tablets cause constipation in a third of users."
    ]


@pytest.mark.parametrize("heading", ["Further reading", "See also", "Sources", "Results"])
def test_sections_that_may_be_references_or_prose_are_not_furniture(heading: str) -> None:
    assert not opens_furniture_section(heading, 0, len(heading))


def test_standfirst_under_the_title_before_the_byline() -> None:
    text = (
        "The Town That Waited for Clean Water\n\n"
        "For six years, the residents of Corran Bay were told their tap water was fine.\n\n"
        "By Miriam Obi\n\n"
        "Tests showed lead above the legal limit in 37 of 120 homes.\n"
    )
    analysis = analyse(text, False)
    assert [c.text for c in analysis.claims] == [
        "Tests showed lead above the legal limit in 37 of 120 homes."
    ]


def test_first_paragraph_without_a_byline_after_it_is_prose() -> None:
    text = (
        "The Town That Waited\n\n"
        "For six years, the residents of Corran Bay were told their tap water was fine.\n\n"
        "Tests showed lead above the legal limit in 37 of 120 homes.\n"
    )
    assert len(analyse(text, False).claims) == 2


@pytest.mark.parametrize(
    ("paragraph", "first"),
    [
        ("HARROW FALLS, Ore. — The outbreak grew.", "The outbreak grew."),
        ("NORTHFIELD, UK, 9 October 2024 — Teenagers slept less.", "Teenagers slept less."),
        ("LONDON — Prices rose.", "Prices rose."),
        ("NASA said so. Then it rained.", "NASA said so."),
        ("The WHO — its chief said — acted.", "The WHO — its chief said — acted."),
    ],
)
def test_a_dateline_is_not_part_of_the_first_sentence(paragraph: str, first: str) -> None:
    (start, end), *_ = spans(paragraph, 0, len(paragraph))
    assert paragraph[start:end] == first


def test_front_matter_stays_metadata() -> None:
    text = "---\ntitle: Iron\ndate: 2024-05-02\n---\n\n# Iron\n\nIron tablets cause constipation.\n"
    analysis = analyse(text, True)
    assert analysis.blocks[0].kind == "front_matter"
    assert [c.text for c in analysis.claims] == ["Iron tablets cause constipation."]
