"""Working days in mainland China: statutory holidays and adjusted working days (调休).

Backed by ``chinese_calendar``, which carries the State Council's yearly holiday
notices. For a year it has no data for, Saturdays and Sundays and the statutory holidays
on fixed dates (FIXED_HOLIDAYS) are treated as non-working, and the year is recorded so the
caller can warn (S001) and mark its events as tentative (TENTATIVE_NOTE).
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol

# 全国年节及纪念日放假办法 (2024 revision): the holidays on fixed solar dates — 元旦 1-1,
# 劳动节 5-1 and 5-2, 国庆节 10-1 to 10-3. The lunar ones (春节, 清明, 端午, 中秋) and the
# adjusted working days are known only from each year's notice.
FIXED_HOLIDAYS = frozenset({(1, 1), (5, 1), (5, 2), (10, 1), (10, 2), (10, 3)})
TENTATIVE_NOTE = "（节假日安排未公布，日期待定）"


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
        self._days: dict[dt.date, bool] = {}  # chinese_calendar validates its whole table on every call
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
            known = self._days.get(date)
            if known is None:
                known = self._days[date] = bool(self._module.is_workday(date))
            return known
        self.uncovered.add(date.year)
        return date.weekday() < 5 and (date.month, date.day) not in FIXED_HOLIDAYS


def previous_workday(date: dt.date, calendar: WorkdayCalendar, earliest: dt.date) -> dt.date:
    """``date`` itself when it is a working day, else the last working day before it, not before ``earliest``."""
    candidate = date
    while candidate > earliest and not calendar.is_workday(candidate):
        candidate -= dt.timedelta(days=1)
    return candidate


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
