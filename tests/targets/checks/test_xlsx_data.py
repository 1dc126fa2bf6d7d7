"""`evaluate` and `score` read Excel workbooks as they read CSV: same results, cell positions in diagnostics."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from compiler.csvtable import cell_name, cell_text
from driver.cli import main

ROOT = Path(__file__).resolve().parents[3]
PROGRESS = ROOT / "tests/golden/checks/progress.csv"
PROGRESS_PLAN = ROOT / "tests/golden/checks/progress.plan"
SCORES = ROOT / "tests/golden/scoring/xiangtan_2022.csv"
SCORES_PLAN = ROOT / "tests/golden/scoring/xiangtan_scheme.plan"


def _as_number(text: str) -> object:
    """What a person typing the CSV's cell into Excel gets: a number where it is one."""
    try:
        number = float(text)
    except ValueError:
        return text
    return int(number) if number.is_integer() and "." not in text else number


def _workbook(csv_text: str, path: Path, sheet: str = "进度", numbers: bool = True) -> None:
    book = openpyxl.Workbook()
    first = book.active
    assert first is not None
    first.title = "说明"  # a sheet without the columns comes first: the reader finds the data sheet
    first.append(["本表按月填报"])
    data = book.create_sheet(sheet)
    for i, row in enumerate(csv.reader(io.StringIO(csv_text))):
        data.append([_as_number(c) if numbers and i else c for c in row])
    book.save(path)


def _run(cwd: Path, *args: str, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str, str]:
    monkeypatch.chdir(cwd)
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_cell_names() -> None:
    assert [cell_name(c, 7) for c in (1, 3, 26, 27, 52, 703)] == ["A7", "C7", "Z7", "AA7", "AZ7", "AAA7"]
    assert cell_text(6.5) == "6.5" and cell_text(8.0) == "8" and cell_text(0.1 + 0.2) == "0.30000000000000004"
    assert cell_text(None) == "" and cell_text(" 是 ") == "是"


@pytest.mark.parametrize("fmt", ["json", "text", "md"])
def test_evaluate_xlsx_equals_csv(tmp_path: Path, fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # the same file name in two folders: the reports name the data file, and must not differ otherwise
    (tmp_path / "csv").mkdir()
    (tmp_path / "xlsx").mkdir()
    text = PROGRESS.read_text(encoding="utf-8")
    (tmp_path / "csv" / "progress").write_text(text, encoding="utf-8")
    _workbook(text, tmp_path / "xlsx" / "progress")
    outs = []
    for folder in ("csv", "xlsx"):
        code, out, err = _run(tmp_path / folder, "evaluate", str(PROGRESS_PLAN), "--data", "progress", "--as-of",
                              "2024-06-30", "--format", fmt, monkeypatch=monkeypatch)
        assert code == 0, err
        outs.append(out.encode("utf-8"))
    assert outs[0] == outs[1]
    assert b"progress" in outs[0]


def test_score_xlsx_equals_csv(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "csv").mkdir()
    (tmp_path / "xlsx").mkdir()
    text = SCORES.read_text(encoding="utf-8")
    (tmp_path / "csv" / "scores").write_text(text, encoding="utf-8")
    _workbook(text, tmp_path / "xlsx" / "scores")
    outs = []
    for folder in ("csv", "xlsx"):
        code, out, err = _run(tmp_path / folder, "score", str(SCORES_PLAN), "--data", "scores", "--format", "json",
                              monkeypatch=monkeypatch)
        assert code == 0, err
        outs.append(out.encode("utf-8"))
    assert outs[0] == outs[1] and b'"rows"' in outs[0]


def test_a_bad_cell_is_named_by_sheet_and_cell(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = "metric,period,value\n市场主体总量,2023,47.2\n新增规上,2024Q2,七十\n"
    _workbook(text, tmp_path / "progress.xlsx")
    code, _, err = _run(tmp_path, "evaluate", str(PROGRESS_PLAN), "--data", "progress.xlsx", monkeypatch=monkeypatch)
    assert code == 1
    assert "progress.xlsx:进度!C3: D004 error: `七十` is not a number" in err


def test_a_bad_score_cell_is_named_by_sheet_and_cell(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lines = SCORES.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].rsplit(",", 1)[0] + ",abc"
    _workbook("\n".join(lines) + "\n", tmp_path / "scores.xlsx", sheet="Sheet1")
    code, _, err = _run(tmp_path, "score", str(SCORES_PLAN), "--data", "scores.xlsx", monkeypatch=monkeypatch)
    assert code == 1
    assert "scores.xlsx:Sheet1!D4: " in err


def test_a_duplicate_row_names_both_rows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _workbook("metric,period,value\n市场主体总量,2023,47.2\n市场主体总量,2023,47.3\n", tmp_path / "p.xlsx")
    code, _, err = _run(tmp_path, "evaluate", str(PROGRESS_PLAN), "--data", "p.xlsx", monkeypatch=monkeypatch)
    assert code == 1 and "p.xlsx:进度!3:3: D006" in err and "first given in 进度!2:2" in err


def test_not_a_workbook(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "p.xlsx").write_bytes(b"PK\x03\x04 not really a zip")
    code, out, err = _run(tmp_path, "evaluate", str(PROGRESS_PLAN), "--data", "p.xlsx", monkeypatch=monkeypatch)
    assert code == 1 and "D001" in err and "Excel" in err and "Traceback" not in err + out
