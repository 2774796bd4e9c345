"""What an article says about itself in its front matter: url, title, author, date.

``referee fetch`` writes fetched articles as Markdown that opens with YAML front
matter (``---`` lines); Hugo-style TOML front matter (``+++`` lines) is read too.
Only flat ``key: value`` scalars are read from YAML (plain, single- or
double-quoted), which is all the front matter referee writes; anything else in
the block is ignored, never an error.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass

FIELDS = ("url", "final_url", "title", "author", "date", "site")

_YAML = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_TOML = re.compile(r"\A\+\+\+[ \t]*\n(.*?\n)?\+\+\+[ \t]*(?:\n|\Z)", re.S)
_KEY = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*?)[ \t]*$", re.M)


@dataclass(frozen=True, slots=True)
class ArticleMeta:
    url: str | None = None
    title: str | None = None
    author: str | None = None
    date: str | None = None
    site: str | None = None
    end: int = 0
    """Where the front matter ends in the canonical text (0 when there is none)."""


def _yaml_scalar(raw: str) -> str | None:
    if not raw or raw[0] in "[{|>&*!":
        return None  # lists, maps, block scalars, anchors: not a plain value
    if raw[0] == '"':
        try:
            value = json.loads(raw)
        except ValueError:
            return None
        return value if isinstance(value, str) else None
    if raw[0] == "'":
        if len(raw) < 2 or not raw.endswith("'"):
            return None
        return raw[1:-1].replace("''", "'")
    return re.sub(r"[ \t]+#.*$", "", raw)  # a trailing comment


def read_meta(text: str) -> ArticleMeta:
    """The front matter fields of the canonical ``text`` (all None when there are none)."""
    values: dict[str, str] = {}
    match = _YAML.match(text)
    if match:
        for key, raw in _KEY.findall(match.group(1) or ""):
            value = _yaml_scalar(raw)
            if key in FIELDS and value:
                values.setdefault(key, value)
    else:
        match = _TOML.match(text)
        if match:
            try:
                data = tomllib.loads(match.group(1) or "")
            except tomllib.TOMLDecodeError:
                data = {}
            for key in FIELDS:
                value = data.get(key)
                if isinstance(value, str | int | float) and str(value):
                    values[key] = str(value)
                elif hasattr(value, "isoformat"):
                    values[key] = value.isoformat()
    if not match:
        return ArticleMeta()
    return ArticleMeta(
        url=values.get("url") or values.get("final_url"),
        title=values.get("title"),
        author=values.get("author"),
        date=values.get("date"),
        site=values.get("site"),
        end=match.end(),
    )
