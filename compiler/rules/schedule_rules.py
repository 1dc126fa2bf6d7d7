"""Rules about cadences and deadlines that need no holiday calendar (S002, S003)."""

from __future__ import annotations

from collections.abc import Iterator

from compiler.periods import active_window, due_dates
from compiler.rules import RuleContext, rule
from diagnostics import Diagnostic


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
