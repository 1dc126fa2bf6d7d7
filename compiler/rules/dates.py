"""Rules about dates against the plan's period: targets, the issue date, deadlines and their active window."""

from __future__ import annotations

from collections.abc import Iterator

from compiler.periods import active_window, due_dates
from compiler.rules import RuleContext, rule
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


@rule("V010")
def issued_outside_period(ctx: RuleContext) -> Iterator[Diagnostic]:
    plan = ctx.plan
    if plan.issued and plan.issued > plan.period.end:
        yield ctx.diag(
            "V010", f"the plan is issued {plan.issued.isoformat()}, after its period ends {plan.period.end.isoformat()}",
            plan.source,
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


@rule("S002", "S003")
def deadlines_in_window(ctx: RuleContext) -> Iterator[Diagnostic]:
    plan = ctx.plan
    start, end = active_window(plan)
    if start > end:
        return  # issued after the period ends: V010 already says so
    for deadline in plan.deadlines:
        for due in deadline.due:
            # outside the period altogether is V056's; this catches a date in the period before the issue date
            outside_period = due.date is not None and not plan.period.start <= due.date <= plan.period.end
            if due.kind == "once" and due.date is not None and not outside_period and not start <= due.date <= end:
                yield ctx.diag(
                    "S002",
                    f"deadline `{deadline.id}` is due {due.date.isoformat()}, outside the plan's active window "
                    f"{start.isoformat()} … {end.isoformat()}",
                    deadline.source,
                    hint="check the year; the date is still scheduled as written",
                )
            elif due.kind == "yearly" and not due_dates(due, plan):
                yield ctx.diag(
                    "S003",
                    f"deadline `{deadline.id}` falls before the plan is issued in every year of its period, "
                    "so it has no date in the schedule",
                    deadline.source,
                    hint=f"the plan is active {start.isoformat()} … {end.isoformat()}",
                )
