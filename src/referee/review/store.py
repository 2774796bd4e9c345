"""``ARTICLE.review.toml`` on disk: where it lives, read and validated, written
atomically, changes by others noticed and merged.

The text of the file (its layout, :func:`~referee.review.file_format.dumps` and
:func:`~referee.review.file_format.loads`) is :mod:`referee.review.file_format`.

Saving takes an OS lock (:mod:`referee.review.lock`) for the read-compare-write:
a file that changed since it was read is read again under the lock and this
writer's change is merged into it (:func:`referee.review.merge.merge`), so two
writers at once both land.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from referee.errors import RefereeError
from referee.regular_file import read_regular
from referee.review.atomic import atomic_write, refuse_read_only
from referee.review.file_format import dumps, loads
from referee.review.lock import locked
from referee.review.merge import merge
from referee.review.record import Review

SUFFIX = ".review.toml"


class ReviewFileError(RefereeError):
    """A review file that cannot be read as one: it is never overwritten."""


class ReviewChangedOnDisk(RefereeError):
    """The review file changed on disk since it was read in a way a merge cannot
    join (it was removed): not overwritten."""


def review_path(article_path: str | os.PathLike[str]) -> Path:
    """``post.md`` -> ``post.md.review.toml`` beside it."""
    path = Path(article_path)
    return path.with_name(path.name + SUFFIX)


def article_path_for(review: str | os.PathLike[str]) -> Path:
    """The article a review file belongs to (``post.md.review.toml`` -> ``post.md``)."""
    path = Path(review)
    if not path.name.endswith(SUFFIX) or len(path.name) == len(SUFFIX):
        raise RefereeError(f"{path}: not a review file (name must end in {SUFFIX})")
    return path.with_name(path.name[: -len(SUFFIX)])


# ----------------------------------------------------------------------------- files


def parse_bytes(data: bytes, path: Path) -> Review:
    """Decode and validate a review file's bytes; ReviewFileError names the problem."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ReviewFileError(
            f"{path}: not UTF-8 (byte {exc.start}); the file was left untouched"
        ) from exc
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        return loads(text)
    except ValueError as exc:
        raise ReviewFileError(f"{path}: {exc}; the file was left untouched") from None


def _read_bytes(path: Path) -> bytes | None:
    """The file's bytes, None when there is no file; ReviewFileError when it cannot be read
    (a folder, a device, a FIFO, a file over the size cap)."""
    try:
        return read_regular(path, "review file")
    except FileNotFoundError:
        return None
    except RefereeError as exc:
        raise ReviewFileError(str(exc)) from None


def read(path: str | os.PathLike[str]) -> Review:
    """Read and validate one review file (for ``check``, ``status``, the merge driver)."""
    path = Path(path)
    data = _read_bytes(path)
    if data is None:
        raise ReviewFileError(f"{path}: no such review file")
    return parse_bytes(data, path)


def _digest(data: bytes | None) -> str | None:
    return None if data is None else hashlib.sha1(data).hexdigest()


class ReviewFile:
    """One review file on disk, remembering what was last read or written.

    :meth:`save` takes the lock, and when the file's bytes changed since they were
    read (another writer, a ``git pull``) reads them again and merges this change
    into them; it does not write when the bytes would not change.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._seen: str | None = None
        self._seen_review = Review()
        self.merged: Review | None = None
        """After :meth:`save`: the review as written when another writer's change
        was merged in (None when the file held what was last read)."""

    def load(self) -> Review | None:
        """The stored review, or None when there is no file yet."""
        data = _read_bytes(self.path)
        self._seen = _digest(data)
        if data is None:
            self._seen_review = Review()
            return None
        review = parse_bytes(data, self.path)
        self._seen_review = review.copy()
        return review

    def changed_on_disk(self) -> bool:
        return _digest(_read_bytes(self.path)) != self._seen

    def save(self, review: Review) -> bool:
        """Write ``review`` atomically; False when the file already holds exactly it.

        Under the lock: a file changed since it was read is merged with
        (:attr:`merged` is then what was written); an unreadable or removed one
        is never overwritten."""
        self.merged = None
        refuse_read_only(self.path)
        data = dumps(review).encode("utf-8")
        with locked(self.path):
            current = _read_bytes(self.path)
            if _digest(current) != self._seen:
                if current is None:
                    raise ReviewChangedOnDisk(
                        f"{self.path}: removed since it was read (a git checkout?); "
                        "not written again - reload to see what is there now"
                    )
                theirs = parse_bytes(current, self.path)
                review = merge(self._seen_review, review, theirs)
                self.merged = review
                data = dumps(review).encode("utf-8")
            if current == data:
                self._seen, self._seen_review = _digest(data), review.copy()
                return False
            refuse_read_only(self.path)
            atomic_write(self.path, data)
            self._seen, self._seen_review = _digest(data), review.copy()
        return True
