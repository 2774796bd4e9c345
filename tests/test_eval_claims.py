"""tools/eval_claims.py: how labelled articles are read, and the figures on the part of
the development data the rules were tuned on (the held-out part is never asserted on)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

TOOL = Path(__file__).parent.parent / "tools" / "eval_claims.py"


@pytest.fixture(scope="module")
def tool():
    spec = importlib.util.spec_from_file_location("eval_claims", TOOL)
    module = importlib.util.module_from_spec(spec)
    sys.modules["eval_claims"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_marks_are_stripped_and_the_rest_is_cut_into_non_claims(tool) -> None:
    gold = tool.read_gold(
        "Measles Is Back\n\nBy Ada Reporter\n\n{{M|Cases rose to 48.}} Is that bad? "
        "{{C|Measles is contagious.}}\n"
    )
    assert gold.text == (
        "Measles Is Back\n\nBy Ada Reporter\n\nCases rose to 48. Is that bad? "
        "Measles is contagious.\n"
    )
    assert [(gold.text[s:e], label) for s, e, label in gold.claims] == [
        ("Cases rose to 48.", "M"),
        ("Measles is contagious.", "C"),
    ]
    assert [gold.text[s:e].strip() for s, e in gold.others] == [
        "Measles Is Back",
        "By Ada Reporter",
        "Is that bad?",
    ]


def test_covered_by_needs_half_the_span(tool) -> None:
    assert tool.covered_by((10, 20), [(0, 15)])
    assert not tool.covered_by((10, 20), [(0, 14)])
    assert tool.covered_by((10, 20), [(8, 13), (17, 30)])


def test_tuned_part_meets_the_targets(tool) -> None:
    tally = tool.evaluate_articles("tune", show=False)
    assert tally.must_found / tally.must >= 0.95
    assert tally.claims_found / tally.claims >= 0.90
    assert tally.others_offered / tally.others <= 0.10
    _precision, _recall, f1, rows = tool.evaluate_debate("tune", show=False)
    assert rows >= 150 and f1 >= 0.75
