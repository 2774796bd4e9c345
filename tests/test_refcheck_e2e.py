"""``referee refs --check --json`` end to end, against a real local HTTP server.

The server (tests/refserver.py) is a ThreadingHTTPServer on 127.0.0.1 serving our own
fixtures; the CLI finds it through the REFEREE_*_URL variables.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from refserver import RefServer

SEED = Path(__file__).parent.parent / "sample_articles" / "acupuncture-goodpasture.txt"
SENTINEL = "Zyxwvut-prose-never-leaves"
ARTICLE = f"""# Open access and other matters

Open access articles are cited more often [1]. {SENTINEL}. Residual networks made very deep
models trainable [2]. A 1998 paper linked a vaccine to autism [3].

## References

1. Piwowar H, Priem J, Larivière V, Alperin JP, Matthias L, Norlander B, et al. The state of OA: a large-scale analysis of the prevalence and impact of Open Access articles. PeerJ. 2018;6:e4375. doi:10.7717/peerj.4375
2. He K, Zhang X, Ren S, Sun J. Deep residual learning for image recognition. Proc IEEE Conf Comput Vis Pattern Recognit. 2016:770-8. doi:10.7717/peerj.4375
3. Wakefield AJ, Murch SH, Anthony A, Linnell J, Casson DM, Malik M, et al. Ileal-lymphoid-nodular hyperplasia, non-specific colitis, and pervasive developmental disorder in children. Lancet. 1998;351(9103):637-41. doi:10.1016/S0140-6736(97)11096-0
"""


@pytest.fixture
def home(tmp_path: Path) -> Path:
    config = tmp_path / "config.toml"
    config.write_text(
        '[refcheck]\nmailto = "e2e@example.org"\nretries = 1\nbackoff = [0.05]\ntimeout = 10\n'
    )
    return tmp_path


def referee(home: Path, server: RefServer, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("OPENALEX_API_KEY", "NCBI_API_KEY", "REFEREE_MAILTO")
        and not k.startswith("REFEREE_")
    }
    env.update(server.env())
    env["REFEREE_CACHE_DIR"] = str(home / "cache")
    env["REFEREE_CONFIG"] = str(home / "config.toml")
    return subprocess.run(
        [sys.executable, "-m", "referee", "refs", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def checks(proc: subprocess.CompletedProcess[str]) -> dict[str, dict]:
    assert proc.stderr == "" or "Traceback" not in proc.stderr, proc.stderr
    data = json.loads(proc.stdout)
    return {ref["id"]: ref["check"] for ref in data["references"]}


def test_seed_references_are_not_found_and_saved(home: Path) -> None:
    article = home / "seed.txt"
    article.write_bytes(SEED.read_bytes())
    with RefServer() as server:
        proc = referee(home, server, str(article), "--check", "--json")
    assert proc.returncode == 1, proc.stderr
    found = checks(proc)
    assert set(found) == {"zhang2021", "wang2020"}
    for result in found.values():
        assert result["status"] == "not_found"
        assert result["sources"] == ["crossref", "pubmed", "europepmc"]
        assert any(r.startswith("crossref: none of") for r in result["reasons"])
        assert "pubmed: no candidates" in result["reasons"]
    review = tomllib.loads((home / "seed.txt.review.toml").read_text())
    assert review["ref"]["zhang2021"]["status"] == "not_found"
    assert sorted(review["ref"]["wang2020"]["sources"]) == ["crossref", "europepmc", "pubmed"]
    assert review["ref"]["wang2020"]["reasons"] == found["wang2020"]["reasons"]


def test_verified_doi_mismatch_and_retracted(home: Path) -> None:
    article = home / "oa.md"
    article.write_text(ARTICLE)
    with RefServer() as server:
        proc = referee(home, server, str(article), "--check", "--json")
        log = list(server.router.log)
        agents = set(server.user_agents)
    assert proc.returncode == 1, proc.stderr
    found = checks(proc)
    assert found["piwowar2018"]["status"] == "verified"
    assert found["piwowar2018"]["matched_doi"] == "10.7717/peerj.4375"
    assert found["he2016"]["status"] == "doi_mismatch"
    assert any("leads to a different work" in r for r in found["he2016"]["reasons"])
    assert found["wakefield1998"]["status"] == "retracted"
    assert agents == {"referee/0.1.0 (mailto:e2e@example.org)"}
    sent = json.dumps(log)
    assert SENTINEL.lower() not in sent.lower() and "vaccine" not in sent.lower()


def test_second_run_offline_answers_from_the_cache(home: Path) -> None:
    article = home / "oa.md"
    article.write_text(ARTICLE)
    with RefServer() as server:
        first = checks(referee(home, server, str(article), "--check", "--json"))
        sent = server.requests
        proc = referee(home, server, str(article), "--offline", "--json")
        assert server.requests == sent
    again = checks(proc)
    assert {k: v["status"] for k, v in again.items()} == {k: v["status"] for k, v in first.items()}


def test_server_going_down_mid_run_gives_unverifiable(home: Path) -> None:
    article = home / "seed.txt"
    article.write_bytes(SEED.read_bytes())
    with RefServer(stop_after=1) as server:
        proc = referee(home, server, str(article), "--check", "--json")
        assert server.requests == 1
    found = checks(proc)
    assert {r["status"] for r in found.values()} == {"unverifiable"}
    reasons = [r for result in found.values() for r in result["reasons"]]
    assert any("unreachable" in r or "connection" in r for r in reasons), reasons
    assert proc.returncode == 0  # nothing was shown to be wrong


def test_outage_never_overwrites_an_earlier_answer(home: Path) -> None:
    article = home / "seed.txt"
    article.write_bytes(SEED.read_bytes())
    with RefServer() as server:
        referee(home, server, str(article), "--check", "--json")
    stored = (home / "seed.txt.review.toml").read_text()
    (home / "cache").rename(home / "old-cache")  # force real requests
    with RefServer(stop_after=1) as server:
        proc = referee(home, server, str(article), "--check", "--json")
    assert {r["status"] for r in checks(proc).values()} == {"unverifiable"}
    assert (home / "seed.txt.review.toml").read_text() == stored


def test_human_output_is_a_table(home: Path) -> None:
    article = home / "oa.md"
    article.write_text(ARTICLE)
    with RefServer() as server:
        proc = referee(home, server, str(article), "--check")
    assert proc.returncode == 1
    for expected in ("piwowar2018", "verified", "doi_mismatch", "retracted", "saved in"):
        assert expected in proc.stdout


BOOKS = """# Sugar and satire

Free sugars should stay below a tenth of energy intake (World Health Organization, 2015).
Colonial Maryland was mocked in verse (Cooke, 1708).

## References

Cooke, E. (1708). The Sot-Weed Factor. London: B. Bragg.

World Health Organization. (2015). Guideline: Sugars intake for adults and children. Geneva: World Health Organization.
"""


def test_books_are_found_in_open_library_or_not_indexed_never_fabricated(home: Path) -> None:
    article = home / "books.md"
    article.write_text(BOOKS)
    with RefServer() as server:
        proc = referee(home, server, str(article), "--check", "--json")
        sent = server.requests
        services = {service for service, _, _ in server.router.log}
        offline = referee(home, server, str(article), "--offline", "--json")
        assert server.requests == sent
        table = referee(home, server, str(article), "--offline")
    assert proc.returncode == 0, proc.stderr  # a book no index holds is not a problem
    found = checks(proc)
    cooke = next(k for k in found if k.startswith("cooke"))  # the id depends on the parser
    assert {k: v["status"] for k, v in found.items()} == {
        cooke: "verified",
        "worldhealthorganization2015": "not_indexed",
    }
    assert "openlibrary" in found[cooke]["sources"] and "openlibrary" in services
    assert "often aren't" in found["worldhealthorganization2015"]["reasons"][-1]
    data = json.loads(proc.stdout)
    assert data["check"]["counts"]["not_indexed"] == 1 and data["check"]["counts"]["not_found"] == 0
    assert {k: v["status"] for k, v in checks(offline).items()} == {
        k: v["status"] for k, v in found.items()
    }
    assert table.returncode == 0 and "not_indexed" in table.stdout
    stored = tomllib.loads((home / "books.md.review.toml").read_text())
    assert stored["ref"]["worldhealthorganization2015"]["status"] == "not_indexed"
