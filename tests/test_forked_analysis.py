"""The TUI's start-up analysis in a forked child: the same result as analysing in
process, and a fall-back to the parent whenever the child cannot deliver."""

from __future__ import annotations

import os
import pickle
import signal
from pathlib import Path

import pytest
from fresh_python import output_of

from referee.cli import forked_analysis
from referee.text import analysis as analysis_mod
from referee.text.analysis import analyse_article
from referee.text.article import load

SEED = Path(__file__).parent.parent / "sample_articles" / "acupuncture-goodpasture.txt"

forks = pytest.mark.skipif(
    not forked_analysis.can_fork("short text"), reason="no fork, or a single core, here"
)


@forks
def test_the_child_sends_the_same_analysis_as_the_parent_makes() -> None:
    article = load(SEED)
    pending = forked_analysis.start(article)
    assert pending.forked
    result = pending.result()
    assert pending.from_child
    assert result == analyse_article(article)
    assert result.claims and result.references
    assert pending.result() is result  # asked again: the same object, no second read


def _only_in_a_child(parent: int, action):  # type: ignore[no-untyped-def]
    original = analysis_mod.analyse_article

    def analyse(article):  # type: ignore[no-untyped-def]
        if os.getpid() != parent:
            action()
        return original(article)

    return analyse


@forks
@pytest.mark.parametrize(
    "failure",
    [
        pytest.param(lambda: 1 / 0, id="exception"),
        pytest.param(lambda: os.kill(os.getpid(), signal.SIGKILL), id="killed"),
        pytest.param(lambda: os._exit(0), id="exits-0-sending-nothing"),
    ],
)
def test_a_failing_child_leaves_the_analysis_to_the_parent(monkeypatch, failure) -> None:
    monkeypatch.setattr(analysis_mod, "analyse_article", _only_in_a_child(os.getpid(), failure))
    article = load(SEED)
    pending = forked_analysis.start(article)
    assert pending.forked
    result = pending.result()
    assert not pending.from_child
    assert result == analyse_article(article)


@forks
def test_a_garbled_message_leaves_the_analysis_to_the_parent(monkeypatch) -> None:
    parent = os.getpid()
    real_dumps = pickle.dumps

    def dumps(obj, protocol=None):  # type: ignore[no-untyped-def]
        data = real_dumps(obj, protocol=protocol)
        return data[: len(data) // 2] if os.getpid() != parent else data

    monkeypatch.setattr(forked_analysis.pickle, "dumps", dumps)
    article = load(SEED)
    pending = forked_analysis.start(article)
    result = pending.result()
    assert pending.forked and not pending.from_child
    assert result == analyse_article(article)


@forks
def test_an_analysis_of_another_text_is_not_taken(monkeypatch) -> None:
    parent = os.getpid()
    original = analysis_mod.analyse
    monkeypatch.setattr(
        analysis_mod,
        "analyse",
        lambda text, markdown: original(
            text if os.getpid() == parent else text + " More.", markdown
        ),
    )
    article = load(SEED)
    pending = forked_analysis.start(article)
    assert pending.result() == analyse_article(article)
    assert pending.forked and not pending.from_child


def test_a_long_text_is_analysed_in_the_parent(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("Acupuncture cures 90% of patients. " * 6000, encoding="utf-8")
    article = load(path)
    assert len(article.text) >= forked_analysis.FORK_BELOW
    assert not forked_analysis.can_fork(article.text)
    pending = forked_analysis.start(article)
    assert not pending.forked
    assert pending.result() == analyse_article(article)
    assert not pending.from_child


def test_without_fork_the_parent_analyses(monkeypatch) -> None:
    monkeypatch.delattr(os, "fork")
    article = load(SEED)
    pending = forked_analysis.start(article)
    assert not pending.forked
    assert pending.result() == analyse_article(article)


def test_a_single_core_does_not_fork(monkeypatch) -> None:
    monkeypatch.setattr(forked_analysis, "_usable_cores", lambda: 1)
    assert not forked_analysis.can_fork("short text")


@forks
def test_the_parent_never_compiles_the_analysis_patterns() -> None:
    """The point of the child: the parent gets a session without importing the
    modules whose patterns take a third of start-up to compile."""
    code = (
        "import sys\n"
        "from referee.cli import forked_analysis\n"
        "from referee.text.article import load\n"
        "from referee.review.session import Session\n"
        f"pending = forked_analysis.start(load({str(SEED)!r}))\n"
        "session = Session(pending.article, pending.result())\n"
        "assert pending.from_child and session.claims()\n"
        "heavy = ('cues', 'claims', 'citations', 'references', 'structure', 'analysis')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[-1] in heavy))\n"
    )
    assert output_of(code) == "[]"
