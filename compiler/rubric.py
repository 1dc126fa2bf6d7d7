"""What a rubric's items add up to, below both the checks and the scoring target.

The declared total of a formula is the sum of its top-level maxima (components and
items); an item's *attainable* points are what its rules and sub-items can reach: an
item scored only by sub-items can reach no more than they add up to (县矿管局's 20 + 10 +
20 under a declared 60), every other item its maximum.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from compiler import model as m

#: rule kinds that give an item points (an item with none of them starts at its maximum and is only deducted from)
POSITIVE = ("when", "add", "ratio", "tier")


def formula_items(scoring: m.Scoring, formula: m.Formula) -> list[m.Item]:
    """The formula's items in order: those of its shared sets first, then its own."""
    sets = {s.id: s for s in scoring.itemsets}
    items: list[m.Item] = []
    for set_id in formula.itemsets:
        if set_id in sets:
            items.extend(sets[set_id].items)
    return items + list(formula.items)


def declared_total(scoring: m.Scoring, formula: m.Formula) -> Decimal:
    """The sum of the formula's declared top-level maxima: components and items."""
    return (sum((Decimal(c.max) for c in formula.components), Decimal(0))
            + sum((Decimal(i.max) for i in formula_items(scoring, formula)), Decimal(0)))


def attainable(item: m.Item) -> Decimal:
    """The most ``item`` can score: its maximum, or less when only sub-items score it and they add up to less."""
    top = Decimal(item.max)
    if item.items and not any(r.kind in POSITIVE for r in item.rules):
        return min(top, sum((attainable(i) for i in item.items), Decimal(0)))
    return top


def walk_items(items: list[m.Item]) -> Iterator[m.Item]:
    for item in items:
        yield item
        yield from walk_items(item.items)


def test_facts(test: m.Test | None) -> Iterator[str]:
    """Every fact a condition reads."""
    if test is None:
        return
    for name in (test.fact, test.value_fact):
        if name is not None:
            yield name
    for part in test.parts:
        yield from test_facts(part)


def rule_facts(rule: m.Rule) -> Iterator[str]:
    for name in (rule.fact, rule.against_fact):
        if name is not None:
            yield name
    yield from test_facts(rule.test)


def facts_read(scoring: m.Scoring) -> set[str]:
    """Every fact the rubric's items, stages and vetoes read."""
    used: set[str] = set()
    items = [i for s in scoring.itemsets for i in walk_items(s.items)]
    items += [i for f in scoring.formulas for i in walk_items(f.items)]
    for item in items:
        for rule in item.rules:
            used.update(rule_facts(rule))
    for stage in scoring.stages:
        for rule in stage.rules:
            used.update(rule_facts(rule))
    for veto in scoring.vetoes:
        used.update(test_facts(veto.test))
    return used
