"""The OS lock every writer of a review file holds for its read-compare-write.

On POSIX it is ``fcntl.flock`` on the folder that holds the review file: every
``referee`` process and the TUI take it for each save, the kernel drops it when
a process dies (even by SIGKILL), and nothing is left beside the review to
commit or ignore. A folder that cannot be opened falls back to a lock file
``.ARTICLE.review.toml.lock`` beside the review, locked the same way. Without
``fcntl`` (Windows) the lock file is created exclusively and removed after.

The wait is bounded (``REFEREE_LOCK_TIMEOUT`` seconds, default 10): past it the
writer gives up with :class:`ReviewBusy` (exit 2, "busy") and writes nothing.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from pathlib import Path

from referee.errors import RefereeError

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

DEFAULT_TIMEOUT = 10.0
"""Seconds to wait: a save holds the lock for milliseconds (50 at most for 1,000
claims), so ten seconds means a writer that hangs, not one that is slow."""
_FIRST_PAUSE = 0.001
_LONGEST_PAUSE = 0.05


class ReviewBusy(RefereeError):
    """Another writer held the review file's lock for longer than the wait."""


def timeout() -> float:
    raw = os.environ.get("REFEREE_LOCK_TIMEOUT", "").strip()
    try:
        return max(0.0, float(raw)) if raw else DEFAULT_TIMEOUT
    except ValueError:
        raise RefereeError(f"REFEREE_LOCK_TIMEOUT={raw!r} is not a number of seconds") from None


def lock_file(review: Path) -> Path:
    return review.with_name(f".{review.name}.lock")


@contextlib.contextmanager
def locked(review: str | os.PathLike[str], wait: float | None = None) -> Iterator[None]:
    """Hold the lock of ``review`` (a review file's path) for the block."""
    review = Path(review)
    wait = timeout() if wait is None else wait
    if fcntl is None:
        with _exclusive_file(review, wait):
            yield
        return
    fd = _open_for_lock(review)
    try:
        _flock(fd, review, wait)
        yield
    finally:
        os.close(fd)  # closing drops the lock


def _open_for_lock(review: Path) -> int:
    folder = review.parent
    try:
        return os.open(folder if str(folder) else ".", os.O_RDONLY)
    except OSError:
        pass
    try:
        return os.open(lock_file(review), os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as exc:
        raise RefereeError(f"{review}: cannot lock ({exc.strerror or exc})") from None


def _flock(fd: int, review: Path, wait: float) -> None:
    deadline = time.monotonic() + wait
    pause = _FIRST_PAUSE
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            pass
        except OSError as exc:
            raise RefereeError(f"{review}: cannot lock ({exc.strerror or exc})") from None
        if time.monotonic() >= deadline:
            raise ReviewBusy(_busy(review, wait))
        time.sleep(pause)
        pause = min(pause * 2, _LONGEST_PAUSE)


def _busy(review: Path, wait: float) -> str:
    return (
        f"{review}: busy - another referee has been saving it for {wait:g} s; "
        "nothing was written (try again)"
    )


@contextlib.contextmanager
def _exclusive_file(review: Path, wait: float) -> Iterator[None]:
    path = lock_file(review)
    deadline = time.monotonic() + wait
    pause = _FIRST_PAUSE
    while True:
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            break
        except FileExistsError:
            if time.monotonic() >= deadline:
                raise ReviewBusy(_busy(review, wait)) from None
            time.sleep(pause)
            pause = min(pause * 2, _LONGEST_PAUSE)
        except OSError as exc:
            raise RefereeError(f"{review}: cannot lock ({exc.strerror or exc})") from None
    try:
        yield
    finally:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(path)
