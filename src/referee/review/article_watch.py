"""Noticing that the article file changed under an open session."""

from __future__ import annotations

import os
from pathlib import Path

from referee.errors import RefereeError


class ArticleWatch:
    """The article file as a session read it: :meth:`changed` tells when the file no
    longer holds those bytes (a quick ``stat`` first; hashed only when it moved)."""

    def __init__(self, path: Path, blob_sha: str) -> None:
        self.path = path
        self.blob_sha = blob_sha
        self._stat = _stat_key(path)

    def changed(self) -> bool:
        key = _stat_key(self.path)
        if key == self._stat:
            return False
        from referee.text.article import git_blob_sha, read_bytes

        try:
            changed = git_blob_sha(read_bytes(self.path)) != self.blob_sha
        except RefereeError:
            return True
        if not changed:
            self._stat = key  # touched, same bytes
        return changed


def _stat_key(path: os.PathLike[str] | str) -> tuple[int, int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ino)
