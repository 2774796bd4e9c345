"""``referee serve [ARTICLE|DIR]``: the TUI in a web browser, through textual-serve.

textual-serve starts one ``referee`` process per browser tab and relays its screen
over a websocket. It has no authentication: anyone who reaches the port reviews as
the person who started it, so it listens on 127.0.0.1 unless told otherwise, and
says so loudly when it is told otherwise.
"""

from __future__ import annotations

import argparse
import ipaddress
import os
import shlex
import sys
from pathlib import Path

from referee.cli import add_command
from referee.errors import RefereeError
from referee.visible import one_line

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def register(subparsers: argparse._SubParsersAction) -> None:
    serve = add_command(
        subparsers,
        "serve",
        description="Serve the TUI to a web browser (textual-serve). Each browser tab runs "
        "its own `referee`; there is no login, so it listens on 127.0.0.1 by default.",
    )
    serve.add_argument(
        "target",
        nargs="?",
        default=".",
        metavar="ARTICLE|DIR",
        help="the article to review, or a folder to pick one from (default: this folder)",
    )
    serve.add_argument("--host", default=DEFAULT_HOST, help="address to listen on")
    serve.add_argument("--port", type=int, default=DEFAULT_PORT, help="port to listen on")
    serve.add_argument("--reviewer", metavar="NAME", help="who the review is saved as")
    serve.add_argument(
        "--public-url",
        metavar="URL",
        help="the address browsers use to reach the server (behind a proxy, or with --host 0.0.0.0)",
    )
    serve.set_defaults(handler=run_serve)


def is_loopback(host: str) -> bool:
    """True for addresses only this machine can reach (``localhost``, 127.0.0.0/8, ::1)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def app_command(target: Path, reviewer: str | None) -> str:
    """The shell command textual-serve runs for each browser tab."""
    words = [sys.executable, "-m", "referee"]
    if reviewer:
        words += ["--reviewer", reviewer]
    if target.is_file():
        words += ["--", str(target)]
    return " ".join(shlex.quote(word) for word in words)


def run_serve(args: argparse.Namespace) -> int:
    target = Path(args.target).resolve()
    if not target.exists():
        raise RefereeError(f"{args.target}: no such file or folder")
    if not 0 < args.port < 65536:
        raise RefereeError(f"--port {args.port}: not a port number (1-65535)")
    if target.is_file():
        # A bad article is one clear line here, not a dead tab in the browser.
        from referee.text.article import load

        load(target)
        folder, title = target.parent, f"referee · {target.name}"
    else:
        folder, title = target, f"referee · {target.name or target}"
    if not is_loopback(args.host):
        sys.stderr.write(
            f"referee serve: WARNING: listening on {one_line(args.host)}: textual-serve has "
            "no authentication; anyone who can reach this port can read and change the "
            "reviews in " + one_line(str(folder)) + ".\n"
        )
    try:
        from textual_serve.server import Server
    except ImportError as exc:  # pragma: no cover - a dependency of the package
        raise RefereeError(f"textual-serve is not installed ({exc})") from exc

    os.chdir(folder)  # each tab's referee runs here: the picker lists this folder
    server = Server(
        app_command(target, args.reviewer),
        host=args.host,
        port=args.port,
        title=title,
        public_url=args.public_url,
    )
    try:
        server.serve()
    except OSError as exc:
        raise RefereeError(
            f"cannot listen on {args.host}:{args.port} ({exc.strerror or exc})"
        ) from exc
    return 0
