"""schedule.json against its schema, schedule.ics as RFC 5545, and the two agreeing, for every plan."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path

import jsonschema
import pytest
from icalendar import Calendar

from targets.schedule import emit, schedule_of
from targets.schedule.expand import between, expand
from targets.schedule.ics import build_ics, dtstamp
from targets.schedule.schema import Schedule
from targets.serialize import json_schema
from tests.targets.schedule.helpers import GOLDEN, ROOT, WeekendsOnly, compiled_plan, ics_occurrences, plan_files

SCHEMA = json.loads((ROOT / "docs" / "schemas" / "schedule.v1.json").read_text(encoding="utf-8"))
PLAN_FILES = plan_files()


def test_committed_schema_matches_the_model() -> None:
    committed = (ROOT / "docs" / "schemas" / "schedule.v1.json").read_text(encoding="utf-8")
    assert committed == json_schema(Schedule), "run `python -m driver.devtools schemas`"


@pytest.mark.parametrize("path", PLAN_FILES, ids=lambda p: p.stem)
def test_schedule_json_validates(path: Path) -> None:
    files = emit(compiled_plan(path))
    document = json.loads(files["schedule.json"])
    jsonschema.validate(document, SCHEMA)
    assert document["schema"] == "planc/schedule/v1"
    ids = [e["id"] for e in document["events"]]
    assert len(ids) == len(set(ids)), "event ids are unique"


@pytest.mark.parametrize("path", PLAN_FILES, ids=lambda p: p.stem)
def test_schedule_ics_parses_and_round_trips(path: Path) -> None:
    data = emit(compiled_plan(path))["schedule.ics"]
    calendar = Calendar.from_ical(data)
    assert calendar["VERSION"] == "2.0" and str(calendar["PRODID"]).startswith("-//planc//")
    assert Calendar.from_ical(calendar.to_ical()).to_ical() == calendar.to_ical()
    lines = data.split(b"\r\n")
    assert lines[-1] == b"" and all(b"\n" not in line for line in lines), "CRLF line endings"
    assert all(len(line) <= 75 for line in lines), "lines folded at 75 octets"
    for line in lines:
        line.decode("utf-8")  # folding never splits a character
    [zone] = calendar.walk("VTIMEZONE")
    assert zone["TZID"] == "Asia/Shanghai" and calendar["X-WR-TIMEZONE"] == "Asia/Shanghai"
    for event in calendar.walk("VEVENT"):
        for required in ("UID", "DTSTAMP", "DTSTART", "SUMMARY"):
            assert required in event


@pytest.mark.parametrize("path", PLAN_FILES, ids=lambda p: p.stem)
def test_ics_occurrences_are_the_json_events(path: Path) -> None:
    """Expanding every RRULE, EXDATE and override as a client would gives exactly the events' dates."""
    plan = compiled_plan(path)
    files = emit(plan)
    events = json.loads(files["schedule.json"])["events"]
    occurrences = ics_occurrences(files["schedule.ics"])
    from_ics = Counter(d for dates in occurrences.values() for d in dates)
    from_json = Counter(dt.date.fromisoformat(e["date"]) for e in events)
    assert from_ics == from_json


def test_recurring_cadences_are_rules_not_copies() -> None:
    data = emit(compiled_plan(GOLDEN / "xiangtan-machinery.plan"))["schedule.ics"]
    calendar = Calendar.from_ical(data)
    vevents = calendar.walk("VEVENT")
    masters = [e for e in vevents if "RRULE" in e]
    rules = sorted(str(e["RRULE"].to_ical().decode()) for e in masters)
    assert any(r.startswith("FREQ=WEEKLY;UNTIL=") for r in rules)
    assert any("BYMONTHDAY=1,11,21" in r for r in rules)
    assert any("FREQ=MONTHLY;UNTIL=" in r and r.endswith("INTERVAL=1") for r in rules)
    assert sum("INTERVAL=3" in r for r in rules) == 2  # 季考核 and the quarterly 兑现清理
    assert any("INTERVAL=6" in r for r in rules)
    assert any("BYMONTHDAY=-1;BYMONTH=3" in r for r in rules)  # 每年3月底前
    assert any("BYMONTHDAY=-1;BYMONTH=12" in r for r in rules)  # 每年12月底前
    assert any("BYMONTHDAY=30;BYMONTH=1" in r for r in rules)  # 次年1月30日前
    events = json.loads(emit(compiled_plan(GOLDEN / "xiangtan-machinery.plan"))["schedule.json"])["events"]
    # one master per rule; every other VEVENT overrides one moved or marked occurrence
    assert len(masters) == 9
    # (a cadence's instance is its period's first day, a review's the day after its period)
    def instance(e: dict) -> str:  # type: ignore[type-arg]
        if e["kind"] != "cadence" or not e["period"]:
            return e["date"]
        end = dt.date.fromisoformat(e["period"]["end"])
        return (end + dt.timedelta(days=1)).isoformat() if e["reviews"] else e["period"]["start"]

    assert len(vevents) - len(masters) == sum(
        1 for e in events
        if e["moved_from"] or e["non_working_day"] or e["merged"] or e["tentative"] or instance(e) != e["date"]
    )
    assert len(vevents) < len(events) / 3


def test_moved_occurrence_is_an_override_of_its_instance() -> None:
    data = emit(compiled_plan(GOLDEN / "every-kind.plan"))["schedule.ics"]
    calendar = Calendar.from_ical(data)
    overrides = [e for e in calendar.walk("VEVENT")
                 if "RECURRENCE-ID" in e and e.decoded("RECURRENCE-ID") == dt.date(2024, 10, 1)]
    assert {str(e["SUMMARY"]) for e in overrides} == {
        "分管副市长每旬调度工作推进情况（顺延）", "一月一通报（顺延）", "每季度考核讲评（顺延）"}
    assert all(e.decoded("DTSTART") == dt.date(2024, 10, 8) for e in overrides)
    assert all("原定2024-10-01，遇非工作日顺延至2024-10-08" in str(e["DESCRIPTION"]) for e in overrides)


def test_deadline_on_a_non_working_day_is_marked_all_day() -> None:
    data = emit(compiled_plan(GOLDEN / "every-kind.plan"))["schedule.ics"]
    calendar = Calendar.from_ical(data)
    [event] = [e for e in calendar.walk("VEVENT") if "国庆期间值守" in str(e["SUMMARY"])]
    assert str(event["SUMMARY"]) == "截止：国庆期间值守安排报备（非工作日）"
    assert event.decoded("DTSTART") == dt.date(2024, 10, 3)
    assert event.decoded("DTEND") == dt.date(2024, 10, 4)


def test_rules_no_rrule_can_state_become_separate_events(compile_text) -> None:
    compiled = compile_text("""plan p {
  title "T"
  issued 2024-01-01
  period 2024
}
cadence c "隔旬调度" {
  every 2 dekad
}
""")
    assert compiled.ok
    schedule = schedule_of(compiled.plan)
    data = emit(compiled.plan)["schedule.ics"]
    vevents = Calendar.from_ical(data).walk("VEVENT")
    assert not any("RRULE" in e for e in vevents)
    assert len(vevents) == len(schedule.events) == 18
    assert len({str(e["UID"]) for e in vevents}) == 18


def test_a_filtered_range_is_still_exact() -> None:
    plan = compiled_plan(GOLDEN / "xiangtan-machinery.plan")
    schedule = between(schedule_of(plan), dt.date(2024, 9, 10), dt.date(2024, 10, 20))
    occurrences = ics_occurrences(build_ics(schedule, dt.date(2022, 3, 17)))
    assert Counter(d for dates in occurrences.values() for d in dates) == Counter(e.date for e in schedule.events)
    assert min(e.date for e in schedule.events) >= dt.date(2024, 9, 10)


# ---- determinism ---------------------------------------------------------


@pytest.mark.parametrize("path", PLAN_FILES, ids=lambda p: p.stem)
def test_two_emits_are_byte_identical(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first = emit(compiled_plan(path))
    second = emit(compiled_plan(path))
    assert first == second
    assert set(first) == {"schedule.json", "schedule.ics"}


def test_dtstamp_comes_from_source_date_epoch_or_the_issue_date(monkeypatch: pytest.MonkeyPatch) -> None:
    issued = dt.date(2022, 3, 17)
    assert dtstamp(issued, {}) == dt.datetime(2022, 3, 16, 16, 0, tzinfo=dt.UTC)
    assert dtstamp(issued, {"SOURCE_DATE_EPOCH": "1700000000"}) == dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=dt.UTC)
    assert dtstamp(issued, {"SOURCE_DATE_EPOCH": "soon"}) == dt.datetime(2022, 3, 16, 16, 0, tzinfo=dt.UTC)
    plan = compiled_plan(GOLDEN / "every-kind.plan")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    data = emit(plan)["schedule.ics"]
    stamps = {line for line in data.split(b"\r\n") if line.startswith(b"DTSTAMP")}
    assert stamps == {b"DTSTAMP:20231114T221320Z"}


def test_merged_occurrences_are_excluded_from_the_rule(compile_text) -> None:
    compiled = compile_text('plan p {\n  title "T"\n  issued 2024-01-01\n  period 2024\n}\n'
                            'cadence c "周会商" {\n  every week\n}\n')
    off = {dt.date(2024, 1, 1) + dt.timedelta(days=i) for i in range(15)}
    schedule = expand(compiled.plan, WeekendsOnly(off))
    data = build_ics(schedule, dt.date(2024, 1, 1))
    [master] = [e for e in Calendar.from_ical(data).walk("VEVENT") if "RRULE" in e]
    excluded = [d.dt for d in master["EXDATE"].dts] if not isinstance(master["EXDATE"], list) else []
    assert excluded == [dt.date(2024, 1, 8), dt.date(2024, 1, 15)]
    [dates] = ics_occurrences(data).values()
    assert dates == [e.date for e in schedule.events]
    assert dates[:2] == [dt.date(2024, 1, 16), dt.date(2024, 1, 22)]
