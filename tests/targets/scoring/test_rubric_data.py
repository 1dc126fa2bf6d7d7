"""Facts as assessors record them, in CSV and in an .xlsx workbook: counts with their unit (3次), 是/否, and the
diagnostics for a value that is neither."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl

from targets.scoring.data import read_scores
from targets.scoring.schema import ScoringDoc
from tests.targets.scoring.helpers import compile_doc

PLAN = """plan d {
  title "记录方式"
  period 2024
}
unit 甲 "甲局"
scoring s "细则" {
  every year
  scale 10
  fact 次数 "部署次数" unit 次
  fact 配合 "积极配合"
  formula 计分 "甲局" {
    member 甲
    item a max 5 {
      deduct 1 per 次数 short_of 3
    }
    item b max 5 {
      when 配合
    }
  }
}
"""

ROWS = [("period", "unit", "item", "value"), ("2024", "甲局", "部署次数", "2次"), ("2024", "甲", "配合", "否")]


def _doc(tmp_path: Path) -> ScoringDoc:
    path = tmp_path / "d.plan"
    path.write_text(PLAN, encoding="utf-8")
    return compile_doc(path)


def test_counts_with_their_unit_and_yes_no_in_csv(tmp_path: Path) -> None:
    data_path = tmp_path / "data.csv"
    data_path.write_text("\n".join(",".join(r) for r in ROWS) + "\n", encoding="utf-8")
    data, problems = read_scores(data_path, "data.csv", _doc(tmp_path), 2024, 2024)
    assert problems == []
    assert data is not None
    assert data.facts == {(2024, "甲", "次数"): Decimal(2), (2024, "甲", "配合"): Decimal(0)}


def test_the_same_rows_in_a_workbook(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in ROWS:
        sheet.append(list(row))
    data_path = tmp_path / "data.xlsx"
    book.save(data_path)
    data, problems = read_scores(data_path, "data.xlsx", _doc(tmp_path), 2024, 2024)
    assert problems == []
    assert data is not None
    assert data.facts == {(2024, "甲", "次数"): Decimal(2), (2024, "甲", "配合"): Decimal(0)}


def test_a_wrong_unit_or_a_word_is_reported_where_it_is(tmp_path: Path) -> None:
    data_path = tmp_path / "data.csv"
    data_path.write_text("period,unit,item,value\n2024,甲,部署次数,2篇\n2024,甲,配合,也许\n", encoding="utf-8")
    _data, problems = read_scores(data_path, "data.csv", _doc(tmp_path), 2024, 2024)
    assert [(d.code, d.span.line if d.span else None) for d in problems] == [("D069", 2), ("D060", 3)]
    assert "是/否" in problems[1].message
