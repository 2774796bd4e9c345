"""Start-up as a person sees it: time until the article's text is on a tmux pane.

    .venv/bin/python bench/startup_tmux.py [--runs 9] [--size 100x30] [ARTICLE]

The second measure of start-up (issue "A house that shows its plan"; the first is
bench/startup.py, which reads the clock inside the app). Each run starts a new tmux
window running one app and polls the pane (``tmux capture-pane -p``, every ``--poll`` ms, default 5) until
a piece of the article's first line is on it:

- *minimal*: a minimal Textual app showing the article text (``Static(Text(text))`` in a
  ``VerticalScroll``), the baseline;
- *referee*: ``referee ARTICLE``, the real command (the console script beside this
  Python), on a copy of the article in a temporary folder (no config, a cache folder of
  its own).

The two alternate, run after run, and the medians and their ratio are printed (PRODUCT
§6 target: ≤ 1.3). One tmux server stays up for the whole bench, so its start is not
timed. Nothing is asserted: these are measurements. Needs tmux.
"""

from __future__ import annotations

import argparse
import compileall
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
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
    """Seconds from starting ``command`` in a new tmux window until ``needle`` shows."""
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("article", nargs="?", default=str(SEED))
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--size", default="100x30")
    parser.add_argument(
        "--poll", type=float, default=5, help="ms between looks (each look runs a tmux client)"
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

    tmux("kill-server")
    tmux("new-session", "-d", "-s", "bench", "-x", str(width), "-y", str(height), "sleep 3600")
    tmux("set-option", "-t", "bench", "remain-on-exit", "off")
    times: dict[str, list[float]] = {kind: [] for kind in commands}
    try:
        for command in commands.values():  # one warm-up run each (disk cache, .pyc)
            time_to_text(command, needle, env, args.poll / 1000)
        for _ in range(args.runs):
            for kind, command in commands.items():
                times[kind].append(time_to_text(command, needle, env, args.poll / 1000))
    finally:
        tmux("kill-server")
        shutil.rmtree(work, ignore_errors=True)

    minimal, referee = (statistics.median(times[k]) for k in ("minimal", "referee"))
    print(f"terminal {args.size}, tmux pane polled every {args.poll:g} ms for {needle!r}")
    print(f"{'article':28s} {'runs':>4s}  minimal s  referee s  ratio")
    print(
        f"{Path(args.article).name:28s} {args.runs:4d}  {minimal:9.3f}  {referee:9.3f}"
        f"  {referee / minimal:5.2f}"
    )
    print("  (target: ratio ≤ 1.3)")


if __name__ == "__main__":
    main()
