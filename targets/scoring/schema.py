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


class FormulaDef(_Model):
    id: str
    title: str | None = None
    members: list[str]
    components: list[ComponentDef]
    total: str  # the sum of the maxima
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
    on: Literal["points", "annual"]
    bounds: Literal["clamp_0_to_full"] = "clamp_0_to_full"  # points stay within [0, weight], scores within [0, scale]


class OverrideDef(_Model):
    id: str
    title: str | None = None
    when: ConditionDef
    then: Literal["full_marks"]
    applies: list[str]
    on: Literal["annual"] = "annual"  # the annual score becomes the scale, before ranking


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


# ---- the score report ------------------------------------------------------


class ComponentScore(_Model):
    evaluator: str
    value: str | None
    max: str


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
