"""Realistic web pages with known main text, for measuring ``referee fetch``'s extraction.

``bench/web_pages/articles/*.txt`` are hand-written news stories and blog posts: a header
(``title``, ``author``, ``date``, ``split``), a blank line, then the body in a small
Markdown subset (paragraphs, ``## `` subheadings, ``- ``/``1. `` items, ``> `` quotes).
The body and title are the ground truth: what a reviewer must get, nothing else.

``bench/web_pages/templates/*.html`` are page templates in the manner of seven kinds of
site (a tabloid news site, WordPress, a magazine CMS, a newsletter platform, an old
table-layout local paper, a blogging platform, a broadcaster's news site), each with its navigation, consent
banner, advertisements (between paragraphs too), share buttons, "read more" inserts,
related links, comments, author boxes and footer. The first line of a template is a
``<!--spec {...} -->`` comment: its split, how a paragraph is marked up, and the insert
placed after every N paragraphs.

Articles and templates each belong to ``dev`` or ``heldout``; a page is an article
rendered in a template of the same split, so held-out pages share neither text nor
markup with the pages looked at while building the extractor's settings.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).parent / "web_pages"
SHINGLE = 4
"""Word n-gram length of the shingles compared."""


@dataclass(frozen=True)
class Article:
    name: str
    title: str
    author: str
    date: str
    split: str
    body: str

    @property
    def truth(self) -> str:
        """The text a perfect extraction gives: the title and the body."""
        return self.title + "\n\n" + self.body


@dataclass(frozen=True)
class Template:
    name: str
    split: str
    paragraph: str
    insert_every: int
    insert: str
    page: str

    @property
    def legacy(self) -> bool:
        """Declares ISO-8859-1 (served as Windows-1252 bytes, as such sites are)."""
        return "charset=iso-8859-1" in self.page.lower()


def articles() -> list[Article]:
    found = []
    for path in sorted((ROOT / "articles").glob("*.txt")):
        head, _, body = path.read_text(encoding="utf-8").partition("\n\n")
        meta = dict(line.split(": ", 1) for line in head.splitlines())
        found.append(
            Article(
                path.stem, meta["title"], meta["author"], meta["date"], meta["split"], body.strip()
            )
        )
    return found


def templates() -> list[Template]:
    found = []
    for path in sorted((ROOT / "templates").glob("*.html")):
        text = path.read_text(encoding="utf-8")
        first, _, page = text.partition("\n")
        spec = json.loads(re.fullmatch(r"<!--spec (.*) -->", first).group(1))
        found.append(
            Template(
                path.stem, spec["split"], spec["p"], spec["insert_every"], spec["insert"], page
            )
        )
    return found


def _inline(text: str) -> str:
    return html.escape(text, quote=False)


def body_html(article: Article, template: Template) -> str:
    """The article's body in the template's markup, with its inserts."""
    out: list[str] = []
    items: list[str] = []
    list_tag = ""
    paragraphs = 0

    def close_list() -> None:
        nonlocal list_tag
        if items:
            out.append(f"<{list_tag}>" + "".join(f"<li>{i}</li>" for i in items) + f"</{list_tag}>")
            items.clear()
        list_tag = ""

    for block in article.body.split("\n\n"):
        for line in block.split("\n"):
            line = line.strip()
            if line.startswith(("- ", "1. ", "2. ", "3. ", "4. ", "5. ")):
                tag = "ul" if line.startswith("- ") else "ol"
                if list_tag and tag != list_tag:
                    close_list()
                list_tag = tag
                items.append(_inline(line.split(" ", 1)[1]))
                continue
            close_list()
            if line.startswith("## "):
                out.append(f"<h2>{_inline(line[3:])}</h2>")
            elif line.startswith("> "):
                out.append(f"<blockquote><p>{_inline(line[2:])}</p></blockquote>")
            elif line:
                out.append(template.paragraph.format(_inline(line)))
                paragraphs += 1
                if template.insert_every and paragraphs % template.insert_every == 0:
                    out.append(template.insert)
        close_list()
    return "\n".join(out)


def render(article: Article, template: Template) -> tuple[bytes, str]:
    """The page's bytes and its Content-Type."""
    day = date.fromisoformat(article.date)
    values = {
        "{{TITLE}}": html.escape(article.title),
        "{{AUTHOR}}": html.escape(article.author),
        "{{DATE}}": article.date,
        "{{DATE_HUMAN}}": f"{day.day} {day:%B %Y}",
        "{{BODY}}": body_html(article, template),
    }
    page = template.page
    for key, value in values.items():
        page = page.replace(key, value)
    if template.legacy:
        return page.encode("cp1252", "xmlcharrefreplace"), "text/html"
    return page.encode("utf-8"), "text/html; charset=utf-8"


def pages(split: str) -> list[tuple[str, Article, Template]]:
    """Every (name, article, template) of ``split``."""
    return [
        (f"{t.name}--{a.name}", a, t)
        for t in templates()
        if t.split == split
        for a in articles()
        if a.split == split
    ]


def shingles(text: str, size: int = SHINGLE) -> Counter[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return Counter(tuple(words[i : i + size]) for i in range(max(0, len(words) - size + 1)))


def shingle_f1(extracted: str, truth: str) -> tuple[float, float, float]:
    """Precision, recall and F1 of the extracted text's word shingles (multisets)."""
    got, want = shingles(extracted), shingles(truth)
    common = sum((got & want).values())
    if not common:
        return 0.0, 0.0, 0.0
    precision = common / sum(got.values())
    recall = common / sum(want.values())
    return precision, recall, 2 * precision * recall / (precision + recall)
