"""Loading: encodings, BOMs, newlines, and every way a path can be bad."""

from __future__ import annotations

import codecs
import subprocess
from pathlib import Path

import pytest

from referee.errors import RefereeError
from referee.text.article import decode, git_blob_sha, load, normalise_newlines

TEXT = "Café “quoted” — 2 µg.\nSecond line.\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("utf-16"), "utf-16"),  # carries a BOM
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16"),
    ],
)
def test_unicode_encodings_decode_to_the_same_canonical_text(data: bytes, encoding: str) -> None:
    text, found, warnings = decode(data)
    assert text == TEXT
    assert found == encoding
    assert warnings == ()
    assert not text.startswith("\ufeff")


def test_legacy_8bit_decodes_with_a_warning() -> None:
    data = "Café naïve – “smart” 50%".encode("cp1252")
    text, encoding, warnings = decode(data, "post.txt")
    assert text == "Café naïve – “smart” 50%"
    assert encoding == "cp1252"
    assert len(warnings) == 1 and "post.txt" in warnings[0] and "UTF-8" in warnings[0]


def test_latin1_bytes_undefined_in_cp1252_still_decode() -> None:
    text, _, warnings = decode(b"caf\xe9 \x81 ok")
    assert text.startswith("café") and warnings


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("a\r\nb\r\n", "a\nb\n"),
        ("a\rb\r", "a\nb\n"),
        ("a\r\n\r\nb\rc\n", "a\n\nb\nc\n"),
        ("no newline", "no newline"),
    ],
)
def test_newlines_are_normalised(raw: str, canonical: str) -> None:
    assert normalise_newlines(raw) == canonical
    assert decode(raw.encode())[0] == canonical


def test_blob_sha_matches_git(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    data = codecs.BOM_UTF8 + b"x\r\ny\n"
    path.write_bytes(data)
    expected = subprocess.run(
        ["git", "hash-object", str(path)], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert git_blob_sha(data) == expected
    assert load(path).blob_sha == expected


def test_load_marks_markdown_by_suffix(tmp_path: Path) -> None:
    for name, markdown in (("a.md", True), ("a.markdown", True), ("a.txt", False), ("a", False)):
        path = tmp_path / name
        path.write_text("Hello.")
        assert load(path).markdown is markdown


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d, "is a directory"),
        (lambda d: d / "missing.md", "no such file"),
        (lambda d: _write(d / "image.md", bytes(range(256)) * 4), "binary"),
        (lambda d: _write(d / "nul.txt", b"text\x00with nul " * 20), "binary"),
        (lambda d: _write(d / "bad16.txt", codecs.BOM_UTF16_LE + b"\x00\xd8"), "invalid UTF-16"),
    ],
)
def test_bad_paths_raise_one_clear_error(tmp_path: Path, make, message: str) -> None:
    with pytest.raises(RefereeError, match=message) as info:
        load(make(tmp_path))
    assert "\n" not in str(info.value)


def test_a_nul_past_the_sniffed_start_is_refused_whatever_the_encoding(tmp_path: Path) -> None:
    body = b"word " * 2000 + b"\x00 tail"
    for start in ("café ".encode(), "café ".encode("cp1252")):
        with pytest.raises(RefereeError, match="contains NUL characters"):
            load(_write(tmp_path / "late-nul.txt", start + body))


def test_empty_and_whitespace_files_load(tmp_path: Path) -> None:
    for body in (b"", b"   \n\t\n\r\n"):
        path = _write(tmp_path / "empty.md", body)
        article = load(path)
        assert article.text.strip() == ""


def test_escape_sequences_are_text_not_binary(tmp_path: Path) -> None:
    body = b"Title\n\nSee \x1b[2J and \x1b]52;c;aGVsbG8=\x07 here.\n"
    assert load(_write(tmp_path / "esc.txt", body)).text.count("\x1b") == 2


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
