"""Working days in mainland China: statutory holidays and adjusted working days (调休).

Backed by ``chinese_calendar``, which carries the State Council's yearly holiday
notices. For a year it has no data for, only Saturdays and Sundays are treated as
non-working, and the year is recorded so the caller can warn (S001).
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol


class WorkdayCalendar(Protocol):
    uncovered: set[int]  # years asked about that the calendar has no holiday data for

    def is_workday(self, date: dt.date) -> bool: ...

    def covers(self, year: int) -> bool: ...


class ChineseCalendar:
    """The statutory calendar; weekends only for the years it does not cover."""

    def __init__(self) -> None:
        import chinese_calendar  # imported here: `planc check` never needs it

        self._module = chinese_calendar
        self._covered: dict[int, bool] = {}
        self.uncovered: set[int] = set()

    def covers(self, year: int) -> bool:
        if year not in self._covered:
            try:
                self._module.is_workday(dt.date(year, 6, 1))
                self._covered[year] = True
            except NotImplementedError:
                self._covered[year] = False
        return self._covered[year]

    def is_workday(self, date: dt.date) -> bool:
        if self.covers(date.year):
            return bool(self._module.is_workday(date))
        self.uncovered.add(date.year)
        return date.weekday() < 5


def next_workday(date: dt.date, calendar: WorkdayCalendar) -> dt.date:
    """``date`` itself when it is a working day, otherwise the first working day after it."""
    # The longest statutory break (Spring Festival plus a weekend) is under two weeks;
    # the bound only guards against a calendar that never reports a working day.
    for offset in range(60):
        try:
            candidate = date + dt.timedelta(days=offset)
        except OverflowError:  # past 9999-12-31
            break
        if calendar.is_workday(candidate):
            return candidate
    return date
