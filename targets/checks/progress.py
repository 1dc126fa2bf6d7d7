"""Reading progress data: a UTF-8 CSV ``metric,period,value``, one observation per row, or the
same columns in an Excel sheet, or the ledger's 指标 sheet filled in (a row per target, a column
per reporting period: every filled cell under a period heading is one observation).

Every row either becomes an observation or a diagnostic naming the file, line and
column; nothing is dropped silently. Metrics may be named by id, name or alias.
Decoding, quoting and the header are the shared reader's (:mod:`compiler.csvtable`);
this module gives the cells their meaning.
"""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from compiler import model as m
from compiler.csvtable import (
    Columns,
    CsvCodes,
    Field,
    Record,
    Sheet,
    Table,
    by_line,
    is_xlsx,
    load_sheets,
    read_data_file,
    read_table,
    table_from_sheets,
)
from diagnostics import Diagnostic, Label, Span, make
from dsl.numbers import NOT_A_NUMBER, WIDE, not_a_number, read_number

REQUIRED_COLUMNS = ("metric", "period", "value")
COLUMNS = Columns(REQUIRED_COLUMNS, {"指标": "metric", "期间": "period", "数值": "value"})
CODES = CsvCodes(subject="the progress file", encoding="D001", header="D002", row="D008", empty="D002", no_rows="D010")

_YEAR = re.compile(r"^(\d{4})$", re.ASCII)
_QUARTER = re.compile(r"^(\d{4})[Qq]([1-4])$", re.ASCII)
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$", re.ASCII)
_DAY = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$", re.ASCII)
_GROUPED = re.compile(r"^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?(?:\D.*)?$", re.ASCII)

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
    compact = raw
    if _GROUPED.match(compact.translate(WIDE)):
        compact = compact.translate(WIDE).replace(",", "")  # 1,650 as a spreadsheet writes it
    found = read_number(compact)  # the one rule of dsl/numbers.py: ASCII or full-width digits, no inner spaces
    if isinstance(found, str):
        return None, found
    value, unit = found
    if any(ch.isdigit() or ch in ",.，。" for ch in unit):
        return None, NOT_A_NUMBER
    if unit and unit != (metric.unit or "").translate(WIDE):
        return None, f"unit:{unit}"
    return value, None


LEDGER_ID_COLUMN = "指标编号"  # the ledger's column of metric ids (targets/ledger); preferred to the names


def _read_workbook(raw: bytes, display: str) -> Table:
    """A workbook: a sheet with the CSV's columns, else a ledger-shaped sheet (a period per column)."""
    sheets, problem = load_sheets(raw, display, CODES)
    if sheets is None:
        return Table(display, diagnostics=[problem] if problem is not None else [])
    for _title, rows in sheets:
        header = next((row for row in rows if any(row)), [])
        names = {COLUMNS.canonical(text) for text in header}
        if all(name in names for name in REQUIRED_COLUMNS):
            return table_from_sheets(Table(display), sheets, COLUMNS, CODES)
    for sheet in sheets:
        wide = _wide_table(display, sheet)
        if wide is not None:
            return wide
    return table_from_sheets(Table(display), sheets, COLUMNS, CODES)


def _wide_table(display: str, sheet: Sheet) -> Table | None:
    """The records of a ledger-shaped sheet: a metric column and columns headed by periods (2025Q1)."""
    title, rows = sheet
    first = next((i for i, row in enumerate(rows) if any(row)), None)
    if first is None:
        return None
    header = rows[first]
    metric_at = next((i for i, text in enumerate(header) if text == LEDGER_ID_COLUMN), None)
    by_ids = metric_at is not None  # the ledger's id cell lists every metric a merged row stands for: a、b
    if metric_at is None:
        metric_at = next((i for i, text in enumerate(header) if COLUMNS.canonical(text) == "metric"), None)
    periods = [(i, text) for i, text in enumerate(header) if parse_period(text) is not None]
    if metric_at is None or not periods:
        return None
    table = Table(display, text="", ok=True)
    header_row = first + 1
    for number, row in enumerate(rows[first + 1 :], start=header_row + 1):
        metric = row[metric_at] if metric_at < len(row) else ""
        for at, period_text in periods:
            value = row[at] if at < len(row) else ""
            if not value:
                continue
            for name in (metric.split("、") if by_ids else [metric]):
                cells = {"metric": Field(name, metric_at + 1, 1, title), "period": Field(period_text, at + 1, 1, title),
                         "value": Field(value, at + 1, 1, title)}
                table.records.append(Record(number, max(len(row), 1), cells, title))
    return table


def read_progress(path: Path, display: str, plan: m.Plan) -> ProgressData:
    """Read and check a progress file against the plan's metrics and period."""
    data = ProgressData(display)
    try:
        raw = read_data_file(path)
    except OSError as error:
        data.unreadable = True
        reason = "no such file" if isinstance(error, FileNotFoundError) else (error.strerror or str(error))
        data.diagnostics.append(make("D011", f"cannot read the progress file `{display}`: {reason}", None))
        return data
    table = _read_workbook(raw, display) if is_xlsx(raw) else read_table(raw, display, COLUMNS, CODES)
    data.text = table.text
    data.diagnostics.extend(table.diagnostics)
    index = MetricIndex(plan)

    def emit(code: str, message: str, line: int, cell: Field, **kw: object) -> None:
        data.diagnostics.append(make(code, message, cell.span(display, line), **kw))  # type: ignore[arg-type]

    seen: dict[tuple[str, str], tuple[Span, str]] = {}
    for record in table.records:
        number = record.line
        row_span = record.span(display)
        metric_cell, period_cell, value_cell = record.cells["metric"], record.cells["period"], record.cells["value"]
        ok = True
        metric_id = index.lookup(metric_cell.text)
        metric = index.metrics.get(metric_id) if metric_id is not None else None
        if metric is None:
            suggestion = index.suggest(metric_cell.text)
            if suggestion is None:
                hint = "name a metric by its id, name or alias"
            elif index.spellings[suggestion] != suggestion:
                hint = f"did you mean `{suggestion}` (metric `{index.spellings[suggestion]}`)?"
            else:
                hint = f"did you mean `{suggestion}`?"
            emit("D003", f"unknown metric `{metric_cell.text}`", number, metric_cell, hint=hint)
            ok = False
        period = parse_period(period_cell.text)
        if period is None:
            emit("D005", f"`{period_cell.text}` is not a period", number, period_cell,
                 hint="write a year (2025), quarter (2025Q2), month (2025-06) or day (2025-06-30)")
            ok = False
        elif metric is not None:
            earliest = plan.period.start.year
            if metric.base_year is not None:
                earliest = min(earliest, metric.base_year)
            if period.start.year < earliest or period.end > plan.period.end:
                emit("D007", f"period {period.text} is outside the plan period {plan.period.start.year}–"
                     f"{plan.period.end.year}" + (f" (base year {metric.base_year})" if metric.base_year else ""),
                     number, period_cell)
                ok = False
        value: Decimal | None = None
        if metric is not None:
            value, problem_text = parse_value(value_cell.text, metric)
            if value is None:
                if problem_text and problem_text.startswith("unit:"):
                    emit("D009", f"`{value_cell.text}` is in {problem_text[5:]}; `{metric.id}` is measured in "
                         f"{metric.unit or 'no unit'}", number, value_cell,
                         hint=f"write the number in {metric.unit}" if metric.unit else "write the bare number")
                else:
                    reason = problem_text or NOT_A_NUMBER
                    emit("D004", f"`{value_cell.text}` is {reason}" if reason.startswith("not a ") else
                         not_a_number(value_cell.text, reason), number, value_cell)
                ok = False
        if metric is not None and period is not None:
            # Periods ending on the same day (2024, 2024Q4, 2024-12, 2024-12-31) place their values at the
            # same point: values are as of the end of the period, year-to-date within a year.
            key = (metric.id, period.end.isoformat())
            if key in seen:
                first, first_text = seen[key]
                same = f"in {period.text}" if first_text == period.text else f"at {period.end.isoformat()} ({first_text} and {period.text})"
                data.diagnostics.append(make("D006", f"a second value for `{metric.id}` {same}", row_span,
                                             labels=(Label(first, f"first given in {first.cell}" if first.cell else f"first given on line {first.line}"),)))
                ok = False
            else:
                seen[key] = (row_span, period.text)
            if ok and value is not None:
                data.rows.append(Row(metric.id, period, value, row_span))
    data.diagnostics = by_line(data.diagnostics)
    return data
