"""``referee serve``: the TUI relayed to a browser by textual-serve, on 127.0.0.1."""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from referee.cli import main, servecmd

SEED = Path(__file__).parent.parent / "sample_articles" / "acupuncture-goodpasture.txt"
TITLE = "Acupuncture for Goodpasture Syndrome"
ANSI = re.compile(r"\x1b(?:\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.8.0.3", True),
        ("localhost", True),
        ("::1", True),
        ("[::1]", True),
        ("0.0.0.0", False),
        ("::", False),
        ("192.168.1.20", False),
        ("example.org", False),
    ],
)
def test_only_loopback_addresses_count_as_local(host: str, loopback: bool) -> None:
    assert servecmd.is_loopback(host) is loopback


def test_the_command_for_each_tab_quotes_the_article(tmp_path: Path) -> None:
    article = tmp_path / "it's a $(test).md"
    article.write_text("# Title\n\nCoffee cures cancer.\n")
    command = servecmd.app_command(article, "Ada <ada@example.org>")
    # textual-serve runs it through the shell: the words must come back unchanged.
    echoed = subprocess.run(
        ["sh", "-c", f"printf '%s\\n' {command}"], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert echoed == [
        sys.executable,
        "-m",
        "referee",
        "--reviewer",
        "Ada <ada@example.org>",
        "--",
        str(article),
    ]
    assert servecmd.app_command(tmp_path, None).endswith("-m referee")


def test_a_missing_target_or_a_bad_article_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve", str(tmp_path / "missing.md")]) == 2
    assert "no such file or folder" in capsys.readouterr().err
    binary = tmp_path / "blob.md"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    assert main(["serve", str(binary)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("referee: ")


def test_a_public_address_is_warned_about(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    served: list[dict[str, object]] = []

    class Recorder:
        def __init__(self, command: str, **options: object) -> None:
            served.append({"command": command, **options})

        def serve(self) -> None:
            pass

    import textual_serve.server

    monkeypatch.setattr(textual_serve.server, "Server", Recorder)
    monkeypatch.chdir(tmp_path)
    args = argparse.Namespace(
        target=str(SEED), host="0.0.0.0", port=8123, reviewer=None, public_url=None
    )
    assert servecmd.run_serve(args) == 0
    assert "WARNING" in capsys.readouterr().err
    assert served[0]["host"] == "0.0.0.0"
    args.host = "127.0.0.1"
    assert servecmd.run_serve(args) == 0
    assert capsys.readouterr().err == ""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """``referee serve`` on the seed article, as a user starts it; its URL."""
    article = tmp_path / SEED.name
    shutil.copy(SEED, article)
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "referee", "serve", str(article), "--port", str(port)],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "REFEREE_REVIEWER": "Ada", "TERM": "xterm-256color"},
        start_new_session=True,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            if process.poll() is not None:
                pytest.fail(f"referee serve exited: {process.stderr.read().decode()}")
            time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


async def _screen_text(url: str, wanted: str, timeout: float = 40) -> str:
    """What the app draws for a browser tab, read from the websocket as a browser would."""
    import aiohttp

    seen = ""
    async with (
        aiohttp.ClientSession() as client,
        client.ws_connect(f"{url}/ws?width=100&height=30") as ws,
    ):
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while wanted not in ANSI.sub("", seen) and loop.time() < deadline:
            try:
                message = await ws.receive(timeout=deadline - loop.time())
            except TimeoutError:
                break
            if message.type == aiohttp.WSMsgType.BINARY:
                seen += message.data.decode("utf-8", "replace")
            elif message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
                break
        await ws.send_json(["stdin", "q"])
    return ANSI.sub("", seen)


def test_a_browser_tab_gets_the_review_screen(server: str) -> None:
    import httpx

    page = httpx.get(server + "/", timeout=10).text
    assert "referee · acupuncture-goodpasture.txt" in page
    screen = asyncio.run(_screen_text(server, TITLE))
    assert TITLE in screen
    assert "reviewed" in screen  # the header's progress: the review screen, not an error


CHROMIUM = next(
    (
        path
        for name in ("chromium", "chromium-browser", "google-chrome")
        if (path := shutil.which(name))
    ),
    None,
)


@pytest.mark.skipif(CHROMIUM is None, reason="no Chromium installed (apt-get install chromium)")
def test_a_real_headless_browser_loads_the_page_and_connects(server: str) -> None:
    with tempfile.TemporaryDirectory() as profile:
        result = subprocess.run(
            [
                CHROMIUM,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                f"--user-data-dir={profile}",
                "--virtual-time-budget=10000",
                "--dump-dom",
                server + "/",
            ],
            capture_output=True,
            text=True,
            timeout=90,
        )
    dom = result.stdout
    assert "referee · acupuncture-goodpasture.txt" in dom
    # textual.js marks the terminal connected once the app's websocket is open.
    assert re.search(r'class="textual-terminal[^"]*-connected', dom), dom[-2000:]
