"""Analyse an article in a forked child while the parent goes on starting up.

``referee ARTICLE`` spends most of its start-up importing Textual, which keeps one
core busy; the analysis (compiling the cue patterns, then reading the article) is a
pure function of the text and needs none of Textual. So the TUI forks a child that
analyses the text and sends the :class:`~referee.model.Analysis` back, pickled,
through a pipe, while the parent imports Textual on the other core.

The parent analyses the text itself instead when the child would not help or cannot
be had:

- no ``os.fork`` (Windows), or macOS, where a fork without exec is unsafe once system
  frameworks are loaded (CPython's own multiprocessing stopped forking there);
- a single usable core: the two processes would only take turns;
- a long text (:data:`FORK_BELOW`): its analysis takes longer than the import it
  would hide, and pickling it there and back then costs more than it saves;
- the child failing in any way (an exception, a signal, a short or unreadable
  message). The result is the same either way; only the time differs.
"""

from __future__ import annotations

import os
import pickle
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from referee.model import Analysis
    from referee.text.article import Article

FORK_BELOW = 200_000
"""Texts from this many code points on are analysed in the parent. Analysis costs
about 1 µs a code point, pickling it in the child 0.3 µs and unpickling it in the
parent 0.2 µs; once the analysis outlasts Textual's import (~140 ms), the child
saves only that import, less 0.5 µs a code point, which is nothing left near
280,000."""


def _usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def can_fork(text: str) -> bool:
    """Whether analysing ``text`` in a child is worth it here."""
    return (
        hasattr(os, "fork")
        and sys.platform != "darwin"
        and len(text) < FORK_BELOW
        and _usable_cores() > 1
    )


class PendingAnalysis:
    """The analysis of one article, being made in a child process or, failing
    that, made on demand by :meth:`result`."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.from_child = False
        """Whether :meth:`result` got the analysis from the child."""
        self._pid = 0
        self._read_fd = -1
        self._result: Analysis | None = None

    @property
    def forked(self) -> bool:
        """Whether a child was started (the analysis may still come from the parent)."""
        return self._pid != 0

    def start(self) -> PendingAnalysis:
        if not can_fork(self.article.text):
            return self
        # Both processes need the analysis's types (the child to build it, the parent to
        # read it): imported once here, the child inherits them instead of importing them
        # again while the parent is busy, on the other core, with Textual.
        import referee.model  # noqa: F401

        try:
            read_fd, write_fd = os.pipe()
        except OSError:
            return self
        try:
            pid = os.fork()
        except OSError:
            os.close(read_fd)
            os.close(write_fd)
            return self
        if pid == 0:  # the child: analyse, send, and leave without running any cleanup
            os.close(read_fd)
            _child(self.article, write_fd)
        os.close(write_fd)
        self._pid, self._read_fd = pid, read_fd
        return self

    def result(self) -> Analysis:
        """The analysis: the child's when it sent one, else made here and now."""
        if self._result is None:
            analysis = self._collect() if self.forked else None
            self.from_child = analysis is not None
            if analysis is None:
                from referee.text.analysis import analyse_article

                analysis = analyse_article(self.article)
            self._result = analysis
        return self._result

    def _collect(self) -> Analysis | None:
        """Read the child's message to its end and reap the child."""
        chunks = []
        try:
            while chunk := os.read(self._read_fd, 1 << 20):
                chunks.append(chunk)
        except OSError:
            chunks = []
        finally:
            os.close(self._read_fd)
            self._read_fd = -1
        try:
            _, status = os.waitpid(self._pid, 0)
        except ChildProcessError:
            return None
        if not (os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0) or not chunks:
            return None
        try:
            analysis = pickle.loads(b"".join(chunks))
        except Exception:  # a truncated or garbled message: analyse here instead
            return None
        from referee.model import Analysis

        if not isinstance(analysis, Analysis) or analysis.text != self.article.text:
            return None
        return analysis


def _child(article: Article, write_fd: int) -> None:
    """Runs in the forked child; never returns."""
    code = 1
    try:
        from referee.text.analysis import analyse_article

        data = pickle.dumps(analyse_article(article), protocol=pickle.HIGHEST_PROTOCOL)
        view = memoryview(data)
        while view:
            view = view[os.write(write_fd, view) :]
        code = 0
    except BaseException:  # anything at all: the parent analyses in its place
        pass
    finally:
        os._exit(code)


def start(article: Article) -> PendingAnalysis:
    """Begin analysing ``article`` in a child when that helps (see the module doc)."""
    return PendingAnalysis(article).start()
