"""What is a claim and what is not, and every flag with a sentence that must raise it
and one that must not."""

from __future__ import annotations

from pathlib import Path

import pytest

from referee.text.analysis import analyse
from referee.text.article import load

ROOT = Path(__file__).parent.parent


def claims_of(sentence: str, markdown: bool = False):
    return analyse(f"A Title Here\n\n{sentence}\n", markdown).claims


def only_claim(sentence: str):
    found = claims_of(sentence)
    assert [c.text for c in found] == [sentence]
    return found[0]


@pytest.mark.parametrize(
    ("sentence", "kind", "family"),
    [
        ("You said we knew where the weapons were.", "attributed", "attribution"),
        (
            "The company told residents that the colour came from old iron deposits.",
            "attributed",
            "attribution",
        ),
        ("The Vice President ignored them.", "event", "past"),
        ("The commissioner left for a job in the private sector.", "event", "past"),
        ("Curcumin is the main active compound in turmeric.", "definition", "definition"),
        ("SPF stands for sun protection factor.", "definition", "definition"),
        ("Intermittent fasting means eating only during a set window.", "definition", "definition"),
        ("Sleep quality did not change (4).", "evidence", "null_finding"),
        ("That result has not yet been replicated.", "evidence", "null_finding"),
        ("The company did not admit wrongdoing.", "evidence", "null_finding"),
        ("Nine out of ten unvaccinated contacts catch measles.", "quantity", "number"),
        ("Resistant bacteria turned up on two-thirds of farms.", "quantity", "number"),
        ("Take 2 g a day; it is safe.", "safety", "number"),
        ("My opponent's state ranks 48th in job creation.", "quantity", "number"),
    ],
)
def test_plain_factual_claims(sentence: str, kind: str, family: str) -> None:
    claim = only_claim(sentence)
    assert claim.kind == kind
    assert family in {cue.family for cue in claim.cues}


@pytest.mark.parametrize(
    "sentence",
    [
        "Where were people exposed?",
        "If the diagnosis is on your list, ask for it early.",
        "If you recognise these symptoms, ask your GP for a blood test.",
        "Anyone who was exposed and is not vaccinated should call their doctor first.",
        "Stay indoors, keep windows shut and use an air purifier if you have one.",
        "We've got to grow the economy so that everybody can get ahead.",
        "We ought to provide every child with a good school.",
        "I will bring those prices down.",
        "I'm not going to stand here and let him distort my record.",
        "Number three, we've got to get our spending under control.",
        "First of all, I want to thank the governor for his service.",
        "Rather than blaming others, he should take responsibility.",
        "It is a food, after all!",
        "I'm proud of my record.",
        "That was a mistake.",
        "Where the evidence is solid, we say so.",
        "Let's move on to foreign policy.",
    ],
)
def test_not_claims(sentence: str) -> None:
    assert claims_of(sentence) == ()


def test_a_list_of_symptoms_is_claimed_item_by_item() -> None:
    text = (
        "# Iron\n\nCommon symptoms of iron deficiency are:\n\n"
        "- tiredness and lack of energy\n- shortness of breath\n- pale skin\n\n"
        "Read the label.\n\n- a blue pen\n"
    )
    claims = analyse(text, True).claims
    assert [c.text for c in claims] == [
        "Common symptoms of iron deficiency are:",
        "tiredness and lack of energy",
        "shortness of breath",
        "pale skin",
    ]
    assert all("listed" in {cue.family for cue in c.cues} for c in claims[1:])


def test_sales_pitch_is_offered_with_its_conflict() -> None:
    (claim,) = claims_of("> **Try our Golden Joint capsules — 20% off with code GOLD20!**", True)
    assert claim.kind == "commercial"
    assert "conflict-of-interest" in {f.code for f in claim.flags}


def flags(sentence: str, context: str = "") -> set[str]:
    text = f"A Title Here\n\n{context}{sentence}\n"
    found = [c for c in analyse(text, False).claims if c.text == sentence]
    assert found, sentence
    return {f.code for f in found[0].flags}


@pytest.mark.parametrize(
    ("code", "raises", "does_not", "context"),
    [
        (
            "causal-unsupported",
            "Turmeric cures arthritis.",
            "The trial found no link between coffee and atrial fibrillation.",
            "",
        ),
        (
            "causal-unsupported",
            "Fibre lowers cholesterol.",
            "You should eat more fibre, which lowers cholesterol.",
            "",
        ),
        (
            "booster",
            "This supplement is clinically proven to cure arthritis.",
            "This supplement was tested in 40 adults with arthritis.",
            "",
        ),
        (
            "vague-attribution",
            "Studies show that fasting reverses diabetes.",
            "No deaths have been reported.",
            "",
        ),
        (
            "generalization",
            "Everyone who tries it feels better.",
            "The clinic, which is open to everyone, vaccinated 300 people in May.",
            "",
        ),
        (
            "generalization",
            "Most patients recover within 6 weeks.",
            "We are asking everyone to check the label for the amount of iron, which varies by 40%.",
            "",
        ),
        (
            "promise-wording",
            "Acupuncture has shown promise for migraine.",
            "Acupuncture was tested for migraine in 12 trials.",
            "",
        ),
        (
            "safety-claim",
            "The remedy is completely safe for children.",
            "The remedy was given to 30 children.",
            "",
        ),
        (
            "animal-or-lab-evidence",
            "In a 2019 study in mice, electroacupuncture lowered IL-6 levels.",
            "In a 2019 study in adults, electroacupuncture lowered IL-6 levels.",
            "",
        ),
        (
            "animal-to-human",
            "In mice, curcumin shrank tumours, so it can cure cancer in people.",
            "Curcumin cures cancer in people.",
            "In mice, curcumin shrank tumours. ",
        ),
        (
            "correlation-as-causation",
            "Coffee prevents heart disease.",
            "Coffee drinkers had less heart disease.",
            "In a cohort of 5,000 adults, coffee was associated with fewer heart attacks. ",
        ),
        (
            "advice",
            "You should take 5,000 IU of vitamin D every day.",
            "Doctors prescribe 65 mg of iron a day.",
            "",
        ),
        (
            "conflict-of-interest",
            "Buy our SPF 50 family pack, now 25% off at checkout.",
            "SPF 50 blocks about 98 percent of UVB rays.",
            "",
        ),
        (
            "conflict-of-interest",
            "This post is sponsored by LeanClock, the fasting timer app.",
            "LeanClock is a fasting timer app made in Oslo.",
            "",
        ),
    ],
)
def test_flag_pairs(code: str, raises: str, does_not: str, context: str) -> None:
    assert code in flags(raises, context)
    assert code not in flags(does_not, context)


def test_hedged_unsupported_only_without_a_citation() -> None:
    assert "hedged-unsupported" in flags("Curcumin may reduce inflammation.")
    cited = analyse(
        "# Curcumin\n\nCurcumin may reduce inflammation [1].\n\n"
        "## References\n\n1. Smith J. Curcumin and inflammation. J Med. 2019;1:2.\n",
        True,
    )
    (claim,) = cited.claims
    assert claim.strength == "conditional"
    assert "hedged-unsupported" not in {f.code for f in claim.flags}


def test_published_is_not_evidence() -> None:
    claim = only_claim("The council published its figures on Tuesday after 41 deaths.")
    assert "evidence" not in {cue.family for cue in claim.cues}
    line = "Published June 3, 2024, 6:12 p.m."
    assert claims_of(line) == ()


@pytest.mark.parametrize(
    ("sentence", "number"),
    [
        ("People with type 2 diabetes ate 3 meals a day.", "3"),
        ("The phase 3 trial enrolled 1,140 adults.", "1,140 adults"),
        ("COVID-19 killed 41 people in the county.", "41 people"),
    ],
)
def test_digits_that_name_are_not_the_claims_number(sentence: str, number: str) -> None:
    claim = only_claim(sentence)
    (cue,) = [c for c in claim.cues if c.family == "number"]
    assert cue.text == number


def test_cue_text_is_always_the_text_at_its_span() -> None:
    paths = [*(ROOT / "sample_articles").iterdir(), *(ROOT / "dev" / "claims" / "tune").iterdir()]
    checked = 0
    for path in paths:
        article = load(path)
        analysis = analyse(article.text, article.markdown)
        for claim in analysis.claims:
            for cue in claim.cues:
                assert cue.text == article.text[cue.start : cue.end] and cue.text, cue
                checked += 1
    assert checked > 500
