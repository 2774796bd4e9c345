"""Claims: which sentences are claims, their kinds, cues, flags and ids."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from referee.text.analysis import analyse
from referee.text.article import load
from referee.text.claims import KINDS, claim_id, normalise, unique_ids

SAMPLES = Path(__file__).parent.parent / "sample_articles"
SEED = SAMPLES / "acupuncture-goodpasture.txt"

SEED_BODY_CLAIMS = [
    "Goodpasture Syndrome is an autoimmune disorder that primarily affects the kidneys and lungs.",
    "This rare condition can lead to symptoms such as blood in the urine, coughing, shortness of breath, and fatigue.",
    "While traditional treatments like immunosuppressive medication and steroids are used, some patients explore alternative approaches such as acupuncture to alleviate their symptoms and improve their quality of life.",
    "The treatment of Goodpasture Syndrome focuses on suppressing the immune system and reducing inflammation in the kidneys and lungs.",
    "Although medical treatments can help control the symptoms, some patients may still experience persistent issues, necessitating the need for supplementary treatment options.",
    "Acupuncture has shown promise in the treatment of Goodpasture Syndrome.",
    "By stimulating specific acupuncture points on the body, acupuncture may contribute to reducing inflammation, relieving pain, and improving immune function, which can help control the activity of the disease and improve the quality of life.",
    "While more research is still needed in this area, several clinical trials and patient reports have reported positive results with acupuncture treatment for Goodpasture Syndrome.",
    "Acupuncture has been found to be safe and well-tolerated, and many patients experience an improvement in their symptoms and quality of life after treatment.",
    "Acupuncture is a complex practice with several theoretical models explaining its effects on the body.",
    "While the precise mechanisms behind acupuncture treatment of Goodpasture Syndrome are still being investigated, there are several potential ways in which acupuncture can affect the body's physiology and alleviate symptoms:",
    "One of the most prominent theories about the effect of acupuncture involves its ability to regulate the immune system's response.",
    "In individuals with autoimmune diseases like Goodpasture Syndrome, the immune system is overactive and attacks the body's own tissues.",
    "By stimulating specific acupuncture points, it is believed that acupuncture may affect the release of anti-inflammatory cytokines and regulate the balance of the immune system, thereby reducing autoimmune inflammation in the kidneys and lungs.",
    "Acupuncture has long been known for its analgesic effects.",
    "When needles are inserted at specific acupuncture points, they may trigger the release of endorphins and other natural pain-relieving substances in the body.",
    "This can help alleviate pain and discomfort experienced by patients with Goodpasture Syndrome due to inflammation in the kidneys and lungs.",
    "In addition to regulating the immune system's response, acupuncture may also strengthen the body's natural defense mechanisms.",
    "This may include increased production of white blood cells, which are crucial for fighting infections, as well as improved function of the immune system's regulatory cells.",
    "By enhancing immune function, acupuncture can help maintain the body's balance and resist further damage caused by autoimmune reactions in Goodpasture Syndrome.",
    "These mechanisms suggest that acupuncture may be a useful supplementary treatment option for individuals with Goodpasture Syndrome by affecting various physiological processes involved in the pathophysiology of the disease.",
    "However, further research is necessary to confirm these findings and optimize the use of acupuncture for the treatment of Goodpasture Syndrome.",
    "With ongoing research and clinical trials, acupuncture may play an important role in the treatment of Goodpasture Syndrome in the future.",
    "By understanding the mechanisms of acupuncture's effects and its effectiveness, we can better integrate this alternative treatment method into patient care and improve their quality of life.",
]


@pytest.fixture(scope="module")
def seed():
    article = load(SEED)
    return article.text, analyse(article.text, article.markdown)


def test_seed_every_body_sentence_is_a_claim(seed) -> None:
    text, analysis = seed
    body_end = text.index("Zhang, X., Liu, H.")
    body = [c.text for c in analysis.claims if c.start < body_end]
    assert body == SEED_BODY_CLAIMS


def test_seed_title_meta_and_headings_are_not_claims(seed) -> None:
    text, analysis = seed
    for line in (
        "Acupuncture for Goodpasture Syndrome: Effectiveness and Treatment Options",
        "Meta-description:",
        "Goodpasture Syndrome and Treatment Challenges:",
        "Acupuncture as a Promising Treatment Method:",
        "Evidence for Acupuncture in the Treatment of Goodpasture Syndrome:",
        "Mechanisms behind the Effectiveness of Acupuncture Treatment:",
        "Future Perspectives:",
        "Regulation of the Immune System:",
        "Pain relief:",
    ):
        at = text.index(line)
        assert not [c for c in analysis.claims if c.start <= at < c.end], line


def test_seed_reference_list_is_not_claims(seed) -> None:
    text, analysis = seed
    refs_start = text.index("Zhang, X., Liu, H.")
    assert [c.text for c in analysis.claims if c.end > refs_start] == []


def _flags(analysis, sentence_start: str) -> dict[str, str]:
    (claim,) = [c for c in analysis.claims if c.text.startswith(sentence_start)]
    return {f.code: analysis.text[f.start : f.end] for f in claim.flags}


@pytest.mark.parametrize(
    ("sentence", "code", "evidence"),
    [
        ("Acupuncture has shown promise", "promise-wording", "has shown promise"),
        (
            "While more research",
            "vague-attribution",
            "several clinical trials and patient reports",
        ),
        ("Acupuncture has been found to be safe", "safety-claim", "safe and well-tolerated"),
        ("Acupuncture has been found to be safe", "generalization", "many patients"),
        ("Acupuncture has been found to be safe", "vague-attribution", "has been found"),
        (
            "By stimulating specific acupuncture points, it is believed",
            "vague-attribution",
            "it is believed",
        ),
        ("Acupuncture has long been known", "vague-attribution", "has long been known"),
        ("This can help alleviate pain", "causal-unsupported", "help"),
    ],
)
def test_seed_flags_where_wording_overreaches(seed, sentence, code, evidence) -> None:
    _, analysis = seed
    flags = _flags(analysis, sentence)
    assert code in flags
    assert evidence in flags[code]


def test_seed_flags_have_reasons_and_exact_spans(seed) -> None:
    _text, analysis = seed
    flagged = [c for c in analysis.claims if c.flags]
    assert len(flagged) >= 8
    for claim in flagged:
        for flag in claim.flags:
            assert flag.reason and claim.start <= flag.start < flag.end <= claim.end
            assert 0 <= flag.severity <= 2


def test_hedged_statements_are_not_flagged_as_causal(seed) -> None:
    _, analysis = seed
    assert "causal-unsupported" not in _flags(analysis, "These mechanisms suggest")
    (claim,) = [c for c in analysis.claims if c.text.startswith("When needles are inserted")]
    assert claim.strength == "conditional"


def test_seed_claims_carry_kinds_scores_and_cues(seed) -> None:
    text, analysis = seed
    for claim in analysis.claims:
        assert text[claim.start : claim.end] == claim.text
        assert claim.score >= 1.0
        assert claim.kind in KINDS
        for cue in claim.cues:
            assert claim.start <= cue.start <= cue.end <= claim.end
            assert text[cue.start : cue.end] == cue.text or cue.family in ("assertion", "short")

    def kind(start: str) -> str:
        (claim,) = [c for c in analysis.claims if c.text.startswith(start)]
        return claim.kind

    assert kind("Acupuncture has been found to be safe") == "safety"
    assert kind("By stimulating specific acupuncture points on") == "efficacy"
    assert kind("By stimulating specific acupuncture points, it") == "evidence"


def test_ids_are_stable_and_shaped(seed) -> None:
    text, analysis = seed
    again = analyse(text, False)
    assert [c.id for c in analysis.claims] == [c.id for c in again.claims]
    for claim in analysis.claims:
        assert re.fullmatch(r"c[a-z2-7]{8}", claim.id)
        assert claim.id == claim_id(claim.text)


def test_ids_ignore_case_and_whitespace_and_number_repeats() -> None:
    assert claim_id("Acupuncture  cures\nall.") == claim_id("acupuncture cures all.")
    assert normalise("  A\u00a0b ") == "a b"
    ids = unique_ids(["Same sentence.", "Other.", "Same   sentence."])
    assert ids[0] != ids[1] and ids[2] == ids[0] + "-2"


def test_repeated_sentence_in_article_gets_suffix() -> None:
    text = "Aspirin cuts heart attacks by 20%.\n\nMore.\n\nAspirin cuts heart attacks by 20%.\n"
    analysis = analyse(text, False)
    ids = [c.id for c in analysis.claims]
    assert len(ids) == 2 and ids[1] == ids[0] + "-2"


@pytest.mark.parametrize(
    "sentence",
    [
        "Is acupuncture right for you?",
        "Talk to your doctor before starting any new treatment.",
        "I think this is the best thing I have ever tried.",
        "Subscribe to our newsletter for more health tips.",
        "Thanks for reading this article.",
        "Great news.",
    ],
)
def test_non_claims(sentence: str) -> None:
    text = f"Intro Title\n\nAspirin cuts heart attacks by 20% in adults over 50. {sentence}\n"
    analysis = analyse(text, False)
    assert [c.text for c in analysis.claims] == [
        "Aspirin cuts heart attacks by 20% in adults over 50."
    ]


@pytest.mark.parametrize(
    ("sentence", "code"),
    [
        ("This supplement is clinically proven to cure arthritis.", "booster"),
        ("Turmeric reduces inflammation and cures the disease.", "causal-unsupported"),
        ("Studies show that fasting reverses diabetes.", "vague-attribution"),
        ("The remedy is completely safe for children.", "safety-claim"),
        ("You should take 5,000 IU of vitamin D every day.", "advice"),
        (
            "In a 2019 study in mice, electroacupuncture lowered IL-6 levels.",
            "animal-or-lab-evidence",
        ),
    ],
)
def test_flag_codes(sentence: str, code: str) -> None:
    analysis = analyse(f"Title Here\n\n{sentence}\n", False)
    (claim,) = analysis.claims
    assert code in {f.code for f in claim.flags}


def test_citation_suppresses_uncited_flags() -> None:
    cited = analyse(
        "Title\n\nTurmeric reduces joint inflammation in adults [1].\n\n"
        "## References\n\n1. Smith J. Turmeric. J Med. 2019;1:2.\n",
        True,
    )
    (claim,) = cited.claims
    assert "causal-unsupported" not in {f.code for f in claim.flags}


NEWS = SAMPLES / "heatwave-news.txt"


def test_news_story_claims_and_non_claims() -> None:
    article = load(NEWS)
    analysis = analyse(article.text, article.markdown)
    texts = [c.text for c in analysis.claims]
    must = [
        "The city council voted 9 to 2 on Tuesday to open twelve new cooling centres before the end of the month, after officials reported that heat-related hospital admissions had doubled since June.",
        "According to the regional health authority, 41 people died from heat-related causes in the first two weeks of July, compared with 17 in the same period last year.",
        "Most of the victims were over 75 and lived alone.",
        "Experts say heatwaves are becoming longer and more frequent.",
    ]
    for sentence in must:
        assert sentence in texts
    for sentence in (
        "City Council Approves Cooling Centres as Heatwave Deaths Rise",
        "What can residents do?",
        "Is the city ready for the summers to come?",
        "By Staff Reporter",
    ):
        assert not any(t.startswith(sentence) for t in texts), sentence
    assert analysis.references == () and analysis.citations == ()
    (experts,) = [c for c in analysis.claims if c.text.startswith("Experts say")]
    assert "vague-attribution" in {f.code for f in experts.flags}


def _analysed(name: str):
    article = load(SAMPLES / name)
    return article.text, analyse(article.text, article.markdown)


def _claim(analysis, start: str):
    (claim,) = [c for c in analysis.claims if c.text.startswith(start)]
    return claim


@pytest.mark.parametrize(
    ("name", "must", "must_not"),
    [
        (
            "vitamin-d-numbered.md",
            [
                "Around 40% of adults in the",
                "The VITAL trial randomised 25,871 adults",
                "An individual\nparticipant data meta-analysis of 25 trials",
                "Some wellness sites go much further",
                "Megadoses are not harmless either",
            ],
            [
                "Vitamin D: what the big trials",
                "title:",
                "What vitamin D does",
                "Talk to your doctor",
                "Holick MF.",
                "Manson JE",
            ],
        ),
        (
            "sleep-author-year.md",
            [
                "A meta-analysis of 43 prospective cohorts",
                "Walker (2017)\ngoes further",
                "A single 200 mg dose taken six hours before bed",
                "In one Dutch cohort",
            ],
            [
                "Why seven hours is not",
                "Short sleep and the heart",
                "Gómez, R. (2018)",
                "References",
            ],
        ),
        (
            "microbiome-footnotes.md",
            [
                "A careful recount put the figure at roughly 38 trillion",
                "A 2023 trial of a probiotic blend claimed to cut anxiety scores",
                "Faecal\nmicrobiota transplantation, by contrast, is a proven treatment",
            ],
            ["Your gut microbes", "How many microbes?", "Valdes AM", "I wrote this piece"],
        ),
    ],
)
def test_sample_claims(name: str, must: list[str], must_not: list[str]) -> None:
    text, analysis = _analysed(name)
    for start in must:
        _claim(analysis, start)
    for start in must_not:
        assert start in text, start
        assert not [c for c in analysis.claims if c.text.startswith(start)], start
        at = text.index(start)
        assert not [c for c in analysis.claims if c.start <= at < c.end], start


def test_sample_claims_link_their_citations() -> None:
    _, analysis = _analysed("vitamin-d-numbered.md")
    assert _claim(analysis, "Meta-analyses of fracture trials").ref_ids == (
        "manson2019",
        "bolland2018",
        "leboff2022",
    )
    wellness = _claim(analysis, "Some wellness sites go much further")
    assert [c.status for c in wellness.citations] == ["dangling"]
    # A citation to nothing does not count as support.
    assert "booster" in {f.code for f in wellness.flags}
    assert any(f.severity == 2 for f in wellness.flags if f.code == "booster")
    _, sleep = _analysed("sleep-author-year.md")
    assert _claim(sleep, "Shift workers in particular").ref_ids == ("lee2020", "gomez2018")
    _, gut = _analysed("microbiome-footnotes.md")
    assert _claim(gut, "A 2023 trial of a probiotic blend").ref_ids == ("hartmann2023",)
    assert "animal-or-lab-evidence" in {
        f.code for f in _claim(gut, "Much of this rests on studies in mice").flags
    }


@pytest.mark.parametrize(
    "text",
    [
        "(Smith 2019 " * 20000,
        "In 2019 [3] 45 " * 20000,
        "It was [3] " + "[3] " * 40000 + "end.",
        "Dr. " * 50000,
        "a" * 300000,
        "cures " * 50000,
        "1. " * 50000,
    ],
    ids=[
        "author-years",
        "years-citations",
        "citations",
        "abbreviations",
        "one-word",
        "cues",
        "markers",
    ],
)
def test_pathological_sentences_still_analyse(text: str) -> None:
    """One enormous sentence of repeated cues must not take quadratic time (these
    ran for minutes before masking used bisection); spans stay exact."""
    analysis = analyse(f"Title\n\n{text}\n", False)
    for claim in analysis.claims:
        assert analysis.text[claim.start : claim.end] == claim.text


def test_years_and_citation_numbers_are_not_quantities() -> None:
    analysis = analyse(
        "Title\n\nIn 2019 a trial [12] of 200 adults found a drop in colds.\n\n"
        "## References\n\n12. Lee A. Colds. J Med. 2019;1:2.\n",
        True,
    )
    cues = {c.family: c.text for c in analysis.claims[0].cues}
    assert cues["year"] == "2019" and cues["number"] == "200 adults"
    only_year = analyse("Title\n\nIn 2019 a trial [12] found a drop in colds.\n", False)
    assert "number" not in {c.family for c in only_year.claims[0].cues}


def test_every_kind_is_documented_in_the_readme() -> None:
    readme = (SAMPLES.parent / "README.md").read_text(encoding="utf-8")
    documented = readme.split('"kind": "efficacy",')[1].split('"score"')[0]
    assert set(KINDS) == set(re.findall(r"[a-z]+", documented))


def test_short_confident_claims_are_claims() -> None:
    analysis = analyse(
        "Acupuncture cures everything.\n\nCoffee cures cancer.\n\nIt works.\n", False
    )
    assert [c.text for c in analysis.claims] == [
        "Acupuncture cures everything.",
        "Coffee cures cancer.",
    ]
    assert "booster" in {f.code for f in analysis.claims[1].flags}


def test_a_claim_id_is_the_sha1_of_the_normalised_text_in_lower_case_base32() -> None:
    import base64
    import hashlib
    import random

    rng = random.Random(11)
    for _ in range(2000):
        text = "".join(rng.choices("ab cdé\tXY.1ﬁ", k=rng.randint(0, 30)))
        digest = hashlib.sha1(normalise(text).encode("utf-8")).digest()
        assert claim_id(text) == "c" + base64.b32encode(digest[:5]).decode("ascii").lower()
