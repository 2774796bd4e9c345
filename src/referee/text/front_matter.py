"""Front matter: a ``---`` YAML or ``+++`` TOML block at the very top of an article.

It is metadata (title, author, the URL a page was fetched from …), never prose: the
structure parser makes it one ``front_matter`` block, so no sentence, claim, citation or
reference comes from it. This module finds its span, reads its ``key: value`` pairs and
writes the YAML front matter of a fetched page.

The reader is deliberately small, not a YAML parser: top-level ``key: value`` lines with
plain, single- or double-quoted scalars (what :func:`render` writes and what most tools
write). Lines it does not understand (nested maps, list items, comments) are skipped, so
any front matter can be read without an error; TOML front matter is read with
:mod:`tomllib` and only its top-level strings, numbers and dates are kept.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

YAML = "yaml"
TOML = "toml"
_DELIMITERS = {"---": YAML, "+++": TOML}
MAX_LINES = 400
"""Longest front matter looked for: a block left open is not front matter."""

_DELIMITER_LINE = re.compile(r"(---|\+\+\+)[ \t]*(?:\n|$)")
_YAML_KEY = re.compile(r"[A-Za-z_][\w.-]*[ \t]*:(?:[ \t]|$)")
_TOML_KEY = re.compile(r"(?:[A-Za-z0-9_-]+|\"[^\"\n]*\"|'[^'\n]*')[ \t]*=|\[")
_YAML_PAIR = re.compile(r"([A-Za-z_][\w.-]*)[ \t]*:(?:[ \t]+(.*?))?[ \t]*$")


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """A front-matter block: ``text[start:end]`` runs from the opening delimiter to the end
    of the closing one (its newline excluded); ``body`` is where the article begins."""

    kind: str
    """``yaml`` or ``toml``."""
    start: int
    end: int
    body: int
    values: dict[str, str] = field(default_factory=dict)
    """Top-level scalar values, as strings."""


def span(text: str) -> tuple[int, int] | None:
    """The span of the front matter at the top of ``text``, or None.

    The first line is ``---`` or ``+++`` (trailing blanks allowed), a line with the same
    delimiter closes it (``...`` also closes YAML) within :data:`MAX_LINES`, and the first
    non-blank line inside looks like a key (``key:`` for YAML, ``key =`` or ``[table]``
    for TOML): a text that merely starts with a rule is not front matter.
    """
    if not text.startswith(("---", "+++")):
        return None
    opening = _DELIMITER_LINE.match(text)
    if opening is None:
        return None
    delimiter = opening.group(1)
    closers = (delimiter, "...") if delimiter == "---" else (delimiter,)
    pos = opening.end()
    if pos >= len(text):
        return None
    first_content = True
    for _ in range(MAX_LINES):
        nl = text.find("\n", pos)
        line_end = len(text) if nl == -1 else nl
        line = text[pos:line_end]
        if line.rstrip(" \t") in closers:
            return (0, line_end) if not first_content else None
        if first_content and line.strip():
            key = _YAML_KEY if delimiter == "---" else _TOML_KEY
            if not key.match(line):
                return None
            first_content = False
        if nl == -1:
            return None
        pos = nl + 1
    return None


def parse(text: str) -> FrontMatter | None:
    """The front matter at the top of ``text`` with its values, or None."""
    found = span(text)
    if found is None:
        return None
    start, end = found
    kind = _DELIMITERS[text[:3]]
    inner_start = text.find("\n") + 1
    inner_end = text.rfind("\n", 0, end) + 1
    inner = text[inner_start:inner_end]
    values = _read_toml(inner) if kind == TOML else _read_yaml(inner)
    body = end + 1 if end < len(text) else end
    return FrontMatter(kind, start, end, body, values)


def _read_yaml(inner: str) -> dict[str, str]:
    values: dict[str, str] = {}
    for line in inner.split("\n"):
        match = _YAML_PAIR.match(line)
        if match is None:
            continue
        raw = (match.group(2) or "").strip()
        value = _yaml_scalar(raw)
        if value is not None:
            values[match.group(1)] = value
    return values


def _yaml_scalar(raw: str) -> str | None:
    """A plain or quoted scalar on one line; None for what is not one (``|``, ``{``)."""
    if raw.startswith('"'):
        try:
            value = json.loads(raw)
        except ValueError:
            closing = raw.rfind('"')
            return raw[1:closing] if closing > 0 else None
        return value if isinstance(value, str) else None
    if raw.startswith("'"):
        closing = raw.rfind("'")
        return raw[1:closing].replace("''", "'") if closing > 0 else None
    if raw.startswith(("|", ">", "{", "&", "*", "!")):
        return None
    comment = re.search(r"[ \t]#", raw)
    return (raw[: comment.start()] if comment else raw).strip()


def _read_toml(inner: str) -> dict[str, str]:
    import tomllib

    try:
        data = tomllib.loads(inner)
    except tomllib.TOMLDecodeError:
        return {}
    values: dict[str, str] = {}
    for key, value in data.items():
        if isinstance(value, bool):
            values[key] = "true" if value else "false"
        elif not isinstance(value, dict | list):
            values[key] = value if isinstance(value, str) else str(value)
    return values


def yaml_value(value: str | int) -> str:
    """A YAML scalar for ``value``: integers bare, strings double-quoted (a JSON string is
    always a valid YAML double-quoted scalar and reads back exactly)."""
    if isinstance(value, bool) or not isinstance(value, int):
        return json.dumps(str(value), ensure_ascii=False)
    return str(value)


def render(values: Mapping[str, str | int | None]) -> str:
    """YAML front matter for ``values`` in their order, None values left out; ends with a
    newline after the closing ``---``."""
    lines = [f"{key}: {yaml_value(value)}" for key, value in values.items() if value is not None]
    return "---\n" + "".join(line + "\n" for line in lines) + "---\n"
