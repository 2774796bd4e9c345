"""Reference lists: find, split, parse. (Being written.)"""

from __future__ import annotations

from referee.model import Block, Reference


def extract(
    text: str, blocks: tuple[Block, ...]
) -> tuple[tuple[Block, ...], tuple[Reference, ...]]:
    return blocks, ()
