"""``referee export`` and ``referee import`` from the command line."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from cli_run import run
from publish_sample import REVIEWER, reviewed_sample

from referee.cli import main
from referee.review import store


@pytest.fixture
def article(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("REFEREE_REVIEWER", REVIEWER)
    monkeypatch.setenv("REFEREE_CONFIG", str(tmp_path / "config.toml"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764590400")  # 2025-12-01T12:00:00Z
    return reviewed_sample(tmp_path / "review").article.path


def test_export_writes_every_format_to_stdout(article: Path, capsys) -> None:
    code, out, _ = run(capsys, "export", str(article), "--format", "w3c")
    assert code == 0 and json.loads(out)["generated"] == "2025-12-01T12:00:00Z"
    code, out, err = run(capsys, "export", str(article), "--format", "claimreview")
    assert code == 0 and "no --review-url" in err and "url" not in json.loads(out)[0]
    code, out, _ = run(capsys, "export", str(article), "--format", "hypothesis")
    assert json.loads(out)["export_date"] == "2025-12-01T12:00:00.000Z"
    code, out, _ = run(capsys, "export", str(article), "--format", "csv")
    assert next(csv.reader(io.StringIO(out)))[0] == "id"
    code, out, _ = run(capsys, "export", str(article), "--format", "html")
    assert out.startswith("<!DOCTYPE html>")


def test_export_to_a_file_with_urls_from_the_command_line_and_the_config(
    article: Path, tmp_path: Path, capsys
) -> None:
    (tmp_path / "config.toml").write_text(
        '[publish]\nauthor = "Example Fact Check"\nreview_url = "https://f.example/r"\n'
        '[publish.ratings]\noverstated = "Misleading"\n'
    )
    target = tmp_path / "out.json"
    code, out, err = run(
        capsys,
        "export",
        str(article),
        "--format",
        "claimreview",
        "-o",
        str(target),
        "--url",
        "https://elsewhere.example/post",
    )
    assert code == 0 and out == "" and str(target) in err
    reviews = json.loads(target.read_text())
    assert reviews[0]["url"].startswith("https://f.example/r#")
    assert reviews[0]["author"] == {"@type": "Organization", "name": "Example Fact Check"}
    assert reviews[0]["itemReviewed"]["appearance"]["url"] == "https://elsewhere.example/post"
    assert "Misleading" in {r["reviewRating"]["alternateName"] for r in reviews}
    run(
        capsys,
        "export",
        str(article),
        "--format",
        "claimreview",
        "-o",
        str(target),
        "--review-url",
        "https://g.example/x",
    )
    assert json.loads(target.read_text())[0]["url"].startswith("https://g.example/x#")


def test_bad_export_arguments_exit_2(article: Path, tmp_path: Path, capsys) -> None:
    assert main(["export", str(article), "--format", "pdf"]) == 2  # a usage error: one line
    err = capsys.readouterr().err
    assert "invalid choice" in err and err.count("\n") == 1
    code, _, err = run(capsys, "export", str(article), "--format", "html", "-o", str(tmp_path))
    assert code == 2 and "is a directory" in err and err.count("\n") == 1
    before = article.read_bytes(), store.review_path(article).read_bytes()
    for target in (article, store.review_path(article)):
        code, _, err = run(capsys, "export", str(article), "--format", "csv", "-o", str(target))
        assert code == 2 and "is the article or its review" in err
    assert (article.read_bytes(), store.review_path(article).read_bytes()) == before


def test_a_bad_publish_config_exits_2(article: Path, tmp_path: Path, capsys) -> None:
    (tmp_path / "config.toml").write_text("[publish]\nbest_rating = 'x'\n")
    code, _, err = run(capsys, "export", str(article), "--format", "claimreview")
    assert code == 2 and err.count("\n") == 1 and "best_rating" in err


def test_import_a_w3c_export_into_a_fresh_copy(article: Path, tmp_path: Path, capsys) -> None:
    exported = tmp_path / "review.jsonld"
    assert main(["export", str(article), "--format", "w3c", "-o", str(exported)]) == 0
    copy = tmp_path / "copy" / article.name
    copy.parent.mkdir()
    copy.write_bytes(article.read_bytes())
    capsys.readouterr()
    code, out, _ = run(capsys, "import", str(copy), str(exported))
    assert code == 0 and "w3c: 8 annotation(s) read, 8 claim(s) changed, 1 orphan(s)" in out
    imported = store.read(store.review_path(copy))
    original = store.read(store.review_path(article))
    assert imported.claims.keys() == original.claims.keys()
    code, out, _ = run(capsys, "import", str(copy), str(exported))
    assert "0 claim(s) changed" in out


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"not json", "not JSON"), (b'{"x": 1}', "not a W3C"), (b"\xff\xfe\x00", "not JSON")],
)
def test_import_of_a_bad_file_exits_2_and_writes_nothing(
    article: Path, tmp_path: Path, capsys, content: bytes, message: str
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    before = store.review_path(article).read_bytes()
    code, _, err = run(capsys, "import", str(article), str(bad))
    assert code == 2 and message in err and err.count("\n") == 1
    assert store.review_path(article).read_bytes() == before
    code, _, err = run(capsys, "import", str(article), str(tmp_path / "missing.json"))
    assert code == 2 and "no such file" in err


def test_import_into_an_unreadable_review_exits_2_and_leaves_it(
    article: Path, tmp_path: Path, capsys
) -> None:
    exported = tmp_path / "review.jsonld"
    main(["export", str(article), "--format", "w3c", "-o", str(exported)])
    store.review_path(article).write_text("schema = 9\n")
    capsys.readouterr()
    code, _, err = run(capsys, "import", str(article), str(exported))
    assert code == 2 and "unknown schema 9" in err
    assert store.review_path(article).read_text() == "schema = 9\n"
