"""Token labels for the working half of the hand-written dev sets, to train on.

    .venv/bin/python tools/refdev_labels.py [--out data/refdev/dev-labelled.xml]

The dev sets (``data/refdev/*.jsonl``) give the true authors, year, title, container
and DOI of each reference, not a label for every token. This writes them as AnyStyle
sequences (the format of ``data/anystyle/``): every token first gets the shipped
model's label, then the true fields override it where they lie (the title's and the
container's spans, the DOI, the year's token, and before the title and the date, the
authors); a token the model took for title or container outside the true spans becomes
a note (a report number, a series) or, after the title of a book with nothing else
between, its publisher. Only the ``dev`` half is written; the held-out half never is.
The output was read through and the model's few wrong labels outside the true fields
are corrected by :data:`CORRECTIONS`; the file is data, not rebuilt on training.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parent))
import refeval

from referee.text.reference_tagger import tag, tokenize

OUT = refeval.DEV_DIR / "dev-labelled.xml"
_MONTH_OR_DAY = re.compile(r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|\d{1,2})[;.]?")
TAGS = {
    "container": "container-title",
    "collection": "collection-title",
    "number": "citation-number",
}
"""Our labels -> AnyStyle's tags, where they differ."""

CORRECTIONS = [
    # (wrong, right) in the written XML: the model's labels outside the true fields.
    (
        "<publisher>IEEE Std</publisher>\n    <date>754-2019, 2019,</date>",
        "<note>IEEE Std 754-2019,</note>\n    <date>2019,</date>",
    ),
    ("and A. A.</author>\n    <note>Firsov,</note>", "and A. A. Firsov,</author>"),
    ("and A. K.</author>\n    <note>Geim,</note>", "and A. K. Geim,</author>"),
    (
        "<pages>pp.</pages>\n    <date>1735–1780, 1997,</date>",
        "<pages>pp. 1735–1780,</pages>\n    <date>1997,</date>",
    ),
    (
        "<translator>translated by Stephen Heath, Hill and Wang,</translator>",
        "<translator>translated by Stephen Heath,</translator>\n    <publisher>Hill and Wang,</publisher>",
    ),
    (
        "<editor>In: Jameson JL, Fauci AS, Kasper DL, Hauser SL, Longo DL,</editor>\n"
        "    <note>Loscalzo J,</note>\n    <editor>eds.</editor>",
        "<editor>In: Jameson JL, Fauci AS, Kasper DL, Hauser SL, Longo DL, Loscalzo J, eds.</editor>",
    ),
    ("<note>McGraw-Hill Education;</note>", "<publisher>McGraw-Hill Education;</publisher>"),
    (
        "<note>Rio de Janeiro: Paz e Terra,</note>",
        "<location>Rio de Janeiro:</location>\n    <publisher>Paz e Terra,</publisher>",
    ),
    ("<pages>arXiv:1412.6980.</pages>", "<note>arXiv:1412.6980.</note>"),
    (
        "<note>Faculté des sciences de Paris, PhD dissertation.</note>",
        "<publisher>Faculté des sciences de Paris,</publisher>\n    <genre>PhD dissertation.</genre>",
    ),
    (
        "<translator>Translated by Alan</translator>\n    <publisher>Sheridan, Vintage Books,</publisher>",
        "<translator>Translated by Alan Sheridan,</translator>\n    <publisher>Vintage Books,</publisher>",
    ),
    (
        "<editor>edited by Cary Nelson and Lawrence Grossberg, U of Illinois P,</editor>",
        "<editor>edited by Cary Nelson and Lawrence Grossberg,</editor>\n    <publisher>U of Illinois P,</publisher>",
    ),
    ("<pages>GAO-21-519SP.</pages>", "<note>GAO-21-519SP.</note>"),
    ("<note>Santiago, Chile,</note>", "<location>Santiago, Chile,</location>"),
    (
        "<publisher>American Mathematical Society, Providence</publisher>",
        "<publisher>American Mathematical Society,</publisher>\n    <location>Providence</location>",
    ),
]


def _span(raw: str, value: str | None, start: int = 0) -> tuple[int, int] | None:
    if not value:
        return None
    at = raw.find(value, start)
    if at < 0:
        at = raw.lower().find(value.lower(), start)
    return (at, at + len(value)) if at >= 0 else None


def labelled(row: dict) -> list[tuple[str, str]]:
    raw = row["raw"]
    spans = tokenize(raw)
    tokens = [raw[s:e] for s, e in spans]
    labels = list(tag(tokens))
    title = _span(raw, row.get("title"))
    container = _span(raw, row.get("container"), title[1] if title else 0)
    doi = _span(raw, row.get("doi"))

    def inside(span: tuple[int, int] | None, s: int, e: int) -> bool:
        return span is not None and s < span[1] and e > span[0]

    year_token = None
    if row.get("year"):
        for i, (s, e) in enumerate(spans):
            if row["year"] in tokens[i] and not inside(title, s, e) and not inside(container, s, e):
                year_token = i
                break
    for i, (s, e) in enumerate(spans):
        if inside(title, s, e):
            labels[i] = "title"
        elif inside(container, s, e):
            labels[i] = "journal" if row["type"] == "journal article" else "container"
        elif inside(doi, s, e):
            labels[i] = "doi"
        elif i == year_token and labels[i] != "date":
            labels[i] = "date"
        elif labels[i] in ("title", "journal", "container"):
            labels[i] = "note"
    if year_token is not None and labels[year_token] == "date":
        # "2003 Sep 6;327(7414)": the date runs to the semicolon.
        for i in range(year_token, min(year_token + 3, len(tokens) - 1)):
            if tokens[i].endswith(";"):
                break
            if not _MONTH_OR_DAY.fullmatch(tokens[i + 1]) or inside(title, *spans[i + 1]):
                break
            labels[i + 1] = "date"
    if row.get("authors") and title:
        first = min(title[0], spans[year_token][0] if year_token is not None else title[0])
        for i, (_s, e) in enumerate(spans):
            if e <= first and labels[i] not in ("number",):
                labels[i] = "author"
    for i, token in enumerate(tokens):
        # A quotation mark standing alone beside the title belongs to it; no author
        # comes after the title.
        near = (i and labels[i - 1] == "title") or (
            i + 1 < len(labels) and labels[i + 1] == "title"
        )
        if near and not any(c.isalnum() for c in token):
            labels[i] = "title"
        elif title and spans[i][0] >= title[1] and labels[i] == "author":
            labels[i] = labels[i - 1]
    # A book's publisher right after its title, which the model took for the title.
    if title and row["type"] in ("book", "report") and "publisher" not in labels:
        after = [i for i, (s, _e) in enumerate(spans) if s >= title[1]]
        run = []
        for i in after:
            if labels[i] != "note" or re.match(r"https?:|www\.", tokens[i]):
                break
            run.append(i)
        if run and len(run) <= 4 and not re.search(r"\d", " ".join(tokens[i] for i in run)):
            for i in run:
                labels[i] = "publisher"
    out: list[tuple[str, str]] = []
    for label, token in zip(labels, tokens, strict=True):
        if out and out[-1][0] == label:
            out[-1] = (label, f"{out[-1][1]} {token}")
        else:
            out.append((label, token))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', "<dataset>"]
    for name in refeval.DEV_FILES:
        for line in (refeval.DEV_DIR / name).read_text(encoding="utf-8").splitlines():
            row = json.loads(line) if line.strip() else None
            if not row or row["split"] != "dev":
                continue
            lines.append("  <sequence>")
            for label, text in labelled(row):
                tag_name = TAGS.get(label, label)
                lines.append(f"    <{tag_name}>{escape(text)}</{tag_name}>")
            lines.append("  </sequence>")
    lines.append("</dataset>")
    text = "\n".join(lines) + "\n"
    for wrong, right in CORRECTIONS:
        if wrong not in text:
            print(f"correction not applied: {wrong[:60]!r}")
        text = text.replace(wrong, right)
    args.out.write_text(text, encoding="utf-8")
    print(f"{args.out}: {sum(1 for x in lines if x == '  <sequence>')} references")


if __name__ == "__main__":
    main()
