"""``referee mark``, ``resolve``, ``report``, ``status``, ``check`` and ``claims`` verdicts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_run import run
from colds import ARTICLE as COLDS
from colds import REFERENCES

from referee.cli import main
from referee.review import store
from referee.review.session import Session

ARTICLE = COLDS + REFERENCES


@pytest.fixture
def article(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("REFEREE_REVIEWER", "Ada Lovelace <ada@example.org>")
    path = tmp_path / "colds.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def ids(article: Path) -> dict[str, str]:
    return {s.text.split()[0]: s.id for s in Session.open(article).claims()}


def review_of(article: Path) -> Path:
    return article.with_name(article.name + ".review.toml")


# ----------------------------------------------------------------------------- mark


def test_mark_saves_verdict_note_and_refs(article: Path, capsys) -> None:
    claim = ids(article)["Many"]
    ref = Session.open(article).analysis.references[0].id
    code, out, _ = run(
        capsys, "mark", str(article), claim, "unsupported", "--note", "Which trial?", "--ref", ref
    )
    assert code == 0
    assert f"{claim}: unsupported; note: Which trial?; refs: {ref}" in out
    assert "1/6 reviewed" in out
    stored = store.read(review_of(article)).claims[claim]
    assert (stored.verdict, stored.note, stored.refs) == ("unsupported", "Which trial?", (ref,))
    assert stored.reviewer == "Ada Lovelace <ada@example.org>"
    code, out, _ = run(capsys, "mark", str(article), claim, "unsupported")
    assert code == 0 and "(unchanged)" in out
    code, out, _ = run(capsys, "mark", str(article), claim, "clear", "--reviewer", "Bob")
    stored = store.read(review_of(article)).claims[claim]
    assert stored.verdict is None and stored.note == "Which trial?" and stored.reviewer == "Bob"


def test_mark_clear_on_an_untouched_claim_writes_nothing(article: Path, capsys) -> None:
    code, out, _ = run(capsys, "mark", str(article), ids(article)["Sugar"], "clear")
    assert code == 0 and "(unchanged)" in out
    assert not review_of(article).exists()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["cnosuchid", "supported"], "no claim with id 'cnosuchid'"),
        (["{claim}", "supported", "--ref", "nosuch1999"], "no reference with id 'nosuch1999'"),
        (["{claim}", "probably"], "invalid choice"),
    ],
)
def test_mark_bad_input_exits_2(article: Path, capsys, argv: list[str], message: str) -> None:
    claim = ids(article)["Sugar"]
    argv = [a.replace("{claim}", claim) for a in argv]
    code = main(["mark", str(article), *argv])
    assert code == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1  # one line, no usage block
    assert not review_of(article).exists()


def test_mark_refuses_an_unreadable_review(article: Path, capsys) -> None:
    review_of(article).write_text("schema = 2\n")
    code, _, err = run(capsys, "mark", str(article), ids(article)["Sugar"], "supported")
    assert code == 2
    assert "unknown schema 2" in err and "untouched" in err and "Traceback" not in err
    assert review_of(article).read_text() == "schema = 2\n"


def test_mark_on_a_missing_article(tmp_path: Path, capsys) -> None:
    code, _, err = run(capsys, "mark", str(tmp_path / "nope.txt"), "c1", "supported")
    assert code == 2 and "no such file" in err


# ----------------------------------------------------------------------------- report


def test_report_json_lists_every_stored_claim_where_it_is_now(article: Path, capsys) -> None:
    claims = ids(article)
    for word, verdict in (("Vitamin", "overstated"), ("Researchers", "unsupported")):
        assert main(["mark", str(article), claims[word], verdict, "--note", f"{word} note"]) == 0
    edited = ARTICLE.replace("Vitamin D and winter colds\n\n", "Title\n\nA new first line.\n\n")
    edited = edited.replace(
        "Researchers at a large university found that daily doses cut hospital visits in half. ",
        "",
    )
    article.write_text(edited)
    capsys.readouterr()
    code, out, _ = run(capsys, "report", str(article), "--format", "json")
    assert code == 0
    data = json.loads(out)
    by_id = {c["id"]: c for c in data["claims"]}
    moved = by_id[claims["Vitamin"]]
    assert moved["anchor"] == "moved" and moved["verdict"] == "overstated"
    assert edited[moved["start"] : moved["end"]] == moved["text"]
    assert moved["text"].startswith("Vitamin D supplements")
    assert moved["note"] == "Vitamin note" and moved["reviewer"].startswith("Ada")
    orphan = by_id[claims["Researchers"]]
    assert (orphan["anchor"], orphan["start"], orphan["end"]) == ("orphan", None, None)
    assert orphan["text"].startswith("Researchers at") and orphan["verdict"] == "unsupported"
    assert data["summary"]["orphans"] == 1 and data["summary"]["reviewed"] == 2
    assert data["base"] != data["current"]
    # reporting never rewrote the file: both claims are still stored, orphan included
    assert set(store.read(review_of(article)).claims) == {claims["Vitamin"], claims["Researchers"]}


def test_report_markdown_is_readable_and_shows_control_characters(article: Path, capsys) -> None:
    claim = ids(article)["The"]
    assert main(["mark", str(article), claim, "unsupported", "--note", "evil \x1b[2J note"]) == 0
    capsys.readouterr()
    code, out, _ = run(capsys, "report", str(article))
    assert code == 0
    assert out.startswith("# Review of Vitamin D and winter colds\n")  # the title line
    assert "Article: colds.txt" in out
    assert "1 of 6 claims reviewed: 1 unsupported." in out
    assert f"### ✗ unsupported — {claim}" in out
    assert "> The new drug is completely safe and has no side effects." in out
    assert "\x1b" not in out and "evil ␛\\[2J note" in out  # Markdown-escaped too


def test_report_of_an_unreadable_review_exits_2(article: Path, capsys) -> None:
    review_of(article).write_text("not toml at all [")
    code, _, err = run(capsys, "report", str(article), "--format", "json")
    assert code == 2 and "not valid TOML" in err


# ----------------------------------------------------------------------------- claims


def test_claims_json_and_table_carry_verdicts(article: Path, capsys) -> None:
    claim = ids(article)["Sugar"]
    main(["mark", str(article), claim, "overstated", "--note", "n"])
    capsys.readouterr()
    code, out, _ = run(capsys, "claims", str(article), "--json")
    assert code == 0
    data = {c["id"]: c for c in json.loads(out)["claims"]}
    assert (data[claim]["verdict"], data[claim]["note"]) == ("overstated", "n")
    assert {c["verdict"] for i, c in data.items() if i != claim} == {None}
    code, out, _ = run(capsys, "claims", str(article))
    assert "verdict" in out and "overstated" in out


# ----------------------------------------------------------------------------- status / check


def test_status_over_many_files(tmp_path: Path, article: Path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    other = tmp_path / "sub" / "other.md"
    other.parent.mkdir()
    other.write_text("# Other\n\nCoffee prevents cancer in 90 percent of drinkers.\n")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "skip.txt").write_text("Coffee cures everything, studies show.\n")
    claims = ids(article)
    main(["mark", str(article), claims["Sugar"], "unsupported"])
    main(["mark", str(article), claims["The"], "overstated"])
    capsys.readouterr()
    code, out, _ = run(capsys, "status", ".")
    assert code == 0
    assert "2 article(s)" in out and "skip.txt" not in out
    row = next(line for line in out.splitlines() if "colds.txt" in line)
    assert "2/6" in row
    assert any("sub/other.md" in line and "0/1" in line for line in out.splitlines())


def test_status_of_a_missing_path_exits_2(tmp_path: Path, capsys) -> None:
    code, _, err = run(capsys, "status", str(tmp_path / "nowhere"))
    assert code == 2 and "no such file or folder" in err


def test_check(tmp_path: Path, article: Path, capsys) -> None:
    claims = ids(article)
    main(["mark", str(article), claims["Researchers"], "unsupported"])
    capsys.readouterr()
    assert run(capsys, "check", str(tmp_path))[0] == 0
    assert run(capsys, "check", str(article))[0] == 0  # an article names its review

    article.write_text(ARTICLE.replace("Researchers at a large university found", "Nobody said"))
    assert run(capsys, "check", str(tmp_path))[0] == 0
    code, out, _ = run(capsys, "check", "--strict", str(tmp_path))
    assert code == 1 and f"claim {claims['Researchers']} is" in out

    broken = tmp_path / "gone.md.review.toml"
    broken.write_text("schema = 1\n")
    code, out, _ = run(capsys, "check", str(tmp_path))
    assert code == 1 and "its article gone.md is missing" in out

    broken.write_text("schema = 1\n[claim.c1]\nexact = 3\nstart = 0\nend = 1\n")
    (tmp_path / "gone.md").write_text("Gone.\n")
    code, out, _ = run(capsys, "check", str(broken))
    assert code == 1 and "`exact` must be a string" in out
    assert "2 review file(s)" not in out
