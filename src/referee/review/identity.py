"""Who is reviewing: ``--reviewer``, ``REFEREE_REVIEWER``, git's user, the login name."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from referee.review import gitrepo
from referee.review.record import clean_line

ENV = "REFEREE_REVIEWER"


def reviewer(
    explicit: str | None = None,
    *,
    cwd: str | os.PathLike[str] | None = None,
    env: Mapping[str, str] | None = None,
) -> str:
    """The reviewer's name as stored in the file, e.g. ``Ada Lovelace <ada@example.org>``.

    The first non-empty of: ``explicit`` (``--reviewer``), ``$REFEREE_REVIEWER``,
    ``git config user.name``/``user.email`` as seen from ``cwd``, the login name.
    """
    env = os.environ if env is None else env
    for candidate in (explicit, env.get(ENV)):
        if candidate and clean_line(candidate):
            return clean_line(candidate)
    name, email = gitrepo.user_identity(Path.cwd() if cwd is None else cwd)
    name = clean_line(name) if name else ""
    email = clean_line(email) if email else ""
    if name and email:
        return f"{name} <{email}>"
    if name or email:
        return name or email
    import getpass  # the last resort: not imported by every start-up

    try:
        login = clean_line(getpass.getuser())
    except Exception:  # getpass raises whatever the platform lookup raises
        login = ""
    return login or "unknown"


def display_name(stored: str) -> str:
    """The name a reviewer is shown by: ``Ada Lovelace <ada@example.org>`` → ``Ada Lovelace``
    (an address alone stays whole: it is all there is)."""
    name, bracket, _ = stored.partition(" <")
    return name.strip() if bracket and name.strip() else stored.strip()
