"""Start-up tricks in one place: the cycle collector while ``referee ARTICLE`` starts.

Start-up allocates hundreds of thousands of long-lived objects (Textual's classes and
styles, the article, its analysis) and no reference cycles worth collecting: reference
counting frees the rest. Left on, the cycle collector walks that growing heap again and
again (tens of milliseconds of start-up, a third of the analysis of a 1 MB article) and
later pauses for 100 ms at a time over objects that live as long as the app.

- :func:`without_cycle_collection` turns it off around one piece of work (the analysis);
- :func:`starting` turns it off while the TUI starts, and :func:`settle`, called once
  the first screen is up, freezes everything alive then (moves it out of the
  collector's way for good) and turns collection back on. If the first screen never
  comes up (a bad article, the picker), leaving :func:`starting` turns it back on.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

_starting = False


@contextmanager
def without_cycle_collection() -> Iterator[None]:
    """No cycle collection inside the block; as it was after it (nests)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def starting() -> Iterator[None]:
    """No cycle collection until :func:`settle` (or the end of the block)."""
    global _starting
    enabled = gc.isenabled()
    gc.disable()
    _starting = True
    try:
        yield
    finally:
        _starting = False
        if enabled and not gc.isenabled():
            gc.enable()


def settle() -> None:
    """The first screen is up: freeze what is alive and collect again from now on.
    Does nothing outside :func:`starting` (a test's app, a second screen)."""
    global _starting
    if _starting and not gc.isenabled():
        _starting = False
        gc.freeze()
        gc.enable()
