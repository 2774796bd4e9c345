"""In-text citations. (Being written.)"""

from __future__ import annotations

from referee.model import Block, Citation, Reference


def find(
    text: str, blocks: tuple[Block, ...], references: tuple[Reference, ...]
) -> tuple[Citation, ...]:
    return ()
