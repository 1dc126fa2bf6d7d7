"""Dates every consumer of cadences and deadlines agrees on: the plan's active window and yearly dates.

Pure standard library, so validation rules can use it without loading the
holiday calendar (that lives in ``targets.schedule``).
"""

from __future__ import annotations

import calendar
import datetime as dt

from compiler import model as m


def active_window(plan: m.Plan) -> tuple[dt.date, dt.date]:
    """From the issue date (or the start of the period, whichever is later) to the end of the period.

    A plan issued before its period starts is active from the period's first day;
    a plan without an issue date from the first day of its period. The window may be
    empty (start after end) when the plan is issued after its period ends (V010).
    """
    start = plan.period.start
    if plan.issued is not None and plan.issued > start:
        start = plan.issued
    return start, plan.period.end


def month_day(year: int, month: int, day: int | None) -> dt.date:
    """The date of a month/day in ``year``; ``day=None`` (3月底) is the month's last day.

    A day past the month's end (02-29 in a common year) falls on the last day of the month.
    """
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, last if day is None else min(day, last))


def due_dates(due: m.Due, plan: m.Plan) -> list[tuple[dt.date, int | None]]:
    """The dates of one `due` rule, each with the year it concerns (None for a one-off date).

    * ``once``: the date as written, whether or not it lies in the window (S002 warns).
    * ``yearly`` (每年3月底前): that month/day in each year of the period, inside the window.
    * ``next_year`` (下一年度1月30日前): for each year of the period from the year the plan
      becomes active, that month/day of the following year, so a plan for 2022–2025
      issued in 2022 has dates in 2023 … 2026.
    """
    start, end = active_window(plan)
    if due.kind == "once":
        return [(due.date, None)] if due.date is not None else []
    if due.month is None:
        return []
    out: list[tuple[dt.date, int | None]] = []
    for year in range(start.year, plan.period.end.year + 1):
        if due.kind == "yearly":
            date = month_day(year, due.month, due.day)
            if start <= date <= end:
                out.append((date, year))
        elif year < dt.MAXYEAR:  # the year after 9999 has no calendar
            out.append((month_day(year + 1, due.month, due.day), year))
    return out
