"""Bad progress data: every bad row is a diagnostic with file, line and column; nothing is dropped."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from compiler.model import Plan
from compiler.pipeline import compile_file
from driver.cli import main
from targets.checks.progress import parse_period, read_progress

ROOT = Path(__file__).resolve().parents[3]
PLAN = ROOT / "tests" / "diagnostics" / "progress.plan"
GOOD = "metric,period,value\n市场主体总量,2024,48.6\n全覆盖,2025,是\n"


@functools.cache
def _plan() -> Plan:
    compiled = compile_file(PLAN)
    assert compiled.plan is not None
    return compiled.plan


def _read(tmp_path: Path, content: bytes | str, name: str = "data.csv"):  # type: ignore[no-untyped-def]
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return read_progress(path, name, _plan())


def _evaluate(tmp_path: Path, content: bytes | str) -> tuple[int, str, str]:
    path = tmp_path / "data.csv"
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    result = CliRunner().invoke(main, ["evaluate", str(PLAN), "--data", str(path), "--as-of", "2025-12-31"])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result.exit_code, result.stdout, result.stderr


def test_utf8_with_and_without_bom(tmp_path: Path) -> None:
    plain = _read(tmp_path, GOOD, "plain.csv")
    bom = _read(tmp_path, b"\xef\xbb\xbf" + GOOD.encode("utf-8"), "bom.csv")
    assert not plain.diagnostics and not bom.diagnostics
    assert [(r.metric, r.period.text, r.value) for r in plain.rows] == [(r.metric, r.period.text, r.value) for r in bom.rows]
    assert len(bom.rows) == 2


def test_gbk_is_named(tmp_path: Path) -> None:
    code, out, err = _evaluate(tmp_path, GOOD.encode("gbk"))
    assert code == 1 and out == ""
    assert "D001" in err and "GBK" in err and "data.csv:2:1" in err


def test_unknown_metric_suggests(tmp_path: Path) -> None:
    data = _read(tmp_path, "metric,period,value\n全复盖,2025,是\n")
    (diagnostic,) = data.diagnostics
    assert diagnostic.code == "D003" and diagnostic.hint == "did you mean `全覆盖`?"
    assert diagnostic.span is not None and (diagnostic.span.file, diagnostic.span.line, diagnostic.span.column) == ("data.csv", 2, 1)


@pytest.mark.parametrize(
    ("row", "code", "column"),
    [
        ("市场主体总量,2024,abc", "D004", 13),
        ("市场主体总量,2024年,48.6", "D005", 8),
        ("市场主体总量,2024-13,48.6", "D005", 8),
        ("市场主体总量,2024-02-30,48.6", "D005", 8),
        ("市场主体总量,2026Q1,52", "D007", 8),
        ("市场主体总量,2024,48.6万", "D009", 13),
        ("市场主体总量,2024", "D008", 12),  # where the missing field would go
        ('"市场主体总量",2024,"四十八"', "D004", 15),
    ],
)
def test_bad_rows(tmp_path: Path, row: str, code: str, column: int) -> None:
    data = _read(tmp_path, f"metric,period,value\n市场主体总量,2023,47.1\n{row}\n")
    assert [d.code for d in data.diagnostics] == [code]
    span = data.diagnostics[0].span
    assert span is not None and (span.line, span.column) == (3, column)
    assert len(data.rows) == 1  # the good row is kept, the bad one reported


def test_duplicate_row_points_at_the_first(tmp_path: Path) -> None:
    data = _read(tmp_path, "metric,period,value\n市场主体,2024Q2,47\n市场主体数,2024Q2,47.5\n")
    (diagnostic,) = data.diagnostics
    assert diagnostic.code == "D006" and diagnostic.labels[0].span.line == 2


def test_no_row_is_dropped_silently(tmp_path: Path) -> None:
    lines = [
        "市场主体总量,2022,45",
        "市场主体总量,2023,xx",
        "未知指标,2023,1",
        "市场主体总量,2023Q3",
        "",
        "市场主体总量,2024,48",
        "市场主体总量,2024,48",
        "全覆盖,2025,1",
    ]
    data = _read(tmp_path, "metric,period,value\n" + "\n".join(lines) + "\n")
    bad_lines = {d.span.line for d in data.diagnostics if d.span is not None}
    good_lines = {r.span.line for r in data.rows}
    non_blank = {i + 2 for i, line in enumerate(lines) if line.strip()}
    assert bad_lines | good_lines == non_blank and not bad_lines & good_lines


def test_data_errors_exit_1_and_print_no_report(tmp_path: Path) -> None:
    code, out, err = _evaluate(tmp_path, "metric,period,value\n市场主体总量,2024,abc\n")
    assert code == 1 and out == ""
    assert "data.csv:2:13: D004 error" in err and "市场主体总量,2024,abc" in err  # the code frame shows the row


def test_good_data_exits_0(tmp_path: Path) -> None:
    code, out, _ = _evaluate(tmp_path, GOOD)
    assert code == 0 and "全覆盖" in out


def test_chinese_header_and_quoted_fields(tmp_path: Path) -> None:
    data = _read(tmp_path, '指标,期间,数值\n"市场主体总量",2024,"48.6"\n')
    assert not data.diagnostics and len(data.rows) == 1


def test_missing_file_is_an_io_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["evaluate", str(PLAN), "--data", str(tmp_path / "nope.csv")])
    assert result.exit_code == 2 and "D011" in result.stderr


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2025", "2025-01-01", "2025-12-31"),
        ("2025Q2", "2025-04-01", "2025-06-30"),
        ("2024q1", "2024-01-01", "2024-03-31"),
        ("2024-02", "2024-02-01", "2024-02-29"),
        ("2025-6", "2025-06-01", "2025-06-30"),
        ("2025-06-30", "2025-06-30", "2025-06-30"),
    ],
)
def test_periods(text: str, start: str, end: str) -> None:
    period = parse_period(text)
    assert period is not None and (period.start.isoformat(), period.end.isoformat()) == (start, end)


@pytest.mark.parametrize("text", ["2025Q0", "2025-00", "2025-02-29", "25", "2025H1", "", "２０２５"])
def test_bad_periods(text: str) -> None:
    assert parse_period(text) is None


def test_grouped_thousands(tmp_path: Path) -> None:
    data = _read(tmp_path, 'metric,period,value\n市场主体总量,2024,"1,048.6"\n')
    assert not data.diagnostics and str(data.rows[0].value) == "1048.6"
    data = _read(tmp_path, 'metric,period,value\n市场主体总量,2024,"1,04"\n')
    assert [d.code for d in data.diagnostics] == ["D004"]


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_give_rows_or_diagnostics(tmp_path_factory: pytest.TempPathFactory, content: bytes) -> None:
    """Never a traceback: any file is read into rows and diagnostics."""
    folder = tmp_path_factory.mktemp("fuzz")
    data = _read(folder, b"metric,period,value\n" + content)
    for row in data.rows:
        assert row.metric in ("市场主体", "全覆盖")


def test_periods_ending_on_the_same_day_are_duplicates(tmp_path: Path) -> None:
    data = _read(tmp_path, "metric,period,value\n市场主体,2024,48\n市场主体,2024Q4,48.2\n市场主体,2024-11,47.9\n")
    (diagnostic,) = data.diagnostics
    assert diagnostic.code == "D006" and "at 2024-12-31 (2024 and 2024Q4)" in diagnostic.message
    assert [r.period.text for r in data.rows] == ["2024", "2024-11"]


@pytest.mark.parametrize(
    ("row", "column", "message"),
    [
        ('"市场主体总量,2024,48.6', 1, "this quote is never closed"),
        ('市场主体总量,2024,"48.6', 13, "this quote is never closed"),
        ('"市场主体"总量,2024,48.6', 7, "text after the closing quote of a field"),
    ],
)
def test_bad_quoting_is_named_where_it_is(tmp_path: Path, row: str, column: int, message: str) -> None:
    # before the shared reader, the first was "1 field; the header names 3" and the third an unknown metric
    data = _read(tmp_path, f"metric,period,value\n市场主体总量,2023,47.1\n{row}\n")
    (diagnostic,) = data.diagnostics
    assert (diagnostic.code, diagnostic.message) == ("D008", message)
    assert diagnostic.span is not None and (diagnostic.span.line, diagnostic.span.column) == (3, column)
    assert len(data.rows) == 1


def test_a_column_named_twice_is_an_error_not_a_guess(tmp_path: Path) -> None:
    data = _read(tmp_path, "metric,period,指标,value\n市场主体总量,2024,全覆盖,48.6\n")
    assert [d.code for d in data.diagnostics] == ["D002"]
    (diagnostic,) = data.diagnostics
    assert diagnostic.message == "column `metric` appears twice in the header (as `指标`)"
    assert diagnostic.span is not None and diagnostic.span.column == 15 and diagnostic.labels[0].span.column == 1
    assert not data.rows


def test_extra_columns_are_ignored(tmp_path: Path) -> None:
    data = _read(tmp_path, "备注,metric,period,value\n年报,市场主体总量,2024,48.6\n")
    assert not data.diagnostics and [r.metric for r in data.rows] == ["市场主体"]


def test_diagnostics_are_in_the_order_of_the_file(tmp_path: Path) -> None:
    # the reader's (a short row) and the stage's (an unknown metric) interleave by line
    data = _read(tmp_path, "metric,period,value\n未知,2024,1\n市场主体总量,2024\n未知二,2024,1\n")
    assert [(d.code, d.span.line if d.span else 0) for d in data.diagnostics] == [("D003", 2), ("D008", 3), ("D003", 4)]


def test_a_quoted_cell_is_underlined_with_its_quotes(tmp_path: Path) -> None:
    data = _read(tmp_path, 'metric,period,value\n市场主体总量, 2024 ,"四十八"\n')
    (diagnostic,) = data.diagnostics
    assert diagnostic.span is not None and (diagnostic.span.column, diagnostic.span.end_column) == (15, 20)
