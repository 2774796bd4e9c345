"""The review file's TOML writer writes exactly what tomli-w writes."""

from __future__ import annotations

import tomllib
from datetime import date

import tomli_w
from hypothesis import given
from hypothesis import strategies as st

from referee.review import tomlwrite

KEYS = st.from_regex(r"[a-z_][a-z0-9_-]{0,8}", fullmatch=True) | st.sampled_from(["a b", "é", ""])
# Text heavy in the characters that need escaping: quotes, backslashes, controls, CR, LF.
TEXT = st.text(
    st.sampled_from('ab "\\\n\r\t\x00\x1f\x7f\x08\x0c é😀') | st.characters(), max_size=30
)
SCALARS = TEXT | st.integers() | st.booleans() | st.dates()
VALUES = (
    SCALARS
    | st.lists(SCALARS, max_size=4)
    | st.lists(st.lists(TEXT, max_size=2), max_size=2)
    | st.dictionaries(KEYS, SCALARS, max_size=3)
    | st.floats(allow_nan=False)
)
TABLES = st.dictionaries(KEYS, VALUES, max_size=6)


@given(TABLES, st.booleans())
def test_a_table_is_written_as_tomli_w_writes_it(table, multiline) -> None:
    expected_multiline = multiline and not any("\r" in s for s in tomlwrite._strings(table))
    expected = tomli_w.dumps(table, multiline_strings=expected_multiline)
    assert tomlwrite.dump_table(table, multiline=multiline) == expected


@given(TEXT)
def test_a_string_is_written_as_tomli_w_writes_it_and_reads_back(value) -> None:
    written = tomlwrite.string(value)
    assert written == tomli_w.dumps({"v": value})[4:-1]
    assert tomllib.loads(f"v = {written}")["v"] == value


def test_a_note_keeps_its_lines_and_a_carriage_return_turns_lines_off() -> None:
    note = 'First "line"\nsecond \\ line\t'
    assert tomlwrite.dump_table({"note": note}, multiline=True) == (
        'note = """\nFirst \\"line\\"\nsecond \\\\ line\t"""\n'
    )
    crlf = {"note": "a\r\nb", "when": date(2026, 12, 7)}
    assert tomlwrite.dump_table(crlf, multiline=True) == 'note = "a\\r\\nb"\nwhen = 2026-12-07\n'
