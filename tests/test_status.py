"""``referee status``: the JSON shape (as the README documents it), the columns, names
shortened at 80 columns, and rows kept for unchanged article + review pairs."""

from __future__ import annotations

import json
import marshal
import re
from dataclasses import replace
from pathlib import Path

import pytest
from colds import ARTICLE, REFERENCES

from referee.cli import main
from referee.publish import survey
from referee.review import file_format, store
from referee.review.record import FieldConflict
from referee.review.session import Session

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


@pytest.fixture
def newsroom(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("REFEREE_REVIEWER", "Ada <ada@example.org>")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "health").mkdir()
    colds = tmp_path / "health" / "colds.txt"
    colds.write_text(ARTICLE + REFERENCES)
    deep = tmp_path / "archive" / "2026" / "november" / "investigations-and-long-reads"
    deep.mkdir(parents=True)
    (deep / "a-very-long-article-name-about-vitamin-d-and-colds.md").write_text(ARTICLE)
    session = Session.open(colds)
    first, second, third = (s.id for s in session.claims()[:3])
    session.set_verdict(first, "supported")
    session.set_verdict(second, "overstated")
    session.dismiss(third)
    # a merge left a conflict on the first claim's verdict
    review = store.read(session.review_path)
    review.claims[first] = replace(
        review.claims[first], conflicts=(FieldConflict.pair("verdict", "supported", "unsupported"),)
    )
    session.review_path.write_text(file_format.dumps(review))
    return tmp_path


def status_json(capsys, *paths: str) -> dict:
    assert main(["status", "--json", *paths]) == 0
    return json.loads(capsys.readouterr().out)


def test_status_json_has_the_documented_shape(newsroom: Path, capsys) -> None:
    data = status_json(capsys)
    documented = README.split("<!-- status-json:start -->")[1].split("<!-- status-json:end -->")[0]
    keys = set(re.findall(r'"(\w+)":', documented))
    assert set(data) == {"articles", "totals"}
    colds = next(a for a in data["articles"] if a["article"].endswith("colds.txt"))
    assert set(colds) | set(colds["verdicts"]) | set(data["totals"]) <= keys
    assert set(colds) - {"verdicts"} <= keys

    session = Session.open(newsroom / "health" / "colds.txt")
    shown = session.claims()
    assert colds == {
        "article": str(Path("health/colds.txt")),
        "review": str(Path("health/colds.txt.review.toml")),
        "claims": len(shown),
        "reviewed": 2,
        "verdicts": {"supported": 1, "unsupported": 0, "overstated": 1},
        "flagged": sum(1 for s in shown if not s.verdict and s.claim and s.claim.flags),
        "stale": 0,
        "orphans": 0,
        "dismissed": 1,
        "conflicts": 1,
        "error": None,
    }
    assert colds["flagged"] > 0
    other = next(a for a in data["articles"] if a is not colds)
    assert other["review"] is None and other["reviewed"] == 0
    totals = data["totals"]
    assert totals["articles"] == 2 and totals["errors"] == 0
    assert totals["claims"] == colds["claims"] + other["claims"]
    assert totals["flagged"] == colds["flagged"] + other["flagged"]
    assert totals["verdicts"] == colds["verdicts"]


def test_status_table_fits_80_columns_and_shows_flags_and_conflicts(
    newsroom: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    assert main(["status"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 80
    header = next(line for line in lines if "reviewed" in line)
    assert header.split() == ["article", "reviewed", "✓", "✗", "≈", "!", "stale", "orphans", "‼"]
    long_row = next(line for line in lines if "colds.md" in line)
    assert "…" in long_row and long_row.lstrip().startswith("…")
    assert "investigations" not in long_row  # cut from the left, the name is kept
    colds = next(line for line in lines if "health/colds.txt" in line)
    assert colds.split()[-1] == "1"  # the conflict
    assert "flagged" in out and "conflicts" in out  # the caption explains the glyphs


def stored_rows(cache: Path) -> list[Path]:
    return sorted(p for p in (cache / "status").rglob("*") if p.is_file())


def test_rows_are_kept_for_unchanged_pairs_and_rebuilt_otherwise(newsroom: Path, capsys) -> None:
    first = status_json(capsys)
    cache = Path(survey.rows_folder()).parents[1]
    entries = stored_rows(cache)
    assert len(entries) == 2
    # Tamper with every kept row: the next run answers from them...
    for entry in entries:
        fmt, key, counts, verdicts = marshal.loads(entry.read_bytes())
        entry.write_bytes(marshal.dumps((fmt, key, (99, *counts[1:]), verdicts)))
    assert {a["claims"] for a in status_json(capsys)["articles"]} == {99}
    # ...until the review changes: that row is made again, the other is kept.
    colds = newsroom / "health" / "colds.txt"
    session = Session.open(colds)
    session.set_verdict(session.claims()[-1].id, "unsupported")
    name = str(Path("health/colds.txt"))
    before = {a["article"]: a for a in first["articles"]}
    again = {a["article"]: a for a in status_json(capsys)["articles"]}
    assert again[name]["reviewed"] == 3
    assert again[name]["claims"] == before[name]["claims"]
    assert [a["claims"] for n, a in again.items() if n != name] == [99]
    # A broken row is ignored and made again.
    for entry in stored_rows(cache):
        entry.write_bytes(b"\x00broken")
    rebuilt = {a["article"]: a for a in status_json(capsys)["articles"]}
    assert {n: a["claims"] for n, a in rebuilt.items()} == {
        n: a["claims"] for n, a in before.items()
    }
    readable = 0
    for entry in stored_rows(cache):
        try:
            marshal.loads(entry.read_bytes())
            readable += 1
        except (EOFError, ValueError, TypeError):
            pass
    assert readable == 2


def test_a_review_of_another_version_is_placed_again_every_time(newsroom: Path, capsys) -> None:
    colds = newsroom / "health" / "colds.txt"
    colds.write_text("Breaking: " + colds.read_text())  # the review's base is now older
    data = status_json(capsys, "health")
    assert data["articles"][0]["reviewed"] == 2
    assert stored_rows(Path(survey.rows_folder()).parents[1]) == []


def test_an_unreadable_article_is_a_row_with_an_error(newsroom: Path, capsys) -> None:
    (newsroom / "health" / "broken.md").write_bytes(b"\x00\x01\x02" * 100)
    data = status_json(capsys, "health")
    broken = next(a for a in data["articles"] if a["article"].endswith("broken.md"))
    assert "binary" in broken["error"]
    assert data["totals"]["errors"] == 1


def test_check_and_a_warm_status_extract_no_claims(newsroom: Path, capsys) -> None:
    """``check --strict`` places stored quotes without analysing the article; ``status``
    with every row cached does not even import the analyser."""
    from fresh_python import output_of

    colds = newsroom / "health" / "colds.txt"
    colds.write_text(colds.read_text().replace("by 40 percent", "by 30 percent"))
    status_json(capsys)  # fills the caches
    probe = (
        "import contextlib, io, sys; from referee.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
        "    code = main([{args}])\n"
        "print(code, 'referee.text.claims' in sys.modules, 'stale' in out.getvalue())"
    )
    strict = output_of(probe.format(args=f"'check', '--strict', {str(newsroom)!r}"))
    assert strict == "1 False True"
    archive = str(newsroom / "archive")  # its row was kept by the first status
    warm = output_of(probe.format(args=f"'status', '--json', {archive!r}"))
    assert warm.split()[:2] == ["0", "False"]
