"""Agreement between reviewers who judged the same claims (pure Python, no numpy).

The input is a table: item (claim id) -> reviewer -> category (a verdict, or
``dismissed``). A reviewer who left a claim alone is a missing judgement. Only
items judged by at least two reviewers count.

- **percent agreement**: the share of agreeing pairs of judgements, averaged over
  items (with two reviewers: the share of items they agree on).
- **Cohen's kappa** (two reviewers only): ``(p_o - p_e) / (1 - p_e)`` with ``p_e``
  from each reviewer's own category shares over the items both judged.
- **Krippendorff's alpha**, nominal: ``1 - (n - 1) * D_o / D_e`` from the coincidence
  matrix; any number of reviewers, missing judgements allowed (Krippendorff,
  "Computing Krippendorff's Alpha-Reliability", 2011).
- **Gwet's AC1**: ``(p_a - p_e) / (1 - p_e)`` with ``p_e = Σ π_k (1 - π_k) / (q - 1)``
  over the ``q`` categories of the scale (Gwet 2008, with missing judgements as in
  his 2014 handbook). Unlike kappa it does not collapse when one verdict dominates.

A coefficient whose chance term leaves nothing to correct (every judgement in one
category) is undefined: the result is ``None`` with the reason in ``undefined``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

Table = Mapping[Hashable, Mapping[Hashable, Hashable]]
"""item -> reviewer -> category; a reviewer absent from an item did not judge it."""


@dataclass(frozen=True)
class Disagreement:
    item: Hashable
    judgements: dict[Hashable, Hashable]
    """Reviewer -> category, for the reviewers who judged the item."""


@dataclass(frozen=True)
class Agreement:
    items: int
    """Items judged by at least two reviewers."""
    reviewers: tuple[Hashable, ...]
    percent: float | None
    """Observed agreement in percent (0..100)."""
    kappa: float | None
    """Cohen's kappa; None with more or fewer than two reviewers or when undefined."""
    alpha: float | None
    ac1: float | None
    disagreements: tuple[Disagreement, ...] = ()
    undefined: dict[str, str] = field(default_factory=dict)
    """Coefficient name -> why it is None."""


def pairable(table: Table) -> dict[Hashable, dict[Hashable, Hashable]]:
    """The items judged by at least two reviewers (each as a plain dict)."""
    return {item: dict(j) for item, j in table.items() if len(j) >= 2}


def percent_agreement(table: Table) -> float | None:
    """Mean over items of the share of agreeing pairs, as a fraction 0..1."""
    units = pairable(table)
    if not units:
        return None
    total = 0.0
    for judgements in units.values():
        m = len(judgements)
        counts = Counter(judgements.values())
        total += sum(n * (n - 1) for n in counts.values()) / (m * (m - 1))
    return total / len(units)


def cohen_kappa(table: Table, a: Hashable, b: Hashable) -> tuple[float | None, str | None]:
    """Kappa of reviewers ``a`` and ``b`` over the items both judged; (None, why) when
    it is undefined."""
    pairs = [(j[a], j[b]) for j in table.values() if a in j and b in j]
    if not pairs:
        return None, "no claim was judged by both reviewers"
    n = len(pairs)
    observed = sum(1 for x, y in pairs if x == y) / n
    left = Counter(x for x, _ in pairs)
    right = Counter(y for _, y in pairs)
    expected = sum(left[c] * right[c] for c in left) / (n * n)
    if expected >= 1.0:
        return None, "both reviewers used a single, identical category: kappa is 0/0"
    return (observed - expected) / (1.0 - expected), None


def krippendorff_alpha(table: Table) -> tuple[float | None, str | None]:
    """Nominal alpha from the coincidence matrix; (None, why) when undefined."""
    units = pairable(table)
    coincidence: Counter[tuple[Hashable, Hashable]] = Counter()
    for judgements in units.values():
        m = len(judgements)
        counts = Counter(judgements.values())
        for c, nc in counts.items():
            for k, nk in counts.items():
                pairs = nc * (nc - 1) if c == k else nc * nk
                coincidence[c, k] += pairs / (m - 1)
    marginals: Counter[Hashable] = Counter()
    for (c, _k), value in coincidence.items():
        marginals[c] += value
    n = sum(marginals.values())
    if n <= 1:
        return None, "no claim was judged by two reviewers"
    observed = sum(v for (c, k), v in coincidence.items() if c != k)
    expected = sum(marginals[c] * marginals[k] for c in marginals for k in marginals if c != k)
    if expected == 0:
        return None, "every judgement is in one category: alpha is 0/0"
    return 1.0 - (n - 1) * observed / expected, None


def gwet_ac1(table: Table, categories: Sequence[Hashable]) -> tuple[float | None, str | None]:
    """AC1 over the scale ``categories`` (q = its length); (None, why) when undefined."""
    units = pairable(table)
    if not units:
        return None, "no claim was judged by two reviewers"
    q = len(categories)
    if q < 2:
        return None, "a scale of one category leaves nothing to agree on"
    shares: Counter[Hashable] = Counter()
    agree = 0.0
    for judgements in units.values():
        m = len(judgements)
        counts = Counter(judgements.values())
        agree += sum(n * (n - 1) for n in counts.values()) / (m * (m - 1))
        for c, nc in counts.items():
            shares[c] += nc / m
    p_a = agree / len(units)
    p_e = sum((s / len(units)) * (1 - s / len(units)) for s in shares.values()) / (q - 1)
    if p_e >= 1.0:
        return None, "chance agreement is 1: AC1 is 0/0"
    return (p_a - p_e) / (1 - p_e), None


def measure(
    table: Table, categories: Sequence[Hashable], reviewers: Sequence[Hashable] = ()
) -> Agreement:
    """Every figure for ``table`` over the scale ``categories``; ``reviewers`` in the
    order to report them (by default, as they first appear in the table), including
    any who judged nothing."""
    reviewers = tuple(dict.fromkeys([*reviewers, *(r for j in table.values() for r in j)]))
    units = pairable(table)
    undefined: dict[str, str] = {}
    kappa = None
    if len(reviewers) == 2:
        kappa, why = cohen_kappa(units, *reviewers)
        if why:
            undefined["kappa"] = why
    else:
        undefined["kappa"] = f"Cohen's kappa compares two reviewers; here {len(reviewers)}"
    alpha, why = krippendorff_alpha(units)
    if why:
        undefined["alpha"] = why
    ac1, why = gwet_ac1(units, categories)
    if why:
        undefined["ac1"] = why
    percent = percent_agreement(units)
    if percent is None:
        undefined["percent"] = "no claim was judged by two reviewers"
    disagreements = tuple(
        Disagreement(item, judgements)
        for item, judgements in units.items()
        if len(set(judgements.values())) > 1
    )
    return Agreement(
        items=len(units),
        reviewers=reviewers,
        percent=None if percent is None else 100.0 * percent,
        kappa=kappa,
        alpha=alpha,
        ac1=ac1,
        disagreements=disagreements,
        undefined=undefined,
    )


def as_json(result: Agreement) -> dict[str, Any]:
    return {
        "items": result.items,
        "reviewers": [str(r) for r in result.reviewers],
        "percent": result.percent,
        "kappa": result.kappa,
        "alpha": result.alpha,
        "ac1": result.ac1,
        "undefined": dict(result.undefined),
        "disagreements": [
            {"claim": str(d.item), "judgements": {str(r): c for r, c in d.judgements.items()}}
            for d in result.disagreements
        ],
    }
