"""Agreement figures against values worked out by hand (the working is in the comments)."""

from __future__ import annotations

import pytest

from referee.publish.agreement import (
    cohen_kappa,
    gwet_ac1,
    krippendorff_alpha,
    measure,
    percent_agreement,
)

SCALE3 = ("S", "U", "O")


def two(a: str, b: str) -> dict[int, dict[str, str]]:
    return {i: {"A": x, "B": y} for i, (x, y) in enumerate(zip(a, b, strict=True))}


# A: S S S S S S U U O O
# B: S S S S S U U O O S   -> agree on items 1-5, 7 and 9: p_o = 7/10
TEN = two("SSSSSSUUOO", "SSSSSUUOOS")


def test_two_reviewers_by_hand() -> None:
    result = measure(TEN, SCALE3)
    assert result.items == 10
    assert result.percent == pytest.approx(70.0)
    # A and B each: S 6, U 2, O 2 -> p_e = (36 + 4 + 4) / 100 = 0.44
    # kappa = (0.70 - 0.44) / (1 - 0.44) = 0.26 / 0.56 = 13/28
    assert result.kappa == pytest.approx(13 / 28)
    # 20 values: n_S 12, n_U 4, n_O 4; off-diagonal coincidences: S-U, U-S, U-O, O-U,
    # O-S, S-O once each = 6; sum over c != k of n_c n_k = 400 - (144 + 16 + 16) = 224
    # alpha = 1 - (20 - 1) * 6 / 224 = 110/224
    assert result.alpha == pytest.approx(110 / 224)
    # pi_S 12/20, pi_U 4/20, pi_O 4/20: sum pi(1 - pi) = 0.24 + 0.16 + 0.16 = 0.56
    # p_e = 0.56 / (3 - 1) = 0.28; AC1 = (0.70 - 0.28) / 0.72 = 7/12
    assert result.ac1 == pytest.approx(7 / 12)
    assert [d.item for d in result.disagreements] == [5, 7, 9]
    assert result.disagreements[0].judgements == {"A": "S", "B": "U"}
    assert result.undefined == {}


def test_three_reviewers_with_missing_judgements_by_hand() -> None:
    table = {
        1: {"A": "S", "B": "S", "C": "S"},
        2: {"A": "S", "B": "U", "C": "S"},
        3: {"A": "U", "B": "U"},
        4: {"A": "O", "C": "S"},
        5: {"A": "S"},  # judged once: not an item
    }
    result = measure(table, SCALE3)
    assert result.items == 4
    # agreeing pairs per item: 6/6, 2/6, 2/2, 0/2 -> mean (1 + 1/3 + 1 + 0) / 4 = 7/12
    assert result.percent == pytest.approx(100 * 7 / 12)
    # coincidences: item 1 S-S 3; item 2 S-S 1, S-U 1, U-S 1; item 3 U-U 2; item 4 O-S 1,
    # S-O 1. n_S 6, n_U 3, n_O 1, n 10. Off-diagonal 4; 100 - (36 + 9 + 1) = 54.
    # alpha = 1 - 9 * 4 / 54 = 1/3
    assert result.alpha == pytest.approx(1 / 3)
    # pi_S = (1 + 2/3 + 0 + 1/2) / 4 = 13/24, pi_U = (1/3 + 1) / 4 = 8/24, pi_O = 3/24
    # sum pi(1 - pi) = (143 + 128 + 63) / 576; p_e = 167/576
    # AC1 = (336/576 - 167/576) / (409/576) = 169/409
    assert result.ac1 == pytest.approx(169 / 409)
    assert result.kappa is None
    assert "two reviewers" in result.undefined["kappa"]
    assert [d.item for d in result.disagreements] == [2, 4]


def test_krippendorffs_own_example_with_missing_data() -> None:
    # Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", the 4 observers
    # x 12 units example with missing values: nominal alpha = 0.743.
    rows = {
        "A": [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
        "B": [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
        "C": [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
        "D": [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
    }
    table = {
        unit: {r: values[unit] for r, values in rows.items() if values[unit] is not None}
        for unit in range(12)
    }
    alpha, why = krippendorff_alpha(table)
    assert why is None
    assert alpha == pytest.approx(0.743, abs=0.0005)


def test_single_category_kappa_and_alpha_are_undefined_and_say_so() -> None:
    table = two("SSSS", "SSSS")
    result = measure(table, SCALE3)
    assert result.items == 4
    assert result.percent == 100.0
    assert result.kappa is None
    assert "single" in result.undefined["kappa"]
    assert result.alpha is None
    assert "one category" in result.undefined["alpha"]
    # pi_S = 1: p_e = 0, AC1 = p_a = 1 (the dominance kappa cannot handle)
    assert result.ac1 == pytest.approx(1.0)
    assert result.disagreements == ()


def test_kappa_collapses_where_one_verdict_dominates_but_ac1_does_not() -> None:
    # 9 of 10 agree on S; one item S/U. p_o 0.9; A: S 10, B: S 9 U 1 -> p_e = 90/100
    # kappa = (0.9 - 0.9) / 0.1 = 0; pi_S = 19/20, pi_U = 1/20 -> sum pi(1-pi) = 2 * 19/400
    # p_e = 38/400 / 2 = 19/400; AC1 = (0.9 - 19/400) / (381/400) = 341/381
    table = two("SSSSSSSSSS", "SSSSSSSSSU")
    assert cohen_kappa(table, "A", "B") == (pytest.approx(0.0), None)
    assert gwet_ac1(table, SCALE3) == (pytest.approx(341 / 381), None)


def test_nothing_judged_twice() -> None:
    table = {1: {"A": "S"}, 2: {"B": "U"}}
    result = measure(table, SCALE3)
    assert result.items == 0
    assert result.percent is None and result.alpha is None and result.ac1 is None
    assert result.kappa is None
    assert "no claim" in result.undefined["kappa"]
    assert percent_agreement(table) is None


def test_reviewers_are_reported_in_the_order_given_even_without_judgements() -> None:
    table = {1: {"B": "S", "A": "S"}, 2: {"B": "U"}}
    result = measure(table, SCALE3, reviewers=["A", "B", "C"])
    assert result.reviewers == ("A", "B", "C")
    assert "here 3" in result.undefined["kappa"]
    assert measure(table, SCALE3).reviewers == ("B", "A")
