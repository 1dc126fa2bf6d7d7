"""Property tests: for any cadence, window and holiday policy, the .ics states exactly the events."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from compiler import model as m
from targets.schedule import schedule_of
from targets.schedule.expand import between
from targets.schedule.ics import build_ics
from tests.targets.schedule.helpers import ics_occurrences

SOURCE = m.Source(file="p.plan", line=1, column=1)
FREQUENCIES = ("week", "biweek", "dekad", "month", "quarter", "halfyear", "year")


@st.composite
def plans(draw: st.DrawFn) -> m.Plan:
    start_year = draw(st.integers(2020, 2025))
    end_year = draw(st.integers(start_year, min(start_year + 1, 2026)))
    issued = draw(st.dates(dt.date(start_year, 1, 1), dt.date(end_year, 12, 31)))
    cadences = [
        m.Cadence(id=f"c{i}", title=f"机制{i}", every=draw(st.sampled_from(FREQUENCIES)),
                  interval=draw(st.integers(1, 3)), holiday=draw(st.sampled_from(["next_workday", "keep"])),
                  source=SOURCE)
        for i in range(draw(st.integers(1, 3)))
    ]
    deadlines = [
        m.Deadline(id="d", title="时限", holiday=draw(st.sampled_from(["next_workday", "keep"])), source=SOURCE,
                   due=[m.Due(kind=draw(st.sampled_from(["yearly", "next_year"])), month=draw(st.integers(1, 12)),
                              day=draw(st.none() | st.integers(1, 31)))]),
    ]
    return m.Plan(id="p", title="方案", issued=issued, source=SOURCE, cadences=cadences, deadlines=deadlines,
                  period=m.Period(start=dt.date(start_year, 1, 1), end=dt.date(end_year, 12, 31)))


@settings(max_examples=60, deadline=None)
@given(plans(), st.none() | st.dates(dt.date(2020, 1, 1), dt.date(2026, 12, 31)))
def test_ics_states_exactly_the_events(plan: m.Plan, since: dt.date | None) -> None:
    schedule = between(schedule_of(plan), since, None)
    occurrences = ics_occurrences(build_ics(schedule, plan.issued or plan.period.start))
    assert Counter(d for dates in occurrences.values() for d in dates) == Counter(e.date for e in schedule.events)


@settings(max_examples=60, deadline=None)
@given(plans())
def test_one_event_per_period_and_never_on_a_day_off_when_moving(plan: m.Plan) -> None:
    import chinese_calendar

    schedule = schedule_of(plan)
    for cadence in plan.cadences:
        events = [e for e in schedule.events if e.rule == cadence.id]
        periods = [e.period.start for e in events if e.period] + [d for e in events for d in e.merged]
        assert len(periods) == len(set(periods))
        assert all(e.date >= (plan.issued or plan.period.start) for e in events)
        if cadence.holiday == "next_workday":
            assert not any(e.non_working_day for e in events)
            assert all(chinese_calendar.is_workday(e.date) for e in events)
        else:
            assert all(e.moved_from is None for e in events)
            assert all(e.non_working_day == (not chinese_calendar.is_workday(e.date)) for e in events)
