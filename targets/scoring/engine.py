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
    ScoreReport,
    ScoreRow,
    ScoringDoc,
)

ZERO = Decimal(0)
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

    def period_scores(self, year: int, index: int) -> tuple[dict[str, Decimal], dict[str, Decimal], dict[str, ScoreRow]]:
        period = self.period_name(year, index)
        raw: dict[str, Decimal] = {}
        rows: dict[str, ScoreRow] = {}
        empty: list[str] = []
        for formula in self.doc.formulas:
            for unit in formula.members:
                group = self.group_of.get(unit)
                values = [(c, self.data.scores.get((year, index, unit, c.evaluator))) for c in formula.components]
                row = ScoreRow(
                    group=group.id if group else "", group_title=group.title if group else None, unit=unit,
                    unit_name=self.names.get(unit, unit), period=period, status="no_data",
                    components=[ComponentScore(evaluator=c.evaluator, value=fmt(v), max=c.max) for c, v in values],
                )
                rows[unit] = row
                missing = [c.evaluator for c, v in values if v is None]
                if len(missing) == len(values):
                    empty.append(unit)
                    self.say(unit, f"{period}  no data (no evaluator scored it)")
                    continue
                if missing:
                    self.warn("D065", f"{self.label(unit)} in {period} lacks the scores of {'、'.join(missing)}; the period is no data")
                    self.say(unit, f"{period}  no data (missing: {'、'.join(missing)})")
                    continue
                total = sum((v for _c, v in values if v is not None), ZERO)
                terms = " + ".join(f"{c.evaluator} {fmt(v)}/{c.max}" for c, v in values)
                self.say(unit, f"{period}  {terms} = {fmt(total)}")
                raw[unit] = total
                row.raw_score = fmt(total)
        if empty:
            shown = "、".join(self.label(u) for u in empty[:8]) + (f" and {len(empty) - 8} more" if len(empty) > 8 else "")
            self.warn("D064", f"no scores for {period} for {len(empty)} unit{'s' if len(empty) != 1 else ''}: {shown}; shown as no data, not zero")
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
        return raw, final, rows

    def rank_group(self, group: GroupDef, scores: dict[str, Decimal]) -> dict[str, int]:
        present = [(u, scores[u]) for u in group.members if u in scores]
        return rank(present, self.doc.ties)

    # -- one year -----------------------------------------------------------------

    def year(self, year: int) -> None:
        finals: list[dict[str, Decimal]] = []
        period_rows: list[dict[str, ScoreRow]] = []
        for index in range(len(self.doc.periods)):
            _raw, final, rows = self.period_scores(year, index)
            period = self.period_name(year, index)
            for group in self.doc.groups:
                ranks = self.rank_group(group, final)
                for unit, r in ranks.items():
                    rows[unit].rank = r
                    rows[unit].ranked = len(ranks)
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
            finals.append(final)
            period_rows.append(rows)
        annual_rows: dict[str, ScoreRow] = {}
        annual: dict[str, Decimal] = {}
        scale = Decimal(self.doc.scale)
        for group in self.doc.groups:
            weights = [Decimal(w.weight) for w in group.period_weights]
            for unit in group.members:
                row = ScoreRow(group=group.id, group_title=group.title, unit=unit, unit_name=self.names.get(unit, unit),
                               period=str(year), status="no_data")
                annual_rows[unit] = row
                values = [f.get(unit) for f in finals]
                if self.doc.every == "year":
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
                for override in self.doc.overrides:
                    if group.id not in override.applies:
                        continue
                    fact_value = self.fact(year, unit, override.when.fact)
                    if fact_value is None:
                        continue
                    if holds(override.when, fact_value):
                        value = scale
                        row.applied.append(f"override:{override.id}")
                        self.say(unit, f"{year}  override {override.id}: {override.when.fact} {fmt(fact_value)} "
                                       f"{override.when.op} {override.when.value} → full marks {fmt(scale)}")
                for adjustment in self.doc.adjustments:
                    if adjustment.on != "annual" or group.id not in adjustment.applies:
                        continue
                    value = self.adjust(adjustment.id, adjustment.when, Decimal(adjustment.points), year, unit, value, scale, row)
                annual[unit] = value
                row.score = fmt(value)
                row.status = "ok"
        for override in self.doc.overrides:
            if not any(self.fact(year, u, override.when.fact) is not None for g in self.doc.groups
                       if g.id in override.applies for u in g.members):
                self.warn("D066", f"override {override.id} is not decided for {year}: no value of {override.when.fact}")
        for group in self.doc.groups:
            ranks = self.rank_group(group, annual)
            for flag in self.doc.flags:
                if flag.rule != "top" or flag.count is None or group.id not in flag.applies or not ranks:
                    continue
                leaders = [u for u in group.members if u in ranks and ranks[u] <= flag.count]
                self.flags.append(FlagHit(flag=flag.id, group=group.id, period=str(year), units=leaders))
                for unit in leaders:
                    annual_rows[unit].applied.append(f"flag:{flag.id}")
                    self.say(unit, f"{year}  flag {flag.id}: within the first {flag.count} of {group.id}")
            weight = Decimal(group.weight) if group.weight is not None else None
            table = self.grade_tables.get(group.ranking.table or "") if group.ranking.method == "grades" else None
            places = quota_places(table, len(ranks)) if table else []
            if table is not None and ranks:
                spread = ", ".join(f"{name} {n}" for name, n in places)
                for unit in ranks:
                    self.say(unit, f"{year}  quotas of {table.id} for {len(ranks)} units "
                                   f"({table.rounding}, {table.quota_method}): {spread}")
            for unit in group.members:
                row = annual_rows[unit]
                if unit not in ranks:
                    continue
                r = ranks[unit]
                row.rank = r
                row.ranked = len(ranks)
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
                points = weight * share
                self.say(unit, f"{year}  points: {where} {percent_text(share)} × {fmt(weight)} = {fmt(points)}")
                for adjustment in self.doc.adjustments:
                    if adjustment.on != "points" or group.id not in adjustment.applies:
                        continue
                    points = self.adjust(adjustment.id, adjustment.when, Decimal(adjustment.points), year, unit, points, weight, row)
                row.points = fmt(points)
        self._period_rows.extend(period_rows)
        self._annual_rows.append(annual_rows)

    def adjust(self, ident: str, when: ConditionDef, delta: Decimal, year: int, unit: str, value: Decimal,
               ceiling: Decimal, row: ScoreRow) -> Decimal:
        fact_value = self.fact(year, unit, when.fact)
        if fact_value is None:
            self.warn("D066", f"adjustment {ident} is not decided for {self.label(unit)} in {year}: no value of {when.fact}")
            self.say(unit, f"{year}  adjustment {ident}: not decided (no {when.fact})")
            return value
        if not holds(when, fact_value):
            self.say(unit, f"{year}  adjustment {ident}: {when.fact} {fmt(fact_value)} is not {when.op} {when.value}; no change")
            return value
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
            # units a formula scores but no group ranks (V024 reports it when the scheme has groups): periods only
            for formula in self.doc.formulas:
                for unit in formula.members:
                    if unit not in self.group_of:
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
