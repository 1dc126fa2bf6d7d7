"""ledger.xlsx and ledger.md of the real plans: sheets, headers, print setup, owners, nothing invented."""

from __future__ import annotations

import io
import json
import re
from functools import cache
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from compiler.pipeline import compile_paths
from driver.cli import main
from targets import all_targets
from targets.ledger import emit
from targets.ledger.view import INFERRED, ledger, progress_periods

ROOT = Path(__file__).resolve().parents[3]
PLANS = ["qianjiang-2022", "xiangtan-2022", "yiyang-2022", "yuanjiang-2024", "yueyang-2025"]
_DAY = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日|\d{4}-\d{2}-\d{2}")


@cache
def _plan(name: str):  # type: ignore[no-untyped-def]
    result = compile_paths([ROOT / "plans" / f"{name}.plan"])
    plan = result.plans[0].plan
    assert plan is not None
    return plan


@cache
def _files(name: str) -> dict[str, bytes]:
    return emit(_plan(name))


@cache
def _plan_json(name: str) -> dict:  # type: ignore[type-arg]
    return json.loads(next(t for t in all_targets() if t.name == "plan_json").emit(_plan(name))["plan.json"])


def _book(name: str) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(_files(name)["ledger.xlsx"]))


def _source_text(name: str) -> str:
    """Every .plan file the plan was read from: the sources plan.json names."""
    files = {s["file"] for s in _walk_sources(_plan_json(name))}
    return "".join((ROOT / "plans" / f).read_text(encoding="utf-8") for f in sorted(files))


def _walk_sources(node: object) -> list[dict]:  # type: ignore[type-arg]
    found: list[dict] = []  # type: ignore[type-arg]
    if isinstance(node, dict):
        if set(node) >= {"file", "line", "column"}:
            found.append(node)
        for value in node.values():
            found += _walk_sources(value)
    elif isinstance(node, list):
        for value in node:
            found += _walk_sources(value)
    return found


def test_registered_as_a_target() -> None:
    assert "ledger" in [t.name for t in all_targets()]


@pytest.mark.parametrize("name", PLANS)
def test_sheets_headers_and_print_setup(name: str) -> None:
    book = _book(name)
    assert book.sheetnames == ["任务", "指标", "时间节点"]
    periods = progress_periods(_plan(name))
    expected = {
        "任务": ["编号", "任务", "牵头领导", "牵头单位", "配合单位", "责任单位", "完成时限", "原文"],
        "指标": ["序号", "指标编号", "指标", "目标", "单位", "完成时限", "力度", "责任单位", "跟踪责任单位", "原文", *periods],
        "时间节点": ["序号", "事项", "类别", "频次/时限", "负责", "所属任务", "原文"],
    }
    for sheet in book.worksheets:
        assert [c.value for c in sheet[1]] == expected[sheet.title]
        assert sheet.freeze_panes == "A2"
        assert sheet.print_title_rows == "$1:$1"
        assert sheet.page_setup.orientation == "landscape" and str(sheet.page_setup.paperSize) == "9"  # A4
        assert all(sheet.column_dimensions[c.column_letter].width > 5 for c in sheet[1])
        assert all(c.alignment.wrap_text for row in sheet.iter_rows(min_row=2) for c in row)
    # the progress columns are empty, headed by periods the progress reader reads
    metrics = book["指标"]
    assert all(c.value is None for row in metrics.iter_rows(min_row=2, min_col=11) for c in row)


@pytest.mark.parametrize("name", PLANS)
def test_every_task_has_its_owners_as_the_source_assigns_them(name: str) -> None:
    rows = list(_book(name)["任务"].iter_rows(min_row=2, values_only=True))
    actions = _plan_json(name)["actions"]
    assert len(rows) == len(actions)
    for row, action in zip(rows, actions):
        by_role: dict[str, list[str]] = {}
        for owner in action["owners"]:
            by_role.setdefault(owner["role"], [])
            if owner["as_written"] not in by_role[owner["role"]]:
                by_role[owner["role"]].append(owner["as_written"])
        assert (row[2] or "") == "、".join(by_role.get("lead_leader", []))
        assert (row[3] or "") == "、".join(by_role.get("lead", []))
        assert (row[4] or "") == "、".join(by_role.get("co", []))
        assert (row[5] or "") == "、".join(dict.fromkeys(by_role.get("responsible", []) + by_role.get("owner", [])))
        assert (row[7] or "") == "".join(action["text"])
        assert action["title"] is None or row[1] == action["title"]


@pytest.mark.parametrize("name", PLANS)
def test_no_cell_holds_a_date_the_plan_does_not_state(name: str) -> None:
    source = _source_text(name)
    for sheet in _book(name).worksheets:
        for row in sheet.iter_rows(min_row=2, values_only=True):
            for cell in row:
                for match in _DAY.finditer(cell or ""):
                    marked = (cell or "")[match.end():].startswith(("前" + INFERRED, INFERRED))
                    assert marked or match.group() in source, (sheet.title, cell)


@pytest.mark.parametrize("name", PLANS)
def test_no_cell_names_a_person_the_sentence_does_not(name: str) -> None:
    people = [p["name"] for p in _plan_json(name)["people"] if p.get("role") and p["name"] != p["role"]]
    for sheet in _book(name).worksheets:
        for row in sheet.iter_rows(min_row=2, values_only=True):
            text = "".join(c or "" for c in row)
            source = row[-1] if sheet.title == "时间节点" else text
            for person in people:
                if person in text:
                    assert person in (source or ""), (sheet.title, person, row)


def test_duplicates_are_merged() -> None:
    rows = list(_book("yueyang-2025")["指标"].iter_rows(min_row=2, values_only=True))
    shown = [(r[2], r[3], r[5]) for r in rows]
    assert len(shown) == len(set(shown))
    merged = [r for r in rows if "、" in (r[1] or "")]
    assert merged, "岳阳 states some targets twice (主要目标 and an annex)"
    ids = {m["id"] for m in _plan_json("yueyang-2025")["metrics"]}
    assert all(set(r[1].split("、")) <= ids for r in merged)


def test_growth_rates_are_named_as_growth() -> None:
    metrics = {m["id"]: m for m in _plan_json("yueyang-2025")["metrics"]}
    for row in _book("yueyang-2025")["指标"].iter_rows(min_row=2, values_only=True):
        kind = metrics[row[1].split("、")[0]]["kind"]
        if kind in ("growth", "avg_growth"):
            assert re.search(r"(增长|增速|增幅|增长率)$", row[2]), row[2]


def test_a_month_end_the_source_does_not_write_is_not_invented() -> None:
    # 岳阳: 2025-03-31 in the model; the source writes 3月底前
    book = ledger(_plan("yueyang-2025"))
    timetable = next(s for s in book.sheets if s.name == "时间节点")
    row = next(r for r in timetable.rows if r[1].startswith("完成住房公积金"))
    assert row[3] == "3月底前" and "3月31日" not in "".join(row)


def test_ledger_is_deterministic_and_markdown_escaped() -> None:
    first = emit(_plan("xiangtan-2022"))
    again = emit(_plan("xiangtan-2022"))
    assert first == again
    md = first["ledger.md"].decode("utf-8")
    assert md.startswith("# ") and "## 任务" in md and "## 指标" in md and "## 时间节点" in md
    assert "<" not in md.replace("\\<", "")  # plan text is escaped: no raw HTML


def test_a_filled_in_ledger_is_read_by_evaluate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    book = _book("yuanjiang-2024")
    sheet = book["指标"]
    header = [c.value for c in sheet[1]]
    year = header.index("2024") + 1
    for row in sheet.iter_rows(min_row=2):
        if row[1].value == "进出口总额增长":
            sheet.cell(row=row[0].row, column=year, value=6.5)
        if row[1].value == "技术合同交易额":
            sheet.cell(row=row[0].row, column=header.index("2024-06") + 1, value="十亿")
    book.save(tmp_path / "台账.xlsx")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["evaluate", str(ROOT / "plans/yuanjiang-2024.plan"), "--data", "台账.xlsx"])
    assert result.exit_code == 1
    assert re.search(r"台账\.xlsx:指标!\w+\d+: D004 error: `十亿` is not a number", result.stderr)
    for row in sheet.iter_rows(min_row=2):
        if row[1].value == "技术合同交易额":
            sheet.cell(row=row[0].row, column=header.index("2024-06") + 1).value = None
    book.save(tmp_path / "台账.xlsx")
    result = CliRunner().invoke(main, ["evaluate", str(ROOT / "plans/yuanjiang-2024.plan"), "--data", "台账.xlsx",
                                       "--format", "json"])
    assert result.exit_code == 0, result.stderr
    statuses = {r["metric"]: r["status"] for r in json.loads(result.stdout)["results"]}
    assert statuses["进出口总额增长"] == "met"


def test_a_merged_row_reports_every_metric_it_stands_for(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    book = _book("yueyang-2025")
    sheet = book["指标"]
    header = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2) if "、" in (r[1].value or "") and "增长" in (r[3].value or ""))
    ids = row[1].value.split("、")
    sheet.cell(row=row[0].row, column=header.index("2025") + 1, value=99)
    book.save(tmp_path / "l.xlsx")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["evaluate", str(ROOT / "plans/yueyang-2025.plan"), "--data", "l.xlsx",
                                       "--format", "json"])
    assert result.exit_code == 0, result.stderr
    statuses = {r["metric"]: r["status"] for r in json.loads(result.stdout)["results"]}
    assert all(statuses[i] == "met" for i in ids)
