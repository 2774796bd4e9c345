"""TOML text for the review file: exactly what tomli-w writes, faster for flat tables.

A review file is a thousand small flat tables whose values are mostly strings. tomli-w
formats every string one character at a time; here the characters that need escaping
are found by one regular expression and escaped as tomli-w escapes them. Anything else
(nested tables, arrays of tables, other types) is handed to tomli-w itself, so the bytes
are tomli-w's in every case (tests/test_tomlwrite.py compares the two).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

# tomli-w escapes '"', '\\' and the ASCII control characters except tab...
_ESCAPED = re.compile(r'["\\\x00-\x08\x0a-\x1f\x7f]')
# ...and in a multi-line string writes a line feed as it is.
_ESCAPED_IN_LINES = re.compile(r'["\\\x00-\x08\x0b-\x1f\x7f]')
_COMPACT = {"\b": "\\b", "\n": "\\n", "\f": "\\f", "\r": "\\r", '"': '\\"', "\\": "\\\\"}
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_INDENT = "    "


def dump_table(table: dict[str, Any], *, multiline: bool) -> str:
    """``tomli_w.dumps(table, multiline_strings=multiline)``, except that a value with a
    carriage return turns multi-line strings off (tomli-w would write a CR LF inside a
    multi-line string as LF)."""
    multiline = multiline and not any("\r" in s for s in _strings(table))
    lines = []
    for key, value in table.items():
        text = _literal(value, multiline) if _BARE_KEY.fullmatch(key) else None
        if text is None:  # rare (keys that need quoting): tomli-w itself, imported only then
            import tomli_w

            return tomli_w.dumps(table, multiline_strings=multiline)
        lines.append(f"{key} = {text}\n")
    return "".join(lines)


def string(value: str) -> str:
    """One TOML basic string on one line, as tomli-w writes it."""
    return f'"{_ESCAPED.sub(_escape, value)}"'


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return _COMPACT.get(char) or f"\\u{ord(char):04x}"


def _literal(value: Any, multiline: bool, indent: str = "") -> str | None:
    """The value as tomli-w formats it, or None where tomli-w is left to do it."""
    if isinstance(value, str):
        if multiline and "\n" in value:
            return f'"""\n{_ESCAPED_IN_LINES.sub(_escape, value)}"""'
        return string(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, date)):  # a datetime is a date: str() as tomli-w does
        return str(value)
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        inner = indent + _INDENT
        items = []
        for item in value:
            if not isinstance(item, (str, bool, int, date)):
                return None  # nested arrays, tables: tomli-w's layout
            text = _literal(item, multiline, inner)
            if text is None:
                return None
            items.append(inner + text)
        return "[\n" + ",\n".join(items) + f",\n{indent}]"
    return None


def _strings(value: Any):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item)
