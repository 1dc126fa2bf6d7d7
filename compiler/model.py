"""The plan model: what a .plan file means, and the ``plan.json`` artifact (``planc/plan/v1``).

Field names are snake_case English; text values keep the source's Chinese.
Owners and other references are ids into ``units``, ``people``, ``metrics``.
Exact decimals are serialised as strings so no precision is lost.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Literal, Self

if TYPE_CHECKING:
    from pydantic import TypeAdapter

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


_ADAPTERS: dict[type, TypeAdapter[Any]] = {}


def _adapter(cls: type) -> TypeAdapter[Any]:
    adapter = _ADAPTERS.get(cls)
    if adapter is None:
        from pydantic import TypeAdapter

        adapter = _ADAPTERS[cls] = TypeAdapter(cls)
    return adapter


class Model:
    """Base of the model's dataclasses.

    The model is plain dataclasses so that compiling a plan never pays for
    building validators; pydantic is imported only to validate, serialise or
    describe (JSON Schema) a model, through a cached TypeAdapter. The methods
    mirror pydantic's BaseModel API.
    """

    __pydantic_config__: ClassVar[dict[str, str]] = {"extra": "forbid"}
    __dataclass_fields__: ClassVar[dict[str, Any]]

    # The subclasses are declared with eq=False, repr=False and inherit these two
    # generic methods: on Python 3.11 each generated method is one compile() at
    # import, and the model's ~40 classes made that a sixth of a cold `planc check`.
    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in self.__dataclass_fields__)

    __hash__ = None  # type: ignore[assignment]  # mutable, compared by value: like a default dataclass

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__dataclass_fields__)
        return f"{type(self).__name__}({fields})"

    def model_dump(
        self, *, mode: Literal["json", "python"] = "python", by_alias: bool = True, **kwargs: Any
    ) -> Any:
        return _adapter(type(self)).dump_python(self, mode=mode, by_alias=by_alias, **kwargs)

    @classmethod
    def model_validate(cls, data: Any) -> Self:
        return _adapter(cls).validate_python(data)  # type: ignore[no-any-return]

    @classmethod
    def model_validate_json(cls, data: str | bytes) -> Self:
        return _adapter(cls).validate_json(data)  # type: ignore[no-any-return]

    @classmethod
    def model_json_schema(cls, *, by_alias: bool = True, mode: Literal["validation", "serialization"] = "validation") -> dict[str, Any]:
        return _adapter(cls).json_schema(by_alias=by_alias, mode=mode)


@dataclass(kw_only=True, eq=False, repr=False)
class Source(Model):
    """Where a construct starts: a path relative to the project root, 1-based line and column.

    Only the start is recorded, so the same plan written with English or Chinese
    keywords (which differ in length) compiles to the same plan.json.
    """

    file: str
    line: int
    column: int


@dataclass(kw_only=True, eq=False, repr=False)
class Period(Model):
    start: dt.date
    end: dt.date


@dataclass(kw_only=True, eq=False, repr=False)
class Citation(Model):
    id: str
    title: str
    doc_no: str | None = None
    source: Source


@dataclass(kw_only=True, eq=False, repr=False)
class Unit(Model):
    id: str
    name: str
    aliases: list[str] = field(default_factory=list)
    kind: str | None = None
    parent: str | None = None
    source: Source


@dataclass(kw_only=True, eq=False, repr=False)
class Person(Model):
    id: str
    name: str
    role: str | None = None
    unit: str | None = None
    source: Source


@dataclass(kw_only=True, eq=False, repr=False)
class CommitteeMember(Model):
    person: str
    position: str | None = None


@dataclass(kw_only=True, eq=False, repr=False)
class Committee(Model):
    id: str
    name: str
    members: list[CommitteeMember] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    annex: str | None = None  # the annex that prints the roster, if any
    source: Source


@dataclass(kw_only=True, eq=False, repr=False)
class ContentItem(Model):
    """One entry of a section's or action's body, in written order."""

    kind: Literal["text", "section", "action", "metric", "cadence", "deadline", "committee"]
    ref: str | None = None
    text: str | None = None


@dataclass(kw_only=True, eq=False, repr=False)
class Numbering(Model):
    style: NumberingStyle | None = None
    continue_from_previous: bool = False


@dataclass(kw_only=True, eq=False, repr=False)
class Section(Model):
    id: str
    kind: Literal["section", "annex"] = "section"
    number: str
    title: str
    parent: str | None = None
    annex: str | None = None
    level: int
    text: list[str] = field(default_factory=list)
    content: list[ContentItem] = field(default_factory=list)
    preamble: list[str] = field(default_factory=list)
    closing: list[str] = field(default_factory=list)
    numbering: Numbering = field(default_factory=Numbering)
    owner_style: OwnerStyle | None = None
    notes: list[str] = field(default_factory=list)
    source: Source


@dataclass(kw_only=True, eq=False, repr=False)
class OwnerRef(Model):
    role: OwnerRole
    kind: Literal["unit", "person"]
    id: str
    as_written: str


@dataclass(kw_only=True, eq=False, repr=False)
class OwnerWording(Model):
    """An action's own owner-text wording: {lead} {co} {responsible} {leader} stand for the names."""

    template: str
    keep_brackets: bool = False


@dataclass(kw_only=True, eq=False, repr=False)
class Action(Model):
    id: str
    section: str | None
    parent: str | None = None
    number: str
    title: str | None = None
    text: list[str] = field(default_factory=list)
    form: ActionForm = "run_in"
    lead_leaders: list[str] = field(default_factory=list)
    lead_units: list[str] = field(default_factory=list)
    co_units: list[str] = field(default_factory=list)
    responsible_units: list[str] = field(default_factory=list)
    owners: list[OwnerRef] = field(default_factory=list)
    owner_style: OwnerStyle | None = None
    owner_wording: OwnerWording | None = None
    owners_verbatim: str | None = None  # `owner_text`: the owners as the source prints them
    owners_text: str | None = None
    content: list[ContentItem] = field(default_factory=list)
    children: list[str] = field(default_factory=list)
    metrics: list[str] = field(default_factory=list)
    cadences: list[str] = field(default_factory=list)
    deadlines: list[str] = field(default_factory=list)
    numbering: Numbering = field(default_factory=Numbering)
    notes: list[str] = field(default_factory=list)
    source: Source


@dataclass(kw_only=True, eq=False, repr=False)
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


@dataclass(kw_only=True, eq=False, repr=False)
class Metric(Model):
    id: str
    name: str
    unit: str | None = None
    kind: MetricKind = "level"
    aliases: list[str] = field(default_factory=list)
    base_year: int | None = None
    base_value: str | None = None  # exact decimal: the metric's value in base_year, in its unit
    adds_to: str | None = None  # id of the level metric a per_year/increment metric adds to
    parts: list[str] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    # Convenience for consumers: the first target (the contract names a single `target`).
    target: Target | None = None
    section: str | None = None
    action: str | None = None
    owners: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    source: Source


@dataclass(kw_only=True, eq=False, repr=False)
class Cadence(Model):
    id: str
    title: str
    every: Frequency
    interval: int = 1
    at_least: bool = False
    kind: str | None = None
    owners: list[str] = field(default_factory=list)
    holiday: Literal["next_workday", "keep"] = "next_workday"
    start: dt.date | None = None
    end: dt.date | None = None
    section: str | None = None
    action: str | None = None
    text: list[str] = field(default_factory=list)
    source: Source


@dataclass(kw_only=True, eq=False, repr=False)
class Due(Model):
    """A deadline's date rule: once on a date, or each year on a month/day (optionally the next year)."""

    kind: Literal["once", "yearly", "next_year"]
    date: dt.date | None = None
    month: int | None = None
    day: int | None = None  # None with a month: the end of that month


@dataclass(kw_only=True, eq=False, repr=False)
class Deadline(Model):
    id: str
    title: str
    due: list[Due] = field(default_factory=list)
    owners: list[str] = field(default_factory=list)
    holiday: Literal["next_workday", "keep"] = "keep"
    section: str | None = None
    action: str | None = None
    text: list[str] = field(default_factory=list)
    source: Source


# ---- assessment scoring -------------------------------------------------


@dataclass(kw_only=True, eq=False, repr=False)
class Fact(Model):
    id: str
    name: str
    unit: str | None = None
    source: Source


@dataclass(kw_only=True, eq=False, repr=False)
class Component(Model):
    evaluator: str  # unit id
    max: str  # points, exact decimal


@dataclass(kw_only=True, eq=False, repr=False)
class Formula(Model):
    id: str
    title: str | None = None
    members: list[str] = field(default_factory=list)
    components: list[Component] = field(default_factory=list)
    source: Source


@dataclass(kw_only=True, eq=False, repr=False)
class Group(Model):
    id: str
    title: str | None = None
    members: list[str] = field(default_factory=list)
    period_weights: list[str] = field(default_factory=list)  # fractions, e.g. "0.15"
    weight: str | None = None  # points this group's result carries in the wider appraisal
    rank_points: str | None = None  # id of a rank table
    grades: str | None = None  # id of a grade table
    source: Source


@dataclass(kw_only=True, eq=False, repr=False)
class BlendPart(Model):
    unit: str
    share: str  # fraction


@dataclass(kw_only=True, eq=False, repr=False)
class Blend(Model):
    unit: str  # the unit whose final score is blended
    self_share: str  # fraction
    parts: list[BlendPart] = field(default_factory=list)
    source: Source


@dataclass(kw_only=True, eq=False, repr=False)
class RankTable(Model):
    id: str
    shares: list[str]  # fraction of the group's weight for rank 1, 2, …
    source: Source


@dataclass(kw_only=True, eq=False, repr=False)
class Grade(Model):
    name: str
    quota: int | None = None  # parts of the ratio; None: no quota (the rest)
    share: str  # fraction of the group's weight


@dataclass(kw_only=True, eq=False, repr=False)
class GradeTable(Model):
    id: str
    grades: list[Grade] = field(default_factory=list)
    rounding: Literal["half_up", "floor", "ceil"] = "half_up"
    # each: every grade's head count rounded on its own; cumulative: the running total rounded
    quota_method: Literal["each", "cumulative"] = "each"
    source: Source


@dataclass(kw_only=True, eq=False, repr=False)
class Condition(Model):
    fact: str
    op: Comparator
    value: str
    unit: str | None = None


@dataclass(kw_only=True, eq=False, repr=False)
class Adjustment(Model):
    id: str
    title: str | None = None
    when: Condition
    points: str  # exact decimal, e.g. "-3"
    applies: list[str] = field(default_factory=list)  # group ids; empty = all groups
    on: Literal["points", "annual"] = "points"  # what it adjusts: the group points, or the annual score
    text: list[str] = field(default_factory=list)
    source: Source


@dataclass(kw_only=True, eq=False, repr=False)
class Override(Model):
    id: str
    title: str | None = None
    when: Condition
    then: Literal["full_marks"] = "full_marks"
    applies: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    source: Source


@dataclass(kw_only=True, eq=False, repr=False)
class Flag(Model):
    id: str
    title: str | None = None
    rule: Literal["lowest", "top"] = "lowest"
    count: int | None = None  # for `top N`
    applies: list[str] = field(default_factory=list)  # group ids; empty = all groups
    text: list[str] = field(default_factory=list)
    source: Source


@dataclass(kw_only=True, eq=False, repr=False)
class CompletionItem(Model):
    """A metric's target and the points it carries in a completion score (`weight METRIC N`)."""

    metric: str  # metric id
    points: str  # exact decimal
    source: Source


@dataclass(kw_only=True, eq=False, repr=False)
class Credit(Model):
    """The share of an item's points a status earns (`credit met 100%`)."""

    status: str
    share: str  # fraction
    source: Source


@dataclass(kw_only=True, eq=False, repr=False)
class Scoring(Model):
    id: str
    title: str
    scale: str = "100"
    every: Frequency = "quarter"
    ties: Literal["shared", "sequential"] = "shared"
    facts: list[Fact] = field(default_factory=list)
    formulas: list[Formula] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    blends: list[Blend] = field(default_factory=list)
    rank_tables: list[RankTable] = field(default_factory=list)
    grade_tables: list[GradeTable] = field(default_factory=list)
    adjustments: list[Adjustment] = field(default_factory=list)
    overrides: list[Override] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    completion: list[CompletionItem] = field(default_factory=list)
    credits: list[Credit] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    source: Source


@dataclass(kw_only=True, eq=False, repr=False)
class Acknowledgement(Model):
    code: str
    reason: str
    source: Source


@dataclass(kw_only=True, eq=False, repr=False)
class Printed(Model):
    """The colophon's printing line: the office that printed the document, and when."""

    office: str
    date: dt.date


@dataclass(kw_only=True, eq=False, repr=False)
class Plan(Model):
    """The resolved plan; serialised as ``plan.json``."""

    schema: str = PLAN_SCHEMA
    id: str
    title: str
    doc_no: str | None = None
    issuer: str | None = None  # the issuers joined by a space
    issuers: list[str] = field(default_factory=list)
    issued: dt.date | None = None
    published: dt.date | None = None
    period: Period
    recipients: list[str] = field(default_factory=list)
    notice_title: str | None = None
    notice: list[str] = field(default_factory=list)
    preamble: list[str] = field(default_factory=list)
    closing: list[str] = field(default_factory=list)
    signature: list[str] = field(default_factory=list)
    copy_to: list[str] = field(default_factory=list)  # 版记: 抄送 lines
    printed: Printed | None = None  # 版记: …印发
    owner_style: OwnerStyle = "lead_units"
    punctuation: Punctuation = "fullwidth"
    annex_list: bool = False  # print 附件:1.… 2.… after the body
    numbering: Numbering = field(default_factory=Numbering)
    content: list[ContentItem] = field(default_factory=list)
    cites: list[Citation] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    committees: list[Committee] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    metrics: list[Metric] = field(default_factory=list)
    cadences: list[Cadence] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    scoring: Scoring | None = None
    acknowledgements: list[Acknowledgement] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    source: Source
