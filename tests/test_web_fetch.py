"""``referee fetch`` against a local server on 127.0.0.1 serving pages we wrote: the
article is kept, the rest dropped, the front matter is complete, and every bad answer is
one line on stderr, exit 2, no file written."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
from pathlib import Path

import httpx
import pytest
from webserver import FIXTURES, WebServer

from referee.cli import main
from referee.text import front_matter
from referee.web import page_cache
from referee.web.document import FIELDS, fetch_article, slug
from referee.web.download import FetchError, FetchSettings, check_url, download


@pytest.fixture(scope="module")
def server():
    with WebServer() as web:
        yield web


@pytest.fixture(autouse=True)
def _here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # the cache is tmp_path / "cache" (tests/conftest.py)
    monkeypatch.delenv("REFEREE_ALLOW_HTTP", raising=False)
    monkeypatch.delenv("REFEREE_ARCHIVE_URL", raising=False)


def fetch(*args: str, capsys) -> tuple[int, str, str]:
    code = main(["fetch", *args])
    out, err = capsys.readouterr()
    return code, out, err


def written(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix == ".md")


def test_news_story_keeps_the_article_and_drops_the_rest(server, tmp_path, capsys) -> None:
    code, out, err = fetch(server.url("/news"), capsys=capsys)
    assert (code, err) == (0, "")
    path = tmp_path / "council-approves-riverside-park-after-two-year-fight.md"
    assert out.strip() == path.name
    text = path.read_text(encoding="utf-8")
    head = front_matter.parse(text)
    assert head is not None
    body = text[head.body :]
    for kept in (
        "# Council approves riverside park after two-year fight",
        "The city council voted 7-2 on Tuesday night",
        "## A long campaign by residents",
        '"We never wanted to stop growth',
        "- Soil testing begins in May",
        "*at least 600 jobs*",
        "**disappointed**",
        "according to the city's budget office",
    ):
        assert kept in body, kept
    for dropped in (
        "cookies",
        "Subscribe",
        "ADVERTISEMENT",
        "Share on Facebook",
        "Sign up for our free newsletter",
        "Related stories",
        "Flood insurance premiums",
        "Finally some good news",
        "waste of money",
        "Most read",
        "All rights reserved",
        "Privacy policy",
    ):
        assert dropped not in body, dropped
    assert "](" not in body  # links are kept as their text


def test_front_matter_is_complete(server, tmp_path, capsys) -> None:
    fetch(server.url("/news"), capsys=capsys)
    (path,) = written(tmp_path)
    data = path.read_bytes()
    values = front_matter.parse(data.decode()).values
    assert values["title"] == "Council approves riverside park after two-year fight"
    assert values["author"] == "Maria Okafor"
    assert values["date"] == "2026-03-04"
    assert values["site"] == "The Harbour Gazette"
    assert values["url"] == values["final_url"] == server.url("/news")
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", values["fetched"])
    assert values["status"] == "200"
    assert values["content_type"] == "text/html"
    html = (FIXTURES / "news.html").read_bytes()
    assert values["sha256"] == hashlib.sha256(html).hexdigest()
    assert values["extractor"] == "trafilatura"
    assert values["extractor_version"].startswith("2.3.")
    assert list(values) == [f for f in FIELDS if f in values]
    assert "archived_url" not in values  # only with --archive
    body = data.decode()[front_matter.parse(data.decode()).body :].removeprefix("\n")
    assert values["text_sha256"] == hashlib.sha256(body.encode()).hexdigest()


def test_raw_html_is_cached_gzipped_by_sha256(server, tmp_path, capsys) -> None:
    fetch(server.url("/blog"), capsys=capsys)
    html = (FIXTURES / "blog.html").read_bytes()
    digest = hashlib.sha256(html).hexdigest()
    cached = tmp_path / "cache" / "pages" / digest[:2] / f"{digest}.html.gz"
    assert gzip.decompress(cached.read_bytes()) == html
    assert page_cache.load(digest) == html
    assert not list(tmp_path.glob("*.gz")) and not list(tmp_path.glob("*.html"))


def test_blog_post(server, tmp_path, capsys) -> None:
    code, out, _ = fetch(server.url("/blog"), capsys=capsys)
    assert code == 0
    text = (tmp_path / out.strip()).read_text(encoding="utf-8")
    values = front_matter.parse(text).values
    assert values["author"] == "Jonas Lindqvist"
    assert values["date"] == "2025-11-18"
    assert "1. I look at weekly averages instead of single days." in text
    assert "*bad*" in text
    for dropped in (
        "Share this",
        "About the author",
        "Leave a Reply",
        "Recent posts",
        "Have you tried wearing it",
        "Proudly powered",
        "Previous post",
    ):
        assert dropped not in text, dropped


def test_windows_1252_without_a_charset_is_detected(server, tmp_path, capsys) -> None:
    code, out, _ = fetch(server.url("/cp1252"), capsys=capsys)
    assert code == 0
    text = (tmp_path / out.strip()).read_text(encoding="utf-8")
    assert "Owners of the town’s cafés" in text
    assert "€40 per table" in text and "Hélène Dubois" in text and "Mr Núñez" in text
    assert "“It is a tax on sunshine,”" in text
    assert out.strip() == "cafe-owners-protest-the-new-pavement-tax.md"


def test_xhtml_and_plain_text(server, tmp_path, capsys) -> None:
    code, out, _ = fetch(server.url("/xhtml"), capsys=capsys)
    assert code == 0
    text = (tmp_path / out.strip()).read_text(encoding="utf-8")
    assert "application/xhtml+xml" in text and "400 extra visitors a week" in text
    code, out, _ = fetch(server.url("/plain"), capsys=capsys)
    assert code == 0
    text = (tmp_path / out.strip()).read_text(encoding="utf-8")
    values = front_matter.parse(text).values
    assert values["content_type"] == "text/plain"
    assert values["title"] == "Notes on the harbour dredging contract"
    assert text.endswith("The work is due to start in September and last eleven weeks.\n")


def test_a_redirect_chain_is_followed(server, tmp_path, capsys) -> None:
    code, out, _ = fetch(server.url("/redirect/5"), capsys=capsys)
    assert code == 0
    values = front_matter.parse((tmp_path / out.strip()).read_text()).values
    assert values["url"] == server.url("/redirect/5")
    assert values["final_url"] == server.url("/news")


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/missing", "HTTP 404"),
        ("/error", "HTTP 503"),
        ("/paper.pdf", "not a web page (application/pdf)"),
        ("/big", "too large"),
        ("/big-chunked", "too large"),
        ("/loop/a", "redirect loop"),
        ("/redirect/6", "more than 5 redirects"),
        ("/script-only", "no main text"),
        ("/to-remote", "refusing plain http to example.com"),
    ],
)
def test_bad_answers_are_one_line_exit_2_and_no_file(
    server, tmp_path, capsys, path, message
) -> None:
    code, out, err = fetch(server.url(path), capsys=capsys)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("referee: ") and message in err, err
    assert written(tmp_path) == []
    assert not (tmp_path / "cache").exists()


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://example.org/a", "invalid URL"),
        ("https://", "invalid URL"),
        ("http://[::1", "invalid URL"),
        ("https://exa mple.org/", "invalid URL"),
        ("http://example.org/story", "refusing plain http"),
        ("not a url", "invalid URL"),
    ],
)
def test_invalid_urls(capsys, tmp_path, url, message) -> None:
    code, _, err = fetch(url, capsys=capsys)
    assert code == 2 and message in err and err.count("\n") == 1
    assert written(tmp_path) == []


def test_the_http_rule_is_refchecks(monkeypatch) -> None:
    assert check_url("http://localhost:8080/a", allow_http=False)
    assert check_url("http://127.0.0.1/a", allow_http=False)
    assert check_url("https://example.org/a", allow_http=False)
    with pytest.raises(FetchError):
        check_url("http://example.org/a", allow_http=False)
    assert check_url("http://example.org/a", allow_http=True)
    monkeypatch.setenv("REFEREE_ALLOW_HTTP", "1")
    assert FetchSettings.from_environment().allow_http


def test_a_slow_server_times_out(server) -> None:
    settings = FetchSettings(timeout=0.3)
    server.slow_seconds = 1.5
    with pytest.raises(FetchError, match=r"timed out after 0\.3 s"):
        download(server.url("/slow"), settings)


def test_a_page_without_content_type_is_sniffed(server) -> None:
    page = download(server.url("/no-type"), FetchSettings())
    assert page.content_type == "text/html"


def test_never_overwrites_without_force(server, tmp_path, capsys) -> None:
    target = tmp_path / "council-approves-riverside-park-after-two-year-fight.md"
    target.write_text("mine\n")
    code, _, err = fetch(server.url("/news"), capsys=capsys)
    assert code == 2 and "exists; use --force" in err and err.count("\n") == 1
    assert target.read_text() == "mine\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    code, _, _ = fetch(server.url("/news"), "--force", capsys=capsys)
    assert code == 0 and target.read_text().startswith("---\ntitle:")


def test_output_file(server, tmp_path, capsys) -> None:
    code, out, _ = fetch(server.url("/blog"), "-o", "sub/post.md", capsys=capsys)
    assert code == 2  # no such folder
    (tmp_path / "sub").mkdir()
    code, out, _ = fetch(server.url("/blog"), "-o", "sub/post.md", capsys=capsys)
    assert code == 0 and out.strip() == os.path.join("sub", "post.md")
    assert (tmp_path / "sub" / "post.md").read_text().startswith("---\n")


def test_update_says_whether_the_page_changed(server, tmp_path, capsys) -> None:
    news = (FIXTURES / "news.html").read_text(encoding="utf-8")
    url = server.add("story", news.encode())
    assert main(["fetch", url, "-o", "story.md"]) == 0
    capsys.readouterr()
    first = (tmp_path / "story.md").read_text()

    assert main(["fetch", "--update", "story.md"]) == 0
    out = capsys.readouterr().out
    assert "page unchanged" in out and "text unchanged" in out

    # Only the boilerplate changes: new HTML, same text.
    server.add("story", news.replace("Most read", "Most popular").encode())
    assert main(["fetch", "--update", "story.md"]) == 0
    out = capsys.readouterr().out
    assert "page changed" in out and "text unchanged" in out

    server.add("story", news.replace("7-2 on Tuesday", "8-1 on Tuesday").encode())
    assert main(["fetch", "--update", "story.md"]) == 0
    out = capsys.readouterr().out
    assert "page changed" in out and "text changed" in out
    text = (tmp_path / "story.md").read_text()
    assert "voted 8-1 on Tuesday" in text and text != first
    assert front_matter.parse(text).values["url"] == url


def test_update_needs_a_url_in_the_front_matter(tmp_path, capsys) -> None:
    (tmp_path / "mine.md").write_text("---\ntitle: Mine\n---\n\n# Mine\n")
    code, _, err = fetch("--update", "mine.md", capsys=capsys)
    assert code == 2 and "no url in its front matter" in err


def test_update_re_anchors_the_review(server, tmp_path, capsys) -> None:
    news = (FIXTURES / "news.html").read_text(encoding="utf-8")
    url = server.add("anchored", news.encode())
    assert main(["fetch", url, "-o", "a.md"]) == 0
    capsys.readouterr()
    assert main(["claims", "a.md", "--json"]) == 0
    claims = json.loads(capsys.readouterr().out)["claims"]
    target = next(c for c in claims if "14 million dollars" in c["text"])
    assert main(["mark", "a.md", target["id"], "supported"]) == 0
    capsys.readouterr()
    edited = news.replace("ending a two-year dispute", "ending a long dispute")
    server.add("anchored", ("<!-- v2 -->" + edited).encode())
    assert main(["fetch", "--update", "a.md"]) == 0
    out = capsys.readouterr().out
    assert "review re-anchored: " in out and "0 stale, 0 orphaned" in out
    assert main(["report", "a.md", "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    (stored,) = [c for c in report["claims"] if c["verdict"] == "supported"]
    assert "14 million dollars" in stored["text"] and stored["anchor"] in ("moved", "exact")


def test_archive_records_the_closest_snapshot(server, tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("REFEREE_ARCHIVE_URL", server.base)
    url = server.url("/blog")
    server.snapshots[url] = "http://web.archive.org/web/20260301120000/" + url
    code, out, err = fetch(url, "--archive", capsys=capsys)
    assert (code, err) == (0, "")
    values = front_matter.parse((tmp_path / out.strip()).read_text()).values
    assert values["archived_url"] == "https://web.archive.org/web/20260301120000/" + url
    assert server.archive_queries[-1]["url"] == url
    assert re.fullmatch(r"\d{14}", server.archive_queries[-1]["timestamp"])


def test_archive_without_a_snapshot_warns_and_writes(server, tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("REFEREE_ARCHIVE_URL", server.base)
    asked = len(server.archive_queries)
    code, out, err = fetch(server.url("/xhtml"), "--archive", capsys=capsys)
    assert code == 0 and "has no snapshot" in err
    assert "archived_url" not in (tmp_path / out.strip()).read_text()
    assert len(server.archive_queries) == asked + 1


def test_no_archive_request_unless_asked(server, capsys, monkeypatch) -> None:
    monkeypatch.setenv("REFEREE_ARCHIVE_URL", server.base)
    asked = len(server.archive_queries)
    assert fetch(server.url("/xhtml"), capsys=capsys)[0] == 0
    assert len(server.archive_queries) == asked


def test_a_gzip_bomb_is_capped_after_decompression() -> None:
    body = gzip.compress(b"<p>" + b"a" * 11_000_000 + b"</p>")

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200, content=body, headers={"content-type": "text/html", "content-encoding": "gzip"}
        )

    with pytest.raises(FetchError, match="too large"):
        fetch_article(
            "https://news.test/bomb", FetchSettings(), transport=httpx.MockTransport(handler)
        )


def test_charset_from_header_beats_the_meta_tag() -> None:
    html = '<meta charset="utf-8"><p>Café</p>'.encode("cp1252")

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200, content=html, headers={"content-type": "text/html; charset=windows-1252"}
        )

    page = download("https://news.test/a", FetchSettings(), transport=httpx.MockTransport(handler))
    from referee.web.decoding import decode

    assert decode(page.body, page.charset).text.endswith("<p>Café</p>")
    assert decode(html).source == "meta"  # without the header the tag would be believed


@pytest.mark.parametrize(
    ("title", "url", "expected"),
    [
        ("Council approves riverside park", "", "council-approves-riverside-park"),
        ("Café “owners” protest: €40!", "", "cafe-owners-protest-40"),
        ("", "https://x.test/news/2026/the-story.html", "the-story"),
        ("", "https://x.test/", "x-test"),
        ("日本語", "", "article"),
        ("word " * 30, "", "-".join(["word"] * 12)),
    ],
)
def test_slug(title, url, expected) -> None:
    assert slug(title, url) == expected


def test_a_failed_update_leaves_the_file_as_it_was(server, tmp_path, capsys) -> None:
    url = server.add("gone", (FIXTURES / "news.html").read_bytes())
    assert main(["fetch", url, "-o", "gone.md"]) == 0
    before = (tmp_path / "gone.md").read_bytes()
    server.pages.pop("/page/gone")
    capsys.readouterr()
    code, out, err = fetch("--update", "gone.md", capsys=capsys)
    assert code == 2 and "HTTP 404" in err and err.count("\n") == 1 and out == ""
    assert (tmp_path / "gone.md").read_bytes() == before
