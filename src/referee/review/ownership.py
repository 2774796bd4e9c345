"""Whose review is this: a review file must name the article it sits beside.

A review file copied from another article (or left behind when one was replaced)
would make every claim an orphan and the next save would rewrite ``article``:
it is refused (read-only, ``check`` fails) with the fix. The legitimate case is
an article renamed with ``git mv`` together with its review: that is recognised
(git reports the rename, or the article's bytes are the ones the review was made
on) and the next save re-points the review.
"""

from __future__ import annotations

import shlex
from pathlib import Path

from referee.review import gitrepo
from referee.review.record import Review


def foreign_article(review: Review, article: Path, review_path: Path) -> str | None:
    """Why ``review`` cannot be saved as the review of ``article``; None when it can."""
    named = review.article
    if not named or named == article.name or renamed(named, article, review.base):
        return None
    return (
        f"{review_path}: names the article {named!r}, not {article.name!r} (copied from "
        f"another review?); not written - `referee adopt {shlex.quote(str(article))}` "
        "re-points it at this article"
    )


def renamed(old_name: str, article: Path, base: str) -> bool:
    """True when ``article`` is ``old_name`` renamed: the old file is gone and either
    the article still has the bytes the review was made on, or git saw the rename."""
    folder = article.parent
    if (folder / old_name).exists():
        return False
    if base:
        from referee.text.article import git_blob_sha, read_bytes

        try:
            if git_blob_sha(read_bytes(article)) == base:
                return True
        except Exception:  # an unreadable article is reported where it is read
            pass
    return old_name in _git_old_names(article)


def _git_old_names(article: Path) -> set[str]:
    """File names ``article`` had before a rename git knows of (staged or committed)."""
    names: set[str] = set()
    here = article.resolve()
    staged = ["diff", "--cached", "-M", "--name-status", "--diff-filter=R", "-z", "--", "."]
    committed = ["log", "-M", "--follow", "--diff-filter=R", "--name-status", "--format="]
    committed += ["-z", "-n", "20", "--", here.name]
    # staged (git mv) over the whole folder, so that the old name is in view; committed
    # through the article's own history
    for args in (staged, committed):
        result = gitrepo.run(args, here.parent, check=True)
        if result is None:
            continue
        fields = result.stdout.decode("utf-8", "replace").split("\0")
        for i, item in enumerate(fields):
            if item.startswith("R") and i + 2 < len(fields):
                old, new = fields[i + 1], fields[i + 2]
                if Path(new).name == here.name:
                    names.add(Path(old).name)
    return names
