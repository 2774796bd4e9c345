"""Load an article from disk and make its canonical text.

The canonical text is the decoded file with any byte-order mark removed and
CRLF / lone CR turned into LF. Every offset referee reports indexes into it.
"""

from __future__ import annotations

import codecs
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from referee.errors import RefereeError
from referee.regular_file import read_regular

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd"})
ARTICLE_SUFFIXES = frozenset({".md", ".markdown", ".txt"})

# Control characters that ordinary text files do contain.
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\v\x1b")


@dataclass(frozen=True, slots=True)
class Article:
    """An article file as read: its canonical text and where it came from."""

    path: Path
    text: str
    """The canonical text."""
    encoding: str
    blob_sha: str
    """Git blob sha1 of the file's bytes: what ``base`` in a review file names."""
    markdown: bool
    warnings: tuple[str, ...] = field(default=())

    @property
    def name(self) -> str:
        return self.path.name


def git_blob_sha(data: bytes) -> str:
    """The sha1 git gives a blob with these bytes (``git hash-object``)."""
    digest = hashlib.sha1(b"blob %d\0" % len(data))
    digest.update(data)
    return digest.hexdigest()


def normalise_newlines(text: str) -> str:
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def is_markdown_path(path: Path) -> bool:
    return path.suffix.lower() in MARKDOWN_SUFFIXES


def read_bytes(path: Path) -> bytes:
    """Read an article file, turning every way it can fail into a RefereeError: only a
    regular file, up to the size cap (:mod:`referee.regular_file`)."""
    try:
        return read_regular(path, "article")
    except FileNotFoundError:
        raise RefereeError(f"{path}: no such file") from None


def decode(data: bytes, name: str = "input") -> tuple[str, str, tuple[str, ...]]:
    """Decode article bytes: (canonical text, encoding, warnings).

    Raises RefereeError for data that is not text.
    """
    warnings: tuple[str, ...] = ()
    if data.startswith(codecs.BOM_UTF8):
        text, encoding = _strict(data[3:], "utf-8", name), "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)) and len(data) % 4 == 0:
        text, encoding = _strict(data, "utf-32", name), "utf-32"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text, encoding = _strict(data, "utf-16", name), "utf-16"
    else:
        if _looks_binary(data):
            raise RefereeError(f"{name}: looks like a binary file, not a text article")
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text, encoding = _legacy(data), "cp1252"
            warnings = (
                f"{name} is not valid UTF-8; decoded as Windows-1252 (Latin-1). "
                "Check accented letters and quotes.",
            )
    if "\x00" in text:
        raise RefereeError(f"{name}: contains NUL characters; not a text article")
    return normalise_newlines(text.lstrip("\ufeff")), encoding, warnings


def load(path: str | os.PathLike[str]) -> Article:
    """Load an article file. Raises RefereeError with one clear line on bad input."""
    path = Path(path)
    data = read_bytes(path)
    text, encoding, warnings = decode(data, str(path))
    return Article(
        path=path,
        text=text,
        encoding=encoding,
        blob_sha=git_blob_sha(data),
        markdown=is_markdown_path(path),
        warnings=warnings,
    )


def from_text(text: str, name: str = "article.md", markdown: bool | None = None) -> Article:
    """An in-memory article (tests, benchmarks): the text is canonicalised."""
    data = text.encode("utf-8")
    path = Path(name)
    return Article(
        path=path,
        text=normalise_newlines(text.lstrip("\ufeff")),
        encoding="utf-8",
        blob_sha=git_blob_sha(data),
        markdown=is_markdown_path(path) if markdown is None else markdown,
    )


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise RefereeError(f"{name}: invalid {encoding.upper()} at byte {exc.start}") from exc


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if not sample:
        return False
    if b"\x00" in sample:
        return True
    controls = sum(1 for byte in sample if byte < 32 and byte not in _TEXT_CONTROLS)
    return controls / len(sample) > 0.05


def _legacy(data: bytes) -> str:
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; Latin-1 maps every byte.
        return data.decode("latin-1")
