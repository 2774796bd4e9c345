"""AnyStyle's labelled references (``data/anystyle/``) and the one train / held-out split.

SPLIT CONTRACT, shared with the reference checker's evaluation: the held-out set is
every entry of ``good.xml`` whose 0-based index ``i`` satisfies ``i % 10 == 0``. Nothing
is trained or tuned on it. Import :func:`split` rather than repeating the rule.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data" / "anystyle"
HELD_OUT_EVERY = 10

Sequence = list[tuple[str, str]]
"""One reference: its segments in order, ``(label, text)``; labels are AnyStyle's tags."""


def load(path: Path) -> list[Sequence]:
    """Every ``<sequence>`` of an AnyStyle XML file."""
    sequences = []
    for node in ET.parse(path).getroot():
        segments = [(child.tag, " ".join((child.text or "").split())) for child in node]
        sequences.append([(label, text) for label, text in segments if text])
    return sequences


def is_held_out(index: int) -> bool:
    """Whether entry ``index`` (0-based) of good.xml belongs to the held-out set."""
    return index % HELD_OUT_EVERY == 0


def split(data: Path = DATA) -> tuple[list[Sequence], list[Sequence]]:
    """``(train, held_out)``: train is core.xml plus good.xml's other entries."""
    good = load(data / "good.xml")
    train = load(data / "core.xml") + [s for i, s in enumerate(good) if not is_held_out(i)]
    held_out = [s for i, s in enumerate(good) if is_held_out(i)]
    return train, held_out
