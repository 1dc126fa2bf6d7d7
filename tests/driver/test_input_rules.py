"""One input rule set (issue 20, finding 7), each rule with its reproduction.

Control characters in plan strings are an error with a location (P009); a file name is
printed with its control characters escaped; names are read in Unicode NFC (P011); one
rule for numbers in plans, progress data and score data (dsl/numbers.py); invisible
characters are named in messages; CR-only line endings end lines; `evaluate .` says the
path is a folder; `fmt` writes through a symlink.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from compiler.pipeline import compile_file
from diagnostics import Severity
from driver.cli import main
from dsl.numbers import read_number

ROOT = Path(__file__).resolve().parents[2]
PROGRESS_PLAN = str(ROOT / "tests/golden/checks/progress.plan")
SCHEME_PLAN = str(ROOT / "tests/golden/scoring/small_scheme.plan")
HEAD = 'plan p {\n  title "示例"\n  period 2022..2025\n}\n'


def planc(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def codes(path: Path) -> list[str]:
    return [d.code for d in compile_file(path).diagnostics]


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\x7f", "\x9b"])
def test_a_control_character_in_a_string_is_an_error_at_its_column(tmp_path: Path, char: str) -> None:
    path = tmp_path / "p.plan"
    path.write_text(f'plan p {{\n  title "示例{char}[31m方案"\n  period 2022..2025\n}}\n', encoding="utf-8")
    found = [d for d in compile_file(path).diagnostics if d.code == "P009"]
    assert len(found) == 1 and found[0].severity is Severity.ERROR
    assert found[0].span is not None and (found[0].span.line, found[0].span.column) == (2, 12)
    assert f"U+{ord(char):04X}" in found[0].message
    code, _out, _err = planc("build", str(path), "--out", str(tmp_path / "out"))
    assert code == 1 and not (tmp_path / "out" / "p").exists()  # never reaches document.md or schedule.ics


def test_a_control_character_in_a_text_block_is_located_on_its_line(tmp_path: Path) -> None:
    path = tmp_path / "p.plan"
    path.write_text(HEAD + 'section s "一" {\n  text """第一段\n  第二\x1b段"""\n}\n', encoding="utf-8")
    found = [d for d in compile_file(path).diagnostics if d.code == "P009"]
    assert [(d.span.line, d.span.column) for d in found if d.span] == [(7, 5)]


def test_a_file_name_with_an_escape_sequence_is_printed_escaped(tmp_path: Path) -> None:
    path = tmp_path / "a\x1b]0;pwned\x07.plan"
    path.write_text(HEAD + "bogus 1\n", encoding="utf-8")
    code, _out, err = planc("check", str(path))
    assert code == 1
    assert "\x1b" not in err and "\x07" not in err
    assert "a\\x1b]0;pwned\\x07.plan:5:1: P004 error" in err


def test_names_are_read_in_nfc(tmp_path: Path) -> None:
    # 豈 U+F900 (a compatibility ideograph) and 豈 U+8C48 look alike: one id, with a warning
    path = tmp_path / "p.plan"
    path.write_text(HEAD + 'unit \uf900局 "市豈局"\nsection s "一" {\n  action a "任务" {\n    lead \u8c48局\n  }\n}\n',
                    encoding="utf-8")
    compiled = compile_file(path)
    assert [d.code for d in compiled.diagnostics] == ["P011"]
    assert compiled.plan is not None and [u.id for u in compiled.plan.units] == ["\u8c48局"]
    path.write_text(HEAD + 'unit \uf900局 "甲"\nunit \u8c48局 "乙"\n', encoding="utf-8")
    assert "P011" in codes(path) and any(c.startswith("M") or c.startswith("R") for c in codes(path))


def test_cr_only_line_endings_end_lines(tmp_path: Path) -> None:
    text = HEAD + 'unit 发改委 "市发展和改革委员会"\n'
    lf, cr = tmp_path / "lf.plan", tmp_path / "cr.plan"
    lf.write_text(text, encoding="utf-8", newline="")
    cr.write_text(text.replace("\n", "\r"), encoding="utf-8", newline="")
    assert codes(cr) == codes(lf) == []
    bad = tmp_path / "bad.plan"
    bad.write_text((HEAD + "bogus 1\n").replace("\n", "\r"), encoding="utf-8", newline="")
    _code, _out, err = planc("check", str(bad))
    assert "bad.plan:5:1: P004" in err and "5 | bogus 1" in err


# ---- one rule for numbers ----------------------------------------------------------------------


@pytest.mark.parametrize(("text", "value", "rest"), [("1500", "1500", ""), ("８.5", "8.5", ""), ("８．５％", "8.5", "%"),
                                                     ("8.5％", "8.5", "%"), ("15 %", "15", "%"), ("-3", "-3", ""),
                                                     ("＋２", "2", "")])
def test_numbers_read_alike(text: str, value: str, rest: str) -> None:
    found = read_number(text)
    assert not isinstance(found, str) and (str(found[0]), found[1]) == (value, rest)


@pytest.mark.parametrize(("text", "reason"), [("1 5 0 0", "a space inside it"), ("১৫", "U+09E7 BENGALI DIGIT ONE"),
                                              ("१५", "DEVANAGARI DIGIT ONE"), ("1e309", "scientific notation"),
                                              ("abc", "not a number")])
def test_numbers_refused_alike(text: str, reason: str) -> None:
    found = read_number(text)
    assert isinstance(found, str) and reason in found


def _data(tmp_path: Path, rows: str, header: str = "metric,period,value\n") -> str:
    path = tmp_path / "data.csv"
    path.write_text(header + rows, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("value", ["1 5 0 0", "১৫০০"])
def test_evaluate_and_score_refuse_the_same_numbers(tmp_path: Path, value: str) -> None:
    code, _out, err = planc("evaluate", PROGRESS_PLAN, "--data", _data(tmp_path, f"规上总数,2025,{value}\n"))
    assert code == 1 and f"D004 error: `{value}` is not a number:" in err
    code, _out, err = planc("score", SCHEME_PLAN, "--data",
                            _data(tmp_path, f"2022Q1,湘潭县,工信局,{value}\n", "period,unit,item,value\n"))
    assert code == 1 and f"D060 error: `{value}` is not a number:" in err


def test_evaluate_and_score_accept_full_width_digits_and_percent(tmp_path: Path) -> None:
    rows = "规上总数,2025,１６６０\n工业增速,2022,８.5％\n工业增速,2023,8.6％\n工业增速,2024,８．７%\n工业增速,2025,8.5\n"
    code, out, err = planc("evaluate", PROGRESS_PLAN, "--data", _data(tmp_path, rows), "--as-of", "2025-12-31", "--format", "json")
    assert code == 0, err
    assert '"value": "1660"' in out and '"value": "8.7"' in out
    scores = "".join(f"2022Q{q},{u},{e},{v}\n" for q in range(1, 5) for u in ("湘潭县", "湘乡市")
                     for e, v in (("工信局", "２０"), ("发改委", "７０.5"))) + "".join(
        f"2022Q{q},湘潭综保区,发改委,９０\n" for q in range(1, 5))
    code, _out, err = planc("score", SCHEME_PLAN, "--data", _data(tmp_path, scores, "period,unit,item,value\n"))
    assert code == 0, err


def test_bengali_digits_are_refused_in_a_plan(tmp_path: Path) -> None:
    path = tmp_path / "p.plan"
    path.write_text(HEAD + 'metric 企业 "企业" unit 家 {\n  target >= ১৫家 by 2025\n}\n', encoding="utf-8")
    found = [d for d in compile_file(path).diagnostics if d.code == "P001"]
    assert found and "digits are written 0–9, not ১ (U+09E7 BENGALI DIGIT ONE)" in found[0].message
    path.write_text(HEAD + 'metric 企业 "企业" unit 家 {\n  target >= １５家 by ２０２５\n}\n', encoding="utf-8")
    compiled = compile_file(path)
    assert [d.code for d in compiled.diagnostics if d.severity is Severity.ERROR] == []
    assert compiled.plan is not None and str(compiled.plan.metrics[0].targets[0].value) == "15"


def test_an_invisible_character_is_named(tmp_path: Path) -> None:
    _code, _out, err = planc("evaluate", PROGRESS_PLAN, "--data", _data(tmp_path, "\ufeff规上总数,2025,1660\n"))
    assert "unknown metric `<U+FEFF>规上总数`" in err


# ---- paths -------------------------------------------------------------------------------------


def test_evaluate_on_a_folder_says_it_is_a_folder(tmp_path: Path) -> None:
    code, _out, err = planc("evaluate", str(tmp_path), "--data", "x.csv")
    assert code == 2 and "is a folder; this command reads one .plan file" in err
    code, _out, err = planc("score", SCHEME_PLAN, "--data", str(tmp_path))
    assert code == 2 and "is a folder; --data takes one data file" in err


def test_fmt_writes_through_a_symlink(tmp_path: Path) -> None:
    real = tmp_path / "real.plan"
    real.write_text(HEAD.replace("  title", "title"), encoding="utf-8")
    link = tmp_path / "link.plan"
    os.symlink(real, link)
    code, _out, err = planc("fmt", str(link))
    assert code == 0, err
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text(encoding="utf-8") == HEAD
