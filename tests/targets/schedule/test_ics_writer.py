"""The line writer of schedule.ics: the bytes icalendar would write, and what icalendar reads back is every event.

The reference below is the icalendar-based serialiser the line writer replaced,
fed the same events (``calendar_events``): the two must agree byte for byte on
every bundled plan, the goldens and generated schedules. Independently, the
file is parsed with icalendar and every event's fields compared with the events.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar, Timezone, TimezoneStandard
from icalendar import Event as IcalEvent
from icalendar.parser.string import _escape_char, _foldline

from targets.schedule import schedule_of
from targets.schedule.expand import between
from targets.schedule.ics import (
    PRODID,
    _fold,
    _simple_instances,
    _text,
    build_ics,
    calendar_events,
    rrule_instances,
    write_calendar,
)
from targets.schedule.schema import TIMEZONE, Schedule
from tests.targets.schedule.helpers import compiled_plan, plan_files
from tests.targets.schedule.test_properties import plans

PLAN_FILES = plan_files()


def icalendar_bytes(title: str, events: list[dict[str, Any]]) -> bytes:
    """The calendar as the icalendar library serialises it (the writer schedule.ics used before)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", title)
    calendar.add("x-wr-timezone", TIMEZONE)
    zone = Timezone()
    zone.add("tzid", TIMEZONE)
    standard = TimezoneStandard()
    standard.add("dtstart", dt.datetime(1970, 1, 1))
    standard.add("tzoffsetfrom", dt.timedelta(hours=8))
    standard.add("tzoffsetto", dt.timedelta(hours=8))
    standard.add("tzname", "CST")
    zone.add_component(standard)
    calendar.add_component(zone)
    for event in events:
        component = IcalEvent()
        for name, value in event.items():  # icalendar orders the properties itself
            component.add(name, value)
        calendar.add_component(component)
    return calendar.to_ical()


def _events_of(path: Path) -> tuple[Schedule, list[dict[str, Any]], bytes]:
    plan = compiled_plan(path)
    schedule = schedule_of(plan)
    issued = plan.issued or plan.period.start
    return schedule, calendar_events(schedule, issued), build_ics(schedule, issued)


@pytest.mark.parametrize("path", PLAN_FILES, ids=lambda p: p.stem)
def test_bytes_equal_the_icalendar_writer_on_every_plan(path: Path) -> None:
    schedule, events, data = _events_of(path)
    # an assessment rubric (石城's) has no meetings or deadlines: its calendar is empty, and must still match
    # and a plan whose only duties have no fixed frequency (崇明's 定期 audit) puts nothing on the calendar
    plan = compiled_plan(path)
    dated = any(c.every for c in plan.cadences) or bool(plan.deadlines)
    assert events or "shicheng" in path.stem or not dated, "the plan has events to write"
    assert data == icalendar_bytes(schedule.title, events)


def _decoded(component: Any, name: str) -> Any:
    return component.decoded(name)


def _assert_round_trip(data: bytes, events: list[dict[str, Any]], title: str) -> None:
    calendar = Calendar.from_ical(data)
    assert str(calendar["X-WR-CALNAME"]) == title
    parsed = calendar.walk("VEVENT")
    assert len(parsed) == len(events)
    for component, event in zip(parsed, events):
        assert str(component["UID"]) == event["uid"]
        assert str(component["SUMMARY"]) == event["summary"]
        assert str(component["DESCRIPTION"]) == event["description"]
        assert str(component["TRANSP"]) == event["transp"]
        assert [str(c) for c in component["CATEGORIES"].cats] == event["categories"]
        assert _decoded(component, "DTSTART") == event["dtstart"]
        assert _decoded(component, "DTSTAMP") == event["dtstamp"]
        assert ("DTEND" in component) == ("dtend" in event)
        if "dtend" in event:
            assert _decoded(component, "DTEND") == event["dtend"]
        assert ("RECURRENCE-ID" in component) == ("recurrence-id" in event)
        if "recurrence-id" in event:
            assert _decoded(component, "RECURRENCE-ID") == event["recurrence-id"]
        assert ("RRULE" in component) == ("rrule" in event)
        if "rrule" in event:
            rule = component["RRULE"]
            expected = event["rrule"]
            assert [str(f).lower() for f in rule["FREQ"]] == [expected["freq"]]
            assert rule["UNTIL"] == [expected["until"]]
            for part in ("interval", "bymonth", "bymonthday"):
                if part in expected:
                    value = expected[part]
                    assert [int(v) for v in rule[part.upper()]] == (value if isinstance(value, list) else [value])
                else:
                    assert part.upper() not in rule
        assert ("EXDATE" in component) == ("exdate" in event)
        if "exdate" in event:
            assert [d.dt for d in component["EXDATE"].dts] == event["exdate"]


@pytest.mark.parametrize("path", PLAN_FILES, ids=lambda p: p.stem)
def test_icalendar_reads_back_every_event_of_every_plan(path: Path) -> None:
    schedule, events, data = _events_of(path)
    _assert_round_trip(data, events, schedule.title)


@settings(max_examples=40, deadline=None)
@given(plans(), st.none() | st.dates(dt.date(2020, 1, 1), dt.date(2026, 12, 31)))
def test_generated_schedules_match_icalendar_and_read_back(plan: Any, since: dt.date | None) -> None:
    schedule = between(schedule_of(plan), since, None)
    issued = plan.issued or plan.period.start
    events = calendar_events(schedule, issued)
    data = build_ics(schedule, issued)
    assert data == icalendar_bytes(schedule.title, events)
    _assert_round_trip(data, events, schedule.title)


# Text that exercises every escape and every folding rule: escapes and carets at the fold,
# 2-, 3- and 4-byte characters across it, CR/LF in all spellings, icalendar's literal \N.
_TRICKY = st.text(
    alphabet=st.sampled_from(["a", "\\", "^", ";", ",", ":", "\n", "\r", "N", " ", "é", "中", "\U0001f600", '"']),
    max_size=400,
)


@settings(max_examples=300, deadline=None)
@given(_TRICKY, st.integers(0, 80))
def test_escaping_and_folding_are_icalendar_s(text: str, pad: int) -> None:
    line = "DESCRIPTION:" + "x" * pad + _text(text)
    assert _text(text) == _escape_char(text)
    assert _fold(line.encode("utf-8")) == _foldline(line).encode("utf-8")


@settings(max_examples=100, deadline=None)
@given(st.lists(_TRICKY, min_size=1, max_size=3), _TRICKY, _TRICKY)
def test_any_text_round_trips_through_icalendar(categories: list[str], summary: str, description: str) -> None:
    event = {"uid": "u@planc", "dtstamp": dt.datetime(2024, 1, 1, tzinfo=dt.UTC), "dtstart": dt.date(2024, 1, 2),
             "dtend": dt.date(2024, 1, 3), "summary": summary, "description": description,
             "categories": [c or "x" for c in categories], "transp": "TRANSPARENT"}
    data = write_calendar("标题；甲、乙", [event])
    assert data == icalendar_bytes("标题；甲、乙", [event])
    for line in data.split(b"\r\n"):
        assert len(line) <= 75
        line.decode("utf-8")
    [component] = Calendar.from_ical(data).walk("VEVENT")
    normalised = {k: v.replace("\\N", "\n").replace("\r\n", "\n").replace("\r", "\n")
                  for k, v in (("summary", summary), ("description", description))}
    assert str(component["SUMMARY"]) == normalised["summary"]
    assert str(component["DESCRIPTION"]) == normalised["description"]


def test_a_backslash_at_the_fold_moves_to_the_next_line() -> None:
    line = ("DESCRIPTION:" + "x" * 61 + "\\\\n").encode()  # the escape's backslash is the 74th octet
    folded = _fold(line)
    assert folded.split(b"\r\n ")[0].endswith(b"x") and folded.split(b"\r\n ")[1].startswith(b"\\\\")


def test_the_calendar_name_is_escaped_as_text() -> None:
    # icalendar writes X-WR-CALNAME raw (an unknown property to it), so a title with a newline crashed the old
    # writer and one with a comma was ambiguous; clients read X-WR-CALNAME as TEXT, and so it is written.
    data = write_calendar("方案,一;二\\三\n四", [])
    assert "X-WR-CALNAME:方案\\,一\\;二\\\\三\\n四\r\n".encode() in data


# The rules a schedule writes, and some it does not (those fall back to dateutil): every interval, start day
# and span, including the 29th-31st, 29 February, the last day of a month and invalid month days.
_RULES = st.one_of(
    st.builds(lambda n: {"freq": "weekly", "interval": n}, st.integers(1, 6)),
    st.builds(lambda n: {"freq": "monthly", "interval": n}, st.integers(1, 13)),
    st.just({"freq": "monthly", "bymonthday": [1, 11, 21]}),
    st.builds(lambda n: {"freq": "yearly", "interval": n}, st.integers(1, 4)),
    st.builds(lambda m, d: {"freq": "yearly", "bymonth": m, "bymonthday": d},
              st.integers(1, 12), st.sampled_from([-1, 1, 15, 28, 29, 30, 31])),
)


@settings(max_examples=400, deadline=None)
@given(_RULES, st.dates(dt.date(1999, 1, 1), dt.date(2031, 12, 31)), st.integers(0, 3000))
def test_the_instance_arithmetic_is_dateutil_s(parts: dict[str, Any], first: dt.date, span: int) -> None:
    last = first + dt.timedelta(days=span)
    fast = _simple_instances(parts, first, last)
    if fast is not None:  # None: the rule is left to dateutil
        assert fast == rrule_instances(parts, first, last), (parts, first, last)
    # the rules the schedule itself writes always take the arithmetic
    if parts["freq"] == "weekly" or ("bymonth" in parts and parts["bymonthday"] in (-1, 1, 15, 28)):
        assert fast is not None
    if parts["freq"] == "monthly" and first.day <= 28:
        assert fast is not None
