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
Timing = Literal["regularly", "irregularly", "timely", "as_needed", "routinely"]
NumberingStyle = Literal["cn", "cn_paren", "arabic", "arabic_paren", "circled", "cn_ordinal", "none"]
ActionForm = Literal["run_in", "heading", "label", "inline"]
OwnerStyle = Literal["leader_unit", "lead_units", "lead_by_function", "responsible_units", "led_with", "by_duty"]
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

    def model_dump_json(self, *, by_alias: bool = True, **kwargs: Any) -> bytes:
        """Compact JSON bytes, encoded by pydantic-core in one pass (no intermediate Python objects)."""
        return _adapter(type(self)).dump_json(self, by_alias=by_alias, **kwargs)

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
    """The years the plan covers (实施期限): from 1 January of the first year to 31 December of the last."""

    start: dt.date
    end: dt.date


@dataclass(kw_only=True, eq=False, repr=False)
class Citation(Model):
    """A policy document the plan cites (`cite`): its title and, when given, its document number (文号)."""

    id: str
    title: str
    doc_no: str | None = None
    source: Source


@dataclass(kw_only=True, eq=False, repr=False)
class Unit(Model):
    """A unit in the registry (department, government, park, company): its full name, the other names the sources use, its kind and parent."""

    id: str
    name: str
    aliases: list[str] = field(default_factory=list)
    kind: str | None = None
    parent: str | None = None
    source: Source


@dataclass(kw_only=True, eq=False, repr=False)
class Person(Model):
    """A person in the registry: a leader who can lead actions or sit on a committee, with their post and unit."""

    id: str
    name: str
    role: str | None = None
    unit: str | None = None
    source: Source


@dataclass(kw_only=True, eq=False, repr=False)
class CommitteeMember(Model):
    """A committee member: the person, and the position they hold (组长, 副组长, 成员 …)."""

    person: str
    position: str | None = None


@dataclass(kw_only=True, eq=False, repr=False)
class Committee(Model):
    """A leading group (领导小组) and its roster; in an annex, the roster is printed there, followed by the committee's text."""

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
    """How a block's children are numbered: the style (unset: by depth, 一、 (一) 1. (1) ①) and whether the count carries on from the previous sibling block."""

    style: NumberingStyle | None = None
    continue_from_previous: bool = False
    # styles numbered on through everything below this block, across parts and levels (广州's 1…45
    # through five parts); each style in the list keeps one count for the whole subtree
    through: list[NumberingStyle] = field(default_factory=list)


@dataclass(kw_only=True, eq=False, repr=False)
class Section(Model):
    """A numbered part of the document, or an annex (附件N) with its own title, preamble and closing; its body holds text, actions and sub-sections in written order."""

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
    owner_separator: str | None = None
    owner_groups: list[str] = field(default_factory=list)
    form: Literal["heading", "run_in"] = "heading"  # run_in: （一）标题。正文…… in one paragraph
    notes: list[str] = field(default_factory=list)
    source: Source


@dataclass(kw_only=True, eq=False, repr=False)
class OwnerRef(Model):
    """One owner of an action, as written: its role (lead leader, lead, co-operating or responsible unit) and the person or unit it names."""

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
    """A task of the plan (任务): its number, prose and owners, with the metrics, cadences, deadlines and sub-actions under it."""

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
    """A metric's target: comparator and value (none for a yes/no target), when it is due, and how firm it is (must 确保, strive 力争, stated)."""

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
    # the figure as the source writes it, words and all (500家以上, 不少于100名, 1—2个); None for a
    # plain figure (>= 500家). The documents print it back in the source's own order.
    written: str | None = None
    by_written: str | None = None  # the date as written (2026年10月底前); None for 2025-12-31 or 2025
    # 有条件的地方力争……: the target binds only where this holds; `evaluate` reports it unmet as 视条件, not missed
    condition: str | None = None
    source: Source


@dataclass(kw_only=True, eq=False, repr=False)
class Metric(Model):
    """A quantity the plan sets targets for (指标): its name, measurement unit, kind (level, growth, share …), baseline, targets and owners."""

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
    # 跟踪责任: the units the plan's keeper assigns to report this metric's progress, apart from the
    # source's wording (owners); used by the ledger and `evaluate`, never printed in the document
    follow_up: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    source: Source


@dataclass(kw_only=True, eq=False, repr=False)
class Cadence(Model):
    """A recurring meeting, inspection or report (周会商, 每季度督查 …): how often it falls, and who holds it."""

    id: str
    title: str
    every: Frequency | None  # None: no fixed frequency, see timing
    timing: Timing | None = None  # 定期, 不定期, 适时, 根据需要, 常态化: in the timetable, no dated events
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
    notes: list[str] = field(default_factory=list)  # editor's notes, never printed
    source: Source


@dataclass(kw_only=True, eq=False, repr=False)
class Due(Model):
    """A deadline's date rule: once on a date, or each year on a month/day (optionally the next year)."""

    kind: Literal["once", "yearly", "next_year"]
    date: dt.date | None = None
    month: int | None = None
    day: int | None = None  # None with a month: the end of that month
    written: str | None = None  # as the source writes it (2026年10月底前, 年底前); None for ISO dates


@dataclass(kw_only=True, eq=False, repr=False)
class Deadline(Model):
    """A dated obligation (时限): when it falls due (on a date, each year, or the next year), and who owes it."""

    id: str
    title: str
    due: list[Due] = field(default_factory=list)
    owners: list[str] = field(default_factory=list)
    holiday: Literal["next_workday", "keep"] = "keep"
    co_units: list[str] = field(default_factory=list)  # 配合单位: who works with the owners
    section: str | None = None
    action: str | None = None
    text: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # editor's notes, never printed
    source: Source


# ---- assessment scoring -------------------------------------------------


@dataclass(kw_only=True, eq=False, repr=False)
class Fact(Model):
    """A named fact the assessment data reports, for one unit or the whole plan (政策兑现率, 全省排名), tested by adjustments and overrides."""

    id: str
    name: str
    unit: str | None = None
    source: Source


@dataclass(kw_only=True, eq=False, repr=False)
class Component(Model):
    """One evaluator's part of a formula: the unit that gives the score, and the maximum points."""

    evaluator: str  # unit id
    max: str  # points, exact decimal


@dataclass(kw_only=True, eq=False, repr=False)
class Formula(Model):
    """A scoring formula: the assessed units it covers, and the evaluator components whose points add up to their period score."""

    id: str
    title: str | None = None
    members: list[str] = field(default_factory=list)
    components: list[Component] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)  # the formula's own items (考核项目)
    itemsets: list[str] = field(default_factory=list)  # shared item sets it uses (ids)
    source: Source


@dataclass(kw_only=True, eq=False, repr=False)
class Group(Model):
    """A group of assessed units ranked against each other: period weights, its weight in the wider appraisal, and the rank or grade table that turns ranks into points."""

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
    """A partner in a blend: the unit, and the share of its own score that counts."""

    unit: str
    share: str  # fraction


@dataclass(kw_only=True, eq=False, repr=False)
class Blend(Model):
    """A blended final score (折算): a unit's own share of its period score plus shares of its partners' scores (85% + 15%)."""

    unit: str  # the unit whose final score is blended
    self_share: str  # fraction
    parts: list[BlendPart] = field(default_factory=list)
    source: Source


@dataclass(kw_only=True, eq=False, repr=False)
class RankTable(Model):
    """A rank table (排名计分): the share of a group's weight earned by rank 1, 2, …"""

    id: str
    shares: list[str]  # fraction of the group's weight for rank 1, 2, …
    source: Source


@dataclass(kw_only=True, eq=False, repr=False)
class Grade(Model):
    """One grade of a grade table (优秀, 良好 …): its part of the quota ratio (none: it takes whoever is left) and its share of the group's weight."""

    name: str
    quota: int | None = None  # parts of the ratio; None: no quota (the rest)
    share: str  # fraction of the group's weight


@dataclass(kw_only=True, eq=False, repr=False)
class GradeTable(Model):
    """A grade table (等次表): grades with quotas in a ratio (3:6:1), and how each grade's head count is rounded."""

    id: str
    grades: list[Grade] = field(default_factory=list)
    rounding: Literal["half_up", "floor", "ceil"] = "half_up"
    # each: every grade's head count rounded on its own; cumulative: the running total rounded
    quota_method: Literal["each", "cumulative"] = "each"
    source: Source


@dataclass(kw_only=True, eq=False, repr=False)
class Condition(Model):
    """The test of an adjustment or override: a fact, a comparator and a value (政策兑现率 < 90%)."""

    fact: str
    op: Comparator
    value: str
    unit: str | None = None


@dataclass(kw_only=True, eq=False, repr=False)
class Adjustment(Model):
    """A deduction or bonus when a fact meets a condition (政策兑现率低于90%扣3分), on a group's points or on the annual score."""

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
    """An exception (例外): when a fact meets a condition, the annual scores of the groups it applies to become full marks."""

    id: str
    title: str | None = None
    when: Condition
    then: Literal["full_marks"] = "full_marks"
    applies: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    source: Source


@dataclass(kw_only=True, eq=False, repr=False)
class Flag(Model):
    """Units singled out in the report (提示): the last of each group each period, or the first N of each group in the annual ranking."""

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
class Test(Model):
    """A condition over facts (考核细则's 否则不得分, 年内无案例不得分): a comparison, or all / any / not of tests.

    ``fact`` alone (no ``op``) holds when the fact is 是 (non-zero); the value compared with is a number or another
    fact (死亡人数 > 控制指标). The fact ``总分`` is the unit's final score."""

    kind: Literal["fact", "all", "any", "not"] = "fact"
    fact: str | None = None
    op: Comparator | None = None
    value: str | None = None
    value_fact: str | None = None
    unit: str | None = None
    parts: list[Test] = field(default_factory=list)


@dataclass(kw_only=True, eq=False, repr=False)
class Rule(Model):
    """One scoring rule of an item or a bonus/penalty stage.

    * ``when``: ``points`` (default: the item's maximum) when ``test`` holds, else 0;
    * ``add`` / ``deduct``: ``points`` per count of ``fact`` (beyond / short of ``against``), at most ``cap``;
    * ``ratio``: maximum (or ``points``) × min(fact ÷ against, 1) (按完成比例得分);
    * ``tier``: ``points`` when ``test`` holds; the item takes the best tier or the sum (``Item.tiers``).
    ``test`` on add/deduct/ratio is a guard: the rule acts only when it holds."""

    kind: Literal["when", "add", "deduct", "ratio", "tier"]
    name: str | None = None  # a tier's name (省级)
    points: str | None = None
    fact: str | None = None
    against: str | None = None  # a number: required count, or the ratio's target
    against_fact: str | None = None  # …or a fact holding it
    test: Test | None = None
    cap: str | None = None
    source: Source


@dataclass(kw_only=True, eq=False, repr=False)
class Item(Model):
    """An item of a rubric (考核项目): its maximum, content, scoring standard, scorers, the units it applies to, its rules and sub-items."""

    id: str
    title: str | None = None
    max: str
    content: list[str] = field(default_factory=list)  # 考核内容, the source's text
    standard: list[str] = field(default_factory=list)  # 评分标准, the source's text
    scorers: list[str] = field(default_factory=list)  # 考核部门 (unit ids)
    shares: list[str] = field(default_factory=list)  # each scorer's share (fractions), when given
    applies: list[str] = field(default_factory=list)  # unit or group ids; empty = every member
    tiers: Literal["best", "sum"] = "best"
    rules: list[Rule] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    source: Source


@dataclass(kw_only=True, eq=False, repr=False)
class ItemSet(Model):
    """A shared item set (通用项目): items declared once and used by several formulas."""

    id: str
    title: str | None = None
    items: list[Item] = field(default_factory=list)
    source: Source


@dataclass(kw_only=True, eq=False, repr=False)
class Stage(Model):
    """A bonus (加分) or penalty (扣分) outside the items: an amount from its rules, at most ``cap``, added or subtracted after the items."""

    id: str
    title: str | None = None
    kind: Literal["bonus", "penalty"]
    cap: str | None = None
    applies: list[str] = field(default_factory=list)
    tiers: Literal["best", "sum"] = "sum"
    rules: list[Rule] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    source: Source


@dataclass(kw_only=True, eq=False, repr=False)
class Veto(Model):
    """一票否决: when its test holds, the grade is fixed (``grade``) or barred (``bar``: 不得评为优秀), and/or the score is fixed."""

    id: str
    title: str | None = None
    test: Test
    grade: str | None = None
    bar: str | None = None
    score: str | None = None
    applies: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    source: Source


@dataclass(kw_only=True, eq=False, repr=False)
class Band(Model):
    """A grade by score band (90分以上为优秀): the grade of every final score ≥ ``low`` below the next band; the source's words kept."""

    name: str
    low: str
    words: str | None = None
    source: Source


@dataclass(kw_only=True, eq=False, repr=False)
class Scoring(Model):
    """An assessment method (考核评价办法): formulas, groups, weights, ranks, grades and adjustments; or, for a plan without one, a weighted completion score of its targets."""

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
    itemsets: list[ItemSet] = field(default_factory=list)
    stages: list[Stage] = field(default_factory=list)
    vetoes: list[Veto] = field(default_factory=list)
    bands: list[Band] = field(default_factory=list)
    bonus_cap: str | None = None  # 加分最高不超过N分: all bonuses together
    bounds: Literal["open", "capped", "zero"] = "open"  # the final score: unbounded, within [0, scale], or ≥ 0
    text: list[str] = field(default_factory=list)
    source: Source


@dataclass(kw_only=True, eq=False, repr=False)
class Acknowledgement(Model):
    """An acknowledged warning (`ack`): a code accepted within its block, with the reason; the warning stays listed, marked, and no longer counts."""

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
    owner_separator: str | None = None  # between the parts of generated owner text; None: ；
    owner_groups: list[str] = field(default_factory=list)  # unit ids set apart at the end of a role's names
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
