"""Scoring the reference parser: gold entries, the four list layouts, per-field accuracy.

Shared by ``tools/eval_refparser.py`` (which prints the tables) and the tests. A gold
entry is its raw string and its true fields; an article is made of a list of them in
one layout, analysed as a reader's article would be, and every gold entry is looked up
among the references found (exact raw string, whitespace normalised). An entry that
was not found scores zero on every field.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import anystyle_data

from referee.text.analysis import analyse
from referee.text.identifiers import normalise_doi
from referee.text.reference_fields import clean_container, clean_title, year_of
from referee.text.reference_names import family_names

ROOT = Path(__file__).resolve().parent.parent
DEV_DIR = ROOT / "data" / "refdev"
DEV_FILES = ("references.jsonl", "more-styles.jsonl")
"""The hand-written sets: the first one, and a second widening the styles (MLA, MHRA,
Vancouver, AMA, Nature, ACS, Springer, ABNT, legal and government, corporate authors)."""
LAYOUTS = ("[n]", "n.", "lines", "blank")
"""``[1] …``; ``1. …``; unnumbered one per line; unnumbered with blank lines between."""
FIELDS = ("entry", "first_author", "year", "title", "container", "doi", "type")
TARGETS = {
    "entry": 0.98,
    "first_author": 0.95,
    "year": 0.97,
    "title": 0.92,
    "container": 0.88,
    "doi": 0.99,
}
PER_ARTICLE = 25
"""Entries per generated reference list."""


@dataclass
class Gold:
    raw: str
    style: str
    first_author: str | None = None
    year: str | None = None
    title: str | None = None
    container: str | None = None
    doi: str | None = None
    type: str | None = None
    extra: dict = field(default_factory=dict)


def norm(value: str | None) -> str:
    """Compared case-blind on letters and digits only (quotes, dashes, accents aside)."""
    if not value:
        return ""
    value = unicodedata.normalize("NFKD", value)
    return "".join(c for c in value.casefold() if c.isalnum())


# --- Gold from AnyStyle's labelled sequences ---------------------------------------------


def _style(sequence: anystyle_data.Sequence) -> str:
    """A style family read off the gold labels (AnyStyle's data names no styles)."""
    labels = [label for label, _ in sequence if label != "citation-number"]
    texts = dict(sequence)
    if any(re.search(r"(?:1[5-9]|20)\d\d[a-z]?\s*;", t) for _, t in sequence):
        return "vancouver"
    if "title" not in labels:
        return "physics (no title)"
    if texts["title"][:1] in "\"“‘'«":
        return "quoted title (IEEE, MLA, Chicago notes)"
    if (
        "date" in labels
        and "author" in labels
        and labels.index("date") == labels.index("author") + 1
    ):
        return "author-date (APA, Harvard, Chicago)"
    return "date late (Chicago, humanities, physics)"


def anystyle_gold(sequence: anystyle_data.Sequence) -> Gold:
    parts: dict[str, list[str]] = defaultdict(list)
    for label, text in sequence:
        parts[label].append(text)
    raw = " ".join(text for label, text in sequence if label != "citation-number")
    authors = family_names(", ".join(parts["author"])) if parts["author"] else ()
    year = year_of(parts["date"]) if parts["date"] else None
    if year is None and parts["volume"]:
        match = re.search(r"(?:1[5-9]|20)\d\d(?=[a-z]?\s*;)", " ".join(parts["volume"]))
        year = match.group() if match else None
    container = parts["journal"] or parts["container-title"]
    doi = None
    if parts["doi"]:  # the key DOIs are compared by (typographic hyphens, brackets, case)
        doi = normalise_doi(parts["doi"][0])
    return Gold(
        raw=raw,
        style=_style(sequence),
        first_author=authors[0] if authors else None,
        year=year,
        title=clean_title(parts["title"][0]) if parts["title"] else None,
        container=clean_container(container[0]) if container else None,
        doi=doi,
    )


def held_out() -> list[Gold]:
    """The AnyStyle held-out split (every 10th entry of good.xml)."""
    _, sequences = anystyle_data.split()
    return [anystyle_gold(s) for s in sequences]


def dev(part: str, files: tuple[str, ...] = DEV_FILES) -> list[Gold]:
    """The hand-labelled dev sets (``data/refdev``): ``part`` is ``dev`` or ``held_out``."""
    lines = [
        line for name in files for line in (DEV_DIR / name).read_text(encoding="utf-8").splitlines()
    ]
    gold = []
    for line in lines:
        if not line.strip():
            continue
        row = json.loads(line)
        if row["split"] != part:
            continue
        gold.append(
            Gold(
                raw=row["raw"],
                style=row["style"],
                first_author=(row.get("authors") or [None])[0],
                year=row.get("year"),
                title=row.get("title"),
                container=row.get("container"),
                doi=normalise_doi(row.get("doi")),
                type=row.get("type"),
            )
        )
    return gold


# --- Layouts and scoring ---------------------------------------------------------------------


def render(entries: list[Gold], layout: str) -> str:
    """An article whose reference list holds ``entries`` in ``layout``."""
    head = "Title of the article\n\nA paragraph of prose that cites nothing in particular.\n\nReferences\n\n"
    if layout == "[n]":
        body = "\n".join(f"[{i}] {g.raw}" for i, g in enumerate(entries, 1))
    elif layout == "n.":
        body = "\n".join(f"{i}. {g.raw}" for i, g in enumerate(entries, 1))
    elif layout == "lines":
        body = "\n".join(g.raw for g in entries)
    else:
        body = "\n\n".join(g.raw for g in entries)
    return head + body + "\n"


def _matches(field_name: str, gold: Gold, ref) -> bool | None:  # type: ignore[no-untyped-def]
    """Whether ``ref`` gets the field right; None when the gold has no value for it."""
    if field_name == "first_author":
        if gold.first_author is None:
            return None
        return bool(ref and ref.authors) and norm(ref.authors[0]) == norm(gold.first_author)
    want = getattr(gold, field_name)
    if want is None:
        return None
    got = getattr(ref, field_name, None) if ref else None
    if field_name == "doi":
        return normalise_doi(got) == want
    if field_name == "type":
        return got == want
    if field_name == "year":
        return bool(got) and got[:4] == want[:4]
    return norm(got) == norm(want)


@dataclass
class Score:
    right: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    total: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def add(self, name: str, ok: bool | None) -> None:
        if ok is None:
            return
        self.total[name] += 1
        self.right[name] += bool(ok)

    def rate(self, name: str) -> float | None:
        return self.right[name] / self.total[name] if self.total[name] else None


def evaluate(gold: list[Gold], layouts=LAYOUTS, markdown: bool = False):  # type: ignore[no-untyped-def]
    """Scores overall, by layout and by style; and the misses, for reading."""
    overall, by_layout, by_style = Score(), defaultdict(Score), defaultdict(Score)
    misses: list[tuple[str, str, Gold, object]] = []
    for layout in layouts:
        for start in range(0, len(gold), PER_ARTICLE):
            chunk = gold[start : start + PER_ARTICLE]
            found = {
                " ".join(r.raw.split()): r
                for r in analyse(render(chunk, layout), markdown).references
            }
            for g in chunk:
                ref = found.get(" ".join(g.raw.split()))
                for name in FIELDS:
                    ok = ref is not None if name == "entry" else _matches(name, g, ref)
                    for score in (overall, by_layout[layout], by_style[g.style]):
                        score.add(name, ok)
                    if ok is False and layout == layouts[0]:
                        misses.append((name, layout, g, ref))
    return overall, by_layout, by_style, misses
