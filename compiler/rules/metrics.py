"""Rules about metrics and targets: units and kinds, periods and base years, increments, ranks, firmness."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from compiler import model as m
from compiler.rules import RuleContext, rule
from diagnostics import Diagnostic


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


_RATE_SUFFIXES = ("率", "占比", "比重", "比例")


# avg_growth (年均增长) is a yearly rate by definition, so it needs no base year to be judged.
_CHANGE_KINDS = ("growth", "pp_change", "rank_gain")


_UP = (">=", ">")


def _multi_year(plan: m.Plan) -> bool:
    return plan.period.end.year > plan.period.start.year


def _unit(target: m.Target, metric: m.Metric) -> str:
    return target.unit or metric.unit or ""


def _due_year(target: m.Target, plan: m.Plan) -> int:
    if target.by is not None:
        return target.by.year
    if target.until_year is not None:
        return target.until_year
    return plan.period.end.year


@rule("V050", "V063")
def undated_change(ctx: RuleContext) -> Iterator[Diagnostic]:
    plan = ctx.plan
    if not _multi_year(plan):
        return
    for metric in plan.metrics:
        for target in metric.targets:
            if target.each_year:
                continue
            if target.by is None and target.until_year is None:
                yield ctx.diag(
                    "V063",
                    f"the target of `{metric.id}` has no date; its check assumes the end of the period "
                    f"({plan.period.end.isoformat()})",
                    target.source,
                )
            if metric.kind in _CHANGE_KINDS and metric.base_year is None and target.base_year is None:
                yield ctx.diag(
                    "V050",
                    f"`{metric.id}` has a {metric.kind} target in a {plan.period.start.year}–{plan.period.end.year} "
                    f"plan, but no base year says what it is measured from",
                    target.source,
                    labels=((metric.source, f"`{metric.id}` is declared here"),),
                )


@rule("V051")
def relative_change_of_rate(ctx: RuleContext) -> Iterator[Diagnostic]:
    for metric in ctx.plan.metrics:
        if metric.kind not in ("growth", "avg_growth"):
            continue
        name = metric.name.rstrip("提高增长上升下降")
        if name.endswith(_RATE_SUFFIXES):
            yield ctx.diag(
                "V051",
                f"“{metric.name}” is a rate, but `{metric.id}` gives it a relative growth in %",
                metric.source,
            )


@rule("V052")
def percent_and_points(ctx: RuleContext) -> Iterator[Diagnostic]:
    for metric in ctx.plan.metrics:
        if metric.unit is not None:
            continue  # a declared unit makes a stray target unit a V003 error instead
        percent = [t for t in metric.targets if t.unit == "%"]
        points = [t for t in metric.targets if t.unit == "个百分点"]
        if percent and points:
            yield ctx.diag(
                "V052",
                f"metric `{metric.id}` has targets in % and in 个百分点",
                points[0].source,
                labels=((percent[0].source, "this target is in %"),),
            )


def _years_counted(target: m.Target, plan: m.Plan, base_year: int, due_year: int) -> int:
    first = max(target.from_year or plan.period.start.year, base_year + 1)
    last = min(target.until_year or plan.period.end.year, due_year)
    return max(last - first + 1, 0)


@rule("V053", "V054", "V067")
def increments_reach_total(ctx: RuleContext) -> Iterator[Diagnostic]:
    plan = ctx.plan
    metrics = {metric.id: metric for metric in plan.metrics}
    for metric in plan.metrics:
        if metric.adds_to is None or metric.adds_to not in metrics:
            continue
        total = metrics[metric.adds_to]
        if metric.kind not in ("per_year", "increment") or total.kind != "level" or (
            metric.unit and total.unit and metric.unit != total.unit
        ):
            yield ctx.diag(
                "V067",
                f"`{metric.id}` ({metric.kind}, {metric.unit or 'no unit'}) cannot add to `{total.id}` "
                f"({total.kind}, {total.unit or 'no unit'})",
                metric.source,
                hint="`adds_to` links a per_year or increment metric to a level metric in the same unit",
            )
            continue
        if total.base_value is None or total.base_year is None:
            yield ctx.diag(
                "V054",
                f"`{metric.id}` adds to `{total.id}`, which has no base value to add to",
                metric.source,
                labels=((total.source, f"`{total.id}` is declared here"),),
            )
            continue
        base = Decimal(total.base_value)
        unit = total.unit or ""
        for whole in total.targets:
            if whole.value is None or whole.each_year or whole.op not in _UP:
                continue
            due = _due_year(whole, plan)
            added = Decimal(0)
            spans: list[str] = []
            for part in metric.targets:
                if part.value is None or part.op not in _UP:
                    continue
                if metric.kind == "per_year" and part.each_year:
                    years = _years_counted(part, plan, total.base_year, due)
                    added += Decimal(part.value) * years
                    spans.append(f"{part.value}{unit} × {years} years")
                elif metric.kind == "increment" and not part.each_year and _due_year(part, plan) <= due:
                    added += Decimal(part.value)
                    spans.append(f"{part.value}{unit}")
            if not spans:
                continue
            reached = base + added
            target_value = Decimal(whole.value)
            if reached < target_value:
                yield ctx.diag(
                    "V053",
                    f"`{metric.id}` adds {' + '.join(spans)} to {base}{unit} ({total.base_year}): "
                    f"{reached}{unit} by {due}, short of the {target_value}{unit} that `{total.id}` targets",
                    whole.source,
                    labels=((metric.source, f"the increments of `{metric.id}`"),),
                )


@rule("V058")
def increment_kind_mismatch(ctx: RuleContext) -> Iterator[Diagnostic]:
    for metric in ctx.plan.metrics:
        for target in metric.targets:
            if target.value is None:
                continue
            if metric.kind == "per_year" and not target.each_year:
                yield ctx.diag(
                    "V058", f"`{metric.id}` is per_year, but this target is not `each_year`", target.source
                )
            elif metric.kind in ("increment", "level") and target.each_year:
                yield ctx.diag(
                    "V058",
                    f"`{metric.id}` is {metric.kind}, but this target is `each_year`",
                    target.source,
                    hint="for an amount added every year use `kind per_year`",
                )


@rule("V059", "V065")
def rank_targets(ctx: RuleContext) -> Iterator[Diagnostic]:
    for metric in ctx.plan.metrics:
        if metric.kind != "rank":
            continue
        for target in metric.targets:
            if target.value is None:
                continue
            if target.op in _UP:
                yield ctx.diag(
                    "V059",
                    f"rank target `{target.op} {target.value}` for `{metric.id}`: a smaller rank is better",
                    target.source,
                )
            for value in (target.value, target.value_max):
                if value is not None and (Decimal(value) != Decimal(value).to_integral_value() or Decimal(value) < 1):
                    yield ctx.diag("V065", f"rank {value} of `{metric.id}` is not a place (1, 2, 3 …)", target.source)


@rule("V060")
def boolean_target_shape(ctx: RuleContext) -> Iterator[Diagnostic]:
    for metric in ctx.plan.metrics:
        for target in metric.targets:
            if metric.kind == "boolean" and target.value is not None:
                yield ctx.diag(
                    "V060",
                    f"`{metric.id}` is a yes/no metric, but this target has the value {target.value}{target.unit or ''}",
                    target.source,
                    hint="write `target done by YEAR`, or give the metric a numeric kind",
                )
            elif metric.kind != "boolean" and target.value is None:
                yield ctx.diag(
                    "V060",
                    f"`{metric.id}` is a {metric.kind} metric, but this target is `done` without a value",
                    target.source,
                    hint="give the target a value, or declare the metric `kind boolean`",
                )


def _stricter(op: str, a: Decimal, b: Decimal) -> bool:
    """Whether threshold ``a`` is harder to satisfy than ``b`` under ``op``."""
    if op in _UP:
        return a > b
    if op in ("<=", "<"):
        return a < b
    return False


@rule("V061")
def firmness_inverted(ctx: RuleContext) -> Iterator[Diagnostic]:
    for metric in ctx.plan.metrics:
        musts = [t for t in metric.targets if t.firmness == "must" and t.value is not None]
        strives = [t for t in metric.targets if t.firmness == "strive" and t.value is not None]
        for must in musts:
            for strive in strives:
                same_time = (must.by, must.each_year) == (strive.by, strive.each_year)
                same_op = (must.op in _UP) == (strive.op in _UP) and must.op not in ("=", "~")
                if same_time and same_op and _stricter(must.op, Decimal(must.value or 0), Decimal(strive.value or 0)):
                    yield ctx.diag(
                        "V061",
                        f"`{metric.id}`: 确保 {must.value}{must.unit or ''} asks for more than "
                        f"力争 {strive.value}{strive.unit or ''}",
                        must.source,
                        labels=((strive.source, "the strive target"),),
                    )


@rule("V064", "V066")
def base_value_checks(ctx: RuleContext) -> Iterator[Diagnostic]:
    plan = ctx.plan
    for metric in plan.metrics:
        for target in metric.targets:
            base_year = target.base_year or metric.base_year
            if base_year is not None and not target.each_year and base_year >= _due_year(target, plan):
                yield ctx.diag(
                    "V066",
                    f"the base year {base_year} of `{metric.id}` is not before its target year "
                    f"{_due_year(target, plan)}",
                    target.source,
                )
            if metric.base_value is None or target.value is None or metric.kind not in ("level", "share", "rank"):
                continue
            base = Decimal(metric.base_value)
            value = Decimal(target.value)
            met = {">=": base >= value, ">": base > value, "<=": base <= value, "<": base < value}.get(target.op)
            if met:
                yield ctx.diag(
                    "V064",
                    f"the target {target.op} {target.value}{_unit(target, metric)} of `{metric.id}` is already met "
                    f"by its base value {metric.base_value}{metric.unit or ''} ({metric.base_year})",
                    target.source,
                )


def _amount(target: m.Target) -> tuple[Decimal | None, Decimal | None, str | None]:
    """A target's value as numbers, so 13.0% and 13% are the same target."""

    def number(text: str | None) -> Decimal | None:
        return Decimal(text) if text is not None else None

    return number(target.value), number(target.value_max), target.unit


@rule("V028")
def conflicting_targets(ctx: RuleContext) -> Iterator[Diagnostic]:
    by_name: dict[str, list[m.Metric]] = {}
    for metric in ctx.plan.metrics:
        by_name.setdefault(metric.name, []).append(metric)
        seen: dict[tuple[object, ...], m.Target] = {}
        for target in metric.targets:
            key = (target.by, target.each_year, target.firmness, target.op)
            if key in seen and _amount(seen[key]) != _amount(target):
                yield ctx.diag(
                    "V028",
                    f"metric `{metric.id}` has two different targets for the same date: "
                    f"{seen[key].value}{seen[key].unit or ''} and {target.value}{target.unit or ''}",
                    target.source,
                    labels=((seen[key].source, "the other target"),),
                )
            seen.setdefault(key, target)
    for name, metrics in by_name.items():
        if len(metrics) < 2:
            continue
        first = metrics[0]
        for other in metrics[1:]:
            a = [(t.op, *_amount(t), t.by) for t in first.targets]
            b = [(t.op, *_amount(t), t.by) for t in other.targets]
            if a and b and a != b and first.kind == other.kind:
                yield ctx.diag(
                    "V028",
                    f"“{name}” is targeted differently in `{first.id}` and `{other.id}`",
                    other.source,
                    labels=((first.source, f"`{first.id}` is written here"),),
                )
