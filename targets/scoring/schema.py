"""The artifacts of the scoring target: ``scoring.json`` (``planc/scoring/v1``) and the score report (``planc/score/v1``).

``scoring.json`` states the scheme with nothing left implicit: every default of
the language (tie rule, rounding, period weights, what an adjustment acts on,
the order of the steps) is written out, so a consumer needs no knowledge of
planc to recompute a score. Exact decimals are strings; shares are fractions
("0.85"), points are points ("15").
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCORING_SCHEMA = "planc/scoring/v1"
SCORE_SCHEMA = "planc/score/v1"

Comparator = Literal[">=", "<=", ">", "<", "=", "~"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class UnitRef(_Model):
    id: str
    name: str
    aliases: list[str] = Field(default_factory=list)


class FactDef(_Model):
    id: str
    name: str
    unit: str | None = None
    period: Literal["year"] = "year"  # facts are read once a year
    scope: Literal["unit_or_plan"] = "unit_or_plan"  # a row with an empty unit holds for every unit


class ComponentDef(_Model):
    evaluator: str  # unit id
    max: str


class TestDef(_Model):
    """A condition over facts: a comparison (``fact`` alone: the fact is 是, non-zero), or all / any / not of parts.
    The fact ``总分`` is the unit's final score."""

    kind: Literal["fact", "all", "any", "not"] = "fact"
    fact: str | None = None
    op: Comparator | None = None
    value: str | None = None
    value_fact: str | None = None  # compared with another fact's value instead
    unit: str | None = None
    parts: list[TestDef] = Field(default_factory=list)


class RuleDef(_Model):
    """One rule of an item or stage (see ``rule_meaning`` in the scheme)."""

    kind: Literal["when", "add", "deduct", "ratio", "tier"]
    name: str | None = None
    points: str | None = None  # None: the item's maximum (when, ratio)
    fact: str | None = None
    against: str | None = None
    against_fact: str | None = None
    test: TestDef | None = None
    cap: str | None = None


class ItemDef(_Model):
    """An item (考核项目): maximum, the source's content and standard, scorers, the units it applies to, rules, sub-items."""

    id: str
    title: str | None = None
    max: str
    attainable: str  # what its rules and sub-items can reach (less than max when the sub-items add up to less)
    itemset: str | None = None  # the shared set it comes from
    content: list[str] = Field(default_factory=list)
    standard: list[str] = Field(default_factory=list)
    scorers: list[str] = Field(default_factory=list)
    shares: list[str] = Field(default_factory=list)
    applies: list[str] | None = None  # unit ids (groups expanded); None: every member of the formula
    tiers: Literal["best", "sum"] = "best"
    rules: list[RuleDef] = Field(default_factory=list)
    items: list[ItemDef] = Field(default_factory=list)
    # no positive rule and no sub-item: start at max and deduct; no rule at all: the points recorded in the data
    base: Literal["sum_of_parts", "max_less_deductions", "recorded"]
    bounds: Literal["clamp_0_to_max"] = "clamp_0_to_max"


class FormulaDef(_Model):
    id: str
    title: str | None = None
    members: list[str]
    components: list[ComponentDef]
    total: str  # the sum of the maxima (components and top-level items): the declared total
    items: list[ItemDef] = Field(default_factory=list)  # shared sets' items first, then the formula's own
    missing_component: Literal["no_data"] = "no_data"  # a period missing any evaluator is no data, not a partial sum


class PeriodWeight(_Model):
    period: str  # "Q1", "H1", "M01", "Y"
    weight: str  # fraction


class RankingDef(_Model):
    method: Literal["rank_points", "grades", "none"]
    table: str | None = None


class GroupDef(_Model):
    id: str
    title: str | None = None
    members: list[str]
    period_weights: list[PeriodWeight]
    weight: str | None = None  # points the group's result carries in the wider appraisal; None: no points
    ranking: RankingDef


class BlendPartDef(_Model):
    unit: str
    share: str


class BlendDef(_Model):
    unit: str
    self_share: str
    parts: list[BlendPartDef]
    period: Literal["each_period"] = "each_period"  # blended per period, before the annual weighting
    partner_score: Literal["formula_score"] = "formula_score"  # partners count with their own, unblended score


class RankTableDef(_Model):
    id: str
    shares: list[str]  # fraction of the group's weight for rank 1, 2, …


class GradeDef(_Model):
    name: str
    quota: int | None  # parts of the ratio; None: the rest (no limit)
    share: str


class GradeTableDef(_Model):
    id: str
    grades: list[GradeDef]
    quota_total: int  # the sum of the quota parts (3+6+1 = 10)
    rounding: Literal["half_up", "floor", "ceil"]
    quota_method: Literal["each", "cumulative"]
    # places are filled best rank first; units tied on a rank share the grade of that rank's place
    fill: Literal["by_rank_ties_share_grade"] = "by_rank_ties_share_grade"
    beyond_quota: str  # the grade of units beyond every quota: the rest grade, or the last grade


class ConditionDef(_Model):
    fact: str
    op: Comparator
    value: str
    unit: str | None = None


class AdjustmentDef(_Model):
    id: str
    title: str | None = None
    when: ConditionDef
    points: str
    applies: list[str]  # group ids, all listed
    units: list[str] | None = None  # units named in `applies` besides groups (it acts on them wherever they are)
    on: Literal["points", "annual"]
    bounds: Literal["clamp_0_to_full"] = "clamp_0_to_full"  # points stay within [0, weight], scores within [0, scale]


class OverrideDef(_Model):
    id: str
    title: str | None = None
    when: ConditionDef
    then: Literal["full_marks"]
    applies: list[str]
    units: list[str] | None = None  # units named in `applies` besides groups
    on: Literal["annual"] = "annual"  # the annual score becomes the scale, before ranking


class StageDef(_Model):
    """A bonus (加分) or penalty (扣分) outside the items; its amount is within [0, cap]."""

    id: str
    title: str | None = None
    kind: Literal["bonus", "penalty"]
    cap: str | None = None
    applies: list[str] | None = None  # unit ids; None: every unit
    tiers: Literal["best", "sum"] = "sum"
    rules: list[RuleDef] = Field(default_factory=list)
    missing_fact: Literal["not_occurred"] = "not_occurred"  # a fact without data counts as 0 / 否


class VetoDef(_Model):
    id: str
    title: str | None = None
    when: TestDef
    grade: str | None = None  # the grade it fixes
    bar: str | None = None  # the grade it bars (不得评为优秀): the next lower band instead
    score: str | None = None  # the score it fixes
    applies: list[str] | None = None
    missing_fact: Literal["not_vetoed"] = "not_vetoed"


class BandDef(_Model):
    name: str
    low: str  # every final score ≥ low and below the next band's low
    words: str | None = None  # the source's words (90-94分的为良好)


class FlagDef(_Model):
    id: str
    title: str | None = None
    rule: Literal["lowest", "top"]
    count: int | None = None  # top N
    applies: list[str]  # group ids, all listed
    # lowest: the last of each group in each period; top: the first N of each group in the annual ranking
    per: Literal["group_and_period", "group_and_year"]
    ties: Literal["all_tied"] = "all_tied"


class CompletionItemDef(_Model):
    metric: str
    name: str
    points: str


class CreditDef(_Model):
    status: str
    share: str


class CompletionDef(_Model):
    items: list[CompletionItemDef]
    total: str
    credits: list[CreditDef]
    other_status_share: str = "0"
    missing: Literal["no_data"] = "no_data"


class ScoringDoc(_Model):
    """``scoring.json``: the scheme, fully explicit."""

    schema_: str = Field(SCORING_SCHEMA, alias="schema")
    plan: str
    id: str
    title: str
    every: Literal["month", "quarter", "halfyear", "year"]
    periods: list[str]  # the period labels of a year, in order
    scale: str
    ties: Literal["shared", "sequential"]
    arithmetic: Literal["exact_decimal"] = "exact_decimal"
    missing_data: Literal["no_data"] = "no_data"  # a unit without data is no data, never zero
    # the order in which a year is computed
    steps: list[str]
    units: list[UnitRef]
    facts: list[FactDef]
    formulas: list[FormulaDef]
    groups: list[GroupDef]
    blends: list[BlendDef]
    rank_tables: list[RankTableDef]
    grade_tables: list[GradeTableDef]
    adjustments: list[AdjustmentDef]
    overrides: list[OverrideDef]
    flags: list[FlagDef]
    completion: CompletionDef | None = None
    stages: list[StageDef] = Field(default_factory=list)
    bonus_cap: str | None = None  # all bonuses together
    # the final score after bonuses and penalties: open (unbounded), capped ([0, scale]) or zero (≥ 0)
    bounds: Literal["open", "capped", "zero"] = "open"
    vetoes: list[VetoDef] = Field(default_factory=list)
    bands: list[BandDef] = Field(default_factory=list)  # highest first
    # a score between two bands' words belongs to the band whose `low` it reaches; below every band, the lowest
    band_edges: Literal["low_inclusive_up_to_next"] = "low_inclusive_up_to_next"


# ---- the score report ------------------------------------------------------


class ComponentScore(_Model):
    evaluator: str
    value: str | None
    max: str


class RulePart(_Model):
    kind: str
    name: str | None = None
    amount: str  # points it gave (or took, for deduct)


class ItemScore(_Model):
    id: str
    title: str | None = None
    max: str
    status: Literal["ok", "no_data", "not_applicable"]
    score: str | None = None
    parts: list[RulePart] = Field(default_factory=list)  # the rules that acted
    items: list[ItemScore] = Field(default_factory=list)


class StageScore(_Model):
    id: str
    kind: Literal["bonus", "penalty"]
    amount: str


class ScoreRow(_Model):
    group: str
    group_title: str | None = None
    unit: str
    unit_name: str
    period: str  # "2022Q1" … or "2022"
    status: Literal["ok", "no_data"]
    score: str | None = None
    raw_score: str | None = None  # before a blend (periods) or an override / annual adjustment (years)
    rank: int | None = None
    ranked: int | None = None  # how many units were ranked
    points: str | None = None
    grade: str | None = None
    components: list[ComponentScore] = Field(default_factory=list)
    applied: list[str] = Field(default_factory=list)  # ids of blends, overrides, adjustments that acted
    items: list[ItemScore] = Field(default_factory=list)  # the rubric's items, per item
    declared_total: str | None = None  # the total the rubric declares (its scale, 总分); the formula's maxima add to its `total`
    attainable_total: str | None = None  # what this unit can reach: applicable items, as far as their parts reach
    items_score: str | None = None  # the score before bonuses and penalties
    stages: list[StageScore] = Field(default_factory=list)  # bonuses and penalties that acted
    band: str | None = None  # the grade by score band, before vetoes
    vetoes: list[str] = Field(default_factory=list)  # ids of vetoes that held


class FlagHit(_Model):
    flag: str
    group: str
    period: str
    units: list[str]


class CompletionRow(_Model):
    metric: str
    name: str
    status: str | None
    points: str
    share: str | None
    earned: str | None


class CompletionResult(_Model):
    rows: list[CompletionRow]
    score: str
    scale: str
    complete: bool  # every item has a status


class ScoreReport(_Model):
    """The output of ``planc score --format json``."""

    schema_: str = Field(SCORE_SCHEMA, alias="schema")
    plan: str
    scoring: str
    title: str
    years: list[int]
    rows: list[ScoreRow]
    flags: list[FlagHit]
    completion: CompletionResult | None = None


SCHEMAS: dict[str, type[BaseModel]] = {"scoring.v1": ScoringDoc, "score.v1": ScoreReport}
