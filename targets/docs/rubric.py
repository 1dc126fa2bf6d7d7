"""A rubric (考核细则) in document.md as its official table: 序号 | 考核项目 | 分值 | 考核内容 | 评分标准.

The table holds the source's own text (an item's title, maximum, content and scoring standard, and its
scorers when the rubric names them), so it belongs to the document; the rules that restate the standard in
the language are not printed. One table per shared item set and per formula with items of its own; a
top-level item without text of its own whose sub-items carry theirs (a section, 一、…) is a row of its own
followed by its sub-items. Bonuses and penalties, vetoes and grade bands follow, each in the source's words.
Values are plain text: the template escapes them (targets/escape.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from compiler import model as m
from compiler.numbering import chinese_numeral

COLUMNS = ("序号", "考核项目", "分值", "考核内容", "评分标准")
SCORER = "考核部门"


@dataclass(frozen=True)
class RubricTable:
    heading: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def _is_section(item: m.Item) -> bool:
    return not item.content and not item.standard and any(i.content or i.standard for i in item.items)


def _row(number: str, item: m.Item, scorers: bool, units: dict[str, str]) -> tuple[str, ...]:
    cells: tuple[str, ...] = (number, item.title or item.id, item.max, " ".join(item.content), " ".join(item.standard))
    if scorers:
        cells += (" ".join(units.get(u, u) for u in item.scorers),)
    return cells


def _rows(items: list[m.Item], scorers: bool, units: dict[str, str]) -> list[tuple[str, ...]]:
    """Items numbered 1, 2, …; when some top-level items are sections, every top-level item is numbered 一、二、…
    and the sub-items with text of their own run on 1, 2, … across the sections, as in the source."""
    rows: list[tuple[str, ...]] = []
    sectioned = any(_is_section(i) for i in items)
    numbered = 0
    for index, item in enumerate(items, 1):
        if not sectioned:
            numbered += 1
            rows.append(_row(str(numbered), item, scorers, units))
            continue
        rows.append(_row(f"{chinese_numeral(index)}、", item, scorers, units))
        for child in item.items if _is_section(item) else []:
            numbered += 1
            rows.append(_row(str(numbered), child, scorers, units))
    return rows


def _drop_empty(columns: tuple[str, ...], rows: list[tuple[str, ...]]) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """Leave out the 考核内容 column when no row has content (a source with no such column)."""
    index = columns.index("考核内容")
    if any(row[index] for row in rows):
        return columns, tuple(rows)
    return columns[:index] + columns[index + 1:], tuple(row[:index] + row[index + 1:] for row in rows)


def rubric_tables(plan: m.Plan) -> list[RubricTable]:
    """The rubric's tables, in the order of the source: shared sets, formulas, then what lies outside the items."""
    scoring = plan.scoring
    if scoring is None:
        return []
    units = {u.id: u.name for u in plan.units}
    every = [i for s in scoring.itemsets for i in s.items] + [i for f in scoring.formulas for i in f.items]
    scorers = any(i.scorers for i in every) or any(c.scorers for i in every for c in i.items)
    columns = COLUMNS + ((SCORER,) if scorers else ())
    tables = [RubricTable(s.title or s.id, *_drop_empty(columns, _rows(s.items, scorers, units))) for s in scoring.itemsets]
    for formula in scoring.formulas:
        if formula.items:
            tables.append(RubricTable(formula.title or formula.id, *_drop_empty(columns, _rows(formula.items, scorers, units))))
    outside: list[tuple[str, ...]] = []
    for number, stage in enumerate(scoring.stages, 1):
        kind = "加分" if stage.kind == "bonus" else "扣分"
        outside.append((str(number), kind, stage.cap or "", stage.title or stage.id))
    for veto in scoring.vetoes:
        outside.append((str(len(outside) + 1), "一票否决", "", veto.title or veto.id))
    for band in scoring.bands:
        outside.append((str(len(outside) + 1), "等次", band.name, band.words or ""))
    if outside:
        tables.append(RubricTable("奖扣分、一票否决与等次", ("序号", "类别", "分值或等次", "内容"), tuple(outside)))
    return tables
