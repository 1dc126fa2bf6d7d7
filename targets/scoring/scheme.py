"""The resolved model's scoring block → :class:`ScoringDoc` (``scoring.json``), with every default written out.

The score stage reads this document, not the model, so ``scoring.json`` is the
whole contract: what `planc score` computes can be recomputed from it alone.
"""

from __future__ import annotations

from decimal import Decimal

from compiler import model as m
from compiler.rubric import POSITIVE, attainable, declared_total, formula_items
from compiler.vocab import decimal_text
from targets.scoring.schema import (
    AdjustmentDef,
    BandDef,
    BlendDef,
    BlendPartDef,
    CompletionDef,
    CompletionItemDef,
    ComponentDef,
    ConditionDef,
    CreditDef,
    FactDef,
    FlagDef,
    FormulaDef,
    GradeDef,
    GradeTableDef,
    GroupDef,
    ItemDef,
    OverrideDef,
    PeriodWeight,
    RankingDef,
    RankTableDef,
    RuleDef,
    ScoringDoc,
    StageDef,
    TestDef,
    UnitRef,
    VetoDef,
)

#: the period labels of one year, per assessment frequency (a period is written YEAR + label: 2022Q1)
PERIOD_LABELS: dict[str, list[str]] = {
    "quarter": ["Q1", "Q2", "Q3", "Q4"],
    "halfyear": ["H1", "H2"],
    "month": [f"M{month:02d}" for month in range(1, 13)],
    "year": [""],
}
SUPPORTED_FREQUENCIES = tuple(PERIOD_LABELS)

#: the order in which one year is computed, whatever the order of the statements; written into scoring.json.
#: Each step is a method ``step_<name>`` of :class:`targets.scoring.engine.Engine`.
STEPS = [
    "period_score: the sum of the formula's components, each within [0, max], and of its items, each within "
    "[0, max] (sub-items and rules first); a missing component, item score or fact makes the period no_data",
    "blend: final period score = self_share × own score + Σ share × partner's own score",
    "period_rank: rank the final period scores within each group; flags mark the lowest",
    "annual_score: Σ period weight × final period score; any no_data period makes the year no_data",
    "override: when its condition holds, the annual score becomes the scale",
    "adjust_annual: adjustments `on annual` add their points, clamped to [0, scale]",
    "bonus: each bonus's amount within [0, its cap], all bonuses within [0, bonus_cap], added",
    "penalty: each penalty's amount within [0, its cap], subtracted",
    "bounds: the final score kept within the scheme's bounds (open: none; capped: [0, scale]; zero: ≥ 0)",
    "veto: a veto whose condition holds (总分 = the score so far) fixes the score, if it says so",
    "annual_rank: rank the annual scores within each group by the tie rule",
    "points: weight × the rank table's share for the rank, or × the grade's share under the quotas",
    "band: the grade by score band; with quotas too, the lower of the two",
    "veto_grade: a veto that held fixes the grade, or bars one (the next lower band instead); nothing after undoes it",
    "adjust_points: adjustments `on points` add their points, clamped to [0, weight]",
]
STEP_NAMES = [step.split(":", 1)[0] for step in STEPS]

DEFAULT_CREDITS = [("met", "1")]


def _period_weights(scoring: m.Scoring, group: m.Group) -> list[PeriodWeight]:
    labels = PERIOD_LABELS.get(scoring.every, [])
    if scoring.every == "year":
        return [PeriodWeight(period="Y", weight="1")]
    return [PeriodWeight(period=label, weight=w) for label, w in zip(labels, group.period_weights)]


def _ranking(group: m.Group) -> RankingDef:
    if group.rank_points:
        return RankingDef(method="rank_points", table=group.rank_points)
    if group.grades:
        return RankingDef(method="grades", table=group.grades)
    return RankingDef(method="none")


def _condition(condition: m.Condition) -> ConditionDef:
    return ConditionDef(fact=condition.fact, op=condition.op, value=condition.value, unit=condition.unit)


def test_def(test: m.Test) -> TestDef:
    return TestDef(kind=test.kind, fact=test.fact, op=test.op, value=test.value, value_fact=test.value_fact, unit=test.unit,
                   parts=[test_def(p) for p in test.parts])


def rule_def(rule: m.Rule) -> RuleDef:
    return RuleDef(kind=rule.kind, name=rule.name, points=rule.points, fact=rule.fact, against=rule.against,
                   against_fact=rule.against_fact, test=None if rule.test is None else test_def(rule.test), cap=rule.cap)


def _expand(applies: list[str], groups: dict[str, list[str]]) -> list[str] | None:
    """Unit ids of an `applies` list (groups by their members); None when it is empty (every unit)."""
    if not applies:
        return None
    units: list[str] = []
    for name in applies:
        units.extend(groups.get(name, [name]))
    return list(dict.fromkeys(units))


def item_def(item: m.Item, groups: dict[str, list[str]], itemset: str | None = None) -> ItemDef:
    positive = bool(item.items) or any(r.kind in POSITIVE for r in item.rules)
    base = "sum_of_parts" if positive else ("max_less_deductions" if item.rules else "recorded")
    return ItemDef(
        id=item.id, title=item.title, max=item.max, attainable=decimal_text(attainable(item)), itemset=itemset,
        content=list(item.content), standard=list(item.standard), scorers=list(item.scorers), shares=list(item.shares),
        applies=_expand(item.applies, groups), tiers=item.tiers, rules=[rule_def(r) for r in item.rules],
        items=[item_def(i, groups) for i in item.items], base=base,  # type: ignore[arg-type]
    )


def _formula_item_defs(scoring: m.Scoring, formula: m.Formula, groups: dict[str, list[str]]) -> list[ItemDef]:
    sets = {s.id: s for s in scoring.itemsets}
    defs = [item_def(i, groups, set_id) for set_id in formula.itemsets if set_id in sets for i in sets[set_id].items]
    return defs + [item_def(i, groups) for i in formula.items]


def _split(applies: list[str], all_groups: list[str]) -> tuple[list[str], list[str] | None]:
    """An `applies` list as (groups, units): nothing listed is every group; units listed alone leave no group."""
    if not applies:
        return list(all_groups), None
    groups = [name for name in applies if name in all_groups]
    units = [name for name in applies if name not in all_groups]
    return groups, units or None


def _scored_units(scoring: m.Scoring) -> list[str]:
    ids: list[str] = []
    for formula in scoring.formulas:
        ids.extend(formula.members)
        ids.extend(c.evaluator for c in formula.components)
        for item in formula_items(scoring, formula):
            ids.extend(item.scorers)
    for group in scoring.groups:
        ids.extend(group.members)
    for blend in scoring.blends:
        ids.append(blend.unit)
        ids.extend(p.unit for p in blend.parts)
    return list(dict.fromkeys(ids))


def scoring_doc(plan: m.Plan) -> ScoringDoc | None:
    """The explicit scheme of ``plan``, or None when the plan has no scoring block."""
    scoring = plan.scoring
    if scoring is None:
        return None
    wanted = set(_scored_units(scoring))
    units = [UnitRef(id=u.id, name=u.name, aliases=list(u.aliases)) for u in plan.units if u.id in wanted]
    all_groups = [g.id for g in scoring.groups]
    group_members = {g.id: list(g.members) for g in scoring.groups}
    completion = None
    if scoring.completion:
        metrics = {metric.id: metric for metric in plan.metrics}
        credits = [(c.status, c.share) for c in scoring.credits] or DEFAULT_CREDITS
        completion = CompletionDef(
            items=[
                CompletionItemDef(
                    metric=item.metric,
                    name=metrics[item.metric].name if item.metric in metrics else item.metric,
                    points=item.points,
                )
                for item in scoring.completion
            ],
            total=decimal_text(sum((Decimal(i.points) for i in scoring.completion), Decimal(0))),
            credits=[CreditDef(status=s, share=share) for s, share in credits],
        )
    grade_tables = []
    for table in scoring.grade_tables:
        rest = next((g.name for g in table.grades if g.quota is None), None)
        grade_tables.append(
            GradeTableDef(
                id=table.id,
                grades=[GradeDef(name=g.name, quota=g.quota, share=g.share) for g in table.grades],
                quota_total=sum(g.quota for g in table.grades if g.quota is not None),
                rounding=table.rounding,
                quota_method=table.quota_method,
                beyond_quota=rest or (table.grades[-1].name if table.grades else ""),
            )
        )
    return ScoringDoc(
        plan=plan.id,
        id=scoring.id,
        title=scoring.title,
        every=scoring.every if scoring.every in SUPPORTED_FREQUENCIES else "year",  # type: ignore[arg-type]
        periods=[label or "Y" for label in PERIOD_LABELS.get(scoring.every, [""])],
        scale=scoring.scale,
        ties=scoring.ties,
        steps=STEPS,
        units=units,
        facts=[FactDef(id=f.id, name=f.name, unit=f.unit) for f in scoring.facts],
        formulas=[
            FormulaDef(
                id=f.id,
                title=f.title,
                members=list(f.members),
                components=[ComponentDef(evaluator=c.evaluator, max=c.max) for c in f.components],
                total=decimal_text(declared_total(scoring, f)),
                items=_formula_item_defs(scoring, f, group_members),
            )
            for f in scoring.formulas
        ],
        groups=[
            GroupDef(
                id=g.id,
                title=g.title,
                members=list(g.members),
                period_weights=_period_weights(scoring, g),
                weight=g.weight,
                ranking=_ranking(g),
            )
            for g in scoring.groups
        ],
        blends=[
            BlendDef(
                unit=b.unit,
                self_share=b.self_share,
                parts=[BlendPartDef(unit=p.unit, share=p.share) for p in b.parts],
            )
            for b in scoring.blends
        ],
        rank_tables=[RankTableDef(id=t.id, shares=list(t.shares)) for t in scoring.rank_tables],
        grade_tables=grade_tables,
        adjustments=[
            AdjustmentDef(
                id=a.id, title=a.title, when=_condition(a.when), points=a.points,
                applies=_split(a.applies, all_groups)[0], units=_split(a.applies, all_groups)[1], on=a.on,
            )
            for a in scoring.adjustments
        ],
        overrides=[
            OverrideDef(id=o.id, title=o.title, when=_condition(o.when), then=o.then,
                        applies=_split(o.applies, all_groups)[0], units=_split(o.applies, all_groups)[1])
            for o in scoring.overrides
        ],
        flags=[
            FlagDef(id=f.id, title=f.title, rule=f.rule, count=f.count, applies=list(f.applies) or all_groups,
                    per="group_and_year" if f.rule == "top" else "group_and_period")
            for f in scoring.flags
        ],
        completion=completion,
        stages=[
            StageDef(id=st.id, title=st.title, kind=st.kind, cap=st.cap, applies=_expand(st.applies, group_members),
                     tiers=st.tiers, rules=[rule_def(r) for r in st.rules])
            for st in [*(x for x in scoring.stages if x.kind == "bonus"), *(x for x in scoring.stages if x.kind == "penalty")]
        ],
        bonus_cap=scoring.bonus_cap,
        bounds=scoring.bounds,
        vetoes=[
            VetoDef(id=v.id, title=v.title, when=test_def(v.test), grade=v.grade, bar=v.bar, score=v.score,
                    applies=_expand(v.applies, group_members))
            for v in scoring.vetoes
        ],
        bands=[BandDef(name=b.name, low=b.low, words=b.words)
               for b in sorted(scoring.bands, key=lambda band: Decimal(band.low), reverse=True)],
    )
