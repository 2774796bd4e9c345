"""The user's ``config.toml`` in the platformdirs config folder.

    [keys]                     # TUI key overrides: binding id = "keys"
    mark-supported = "s,y"

    [review]
    after_verdict = "next"     # where s/u/o move you: "next" claim or "next-unreviewed"

    [refcheck]
    mailto = "ada@example.org" # contact for the polite pools (or REFEREE_MAILTO)
    openalex_api_key = "..."   # or OPENALEX_API_KEY
    ncbi_api_key = "..."       # or NCBI_API_KEY

    [evidence]
    search = true              # search the literature without asking each time
                               # (the claim's words go to PubMed and Europe PMC)

    [publish]                  # exports: see referee.publish.publisher
    author = "Example Fact Check"

``REFEREE_CONFIG`` names another file (tests use it). A missing file is an
empty config; an unreadable one is a clear error.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from referee.errors import RefereeError

APP_NAME = "referee"
AFTER_VERDICT = ("next", "next-unreviewed")
"""Where a verdict key moves the reviewer: the next claim, or the next one without a
verdict (as annotation tools such as Prodigy do once a first pass is done)."""


def config_path() -> Path:
    override = os.environ.get("REFEREE_CONFIG")
    if override:
        return Path(override)
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME)) / "config.toml"


def cache_dir() -> Path:
    override = os.environ.get("REFEREE_CACHE_DIR")
    if override:
        return Path(override)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir(APP_NAME))


@dataclass(frozen=True, slots=True)
class Config:
    """The settings read from ``path`` (all defaults when there is no file)."""

    path: Path
    keys: dict[str, str] = field(default_factory=dict)
    refcheck: dict[str, Any] = field(default_factory=dict)
    after_verdict: str = "next"
    publish: dict[str, Any] = field(default_factory=dict)
    literature_search: bool = False
    """``[evidence] search``: search the literature for a claim without a confirmation
    each time (see :mod:`referee.refcheck.litsearch`). Off by default: the claim's words
    leave the machine."""


def load_config(path: Path | None = None) -> Config:
    path = path or config_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Config(path)
    except (OSError, UnicodeDecodeError) as exc:
        raise RefereeError(f"{path}: cannot read config ({exc})") from exc
    import tomllib  # here, not above: most start-ups have no config file to parse

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RefereeError(f"{path}: invalid TOML in config ({exc})") from exc
    keys = data.get("keys", {})
    refcheck = data.get("refcheck", {})
    if not isinstance(keys, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in keys.items()
    ):
        raise RefereeError(f'{path}: [keys] must map binding ids to key strings, e.g. quit = "q"')
    if not isinstance(refcheck, dict):
        raise RefereeError(f"{path}: [refcheck] must be a table")
    review = data.get("review", {})
    after = review.get("after_verdict", "next") if isinstance(review, dict) else None
    if after not in AFTER_VERDICT:
        raise RefereeError(
            f'{path}: [review] after_verdict must be "next" or "next-unreviewed", e.g. '
            'after_verdict = "next-unreviewed"'
        )
    publish = data.get("publish", {})
    if not isinstance(publish, dict):
        raise RefereeError(f"{path}: [publish] must be a table")
    evidence = data.get("evidence", {})
    search = evidence.get("search", False) if isinstance(evidence, dict) else None
    if not isinstance(search, bool):
        raise RefereeError(
            f"{path}: [evidence] search must be true or false, e.g. search = true "
            "(true sends a claim's words to PubMed and Europe PMC without asking)"
        )
    keys = {k: v.replace(" ", "") for k, v in keys.items()}
    return Config(
        path, keys, refcheck, after_verdict=after, publish=publish, literature_search=search
    )
