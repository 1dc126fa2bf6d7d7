"""The core validation rules: periods, targets, owners, structure and the scoring scheme."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from decimal import Decimal

from compiler import model as m
from compiler.owners import WORDING_ROLES, wording_placeholders
from compiler.rubric import declared_total
from compiler.rules import RuleContext, rule
from compiler.vocab import FREQUENCY, percent_text
from diagnostics import Diagnostic


@rule("V002")
def target_outside_period(ctx: RuleContext) -> Iterator[Diagnostic]:
    period = ctx.plan.period
    for metric in ctx.plan.metrics:
        for target in metric.targets:
            if target.by and not (period.start <= target.by <= period.end):
                yield ctx.diag(
                    "V002",
                    f"the target of `{metric.id}` is due {target.by.isoformat()}, outside the plan period "
                    f"{period.start.year}–{period.end.year}",
                    target.source,
                )
            for year in (target.from_year, target.until_year):
                if year is not None and not (period.start.year <= year <= period.end.year):
                    yield ctx.diag(
                        "V002", f"year {year} in the target of `{metric.id}` is outside the plan period", target.source
                    )


def _same_unit(a: str | None, b: str | None) -> bool:
    return (a or "") == (b or "")


@rule("V003")
def target_unit_mismatch(ctx: RuleContext) -> Iterator[Diagnostic]:
    for metric in ctx.plan.metrics:
        for target in metric.targets:
            if target.unit and metric.unit and not _same_unit(target.unit, metric.unit):
                yield ctx.diag(
                    "V003",
                    f"target in {target.unit} for metric `{metric.id}` measured in {metric.unit}",
                    target.source,
                    hint=f"write the value in {metric.unit}, or change the metric's unit",
                    labels=((metric.source, f"`{metric.id}` is measured in {metric.unit}"),),
                )


@rule("V004", "V005")
def action_owners(ctx: RuleContext) -> Iterator[Diagnostic]:
    plan = ctx.plan
    by_parent: dict[tuple[str | None, str | None], list[m.Action]] = {}
    for action in plan.actions:
        roles: set[str] = {o.role for o in action.owners}
        if "co" in roles and not roles & {"lead", "lead_leader", "responsible"}:
            yield ctx.diag("V004", f"action `{action.id}` has co-operating units but no lead", action.source)
        if action.form in ("inline", "label"):
            continue
        by_parent.setdefault((action.section, action.parent), []).append(action)

    children: dict[str, list[m.Action]] = {}
    for action in plan.actions:
        if action.parent:
            children.setdefault(action.parent, []).append(action)
    owned_memo: dict[str, bool] = {}

    def owned(action: m.Action) -> bool:
        # children indexed and answers remembered once: scanning every action per call made this rule quadratic
        if action.id not in owned_memo:
            kids = children.get(action.id, [])
            owned_memo[action.id] = bool(action.owners) or (bool(kids) and all(owned(c) for c in kids))
        return owned_memo[action.id]

    flagged: set[str] = set()
    for siblings in by_parent.values():
        with_owner = [a for a in siblings if owned(a)]
        if len(with_owner) >= 2 and len(with_owner) < len(siblings):
            for action in siblings:
                if not owned(action):
                    flagged.add(action.id)
                    yield ctx.diag(
                        "V005",
                        f"action `{action.id}` has no owner, while {len(with_owner)} of its "
                        f"{len(siblings)} sibling actions do",
                        action.source,
                        hint="add `lead`, `responsible` or `lead_leader`",
                    )
    # Plan-wide: the one action left without an owner (itself or through an ancestor) in a plan
    # whose other actions all have one, even when it has no owned siblings to compare with.
    by_id = {a.id: a for a in plan.actions}

    def covered(action: m.Action) -> bool:
        current: m.Action | None = action
        while current is not None:
            if owned(current):
                return True
            current = by_id.get(current.parent) if current.parent else None
        return False

    candidates = [a for siblings in by_parent.values() for a in siblings]
    uncovered = [a for a in candidates if not covered(a)]
    if len(uncovered) == 1 and len(candidates) >= 3 and uncovered[0].id not in flagged:
        yield ctx.diag(
            "V005",
            f"action `{uncovered[0].id}` is the only one of the plan's {len(candidates)} actions without an owner",
            uncovered[0].source,
            hint="add `lead`, `responsible` or `lead_leader`",
        )


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


@rule("V010")
def issued_outside_period(ctx: RuleContext) -> Iterator[Diagnostic]:
    plan = ctx.plan
    if plan.issued and plan.issued > plan.period.end:
        yield ctx.diag(
            "V010", f"the plan is issued {plan.issued.isoformat()}, after its period ends {plan.period.end.isoformat()}",
            plan.source,
        )


@rule("V011", "V012", "V016")
def metric_targets(ctx: RuleContext) -> Iterator[Diagnostic]:
    for metric in ctx.plan.metrics:
        if not metric.targets:
            yield ctx.diag("V011", f"metric `{metric.id}` has no target", metric.source)
        for target in metric.targets:
            unit = target.unit or metric.unit
            if metric.kind in ("share", "level") and unit == "%" and target.value is not None:
                if Decimal(target.value) > 100 or (target.value_max and Decimal(target.value_max) > 100):
                    if metric.kind == "share":
                        yield ctx.diag("V012", f"share target of `{metric.id}` is above 100%", target.source)
            if target.value is not None and target.value_max is not None:
                if Decimal(target.value) > Decimal(target.value_max):
                    yield ctx.diag(
                        "V016", f"range {target.value}~{target.value_max} runs backwards", target.source
                    )


@rule("V013")
def kind_unit_mismatch(ctx: RuleContext) -> Iterator[Diagnostic]:
    for metric in ctx.plan.metrics:
        unit = metric.unit or next((t.unit for t in metric.targets if t.unit), None)
        if unit is None:
            continue
        if metric.kind in ("growth", "avg_growth", "share") and unit != "%":
            yield ctx.diag(
                "V013", f"metric `{metric.id}` is a {metric.kind} but is measured in {unit}, not %", metric.source,
                hint="a growth or a share is a percentage; a change in a rate is `pp_change` in 个百分点",
            )
        if metric.kind == "pp_change" and unit != "个百分点":
            yield ctx.diag(
                "V013", f"metric `{metric.id}` is a percentage-point change but is measured in {unit}", metric.source,
                hint="write the unit as 个百分点",
            )


@rule("V014", "V015")
def machinery_owners(ctx: RuleContext) -> Iterator[Diagnostic]:
    for cadence in ctx.plan.cadences:
        if not cadence.owners:
            yield ctx.diag("V014", f"cadence `{cadence.id}` has no owner", cadence.source, hint="add `owner …`")
    for deadline in ctx.plan.deadlines:
        if not deadline.owners:
            yield ctx.diag("V015", f"deadline `{deadline.id}` has no owner", deadline.source, hint="add `owner …`")


@rule("V018")
def empty_sections(ctx: RuleContext) -> Iterator[Diagnostic]:
    for section in ctx.plan.sections:
        if not section.content and not section.preamble:
            yield ctx.diag("V018", f"section `{section.id}` is empty", section.source)


@rule("V019")
def duplicated_prose(ctx: RuleContext) -> Iterator[Diagnostic]:
    seen: dict[str, m.Source] = {}
    holders: list[tuple[list[str], m.Source]] = [(s.text, s.source) for s in ctx.plan.sections]
    holders += [(a.text, a.source) for a in ctx.plan.actions]
    for paragraphs, source in holders:
        for paragraph in paragraphs:
            key = "".join(paragraph.split())
            if len(key) < 12:
                continue  # short formulae (加强组织领导。) legitimately repeat
            if key in seen and seen[key] != source:
                yield ctx.diag(
                    "V019",
                    f"this paragraph also appears earlier: “{paragraph[:24]}…”",
                    source,
                    labels=((seen[key], "first written here"),),
                )
            else:
                seen.setdefault(key, source)


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


@rule("V022")
def parts_add_up(ctx: RuleContext) -> Iterator[Diagnostic]:
    """For each target of the whole, the parts' targets for the same date must add up to it.

    Parts are compared only when every part has a single-valued target for that date,
    in the whole's unit, with a comparator pointing the same way; otherwise the sum is
    not defined and nothing is reported.
    """
    metrics = {metric.id: metric for metric in ctx.plan.metrics}
    for metric in ctx.plan.metrics:
        if not metric.parts:
            continue
        unit = metric.unit
        for whole in metric.targets:
            if whole.value is None or whole.value_max is not None:
                continue
            whole_unit = whole.unit or unit
            values: list[Decimal] = []
            for part_id in metric.parts:
                part = metrics.get(part_id)
                if part is None:
                    break
                match = next(
                    (
                        t for t in part.targets
                        if t.value is not None and t.value_max is None and (t.by, t.each_year) == (whole.by, whole.each_year)
                        and (t.unit or part.unit) == whole_unit and _same_direction(t.op, whole.op)
                    ),
                    None,
                )
                if match is None:
                    break
                values.append(Decimal(match.value or "0"))
            else:
                total = sum(values, Decimal(0))
                if total != Decimal(whole.value):
                    when = f" by {whole.by.isoformat()}" if whole.by else ""
                    yield ctx.diag(
                        "V022",
                        f"the parts of `{metric.id}` add up to {total}{whole_unit or ''}{when}, "
                        f"not {whole.value}{whole_unit or ''}",
                        whole.source,
                        labels=((metric.source, f"parts: {', '.join(metric.parts)}"),),
                    )


def _same_direction(a: str, b: str) -> bool:
    groups = ({">=", ">"}, {"<=", "<"}, {"=", "~"})
    return any(a in g and b in g for g in groups)


@rule("V030")
def owner_wording_matches(ctx: RuleContext) -> Iterator[Diagnostic]:
    for action in ctx.plan.actions:
        if action.owner_wording is None:
            continue
        used: set[str] = set()
        for name, _join in wording_placeholders(action.owner_wording.template):
            if name not in WORDING_ROLES:
                known = ", ".join("{" + k + "}" for k in WORDING_ROLES)
                yield ctx.diag("V030", f"unknown placeholder {{{name}}} in the owner wording of `{action.id}`",
                               action.source, hint=f"use {known}")
                continue
            used.add(WORDING_ROLES[name])
        roles: set[str] = {o.role for o in action.owners}
        placeholder = {role: name for name, role in WORDING_ROLES.items()}
        for role in sorted(roles - used):
            yield ctx.diag("V030", f"the owner wording of `{action.id}` leaves out its {role} units",
                           action.source, hint=f"add {{{placeholder[role]}}} to the wording")
        for role in sorted(used - roles):
            yield ctx.diag("V030", f"the owner wording of `{action.id}` names {{{placeholder[role]}}} but the action has none",
                           action.source)
