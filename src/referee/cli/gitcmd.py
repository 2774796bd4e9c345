"""``referee git-setup`` and ``referee merge-driver``: review files that merge in git."""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

from referee.cli import add_command
from referee.errors import RefereeError
from referee.review import gitrepo, store
from referee.review.atomic import atomic_write
from referee.review.file_format import dumps
from referee.review.merge import merge
from referee.review.record import Review
from referee.visible import one_line


def register(subparsers: argparse._SubParsersAction) -> None:
    setup = add_command(
        subparsers,
        "git-setup",
        description="Add `*.review.toml merge=referee` to .gitattributes and set "
        "merge.referee.name and merge.referee.driver in this repository's config.",
    )
    setup.add_argument(
        "--command",
        dest="driver_command",
        metavar="CMD",
        help="how git should run referee (default: this Python's `-m referee` while it "
        "can import referee, else `referee` on PATH)",
    )
    setup.set_defaults(handler=run_git_setup)

    driver = add_command(
        subparsers,
        "merge-driver",
        description="Merge review files per claim and per field. Writes the result to OURS; "
        "exit 1 when a field was changed differently on both sides (kept in the file "
        "as a conflict for `referee resolve` or the TUI).",
    )
    driver.add_argument("base", metavar="BASE")
    driver.add_argument("ours", metavar="OURS")
    driver.add_argument("theirs", metavar="THEIRS")
    driver.add_argument("path", metavar="PATH", nargs="?", default=None)
    driver.add_argument(
        "labels",
        metavar="LABEL",
        nargs="*",
        help="git's labels for base, ours and theirs (%%S %%X %%Y, git 2.44 and later)",
    )
    driver.set_defaults(handler=run_merge_driver)


DRIVER_ARGS = "merge-driver %O %A %B %P %S %X %Y"
"""What git substitutes: base, ours, theirs, the path, and (git 2.44 and later) the
labels of base, ours and theirs; an older git passes ``%S`` and the like unchanged."""

FALLBACK_COMMAND = (
    'sh -c \'p="$1"; shift; if "$p" -c "import referee" 2>/dev/null; '
    'then exec "$p" -m referee "$@"; fi; exec referee "$@"\' referee-merge {python}'
)


def default_command() -> str:
    """This installation's interpreter while it can import referee, else ``referee`` on
    PATH: a moved or rebuilt virtual environment does not leave git without a driver."""
    return FALLBACK_COMMAND.format(python=shlex.quote(sys.executable))


def run_git_setup(args: argparse.Namespace) -> int:
    root = gitrepo.repo_root(Path.cwd())
    if root is None:
        raise RefereeError("not inside a git repository (cd into one, or `git init` first)")
    command = (args.driver_command or default_command()).strip()
    if not command:
        raise RefereeError("--command must not be empty")
    driver = f"{command} {DRIVER_ARGS}"
    added = gitrepo.ensure_attribute(root)
    for key, value in (
        ("merge.referee.name", gitrepo.DRIVER_NAME),
        ("merge.referee.driver", driver),
    ):
        if not gitrepo.config_set(key, value, root):
            raise RefereeError(f"git config {key} failed in {root}")
    attributes = root / ".gitattributes"
    verb = "added" if added else "already has"
    # Plain lines, never wrapped: the driver command is copied from here.
    lines = [
        f"{attributes}: {verb} `{gitrepo.ATTRIBUTES_LINE}`",
        f"git config merge.referee.driver = {one_line(driver)}",
    ]
    if added:
        lines.append("Commit .gitattributes; every clone runs `referee git-setup` once.")
    sys.stdout.write("".join(line + "\n" for line in lines))
    return 0


def _read_side(path: str, label: str) -> Review:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise RefereeError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    if not data.strip():
        return Review()  # the side has no file (add/add merges pass an empty base)
    return store.parse_bytes(data, Path(f"{label}"))


def _labels(given: list[str]) -> tuple[str, str]:
    """git's labels for ours and theirs; a git older than 2.44 passes ``%X`` as is."""
    labels = [x if x and not (len(x) == 2 and x.startswith("%")) else "" for x in given]
    labels += [""] * (3 - len(labels))
    return labels[1], labels[2]


def run_merge_driver(args: argparse.Namespace) -> int:
    name = args.path or args.ours
    labels = _labels(args.labels)
    try:
        sides = [
            _read_side(path, f"{name} ({label})")
            for path, label in ((args.base, "base"), (args.ours, "ours"), (args.theirs, "theirs"))
        ]
    except store.ReviewFileError as exc:
        _say(f"referee merge-driver: {exc}; falling back to a line merge")
        return _line_merge(args)
    merged = merge(*sides, labels=labels)
    atomic_write(args.ours, dumps(merged).encode("utf-8"))
    conflicts = merged.conflicts()
    if not conflicts:
        return 0
    _say(
        f"referee merge-driver: {name}: {len(conflicts)} field(s) changed differently on "
        "both sides; both values are kept in the file. Resolve with `referee resolve` "
        "or in the TUI, then `git add` the file."
    )
    for claim_id, conflict in conflicts:
        values = "; ".join(
            f"{n}. {c.describe()}" for n, c in enumerate(conflict.candidates, start=1)
        )
        _say(f"  {claim_id} {conflict.field}: {values}")
    return 1


def _say(line: str) -> None:
    """One plain line on stderr (git shows it as is: no wrapping, no markup)."""
    sys.stderr.write(one_line(line) + "\n")


def _line_merge(args: argparse.Namespace) -> int:
    """git's own line merge with conflict markers, for files referee cannot read."""
    ours, theirs = _labels(args.labels)
    labels = ["-L", ours or "ours", "-L", "base", "-L", theirs or "theirs"]
    gitrepo.run(
        [
            "merge-file",
            *labels,
            str(Path(args.ours).resolve()),
            str(Path(args.base).resolve()),
            str(Path(args.theirs).resolve()),
        ],
        Path.cwd(),
    )
    return 1
