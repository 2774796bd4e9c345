"""The little of git that referee needs: blobs, config, attributes.

Every helper answers ``None`` (or False) when git is missing or the folder is
not in a repository, so callers work the same outside git.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

ATTRIBUTES_LINE = "*.review.toml merge=referee"
DRIVER_NAME = "referee review merge (per claim and per field)"


def _folder(path: str | os.PathLike[str]) -> Path:
    path = Path(path)
    return path if path.is_dir() else path.parent


def run(
    args: list[str], cwd: str | os.PathLike[str], *, check: bool = False
) -> subprocess.CompletedProcess[bytes] | None:
    """``git ARGS`` in ``cwd``; None when git is not installed."""
    if shutil.which("git") is None:
        return None
    folder = _folder(cwd)
    try:
        result = subprocess.run(
            ["git", *args], cwd=folder, capture_output=True, check=False, timeout=60
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if check and result.returncode != 0:
        return None
    return result


def _out(args: list[str], cwd: str | os.PathLike[str]) -> str | None:
    result = run(args, cwd, check=True)
    if result is None:
        return None
    return result.stdout.decode("utf-8", "replace").strip()


def repo_root(path: str | os.PathLike[str]) -> Path | None:
    """The top folder of the work tree that holds ``path``."""
    out = _out(["rev-parse", "--show-toplevel"], path)
    return Path(out) if out else None


def blob(sha: str, cwd: str | os.PathLike[str]) -> bytes | None:
    """The bytes of blob ``sha`` from the repository around ``cwd``, if it has it."""
    if not sha or not all(c in "0123456789abcdef" for c in sha.lower()):
        return None
    result = run(["cat-file", "blob", sha], cwd, check=True)
    return None if result is None else result.stdout


def user_identity(cwd: str | os.PathLike[str]) -> tuple[str | None, str | None]:
    """``user.name`` and ``user.email`` as git would use them here."""
    out = _out(["config", "--get-regexp", r"^user\.(name|email)$"], cwd)
    name = email = None
    for line in (out or "").splitlines():
        key, _, value = line.partition(" ")
        if key == "user.name":
            name = value.strip() or None
        elif key == "user.email":
            email = value.strip() or None
    return name, email


def config_set(key: str, value: str, cwd: str | os.PathLike[str]) -> bool:
    """Set ``key`` in the repository's own config (``git config --local``)."""
    return run(["config", "--local", key, value], cwd, check=True) is not None


def ensure_attribute(root: Path, line: str = ATTRIBUTES_LINE) -> bool:
    """Add ``line`` to ``root/.gitattributes`` unless it is there; True if added."""
    path = root / ".gitattributes"
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = ""
    if any(existing.split() == line.split() for existing in text.splitlines()):
        return False
    if text and not text.endswith("\n"):
        text += "\n"
    path.write_text(text + line + "\n", encoding="utf-8")
    return True


def unmerged(path: str | os.PathLike[str]) -> dict[Path, dict[int, str]]:
    """Unmerged index entries (``git ls-files -u``) at or under ``path``: each file's
    absolute path -> {stage: blob sha} (1 base, 2 ours, 3 theirs). Empty outside git."""
    path = Path(path).absolute()
    folder, spec = (path, ".") if path.is_dir() else (path.parent, path.name)
    root = repo_root(folder)
    if root is None:
        return {}
    result = run(["ls-files", "-u", "-z", "--full-name", "--", spec], folder, check=True)
    if result is None:
        return {}
    entries: dict[Path, dict[int, str]] = {}
    for record in result.stdout.decode("utf-8", "surrogateescape").split("\0"):
        info, _, name = record.partition("\t")
        parts = info.split()
        if len(parts) == 3 and name:
            entries.setdefault(root / name, {})[int(parts[2])] = parts[1]
    return entries
