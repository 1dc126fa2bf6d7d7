"""Judging progress: a status and a one-line reason for every check, in exact Decimal arithmetic.

How each kind is judged:

* level, share, increment, pp_change, rank_gain: the latest value against the target; before the
  due date, a value already at the target is `met` for a cumulative target (≥, >), and otherwise the
  value is compared with a straight line from the baseline to the target (`on_track` / `at_risk`).
  The baseline is the metric's `base` value, 0 at the start for increments and changes, or else the
  earliest value in the data.
* growth, avg_growth: the reported rate is compared with the target rate directly.
* rank: a smaller place is better.
* boolean: 1 (done) or 0.
* each_year targets: judged year by year; a value within a year is the year-to-date amount, and an
  increment in progress is compared with its share of the year.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from compiler import model as m
from compiler.vocab import decimal_text, holds
from targets.checks.progress import ProgressData, Row
from targets.checks.schema import (
    STATUSES,
    Check,
    ChecksDocument,
    Evaluation,
    Observation,
    OwnerSummary,
    Result,
    Status,
    YearResult,
)

_FIRMNESS_ORDER = {"must": 0, "stated": 1, "strive": 2}
_CUMULATIVE = ("level", "share", "increment", "pp_change", "rank_gain")
_GROWTH = ("growth", "avg_growth")
_STARTS_AT_ZERO = ("increment", "pp_change", "rank_gain", "per_year")
_OP_TEXT = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "=": "=", "~": "≈"}


fmt = decimal_text  # the checks' numbers print as every stage's: 51.01, 1650, 0.7


def _round(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def lower_is_better(check: Check) -> bool:
    if check.op in ("<=", "<"):
        return True
    if check.op in (">=", ">"):
        return False
    return check.kind == "rank"


def satisfies(check: Check, value: Decimal) -> bool:
    if check.value is None:
        return value == 1
    target = Decimal(check.value)
    high = Decimal(check.value_max) if check.value_max is not None else None
    if check.op == "=":
        # 达到: reaching the value (at most, for a rank); a range is reached at its lower end
        return value <= target if check.kind == "rank" else value >= target
    return holds(check.op, value, target, high)


def target_text(check: Check) -> str:
    if check.value is None:
        return "done"
    unit = check.unit or ""
    value = check.value + (f"~{check.value_max}" if check.value_max else "")
    return f"{_OP_TEXT[check.op]} {value}{unit}"


def _q(value: Decimal, check: Check) -> str:
    return f"{fmt(value)}{check.unit or ''}"


def _year_end(year: int) -> dt.date:
    return dt.date(year, 12, 31)


def baseline(check: Check, rows: list[Row]) -> tuple[dt.date, Decimal, str] | None:
    """The start of the trajectory: (date, value, how it was found)."""
    if check.base_value is not None and check.base_year is not None:
        return _year_end(check.base_year), Decimal(check.base_value), f"base {check.base_value}{check.unit or ''} ({check.base_year})"
    if check.kind in _STARTS_AT_ZERO:
        start_year = check.base_year if check.base_year is not None else check.from_year - 1
        return _year_end(start_year), Decimal(0), f"0 at the end of {start_year}"
    if len(rows) >= 2:
        first = rows[0]
        return first.period.end, first.value, f"first value {_q(first.value, check)} ({first.period.text})"
    return None


def _observation(row: Row) -> Observation:
    return Observation(period=row.period.text, date=row.period.end, value=fmt(row.value))


def _fraction(start: dt.date, point: dt.date, end: dt.date) -> Decimal:
    total = (end - start).days
    if total <= 0:
        return Decimal(1)
    done = min(max((point - start).days, 0), total)
    return Decimal(done) / Decimal(total)


def _judge_once(check: Check, rows: list[Row], as_of: dt.date) -> tuple[Status, str, Row | None, Decimal | None]:
    """A check judged once, by its due date."""
    rows = [r for r in rows if r.period.end <= as_of]
    due = check.due
    if check.kind == "boolean" or check.value is None:
        last = rows[-1] if rows else None
        if last is not None and last.value == 1:
            return "met", f"done ({last.period.text})", last, None
        if as_of >= due:
            if last is None:
                return "no_data", f"due {due.isoformat()}; no value reported", None, None
            return "missed", f"not done by {due.isoformat()} (latest {last.period.text}: not done)", last, None
        if last is None:
            return "not_due", f"due {due.isoformat()}; no value reported yet", None, None
        return "not_due", f"not done yet ({last.period.text}); due {due.isoformat()}", last, None

    target = target_text(check)
    if as_of >= due:
        judged = [r for r in rows if r.period.start <= due]
        if not judged:
            return "no_data", f"due {due.isoformat()}, target {target}; no value reported", None, None
        last = judged[-1]
        if last.period.end.year < due.year:
            return ("no_data", f"due {due.isoformat()}, target {target}; no value for {due.year} "
                    f"(latest {last.period.text}: {_q(last.value, check)})", last, None)
        if satisfies(check, last.value):
            return "met", f"{last.period.text}: {_q(last.value, check)}, target {target}", last, None
        return "missed", f"{last.period.text}: {_q(last.value, check)}, target {target} by {due.isoformat()}", last, None

    if not rows:
        return "not_due", f"due {due.isoformat()}, target {target}; no value reported yet", None, None
    last = rows[-1]
    now = f"{last.period.text}: {_q(last.value, check)}"
    if check.kind in _GROWTH:
        if satisfies(check, last.value):
            return "on_track", f"{now} growth, at the target {target} (due {due.isoformat()})", last, None
        return "at_risk", f"{now} growth, below the target {target} (due {due.isoformat()})", last, None
    if satisfies(check, last.value) and check.kind in _CUMULATIVE and check.op in (">=", ">", "="):
        return "met", f"{now}, already at the target {target} (due {due.isoformat()})", last, None
    found = baseline(check, rows)
    if found is None:
        if satisfies(check, last.value):
            return "on_track", f"{now}, within the target {target} (due {due.isoformat()})", last, None
        return ("not_due", f"{now}; due {due.isoformat()}, target {target}; no baseline to draw a trajectory "
                "(add `base YEAR VALUE` to the metric)", last, None)
    start, start_value, how = found
    goal = Decimal(check.value)
    if check.op == "~" and check.value_max is not None:
        goal = (goal + Decimal(check.value_max)) / 2
    expected = start_value + (goal - start_value) * _fraction(start, last.period.end, due)
    lower = lower_is_better(check) if check.op != "~" else goal < start_value
    ahead = last.value <= expected if lower else last.value >= expected
    path = f"path from {how} to {target} by {due.isoformat()} expects {_q(_round(expected), check)}"
    if ahead:
        return "on_track", f"{now}; {path}", last, expected
    return "at_risk", f"{now}, behind: {path}", last, expected


def _judge_yearly(check: Check, rows: list[Row], as_of: dt.date) -> tuple[Status, str, Row | None, list[YearResult]]:
    """An each_year target judged per year; a value within a year is the year-to-date amount."""
    target = target_text(check)
    years: list[YearResult] = []
    notes: list[str] = []
    last_used: Row | None = None
    pro_rata = check.kind not in _GROWTH and check.kind != "rank" and check.value is not None
    for year in range(check.from_year, check.until_year + 1):
        start, end = dt.date(year, 1, 1), _year_end(year)
        in_year = [r for r in rows if r.period.start >= start and r.period.end <= end and r.period.end <= as_of]
        latest = in_year[-1] if in_year else None
        if latest is not None:
            last_used = latest
        if as_of >= end:
            if latest is None:
                years.append(YearResult(year=year, status="no_data"))
                notes.append(f"{year} no value")
            elif latest.period.end != end:
                years.append(YearResult(year=year, status="no_data", value=fmt(latest.value)))
                notes.append(f"{year} only to {latest.period.text}")
            elif satisfies(check, latest.value):
                years.append(YearResult(year=year, status="met", value=fmt(latest.value)))
                notes.append(f"{year} {_q(latest.value, check)} ✓")
            else:
                years.append(YearResult(year=year, status="missed", value=fmt(latest.value)))
                notes.append(f"{year} {_q(latest.value, check)} ✗")
        elif as_of >= start:
            if latest is None:
                years.append(YearResult(year=year, status="not_due"))
                notes.append(f"{year} no value yet")
                continue
            if pro_rata and check.op in (">=", ">") and check.value is not None:
                share = _fraction(start - dt.timedelta(days=1), latest.period.end, end)
                expected = Decimal(check.value) * share
                good = latest.value >= expected
                notes.append(f"{year} to {latest.period.text} {_q(latest.value, check)} "
                             f"(pro rata {_q(_round(expected), check)}) {'✓' if good else '✗'}")
            else:
                good = satisfies(check, latest.value)
                notes.append(f"{year} to {latest.period.text} {_q(latest.value, check)} {'✓' if good else '✗'}")
            years.append(YearResult(year=year, status="on_track" if good else "at_risk", value=fmt(latest.value)))
        else:
            years.append(YearResult(year=year, status="not_due"))
    statuses = [y.status for y in years]
    if "missed" in statuses:
        status: Status = "missed"
    elif "no_data" in statuses:
        status = "no_data"
    elif "at_risk" in statuses:
        status = "at_risk"
    elif statuses and all(s == "met" for s in statuses):
        status = "met"
    elif any(s in ("met", "on_track") for s in statuses):
        status = "on_track"
    else:
        status = "not_due"
    summary = "; ".join(notes) if notes else f"first year {check.from_year}"
    return status, f"{target} each year {check.from_year}–{check.until_year}: {summary}", last_used, years


def judge(check: Check, rows: list[Row], as_of: dt.date) -> Result:
    years: list[YearResult] = []
    expected: Decimal | None = None
    if check.each_year:
        status, reason, row, years = _judge_yearly(check, rows, as_of)
    else:
        status, reason, row, expected = _judge_once(check, rows, as_of)
    return Result(
        check=check.id,
        metric=check.metric,
        metric_name=check.metric_name,
        kind=check.kind,
        firmness=check.firmness,
        op=check.op,
        value=check.value,
        value_max=check.value_max,
        unit=check.unit,
        due=check.due,
        status=status,
        reason=reason,
        observed=_observation(row) if row is not None else None,
        expected=fmt(_round(expected)) if expected is not None else None,
        years=years,
        owners=list(check.owners),
    )


def default_as_of(data: ProgressData, checks: ChecksDocument) -> dt.date:
    """Without --as-of: the end of the latest period in the data (deterministic), else the plan's start."""
    if data.rows:
        return max(r.period.end for r in data.rows)
    return checks.period.start


def evaluate(plan: m.Plan, checks: ChecksDocument, data: ProgressData, as_of: dt.date) -> Evaluation:
    rows = data.by_metric()
    order = {c.id: i for i, c in enumerate(checks.checks)}
    results = [judge(check, rows.get(check.metric, []), as_of) for check in checks.checks]
    results.sort(key=lambda r: (STATUSES.index(r.status), _FIRMNESS_ORDER[r.firmness], order[r.check]))
    counts: dict[str, int] = {status: sum(1 for r in results if r.status == status) for status in STATUSES}
    summaries: dict[str, OwnerSummary] = {}
    for unit in plan.units:
        summaries[unit.id] = OwnerSummary(unit=unit.id, name=unit.name)
    unowned = OwnerSummary(unit="", name="(no owner)")
    for result in results:
        holders = [summaries[o] for o in result.owners if o in summaries] or [unowned]
        for holder in holders:
            holder.total += 1
            if result.status == "missed":
                holder.missed.append(result.check)
            elif result.status == "at_risk":
                holder.at_risk.append(result.check)
    position = {u.id: i for i, u in enumerate(plan.units)}
    owners = [s for s in summaries.values() if s.total]
    owners.sort(key=lambda s: (-len(s.missed), -len(s.at_risk), position.get(s.unit, 0)))
    if unowned.total:
        owners.append(unowned)
    return Evaluation(
        plan=plan.id,
        title=plan.title,
        as_of=as_of,
        data=data.path,
        counts=counts,
        results=results,
        owners=owners,
    )
