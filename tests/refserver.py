"""Fake Crossref, E-utilities, OpenAlex, doi.org, DataCite, Open Library, arXiv and Europe PMC
that serve ``tests/fixtures/refcheck``.

:class:`FixtureRouter` maps a request to a fixture (body file + ``.meta.json`` with status
and headers); :func:`mock_transport` serves it to ``httpx`` in-process, and
:class:`RefServer` serves it from a real ``ThreadingHTTPServer`` on 127.0.0.1, with
injectable latency, announced limits, a count of concurrent requests and a switch that
takes the server down mid-run. Used by the tests and by ``bench/refcheck.py``.

Base URLs: ``{server}/crossref``, ``/eutils``, ``/openalex``, ``/doi``, ``/datacite``,
``/openlibrary``, ``/arxiv``, ``/europepmc``.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

import httpx

FIXTURES = Path(__file__).parent / "fixtures" / "refcheck"
SERVICES = {
    "crossref": "crossref",
    "eutils": "eutils",
    "openalex": "openalex",
    "doi": "doi",
    "datacite": "datacite",
    "openlibrary": "openlibrary",
    "arxiv": "arxiv",
    "europepmc": "europepmc",
}

CROSSREF_SEARCHES = (
    (("goodpasture", "systematic review"), "search_goodpasture_review.json"),
    (("goodpasture",), "search_goodpasture_cohort.json"),
    (("residual learning",), "search_resnet.json"),
    (("state of oa",), "search_state_of_oa.json"),
)
OPENLIBRARY_SEARCHES = ((("sot weed",), "search_sot_weed.json"),)
EUROPEPMC_SEARCHES = (
    (("spindle",), "search_sleep_spindles.json"),
    (("coffee",), "search_abstract_coffee.json"),
    (("vitamin", "pub_type:"), "search_litsearch_vitamin_d.json"),
)
PUBMED_SEARCHES = (
    (("ileal",), "esearch_wakefield.json"),
    (("piwowar",), "esearch_state_of_oa.json"),
    (("vitamin", "[pt]"), "esearch_litsearch_vitamin_d.json"),
)


@dataclass(frozen=True)
class Canned:
    status: int
    headers: dict[str, str]
    body: bytes


def load(relative: str) -> Canned:
    """A fixture body and the status and headers from its ``.meta.json``."""
    path = FIXTURES / relative
    meta = json.loads(path.with_name(path.name.rsplit(".", 1)[0] + ".meta.json").read_text())
    return Canned(meta["status"], dict(meta["headers"]), path.read_bytes())


def slug(doi: str) -> str:
    return doi.lower().replace("/", "_")


def _json(status: int, headers: dict[str, str], data: Any) -> Canned:
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    return Canned(status, headers, body)


@dataclass
class FixtureRouter:
    """Which fixture answers which request."""

    extra_headers: dict[str, str] = field(default_factory=dict)
    """Added to (and overriding) every response's headers: announced limits, say."""
    works: dict[str, bytes] = field(default_factory=dict)
    """Extra Crossref work bodies by lower-case DOI (the benchmark's 50 works)."""
    log: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)
    """(service, decoded path, query) of every request, in order."""
    hook: Callable[[str, str, dict[str, str]], Canned | None] | None = None
    """Return a response to replace the fixture's, or None."""
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def respond(self, raw_path: str, query: dict[str, str], headers: dict[str, str]) -> Canned:
        service, _, rest = raw_path.lstrip("/").partition("/")
        rest = unquote(rest)
        with self._lock:
            self.log.append((service, rest, dict(query)))
        canned = self.hook(service, rest, query) if self.hook else None
        if canned is None:
            canned = self._route(service, rest, query, headers)
        return Canned(canned.status, {**canned.headers, **self.extra_headers}, canned.body)

    def _route(
        self, service: str, rest: str, query: dict[str, str], headers: dict[str, str]
    ) -> Canned:
        if service == "crossref":
            return self._crossref(rest, query)
        if service == "eutils":
            return self._eutils(rest, query)
        if service == "openalex":
            return self._openalex(rest)
        if service == "doi":
            return self._doi(rest, headers)
        if service == "datacite":
            return self._datacite(rest)
        if service == "openlibrary":
            return self._openlibrary(rest, query)
        if service == "arxiv":
            return self._arxiv(query)
        if service == "europepmc":
            return _search_fixture("europepmc", EUROPEPMC_SEARCHES, query.get("query", ""))
        return Canned(404, {"content-type": "text/plain"}, b"no such service")

    def _crossref(self, rest: str, query: dict[str, str]) -> Canned:
        if rest == "works":
            wanted = query.get("query.bibliographic", "").lower()
            for needles, name in CROSSREF_SEARCHES:
                if all(n in wanted for n in needles):
                    return load(f"crossref/{name}")
            return load("crossref/search_unrelated.json")
        if rest.startswith("works/"):
            doi = rest.removeprefix("works/").lower()
            if doi in self.works:
                template = load("crossref/work_10.7717_peerj.4375.json")
                return Canned(200, template.headers, self.works[doi])
            path = FIXTURES / "crossref" / f"work_{slug(doi)}.json"
            if path.exists():
                return load(f"crossref/{path.name}")
            return load("crossref/not_found.txt")
        return Canned(404, {"content-type": "text/plain"}, b"Resource not found.")

    def _eutils(self, rest: str, query: dict[str, str]) -> Canned:
        if rest == "esearch.fcgi":
            term = query.get("term", "").lower()
            for needles, name in PUBMED_SEARCHES:
                if all(n in term for n in needles):
                    return load(f"pubmed/{name}")
            return load("pubmed/esearch_zero.json")
        if rest == "esummary.fcgi":
            ids = [i for i in query.get("id", "").split(",") if i]
            result: dict[str, Any] = {"uids": []}
            headers = load("pubmed/esearch_zero.json").headers
            for pmid in ids:
                path = FIXTURES / "pubmed" / f"esummary_{pmid}.json"
                if path.exists():
                    doc = json.loads(path.read_text())["result"][pmid]
                    result["uids"].append(pmid)
                    result[pmid] = doc
                else:
                    result[pmid] = {"uid": pmid, "error": "cannot get document summary"}
            return _json(
                200, headers, {"header": {"type": "esummary", "version": "0.3"}, "result": result}
            )
        if rest == "efetch.fcgi":
            path = FIXTURES / "pubmed" / f"efetch_{query.get('id', '')}.xml"
            return load(f"pubmed/{path.name}") if path.exists() else load("pubmed/efetch_empty.xml")
        return Canned(400, {"content-type": "text/plain"}, b"unknown utility")

    def _openalex(self, rest: str) -> Canned:
        if rest.startswith("works/doi:"):
            doi = rest.removeprefix("works/doi:")
            path = FIXTURES / "openalex" / f"work_{slug(doi)}.json"
            if path.exists():
                return load(f"openalex/{path.name}")
            return load("openalex/not_found.html")
        if rest == "works":
            return load("openalex/search_empty.json")
        return load("openalex/not_found.html")

    def agency(self, doi: str) -> dict[str, str]:
        """doi.org's ``doiRA`` entry for one DOI, from the fixtures that know it."""
        doi = doi.lower()
        if doi in self.works or (FIXTURES / "crossref" / f"work_{slug(doi)}.json").exists():
            return {"DOI": doi, "RA": "Crossref"}
        if (FIXTURES / "datacite" / f"doi_{slug(doi)}.json").exists():
            return {"DOI": doi, "RA": "DataCite"}
        if (FIXTURES / "doi_org" / f"handle_{slug(doi)}.json").exists():
            return {"DOI": doi, "RA": "mEDRA"}
        return {"DOI": doi, "status": "DOI does not exist"}

    def _doi(self, rest: str, headers: dict[str, str]) -> Canned:
        if rest.startswith("doiRA/"):
            dois = [d for d in rest.removeprefix("doiRA/").split(",") if d]
            headers = {"content-type": "application/json;charset=UTF-8", "server": "cloudflare"}
            return _json(200, headers, [self.agency(d) for d in dois])
        if rest.startswith("api/handles/"):
            doi = rest.removeprefix("api/handles/")
            path = FIXTURES / "doi_org" / f"handle_{slug(doi)}.json"
            if path.exists():
                return load(f"doi_org/{path.name}")
            missing = load("doi_org/handle_not_found.json")
            return Canned(404, missing.headers, missing.body.replace(b"HANDLE", doi.encode()))
        path = FIXTURES / "doi_org" / f"csl_{slug(rest)}.json"
        accept = headers.get("accept", "")
        if path.exists() and "citationstyles" in accept:
            return load(f"doi_org/{path.name}")
        page = load("doi_org/not_found.html")
        return Canned(404, page.headers, page.body.replace(b"DOI_PLACEHOLDER", rest.encode()))

    def _datacite(self, rest: str) -> Canned:
        doi = rest.removeprefix("dois/").lower()
        path = FIXTURES / "datacite" / f"doi_{slug(doi)}.json"
        return load(f"datacite/{path.name}") if path.exists() else load("datacite/not_found.json")

    def _openlibrary(self, rest: str, query: dict[str, str]) -> Canned:
        if rest == "search.json":
            wanted = " ".join(query.get(k, "") for k in ("q", "title", "author"))
            return _search_fixture("openlibrary", OPENLIBRARY_SEARCHES, wanted)
        name = rest.replace("/", "_")
        path = FIXTURES / "openlibrary" / name
        return load(f"openlibrary/{name}") if path.exists() else load("openlibrary/not_found.json")

    def _arxiv(self, query: dict[str, str]) -> Canned:
        identifier = query.get("id_list", "")
        path = FIXTURES / "arxiv" / f"id_{identifier}.xml"
        if identifier and path.exists():
            return load(f"arxiv/{path.name}")
        return load("arxiv/empty.xml")

    def requests_to(self, service: str) -> list[tuple[str, dict[str, str]]]:
        return [(path, query) for s, path, query in self.log if s == service]


def _search_fixture(service: str, searches: tuple, wanted: str) -> Canned:
    wanted = wanted.lower()
    for needles, name in searches:
        if all(n in wanted for n in needles):
            return load(f"{service}/{name}")
    return load(f"{service}/search_empty.json")


def mock_transport(router: FixtureRouter) -> httpx.MockTransport:
    """The router as an in-process ``httpx`` transport."""

    def handler(request: httpx.Request) -> httpx.Response:
        raw_path = request.url.raw_path.decode("ascii").split("?", 1)[0]
        canned = router.respond(
            raw_path, dict(request.url.params), {k.lower(): v for k, v in request.headers.items()}
        )
        return httpx.Response(canned.status, headers=canned.headers, content=canned.body)

    return httpx.MockTransport(handler)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out as separate writes
    server: _Server

    def do_GET(self) -> None:
        owner = self.server.owner
        if owner.down:
            self.close_connection = True  # no response at all: the peer sees a dropped link
            return
        with owner.lock:
            owner.in_flight += 1
            owner.peak = max(owner.peak, owner.in_flight)
            owner.requests += 1
            number = owner.requests
            over = owner.refuse_above is not None and owner.in_flight > owner.refuse_above
            owner.user_agents.add(self.headers.get("User-Agent", ""))
        try:
            if owner.latency:
                time.sleep(owner.latency)
            parts = urlsplit(self.path)
            query = dict(parse_qsl(parts.query, keep_blank_values=True))
            if over:
                canned = Canned(
                    429, {"content-type": "text/plain", "retry-after": "1"}, b"slow down"
                )
            else:
                headers = {k.lower(): v for k, v in self.headers.items()}
                canned = owner.router.respond(parts.path, query, headers)
            self.send_response(canned.status)
            for name, value in canned.headers.items():
                if name not in ("content-length", "transfer-encoding", "connection"):
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(canned.body)))
            self.end_headers()
            self.wfile.write(canned.body)
        finally:
            with owner.lock:
                owner.in_flight -= 1
        if owner.stop_after is not None and number >= owner.stop_after:
            owner.go_down()

    def log_message(self, format: str, *args: Any) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    owner: RefServer


class RefServer:
    """``with RefServer() as server: env = server.env()`` — a local fake of all four services."""

    def __init__(
        self,
        router: FixtureRouter | None = None,
        latency: float = 0.0,
        refuse_above: int | None = None,
        stop_after: int | None = None,
    ) -> None:
        self.router = router or FixtureRouter()
        self.latency = latency
        self.refuse_above = refuse_above
        """Answer 429 when more requests than this are in flight at once."""
        self.stop_after = stop_after
        """Go down after answering this many requests."""
        self.lock = threading.Lock()
        self.in_flight = 0
        self.peak = 0
        self.requests = 0
        self.user_agents: set[str] = set()
        self.down = False
        self._httpd = _Server(("127.0.0.1", 0), _Handler)
        self._httpd.owner = self
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self._closed = False

    @property
    def base(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, service: str) -> str:
        return f"{self.base}/{SERVICES[service]}"

    def env(self) -> dict[str, str]:
        return {
            "REFEREE_CROSSREF_URL": self.url("crossref"),
            "REFEREE_EUTILS_URL": self.url("eutils"),
            "REFEREE_OPENALEX_URL": self.url("openalex"),
            "REFEREE_DOI_URL": self.url("doi"),
            "REFEREE_DATACITE_URL": self.url("datacite"),
            "REFEREE_OPENLIBRARY_URL": self.url("openlibrary"),
            "REFEREE_ARXIV_URL": self.url("arxiv"),
            "REFEREE_EUROPEPMC_URL": self.url("europepmc"),
        }

    def serve_referee(self, monkeypatch: Any) -> RefServer:
        """Point referee's services at this server for one test (the variables of
        :meth:`env`, set through ``monkeypatch``); returns the server."""
        for name, value in self.env().items():
            monkeypatch.setenv(name, value)
        return self

    def go_down(self) -> None:
        """Stop answering: open connections are dropped, new ones refused."""
        with self.lock:
            if self.down:
                return
            self.down = True
        threading.Thread(target=self._close, daemon=True).start()

    def _close(self) -> None:
        if not self._closed:
            self._closed = True
            self._httpd.shutdown()
            self._httpd.server_close()

    def __enter__(self) -> RefServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.down = True
        self._close()
        self._thread.join(timeout=5)


FAKE_BASE = "https://fixtures.test"
"""Base of the in-process fake (``mock_transport``); nothing is ever sent there."""


def fixture_settings(base: str = FAKE_BASE, **overrides: Any) -> Any:
    """:class:`CheckSettings` pointing every service at ``base`` (no retries wait by default)."""
    from referee.refcheck import CheckSettings

    values: dict[str, Any] = {
        "crossref_url": f"{base}/crossref",
        "eutils_url": f"{base}/eutils",
        "openalex_url": f"{base}/openalex",
        "doi_url": f"{base}/doi",
        "datacite_url": f"{base}/datacite",
        "openlibrary_url": f"{base}/openlibrary",
        "arxiv_url": f"{base}/arxiv",
        "europepmc_url": f"{base}/europepmc",
        "backoff": (0.0, 0.0),
    }
    values.update(overrides)
    return CheckSettings(**values)
