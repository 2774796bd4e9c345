"""Replacing a review file: atomically, and never one that is read-only."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from referee.errors import RefereeError

__all__ = ["ReviewFileReadOnly", "atomic_write", "refuse_read_only"]


class ReviewFileReadOnly(RefereeError):
    """The review file has no write permission: it is never replaced."""


def refuse_read_only(path: Path) -> None:
    """A review file without write permission is never replaced (rename ignores modes)."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return
    if stat.S_ISREG(mode) and not mode & 0o222:
        raise ReviewFileReadOnly(
            f"{path}: read-only (mode {stat.S_IMODE(mode):o}); not written - "
            f"`chmod u+w {path}` to allow saving"
        )


def atomic_write(path: str | os.PathLike[str], data: bytes, *, durable: bool = True) -> None:
    """Replace ``path`` with ``data`` so that a crash leaves the old or the new file.

    A temporary file in the same folder is written, flushed and fsynced, given the
    old file's permissions, then renamed over the target; the folder is fsynced.
    ``durable=False`` skips both fsyncs, for files that may be lost but never torn
    (a cache entry: a reader never sees half a file, a crash may lose the newest).
    """
    path = Path(path)
    if path.is_symlink():
        path = path.resolve()
    folder = path.parent
    try:
        mode = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    except OSError as exc:
        raise RefereeError(f"{path}: cannot write ({exc.strerror or exc})") from exc
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise RefereeError(
            f"{path}: cannot write in {folder.absolute()} ({exc.strerror or exc})"
        ) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise RefereeError(f"{path}: cannot write ({exc.strerror or exc})") from exc
        raise
    if durable:
        _fsync_dir(folder)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)
