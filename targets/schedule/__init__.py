"""The schedule target: cadences and deadlines as dated events, ``schedule.json`` and ``schedule.ics``.

The holiday calendar and the iCalendar library are imported only when a schedule
is computed, never by ``planc check``.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from compiler.model import Plan
from compiler.periods import active_window, due_dates
from compiler.rules import RuleContext
from diagnostics import Diagnostic
from targets import Files, Target

if TYPE_CHECKING:
    from targets.schedule.schema import Schedule


def schedule_of(plan: Plan) -> Schedule:
    """The plan's whole schedule, with the statutory holiday calendar."""
    from targets.schedule.expand import expand
    from targets.schedule.workdays import ChineseCalendar

    return expand(plan, ChineseCalendar())


def stamp_date(plan: Plan) -> dt.date:
    """The date that stands in for "now" in the .ics when SOURCE_DATE_EPOCH is not set."""
    return plan.issued or plan.period.start


def emit(plan: Plan) -> Files:
    from targets.schedule.ics import build_ics
    from targets.serialize import dump_json  # the JSON encoders load only when emitting

    schedule = schedule_of(plan)
    return {"schedule.json": dump_json(schedule), "schedule.ics": build_ics(schedule, stamp_date(plan))}


def schedule_years(plan: Plan) -> list[int]:
    """The years the plan's events can fall in: its active window when it has cadences, and every due date's year."""
    years: set[int] = set()
    start, end = active_window(plan)
    if plan.cadences and start <= end:
        years.update(range(start.year, end.year + 1))
    for deadline in plan.deadlines:
        for due in deadline.due:
            years.update(date.year for date, _ in due_dates(due, plan))
    return sorted(years)


def diagnose(context: RuleContext) -> list[Diagnostic]:
    """S001 when the statutory holiday calendar has no data for a year the plan's events fall in."""
    from targets.schedule.workdays import ChineseCalendar

    calendar = ChineseCalendar()
    uncovered = [year for year in schedule_years(context.plan) if not calendar.covers(year)]
    if not uncovered:
        return []
    listed = ", ".join(str(y) for y in uncovered)
    return [context.diag("S001", f"no statutory holiday data for {listed}; only weekends count as non-working days there",
                         context.plan.source)]


def _schemas() -> dict[str, Any]:
    from targets.schedule.schema import SCHEMAS

    return dict(SCHEMAS)


TARGET = Target("schedule", emit, schemas=_schemas, diagnose=diagnose)
