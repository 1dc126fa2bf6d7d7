"""Schedules an office can rely on: holidays in unpublished years, 至少 windows, reviews, prose kept prose."""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from pathlib import Path

from icalendar import Calendar

from compiler.pipeline import compile_paths
from targets.schedule import emit, schedule_of
from targets.schedule.schema import Schedule
from targets.schedule.workdays import FIXED_HOLIDAYS, TENTATIVE_NOTE, ChineseCalendar

ROOT = Path(__file__).resolve().parents[3]


@cache
def _plan(name: str):  # type: ignore[no-untyped-def]
    plan = compile_paths([ROOT / "plans" / f"{name}.plan"]).plans[0].plan
    assert plan is not None
    return plan


@cache
def _schedule(name: str) -> Schedule:
    return schedule_of(_plan(name))


def test_qianjiang_unpublished_years_skip_fixed_holidays_and_are_marked() -> None:
    calendar = ChineseCalendar()
    schedule = _schedule("qianjiang-2022")
    later = [e for e in schedule.events if 2027 <= e.date.year <= 2035]
    assert later, "潜江's plan runs to 2035"
    assert not calendar.covers(2027)  # if the package ever covers 2027, the mark below must go for that year
    for event in later:
        assert (event.date.month, event.date.day) not in {(1, 1), (10, 1), (10, 2), (10, 3)}, event
        assert event.tentative and event.note == TENTATIVE_NOTE
    covered = [e for e in schedule.events if calendar.covers(e.date.year)]
    assert covered and not any(e.tentative for e in covered)
    assert {(1, 1), (5, 1), (10, 1), (10, 2), (10, 3)} <= FIXED_HOLIDAYS


def test_qianjiang_ics_marks_every_tentative_event() -> None:
    files = emit(_plan("qianjiang-2022"))
    document = json.loads(files["schedule.json"])
    marked = [e for e in document["events"] if e["date"] >= "2027-01-01"]
    assert marked and all(e["note"] == TENTATIVE_NOTE for e in marked)
    vevents = Calendar.from_ical(files["schedule.ics"]).walk("VEVENT")
    tentative = {str(v["SUMMARY"]) for v in vevents
                 if "RECURRENCE-ID" in v and v["DTSTART"].dt >= dt.date(2027, 1, 1)}
    assert len([v for v in vevents if "RECURRENCE-ID" in v and v["DTSTART"].dt >= dt.date(2027, 1, 1)]) == len(marked)
    assert all(title.endswith(TENTATIVE_NOTE) for title in tentative)


def test_at_least_events_carry_their_window_and_sit_on_its_last_working_day() -> None:
    calendar = ChineseCalendar()
    schedule = _schedule("yuanjiang-2024")
    events = [e for e in schedule.events if e.at_least]
    assert events
    issued = _plan("yuanjiang-2024").issued
    for event in events:
        assert event.window is not None and event.window.start <= event.date <= event.window.end
        assert calendar.is_workday(event.date)
        after = event.date + dt.timedelta(days=1)
        while after <= event.window.end:
            assert not calendar.is_workday(after), (event.rule, event.date, after)
            after += dt.timedelta(days=1)
    # none lands on the issue date any more
    assert not any(e.date == issued for e in events)


def test_xiangtan_quarterly_review_is_labelled_with_the_quarter_it_reviews() -> None:
    events = [e for e in _schedule("xiangtan-2022").events if e.rule == "季考核"]
    q4 = next(e for e in events if e.period is not None and e.period.label == "2025Q4")
    assert q4.reviews and q4.date > dt.date(2025, 12, 31)
    q3 = next(e for e in events if e.period is not None and e.period.label == "2025Q3")
    assert q3.date == dt.date(2025, 10, 9)  # after 国庆 and the 中秋 holiday of 2025
    for event in events:
        assert event.period is not None and event.date > event.period.end


def test_yueyang_pacing_sentence_is_not_a_meeting_series() -> None:
    plan = _plan("yueyang-2025")
    assert not [c for c in plan.cadences if "更加均衡" in c.title]
    action = next(a for a in plan.actions if a.id == "a1-s2-2-1")
    assert "按月按季推动项目投资和建设更加均衡" in "".join(action.text)
