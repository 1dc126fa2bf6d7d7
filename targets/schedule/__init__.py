"""The schedule target: cadences and deadlines as dated events, ``schedule.json`` and ``schedule.ics``.

The holiday calendar and the iCalendar library are imported only when a schedule
is computed, never by ``planc check``.
"""

from __future__ import annotations

import datetime as dt

from compiler.artifacts import dump_json
from compiler.model import Plan
from targets import Files, Target
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

    schedule = schedule_of(plan)
    return {"schedule.json": dump_json(schedule), "schedule.ics": build_ics(schedule, stamp_date(plan))}


TARGET = Target("schedule", emit)
