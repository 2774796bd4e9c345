"""A local web server on 127.0.0.1 serving the pages in ``tests/fixtures/web`` and the
awkward answers ``referee fetch`` must handle. Used by the tests and ``bench/fetch.py``.

Routes: ``/news``, ``/blog``, ``/xhtml``, ``/plain`` (fixtures); ``/cp1252`` (Windows-1252
bytes, no charset anywhere); ``/script-only``; ``/big`` (12 MB with a Content-Length) and
``/big-chunked`` (12 MB without one); ``/redirect/N`` (N redirects, then ``/news``);
``/loop/a`` ↔ ``/loop/b``; ``/missing`` (404); ``/error`` (503); ``/paper.pdf``;
``/slow`` (answers after :attr:`WebServer.slow_seconds`); ``/no-type`` (HTML without a
Content-Type); ``/to-remote`` (redirects to plain http on a non-local host);
``/page/NAME`` (a page registered with :meth:`WebServer.add`); ``/wayback/available``
(the Internet Archive's availability API, answering from :attr:`WebServer.snapshots`).
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

FIXTURES = Path(__file__).parent / "fixtures" / "web"
BIG = 12_000_000
PDF = (
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
)
FILES = {
    "/news": ("news.html", "text/html; charset=utf-8"),
    "/blog": ("blog.html", "text/html; charset=UTF-8"),
    "/xhtml": ("xhtml.xhtml", "application/xhtml+xml"),
    "/plain": ("plain.txt", "text/plain; charset=utf-8"),
    "/script-only": ("script_only.html", "text/html; charset=utf-8"),
}


def _big_page() -> bytes:
    paragraph = (
        b"<p>The committee heard evidence from many witnesses over several long days of "
        b"hearings about the state of the regional water supply.</p>\n"
    )
    head = b"<html><head><title>Big</title></head><body><article><h1>Big</h1>\n"
    body = paragraph * (BIG // len(paragraph) + 1)
    return head + body + b"</article></body></html>"


class WebServer:
    """``with WebServer() as server: server.url("/news")``."""

    def __init__(self) -> None:
        self.pages: dict[str, tuple[bytes, str]] = {}
        self.snapshots: dict[str, str] = {}
        """Archived snapshot URL by page URL, for ``/wayback/available``."""
        self.slow_seconds = 3.0
        self.requests: list[str] = []
        self.archive_queries: list[dict[str, str]] = []
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._httpd.daemon_threads = True
        self._httpd.owner = self  # type: ignore[attr-defined]
        # A client that stops reading a page it refuses (too large) is expected here.
        self._httpd.handle_error = lambda request, client_address: None  # type: ignore[method-assign]
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def add(self, name: str, body: bytes, content_type: str = "text/html; charset=utf-8") -> str:
        """Serve ``body`` at ``/page/NAME`` (replacing what was there); its URL."""
        self.pages[f"/page/{name}"] = (body, content_type)
        return self.url(f"/page/{name}")

    def __enter__(self) -> WebServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass

    @property
    def owner(self) -> WebServer:
        return self.server.owner  # type: ignore[attr-defined]

    def _send(
        self,
        status: int,
        body: bytes = b"",
        content_type: str | None = "text/html; charset=utf-8",
        headers: dict[str, str] | None = None,
        length: bool = True,
    ) -> None:
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        if length:
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        step = 256 * 1024
        try:
            for i in range(0, len(body), step):
                piece = body[i : i + step]
                self.wfile.write(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
            self.wfile.write(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def _redirect(self, location: str, status: int = 302) -> None:
        self._send(status, b"", None, {"Location": location})

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        path = parts.path
        self.owner.requests.append(path)
        if path in FILES:
            name, content_type = FILES[path]
            self._send(200, (FIXTURES / name).read_bytes(), content_type)
        elif path in self.owner.pages:
            body, content_type = self.owner.pages[path]
            self._send(200, body, content_type)
        elif path == "/cp1252":
            text = (FIXTURES / "cp1252.utf8.html").read_text(encoding="utf-8")
            self._send(200, text.encode("cp1252"), "text/html")
        elif path == "/no-type":
            self._send(200, (FIXTURES / "news.html").read_bytes(), None)
        elif path == "/big":
            self._send(200, _big_page())
        elif path == "/big-chunked":
            self._send(200, _big_page(), length=False)
        elif path.startswith("/redirect/"):
            left = int(path.rsplit("/", 1)[1])
            self._redirect(f"/redirect/{left - 1}" if left > 1 else "/news", 301)
        elif path == "/loop/a":
            self._redirect("/loop/b")
        elif path == "/loop/b":
            self._redirect("/loop/a")
        elif path == "/to-remote":
            self._redirect("http://example.com/story")
        elif path == "/error":
            self._send(503, b"<html><body>Service unavailable</body></html>")
        elif path == "/paper.pdf":
            self._send(200, PDF, "application/pdf")
        elif path == "/slow":
            time.sleep(self.owner.slow_seconds)
            self._send(200, (FIXTURES / "news.html").read_bytes())
        elif path == "/wayback/available":
            query = dict(parse_qsl(parts.query))
            self.owner.archive_queries.append(query)
            snapshot = self.owner.snapshots.get(query.get("url", ""))
            closest = (
                {
                    "closest": {
                        "status": "200",
                        "available": True,
                        "url": snapshot,
                        "timestamp": "20260301120000",
                    }
                }
                if snapshot
                else {}
            )
            data = {"url": query.get("url"), "archived_snapshots": closest}
            self._send(200, json.dumps(data).encode(), "application/json")
        else:
            self._send(404, b"<html><body><h1>Not found</h1></body></html>")
