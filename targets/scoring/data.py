"""Reading the score stage's inputs, with a diagnostic (file:line:column) for every bad row.

Three inputs:

* evaluator scores, CSV ``period,unit,item,value`` (the contract; an .xlsx workbook with
  the same columns too): item is an evaluator (a unit), a rubric item without rules (its
  recorded points) or a fact (政策兑现率); units by id, name or alias. A fact's value is
  written as assessors record it: with its unit (3次, 2篇, 85%), or 是/否 (有/无);
* a per-metric status CSV ``metric,status`` (``target`` is accepted for ``metric``);
* an evaluation JSON ``planc/evaluation/v1``: ``{"results": [{"metric", "status"}]}``.

Files are UTF-8 with or without a BOM; GBK is recognised and named. The CSV files are
read by the shared reader (:mod:`compiler.csvtable`) with this stage's codes. Nothing
raises for bad input, and no row is dropped without a diagnostic. A reader returns no
data only when the file is not UTF-8; otherwise the data (possibly empty) carries the
text, so diagnostics can show their line.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from compiler.csvtable import Columns, CsvCodes, Field, by_line, read_data_file, read_table
from compiler.loader import decode_source
from diagnostics import Diagnostic, Label, Span, make
from dsl.numbers import NOT_A_NUMBER, not_a_number, read_number
from targets.scoring.schema import ItemDef, ScoringDoc

#: the data key prefix of an item's recorded points (:data:`targets.scoring.engine.ITEM_KEY`)
ITEM_KEY = "item:"
YES = ("是", "有", "yes", "true")
NO = ("否", "无", "no", "false")


def _recorded(items: list[ItemDef]) -> list[ItemDef]:
    found: list[ItemDef] = []
    for item in items:
        if item.base == "recorded":
            found.append(item)
        found.extend(_recorded(item.items))
    return found

SCORE_COLUMNS = ("period", "unit", "item", "value")
STATUS_COLUMNS = ("metric", "status")
CODES = CsvCodes(subject="the data file", encoding="D050", header="D051", row="D053", empty="D067", no_rows="D067",
                 unknown_column="D052")
_SCORES = Columns(SCORE_COLUMNS)
_STATUSES = Columns(STATUS_COLUMNS, {"target": "metric", "check": "metric"})


# ---- names ----------------------------------------------------------------------


class Names:
    """Every spelling of the scheme's units and facts → id."""

    def __init__(self, doc: ScoringDoc) -> None:
        self.units: dict[str, str] = {}
        self.facts: dict[str, str] = {}
        for unit in doc.units:
            for spelling in (unit.id, unit.name, *unit.aliases):
                self.units.setdefault(spelling, unit.id)
        for fact in doc.facts:
            for spelling in (fact.id, fact.name):
                self.facts.setdefault(spelling, fact.id)
        #: items scored by their recorded points (no rules, no sub-items): spelling → formula id → (item, scorer);
        #: an item whose scorers have shares is recorded by each scorer: `ITEM/SCORER` (组织领导/县河长办)
        self.items: dict[str, dict[str, tuple[ItemDef, str | None]]] = {}
        spellings = {u.id: (u.id, u.name, *u.aliases) for u in doc.units}
        for formula in doc.formulas:
            for item in _recorded(formula.items):
                for spelling in (item.id, item.title or item.id):
                    if not item.shares:
                        self.items.setdefault(spelling, {}).setdefault(formula.id, (item, None))
                        continue
                    for scorer in item.scorers:
                        for name in spellings.get(scorer, (scorer,)):
                            self.items.setdefault(f"{spelling}/{name}", {}).setdefault(formula.id, (item, scorer))

    def suggest(self, name: str, facts: bool = False) -> str | None:
        candidates = list(self.units) + (list(self.facts) if facts else [])
        close = difflib.get_close_matches(name, candidates, n=1, cutoff=0.5)
        return f"did you mean `{close[0]}`?" if close else None


# ---- evaluator scores -------------------------------------------------------


@dataclass
class ScoreData:
    display: str
    text: str
    # (year, period index, unit, evaluator) -> value
    scores: dict[tuple[int, int, str, str], Decimal] = field(default_factory=dict)
    # (year, unit or "", fact) -> value
    facts: dict[tuple[int, str, str], Decimal] = field(default_factory=dict)
    years: set[int] = field(default_factory=set)


_PERIOD = re.compile(r"^(\d{4})(?:[-\s]?([QqHhMm])(\d{1,2})|-(\d{1,2}))?$")
# a unit after a number (%, 分, 次, 个 …): up to four characters, no digits
_SUFFIX = re.compile(r"[^\d\s.+-]{1,4}")


def parse_period(text: str, doc: ScoringDoc) -> tuple[int, int | None] | None:
    """(year, period index) or (year, None) for a year; None when it is not a period of this scheme."""
    match = _PERIOD.match(text.strip())
    if not match:
        return None
    year = int(match.group(1))
    letter, number, month = match.group(2), match.group(3), match.group(4)
    if letter is None and month is None:
        return (year, None)
    if month is not None:
        letter, number = "M", month
    label = f"{letter.upper()}{int(number):02d}" if letter.upper() == "M" else f"{letter.upper()}{int(number)}"
    if label in doc.periods:
        return (year, doc.periods.index(label))
    return None


def _period_example(doc: ScoringDoc) -> str:
    if doc.every == "year":
        return "2022"
    return "2022" + doc.periods[0]


def read_scores(path: Path, display: str, doc: ScoringDoc, first_year: int, last_year: int) -> tuple[ScoreData | None, list[Diagnostic]]:
    """Evaluator scores and facts, checked against the scheme: maxima, formulas, periods, duplicates."""
    table = read_table(read_data_file(path), display, _SCORES, CODES)
    diagnostics = table.diagnostics
    if table.text is None:
        return None, diagnostics
    data = ScoreData(display, table.text)
    names = Names(doc)
    formula_of = {member: formula for formula in doc.formulas for member in formula.members}
    fact_units = {fact.id: fact.unit for fact in doc.facts}
    first_seen: dict[tuple[int, int | None, str, str], int] = {}

    def at(line: int, cell: Field) -> Span:
        return cell.span(display, line)

    for record in table.records:
        line, cells = record.line, record.cells
        period_cell, unit_cell, item_cell, value_cell = cells["period"], cells["unit"], cells["item"], cells["value"]
        period_text, unit_text, item_text, value_text = period_cell.text, unit_cell.text, item_cell.text, value_cell.text
        period = parse_period(period_text, doc)
        if period is None:
            diagnostics.append(make("D054", f"`{period_text}` is not a period of this {doc.every}ly scheme", at(line, period_cell),
                                    hint=f"write it like {_period_example(doc)}, or the year (2022) for a fact"))
            continue
        year, index = period
        if not first_year <= year <= last_year:
            diagnostics.append(make("D055", f"{period_text} is outside the plan period {first_year}–{last_year}", at(line, period_cell)))
            continue
        fact = names.facts.get(item_text)
        evaluator = names.units.get(item_text) if fact is None else None
        recorded = names.items.get(item_text) if fact is None and evaluator is None else None
        if recorded is not None:
            _read_item(data, diagnostics, doc, names, formula_of, recorded, year, index, cells, line, display)
            continue
        if fact is None and evaluator is None:
            diagnostics.append(make("D058", f"`{item_text}` is neither an evaluator nor a fact of this scheme", at(line, item_cell),
                                    hint=names.suggest(item_text, facts=True)))
            continue
        unit = ""
        if unit_text or fact is None:
            found = names.units.get(unit_text)
            if found is None:
                diagnostics.append(make("D056", f"unknown unit `{unit_text}`", at(line, unit_cell), hint=names.suggest(unit_text)))
                continue
            unit = found
        stripped = value_text.strip()
        if fact is not None and stripped.lower() in YES + NO:  # 是/否 as assessors write it
            key = (year, index, unit, fact)
            if key in first_seen:
                diagnostics.append(make("D063", f"{period_text}, {unit_text or '(all units)'}, {item_text} is given twice",
                                        at(line, period_cell), labels=(Label(Span.point(display, first_seen[key], 1), "first given here"),)))
                continue
            first_seen[key] = line
            data.facts[(year, unit, fact)] = Decimal(1 if stripped.lower() in YES else 0)
            data.years.add(year)
            continue
        number = read_number(stripped)  # the one rule of dsl/numbers.py: ASCII or full-width digits, no inner spaces
        if isinstance(number, str) or (number[1] and not _SUFFIX.fullmatch(number[1])):
            reason = number if isinstance(number, str) else NOT_A_NUMBER
            diagnostics.append(make("D060", not_a_number(value_text, reason) + (" nor 是/否" if fact and reason == NOT_A_NUMBER else ""),
                                    at(line, value_cell)))
            continue
        value, rest = number
        suffix = rest or None
        key = (year, index, unit, fact or evaluator or "")
        if key in first_seen:
            diagnostics.append(make("D063", f"{period_text}, {unit_text or '(all units)'}, {item_text} is given twice",
                                    at(line, period_cell), labels=(Label(Span.point(display, first_seen[key], 1), "first given here"),)))
            continue
        first_seen[key] = line
        if fact is not None:
            if index is not None and doc.every != "year":
                diagnostics.append(make("D068", f"fact `{item_text}` is given for {period_text}; facts are read per year",
                                        at(line, period_cell), hint=f"write the year: {year}"))
                continue
            expected = fact_units.get(fact)
            given = "%" if suffix in ("%", "％") else suffix
            if given and given != expected and not (given == "分" and expected is None):
                diagnostics.append(make("D069", f"`{value_text}` is in {given}, but fact `{fact}` is in {expected or 'no unit'}",
                                        at(line, value_cell)))
                continue
            data.facts[(year, unit, fact)] = value
            data.years.add(year)
            continue
        assert evaluator is not None
        if unit not in formula_of:
            diagnostics.append(make("D057", f"`{unit_text}` is not assessed by any formula of this scheme", at(line, unit_cell)))
            continue
        if index is None:
            if doc.every != "year":
                diagnostics.append(make("D054", f"an evaluator's score needs a {doc.every}, not the year {period_text}",
                                        at(line, period_cell), hint=f"write it like {year}{doc.periods[0]}"))
                continue
            index = 0
        formula = formula_of[unit]
        component = next((c for c in formula.components if c.evaluator == evaluator), None)
        if component is None:
            evaluators = "、".join(c.evaluator for c in formula.components)
            diagnostics.append(make("D059", f"`{item_text}` does not evaluate `{unit_text}` under formula `{formula.id}`",
                                    at(line, item_cell), hint=f"its evaluators are {evaluators}"))
            continue
        if suffix not in (None, "分"):
            diagnostics.append(make("D060", f"`{value_text}`: an evaluator's score is in points (分), not {suffix}",
                                    at(line, value_cell)))
            continue
        if value < 0:
            diagnostics.append(make("D062", f"score {value_text} is negative", at(line, value_cell)))
            continue
        if value > Decimal(component.max):
            diagnostics.append(make("D061", f"score {value_text} is above the maximum {component.max} of `{evaluator}` in formula `{formula.id}`",
                                    at(line, value_cell)))
            continue
        data.scores[(year, index, unit, evaluator)] = value
        data.years.add(year)
    return data, by_line(diagnostics)


def _read_item(data: ScoreData, diagnostics: list[Diagnostic], doc: ScoringDoc, names: Names,
               formula_of: dict[str, Any], recorded: dict[str, tuple[ItemDef, str | None]], year: int, index: int | None,
               cells: Mapping[str, Field], line: int, display: str) -> None:
    """The points a scorer recorded for an item without rules: within [0, its max], for a unit it applies to."""
    unit_cell, item_cell, value_cell = cells["unit"], cells["item"], cells["value"]
    unit = names.units.get(unit_cell.text)
    if unit is None:
        diagnostics.append(make("D056", f"unknown unit `{unit_cell.text}`", unit_cell.span(display, line),
                                hint=names.suggest(unit_cell.text)))
        return
    formula = formula_of.get(unit)
    found = recorded.get(formula.id) if formula is not None else None
    item, scorer = found if found is not None else (None, None)
    if item is None or (item.applies is not None and unit not in item.applies):
        diagnostics.append(make("D059", f"item `{item_cell.text}` does not score `{unit_cell.text}`",
                                item_cell.span(display, line)))
        return
    number = read_number(value_cell.text)  # the one rule of dsl/numbers.py
    if isinstance(number, str) or number[1] not in ("", "分"):
        reason = f": {number}" if isinstance(number, str) and number != NOT_A_NUMBER else ""
        diagnostics.append(make("D060", f"`{value_cell.text}`: an item's points are a number (分){reason}",
                                value_cell.span(display, line)))
        return
    value = number[0]
    if value < 0 or value > Decimal(item.max):
        diagnostics.append(make("D061", f"{value_cell.text} is outside item `{item.id}`'s [0, {item.max}]",
                                value_cell.span(display, line)))
        return
    if index is None:
        index = 0
    key = (year, index, unit, ITEM_KEY + item.id + (f"/{scorer}" if scorer else ""))
    if key in data.scores:
        diagnostics.append(make("D063", f"item `{item.id}` of `{unit_cell.text}` is given twice", item_cell.span(display, line)))
        return
    data.scores[key] = value
    data.years.add(year)


# ---- statuses (completion scores) ---------------------------------------------------


@dataclass
class StatusData:
    display: str
    text: str
    statuses: dict[str, list[str]] = field(default_factory=dict)  # metric id -> statuses (several checks per metric)


def read_statuses(path: Path, display: str, metric_names: dict[str, str], weighted: set[str]) -> tuple[StatusData | None, list[Diagnostic]]:
    """A status CSV (`metric,status`) or an evaluation JSON (`planc/evaluation/v1`)."""
    if path.suffix.lower() == ".json":
        return _read_evaluation_json(path, display, metric_names, weighted)
    table = read_table(read_data_file(path), display, _STATUSES, CODES)
    diagnostics = table.diagnostics
    if table.text is None:
        return None, diagnostics
    data = StatusData(display, table.text)
    first: dict[str, int] = {}
    for record in table.records:
        line, cell = record.line, record.cells["metric"]
        name, status = cell.text, record.cells["status"].text.strip()
        where = cell.span(display, line)
        metric = metric_names.get(name)
        if metric is None:
            close = difflib.get_close_matches(name, list(metric_names), n=1, cutoff=0.5)
            diagnostics.append(make("D071", f"unknown metric `{name}`", where,
                                    hint=f"did you mean `{close[0]}`?" if close else None))
            continue
        if metric in first:
            diagnostics.append(make("D063", f"metric `{name}` is given twice", where,
                                    labels=(Label(Span.point(display, first[metric], 1), "first given here"),)))
            continue
        first[metric] = line
        if metric not in weighted:
            diagnostics.append(make("D074", f"metric `{name}` carries no weight in the scheme", where))
            continue
        data.statuses[metric] = [status]
    return data, by_line(diagnostics)


def _read_evaluation_json(path: Path, display: str, metric_names: dict[str, str], weighted: set[str]) -> tuple[StatusData | None, list[Diagnostic]]:
    text, problem = decode_source(read_data_file(path), display, code=CODES.encoding, subject="the evaluation file")
    if text is None:
        return None, [problem] if problem is not None else []
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        return None, [make("D070", f"not valid JSON: {error.msg}", Span.point(display, error.lineno, error.colno))]
    where = Span.point(display)
    if not isinstance(document, dict) or not str(document.get("schema", "")).startswith("planc/evaluation/"):
        return None, [make("D070", "not an evaluation file: the top-level `schema` is not planc/evaluation/v1", where,
                           hint="produce it with `planc evaluate PLAN --data CSV --format json`")]
    if document["schema"] != "planc/evaluation/v1":
        return None, [make("D070", f"evaluation schema {document['schema']} is not supported; this planc reads planc/evaluation/v1", where)]
    results = document.get("results")
    if not isinstance(results, list):
        return None, [make("D070", "the evaluation has no `results` list", where)]
    data = StatusData(display, text)
    diagnostics: list[Diagnostic] = []
    for number, result in enumerate(results, start=1):
        if not isinstance(result, dict) or not isinstance(result.get("metric"), str) or not isinstance(result.get("status"), str):
            diagnostics.append(make("D070", f"result {number} needs string fields `metric` and `status`", where))
            continue
        metric = metric_names.get(result["metric"])
        if metric is None:
            diagnostics.append(make("D071", f"result {number}: unknown metric `{result['metric']}`", where))
            continue
        if metric not in weighted:
            diagnostics.append(make("D074", f"result {number}: metric `{result['metric']}` carries no weight in the scheme", where))
            continue
        data.statuses.setdefault(metric, []).append(result["status"])
    return data, diagnostics
