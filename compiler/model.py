"""The plan model: what a .plan file means, and the ``plan.json`` artifact (``planc/plan/v1``).

Field names are snake_case English; text values keep the source's Chinese.
Owners and other references are ids into ``units``, ``people``, ``metrics``.
Exact decimals are serialised as strings so no precision is lost.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

PLAN_SCHEMA = "planc/plan/v1"

Firmness = Literal["must", "strive", "stated"]
Comparator = Literal[">=", "<=", ">", "<", "=", "~"]
MetricKind = Literal[
    "level",
    "growth",
    "avg_growth",
    "increment",
    "share",
    "pp_change",
    "rank",
    "rank_gain",
    "per_year",
    "boolean",
]
Frequency = Literal["week", "biweek", "dekad", "month", "quarter", "halfyear", "year"]
NumberingStyle = Literal["cn", "cn_paren", "arabic", "arabic_paren", "circled", "cn_ordinal", "none"]
ActionForm = Literal["run_in", "heading", "label", "inline"]
OwnerStyle = Literal["leader_unit", "lead_units", "lead_by_function", "responsible_units"]
Punctuation = Literal["fullwidth", "halfwidth"]
OwnerRole = Literal["lead_leader", "lead", "co", "responsible", "owner"]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Source(Model):
    """Where a construct is written: a path relative to the project root, 1-based line and column."""

    file: str
    line: int
    column: int
    end_line: int
    end_column: int


class Period(Model):
    start: dt.date
    end: dt.date


class Citation(Model):
    id: str
    title: str
    doc_no: str | None = None
    source: Source


class Unit(Model):
    id: str
    name: str
    aliases: list[str] = Field(default_factory=list)
    kind: str | None = None
    parent: str | None = None
    source: Source


class Person(Model):
    id: str
    name: str
    role: str | None = None
    unit: str | None = None
    source: Source


class CommitteeMember(Model):
    person: str
    position: str | None = None


class Committee(Model):
    id: str
    name: str
    members: list[CommitteeMember] = Field(default_factory=list)
    text: list[str] = Field(default_factory=list)
    source: Source


class ContentItem(Model):
    """One entry of a section's or action's body, in written order."""

    kind: Literal["text", "section", "action", "metric", "cadence", "deadline"]
    ref: str | None = None
    text: str | None = None


class Numbering(Model):
    style: NumberingStyle | None = None
    continue_from_previous: bool = False


class Section(Model):
    id: str
    kind: Literal["section", "annex"] = "section"
    number: str
    title: str
    parent: str | None = None
    annex: str | None = None
    level: int
    text: list[str] = Field(default_factory=list)
    content: list[ContentItem] = Field(default_factory=list)
    preamble: list[str] = Field(default_factory=list)
    closing: list[str] = Field(default_factory=list)
    numbering: Numbering = Field(default_factory=Numbering)
    owner_style: OwnerStyle | None = None
    notes: list[str] = Field(default_factory=list)
    source: Source


class OwnerRef(Model):
    role: OwnerRole
    kind: Literal["unit", "person"]
    id: str
    as_written: str


class Action(Model):
    id: str
    section: str | None
    parent: str | None = None
    number: str
    title: str | None = None
    text: list[str] = Field(default_factory=list)
    form: ActionForm = "run_in"
    lead_leaders: list[str] = Field(default_factory=list)
    lead_units: list[str] = Field(default_factory=list)
    co_units: list[str] = Field(default_factory=list)
    responsible_units: list[str] = Field(default_factory=list)
    owners: list[OwnerRef] = Field(default_factory=list)
    owner_style: OwnerStyle | None = None
    owners_verbatim: str | None = None  # `owner_text`: the owners as the source prints them
    owners_text: str | None = None
    content: list[ContentItem] = Field(default_factory=list)
    children: list[str] = Field(default_factory=list)
    metrics: list[str] = Field(default_factory=list)
    cadences: list[str] = Field(default_factory=list)
    deadlines: list[str] = Field(default_factory=list)
    numbering: Numbering = Field(default_factory=Numbering)
    notes: list[str] = Field(default_factory=list)
    source: Source


class Target(Model):
    op: Comparator
    value: str | None = None  # exact decimal as a string; None for boolean targets
    value_max: str | None = None  # upper end of a range (1~2个)
    unit: str | None = None
    by: dt.date | None = None
    from_year: int | None = None
    until_year: int | None = None
    each_year: bool = False
    base_year: int | None = None
    firmness: Firmness = "stated"
    source: Source


class Metric(Model):
    id: str
    name: str
    unit: str | None = None
    kind: MetricKind = "level"
    aliases: list[str] = Field(default_factory=list)
    base_year: int | None = None
    parts: list[str] = Field(default_factory=list)
    targets: list[Target] = Field(default_factory=list)
    # Convenience for consumers: the first target (the contract names a single `target`).
    target: Target | None = None
    section: str | None = None
    action: str | None = None
    owners: list[str] = Field(default_factory=list)
    text: list[str] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    source: Source


class Cadence(Model):
    id: str
    title: str
    every: Frequency
    interval: int = 1
    at_least: bool = False
    kind: str | None = None
    owners: list[str] = Field(default_factory=list)
    holiday: Literal["next_workday", "keep"] = "next_workday"
    start: dt.date | None = None
    end: dt.date | None = None
    section: str | None = None
    action: str | None = None
    text: list[str] = Field(default_factory=list)
    source: Source


class Due(Model):
    """A deadline's date rule: once on a date, or each year on a month/day (optionally the next year)."""

    kind: Literal["once", "yearly", "next_year"]
    date: dt.date | None = None
    month: int | None = None
    day: int | None = None  # None with a month: the end of that month


class Deadline(Model):
    id: str
    title: str
    due: list[Due] = Field(default_factory=list)
    owners: list[str] = Field(default_factory=list)
    holiday: Literal["next_workday", "keep"] = "keep"
    section: str | None = None
    action: str | None = None
    text: list[str] = Field(default_factory=list)
    source: Source


# ---- assessment scoring -------------------------------------------------


class Fact(Model):
    id: str
    name: str
    unit: str | None = None
    source: Source


class Component(Model):
    evaluator: str  # unit id
    max: str  # points, exact decimal


class Formula(Model):
    id: str
    title: str | None = None
    members: list[str] = Field(default_factory=list)
    components: list[Component] = Field(default_factory=list)
    source: Source


class Group(Model):
    id: str
    title: str | None = None
    members: list[str] = Field(default_factory=list)
    period_weights: list[str] = Field(default_factory=list)  # fractions, e.g. "0.15"
    weight: str | None = None  # points this group's result carries in the wider appraisal
    rank_points: str | None = None  # id of a rank table
    grades: str | None = None  # id of a grade table
    source: Source


class BlendPart(Model):
    unit: str
    share: str  # fraction


class Blend(Model):
    unit: str  # the unit whose final score is blended
    self_share: str  # fraction
    parts: list[BlendPart] = Field(default_factory=list)
    source: Source


class RankTable(Model):
    id: str
    shares: list[str]  # fraction of the group's weight for rank 1, 2, …
    source: Source


class Grade(Model):
    name: str
    quota: int | None = None  # parts of the ratio; None: no quota (the rest)
    share: str  # fraction of the group's weight


class GradeTable(Model):
    id: str
    grades: list[Grade] = Field(default_factory=list)
    rounding: Literal["half_up", "floor", "ceil"] = "half_up"
    source: Source


class Condition(Model):
    fact: str
    op: Comparator
    value: str
    unit: str | None = None


class Adjustment(Model):
    id: str
    title: str | None = None
    when: Condition
    points: str  # exact decimal, e.g. "-3"
    applies: list[str] = Field(default_factory=list)  # group ids; empty = all groups
    text: list[str] = Field(default_factory=list)
    source: Source


class Override(Model):
    id: str
    title: str | None = None
    when: Condition
    then: Literal["full_marks"] = "full_marks"
    applies: list[str] = Field(default_factory=list)
    text: list[str] = Field(default_factory=list)
    source: Source


class Flag(Model):
    id: str
    title: str | None = None
    rule: Literal["lowest"] = "lowest"
    text: list[str] = Field(default_factory=list)
    source: Source


class Scoring(Model):
    id: str
    title: str
    scale: str = "100"
    every: Frequency = "quarter"
    ties: Literal["shared", "sequential"] = "shared"
    facts: list[Fact] = Field(default_factory=list)
    formulas: list[Formula] = Field(default_factory=list)
    groups: list[Group] = Field(default_factory=list)
    blends: list[Blend] = Field(default_factory=list)
    rank_tables: list[RankTable] = Field(default_factory=list)
    grade_tables: list[GradeTable] = Field(default_factory=list)
    adjustments: list[Adjustment] = Field(default_factory=list)
    overrides: list[Override] = Field(default_factory=list)
    flags: list[Flag] = Field(default_factory=list)
    text: list[str] = Field(default_factory=list)
    source: Source


class Acknowledgement(Model):
    code: str
    reason: str
    source: Source


class Plan(Model):
    """The resolved plan; serialised as ``plan.json``."""

    schema_: str = Field(PLAN_SCHEMA, alias="schema")
    id: str
    title: str
    doc_no: str | None = None
    issuer: str | None = None  # the issuers joined by a space
    issuers: list[str] = Field(default_factory=list)
    issued: dt.date | None = None
    published: dt.date | None = None
    period: Period
    recipients: list[str] = Field(default_factory=list)
    notice_title: str | None = None
    notice: list[str] = Field(default_factory=list)
    preamble: list[str] = Field(default_factory=list)
    closing: list[str] = Field(default_factory=list)
    signature: list[str] = Field(default_factory=list)
    owner_style: OwnerStyle = "lead_units"
    punctuation: Punctuation = "fullwidth"
    numbering: Numbering = Field(default_factory=Numbering)
    content: list[ContentItem] = Field(default_factory=list)
    cites: list[Citation] = Field(default_factory=list)
    units: list[Unit] = Field(default_factory=list)
    people: list[Person] = Field(default_factory=list)
    committees: list[Committee] = Field(default_factory=list)
    sections: list[Section] = Field(default_factory=list)
    actions: list[Action] = Field(default_factory=list)
    metrics: list[Metric] = Field(default_factory=list)
    cadences: list[Cadence] = Field(default_factory=list)
    deadlines: list[Deadline] = Field(default_factory=list)
    scoring: Scoring | None = None
    acknowledgements: list[Acknowledgement] = Field(default_factory=list)
    files: list[str] = Field(default_factory=list)
    source: Source

    model_config = ConfigDict(extra="forbid", populate_by_name=True)
