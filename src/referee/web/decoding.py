"""Decode a page's bytes: byte-order mark, then the ``Content-Type`` charset, then the
page's own ``<meta>`` or XML declaration, then detection.

Labels are read as browsers read them (the WHATWG Encoding Standard): ``iso-8859-1``,
``latin1`` and ``us-ascii`` mean Windows-1252, and a ``<meta>`` claiming UTF-16 on a page
that has no UTF-16 byte-order mark means UTF-8. Detection: strict UTF-8 first, then
charset-normalizer, preferring Windows-1252 among the encodings it finds plausible; whatever it cannot place is read as Windows-1252, the web's legacy
default, with undecodable bytes replaced.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

PRESCAN_BYTES = 4096
"""How far into the page a ``<meta>`` charset is looked for."""

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_WINDOWS_1252_LABELS = frozenset(
    {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "ascii", "us-ascii", "cp819"}
)
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_XML_DECL = re.compile(rb"""<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)""", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    """Python's codec name."""
    source: str
    """Where the encoding came from: ``bom``, ``header``, ``meta``, ``detected``, ``default``."""


def codec_for(label: str | None) -> str | None:
    """Python's codec for a charset label, as a browser reads it; None if unknown."""
    if not label:
        return None
    label = label.strip().lower()
    if label in _WINDOWS_1252_LABELS:
        return "cp1252"
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return "cp1252" if name in ("latin-1", "iso8859-1", "ascii") else name


def decode(body: bytes, header_charset: str | None = None, html: bool = True) -> Decoded:
    """The text of a page, and which encoding was used and why."""
    for bom, name in _BOMS:
        if body.startswith(bom):
            return Decoded(body[len(bom) :].decode(name, "replace"), name, "bom")
    header = codec_for(header_charset)
    if header is not None:
        return Decoded(body.decode(header, "replace"), header, "header")
    if html:
        declared = _declared(body[:PRESCAN_BYTES])
        if declared is not None:
            return Decoded(body.decode(declared, "replace"), declared, "meta")
    try:
        return Decoded(body.decode("utf-8"), "utf-8", "detected")
    except UnicodeDecodeError:
        pass
    guessed = _detect(body)
    if guessed is not None:
        return Decoded(body.decode(guessed, "replace"), guessed, "detected")
    return Decoded(body.decode("cp1252", "replace"), "cp1252", "default")


def _declared(head: bytes) -> str | None:
    for pattern in (_META_CHARSET, _XML_DECL):
        match = pattern.search(head)
        if match:
            codec = codec_for(match.group(1).decode("ascii", "replace"))
            if codec is not None:
                # A page read as bytes cannot be UTF-16 without a BOM (WHATWG).
                return "utf-8" if codec.startswith("utf-16") else codec
    return None


def _detect(body: bytes) -> str | None:
    from charset_normalizer import from_bytes

    matches = from_bytes(body[:200_000])
    candidates = [codec_for(match.encoding) for match in matches]
    # Single-byte Western pages are told apart from Central European ones by a few
    # letters, which short texts lack: the web's legacy default wins whenever it fits.
    if "cp1252" in candidates:
        return "cp1252"
    return next((c for c in candidates if c is not None), None)
