"""Start-up to a usable screen, claim moves and memory: referee against a minimal Textual app.

    .venv/bin/python bench/startup.py [--runs 9] [--size 100x30] [--moves 100]

Every run is a fresh process on a real pseudo-terminal (Textual's Linux driver, output
drained by this script), so "process start" includes the interpreter and every import.
The clock starts just before the child is spawned and stops when the app declares itself
usable by calling ``App.exit`` (this script wraps ``App.exit`` in the child to read the
clock at that moment, as soon as the app has imported Textual itself, so each app
imports in its own order; nothing is timed through the exit itself):

- *minimal*: a minimal Textual app showing the article text (``Static(Text(text))`` in a
  ``VerticalScroll``), usable after its first screen refresh;
- *referee*: the real command, ``referee ARTICLE`` (``referee.cli.main``), usable after
  the first refresh with the claim list populated (``bench_app`` below: the app,
  subclassed here, quits as the minimal one does). With ``--host`` the article pane alone in a host app (loading
  and analysing the article, every claim highlighted) stands in for it.

Part 1 runs the seed article N times each, interleaved, and prints medians and their
ratio (PRODUCT §6 target: ≤ 1.3); then the same with a review file beside it (every
other claim judged), as an article is opened again. Part 2 does the same on a
generated ~1 MB article (target: usable in ≤ 2 s) and, in one more run, measures
claim moves and memory:

- *pane work per move*: ``ArticleView.set_current`` plus rendering every visible line of
  the pane, for moves to the next claim and for jumps across the article;
- *app CPU per move*: ``j`` pressed through the app's own key handling; the process CPU
  time (all threads, terminal output included) over the presses, less the idle CPU of an
  equal quiet period, divided by the number of presses;
- *peak RSS* of the child (``wait4``; PRODUCT §6 target: ≤ 200 MB with a 1 MB article).

Nothing is asserted: these are measurements.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "sample_articles" / "acupuncture-goodpasture.txt"
MARK_FD = "REFEREE_BENCH_MARK_FD"


# -- the children ----------------------------------------------------------------------


def _emit(record: dict) -> None:
    os.write(int(os.environ[MARK_FD]), (json.dumps(record) + "\n").encode())


def _child(kind: str, path: str, moves: int) -> int:
    """Run one app in this process; report when it is usable (and move figures)."""
    import asyncio

    original_exit = None
    reported = False

    def exit_when_usable(app, *args, **kwargs):  # type: ignore[no-untyped-def]
        nonlocal reported
        if reported:
            return original_exit(app, *args, **kwargs)
        reported = True
        _emit({"usable": time.monotonic()})
        if not moves:
            return original_exit(app, *args, **kwargs)
        finish = lambda: original_exit(app, *args, **kwargs)  # noqa: E731
        asyncio.get_running_loop().create_task(_measure_moves(app, moves, finish))
        return None

    def wrap_exit(module) -> None:  # type: ignore[no-untyped-def]
        nonlocal original_exit
        original_exit = module.App.exit
        module.App.exit = exit_when_usable

    _after_import("textual.app", wrap_exit)
    if kind == "minimal":
        _run_minimal(path)
    elif kind == "host":
        _run_host(path)
    else:
        return _run_referee(path)
    return 0


def _after_import(name: str, then) -> None:  # type: ignore[no-untyped-def]
    """Call ``then(module)`` once module ``name`` is imported, by whoever imports it.

    The apps import Textual themselves, in their own order (``referee ARTICLE`` starts
    analysing the article before it imports Textual): importing it here first to wrap
    ``App.exit`` would time a different program.
    """
    import importlib.abc
    import importlib.machinery

    class Finder(importlib.abc.MetaPathFinder):
        def find_spec(self, fullname, path, target=None):  # type: ignore[no-untyped-def]
            if fullname != name:
                return None
            sys.meta_path.remove(self)
            spec = importlib.machinery.PathFinder.find_spec(fullname, path)
            if spec is None or spec.loader is None:
                return spec
            exec_module = spec.loader.exec_module

            def exec_then(module) -> None:  # type: ignore[no-untyped-def]
                exec_module(module)
                then(module)

            spec.loader.exec_module = exec_then  # type: ignore[method-assign]
            return spec

    sys.meta_path.insert(0, Finder())


def _run_minimal(path: str) -> None:
    from minimal_app import Minimal  # imports Textual here, in the child, as referee does

    Minimal(Path(path).read_text(encoding="utf-8"), quit_when_usable=True).run()


def _run_host(path: str) -> None:
    from textual.app import App, ComposeResult

    from referee.text.analysis import analyse_article
    from referee.text.article import load
    from referee.tui.widgets.article_view import ArticleView, Highlight

    article = load(Path(path))
    claims = analyse_article(article).claims

    class Host(App[None]):
        BINDINGS = [("j", "move(1)", "Next"), ("k", "move(-1)", "Previous")]  # noqa: RUF012

        def __init__(self) -> None:
            super().__init__()
            self.index = 0

        def compose(self) -> ComposeResult:
            yield ArticleView(article.text)

        def on_mount(self) -> None:
            view = self.query_one(ArticleView)
            view.set_highlights([Highlight(c.start, c.end, "unreviewed", "·") for c in claims])
            view.focus()

        def on_ready(self) -> None:
            self.call_after_refresh(self.exit)

        def action_move(self, delta: int) -> None:
            if claims:
                self.index = (self.index + delta) % len(claims)
                claim = claims[self.index]
                self.query_one(ArticleView).set_current(claim.start, claim.end)

    Host().run()


def _run_referee(path: str) -> int:
    _after_import("referee.tui.app", _bench_app)
    from referee.cli import main  # exactly what the `referee ARTICLE` command runs

    return main([path])


def _bench_app(module) -> None:  # type: ignore[no-untyped-def]
    """``referee ARTICLE`` builds ``RefereeApp``: make it the bench's subclass."""
    module.RefereeApp = bench_app(module.RefereeApp)


def bench_app(base: type) -> type:
    """``base`` (RefereeApp) that quits once usable: after the refresh that follows its
    first screen (the review screen fills its claim list as it mounts), the moment the
    minimal app quits too. Only this script uses it; the product has no bench hook."""

    class BenchApp(base):  # type: ignore[valid-type,misc]
        def on_ready(self) -> None:
            self.call_after_refresh(self.exit)

    return BenchApp


async def _measure_moves(app, moves: int, finish) -> None:  # type: ignore[no-untyped-def]
    import asyncio
    import gc
    from bisect import bisect_left

    from referee.tui.widgets.article_view import GUTTER_WIDTH, ArticleView
    from referee.tui.widgets.soft_wrap import WrappedText
    from referee.visible import visible

    collecting: list[float] = []
    gc_time = [0.0]

    def on_gc(phase: str, info: dict) -> None:
        if phase == "start":
            collecting.append(time.perf_counter())
        elif collecting:
            gc_time[0] += time.perf_counter() - collecting.pop()

    try:
        await asyncio.sleep(0.2)  # let the first screen settle
        view = app.screen.query_one(ArticleView)
        highlights = view.highlights
        height = view.scrollable_content_region.height

        def pane_work(indices: list[int]) -> list[float]:
            times = []
            for index in indices:
                highlight = highlights[index]
                start = time.perf_counter()
                view.set_current(highlight.start, highlight.end)
                for y in range(height):
                    view.render_line(y)
                times.append(time.perf_counter() - start)
            return times

        # Opening cost of the pane: wrap the whole text, then highlight and paint it cold.
        gc.callbacks.append(on_gc)
        width = view.scrollable_content_region.width - GUTTER_WIDTH
        start = time.perf_counter()
        WrappedText.build(visible(view.text), width)
        wrap_ms = (time.perf_counter() - start) * 1000
        start = time.perf_counter()
        view.set_highlights(highlights)
        for y in range(height):
            view.render_line(y)
        paint_ms = (time.perf_counter() - start) * 1000
        opening_gc_ms, gc_time[0] = gc_time[0] * 1000, 0.0

        count = len(highlights)
        middle = count // 2
        nexts = pane_work([(middle + k) % count for k in range(moves)])
        jumps = pane_work([(k * 7919) % count for k in range(moves)])
        gc.callbacks.remove(on_gc)
        gc_ms = gc_time[0] * 1000

        # The parent types `j` into the terminal once told "go": the real input path.
        interval = 0.03
        ticks = moves + int(0.5 / interval)

        async def window() -> tuple[float, list]:
            seen = [view.current]
            cpu = time.process_time()
            for _ in range(ticks):
                await asyncio.sleep(interval)
                if view.current != seen[-1]:
                    seen.append(view.current)
            return time.process_time() - cpu, seen

        idle, _ = await window()
        _emit({"go": interval})
        busy, seen = await window()
        starts = [h.start for h in highlights]
        positions = [bisect_left(starts, span[0]) for span in seen[1:] if span]
        landed = positions[-1] - positions[0] + 1 if positions else 0
        _emit(
            {
                "claims": count,
                "lines": view.line_count,
                "next_ms": [t * 1000 for t in nexts],
                "jump_ms": [t * 1000 for t in jumps],
                "app_cpu_ms": (busy - idle) / moves * 1000,
                "landed": landed,
                "gc_ms": gc_ms,
                "wrap_ms": wrap_ms,
                "opening_gc_ms": opening_gc_ms,
                "paint_ms": paint_ms,
            }
        )
    finally:
        finish()


# -- the parent ------------------------------------------------------------------------


def run(kind: str, path: Path, size: tuple[int, int], moves: int = 0) -> dict:
    """Spawn one child on a pseudo-terminal; its figures, seconds to usable and peak RSS."""
    import fcntl
    import pty
    import struct
    import subprocess
    import termios
    import threading

    master, slave = pty.openpty()
    columns, rows = size
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    read_end, write_end = os.pipe()
    env = dict(os.environ, TERM="xterm-256color")
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # both apps load from bytecode, as installed
    env[MARK_FD] = str(write_end)
    output = bytearray()
    records: dict = {}

    def drain() -> None:
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                return
            if not chunk:
                return
            output.extend(chunk)

    def listen(marks) -> None:  # type: ignore[no-untyped-def]
        for line in marks:
            record = json.loads(line)
            records.update(record)
            if "go" in record:
                for _ in range(moves):
                    os.write(master, b"j")
                    time.sleep(record["go"])

    args = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--child",
        kind,
        str(path),
        "--moves",
        str(moves),
    ]
    start = time.monotonic()
    proc = subprocess.Popen(
        args,
        stdin=slave,
        stdout=slave,
        stderr=slave,
        pass_fds=(write_end,),
        env=env,
        start_new_session=True,
        cwd=path.parent,
    )
    os.close(slave)
    os.close(write_end)
    marks = os.fdopen(read_end, "rb")
    threads = [
        threading.Thread(target=drain, daemon=True),
        threading.Thread(target=listen, args=(marks,), daemon=True),
    ]
    for thread in threads:
        thread.start()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    threads[1].join(timeout=5)
    marks.close()
    threads[0].join(timeout=2)
    os.close(master)
    if proc.returncode != 0 or "usable" not in records:
        tail = bytes(output[-3000:]).decode("utf-8", "replace")
        raise SystemExit(f"{kind} on {path.name} failed (exit {proc.returncode}):\n{tail}")
    records["seconds"] = records["usable"] - start
    records["rss_mb"] = usage.ru_maxrss / 1024
    return records


def _reviewed_copy(folder: Path) -> tuple[Path, int]:
    """The seed article with a review beside it: every other claim judged, with a note
    (how an article is opened again, the usual case for a reviewer)."""
    from referee.review.session import Session

    folder.mkdir()
    path = folder / SEED.name
    shutil.copyfile(SEED, path)
    session = Session.open(path, reviewer="Bench <bench@example.org>")
    judged = session.claims()[::2]
    for state in judged:
        session.update(state.id, verdict="unsupported", note="No source for this.")
    return path, len(judged)


def compare(kind: str, path: Path, size: tuple[int, int], runs: int) -> tuple[float, float]:
    """Interleaved runs of the minimal app and ``kind``: median seconds of each."""
    minimal, ours = [], []
    for index in range(runs):
        order = [("minimal", minimal), (kind, ours)]
        for name, times in order if index % 2 == 0 else reversed(order):
            times.append(run(name, path, size)["seconds"])
    return statistics.median(minimal), statistics.median(ours)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=9, help="runs of each app (default 9)")
    parser.add_argument("--big-runs", type=int, default=3, help="runs on the 1 MB article")
    parser.add_argument("--size", default="100x30", help="terminal COLUMNSxROWS")
    parser.add_argument("--moves", type=int, default=100, help="claim moves to time")
    parser.add_argument("--host", action="store_true", help="time the article pane in a host")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("path", nargs="?", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        raise SystemExit(_child(args.child, args.path, args.moves))

    sys.path.insert(0, str(Path(__file__).parent))
    from corpus import generate_article

    # An installed package runs from bytecode (textual's was compiled by pip); compile
    # referee's too, or every child would compile its sources afresh.
    import referee

    compileall.compile_dir(str(Path(referee.__file__).parent), quiet=1)

    columns, rows = (int(n) for n in args.size.lower().split("x"))
    size = (columns, rows)
    kind = "host" if args.host else "referee"
    label = "referee app" if kind == "referee" else "article pane in a host app"
    with tempfile.TemporaryDirectory(prefix="referee-bench-") as tmp:
        seed = Path(tmp) / SEED.name
        shutil.copyfile(SEED, seed)
        big = Path(tmp) / "generated-1mb.md"
        big.write_text(generate_article(1_000_000), encoding="utf-8")
        print(f"terminal {columns}x{rows}, python {sys.version.split()[0]}, measuring: {label}")
        print()
        print(f"{'article':28} {'runs':>4} {'minimal s':>10} {'referee s':>10} {'ratio':>6}")
        base, ours = compare(kind, seed, size, args.runs)
        print(f"{seed.name:28} {args.runs:4} {base:10.3f} {ours:10.3f} {ours / base:6.2f}")
        reviewed, verdicts = _reviewed_copy(Path(tmp) / "reviewed")
        base, ours = compare(kind, reviewed, size, args.runs)
        label = f"  the same, {verdicts} verdicts"
        print(f"{label:28} {args.runs:4} {base:10.3f} {ours:10.3f} {ours / base:6.2f}")
        base, ours = compare(kind, big, size, args.big_runs)
        print(f"{big.name:28} {args.big_runs:4} {base:10.3f} {ours:10.3f} {ours / base:6.2f}")
        print("  (target: seed ratio ≤ 1.3; 1 MB usable in ≤ 2 s)")

        moved = run(kind, big, size, moves=args.moves)
        kb = big.stat().st_size / 1024
        print()
        print(
            f"1 MB article ({kb:.0f} KB, {moved['claims']} claims, {moved['lines']} wrapped "
            f"lines), {args.moves} moves:"
        )
        print(
            f"  pane opening: wrap the whole text {moved['wrap_ms']:.1f} ms; set_highlights "
            f"({moved['claims']}) + paint the visible lines cold {moved['paint_ms']:.1f} ms"
            f"\n  (garbage collection during the opening figures: {moved['opening_gc_ms']:.1f} ms)"
        )
        for name, key in (("next claim", "next_ms"), ("jump across article", "jump_ms")):
            times = moved[key]
            print(
                f"  pane work per move, {name:20} median {statistics.median(times):6.2f} ms"
                f"   p90 {statistics.quantiles(times, n=10)[-1]:6.2f} ms   max {max(times):6.2f} ms"
            )
        print(
            f"  (garbage collection during those {2 * args.moves} moves: {moved['gc_ms']:.1f} ms)"
        )
        print(
            f"  app CPU per `j` press (all threads)         {moved['app_cpu_ms']:6.2f} ms"
            f"   (the current claim advanced {moved['landed']} of {args.moves} presses)"
        )
        print(f"  peak RSS with the 1 MB article open          {moved['rss_mb']:6.1f} MB")
        print("  (target: a move under one frame, 16 ms; memory ≤ 200 MB)")


if __name__ == "__main__":
    main()
