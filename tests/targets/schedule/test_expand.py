"""Expansion of cadences and deadlines into dated events (targets/schedule/expand.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from compiler.periods import active_window, month_day
from targets.schedule import schedule_of
from targets.schedule.expand import between, cadence_slots, expand
from targets.schedule.workdays import ChineseCalendar, next_workday
from tests.targets.schedule.helpers import WeekendsOnly

D = dt.date

HEADER = """plan p {{
  title "测试方案"
  issued {issued}
  period {period}
}}
unit 市政府 "市人民政府"
unit 发改委 "市发展改革委"
person 李四 "李四" role "市长"
"""


def plan_with(compile_text, body: str, issued: str = "2024-01-01", period: str = "2024"):
    compiled = compile_text(HEADER.format(issued=issued, period=period) + body)
    assert compiled.ok, [f"{d.code} {d.message}" for d in compiled.diagnostics]
    return compiled.plan


def cadence(every: str, extra: str = "") -> str:
    return f'cadence c "调度" {{\n  every {every}\n  owner 市政府\n{extra}}}\n'


def dates(schedule, rule: str = "c") -> list[dt.date]:
    return [e.date for e in schedule.events if e.rule == rule]


# ---- period arithmetic ---------------------------------------------------


@pytest.mark.parametrize(
    ("every", "interval", "starts"),
    [
        ("week", 1, [D(2024, 9, 30), D(2024, 10, 7), D(2024, 10, 14), D(2024, 10, 21), D(2024, 10, 28)]),
        ("week", 3, [D(2024, 9, 30), D(2024, 10, 21)]),
        ("biweek", 1, [D(2024, 9, 30), D(2024, 10, 14), D(2024, 10, 28)]),
        ("dekad", 1, [D(2024, 10, 1), D(2024, 10, 11), D(2024, 10, 21)]),
        ("dekad", 2, [D(2024, 10, 1), D(2024, 10, 21)]),
        ("month", 1, [D(2024, 10, 1)]),
        ("quarter", 1, [D(2024, 10, 1)]),
        ("halfyear", 1, [D(2024, 7, 1)]),
        ("year", 1, [D(2024, 1, 1)]),
    ],
)
def test_slots_are_the_periods_overlapping_the_window(every, interval, starts):
    slots = cadence_slots(every, interval, D(2024, 10, 2), D(2024, 10, 31))
    assert [s.start for s in slots] == starts


def test_slot_ends_and_labels():
    dekads = cadence_slots("dekad", 1, D(2024, 2, 1), D(2024, 2, 29))
    assert [(s.start.day, s.end.day, s.label) for s in dekads] == [
        (1, 10, "2024-02上旬"), (11, 20, "2024-02中旬"), (21, 29, "2024-02下旬")]
    quarters = cadence_slots("quarter", 1, D(2024, 1, 1), D(2024, 12, 31))
    assert [(s.start, s.end, s.label) for s in quarters][1] == (D(2024, 4, 1), D(2024, 6, 30), "2024Q2")
    halves = cadence_slots("halfyear", 1, D(2024, 1, 1), D(2025, 12, 31))
    assert [s.label for s in halves] == ["2024H1", "2024H2", "2025H1", "2025H2"]
    assert cadence_slots("week", 1, D(2024, 12, 30), D(2024, 12, 31))[0].label == "2025-W01"
    assert cadence_slots("month", 2, D(2024, 11, 5), D(2025, 3, 1))[0].end == D(2024, 12, 31)
    # every 2 dekads: 下旬 then the next month's 中旬
    assert [s.start for s in cadence_slots("dekad", 2, D(2024, 1, 21), D(2024, 2, 28))] == [
        D(2024, 1, 21), D(2024, 2, 11)]


def test_counts_over_a_whole_year():
    start, end = D(2024, 1, 1), D(2024, 12, 31)
    counts = {every: len(cadence_slots(every, 1, start, end))
              for every in ("week", "biweek", "dekad", "month", "quarter", "halfyear", "year")}
    # 2024-01-01 is a Monday; 2024-12-30 starts the 53rd week that overlaps 2024
    assert counts == {"week": 53, "biweek": 27, "dekad": 36, "month": 12, "quarter": 4, "halfyear": 2, "year": 1}


def test_month_day_end_of_month_and_leap_day():
    assert month_day(2024, 2, None) == D(2024, 2, 29)
    assert month_day(2023, 2, None) == D(2023, 2, 28)
    assert month_day(2023, 2, 29) == D(2023, 2, 28)
    assert month_day(2025, 3, None) == D(2025, 3, 31)


# ---- the active window ----------------------------------------------------


def test_window_runs_from_issue_date_to_period_end(compile_text):
    plan = plan_with(compile_text, cadence("quarter"), issued="2022-03-17", period="2022..2025")
    assert active_window(plan) == (D(2022, 3, 17), D(2025, 12, 31))
    # issued before the period starts: active from the period's first day
    early = plan_with(compile_text, cadence("quarter"), issued="2023-12-20", period="2024")
    assert active_window(early) == (D(2024, 1, 1), D(2024, 12, 31))


def test_the_issue_period_starts_on_the_issue_date(compile_text):
    plan = plan_with(compile_text, cadence("quarter"), issued="2022-03-17", period="2022")
    schedule = expand(plan, WeekendsOnly())
    events = [e for e in schedule.events if e.rule == "c"]
    assert [e.date for e in events] == [D(2022, 3, 17), D(2022, 4, 1), D(2022, 7, 1), D(2022, 10, 3)]
    assert events[0].period is not None and events[0].period.label == "2022Q1"
    assert events[0].moved_from is None  # starting on the issue date is not a holiday move
    assert events[3].moved_from == D(2022, 10, 1)  # a Saturday


def test_at_least_gives_one_event_per_period(compile_text):
    plan = plan_with(compile_text, cadence("halfyear at_least"), issued="2024-03-20", period="2024")
    schedule = expand(plan, WeekendsOnly())
    events = [e for e in schedule.events if e.rule == "c"]
    assert [e.period.label for e in events if e.period] == ["2024H1", "2024H2"]
    assert all(e.at_least for e in events)
    # each sits on its window's last working day: the window runs from the issue date (or the
    # period's first day) to the period's last day, its due day
    assert [e.date for e in events] == [D(2024, 6, 28), D(2024, 12, 31)]
    assert [(e.window.start, e.window.end) for e in events if e.window] == [
        (D(2024, 3, 20), D(2024, 6, 30)), (D(2024, 7, 1), D(2024, 12, 31))]


def test_every_n_units(compile_text):
    plan = plan_with(compile_text, cadence("3 month"))
    assert dates(expand(plan, WeekendsOnly())) == [D(2024, 1, 1), D(2024, 4, 1), D(2024, 7, 1), D(2024, 10, 1)]
    plan = plan_with(compile_text, cadence("2 year"), period="2024..2027")
    assert dates(expand(plan, WeekendsOnly())) == [D(2024, 1, 1), D(2026, 1, 1)]


# ---- working days ---------------------------------------------------------


def test_statutory_holidays_and_adjusted_working_days():
    calendar = ChineseCalendar()
    assert next_workday(D(2024, 10, 1), calendar) == D(2024, 10, 8)  # National Day
    assert next_workday(D(2024, 2, 12), calendar) == D(2024, 2, 18)  # a Sunday made a working day (调休)
    assert calendar.is_workday(D(2024, 10, 12))  # a Saturday made a working day
    assert next_workday(D(2024, 10, 9), calendar) == D(2024, 10, 9)
    assert calendar.uncovered == set()


def test_a_dispatch_on_national_day_moves_to_the_next_working_day(compile_text):
    plan = plan_with(compile_text, cadence("dekad"), issued="2024-09-25")
    event = next(e for e in schedule_of(plan).events if e.period and e.period.start == D(2024, 10, 1))
    assert (event.date, event.moved_from, event.non_working_day) == (D(2024, 10, 8), D(2024, 10, 1), False)
    assert event.id == "cadence/c/2024-10-01"


def test_holiday_keep_marks_instead_of_moving(compile_text):
    plan = plan_with(compile_text, cadence("month", "  holiday keep\n"), issued="2024-09-25")
    events = {e.date: e for e in schedule_of(plan).events}
    assert events[D(2024, 10, 1)].non_working_day and events[D(2024, 10, 1)].moved_from is None
    assert events[D(2024, 12, 1)].non_working_day  # a Sunday
    assert not events[D(2024, 11, 1)].non_working_day


def test_occurrences_moved_onto_one_day_are_merged(compile_text):
    # both Mondays are off, so both weeks' meetings would move to Tuesday the 9th and 16th;
    # with the whole stretch off they meet on the same day and are held once
    off = {D(2024, 1, 1) + dt.timedelta(days=i) for i in range(0, 15)}
    plan = plan_with(compile_text, cadence("week"))
    events = [e for e in expand(plan, WeekendsOnly(off)).events if e.rule == "c"]
    first = events[0]
    assert first.date == D(2024, 1, 16)
    assert first.id == "cadence/c/2024-01-01"
    assert first.moved_from == D(2024, 1, 1)
    assert first.merged == [D(2024, 1, 8), D(2024, 1, 15)]
    assert events[1].date == D(2024, 1, 22)
    assert len({e.date for e in events}) == len(events)


def test_deadlines_keep_their_date_and_are_marked(compile_text):
    body = 'deadline d "完善考评细则" {\n  due each_year 3月底\n  owner 市政府\n}\n'
    plan = plan_with(compile_text, body, issued="2022-03-17", period="2022..2025")
    events = [e for e in schedule_of(plan).events if e.rule == "d"]
    assert [(e.date, e.non_working_day) for e in events] == [
        (D(2022, 3, 31), False), (D(2023, 3, 31), False), (D(2024, 3, 31), True), (D(2025, 3, 31), False)]
    assert all(e.moved_from is None and e.kind == "deadline" for e in events)
    assert [e.period.label for e in events if e.period] == ["2022", "2023", "2024", "2025"]


def test_next_year_deadline_falls_in_the_following_year_for_each_year(compile_text):
    body = 'deadline d "综合得到年度得分" {\n  due next_year 01-30\n}\n'
    plan = plan_with(compile_text, body, issued="2022-03-17", period="2022..2025")
    events = [e for e in schedule_of(plan).events if e.rule == "d"]
    assert [e.date for e in events] == [D(2023, 1, 30), D(2024, 1, 30), D(2025, 1, 30), D(2026, 1, 30)]
    assert [e.period.label for e in events if e.period] == ["2022", "2023", "2024", "2025"]
    assert events[2].non_working_day  # 2025-01-30 is in the Spring Festival holiday


def test_yearly_deadline_before_the_issue_date_is_left_out(compile_text):
    body = 'deadline d "完善考评细则" {\n  due each_year 3月底\n}\n'
    plan = plan_with(compile_text, body, issued="2022-06-01", period="2022..2023")
    assert dates(schedule_of(plan), "d") == [D(2023, 3, 31)]


def test_deadline_with_next_workday_moves(compile_text):
    body = 'deadline d "报送" {\n  due 2024-10-05\n  holiday next_workday\n}\n'
    plan = plan_with(compile_text, body)
    (event,) = [e for e in schedule_of(plan).events if e.rule == "d"]
    assert (event.date, event.moved_from, event.period) == (D(2024, 10, 8), D(2024, 10, 5), None)


def test_several_due_dates_on_one_deadline(compile_text):
    body = 'deadline d "报送" {\n  due 2024-06-30\n  due each_year 12-31\n}\n'
    plan = plan_with(compile_text, body)
    assert dates(schedule_of(plan), "d") == [D(2024, 6, 30), D(2024, 12, 31)]


# ---- owners, sources, order -------------------------------------------------


def test_owners_are_registry_names_and_fall_back_to_the_action(compile_text):
    body = """section s "保障" {
  action a "严格督查" {
    lead 发改委
    lead_leader 李四
    cadence c "每季度督查" {
      every quarter
    }
  }
}
cadence c2 "每月调度" {
  every month
  owner 李四 市政府
}
"""
    plan = plan_with(compile_text, body)
    schedule = schedule_of(plan)
    first = next(e for e in schedule.events if e.rule == "c")
    assert first.owners == ["李四", "市发展改革委"] and first.owner_ids == ["李四", "发改委"]
    assert first.source.action == "a" and first.source.section == "s" and first.source.line == 13
    second = next(e for e in schedule.events if e.rule == "c2")
    assert second.owners == ["李四", "市人民政府"]


def test_events_are_sorted_by_date_then_plan_order(compile_text):
    body = cadence("month") + 'cadence b "周会" {\n  every week\n}\n'
    plan = plan_with(compile_text, body)
    schedule = schedule_of(plan)
    assert schedule.events == sorted(schedule.events, key=lambda e: e.date)
    same_day = [e.rule for e in schedule.events if e.date == D(2024, 4, 1)]
    assert same_day == ["c", "b"]


def test_between_filters_by_date_and_recounts(compile_text):
    plan = plan_with(compile_text, cadence("month"))
    schedule = schedule_of(plan)
    part = between(schedule, D(2024, 3, 1), D(2024, 5, 31))
    assert [e.date for e in part.events] == [D(2024, 3, 1), D(2024, 4, 1), D(2024, 5, 6)]
    assert part.rules[0].events == 3 and schedule.rules[0].events == 12


# ---- years without holiday data ----------------------------------------------


def test_years_without_holiday_data_fall_back_to_weekends(compile_text):
    plan = plan_with(compile_text, cadence("month"), issued="2030-01-01", period="2030")
    schedule = schedule_of(plan)
    assert schedule.uncovered_years == [2030]
    # 2030-06-01 is a Saturday: moved to Monday, with no knowledge of public holidays
    event = next(e for e in schedule.events if e.period and e.period.start == D(2030, 6, 1))
    assert event.date == D(2030, 6, 3)
