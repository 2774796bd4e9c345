"""Reading a file the user names: only a regular file, and only up to a size cap.

``/dev/zero`` would be read until memory runs out and a FIFO would block for ever,
so the file is opened without blocking, checked with ``fstat`` and read to at most
the cap. The cap is 20 MB unless ``REFEREE_MAX_FILE_MB`` says otherwise.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from referee.errors import RefereeError

DEFAULT_MAX_MB = 20.0
"""Far above any article or review (the largest sample is 30 kB; a review of 1,000
claims is 400 kB) and far below what a reviewer's machine can hold."""

_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def max_bytes() -> int:
    """The size cap in bytes (``REFEREE_MAX_FILE_MB``, default 20)."""
    raw = os.environ.get("REFEREE_MAX_FILE_MB", "").strip()
    if not raw:
        return int(DEFAULT_MAX_MB * 1_000_000)
    try:
        value = float(raw)
    except ValueError:
        raise RefereeError(f"REFEREE_MAX_FILE_MB={raw!r} is not a number of megabytes") from None
    if not value > 0:
        raise RefereeError(f"REFEREE_MAX_FILE_MB={raw!r} must be above 0")
    return int(value * 1_000_000)


def read_regular(path: str | os.PathLike[str], what: str = "file") -> bytes:
    """The bytes of ``path``. FileNotFoundError when there is none; RefereeError (one
    line) when it is not a regular file, is over the cap or cannot be read."""
    path = Path(path)
    limit = max_bytes()
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise
    except IsADirectoryError:
        raise RefereeError(f"{path}: is a directory, not a {what}") from None
    except OSError as exc:
        raise RefereeError(f"{path}: cannot read ({exc.strerror or exc})") from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
            raise RefereeError(f"{path}: is {kind}, not a {what} (only regular files are read)")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise RefereeError(
                f"{path}: larger than {limit / 1_000_000:g} MB, too large for a {what} "
                "(REFEREE_MAX_FILE_MB raises the limit)"
            )
        return b"".join(chunks)
    except OSError as exc:
        raise RefereeError(f"{path}: cannot read ({exc.strerror or exc})") from None
    finally:
        os.close(fd)
