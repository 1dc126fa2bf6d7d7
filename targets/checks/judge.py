"""Judging progress: a status and a one-line reason for every check, in exact Decimal arithmetic.

How each kind is judged:

* level, share, increment, pp_change, rank_gain: the latest value against the target; before the
  due date, a value already at the target is `met` for a cumulative target (≥, >), and otherwise the
  value is compared with a straight line from the baseline to the target (`on_track` / `at_risk`).
  The baseline is the metric's `base` value, 0 at the start for increments and changes, or else the
  earliest value in the data.
* growth: the reported rate is compared with the target rate directly.
* avg_growth (年均增长): the compound average of the full-year rates from the year after the base
  year (the metric's base year, else the year before the first year) to the latest full year,
  ((1+r1)(1+r2)…(1+rn))^(1/n) − 1; judged at the due date only when every year has a rate.
* a range (1~2个) holds when the value lies within [min, max]; 左右 (`~`) holds within
  APPROX_TOLERANCE of the target.
* after the due date only a value whose period ends on or after the due date is the value of the
  due period; an earlier one (a half-year value) gives no_data, unless a cumulative ≥ target was
  already reached by it.
* rank: a smaller place is better.
* boolean: 1 (done) or 0.
* each_year targets: judged year by year; a value within a year is the year-to-date amount, and an
  increment in progress is compared with its share of the year.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from compiler import model as m
from compiler.vocab import APPROX_TOLERANCE, decimal_text, holds
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
_OP_TEXT = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "=": "≥", "~": "≈"}
_OP_TEXT_RANK = {**_OP_TEXT, "=": "≤"}


fmt = decimal_text  # the checks' numbers print as every stage's: 51.01, 1650, 0.7


def _round(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _say(lang: str, zh: str, en: str) -> str:
    return zh if lang == "zh" else en


def is_range(check: Check) -> bool:
    """A range target (1~2个): judged within [min, max] unless written as an upper bound."""
    return check.value_max is not None and check.op not in ("<=", "<")


def is_open_floor(check: Check) -> bool:
    """A target reached once the value is at or above it, for good (≥, >, 达到), and not a range."""
    return check.op in (">=", ">", "=") and check.value_max is None and check.kind != "rank"


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
    if is_range(check) and high is not None:
        return target <= value <= high
    if check.op == "=":
        # 达到: reaching the value (at most, for a rank)
        return value <= target if check.kind == "rank" else value >= target
    return holds(check.op, value, target, high)


def target_text(check: Check, lang: str = "zh") -> str:
    """The target as a reader writes it: ≥ 1650家, 1~2个, ≈ 45%, 年均增长 ≥ 8%."""
    if check.value is None:
        return _say(lang, "完成", "done")
    unit = check.unit or ""
    if is_range(check):
        text = f"{check.value}~{check.value_max}{unit}"
    else:
        ops = _OP_TEXT_RANK if check.kind == "rank" else _OP_TEXT
        text = f"{ops[check.op]} {check.value_max if check.op in ('<=', '<') and check.value_max else check.value}{unit}"
    if check.kind == "avg_growth":
        return _say(lang, f"年均增长 {text}", f"average growth {text}")
    if check.kind == "growth":
        return _say(lang, f"增长 {text}", f"growth {text}")
    return text


def _q(value: Decimal, check: Check) -> str:
    return f"{fmt(value)}{check.unit or ''}"


def _year_end(year: int) -> dt.date:
    return dt.date(year, 12, 31)


def baseline(check: Check, rows: list[Row], lang: str = "zh") -> tuple[dt.date, Decimal, str] | None:
    """The start of the trajectory: (date, value, how it was found)."""
    unit = check.unit or ""
    if check.base_value is not None and check.base_year is not None:
        return (_year_end(check.base_year), Decimal(check.base_value),
                _say(lang, f"{check.base_year}年基数（{check.base_value}{unit}）", f"base {check.base_value}{unit} ({check.base_year})"))
    if check.kind in _STARTS_AT_ZERO:
        start_year = check.base_year if check.base_year is not None else check.from_year - 1
        return _year_end(start_year), Decimal(0), _say(lang, f"{start_year}年末（0）", f"0 at the end of {start_year}")
    if len(rows) >= 2:
        first = rows[0]
        return (first.period.end, first.value,
                _say(lang, f"{first.period.text}的首个数值（{_q(first.value, check)}）", f"first value {_q(first.value, check)} ({first.period.text})"))
    return None


def _observation(row: Row) -> Observation:
    return Observation(period=row.period.text, date=row.period.end, value=fmt(row.value))


def _fraction(start: dt.date, point: dt.date, end: dt.date) -> Decimal:
    total = (end - start).days
    if total <= 0:
        return Decimal(1)
    done = min(max((point - start).days, 0), total)
    return Decimal(done) / Decimal(total)


class _Verdict:
    """What judging one check found, beyond its status and reason."""

    def __init__(self) -> None:
        self.row: Row | None = None
        self.expected: Decimal | None = None
        self.baseline: Decimal | None = None
        self.average: Decimal | None = None
        self.rates: list[YearResult] = []
        self.years: list[YearResult] = []


def compound_average(rates: list[Decimal]) -> Decimal:
    """The average yearly rate (in %) of consecutive yearly rates (in %): ((1+r1)…(1+rn))^(1/n) − 1."""
    product = Decimal(1)
    for rate in rates:
        product *= 1 + rate / 100
    if product <= 0:
        return Decimal(-100)
    return (product ** (Decimal(1) / Decimal(len(rates))) - 1) * 100


def _judge_avg_growth(check: Check, rows: list[Row], as_of: dt.date, lang: str, v: _Verdict) -> tuple[Status, str]:
    """Average growth over the years it averages: full-year rates from the year after the base year."""
    target = target_text(check, lang)
    first_year = (check.base_year + 1) if check.base_year is not None else check.from_year
    last_year = check.due.year
    full = {r.period.start.year: r for r in rows
            if r.period.end <= as_of and r.period.end == _year_end(r.period.end.year)
            and r.period.start <= dt.date(r.period.end.year, 1, 1) and first_year <= r.period.end.year <= last_year}
    years = sorted(full)
    v.rates = [YearResult(year=y, status="met" if satisfies(check, full[y].value) else "missed", value=fmt(full[y].value))
               for y in years]
    due = check.due.isoformat()
    shown = "，".join(f"{y}年 {_q(full[y].value, check)}" for y in years) if lang == "zh" else \
        ", ".join(f"{y} {_q(full[y].value, check)}" for y in years)
    if not years:
        if as_of >= check.due:
            return "no_data", _say(lang, f"{due}到期，目标{target}；无{first_year}–{last_year}年的全年增速",
                                   f"due {due}, target {target}; no full-year rate for {first_year}–{last_year}")
        return "not_due", _say(lang, f"{due}到期，目标{target}；尚无全年增速", f"due {due}, target {target}; no full-year rate yet")
    v.row = full[years[-1]]
    missing = [y for y in range(first_year, years[-1] + 1) if y not in full]
    average = compound_average([full[y].value for y in years])
    v.average = average
    avg = _q(_round(average), check)
    span_zh = f"{years[0]}–{years[-1]}年" if len(years) > 1 else f"{years[0]}年"
    span_en = f"{years[0]}–{years[-1]}" if len(years) > 1 else f"{years[0]}"
    if len(years) == 1:
        text = _say(lang, f"{shown}，目标{target}", f"{shown}, target {target}")
    else:
        text = _say(lang, f"{span_zh}年均 {avg}（{shown}），目标{target}", f"{span_en} average {avg} ({shown}), target {target}")
    if missing:
        gap = "、".join(str(y) for y in missing)
        text += _say(lang, f"；缺{gap}年全年增速", f"; no full-year rate for {', '.join(str(y) for y in missing)}")
    if as_of >= check.due:
        if missing or years[-1] < last_year:
            tail = _say(lang, f"；{due}到期，缺{last_year}年全年增速" if years[-1] < last_year else "",
                        f"; due {due}, no full-year rate for {last_year}" if years[-1] < last_year else "")
            return "no_data", text + tail
        return ("met" if satisfies(check, average) else "missed"), text
    if satisfies(check, average):
        return "on_track", text + _say(lang, f"（{due}到期）", f" (due {due})")
    return "at_risk", text + _say(lang, f"，低于目标（{due}到期）", f", below the target (due {due})")


def _judge_once(check: Check, rows: list[Row], as_of: dt.date, lang: str, v: _Verdict) -> tuple[Status, str]:
    """A check judged once, by its due date."""
    rows = [r for r in rows if r.period.end <= as_of]
    due = check.due
    due_text = due.isoformat()
    if check.kind == "boolean" or check.value is None:
        last = rows[-1] if rows else None
        v.row = last
        if last is not None and last.value == 1:
            return "met", _say(lang, f"已完成（{last.period.text}）", f"done ({last.period.text})")
        if as_of >= due:
            if last is None:
                return "no_data", _say(lang, f"{due_text}到期；未报送数值", f"due {due_text}; no value reported")
            return "missed", _say(lang, f"{due_text}前未完成（最新 {last.period.text}：未完成）",
                                  f"not done by {due_text} (latest {last.period.text}: not done)")
        if last is None:
            return "not_due", _say(lang, f"{due_text}到期；尚未报送数值", f"due {due_text}; no value reported yet")
        v.row = last
        return "not_due", _say(lang, f"尚未完成（{last.period.text}）；{due_text}到期",
                               f"not done yet ({last.period.text}); due {due_text}")
    if check.kind == "avg_growth":
        return _judge_avg_growth(check, rows, as_of, lang, v)

    target = target_text(check, lang)
    if as_of >= due:
        judged = [r for r in rows if r.period.start <= due]
        if not judged:
            return "no_data", _say(lang, f"{due_text}到期，目标{target}；未报送数值", f"due {due_text}, target {target}; no value reported")
        last = judged[-1]
        v.row = last
        now = _say(lang, f"{last.period.text}：{_q(last.value, check)}", f"{last.period.text}: {_q(last.value, check)}")
        if last.period.end < due:
            # a value of a period ending before the due date is not the due period's value: a half-year
            # growth rate is not the year's, and a level reached earlier may have fallen back since
            return ("no_data", _say(lang, f"{due_text}到期，目标{target}；无截至{due_text}的数值（最新 {now}）",
                                    f"due {due_text}, target {target}; no value to {due_text} (latest {now})"))
        if satisfies(check, last.value):
            return "met", _say(lang, f"{now}，目标{target}", f"{now}, target {target}")
        return "missed", _say(lang, f"{now}，目标{target}，{due_text}到期", f"{now}, target {target} by {due_text}")

    if not rows:
        return "not_due", _say(lang, f"{due_text}到期，目标{target}；尚未报送数值", f"due {due_text}, target {target}; no value reported yet")
    last = rows[-1]
    v.row = last
    now = _say(lang, f"{last.period.text}：{_q(last.value, check)}", f"{last.period.text}: {_q(last.value, check)}")
    due_note = _say(lang, f"（{due_text}到期）", f" (due {due_text})")
    if check.kind == "growth":
        if satisfies(check, last.value):
            return "on_track", _say(lang, f"{now}，达到目标{target}{due_note}", f"{now}, at the target {target}{due_note}")
        return "at_risk", _say(lang, f"{now}，低于目标{target}{due_note}", f"{now}, below the target {target}{due_note}")
    if check.kind in _CUMULATIVE and is_open_floor(check) and satisfies(check, last.value):
        return "met", _say(lang, f"{now}，已达到目标{target}{due_note}", f"{now}, already at the target {target}{due_note}")
    if check.op == "~" or is_range(check):
        # an approximate or range target is on track once within it; beyond it, it is off course
        if satisfies(check, last.value):
            return "on_track", _say(lang, f"{now}，在目标{target}范围内{due_note}", f"{now}, within the target {target}{due_note}")
        high = Decimal(check.value_max) if check.value_max is not None else Decimal(check.value) * (1 + APPROX_TOLERANCE)
        if last.value > high:
            return "at_risk", _say(lang, f"{now}，超出目标{target}{due_note}", f"{now}, above the target {target}{due_note}")
    found = baseline(check, rows, lang)
    if found is None:
        if satisfies(check, last.value):
            return "on_track", _say(lang, f"{now}，符合目标{target}{due_note}", f"{now}, within the target {target}{due_note}")
        return ("not_due", _say(lang, f"{now}；{due_text}到期，目标{target}；无基数，无法计算进度（需为该指标补充基数）",
                                f"{now}; due {due_text}, target {target}; no baseline to draw a trajectory "
                                "(add `base YEAR VALUE` to the metric)"))
    start, start_value, how = found
    v.baseline = start_value
    goal = Decimal(check.value)
    if is_range(check) and check.value_max is not None:
        goal = (goal + Decimal(check.value_max)) / 2
    expected = start_value + (goal - start_value) * _fraction(start, last.period.end, due)
    v.expected = expected
    lower = lower_is_better(check) if check.op != "~" and not is_range(check) else goal < start_value
    ahead = last.value <= expected if lower else last.value >= expected
    exp = _q(_round(expected), check)
    if ahead:
        return "on_track", _say(lang, f"{now}；按{how}到{due_text}达到{target}的进度，此时应为 {exp}",
                                f"{now}; path from {how} to {target} by {due_text} expects {exp}")
    return "at_risk", _say(lang, f"{now}，落后于进度：按{how}到{due_text}达到{target}的进度，此时应为 {exp}",
                           f"{now}, behind: path from {how} to {target} by {due_text} expects {exp}")


def _judge_yearly(check: Check, rows: list[Row], as_of: dt.date, lang: str, v: _Verdict) -> tuple[Status, str]:
    """An each_year target judged per year; a value within a year is the year-to-date amount."""
    target = target_text(check, lang)
    years: list[YearResult] = []
    notes: list[str] = []
    pro_rata = check.kind not in _GROWTH and check.kind != "rank" and check.value is not None
    for year in range(check.from_year, check.until_year + 1):
        start, end = dt.date(year, 1, 1), _year_end(year)
        in_year = [r for r in rows if r.period.start >= start and r.period.end <= end and r.period.end <= as_of]
        latest = in_year[-1] if in_year else None
        if latest is not None:
            v.row = latest
        if as_of >= end:
            if latest is None:
                years.append(YearResult(year=year, status="no_data"))
                notes.append(_say(lang, f"{year}年无数值", f"{year} no value"))
            elif latest.period.end != end:
                years.append(YearResult(year=year, status="no_data", value=fmt(latest.value)))
                notes.append(_say(lang, f"{year}年仅有截至{latest.period.text}的数值", f"{year} only to {latest.period.text}"))
            else:
                good = satisfies(check, latest.value)
                years.append(YearResult(year=year, status="met" if good else "missed", value=fmt(latest.value)))
                notes.append(_say(lang, f"{year}年 {_q(latest.value, check)} {'✓' if good else '✗'}",
                                  f"{year} {_q(latest.value, check)} {'✓' if good else '✗'}"))
        elif as_of >= start:
            if latest is None:
                years.append(YearResult(year=year, status="not_due"))
                notes.append(_say(lang, f"{year}年尚无数值", f"{year} no value yet"))
                continue
            expected: Decimal | None = None
            if pro_rata and check.op in (">=", ">") and check.value is not None:
                share = _fraction(start - dt.timedelta(days=1), latest.period.end, end)
                expected = Decimal(check.value) * share
                good = latest.value >= expected
                exp = _q(_round(expected), check)
                notes.append(_say(lang, f"{year}年截至{latest.period.text} {_q(latest.value, check)}（按时间进度应为 {exp}）{'✓' if good else '✗'}",
                                  f"{year} to {latest.period.text} {_q(latest.value, check)} (pro rata {exp}) {'✓' if good else '✗'}"))
            else:
                good = satisfies(check, latest.value)
                notes.append(_say(lang, f"{year}年截至{latest.period.text} {_q(latest.value, check)} {'✓' if good else '✗'}",
                                  f"{year} to {latest.period.text} {_q(latest.value, check)} {'✓' if good else '✗'}"))
            years.append(YearResult(year=year, status="on_track" if good else "at_risk", value=fmt(latest.value),
                                    expected=fmt(_round(expected)) if expected is not None else None))
        else:
            years.append(YearResult(year=year, status="not_due"))
    v.years = years
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
    sep = _say(lang, "；", "; ")
    summary = sep.join(notes) if notes else _say(lang, f"首年{check.from_year}年", f"first year {check.from_year}")
    return status, _say(lang, f"{check.from_year}–{check.until_year}年每年{target}：{summary}",
                        f"{target} each year {check.from_year}–{check.until_year}: {summary}")


def judge(check: Check, rows: list[Row], as_of: dt.date, lang: str = "zh") -> Result:
    """One check's status and reason (in `lang`: zh or en), with every figure the reason shows."""
    v = _Verdict()
    if check.each_year:
        status, reason = _judge_yearly(check, rows, as_of, lang, v)
    else:
        status, reason = _judge_once(check, rows, as_of, lang, v)
    if check.condition and status in ("missed", "at_risk", "no_data"):
        # it binds only where the condition holds: reported, never counted against the owners
        status = "conditional"
        reason = _say(lang, f"有条件的目标（{check.condition}）：", f"conditional ({check.condition}): ") + reason
    return Result(
        condition=check.condition,
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
        observed=_observation(v.row) if v.row is not None else None,
        expected=fmt(_round(v.expected)) if v.expected is not None else None,
        years=v.years,
        owners=list(check.owners),
        follow_up=list(check.follow_up),
        baseline=fmt(v.baseline) if v.baseline is not None else None,
        average=fmt(_round(v.average)) if v.average is not None else None,
        rates=v.rates,
    )


def default_as_of(data: ProgressData, checks: ChecksDocument) -> dt.date:
    """Without --as-of: the end of the latest period in the data (deterministic), else the plan's start."""
    if data.rows:
        return max(r.period.end for r in data.rows)
    return checks.period.start


def evaluate(plan: m.Plan, checks: ChecksDocument, data: ProgressData, as_of: dt.date, lang: str = "zh") -> Evaluation:
    """Every check judged as of `as_of`; reasons in `lang` (zh, the default for Chinese plans, or en)."""
    rows = data.by_metric()
    order = {c.id: i for i, c in enumerate(checks.checks)}
    results = [judge(check, rows.get(check.metric, []), as_of, lang) for check in checks.checks]
    results.sort(key=lambda r: (STATUSES.index(r.status), _FIRMNESS_ORDER[r.firmness], order[r.check]))
    counts: dict[str, int] = {status: sum(1 for r in results if r.status == status) for status in STATUSES
                              if status != "conditional" or any(c.condition for c in checks.checks)}
    summaries: dict[str, OwnerSummary] = {}
    for unit in plan.units:
        summaries[unit.id] = OwnerSummary(unit=unit.id, name=unit.name)
    unowned = OwnerSummary(unit="", name=_say(lang, "（未明确责任单位）", "(no owner)"))
    for result in results:
        # 跟踪责任 when the plan assigns it: who reports the progress is who answers for it
        holders = [summaries[o] for o in (result.follow_up or result.owners) if o in summaries] or [unowned]
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
