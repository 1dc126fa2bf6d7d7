"""Bad evaluator-score data: every problem is a diagnostic with file:line:column and exit 1, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from driver.cli import main
from targets.scoring.report import render_csv, safe_cell
from tests.targets.scoring.golden_plans import RANK_PLAN
from tests.targets.scoring.helpers import HERE

HEADER = "period,unit,item,value\n"
SMALL = HERE / "small_scheme.plan"


def _invoke(tmp_path: Path, data: bytes | str, plan: Path = SMALL, *args: str) -> tuple[int, str, str]:
    path = tmp_path / "scores.csv"
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    result = CliRunner().invoke(main, ["score", str(plan), "--data", str(path), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("row", "code", "column"),
    [
        ("2022Q5,湘潭县,工信局,20", "D054", 1),
        ("2022,湘潭县,工信局,20", "D054", 1),
        ("2031Q1,湘潭县,工信局,20", "D055", 1),
        ("2022Q1,湘潭县政俯,工信局,20", "D056", 8),
        ("2022Q1,工信局,发改委,20", "D057", 8),
        ("2022Q1,湘潭县,工信,20", "D058", 12),
        ("2022Q1,湘潭综保区,工信局,20", "D059", 14),
        ("2022Q1,湘潭县,工信局,二十", "D060", 16),
        ("2022Q1,湘潭县,工信局,26", "D061", 16),
        ("2022Q1,湘潭县,工信局,-1", "D062", 16),
        ("2022Q4,湘潭县,政策兑现率,88%", "D068", 1),
        ("2022,湘潭县,政策兑现率,88万", "D069", 16),  # a count with a unit is read (3次); 万 is not the fact's %
        ("2022,湘潭县,政策兑现率,约88", "D060", 16),
        ("2022,湘潭县,政策兑现率,88分", "D069", 16),
        ("2022Q1,湘潭县,工信局", "D053", 15),
        ('2022Q1,"湘潭县,工信局,20', "D053", 8),
        ('2022Q1,"湘潭县" x,工信局,20', "D053", 14),  # was read as 湘潭县, the x dropped silently
        ("2022Q1,湘潭县,工信局,20,1", "D053", 19),
    ],
)
def test_bad_row(tmp_path: Path, row: str, code: str, column: int) -> None:
    exit_code, out, err = _invoke(tmp_path, HEADER + "2022Q1,湘潭县,发改委,18\n" + row + "\n")
    assert exit_code == 1
    assert out == ""
    assert f"scores.csv:3:{column}: {code} error" in err, err


def test_score_above_maximum_names_the_maximum(tmp_path: Path) -> None:
    _code, _out, err = _invoke(tmp_path, HEADER + "2022Q1,湘潭县,市工信局,25.5\n")
    assert "score 25.5 is above the maximum 25 of `工信局` in formula `甲`" in err


def test_duplicate_row_points_at_the_first(tmp_path: Path) -> None:
    exit_code, _out, err = _invoke(tmp_path, HEADER + "2022Q1,湘潭县,工信局,20\n2022Q1,湘潭县人民政府,市工信局,21\n")
    assert exit_code == 1
    assert "scores.csv:3:1: D063 error" in err
    assert "scores.csv:2:1" in err  # the label: first given here


def test_header_problems(tmp_path: Path) -> None:
    exit_code, _out, err = _invoke(tmp_path, "period,unit,value\n2022Q1,湘潭县,20\n")
    assert exit_code == 1 and "scores.csv:1:1: D051 error" in err and "item" in err
    exit_code, _out, err = _invoke(tmp_path, "")
    assert exit_code == 1 and "D067" in err
    exit_code, _out, err = _invoke(tmp_path, HEADER)
    assert exit_code == 1 and "D067" in err


def test_header_problems_show_the_header(tmp_path: Path) -> None:
    exit_code, _out, err = _invoke(tmp_path, "period,unit,item,unit,value\n2022Q1,湘潭县,发改委,湘潭县,18\n")
    assert exit_code == 1
    assert "scores.csv:1:18: D051 error: column `unit` appears twice in the header" in err
    assert "1 | period,unit,item,unit,value" in err and "first named here at " in err and err.rstrip().endswith("scores.csv:1:8")
    exit_code, _out, err = _invoke(tmp_path, 'period,unit,"item,value\n2022Q1,湘潭县,发改委,18\n')
    assert exit_code == 1 and "scores.csv:1:13: D051 error: this quote is never closed" in err
    exit_code, _out, err = _invoke(tmp_path, "\n")
    assert "D067 error: the data file is empty; it needs the header `period,unit,item,value`" in err


def test_a_header_without_rows_is_an_error_even_with_an_extra_column(tmp_path: Path) -> None:
    exit_code, _out, err = _invoke(tmp_path, "period,unit,item,value,remark\n")
    assert exit_code == 1
    assert "scores.csv:1:24: D052 warning" in err and "scores.csv:1:1: D067 error: the data file has a header but no data rows" in err


def test_a_short_row_names_the_header(tmp_path: Path) -> None:
    _code, _out, err = _invoke(tmp_path, HEADER + "2022Q1,湘潭县,工信局\n")
    assert "scores.csv:2:15: D053 error: this row has 3 fields; the header names 4" in err
    assert "hint: the header is `period,unit,item,value`" in err


def test_unknown_column_is_a_warning(tmp_path: Path) -> None:
    data = "period,unit,item,value,remark\n" + "".join(
        f"2022,{u},办,80,x\n" for u in "ABCDE")
    plan = tmp_path / "rank.plan"
    plan.write_text(RANK_PLAN, encoding="utf-8")
    exit_code, out, err = _invoke(tmp_path, data, plan)
    assert exit_code == 0
    assert "scores.csv:1:24: D052 warning" in err
    assert "县市区组" in out


def test_gbk_is_named(tmp_path: Path) -> None:
    exit_code, _out, err = _invoke(tmp_path, (HEADER + "2022Q1,湘潭县,工信局,20\n").encode("gbk"))
    assert exit_code == 1
    assert "scores.csv:2:8: D050 error: the data file looks GBK/GB18030-encoded, not UTF-8 (byte 0xcf)" in err
    assert "CSV UTF-8" in err  # how to save it from Excel


def test_binary_is_not_utf8(tmp_path: Path) -> None:
    # 0xff not followed by 0xfe: junk, not a UTF-16 byte-order mark
    exit_code, _out, err = _invoke(tmp_path, b"\xff\x00\x01\x80\x81")
    assert exit_code == 1 and "scores.csv:1:1: D050 error: the data file is not valid UTF-8 (byte 0xff)" in err


def test_bom_and_crlf_are_accepted(tmp_path: Path) -> None:
    plan = tmp_path / "rank.plan"
    plan.write_text(RANK_PLAN, encoding="utf-8")
    text = HEADER + "".join(f"2022,{u},考评办,{v}\n" for u, v in zip("ABCDE", ["90", "95", "90", "80", "70"]))
    exit_code, out, err = _invoke(tmp_path, b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"), plan, "--format", "csv")
    assert exit_code == 0, err
    assert "县市区组,乙县,2022,95,1,15," in out


def test_missing_member_is_no_data_not_zero(tmp_path: Path) -> None:
    plan = tmp_path / "rank.plan"
    plan.write_text(RANK_PLAN, encoding="utf-8")
    data = HEADER + "".join(f"2022,{u},办,{v}\n" for u, v in zip("ABCD", ["90", "95", "90", "80"]))
    exit_code, out, err = _invoke(tmp_path, data, plan, "--format", "csv")
    assert exit_code == 0
    assert "D064 warning" in err and "E(戊县)" in err
    # 戊县 is not ranked last with 0: it has no score, rank, points or grade; the others rank among four
    assert "县市区组,戊县,2022,,,," in out
    assert "县市区组,丁县,2022,80,4,10.5," in out


def test_partial_components_are_no_data(tmp_path: Path) -> None:
    exit_code, out, err = _invoke(tmp_path, HEADER + "2022Q1,湘潭县,工信局,20\n", SMALL, "--format", "csv")
    assert exit_code == 0
    assert "D065 warning" in err and "发改委" in err
    assert "组,湘潭县人民政府,2022Q1,,,," in out


def test_formula_injection_is_neutralised() -> None:
    assert safe_cell("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")"
    assert [safe_cell(c) for c in ("+1", "-1", "@SUM", "湘潭县", "", "12.5")] == ["'+1", "'-1", "'@SUM", "湘潭县", "", "12.5"]


def test_formula_injection_in_a_unit_name(tmp_path: Path) -> None:
    plan = tmp_path / "rank.plan"
    plan.write_text(RANK_PLAN.replace('unit A "甲县"', 'unit A "=甲县"'), encoding="utf-8")
    data = HEADER + "".join(f"2022,{u},办,{v}\n" for u, v in zip("ABCDE", ["90", "95", "90", "80", "70"]))
    exit_code, out, _err = _invoke(tmp_path, data, plan, "--format", "csv")
    assert exit_code == 0
    assert "\n县市区组,'=甲县,2022,90,2,13.5,\n" in out
    assert render_csv  # the renderer is what the CLI used


def test_plan_with_errors_is_reported(tmp_path: Path) -> None:
    plan = tmp_path / "bad.plan"
    plan.write_text(RANK_PLAN.replace("member A B C D E\n    component", "member A B C D X\n    component"), encoding="utf-8")
    exit_code, _out, err = _invoke(tmp_path, HEADER + "2022,A,办,1\n", plan)
    assert exit_code == 1
    assert "R002" in err
