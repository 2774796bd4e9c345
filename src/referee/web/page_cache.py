"""The raw HTML of fetched pages, gzipped in the cache folder, keyed by its sha256.

``<cache>/pages/ab/abcdef….html.gz`` where ``<cache>`` is the platformdirs cache folder
(``REFEREE_CACHE_DIR`` names another): outside any repository, so the page never goes
into git, and the text can be extracted again later from the exact bytes fetched.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import os
import tempfile
from pathlib import Path


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def folder() -> Path:
    from referee.config import cache_dir

    return cache_dir() / "pages"


def path_for(digest: str, root: Path | None = None) -> Path:
    return (root or folder()) / digest[:2] / f"{digest}.html.gz"


def store(body: bytes, root: Path | None = None) -> Path | None:
    """Keep ``body``; its path, or None when the cache cannot be written (not an error:
    the article is written all the same)."""
    path = path_for(sha256(body), root)
    if path.exists():
        return path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".gz")
        try:
            with os.fdopen(fd, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
                gz.write(body)
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    except OSError:
        return None
    return path


def load(digest: str, root: Path | None = None) -> bytes | None:
    """The page with this sha256, or None if it is not (or no longer validly) cached."""
    try:
        with gzip.open(path_for(digest, root), "rb") as gz:
            body = gz.read()
    except (OSError, EOFError):
        return None
    return body if sha256(body) == digest else None
