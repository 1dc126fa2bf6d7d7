"""Reading progress data: a UTF-8 CSV ``metric,period,value``, one observation per row.

Every row either becomes an observation or a diagnostic naming the file, line and
column; nothing is dropped silently. Metrics may be named by id, name or alias.
"""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from compiler import model as m
from compiler.diagnostics import Diagnostic, Label, Span, make

REQUIRED_COLUMNS = ("metric", "period", "value")
_HEADER_SPELLINGS = {"metric": "metric", "指标": "metric", "period": "period", "期间": "period", "value": "value", "数值": "value"}

_YEAR = re.compile(r"^(\d{4})$", re.ASCII)
_QUARTER = re.compile(r"^(\d{4})[Qq]([1-4])$", re.ASCII)
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$", re.ASCII)
_DAY = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$", re.ASCII)
_GROUPED = re.compile(r"^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?(?:\D.*)?$", re.ASCII)
_NUMBER = re.compile(r"^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(.*)$", re.ASCII)

TRUE_WORDS = frozenset({"1", "true", "yes", "y", "done", "是", "完成", "已完成", "达成", "已达成"})
FALSE_WORDS = frozenset({"0", "false", "no", "n", "否", "未完成", "未达成"})


@dataclass(frozen=True)
class Period:
    """A period of the data: its text as written, first and last day, and its granularity."""

    text: str
    start: dt.date
    end: dt.date
    grain: str  # year, quarter, month, day


def parse_period(text: str) -> Period | None:
    text = text.strip()
    try:
        if match := _YEAR.match(text):
            year = int(match[1])
            return Period(text, dt.date(year, 1, 1), dt.date(year, 12, 31), "year")
        if match := _QUARTER.match(text):
            year, quarter = int(match[1]), int(match[2])
            first = 3 * quarter - 2
            last = 3 * quarter
            return Period(f"{year}Q{quarter}", dt.date(year, first, 1),
                          dt.date(year, last, calendar.monthrange(year, last)[1]), "quarter")
        if match := _MONTH.match(text):
            year, month = int(match[1]), int(match[2])
            return Period(f"{year}-{month:02d}", dt.date(year, month, 1),
                          dt.date(year, month, calendar.monthrange(year, month)[1]), "month")
        if match := _DAY.match(text):
            day = dt.date(int(match[1]), int(match[2]), int(match[3]))
            return Period(day.isoformat(), day, day, "day")
    except ValueError:
        return None
    return None


@dataclass(frozen=True)
class Row:
    metric: str  # metric id
    period: Period
    value: Decimal
    span: Span  # the whole row


@dataclass
class ProgressData:
    path: str  # display name
    text: str | None = None
    rows: list[Row] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    unreadable: bool = False

    def by_metric(self) -> dict[str, list[Row]]:
        out: dict[str, list[Row]] = {}
        for row in sorted(self.rows, key=lambda r: (r.period.end, r.period.start)):
            out.setdefault(row.metric, []).append(row)
        return out


def _fields(line: str) -> list[tuple[str, int]]:
    """Split one CSV line into (field, 1-based column) pairs; double quotes may enclose a field."""
    out: list[tuple[str, int]] = []
    i = 0
    n = len(line)
    while True:
        start = i
        if i < n and line[i] == '"':
            i += 1
            value = []
            while i < n:
                if line[i] == '"':
                    if i + 1 < n and line[i + 1] == '"':
                        value.append('"')
                        i += 2
                        continue
                    i += 1
                    break
                value.append(line[i])
                i += 1
            text = "".join(value)
            while i < n and line[i] != ",":
                text += line[i]
                i += 1
        else:
            end = line.find(",", i)
            end = n if end < 0 else end
            text = line[i:end]
            i = end
        out.append((text, start + 1))
        if i >= n:
            return out
        i += 1  # the comma


def _decode(data: bytes, name: str) -> tuple[str | None, Diagnostic | None]:
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", errors="replace")) + 1
        hint = "save the file as UTF-8 (with or without BOM)"
        try:
            data.decode("gb18030")
            message = f"the progress file is GBK/GB18030-encoded, not UTF-8 (byte 0x{data[error.start]:02x})"
            hint = "save it as UTF-8: in Excel, “CSV UTF-8 (逗号分隔)”; or `iconv -f GBK -t UTF-8`"
        except UnicodeDecodeError:
            message = f"the progress file is not valid UTF-8 (byte 0x{data[error.start]:02x})"
        return None, make("D001", message, Span(name, line, column, line, column + 1), hint=hint)


class MetricIndex:
    """Every spelling of every metric: id, name and aliases."""

    def __init__(self, plan: m.Plan) -> None:
        self.metrics = {metric.id: metric for metric in plan.metrics}
        self.spellings: dict[str, str] = {}
        for metric in plan.metrics:
            for name in (metric.id, metric.name, *metric.aliases):
                self.spellings.setdefault(name, metric.id)

    def lookup(self, name: str) -> str | None:
        return self.spellings.get(name) or self.spellings.get(name.strip())

    def suggest(self, name: str) -> str | None:
        close = difflib.get_close_matches(name, list(self.spellings), n=1, cutoff=0.5)
        return close[0] if close else None


def parse_value(text: str, metric: m.Metric) -> tuple[Decimal | None, str | None]:
    """The value, or None and the reason it cannot be read."""
    raw = text.strip()
    if metric.kind == "boolean":
        lowered = raw.lower()
        if lowered in TRUE_WORDS:
            return Decimal(1), None
        if lowered in FALSE_WORDS:
            return Decimal(0), None
        return None, "not a yes/no value (1/0, true/false, 是/否, 完成/未完成)"
    compact = raw.replace(" ", "")
    if _GROUPED.match(compact):
        compact = compact.replace(",", "")  # 1,650 as a spreadsheet writes it
    match = _NUMBER.match(compact)
    if not match:
        return None, "not a number"
    unit = match[2].strip()
    if any(ch.isdigit() or ch in ",.，。" for ch in unit):
        return None, "not a number"
    if unit and unit != (metric.unit or ""):
        return None, f"unit:{unit}"
    try:
        return Decimal(match[1]), None
    except InvalidOperation:
        return None, "not a number"


def read_progress(path: Path, display: str, plan: m.Plan) -> ProgressData:
    """Read and check a progress file against the plan's metrics and period."""
    data = ProgressData(display)
    try:
        raw = path.read_bytes()
    except OSError as error:
        data.unreadable = True
        reason = "no such file" if isinstance(error, FileNotFoundError) else (error.strerror or str(error))
        data.diagnostics.append(make("D011", f"cannot read the progress file `{display}`: {reason}", None))
        return data
    text, problem = _decode(raw, display)
    if problem is not None:
        data.diagnostics.append(problem)
        return data
    assert text is not None
    data.text = text
    lines = text.splitlines()
    index = MetricIndex(plan)

    def emit(code: str, message: str, line: int, column: int, width: int, **kw: object) -> None:
        span = Span(display, line, column, line, column + max(width, 1))
        data.diagnostics.append(make(code, message, span, **kw))  # type: ignore[arg-type]

    header_line = next((i for i, line in enumerate(lines) if line.strip()), None)
    if header_line is None:
        emit("D002", "the progress file is empty; it needs the header `metric,period,value`", 1, 1, 1)
        return data
    header = _fields(lines[header_line])
    columns: dict[str, int] = {}
    for position, (name, _column) in enumerate(header):
        canonical = _HEADER_SPELLINGS.get(name.strip().lower())
        if canonical and canonical not in columns:
            columns[canonical] = position
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        emit("D002", f"the header `{lines[header_line].strip()}` has no column {', '.join(missing)}",
             header_line + 1, 1, len(lines[header_line]), hint="the first line must be `metric,period,value`")
        return data

    seen: dict[tuple[str, str], tuple[Span, str]] = {}
    rows = 0
    for number, line in enumerate(lines[header_line + 1 :], start=header_line + 2):
        if not line.strip():
            continue
        rows += 1
        fields = _fields(line)
        if len(fields) != len(header):
            emit("D008", f"this row has {len(fields)} field{'s' if len(fields) != 1 else ''}; the header names "
                 f"{len(header)}", number, 1, len(line))
            continue
        metric_text, metric_col = fields[columns["metric"]]
        period_text, period_col = fields[columns["period"]]
        value_text, value_col = fields[columns["value"]]
        ok = True
        metric_id = index.lookup(metric_text)
        metric = index.metrics.get(metric_id) if metric_id is not None else None
        if metric is None:
            suggestion = index.suggest(metric_text.strip())
            if suggestion is None:
                hint = "name a metric by its id, name or alias"
            elif index.spellings[suggestion] != suggestion:
                hint = f"did you mean `{suggestion}` (metric `{index.spellings[suggestion]}`)?"
            else:
                hint = f"did you mean `{suggestion}`?"
            emit("D003", f"unknown metric `{metric_text.strip()}`", number, metric_col, len(metric_text), hint=hint)
            ok = False
        period = parse_period(period_text)
        if period is None:
            emit("D005", f"`{period_text.strip()}` is not a period", number, period_col, len(period_text),
                 hint="write a year (2025), quarter (2025Q2), month (2025-06) or day (2025-06-30)")
            ok = False
        elif metric is not None:
            earliest = plan.period.start.year
            if metric.base_year is not None:
                earliest = min(earliest, metric.base_year)
            if period.start.year < earliest or period.end > plan.period.end:
                emit("D007", f"period {period.text} is outside the plan period {plan.period.start.year}–"
                     f"{plan.period.end.year}" + (f" (base year {metric.base_year})" if metric.base_year else ""),
                     number, period_col, len(period_text))
                ok = False
        value: Decimal | None = None
        if metric is not None:
            value, problem_text = parse_value(value_text, metric)
            if value is None:
                if problem_text and problem_text.startswith("unit:"):
                    emit("D009", f"`{value_text.strip()}` is in {problem_text[5:]}; `{metric.id}` is measured in "
                         f"{metric.unit or 'no unit'}", number, value_col, len(value_text),
                         hint=f"write the number in {metric.unit}" if metric.unit else "write the bare number")
                else:
                    emit("D004", f"`{value_text.strip()}` is {problem_text}", number, value_col, len(value_text))
                ok = False
        if metric is not None and period is not None:
            # Periods ending on the same day (2024, 2024Q4, 2024-12, 2024-12-31) place their values at the
            # same point: values are as of the end of the period, year-to-date within a year.
            key = (metric.id, period.end.isoformat())
            row_span = Span(display, number, 1, number, len(line) + 1)
            if key in seen:
                first, first_text = seen[key]
                same = f"in {period.text}" if first_text == period.text else f"at {period.end.isoformat()} ({first_text} and {period.text})"
                emit("D006", f"a second value for `{metric.id}` {same}", number, 1, len(line),
                     labels=(Label(first, f"first given on line {first.line}"),))
                ok = False
            else:
                seen[key] = (row_span, period.text)
            if ok and value is not None:
                data.rows.append(Row(metric.id, period, value, row_span))
    if rows == 0:
        emit("D010", "the progress file has a header but no data rows", header_line + 1, 1, len(lines[header_line]))
    return data
