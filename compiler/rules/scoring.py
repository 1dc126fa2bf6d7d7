"""Rules about the assessment method: components and weights add up, groups and tables computable, conditions and blends."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from decimal import Decimal

from compiler import model as m
from compiler.quota import quota_places
from compiler.rubric import POSITIVE, attainable, declared_total, facts_read, walk_items
from compiler.rules import RuleContext, rule
from compiler.vocab import FREQUENCY, SCORING_FREQUENCIES, percent_text
from diagnostics import Diagnostic


@rule("V006", "V025")
def components_add_up(ctx: RuleContext) -> Iterator[Diagnostic]:
    scoring = ctx.plan.scoring
    if scoring is None:
        return
    scale = Decimal(scoring.scale)
    for formula in scoring.formulas:
        total = declared_total(scoring, formula)
        if (formula.components or formula.items or formula.itemsets) and total != scale:
            yield ctx.diag(
                "V006",
                f"the components and items of formula `{formula.id}` add up to {total}, not {scale}",
                formula.source,
                hint="if the source's own numbers do not add up, keep them and say so: `ack V006 \"…\"` in the formula",
            )
        counts = Counter(c.evaluator for c in formula.components)
        for evaluator, count in counts.items():
            if count > 1:
                yield ctx.diag("V025", f"formula `{formula.id}` lists evaluator `{evaluator}` {count} times", formula.source)


@rule("V007", "V020")
def period_weights(ctx: RuleContext) -> Iterator[Diagnostic]:
    scoring = ctx.plan.scoring
    if scoring is None:
        return
    expected = FREQUENCY[scoring.every].per_year
    for group in scoring.groups:
        if not group.period_weights:
            continue
        total = sum((Decimal(w) for w in group.period_weights), Decimal(0))
        if total != 1:
            yield ctx.diag(
                "V007",
                f"the period weights of group `{group.id}` add up to {percent_text(total)}, not 100%",
                group.source,
            )
        if len(group.period_weights) != expected:
            yield ctx.diag(
                "V020",
                f"group `{group.id}` has {len(group.period_weights)} period weights for {expected} "
                f"{scoring.every} periods a year",
                group.source,
            )


@rule("V008", "V024")
def group_membership(ctx: RuleContext) -> Iterator[Diagnostic]:
    scoring = ctx.plan.scoring
    if scoring is None:
        return
    seen: dict[str, str] = {}
    for group in scoring.groups:
        for member in group.members:
            if member in seen and seen[member] != group.id:
                yield ctx.diag(
                    "V008", f"unit `{member}` is in group `{seen[member]}` and in group `{group.id}`", group.source
                )
            seen.setdefault(member, group.id)
    in_formula: dict[str, str] = {}
    for formula in scoring.formulas:
        for member in formula.members:
            if member in in_formula and in_formula[member] != formula.id:
                yield ctx.diag(
                    "V008",
                    f"unit `{member}` is scored by formula `{in_formula[member]}` and by formula `{formula.id}`",
                    formula.source,
                )
            in_formula.setdefault(member, formula.id)
    if scoring.formulas and scoring.groups:
        for member, formula_id in in_formula.items():
            if member not in seen:
                formula = next(f for f in scoring.formulas if f.id == formula_id)
                yield ctx.diag("V024", f"unit `{member}` is scored by `{formula_id}` but is in no group", formula.source)
        for member, group_id in seen.items():
            if member not in in_formula:
                group = next(g for g in scoring.groups if g.id == group_id)
                yield ctx.diag("V024", f"unit `{member}` of group `{group_id}` has no formula", group.source)


@rule("V009")
def blends_add_up(ctx: RuleContext) -> Iterator[Diagnostic]:
    scoring = ctx.plan.scoring
    if scoring is None:
        return
    for blend in scoring.blends:
        total = Decimal(blend.self_share) + sum((Decimal(p.share) for p in blend.parts), Decimal(0))
        if total != 1:
            yield ctx.diag("V009", f"the blend for `{blend.unit}` adds up to {percent_text(total)}, not 100%", blend.source)


@rule("V021", "V023", "V026")
def scoring_tables(ctx: RuleContext) -> Iterator[Diagnostic]:
    scoring = ctx.plan.scoring
    if scoring is None:
        return
    for table in scoring.rank_tables:
        shares = [Decimal(s) for s in table.shares]
        if any(a < b for a, b in zip(shares, shares[1:])):
            yield ctx.diag("V021", f"rank table `{table.id}` gives a lower rank more points", table.source)
    for grades in scoring.grade_tables:
        shares = [Decimal(g.share) for g in grades.grades]
        if any(a < b for a, b in zip(shares, shares[1:])):
            yield ctx.diag("V021", f"grade table `{grades.id}` gives a lower grade more points", grades.source)
        if any(g.quota is not None for g in grades.grades) and all(g.quota is not None for g in grades.grades):
            yield ctx.diag("V026", f"grade table `{grades.id}` has no grade for the rest", grades.source)
    rubric = bool(scoring.itemsets or any(f.items for f in scoring.formulas))
    for group in scoring.groups:
        if rubric and group.weight is None:
            continue  # a rubric's group without a weight is ranked and reported, and earns no points: nothing to convert
        if group.members and not group.rank_points and not group.grades:
            yield ctx.diag("V023", f"group `{group.id}` has neither a rank table nor a grade table", group.source)


def _places(table: m.GradeTable, count: int) -> list[int]:
    """Head counts per quota grade, as the score stage computes them (kept in step by a test)."""
    quotas = [(g.name, g.quota) for g in table.grades]
    return [n for _name, n in quota_places(quotas, count, table.rounding, table.quota_method)]


@rule("K002", "K003", "K016", "K018")
def groups_computable(ctx: RuleContext) -> Iterator[Diagnostic]:
    scoring = ctx.plan.scoring
    if scoring is None:
        return
    if scoring.every not in SCORING_FREQUENCIES and (scoring.formulas or scoring.groups):
        yield ctx.diag("K018", f"a scheme cannot be assessed every {scoring.every}", scoring.source,
                       hint="use month, quarter, halfyear or year")
    tables = {t.id: t for t in scoring.rank_tables}
    for group in scoring.groups:
        if not group.members:
            yield ctx.diag("K016", f"group `{group.id}` has no members", group.source)
            continue
        if scoring.every != "year" and not group.period_weights:
            yield ctx.diag("K003", f"group `{group.id}` has no period weights for its {scoring.every}ly scores", group.source,
                           hint="e.g. `period_weights 15% 25% 25% 35%`")
        table = tables.get(group.rank_points or "")
        if table is not None and len(table.shares) < len(group.members):
            yield ctx.diag("K002", f"group `{group.id}` has {len(group.members)} members but rank table `{table.id}` "
                                   f"has {len(table.shares)} ranks", group.source,
                           labels=((table.source, f"`{table.id}` is defined here"),))
    for formula in scoring.formulas:
        if not formula.members:
            yield ctx.diag("K016", f"formula `{formula.id}` has no members", formula.source)


@rule("K004", "K017")
def adjustments_computable(ctx: RuleContext) -> Iterator[Diagnostic]:
    scoring = ctx.plan.scoring
    if scoring is None:
        return
    groups = {g.id: g for g in scoring.groups}
    for adjustment in scoring.adjustments:
        if adjustment.on == "points":
            for group_id in adjustment.applies or list(groups):
                group = groups.get(group_id)
                if group is not None and group.weight is None:
                    yield ctx.diag("K004", f"adjustment `{adjustment.id}` acts on the points of group `{group_id}`, "
                                           "which carries no weight", adjustment.source,
                                   hint="give the group a `weight`, or write `on annual`")
        elif abs(Decimal(adjustment.points)) > Decimal(scoring.scale):
            yield ctx.diag("K017", f"adjustment `{adjustment.id}` of {adjustment.points} is larger than the scale "
                                   f"{scoring.scale}", adjustment.source)


@rule("K005", "K006", "K007")
def blends_computable(ctx: RuleContext) -> Iterator[Diagnostic]:
    scoring = ctx.plan.scoring
    if scoring is None:
        return
    scored = {member for formula in scoring.formulas for member in formula.members}
    counts = Counter(b.unit for b in scoring.blends)
    blended = set(counts)
    reported: set[str] = set()
    for blend in scoring.blends:
        if counts[blend.unit] > 1 and blend.unit not in reported:
            reported.add(blend.unit)
            yield ctx.diag("K007", f"unit `{blend.unit}` is blended {counts[blend.unit]} times", blend.source,
                           hint="write one blend with several `with` parts")
        for unit in [blend.unit] + [p.unit for p in blend.parts]:
            if unit not in scored:
                yield ctx.diag("K005", f"blend of `{blend.unit}` names `{unit}`, which no formula scores", blend.source)
        for part in blend.parts:
            if part.unit in blended:
                yield ctx.diag("K006", f"blend partner `{part.unit}` of `{blend.unit}` is itself blended; its own, "
                                       "unblended score is used", blend.source)


@rule("K008", "K010")
def tables_computable(ctx: RuleContext) -> Iterator[Diagnostic]:
    scoring = ctx.plan.scoring
    if scoring is None:
        return
    for table in scoring.rank_tables:
        if any(Decimal(s) > 1 or Decimal(s) < 0 for s in table.shares):
            yield ctx.diag("K010", f"rank table `{table.id}` has a share above 100% or below 0", table.source)
    grade_tables = {t.id: t for t in scoring.grade_tables}
    for grade_table in scoring.grade_tables:
        if any(Decimal(g.share) > 1 or Decimal(g.share) < 0 for g in grade_table.grades):
            yield ctx.diag("K010", f"grade table `{grade_table.id}` has a share above 100% or below 0", grade_table.source)
    for group in scoring.groups:
        used_table = grade_tables.get(group.grades or "")
        if used_table is None or not group.members:
            continue
        grade_table = used_table
        if not any(g.quota for g in grade_table.grades):
            continue
        count = len(group.members)
        places = _places(grade_table, count)
        spread = "+".join(str(n) for n in places)
        if sum(places) < count:
            yield ctx.diag(
                "K008",
                f"for the {count} members of `{group.id}`, the quotas of `{grade_table.id}` rounded "
                f"{grade_table.rounding} ({grade_table.quota_method}) give {spread} = {sum(places)} places: "
                f"{count - sum(places)} unit(s) would take the rest grade by rounding alone",
                group.source,
                hint="`rounding half_up cumulative` rounds the running total, so the places add up",
                labels=((grade_table.source, "the grade table"),),
            )


@rule("K009", "K011", "K019")
def conditions_and_components(ctx: RuleContext) -> Iterator[Diagnostic]:
    scoring = ctx.plan.scoring
    if scoring is None:
        return
    facts = {f.id: f for f in scoring.facts}
    used: set[str] = set()
    for item in list(scoring.adjustments) + list(scoring.overrides):
        used.add(item.when.fact)
        fact = facts.get(item.when.fact)
        if fact is not None and (fact.unit or None) != (item.when.unit or None):
            if fact.unit or item.when.unit not in (None, "分"):
                yield ctx.diag("K009", f"`{item.id}` compares {fact.id} (in {fact.unit or 'no unit'}) with "
                                       f"{item.when.value}{item.when.unit or ''}", item.source)
    used |= facts_read(scoring)
    for fact in scoring.facts:
        if fact.id not in used:
            yield ctx.diag("K019", f"fact `{fact.id}` is read by no adjustment, override, item, bonus, penalty or veto",
                           fact.source)
    for formula in scoring.formulas:
        for component in formula.components:
            if Decimal(component.max) <= 0:
                yield ctx.diag("K011", f"component `{component.evaluator}` of `{formula.id}` has maximum {component.max}",
                               formula.source)


@rule("K012", "K013", "K014", "K015")
def completion_items(ctx: RuleContext) -> Iterator[Diagnostic]:
    scoring = ctx.plan.scoring
    if scoring is None or not scoring.completion:
        return
    total = sum((Decimal(i.points) for i in scoring.completion), Decimal(0))
    if total != Decimal(scoring.scale):
        yield ctx.diag("K012", f"the completion weights add up to {total}, not {scoring.scale}", scoring.source)
    metrics = {metric.id: metric for metric in ctx.plan.metrics}
    seen: set[str] = set()
    for item in scoring.completion:
        if item.metric in seen:
            yield ctx.diag("K014", f"metric `{item.metric}` is weighted twice", item.source)
        seen.add(item.metric)
        metric = metrics.get(item.metric)
        if metric is not None and not metric.targets:
            yield ctx.diag("K013", f"weighted metric `{item.metric}` has no target", item.source)
    statuses: set[str] = set()
    for credit in scoring.credits:
        if credit.status in statuses:
            yield ctx.diag("K014", f"status `{credit.status}` is credited twice", credit.source)
        statuses.add(credit.status)
        if Decimal(credit.share) > 1 or Decimal(credit.share) < 0:
            yield ctx.diag("K015", f"status `{credit.status}` earns {Decimal(credit.share) * 100:g}%", credit.source)


@rule("K020", "K021")
def rubric_items(ctx: RuleContext) -> Iterator[Diagnostic]:
    """Sub-items that cannot reach their item's maximum (K020); vetoes and bands that name no grade (K021)."""
    scoring = ctx.plan.scoring
    if scoring is None:
        return
    items = [i for s in scoring.itemsets for i in walk_items(s.items)]
    items += [i for f in scoring.formulas for i in walk_items(f.items)]
    for item in items:
        declared = sum((Decimal(i.max) for i in item.items), Decimal(0))
        if item.items and not any(r.kind in POSITIVE for r in item.rules) and declared < Decimal(item.max):
            parts = " + ".join(i.max for i in item.items)
            yield ctx.diag("K020", f"the sub-items of item `{item.id}` add up to {parts} = {declared}, less than its "
                                   f"maximum {item.max}: a unit can reach at most {attainable(item)} here", item.source,
                           hint="if the source says so, keep its numbers and acknowledge: `ack K020 \"…\"` in the item")
    grades = {b.name for b in scoring.bands} | {g.name for t in scoring.grade_tables for g in t.grades}
    for veto in scoring.vetoes:
        for name in (veto.grade, veto.bar):
            if name is not None and name not in grades:
                yield ctx.diag("K021", f"veto `{veto.id}` names grade `{name}`, which no band or grade table has",
                               veto.source)
    lows = [b.low for b in scoring.bands]
    for band in scoring.bands:
        if lows.count(band.low) > 1:
            yield ctx.diag("K021", f"two bands start at {band.low}", band.source)
