"""`referee claims` and `referee refs`: JSON for programs, tables for people,
and hostile input handled with one clear message."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from cli_run import run

from referee.cli import main

SAMPLES = Path(__file__).parent.parent / "sample_articles"
SEED = SAMPLES / "acupuncture-goodpasture.txt"

MARKUP = "[bold red]x[/] [/] [@click=app.quit]q[/] [link=https://example.com]x[/link]"
ESCAPES = "\x1b[2J \x1b]52;c;aGVsbG8=\x07 \x1b[31mred\x1b[0m"
HOSTILE = (
    "Hostile Title\n\n"
    f"Acupuncture cures 90% of patients {MARKUP} according to studies.\n\n"
    f"Aspirin cuts heart attacks by 20% in adults {ESCAPES} over 50.\n"
)


def test_claims_json_shape(capsys) -> None:
    code, out, err = run(capsys, "claims", str(SEED), "--json")
    assert code == 0 and err == ""
    data = json.loads(out)
    assert data["article"] == str(SEED)
    claims = data["claims"]
    assert len(claims) >= 20
    text = SEED.read_text(encoding="utf-8")
    for claim in claims:
        for key in ("id", "start", "end", "text", "kind", "score", "cues", "flags", "citations"):
            assert key in claim
        assert text[claim["start"] : claim["end"]] == claim["text"]
        for flag in claim["flags"]:
            assert set(flag) >= {"code", "reason"}


def test_refs_json_shape(capsys) -> None:
    code, out, _ = run(capsys, "refs", str(SEED), "--json")
    assert code == 0
    data = json.loads(out)
    for key in ("references", "citations", "dangling", "uncited"):
        assert key in data
    for ref in data["references"]:
        for key in (
            "id",
            "start",
            "end",
            "raw",
            "authors",
            "year",
            "title",
            "container",
            "volume",
            "issue",
            "pages",
            "doi",
            "citations",
        ):
            assert key in ref


def test_claims_table_for_people(capsys) -> None:
    code, out, _ = run(capsys, "claims", str(SEED))
    assert code == 0
    assert "claims" in out and "promise-wording" in out.replace("\n", "")


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.md"
    path.write_text(HOSTILE, encoding="utf-8")
    return path


def test_json_carries_hostile_text_verbatim(capsys, hostile: Path) -> None:
    code, out, _ = run(capsys, "claims", str(hostile), "--json")
    assert code == 0
    texts = [c["text"] for c in json.loads(out)["claims"]]
    assert any(MARKUP in t for t in texts)
    assert any(ESCAPES in t for t in texts)
    assert "\x1b" not in out  # JSON escapes control characters itself


def test_table_prints_markup_literally_and_escapes_visibly(hostile: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "referee", "claims", str(hostile)],
        capture_output=True,
        text=True,
        env={"COLUMNS": "400", "NO_COLOR": "1", "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "\x1b" not in out and "\x07" not in out
    assert "[@click=app.quit]q[/]" in out and "[bold red]x[/]" in out
    assert "␛[2J" in out and "␛]52;c;aGVsbG8=␇" in out


@pytest.mark.parametrize("body", [b"", b"   \n\n\t  \n"])
def test_empty_articles_have_no_claims(capsys, tmp_path: Path, body: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(body)
    code, out, _ = run(capsys, "claims", str(path), "--json")
    assert code == 0 and json.loads(out)["claims"] == []
    code, out, _ = run(capsys, "refs", str(path), "--json")
    assert code == 0 and json.loads(out)["references"] == []


def test_long_single_line(capsys, tmp_path: Path) -> None:
    sentence = "Vitamin C reduces colds by 8% in adults according to trials. "
    path = tmp_path / "long.txt"
    path.write_text(sentence * (200_000 // len(sentence)), encoding="utf-8")
    assert path.stat().st_size > 190_000 and "\n" not in path.read_text()
    code, out, _ = run(capsys, "claims", str(path), "--json")
    assert code == 0
    claims = json.loads(out)["claims"]
    assert len(claims) > 3000
    assert claims[0]["id"] != claims[1]["id"]


def test_utf16_and_latin1(capsys, tmp_path: Path) -> None:
    utf16 = tmp_path / "u16.txt"
    utf16.write_bytes(HOSTILE.encode("utf-16"))
    code, out, err = run(capsys, "claims", str(utf16), "--json")
    assert code == 0 and err == "" and json.loads(out)["encoding"] == "utf-16"
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Title\n\nCafé au lait reduces stress by 20% in adults.\n".encode("latin-1"))
    code, out, err = run(capsys, "claims", str(latin), "--json")
    assert code == 0 and "Windows-1252" in err
    data = json.loads(out)
    assert data["warnings"] and "Café" in data["claims"][0]["text"]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d, "is a directory"),
        (lambda d: d / "missing.md", "no such file"),
        (lambda d: _write(d / "binary.md", bytes(range(256)) * 8), "binary"),
    ],
)
@pytest.mark.parametrize("command", ["claims", "refs"])
def test_bad_input_exits_2_with_one_line(tmp_path: Path, make, message: str, command: str) -> None:
    target = make(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "referee", command, str(target)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0] and "Traceback" not in result.stderr


def test_usage_errors_exit_2_with_one_line(capsys) -> None:
    assert main(["claims"]) == 2
    err = capsys.readouterr().err
    assert err == (
        "referee: claims: the following arguments are required: ARTICLE "
        "(`referee claims --help` shows the usage)\n"
    )
    assert main(["claims", str(SEED), "--bogus"]) == 2
    assert "unrecognized arguments: --bogus" in capsys.readouterr().err


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_refs_show_checks_stored_in_the_review(capsys, tmp_path: Path) -> None:
    from referee.model import CheckResult
    from referee.review.session import Session

    article = tmp_path / "seed.txt"
    article.write_bytes(SEED.read_bytes())
    Session.open(article).record_checks(
        [CheckResult("zhang2021", "not_found", ("crossref: no match",), ("crossref",))]
    )
    code, out, _ = run(capsys, "refs", str(article), "--json")
    refs = {r["id"]: r for r in json.loads(out)["references"]}
    assert code == 0
    assert refs["zhang2021"]["check"]["status"] == "not_found"
    assert refs["zhang2021"]["check"]["reasons"] == ["crossref: no match"]
    assert refs["wang2020"]["check"] is None
    code, out, _ = run(capsys, "refs", str(article))
    assert "not_found" in out and "unchecked" in out
