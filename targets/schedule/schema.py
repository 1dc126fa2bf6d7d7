"""The ``schedule.json`` artifact (``planc/schedule/v1``): a plan's cadences and deadlines as dated events.

Every event is one day (there are no times in the sources). Owners are printed
by their registry names, with the ids alongside for tools.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEDULE_SCHEMA = "planc/schedule/v1"
TIMEZONE = "Asia/Shanghai"

RuleKind = Literal["cadence", "deadline"]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class EventSource(Model):
    """Where the cadence or deadline is written, and the action or section it belongs to."""

    file: str
    line: int
    action: str | None = None
    section: str | None = None


class Window(Model):
    start: dt.date
    end: dt.date


class EventPeriod(Model):
    """The stretch of time one occurrence stands for: a week, a 旬, a quarter, or the year a deadline concerns."""

    start: dt.date
    end: dt.date
    label: str  # 2024-W41, 2024-10上旬, 2024-10, 2024Q4, 2024H2, 2024


class Event(Model):
    id: str  # "<kind>/<rule>/<slot date>", stable across builds
    title: str
    kind: RuleKind
    occasion: str | None = None  # the cadence's `kind` (会商, 调度, 考核 …)
    rule: str  # id of the cadence or deadline
    date: dt.date  # the day it falls on, after any holiday move
    moved_from: dt.date | None = None  # the date before a move to the next working day
    merged: list[dt.date] = Field(default_factory=list)  # later occurrences moved onto the same day, held together
    non_working_day: bool = False  # the date is a weekend or public holiday (kept there by `holiday keep`)
    at_least: bool = False  # 至少: the plan asks for at least one per period
    window: Window | None = None  # 至少: the days it may be held on (start … due); it sits on the last working one
    reviews: bool = False  # a review of `period`, held at the start of the next one (季考核, 半年述职 …)
    period: EventPeriod | None = None  # None for a one-off deadline
    tentative: bool = False  # its year has no published holiday arrangement: the date may still move
    note: str | None = None  # （节假日安排未公布，日期待定） when tentative
    owners: list[str] = Field(default_factory=list)  # registry names
    owner_ids: list[str] = Field(default_factory=list)
    source: EventSource


class Rule(Model):
    """A cadence or deadline as the schedule understood it, with how many events it produced."""

    id: str
    kind: RuleKind
    title: str
    occasion: str | None = None
    frequency: str  # as written in Chinese: 每周, 每旬, 每2月, 每年3月底前, 次年1月30日前, 2025年3月31日前
    every: str | None = None  # week, biweek, dekad, month, quarter, halfyear, year (cadences)
    interval: int = 1
    at_least: bool = False
    holiday: Literal["next_workday", "keep"]
    owners: list[str] = Field(default_factory=list)
    owner_ids: list[str] = Field(default_factory=list)
    events: int
    source: EventSource


class Schedule(Model):
    schema_: str = Field(SCHEDULE_SCHEMA, alias="schema")
    plan: str
    title: str
    timezone: str = TIMEZONE
    window: Window  # the plan's active window: issue date (or period start) to period end
    uncovered_years: list[int] = Field(default_factory=list)  # years without holiday data (S001)
    rules: list[Rule] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


SCHEMAS: dict[str, type[BaseModel]] = {"schedule.v1": Schedule}
