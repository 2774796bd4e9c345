"""A generated health article of any size, for the benchmarks.

Deterministic (seeded), Markdown, with headings, paragraphs, bullet lists,
numeric and author-year citations, abbreviations, numbers and a reference
list, so every stage of extraction has real work to do.
"""

from __future__ import annotations

import random

SUBJECTS = [
    "Acupuncture",
    "Vitamin D",
    "Intermittent fasting",
    "Turmeric",
    "Green tea extract",
    "Cold-water swimming",
    "Probiotic yoghurt",
    "Melatonin",
    "Fish oil",
    "Mindfulness training",
]
CONDITIONS = [
    "migraine",
    "type 2 diabetes",
    "knee osteoarthritis",
    "insomnia",
    "depression",
    "high blood pressure",
    "irritable bowel syndrome",
    "asthma",
    "chronic fatigue",
    "eczema",
]
SENTENCES = [
    "{s} has shown promise in the treatment of {c}.",
    "A 2019 trial of {n} adults found that {s_l} reduced symptoms of {c} by {p}% [{r}].",
    "Several clinical trials and patient reports suggest that {s_l} may relieve {c}.",
    "{s} is completely safe and has no side effects, according to its supporters.",
    "Many patients experience an improvement in {c} after only {w} weeks.",
    "In a study in mice, {s_l} lowered markers of inflammation (Smith et al., 2018).",
    "Dr. Lee, who led the trial, said the effect was approx. {p}% larger than placebo.",
    "Researchers at the university reported that {s_l} cures {c} in most cases.",
    "It is believed that {s_l} works by regulating the immune system, e.g. by lowering IL-6.",
    "However, a meta-analysis of {n} studies found no clear benefit for {c} [{r}, {r2}].",
    "Is {s_l} right for you?",
    "Talk to your doctor before you try {s_l}.",
    "The U.S. guidelines do not yet recommend {s_l} for {c}.",
    "Levels fell from 7.2 to 6.4 mmol/l over {w} weeks (Garcia & Osei, 2021).",
    "{s} was associated with lower rates of {c} in a cohort of {n} people.",
]


def generate_article(target_chars: int = 1_000_000, seed: int = 7, n_refs: int = 300) -> str:
    rng = random.Random(seed)
    parts = ["# A Generated Review of Popular Remedies\n\n"]
    size = len(parts[0])
    section = 0
    while size < target_chars:
        if rng.random() < 0.08:
            section += 1
            chunk = f"## Section {section}: {rng.choice(SUBJECTS)} and {rng.choice(CONDITIONS)}\n\n"
        elif rng.random() < 0.15:
            items = [_sentence(rng, n_refs) for _ in range(rng.randint(2, 5))]
            chunk = "".join(f"- {item}\n" for item in items) + "\n"
        else:
            sentences = [_sentence(rng, n_refs) for _ in range(rng.randint(3, 7))]
            chunk = _wrap(" ".join(sentences)) + "\n\n"
        parts.append(chunk)
        size += len(chunk)
    parts.append("## References\n\n")
    for i in range(1, n_refs + 1):
        surname = rng.choice(["Zhang", "Smith", "Garcia", "Osei", "Müller", "Lee", "Kowalski"])
        year = rng.randint(1995, 2025)
        parts.append(
            f"{i}. {surname} A, Brown B, Clark C. {rng.choice(SUBJECTS)} for "
            f"{rng.choice(CONDITIONS)}: a randomised trial. J Clin Med. {year};"
            f"{rng.randint(1, 60)}({rng.randint(1, 12)}):{rng.randint(1, 900)}-{rng.randint(901, 999)}. "
            f"doi:10.{rng.randint(1000, 9999)}/jcm.{year}.{i:04d}\n"
        )
    return "".join(parts)


def _sentence(rng: random.Random, n_refs: int) -> str:
    subject = rng.choice(SUBJECTS)
    r = rng.randint(1, n_refs)
    return rng.choice(SENTENCES).format(
        s=subject,
        s_l=subject.lower(),
        c=rng.choice(CONDITIONS),
        n=rng.randint(12, 4000),
        p=rng.randint(5, 80),
        w=rng.randint(2, 16),
        r=r,
        r2=min(n_refs, r + rng.randint(1, 5)),
    )


def _wrap(paragraph: str, width: int = 78) -> str:
    lines, line = [], ""
    for word in paragraph.split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return "\n".join(lines)
