"""Helpers for the schedule tests: the plans to run over, and an independent reading of a .ics file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from compiler.pipeline import compile_file

ROOT = Path(__file__).resolve().parents[3]
GOLDEN = ROOT / "tests" / "golden" / "schedule"
PLANS = ROOT / "plans"


def plan_files() -> list[Path]:
    """The golden schedule plans and every plan in plans/ (found as `planc check plans/` finds them)."""
    from compiler.discover import discover
    from compiler.loader import Loader

    found = sorted(GOLDEN.glob("*.plan"))
    if PLANS.is_dir():
        entries, _diagnostics, _usage_error = discover([PLANS], Loader())
        found.extend(sorted(entries))
    return found


def compiled_plan(path: Path):
    compiled = compile_file(path)
    assert compiled.ok, [f"{d.code} {d.message}" for d in compiled.diagnostics]
    assert compiled.plan is not None
    return compiled.plan


def ics_occurrences(data: bytes) -> dict[str, list[dt.date]]:
    """Every dated occurrence in a .ics, per UID, as a calendar client expands it.

    Reads the file with icalendar, expands each RRULE with dateutil (minus EXDATEs),
    and applies RECURRENCE-ID overrides. Returns UID -> sorted dates; a date listed
    twice for one UID would mean two occurrences collapsed onto one day.
    """
    from dateutil import rrule
    from icalendar import Calendar

    calendar = Calendar.from_ical(data)
    masters: dict[str, set[dt.date]] = {}
    overrides: list[tuple[str, dt.date, dt.date]] = []
    singles: dict[str, set[dt.date]] = {}
    moved: dict[str, list[dt.date]] = {}
    for component in calendar.walk("VEVENT"):
        uid = str(component["UID"])
        start = component.decoded("DTSTART")
        assert isinstance(start, dt.date) and not isinstance(start, dt.datetime), "all-day events only"
        if "RECURRENCE-ID" in component:
            overrides.append((uid, component.decoded("RECURRENCE-ID"), start))
        elif "RRULE" in component:
            text = component["RRULE"].to_ical().decode()
            begin = dt.datetime(start.year, start.month, start.day)
            dates = {d.date() for d in rrule.rrulestr(text, dtstart=begin)}
            for exdate in _list(component.get("EXDATE")):
                for value in exdate.dts:
                    dates.discard(value.dt)
            masters[uid] = dates
        else:
            assert uid not in singles, f"UID {uid} used twice"
            singles[uid] = {start}
    for uid, recurrence, start in overrides:
        assert uid in masters and recurrence in masters[uid], f"override {uid} {recurrence} has no instance"
        masters[uid].discard(recurrence)
        moved.setdefault(uid, []).append(start)
    for uid, starts in moved.items():
        for start in starts:
            assert start not in masters[uid], f"{uid}: an override lands on another occurrence's day {start}"
            masters[uid].add(start)
    out: dict[str, list[dt.date]] = {uid: sorted(dates) for uid, dates in singles.items()}
    for uid, dates in masters.items():
        assert uid not in out, f"{uid} is both a series and a single event"
        out[uid] = sorted(dates)
    return out


def _list(value: object) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


class WeekendsOnly:
    """A calendar with no statutory holidays, plus chosen days off, for exact-policy tests."""

    def __init__(self, days_off: set[dt.date] | None = None) -> None:
        self.days_off = set(days_off or ())
        self.uncovered: set[int] = set()

    def covers(self, year: int) -> bool:
        return True

    def is_workday(self, date: dt.date) -> bool:
        return date.weekday() < 5 and date not in self.days_off
