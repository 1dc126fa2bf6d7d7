"""Domain rules (V050–V068): targets that a runtime check could not judge correctly.

Each rule looks for a figure that is ambiguous (a growth with no base year, a relative
growth of a rate) or that contradicts another figure of the same plan (yearly
increments that cannot reach the total). Arithmetic is exact (Decimal).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from compiler import model as m
from compiler.rules import RuleContext, rule
from compiler.vocab import FREQUENCY
from diagnostics import Diagnostic

_RATE_SUFFIXES = ("率", "占比", "比重", "比例")
# avg_growth (年均增长) is a yearly rate by definition, so it needs no base year to be judged.
_CHANGE_KINDS = ("growth", "pp_change", "rank_gain")
_UP = (">=", ">")
_NUMBER = re.compile(r"\d+")


def _multi_year(plan: m.Plan) -> bool:
    return plan.period.end.year > plan.period.start.year


def _unit(target: m.Target, metric: m.Metric) -> str:
    return target.unit or metric.unit or ""


def _years(period: m.Period) -> str:
    if period.start.year == period.end.year:
        return str(period.start.year)
    return f"{period.start.year}–{period.end.year}"


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


def _abbreviates(short: str, long: str) -> bool:
    """``short`` keeps the first and last character of ``long``, a subsequence of the rest, and the same numbers.

    Numbers are part of a unit's identity, never abbreviated: 单位20 is not 单位1200.
    """
    if len(short) < 3 or len(short) >= len(long) or short[0] != long[0] or short[-1] != long[-1]:
        return False
    if _NUMBER.findall(short) != _NUMBER.findall(long):
        return False
    position = 0
    for ch in short:
        position = long.find(ch, position)
        if position < 0:
            return False
        position += 1
    # One inserted block makes a more specific unit, not an abbreviation:
    # 市人民政府办公室 / 市人民政府金融工作办公室, 市公安局 / 市公安局交警支队.
    return not any(long.startswith(short[:k]) and long.endswith(short[k:]) for k in range(1, len(short)))


def spelling_pairs(units: list[m.Unit]) -> tuple[dict[tuple[int, int], tuple[str, str]], int]:
    """Pairs of units (by index, first < second) one of whose names abbreviates the other's, and the comparisons made.

    Comparing every pair of names is quadratic (16,000 units took 97 s). Only names that
    can collide are compared: an abbreviation keeps the first and the last character and
    every number, so names are grouped by (first, last, numbers); within a group a short
    name is compared only with the longer names holding every one of its middle characters
    (an intersection of hash sets, smallest first).
    The names of a pair are the first in declaration order (name before aliases), as a
    comparison of every pair would find. The count lets a test hold the rule near-linear.
    """
    groups: dict[tuple[str, str, tuple[str, ...]], list[tuple[int, int, str]]] = {}
    for u, unit in enumerate(units):
        for p, name in enumerate([unit.name, *unit.aliases]):
            if name:
                groups.setdefault((name[0], name[-1], tuple(_NUMBER.findall(name))), []).append((u, p, name))
    found: dict[tuple[int, int], tuple[tuple[int, int], tuple[str, str]]] = {}
    comparisons = 0
    for entries in groups.values():
        if len(entries) < 2:
            continue
        holding: dict[str, set[int]] = {}
        for index, (_, _, name) in enumerate(entries):
            for ch in set(name[1:-1]):
                holding.setdefault(ch, set()).add(index)
        for su, sp, short in entries:
            if len(short) < 3:
                continue
            # a longer name holding every middle character of `short`, rarest first
            postings = sorted((holding[ch] for ch in set(short[1:-1])), key=len)
            candidates = postings[0].intersection(*postings[1:])
            for index in sorted(candidates):
                lu, lp, long = entries[index]
                if lu == su or len(long) <= len(short):
                    continue
                comparisons += 1
                if not _abbreviates(short, long):
                    continue
                first, second = sorted(((su, sp, short), (lu, lp, long)))
                if units[second[0]].parent == units[first[0]].id or units[first[0]].parent == units[second[0]].id:
                    continue
                key, rank = (first[0], second[0]), (first[1], second[1])
                if key not in found or rank < found[key][0]:
                    found[key] = (rank, (first[2], second[2]))
    return {key: names for key, (_, names) in sorted(found.items())}, comparisons


@rule("V055")
def unit_spelled_twice(ctx: RuleContext) -> Iterator[Diagnostic]:
    units = ctx.plan.units
    pairs, _ = spelling_pairs(units)
    for (i, j), (a, b) in pairs.items():
        first, second = units[i], units[j]
        yield ctx.diag(
            "V055",
            f"units `{first.id}` (“{a}”) and `{second.id}` (“{b}”) look like two spellings of one unit",
            second.source,
            labels=((first.source, f"`{first.id}` is declared here"),),
        )


@rule("V056")
def dates_outside_period(ctx: RuleContext) -> Iterator[Diagnostic]:
    period = ctx.plan.period
    for deadline in ctx.plan.deadlines:
        for due in deadline.due:
            if due.kind == "once" and due.date is not None and not period.start <= due.date <= period.end:
                yield ctx.diag(
                    "V056",
                    f"deadline `{deadline.id}` is due {due.date.isoformat()}, outside the plan period "
                    f"{period.start.isoformat()}–{period.end.isoformat()}",
                    deadline.source,
                )


@rule("V057")
def target_years_reversed(ctx: RuleContext) -> Iterator[Diagnostic]:
    for metric in ctx.plan.metrics:
        for target in metric.targets:
            if target.from_year is not None and target.until_year is not None and target.from_year > target.until_year:
                yield ctx.diag(
                    "V057",
                    f"the target of `{metric.id}` runs from {target.from_year} until {target.until_year}",
                    target.source,
                )
            elif target.from_year is not None and target.by is not None and target.by.year < target.from_year:
                yield ctx.diag(
                    "V057",
                    f"the target of `{metric.id}` is due {target.by.isoformat()}, before it starts in {target.from_year}",
                    target.source,
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


@rule("V062")
def cadence_longer_than_period(ctx: RuleContext) -> Iterator[Diagnostic]:
    period = ctx.plan.period
    length = (period.end - period.start).days + 1
    for cadence in ctx.plan.cadences:
        if cadence.every is None:
            continue
        days = FREQUENCY[cadence.every].days * cadence.interval
        if days > length:
            yield ctx.diag(
                "V062",
                f"cadence `{cadence.id}` recurs every {cadence.interval} {cadence.every}s, longer than the "
                f"plan period {_years(period)}",
                cadence.source,
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


# Frequency words in a cadence's title. Only unambiguous phrasings count; a title that names
# two frequencies (年度督查计划,每季度督查一次 names only one here) is left alone.
_FREQUENCY_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("week", re.compile(r"每周|一周一|周会商|周调度")),
    ("biweek", re.compile(r"双周|每两周")),
    ("dekad", re.compile(r"每旬|旬调度|一旬一")),
    ("month", re.compile(r"每个?月|一月.{0,4}一次|一月一|月分析|月调度|按月")),
    ("quarter", re.compile(r"每个?季度|每个?季|季度|季考核|按季")),
    ("halfyear", re.compile(r"半年")),
    ("year", re.compile(r"每年|一年一次|(?<!半)年度(?:考核|考评|述职|总结)")),
)


def _effective_frequency(cadence: m.Cadence) -> str:
    assert cadence.every is not None
    if cadence.every == "week" and cadence.interval == 2:
        return "biweek"
    if cadence.every == "month" and cadence.interval == 3:
        return "quarter"
    if cadence.every == "month" and cadence.interval == 6:
        return "halfyear"
    if cadence.interval != 1:
        return f"{cadence.interval} {cadence.every}"
    return cadence.every


@rule("V068")
def cadence_frequency_mismatch(ctx: RuleContext) -> Iterator[Diagnostic]:
    for cadence in ctx.plan.cadences:
        if cadence.every is None:
            continue
        found = {(name, match[0]) for name, pattern in _FREQUENCY_WORDS if (match := pattern.search(cadence.title))}
        names = {name for name, _ in found}
        if len(names) != 1:
            continue
        (name, word), *_ = sorted(found)
        every = _effective_frequency(cadence)
        if name != every:
            yield ctx.diag(
                "V068",
                f"cadence `{cadence.id}` is every {every}, but its title says “{word}” ({name})",
                cadence.source,
                hint=f"write `every {name}`, or correct the title",
            )
