"""The score stage: run a scheme (``scoring.json``) on evaluator scores, in exact decimals.

One year is computed in the order of :data:`targets.scoring.scheme.STEPS`:
period scores per formula → blends → period ranks and flags → annual scores →
overrides → annual adjustments → annual ranks → points (rank table or grade
quotas) → points adjustments. A unit without data is ``no_data`` — never zero —
and is neither ranked nor graded. Every step is written to the unit's trail,
which ``--explain UNIT`` prints.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, localcontext

from compiler.quota import grade_for_rank as grade_at
from compiler.quota import quota_places as places_for
from compiler.quota import rank
from compiler.vocab import decimal_text, percent_text
from compiler.vocab import holds as comparator_holds
from diagnostics import Diagnostic, make
from targets.scoring.data import ScoreData, StatusData
from targets.scoring.schema import (
    CompletionResult,
    CompletionRow,
    ComponentScore,
    ConditionDef,
    FlagHit,
    GradeTableDef,
    GroupDef,
    ItemDef,
    ItemScore,
    RuleDef,
    RulePart,
    ScoreReport,
    ScoreRow,
    ScoringDoc,
    StageDef,
    StageScore,
    TestDef,
)
from targets.scoring.scheme import STEP_NAMES

ZERO = Decimal(0)
ONE = Decimal(1)
#: the fact name that stands for the final score in a veto's condition (考核未达80分)
SCORE_FACT = "总分"
#: the data key of an item's recorded points (an item without rules: its scorer records them)
ITEM_KEY = "item:"
# Scores are sums and products of short decimals (a few digits each); 100 significant digits keep
# every intermediate result exact, where the default context (28) could round a long product.
EXACT_DIGITS = 100


def fmt(value: Decimal | None) -> str | None:
    """An exact decimal as plain text (:func:`compiler.vocab.decimal_text`), None kept."""
    return None if value is None else decimal_text(value)


# ---- ranks and quotas ------------------------------------------------------------


def quota_places(table: GradeTableDef, count: int) -> list[tuple[str, int]]:
    """How many places each quota grade of ``table`` has for ``count`` units (:func:`compiler.quota.quota_places`)."""
    return places_for(
        [(g.name, g.quota) for g in table.grades], count, table.rounding, table.quota_method)


def grade_for_rank(table: GradeTableDef, places: list[tuple[str, int]], position: int) -> str:
    """The grade of the unit ranked ``position``; the table's grade beyond its quotas past them."""
    return grade_at(places, position, table.beyond_quota)


def holds(condition: ConditionDef, value: Decimal) -> bool:
    """A condition on a fact, with the comparators' one meaning (:func:`compiler.vocab.holds`)."""
    return comparator_holds(condition.op, value, Decimal(condition.value))


# ---- the computation -------------------------------------------------------------


@dataclass
class YearState:
    """What the steps of one year pass on to each other."""

    year: int
    raws: list[tuple[dict[str, Decimal], dict[str, ScoreRow]]] = field(default_factory=list)
    finals: list[dict[str, Decimal]] = field(default_factory=list)
    period_rows: list[dict[str, ScoreRow]] = field(default_factory=list)
    annual: dict[str, Decimal] = field(default_factory=dict)
    annual_rows: dict[str, ScoreRow] = field(default_factory=dict)
    groups: dict[str, GroupDef | None] = field(default_factory=dict)
    ranks: dict[str, dict[str, int]] = field(default_factory=dict)
    points: dict[str, Decimal] = field(default_factory=dict)


@dataclass
class Outcome:
    report: ScoreReport
    trails: dict[str, list[str]] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)


class Engine:
    def __init__(self, doc: ScoringDoc, data: ScoreData) -> None:
        self.doc = doc
        self.data = data
        self.names = {u.id: u.name for u in doc.units}
        self.formula_of = {m: f for f in doc.formulas for m in f.members}
        self.group_of = {m: g for g in doc.groups for m in g.members}
        self.blend_of = {b.unit: b for b in doc.blends}
        self.rank_tables = {t.id: t for t in doc.rank_tables}
        self.grade_tables = {t.id: t for t in doc.grade_tables}
        self.trails: dict[str, list[str]] = {}
        self.diagnostics: list[Diagnostic] = []
        self.rows: list[ScoreRow] = []
        self.flags: list[FlagHit] = []
        self._period_rows: list[dict[str, ScoreRow]] = []  # per year, per period: unit -> row
        self._annual_rows: list[dict[str, ScoreRow]] = []  # per year: unit -> row
        self._recorded: set[tuple[int, int, str]] | None = None

    def say(self, unit: str, line: str) -> None:
        self.trails.setdefault(unit, []).append(line)

    def label(self, unit: str) -> str:
        name = self.names.get(unit, unit)
        return unit if name == unit else f"{unit}({name})"

    def warn(self, code: str, message: str) -> None:
        self.diagnostics.append(make(code, f"{self.data.display}: {message}", None))

    def period_name(self, year: int, index: int) -> str:
        return str(year) if self.doc.every == "year" else f"{year}{self.doc.periods[index]}"

    def fact(self, year: int, unit: str, fact: str) -> Decimal | None:
        value = self.data.facts.get((year, unit, fact))
        return value if value is not None else self.data.facts.get((year, "", fact))

    # -- one period ---------------------------------------------------------------

    def period_raw(self, year: int, index: int, state: YearState) -> tuple[dict[str, Decimal], dict[str, ScoreRow]]:
        """Each formula member's period score: components plus items; ``raw`` holds the units with a score."""
        period = self.period_name(year, index)
        raw: dict[str, Decimal] = {}
        rows: dict[str, ScoreRow] = {}
        empty: list[str] = []
        for formula in self.doc.formulas:
            for unit in formula.members:
                group = self.group_of.get(unit)
                values = [(c, self.data.scores.get((year, index, unit, c.evaluator))) for c in formula.components]
                items = [self.score_item(item, year, index, unit) for item in formula.items]
                row = ScoreRow(
                    group=group.id if group else "", group_title=group.title if group else None, unit=unit,
                    unit_name=self.names.get(unit, unit), period=period, status="no_data",
                    components=[ComponentScore(evaluator=c.evaluator, value=fmt(v), max=c.max) for c, v in values],
                    items=[score for score, _missing in items],
                )
                if formula.items:
                    row.declared_total = self.doc.scale  # the total the source declares (总分)
                    reach = sum((Decimal(c.max) for c in formula.components), ZERO) + sum(
                        (Decimal(i.attainable) for i in formula.items if i.applies is None or unit in i.applies), ZERO)
                    row.attainable_total = fmt(reach)
                rows[unit] = row
                missing = [c.evaluator for c, v in values if v is None]
                lacking = [name for _score, names in items for name in names]
                recorded = [v for _c, v in values if v is not None]
                if not recorded and not self.recorded(year, index, unit):
                    empty.append(unit)
                    self.say(unit, f"{period}  no data (nothing recorded)")
                    continue
                if missing or lacking:
                    names = missing + list(dict.fromkeys(lacking))
                    gaps = "、".join(names[:12]) + (f" and {len(names) - 12} more" if len(names) > 12 else "")
                    self.warn("D065", f"{self.label(unit)} in {period} lacks {gaps}; the period is no data")
                    self.say(unit, f"{period}  no data (missing: {gaps})")
                    continue
                total = sum(recorded, ZERO) + sum((Decimal(sc.score) for sc, _m in items if sc.score is not None), ZERO)
                terms = [f"{c.evaluator} {fmt(v)}/{c.max}" for c, v in values]
                terms += [f"{sc.id} {sc.score}/{sc.max}" for sc, _m in items if sc.status == "ok"]
                self.say(unit, f"{period}  {' + '.join(terms)} = {fmt(total)}")
                raw[unit] = total
                row.raw_score = fmt(total)
                if formula.items:
                    row.items_score = fmt(total)
        if empty:
            shown = "、".join(self.label(u) for u in empty[:8]) + (f" and {len(empty) - 8} more" if len(empty) > 8 else "")
            self.warn("D064", f"no scores for {period} for {len(empty)} unit{'s' if len(empty) != 1 else ''}: {shown}; shown as no data, not zero")
        return raw, rows

    def recorded(self, year: int, index: int, unit: str) -> bool:
        """Whether anything at all is recorded for ``unit`` in the period: a score, an item's points or a fact of its own."""
        if self._recorded is None:
            self._recorded = {(y, i, u) for (y, i, u, _k) in self.data.scores}
            self._recorded |= {(y, -1, u) for (y, u, _f) in self.data.facts if u}
        return (year, index, unit) in self._recorded or (year, -1, unit) in self._recorded

    def blend(self, year: int, index: int, raw: dict[str, Decimal], rows: dict[str, ScoreRow]) -> dict[str, Decimal]:
        period = self.period_name(year, index)
        final = dict(raw)
        for blend in self.doc.blends:
            unit = blend.unit
            if unit not in raw:
                continue
            parts = [(p, raw.get(p.unit)) for p in blend.parts]
            lacking = [p.unit for p, v in parts if v is None]
            if lacking:
                del final[unit]
                self.warn("D065", f"the blend of {self.label(unit)} in {period} lacks the score of {'、'.join(lacking)}; the period is no data")
                self.say(unit, f"{period}  blend: no data ({'、'.join(lacking)} has no score)")
                continue
            own = Decimal(blend.self_share)
            value = raw[unit] * own + sum((Decimal(p.share) * v for p, v in parts if v is not None), ZERO)
            terms = " + ".join(f"{p.unit} {fmt(v)} × {percent_text(Decimal(p.share))}" for p, v in parts)
            self.say(unit, f"{period}  blend: {fmt(raw[unit])} × {percent_text(own)} + {terms} = {fmt(value)}")
            final[unit] = value
            rows[unit].applied.append(f"blend:{unit}")
        for unit, value in final.items():
            rows[unit].score = fmt(value)
            rows[unit].status = "ok"
        return final

    # -- items (考核细则) -----------------------------------------------------------------

    def value_of(self, year: int, unit: str, fact: str, missing_zero: bool) -> Decimal | None:
        value = self.fact(year, unit, fact)
        return ZERO if value is None and missing_zero else value

    def test(self, test: TestDef, year: int, unit: str, score: Decimal | None = None,
             missing_false: bool = False) -> bool | None:
        """Whether ``test`` holds for ``unit`` (None: a fact it needs has no value)."""
        if test.kind == "not":
            inner = self.test(test.parts[0], year, unit, score, missing_false)
            return None if inner is None else not inner
        if test.kind in ("all", "any"):
            results = [self.test(p, year, unit, score, missing_false) for p in test.parts]
            if test.kind == "all":
                return False if False in results else (None if None in results else True)
            return True if True in results else (None if None in results else False)
        value = score if test.fact == SCORE_FACT else self.fact(year, unit, test.fact or "")
        if value is None:
            return False if missing_false else None
        if test.op is None:
            return value != 0
        if test.value_fact is not None:
            other = self.fact(year, unit, test.value_fact)
            if other is None:
                return False if missing_false else None
            return comparator_holds(test.op, value, other)
        return comparator_holds(test.op, value, Decimal(test.value or "0"))

    def test_text(self, test: TestDef, year: int, unit: str, score: Decimal | None = None) -> str:
        if test.kind == "not":
            return f"not ({self.test_text(test.parts[0], year, unit, score)})"
        if test.kind in ("all", "any"):
            return f" {'and' if test.kind == 'all' else 'or'} ".join(self.test_text(p, year, unit, score) for p in test.parts)
        value = score if test.fact == SCORE_FACT else self.fact(year, unit, test.fact or "")
        shown = "—" if value is None else fmt(value)
        if test.op is None:
            return f"{test.fact} {'是' if value else '否'}"
        if test.value_fact is not None:
            other = self.fact(year, unit, test.value_fact)
            return f"{test.fact} {shown} {test.op} {test.value_fact} {'—' if other is None else fmt(other)}"
        return f"{test.fact} {shown} {test.op} {test.value}"

    def _needs(self, test: TestDef | None, year: int, unit: str) -> list[str]:
        if test is None:
            return []
        if test.parts:
            return [n for p in test.parts for n in self._needs(p, year, unit)]
        return [name for name in (test.fact, test.value_fact)
                if name and name != SCORE_FACT and self.fact(year, unit, name) is None]

    def rule_amount(self, rule: RuleDef, whole: Decimal | None, year: int, unit: str,
                    missing_zero: bool) -> tuple[Decimal | None, str, list[str]]:
        """What one rule gives (or, for deduct, takes): the amount, how, and the facts it lacks."""
        lacking = [] if missing_zero else self._needs(rule.test, year, unit)
        for name in (rule.fact, rule.against_fact):
            if name and not missing_zero and self.fact(year, unit, name) is None:
                lacking.append(name)
        if lacking:
            return None, "", lacking
        if rule.test is not None and not self.test(rule.test, year, unit, missing_false=True):
            return ZERO, "", []
        points = Decimal(rule.points) if rule.points is not None else (whole or ZERO)
        if rule.kind in ("when", "tier"):
            return points, f"{self.test_text(rule.test, year, unit)} → {fmt(points)}" if rule.test else fmt(points) or "", []
        count = self.value_of(year, unit, rule.fact or "", missing_zero) or ZERO
        if rule.against_fact is not None:
            against: Decimal | None = self.value_of(year, unit, rule.against_fact, missing_zero)
        else:
            against = None if rule.against is None else Decimal(rule.against)
        if rule.kind == "ratio":
            target = against or ZERO
            share = ONE if target <= 0 or count >= target else max(count, ZERO) / target
            amount = points * share
            return amount, f"{fmt(points)} × min({fmt(count)} ÷ {fmt(target)}, 1) = {fmt(amount)}", []
        if rule.kind == "add":
            times = max(count - against, ZERO) if against is not None else max(count, ZERO)
            shown = f"({fmt(count)} − {fmt(against)})" if against is not None else fmt(count)
        else:
            times = max(against - count, ZERO) if against is not None else max(count, ZERO)
            shown = f"({fmt(against)} − {fmt(count)})" if against is not None else fmt(count)
        amount = points * times
        how = f"{fmt(points)} × {shown} = {fmt(amount)}"
        if rule.cap is not None and amount > Decimal(rule.cap):
            amount = Decimal(rule.cap)
            how += f", capped at {rule.cap}"
        return amount, how, []

    def combine(self, rules: list[RuleDef], tiers: str, whole: Decimal | None, year: int, unit: str,
                missing_zero: bool) -> tuple[Decimal, Decimal, bool, list[RulePart], list[str], list[str]]:
        """Positive parts and deductions of ``rules``: (gained, deducted, any positive rule, parts, trail, lacking)."""
        gained = deducted = ZERO
        parts: list[RulePart] = []
        trail: list[str] = []
        lacking: list[str] = []
        tier_hits: list[tuple[RuleDef, Decimal]] = []
        for rule in rules:
            amount, how, missing = self.rule_amount(rule, whole, year, unit, missing_zero)
            if missing:
                lacking.extend(missing)
                continue
            assert amount is not None
            if rule.kind == "tier":
                if amount:
                    tier_hits.append((rule, amount))
                continue
            if not amount:
                continue
            if rule.kind == "deduct":
                deducted += amount
                trail.append(f"− {how} ({rule.fact})")
            else:
                gained += amount
                trail.append(f"+ {how}" + (f" ({rule.fact})" if rule.fact else ""))
            parts.append(RulePart(kind=rule.kind, name=rule.fact, amount=fmt(amount) or "0"))
        if tier_hits:
            chosen = [max(tier_hits, key=lambda hit: hit[1])] if tiers == "best" else tier_hits
            for rule, amount in chosen:
                gained += amount
                parts.append(RulePart(kind="tier", name=rule.name, amount=fmt(amount) or "0"))
                trail.append(f"+ tier {rule.name}: {self.test_text(rule.test, year, unit) if rule.test else ''} → {fmt(amount)}")
        positive = any(r.kind in ("when", "add", "ratio", "tier") for r in rules)
        return gained, deducted, positive, parts, trail, lacking

    def score_item(self, item: ItemDef, year: int, index: int, unit: str, depth: int = 0) -> tuple[ItemScore, list[str]]:
        """An item's score within [0, max], with its breakdown, and the facts or records it lacks."""
        result = ItemScore(id=item.id, title=item.title, max=item.max, status="not_applicable")
        if item.applies is not None and unit not in item.applies:
            return result, []
        period = self.period_name(year, index)
        top = Decimal(item.max)
        indent = "  " * (depth + 1)
        if item.base == "recorded" and item.shares:  # each scorer records the item; their shares blend the points
            shared = [(scorer, Decimal(share), self.data.scores.get((year, index, unit, f"{ITEM_KEY}{item.id}/{scorer}")))
                      for scorer, share in zip(item.scorers, item.shares)]
            absent = [f"{item.id}/{scorer}" for scorer, _share, v in shared if v is None]
            if absent:
                result.status = "no_data"
                return result, absent
            blended = sum((share * v for _s, share, v in shared if v is not None), ZERO)
            terms = " + ".join(f"{scorer} {fmt(v)} × {percent_text(share)}" for scorer, share, v in shared)
            result.status, result.score = "ok", fmt(blended)
            self.say(unit, f"{period}{indent}{item.id}: recorded {terms} = {fmt(blended)}")
            return result, []
        if item.base == "recorded":
            value = self.data.scores.get((year, index, unit, ITEM_KEY + item.id))
            if value is None:
                result.status = "no_data"
                return result, [item.id]
            result.status, result.score = "ok", fmt(value)
            self.say(unit, f"{period}{indent}{item.id}: recorded {fmt(value)}/{item.max}")
            return result, []
        lacking: list[str] = []
        children = [self.score_item(child, year, index, unit, depth + 1) for child in item.items]
        result.items = [c for c, _m in children]
        for _c, missing in children:
            lacking.extend(missing)
        gained, deducted, positive, parts, trail, missing = self.combine(item.rules, item.tiers, top, year, unit, False)
        lacking.extend(missing)
        result.parts = parts
        if lacking:
            result.status = "no_data"
            return result, lacking
        from_children = sum((Decimal(c.score) for c in result.items if c.score is not None), ZERO)
        base = from_children + gained if (item.items or positive) else top
        raw = base - deducted
        score = min(max(raw, ZERO), top)
        result.status, result.score = "ok", fmt(score)
        start = (f"{fmt(from_children)} (sub-items)" if item.items else "") if (item.items or positive) else f"{item.max} (full marks)"
        steps = " ".join(trail)
        if not start:
            steps = steps.removeprefix("+ ")
        if not start and not steps:
            steps = "no rule met"
        clamp = f" → kept within 0–{item.max}: {fmt(score)}" if score != raw else ""
        self.say(unit, f"{period}{indent}{item.id}: " + f"{start} {steps}".strip() + f" = {fmt(raw)}{clamp}")
        return result, lacking

    def stage_amount(self, stage: StageDef, year: int, unit: str) -> tuple[Decimal, str]:
        """A bonus's or penalty's amount within [0, cap]: its facts without data count as not occurred."""
        gained, deducted, _positive, _parts, trail, _lacking = self.combine(stage.rules, stage.tiers, None, year, unit, True)
        amount = max(gained - deducted, ZERO)
        how = " ".join(trail) + f" = {fmt(amount)}"
        if stage.cap is not None and amount > Decimal(stage.cap):
            amount = Decimal(stage.cap)
            how += f", capped at {stage.cap}"
        return amount, how.lstrip("+ ")

    def rank_group(self, group: GroupDef, scores: dict[str, Decimal]) -> dict[str, int]:
        present = [(u, scores[u]) for u in group.members if u in scores]
        return rank(present, self.doc.ties)

    # -- one year, step by step (scheme.STEPS) ----------------------------------------

    def year(self, year: int) -> None:
        """Run every step of :data:`targets.scoring.scheme.STEPS` on ``year``, in that order."""
        state = YearState(year)
        for name in STEP_NAMES:
            getattr(self, f"step_{name}")(state)
        self._period_rows.extend(state.period_rows)
        self._annual_rows.append(state.annual_rows)

    def step_period_score(self, state: YearState) -> None:
        for index in range(len(self.doc.periods)):
            state.raws.append(self.period_raw(state.year, index, state))

    def step_blend(self, state: YearState) -> None:
        for index, (raw, rows) in enumerate(state.raws):
            state.finals.append(self.blend(state.year, index, raw, rows))
            state.period_rows.append(rows)

    def step_period_rank(self, state: YearState) -> None:
        for index, (final, rows) in enumerate(zip(state.finals, state.period_rows)):
            period = self.period_name(state.year, index)
            for group in self.doc.groups:
                ranks = self.rank_group(group, final)
                for unit, r in ranks.items():
                    rows[unit].rank = r
                    rows[unit].ranked = len(ranks)
                    if self.doc.every != "year":
                        self.say(unit, f"{period}  rank {r} of {len(ranks)} in {group.id}")
                if ranks and self.doc.every != "year":
                    last = max(ranks.values())
                    lowest = [u for u in group.members if ranks.get(u) == last]
                    for flag in self.doc.flags:
                        if flag.rule != "lowest" or group.id not in flag.applies:
                            continue
                        self.flags.append(FlagHit(flag=flag.id, group=group.id, period=period, units=lowest))
                        for unit in lowest:
                            rows[unit].applied.append(f"flag:{flag.id}")
                            self.say(unit, f"{period}  flag {flag.id}: lowest in {group.id}")

    def _annual_units(self) -> list[tuple[GroupDef | None, str]]:
        """Every unit with an annual row: group members, then (for a scheme without groups) the formulas' members."""
        listed: list[tuple[GroupDef | None, str]] = [(g, u) for g in self.doc.groups for u in g.members]
        if not self.doc.groups and self.doc.every == "year":
            listed += [(None, u) for f in self.doc.formulas for u in f.members]
        return listed

    def step_annual_score(self, state: YearState) -> None:
        year = state.year
        for group, unit in self._annual_units():
            weights = [Decimal(w.weight) for w in group.period_weights] if group else [Decimal(1)]
            row = ScoreRow(group=group.id if group else "", group_title=group.title if group else None, unit=unit,
                           unit_name=self.names.get(unit, unit), period=str(year), status="no_data")
            state.annual_rows[unit] = row
            state.groups[unit] = group
            values = [f.get(unit) for f in state.finals]
            if self.doc.every == "year":
                period_row = state.period_rows[0].get(unit)
                if period_row is not None:  # a yearly scheme's one period is the year: its breakdown goes on the row
                    row.components = period_row.components
                    row.items = period_row.items
                    row.declared_total = period_row.declared_total
                    row.attainable_total = period_row.attainable_total
                    row.items_score = period_row.items_score
                    row.applied = list(period_row.applied)
                if values[0] is None:
                    continue
                value = values[0]
            else:
                if any(v is None for v in values) or len(weights) != len(values):
                    absent = [self.period_name(year, i) for i, v in enumerate(values) if v is None]
                    self.say(unit, f"{year}  no data (no score for {'、'.join(absent)})")
                    continue
                value = sum((w * v for w, v in zip(weights, values) if v is not None), ZERO)
                terms = " + ".join(f"{fmt(v)} × {percent_text(w)}" for w, v in zip(weights, values) if v is not None)
                self.say(unit, f"{year}  annual: {terms} = {fmt(value)}")
            row.raw_score = fmt(value)
            state.annual[unit] = value

    def _groups_of(self, unit: str, state: YearState) -> str | None:
        group = state.groups.get(unit)
        return group.id if group else None

    def step_override(self, state: YearState) -> None:
        year, scale = state.year, Decimal(self.doc.scale)
        for unit in list(state.annual):
            group = self._groups_of(unit, state)
            row = state.annual_rows[unit]
            for override in self.doc.overrides:
                if group not in override.applies and unit not in (override.units or []):
                    continue
                fact_value = self.fact(year, unit, override.when.fact)
                if fact_value is not None and holds(override.when, fact_value):
                    state.annual[unit] = scale
                    row.applied.append(f"override:{override.id}")
                    self.say(unit, f"{year}  override {override.id}: {override.when.fact} {fmt(fact_value)} "
                                   f"{override.when.op} {override.when.value} → full marks {fmt(scale)}")
        for override in self.doc.overrides:
            covered = [u for g in self.doc.groups if g.id in override.applies for u in g.members] + (override.units or [])
            if not any(self.fact(year, u, override.when.fact) is not None for u in covered):
                self.warn("D066", f"override {override.id} is not decided for {year}: no value of {override.when.fact}")

    def step_adjust_annual(self, state: YearState) -> None:
        scale = Decimal(self.doc.scale)
        for unit in list(state.annual):
            group = self._groups_of(unit, state)
            for adjustment in self.doc.adjustments:
                if adjustment.on != "annual" or (group not in adjustment.applies
                                                 and unit not in (adjustment.units or [])):
                    continue
                state.annual[unit] = self.adjust(adjustment.id, adjustment.when, Decimal(adjustment.points), state.year,
                                                 unit, state.annual[unit], scale, state.annual_rows[unit])

    def _stages(self, state: YearState, kind: str) -> None:
        for unit in list(state.annual):
            row = state.annual_rows[unit]
            total = ZERO
            for stage in self.doc.stages:
                if stage.kind != kind or (stage.applies is not None and unit not in stage.applies):
                    continue
                amount, how = self.stage_amount(stage, state.year, unit)
                if amount == 0:
                    continue
                total += amount
                row.stages.append(StageScore(id=stage.id, kind=stage.kind, amount=fmt(amount) or "0"))
                row.applied.append(f"{kind}:{stage.id}")
                self.say(unit, f"{state.year}  {'bonus' if kind == 'bonus' else 'penalty'} {stage.id}: {how}")
            if kind == "bonus" and self.doc.bonus_cap is not None and total > Decimal(self.doc.bonus_cap):
                self.say(unit, f"{state.year}  bonuses {fmt(total)} capped at {self.doc.bonus_cap}")
                total = Decimal(self.doc.bonus_cap)
            if total:
                before = state.annual[unit]
                after = before + total if kind == "bonus" else before - total
                self.say(unit, f"{state.year}  {fmt(before)} {'+' if kind == 'bonus' else '−'} {fmt(total)} = {fmt(after)}")
                state.annual[unit] = after

    def step_bonus(self, state: YearState) -> None:
        for unit, value in state.annual.items():
            state.annual_rows[unit].items_score = fmt(value)
        self._stages(state, "bonus")

    def step_penalty(self, state: YearState) -> None:
        self._stages(state, "penalty")

    def step_bounds(self, state: YearState) -> None:
        if self.doc.bounds == "open":
            return
        scale = Decimal(self.doc.scale)
        for unit, value in state.annual.items():
            bounded = max(value, ZERO)
            if self.doc.bounds == "capped":
                bounded = min(bounded, scale)
            if bounded != value:
                self.say(unit, f"{state.year}  bounds ({self.doc.bounds}): {fmt(value)} → {fmt(bounded)}")
                state.annual[unit] = bounded

    def step_veto(self, state: YearState) -> None:
        for unit in list(state.annual):
            row = state.annual_rows[unit]
            for veto in self.doc.vetoes:
                if veto.applies is not None and unit not in veto.applies:
                    continue
                if not self.test(veto.when, state.year, unit, score=state.annual[unit], missing_false=True):
                    continue
                row.vetoes.append(veto.id)
                row.applied.append(f"veto:{veto.id}")
                self.say(unit, f"{state.year}  veto {veto.id}: {self.test_text(veto.when, state.year, unit, state.annual[unit])}")
                if veto.score is not None:
                    self.say(unit, f"{state.year}  veto {veto.id}: score {fmt(state.annual[unit])} → {veto.score}")
                    state.annual[unit] = Decimal(veto.score)

    def step_annual_rank(self, state: YearState) -> None:
        for unit, value in state.annual.items():
            row = state.annual_rows[unit]
            row.score = fmt(value)
            row.status = "ok"
        for group in self.doc.groups:
            ranks = self.rank_group(group, state.annual)
            state.ranks[group.id] = ranks
            for flag in self.doc.flags:
                if flag.rule != "top" or flag.count is None or group.id not in flag.applies or not ranks:
                    continue
                leaders = [u for u in group.members if u in ranks and ranks[u] <= flag.count]
                self.flags.append(FlagHit(flag=flag.id, group=group.id, period=str(state.year), units=leaders))
                for unit in leaders:
                    state.annual_rows[unit].applied.append(f"flag:{flag.id}")
                    self.say(unit, f"{state.year}  flag {flag.id}: within the first {flag.count} of {group.id}")
            for unit, r in ranks.items():
                state.annual_rows[unit].rank = r
                state.annual_rows[unit].ranked = len(ranks)

    def step_points(self, state: YearState) -> None:
        year = state.year
        for group in self.doc.groups:
            ranks = state.ranks.get(group.id, {})
            weight = Decimal(group.weight) if group.weight is not None else None
            table = self.grade_tables.get(group.ranking.table or "") if group.ranking.method == "grades" else None
            places = quota_places(table, len(ranks)) if table else []
            if table is not None and ranks:
                spread = ", ".join(f"{name} {n}" for name, n in places)
                for unit in ranks:
                    self.say(unit, f"{year}  quotas of {table.id} for {len(ranks)} units "
                                   f"({table.rounding}, {table.quota_method}): {spread}")
            for unit in group.members:
                if unit not in ranks:
                    continue
                row = state.annual_rows[unit]
                r = ranks[unit]
                self.say(unit, f"{year}  rank {r} of {len(ranks)} in {group.id}")
                share: Decimal | None = None
                if group.ranking.method == "rank_points":
                    rank_table = self.rank_tables[group.ranking.table or ""]
                    share = Decimal(rank_table.shares[r - 1]) if r <= len(rank_table.shares) else ZERO
                    where = f"{rank_table.id}[{r}]"
                elif table is not None:
                    row.grade = grade_for_rank(table, places, r)
                    share = next(Decimal(g.share) for g in table.grades if g.name == row.grade)
                    where = f"grade {row.grade}"
                if share is None or weight is None:
                    continue
                state.points[unit] = weight * share
                self.say(unit, f"{year}  points: {where} {percent_text(share)} × {fmt(weight)} = {fmt(weight * share)}")

    def step_band(self, state: YearState) -> None:
        if not self.doc.bands:
            return
        for unit, value in state.annual.items():
            row = state.annual_rows[unit]
            band = next((b for b in self.doc.bands if value >= Decimal(b.low)), self.doc.bands[-1])
            row.band = band.name
            grade = band.name
            if row.grade is not None:  # under quotas too: the lower of the two
                order = self._grade_order(state, unit)
                if order.index(row.grade) > order.index(band.name) if band.name in order and row.grade in order else False:
                    grade = row.grade
            self.say(unit, f"{state.year}  band: {fmt(value)} ≥ {band.low} → {band.name}"
                           + (f" ({band.words})" if band.words else "")
                           + (f"; quota grade {row.grade} → {grade}" if row.grade is not None and row.grade != band.name else ""))
            row.grade = grade

    def _grade_order(self, state: YearState, unit: str) -> list[str]:
        """Grades best first: the bands', then any of the unit's grade table not among them."""
        order = [b.name for b in self.doc.bands]
        group = state.groups.get(unit)
        table = self.grade_tables.get(group.ranking.table or "") if group and group.ranking.method == "grades" else None
        if table is not None:
            order += [g.name for g in table.grades if g.name not in order]
        return order

    def step_veto_grade(self, state: YearState) -> None:
        for unit in list(state.annual):
            row = state.annual_rows[unit]
            for veto_id in row.vetoes:
                veto = next(v for v in self.doc.vetoes if v.id == veto_id)
                order = self._grade_order(state, unit)
                if veto.grade is not None:
                    if row.grade != veto.grade:
                        self.say(unit, f"{state.year}  veto {veto.id}: grade {row.grade or '—'} → {veto.grade}")
                    row.grade = veto.grade
                elif veto.bar is not None and row.grade is not None and order and veto.bar in order:
                    barred = order.index(veto.bar)
                    if order.index(row.grade) <= barred and barred + 1 < len(order):
                        self.say(unit, f"{state.year}  veto {veto.id}: not {veto.bar} → {order[barred + 1]}")
                        row.grade = order[barred + 1]
                if veto.grade is not None and self.grade_share(state, unit, veto.grade) is not None:
                    state.points[unit] = self.grade_share(state, unit, veto.grade) or ZERO

    def grade_share(self, state: YearState, unit: str, grade: str) -> Decimal | None:
        """The points a grade earns under the unit's group's grade table (None without one)."""
        group = state.groups.get(unit)
        if group is None or group.weight is None or group.ranking.method != "grades":
            return None
        table = self.grade_tables.get(group.ranking.table or "")
        share = next((Decimal(g.share) for g in table.grades if g.name == grade), None) if table else None
        return None if share is None else Decimal(group.weight) * share

    def step_adjust_points(self, state: YearState) -> None:
        for group in self.doc.groups:
            weight = Decimal(group.weight) if group.weight is not None else None
            for unit in group.members:
                if unit not in state.points or weight is None:
                    continue
                points = state.points[unit]
                for adjustment in self.doc.adjustments:
                    if adjustment.on != "points" or (group.id not in adjustment.applies
                                                     and unit not in (adjustment.units or [])):
                        continue
                    points = self.adjust(adjustment.id, adjustment.when, Decimal(adjustment.points), state.year, unit,
                                         points, weight, state.annual_rows[unit])
                state.annual_rows[unit].points = fmt(points)

    def adjust(self, ident: str, when: ConditionDef, delta: Decimal, year: int, unit: str, value: Decimal,
               ceiling: Decimal, row: ScoreRow) -> Decimal:
        fact_value = self.fact(year, unit, when.fact)
        if fact_value is None:
            self.warn("D066", f"adjustment {ident} is not decided for {self.label(unit)} in {year}: no value of {when.fact}")
            self.say(unit, f"{year}  adjustment {ident}: not decided (no {when.fact})")
            return value
        if not holds(when, fact_value):
            return value  # a step that did not act is not part of the trail
        adjusted = min(max(value + delta, ZERO), ceiling)
        clamp = "" if adjusted == value + delta else f" (kept within 0–{fmt(ceiling)})"
        self.say(unit, f"{year}  adjustment {ident}: {when.fact} {fmt(fact_value)} {when.op} {when.value} → "
                       f"{fmt(value)} {'+' if delta >= 0 else '−'} {fmt(abs(delta))} = {fmt(adjusted)}{clamp}")
        row.applied.append(f"adjust:{ident}")
        return adjusted

    def run(self) -> Outcome:
        years = sorted(self.data.years)
        for year in years:
            self.year(year)
        # one row per unit per period, then the annual row; groups and members in declared order
        per_year = len(self.doc.periods)
        for year_index, _year in enumerate(years):
            period_block = self._period_rows[year_index * per_year : (year_index + 1) * per_year]
            annual_rows = self._annual_rows[year_index]
            for group in self.doc.groups:
                for unit in group.members:
                    if self.doc.every != "year":
                        for rows in period_block:
                            if unit in rows:
                                self.rows.append(rows[unit])
                    self.rows.append(annual_rows[unit])
            # units a formula scores but no group ranks (V024 reports it when the scheme has groups): periods only,
            # or, in a yearly scheme without groups (a rubric), the annual row
            for formula in self.doc.formulas:
                for unit in formula.members:
                    if unit in self.group_of:
                        continue
                    if unit in annual_rows:
                        self.rows.append(annual_rows[unit])
                    else:
                        self.rows.extend(rows[unit] for rows in period_block if unit in rows)
        report = ScoreReport(plan=self.doc.plan, scoring=self.doc.id, title=self.doc.title, years=years,
                             rows=self.rows, flags=self.flags)
        return Outcome(report, self.trails, self.diagnostics)


def score(doc: ScoringDoc, data: ScoreData) -> Outcome:
    """Score every year present in ``data`` under ``doc``."""
    with localcontext() as context:
        context.prec = EXACT_DIGITS
        return Engine(doc, data).run()


# ---- completion scores -----------------------------------------------------------


def completion(doc: ScoringDoc, data: StatusData) -> Outcome:
    """The completion score: Σ points × the credit of the metric's status (the lowest, when a metric has several checks)."""
    with localcontext() as context:
        context.prec = EXACT_DIGITS
        return _completion(doc, data)


def _completion(doc: ScoringDoc, data: StatusData) -> Outcome:
    assert doc.completion is not None
    credits = {c.status: Decimal(c.share) for c in doc.completion.credits}
    other = Decimal(doc.completion.other_status_share)
    rows: list[CompletionRow] = []
    trails: dict[str, list[str]] = {}
    diagnostics: list[Diagnostic] = []
    total = ZERO
    complete = True
    for item in doc.completion.items:
        statuses = data.statuses.get(item.metric)
        points = Decimal(item.points)
        trail = trails.setdefault(item.metric, [])
        if not statuses:
            complete = False
            diagnostics.append(make("D073", f"{data.display}: metric {item.metric} has no status; it earns nothing and is shown as no data", None))
            rows.append(CompletionRow(metric=item.metric, name=item.name, status=None, points=item.points, share=None, earned=None))
            trail.append(f"{item.metric}: no data")
            continue
        shares = []
        for status in statuses:
            if status not in credits:
                diagnostics.append(make("D072", f"{data.display}: status `{status}` of {item.metric} has no credit; it earns {fmt(other)}", None))
            shares.append(credits.get(status, other))
        share = min(shares)
        status = statuses[shares.index(share)]
        earned = points * share
        total += earned
        trail.append(f"{item.metric}: {status} → {percent_text(share)} × {fmt(points)} = {fmt(earned)}")
        rows.append(CompletionRow(metric=item.metric, name=item.name, status=status, points=item.points,
                                  share=fmt(share), earned=fmt(earned)))
    result = CompletionResult(rows=rows, score=fmt(total) or "0", scale=doc.completion.total, complete=complete)
    report = ScoreReport(plan=doc.plan, scoring=doc.id, title=doc.title, years=[], rows=[], flags=[], completion=result)
    return Outcome(report, trails, diagnostics)
