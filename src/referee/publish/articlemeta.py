"""What an article says about itself in its front matter: url, title, author, date.

``referee fetch`` writes fetched articles as Markdown that opens with YAML front
matter; Hugo-style TOML front matter is read too. The block is found and read by
:mod:`referee.text.front_matter`; this module picks what an export names.
"""

from __future__ import annotations

from dataclasses import dataclass

from referee.text import front_matter


@dataclass(frozen=True, slots=True)
class ArticleMeta:
    url: str | None = None
    title: str | None = None
    author: str | None = None
    date: str | None = None
    site: str | None = None
    end: int = 0
    """Where the article's body begins in the canonical text (0 without front matter)."""


def read_meta(text: str) -> ArticleMeta:
    """The front matter fields of the canonical ``text`` (all None when there are none)."""
    found = front_matter.parse(text)
    if found is None:
        return ArticleMeta()
    values = {k: v.strip() for k, v in found.values.items() if isinstance(v, str) and v.strip()}
    return ArticleMeta(
        url=values.get("url") or values.get("final_url"),
        title=values.get("title"),
        author=values.get("author"),
        date=values.get("date"),
        site=values.get("site"),
        end=found.body,
    )
