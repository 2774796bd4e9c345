"""The analysis cache: keyed by blob sha and analyser, broken entries rebuilt, workers."""

from __future__ import annotations

import marshal
from pathlib import Path

import pytest
from colds import ARTICLE, REFERENCES

import referee
from referee.text import analysis_cache
from referee.text.analysis import analyse
from referee.text.article import load


def essentials(claims) -> list[tuple]:
    return [(c.id, c.start, c.end, c.text, c.kind, c.score, c.strength, c.flags) for c in claims]


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def article(tmp_path: Path) -> Path:
    return write(tmp_path, "colds.txt", ARTICLE + REFERENCES)


def entry_of(path: Path) -> Path:
    return analysis_cache.entry_path(load(path).blob_sha)


def test_claims_are_stored_and_equal_the_analysis_but_for_cues(article: Path) -> None:
    loaded = load(article)
    assert not entry_of(article).exists()
    [claims] = analysis_cache.claims_of_many([loaded])
    assert entry_of(article).is_file()
    analysed = analyse(loaded.text, loaded.markdown).claims
    assert essentials(claims) == essentials(analysed)
    assert any(c.flags for c in claims)
    [again] = analysis_cache.claims_of_many([load(article)])
    assert essentials(again) == essentials(analysed)


def tamper(entry: Path, kind: str) -> None:
    """Rewrite a valid entry with every claim's kind changed: proof of where claims came from."""
    fmt, sha, records = marshal.loads(entry.read_bytes())
    records = tuple((r[0], r[1], r[2], kind, *r[4:]) for r in records)
    entry.write_bytes(marshal.dumps((fmt, sha, records)))


def test_an_entry_is_read_for_the_same_bytes_and_not_for_changed_ones(article: Path) -> None:
    analysis_cache.claims_of_many([load(article)])
    tamper(entry_of(article), "from-the-cache")
    [claims] = analysis_cache.claims_of_many([load(article)])
    assert {c.kind for c in claims} == {"from-the-cache"}
    article.write_text(ARTICLE + "\nCoffee cures colds in 90 percent of adults.\n")
    [claims] = analysis_cache.claims_of_many([load(article)])
    assert "from-the-cache" not in {c.kind for c in claims}
    assert any("Coffee" in c.text for c in claims)


def test_a_new_analyser_does_not_read_old_entries(
    article: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    analysis_cache.claims_of_many([load(article)])
    tamper(entry_of(article), "old-analyser")
    monkeypatch.setattr(referee, "__version__", referee.__version__ + ".post1")
    analysis_cache.analyser_key.cache_clear()
    try:
        [claims] = analysis_cache.claims_of_many([load(article)])
    finally:
        analysis_cache.analyser_key.cache_clear()
    assert "old-analyser" not in {c.kind for c in claims}


def test_the_analyser_key_follows_the_source(tmp_path: Path) -> None:
    source = write(tmp_path, "claims.py", "WEIGHT = 1.0\n")
    before = analysis_cache.code_digest([source], "x")
    assert analysis_cache.code_digest([source], "x") == before
    source.write_text("WEIGHT = 1.5\n")
    assert analysis_cache.code_digest([source], "x") != before
    assert analysis_cache.code_digest([source], "y") != analysis_cache.code_digest([source], "x")


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"\x00\x01garbage",
        "truncated",
        "wrong shape",
        "span outside the text",
        "other sha",
    ],
)
def test_a_broken_entry_is_ignored_and_rebuilt(article: Path, damage) -> None:
    loaded = load(article)
    [good] = analysis_cache.claims_of_many([loaded])
    entry = entry_of(article)
    data = entry.read_bytes()
    fmt, sha, records = marshal.loads(data)
    if damage == "truncated":
        damage = data[: len(data) // 2]
    elif damage == "wrong shape":
        damage = marshal.dumps((fmt, sha, (("c1", 1),)))
    elif damage == "span outside the text":
        first = records[0]
        damage = marshal.dumps((fmt, sha, ((first[0], 0, 10**6, *first[3:]),)))
    elif damage == "other sha":
        damage = marshal.dumps((fmt, "0" * 40, ()))
    entry.write_bytes(damage)
    [claims] = analysis_cache.claims_of_many([load(article)])
    assert essentials(claims) == essentials(good)
    assert marshal.loads(entry.read_bytes()) == marshal.loads(data)  # rebuilt


def test_workers_analyse_what_the_cache_lacks(tmp_path: Path) -> None:
    paths = [
        write(tmp_path, f"a{i}.md", f"# Post {i}\n\n" + ARTICLE.replace("40", str(40 + i)))
        for i in range(analysis_cache.MIN_PARALLEL + 2)
    ]
    loaded = [load(p) for p in paths]
    analysis_cache.claims_of_many(loaded[:2], workers=1)  # two already cached
    tamper(analysis_cache.entry_path(loaded[0].blob_sha), "cached")
    seen: list[int] = []
    result = analysis_cache.claims_of_many(loaded, workers=2, progress=seen.append)
    assert sum(seen) == len(paths)
    assert {c.kind for c in result[0]} == {"cached"}
    for article, claims in zip(loaded[1:], result[1:], strict=True):
        assert essentials(claims) == essentials(analyse(article.text, True).claims)
        assert analysis_cache.entry_path(article.blob_sha).is_file()


def test_an_unwritable_cache_is_no_error(article: Path, tmp_path: Path, monkeypatch) -> None:
    blocker = write(tmp_path, "not-a-folder", "")
    monkeypatch.setenv("REFEREE_CACHE_DIR", str(blocker))
    [claims] = analysis_cache.claims_of_many([load(article)])
    assert claims
