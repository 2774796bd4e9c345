"""Start-up as a person sees it: time until the article's text is on a tmux pane.

    .venv/bin/python bench/startup_tmux.py [--runs 9] [--size 100x30] [--poll MS] [ARTICLE]

The second measure of start-up (issue "A house that shows its plan"; the first is
bench/startup.py, which reads the clock inside the app). Each run starts a new tmux
window running one app and looks at the pane (``capture-pane -p``) until a piece of the
article's first line is on it:

- *minimal*: a minimal Textual app showing the article text (``Static(Text(text))`` in a
  ``VerticalScroll``), the baseline;
- *referee*: ``referee ARTICLE``, the real command (the console script beside this
  Python), on a copy of the article in a temporary folder (no config, a cache folder of
  its own).

How the pane is watched:

- by default through one tmux client in control mode (``tmux -C``): tmux reports each
  piece of output the app writes to its pane, and the bench looks at the pane after
  each one, over that same client. No process is started while an app is being timed.
- with ``--poll MS``, the way this bench first worked: a new ``tmux capture-pane``
  process every MS milliseconds. Each look starts a tmux client, so on a small machine
  the watching itself competes for the cores the app is using: on 2 cores, polling
  every 5 ms cost ``referee`` (which analyses the article in a second process while
  it starts, see ``referee.cli.forked_analysis``) far more than the one-process minimal
  app (1.43× at 5 ms against 1.16× at 20 ms, on the same code). Both ways are kept so
  the figures can be compared.

The two apps alternate, run after run, and the medians and their ratio are printed
(PRODUCT §6 target: ≤ 1.3). One tmux server stays up for the whole bench, so its start
is not timed. Nothing is asserted: these are measurements. Needs tmux.
"""

from __future__ import annotations

import argparse
import compileall
import os
import select
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "sample_articles" / "acupuncture-goodpasture.txt"
SERVER = "referee-bench"  # tmux -L: a server of our own, not the user's


def tmux(*args: str) -> str:
    return subprocess.run(
        ["tmux", "-L", SERVER, *args], capture_output=True, text=True, check=False
    ).stdout


def needle_of(text: str) -> str:
    """A piece of the first line short enough not to be wrapped in either app."""
    first = next(line for line in text.splitlines() if line.strip())
    return " ".join(first.split()[:3])[:24]


def time_to_text(command: str, needle: str, env: dict[str, str], poll: float) -> float:
    """Seconds from starting ``command`` in a new tmux window until ``needle`` shows,
    looking every ``poll`` seconds with a new ``capture-pane`` process (``--poll``)."""
    exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
    start = time.monotonic()
    tmux("new-window", "-d", "-t", "bench", "-n", "run", f"env {exports} {command}")
    try:
        while time.monotonic() - start < 60:
            if needle in tmux("capture-pane", "-p", "-t", "bench:run"):
                return time.monotonic() - start
            time.sleep(poll)
        raise SystemExit(f"the text never appeared: {command}")
    finally:
        tmux("kill-window", "-t", "bench:run")
        time.sleep(0.2)  # let the app's process go before the next run starts


class ControlClient:
    """One tmux client in control mode (``tmux -C``) attached to the bench's session:
    commands go in one per line; out come each command's reply between ``%begin`` and
    ``%end`` lines, and a ``%output`` line for each piece of output a pane receives."""

    def __init__(self, session: str) -> None:
        self._process = subprocess.Popen(
            ["tmux", "-L", SERVER, "-C", "attach", "-t", session],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            bufsize=0,
        )
        self._pending = b""
        self.drain(0.3)

    def send(self, command: str) -> None:
        assert self._process.stdin is not None
        self._process.stdin.write(command.encode() + b"\n")

    def lines(self, seconds: float) -> Iterator[bytes]:
        """The client's lines as they come, for at most ``seconds``."""
        assert self._process.stdout is not None
        end = time.monotonic() + seconds
        while (left := end - time.monotonic()) > 0:
            if not select.select([self._process.stdout], [], [], left)[0]:
                return
            chunk = os.read(self._process.stdout.fileno(), 1 << 16)
            if not chunk:
                raise SystemExit("the tmux control client went away")
            self._pending += chunk
            while b"\n" in self._pending:
                line, self._pending = self._pending.split(b"\n", 1)
                yield line

    def drain(self, seconds: float) -> None:
        for _ in self.lines(seconds):
            pass

    def close(self) -> None:
        assert self._process.stdin is not None
        self._process.stdin.close()
        try:
            self._process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self._process.kill()


def time_to_text_by_events(client: ControlClient, script: Path, needle: str) -> float:
    """Seconds from starting ``script`` in a new tmux window until ``needle`` shows,
    looking at the pane each time tmux reports output on it (the default)."""
    start = time.monotonic()
    client.send(f"new-window -d -t bench -n run 'sh {script}'")
    reply: list[bytes] | None = None
    try:
        for line in client.lines(60):
            if line.startswith(b"%output "):
                client.send("capture-pane -p -t bench:run")
            elif line.startswith(b"%begin "):
                reply = []
            elif line.startswith((b"%end ", b"%error ")):
                if reply is not None and needle.encode() in b"\n".join(reply):
                    return time.monotonic() - start
                reply = None
            elif reply is not None:
                reply.append(line)
        raise SystemExit(f"the text never appeared: {script.read_text()}")
    finally:
        client.send("kill-window -t bench:run")
        client.drain(0.2)  # let the app's process go before the next run starts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("article", nargs="?", default=str(SEED))
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--size", default="100x30")
    parser.add_argument(
        "--poll",
        type=float,
        metavar="MS",
        help="look every MS ms with a new capture-pane process (the first way; default: "
        "look on each output, through one control-mode client)",
    )
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        raise SystemExit("bench/startup_tmux.py needs tmux")
    width, height = (int(n) for n in args.size.split("x"))
    # Compiled once here, as an install would (pip compiles site-packages; an editable
    # install compiles on first import): with PYTHONDONTWRITEBYTECODE set, or sources
    # newer than their .pyc, every run would compile referee's sources afresh.
    import referee

    compileall.compile_dir(str(Path(referee.__file__).parent), quiet=1)

    work = Path(tempfile.mkdtemp(prefix="referee-bench-tmux-"))
    article = work / Path(args.article).name
    shutil.copyfile(args.article, article)
    needle = needle_of(article.read_text(encoding="utf-8"))
    python = sys.executable
    env = {
        "REFEREE_CONFIG": str(work / "no-config.toml"),
        "REFEREE_CACHE_DIR": str(work / "cache"),
        "REFEREE_REVIEWER": "Bench",
        "TERM": os.environ.get("TERM", "xterm-256color"),
    }
    # The command a reviewer types: the installed console script, beside this Python
    # (``python -m referee`` where there is none; runpy costs it a few ms more).
    script = Path(python).with_name("referee")
    launcher = str(script) if script.exists() else f"{python} -m referee"
    commands = {
        "minimal": f"{python} {Path(__file__).with_name('minimal_app.py')} {article}",
        "referee": f"{launcher} {article}",
    }

    # Each command in a script of its own: a control-mode client passes commands through
    # tmux's own parser, which has quoting rules of its own.
    scripts = {}
    exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
    for kind, command in commands.items():
        scripts[kind] = work / f"{kind}.sh"
        scripts[kind].write_text(f"exec env {exports} {command}\n", encoding="utf-8")

    tmux("kill-server")
    tmux("new-session", "-d", "-s", "bench", "-x", str(width), "-y", str(height), "sleep 3600")
    tmux("set-option", "-t", "bench", "remain-on-exit", "off")
    tmux("set-option", "-t", "bench", "window-size", "manual")  # the client's size is not ours
    client = None if args.poll is not None else ControlClient("bench")

    def measure(kind: str) -> float:
        if client is None:
            return time_to_text(commands[kind], needle, env, args.poll / 1000)
        return time_to_text_by_events(client, scripts[kind], needle)

    times: dict[str, list[float]] = {kind: [] for kind in commands}
    try:
        for kind in commands:  # one warm-up run each (disk cache, .pyc)
            measure(kind)
        for _ in range(args.runs):
            for kind in commands:
                times[kind].append(measure(kind))
    finally:
        if client is not None:
            client.close()
        tmux("kill-server")
        shutil.rmtree(work, ignore_errors=True)

    minimal, referee = (statistics.median(times[k]) for k in ("minimal", "referee"))
    watch = (
        f"polled every {args.poll:g} ms (capture-pane processes)"
        if args.poll is not None
        else "looked at on each output (control-mode client)"
    )
    print(f"terminal {args.size}, tmux pane {watch}, for {needle!r}")
    print(f"{'article':28s} {'runs':>4s}  minimal s  referee s  ratio")
    print(
        f"{Path(args.article).name:28s} {args.runs:4d}  {minimal:9.3f}  {referee:9.3f}"
        f"  {referee / minimal:5.2f}"
    )
    print("  (target: ratio ≤ 1.3)")


if __name__ == "__main__":
    main()
