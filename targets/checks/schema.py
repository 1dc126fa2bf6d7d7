"""The artifacts of the checks target: ``checks.json`` (``planc/checks/v1``) and the
evaluation report (``planc/evaluation/v1``). Exact decimals are strings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from compiler.model import Comparator, Firmness, MetricKind, Model, Source

CHECKS_SCHEMA: Literal["planc/checks/v1"] = "planc/checks/v1"
EVALUATION_SCHEMA: Literal["planc/evaluation/v1"] = "planc/evaluation/v1"

Status = Literal["met", "on_track", "at_risk", "missed", "not_due", "no_data", "conditional"]
#: conditional (视条件): a target that binds only where conditions allow (有条件的地方力争……) and is not met;
#: reported, never counted as missed. Reports list it only when a plan has such a target.
STATUSES: tuple[Status, ...] = ("missed", "at_risk", "no_data", "conditional", "on_track", "not_due", "met")


@dataclass(kw_only=True)
class Check(Model):
    """One runtime check: one target of one metric."""

    id: str  # "<metric id>" for a metric's only target, "<metric id>#<n>" (1-based) when it has several
    metric: str
    metric_name: str
    kind: MetricKind
    op: Comparator
    value: str | None  # None: a yes/no (done) target
    value_max: str | None = None  # the upper end of a range (1~2个)
    unit: str | None
    due: dt.date  # the date by which it is judged; for each_year, the end of the last year
    each_year: bool = False
    from_year: int  # the first year the target applies to
    until_year: int  # the last year
    base_year: int | None = None
    base_value: str | None = None
    firmness: Firmness
    condition: str | None = None  # 有条件的地方: the target binds only where this holds
    owners: list[str] = field(default_factory=list)  # unit ids: lead and responsible units
    follow_up: list[str] = field(default_factory=list)  # unit ids: 跟踪责任, who reports progress (plan-assigned)
    leaders: list[str] = field(default_factory=list)  # person ids: lead leaders
    action: str | None = None
    source: Source


@dataclass(kw_only=True)
class ChecksPeriod(Model):
    start: dt.date
    end: dt.date


@dataclass(kw_only=True)
class ChecksDocument(Model):
    schema: Literal["planc/checks/v1"] = CHECKS_SCHEMA
    plan: str
    title: str
    period: ChecksPeriod
    checks: list[Check] = field(default_factory=list)


@dataclass(kw_only=True)
class Observation(Model):
    period: str  # as written in the data: 2025, 2025Q2, 2025-06, 2025-06-30
    date: dt.date  # the end of that period
    value: str


@dataclass(kw_only=True)
class YearResult(Model):
    year: int
    status: Status
    value: str | None = None
    expected: str | None = None  # the year in progress: the target's pro-rata share at the value's date


@dataclass(kw_only=True)
class Result(Model):
    check: str
    metric: str
    metric_name: str
    kind: MetricKind
    firmness: Firmness
    op: Comparator
    value: str | None
    value_max: str | None = None
    unit: str | None
    due: dt.date
    status: Status
    reason: str  # one line: how the status was reached
    condition: str | None = None  # a conditional target's condition (有条件的地方)
    observed: Observation | None = None  # the observation the verdict rests on
    expected: str | None = None  # the trajectory's value at the observation's date, when one is used
    years: list[YearResult] = field(default_factory=list)  # per_year checks: one verdict per year
    owners: list[str] = field(default_factory=list)
    follow_up: list[str] = field(default_factory=list)  # who reports progress; the owner summary uses it first
    baseline: str | None = None  # the trajectory's start value, when one is used
    average: str | None = None  # avg_growth: the compound average of the yearly rates used
    rates: list[YearResult] = field(default_factory=list)  # avg_growth: the single-year rates averaged


@dataclass(kw_only=True)
class OwnerSummary(Model):
    unit: str
    name: str
    missed: list[str] = field(default_factory=list)  # check ids
    at_risk: list[str] = field(default_factory=list)
    total: int = 0  # checks this unit owns


@dataclass(kw_only=True)
class Evaluation(Model):
    schema: Literal["planc/evaluation/v1"] = EVALUATION_SCHEMA
    plan: str
    title: str
    as_of: dt.date
    data: str  # the progress file as named on the command line
    counts: dict[str, int]  # status -> number of checks
    results: list[Result] = field(default_factory=list)  # missed first, 确保 before 力争 within a status
    owners: list[OwnerSummary] = field(default_factory=list)


SCHEMAS = {"checks.v1": ChecksDocument, "evaluation.v1": Evaluation}
