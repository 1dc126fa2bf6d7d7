"""`planc schedule`: formats, date ranges, exit codes, diagnostics, and lazy imports."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from icalendar import Calendar

from driver.cli import main
from tests.targets.schedule.helpers import GOLDEN, ROOT

EVERY_KIND = str(GOLDEN / "every-kind.plan")
XIANGTAN = str(GOLDEN / "xiangtan-machinery.plan")


def run(*args: str):
    return CliRunner().invoke(main, ["schedule", *args])


# 湘潭's machinery: the golden model of it, and the real plan once it is encoded in plans/
XIANGTAN_PLANS = [XIANGTAN] + [str(p) for p in [ROOT / "plans" / "xiangtan-2022.plan"] if p.is_file()]


@pytest.mark.parametrize("path", XIANGTAN_PLANS, ids=lambda p: Path(p).stem)
def test_table_lists_weekly_to_halfyearly_machinery_and_yearly_deadlines(path: str) -> None:
    result = run(path, "--format", "table")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    events = [line for line in lines if line[:4].isdigit() and line[4:5] == "-"]
    rules = lines[lines.index(next(line for line in lines if line.startswith("rule "))) + 1:]
    rules = rules[: rules.index("")]

    def rule_with(*frequencies: str) -> str:
        # columns: rule, kind, frequency, …; `at_least` adds （至少一次） to the frequency
        found = [cells[0] for cells in (re.split(r"\s{2,}", line) for line in rules)
                 if cells[2].split("（")[0] in frequencies]
        assert found, f"no rule with frequency {frequencies}"
        return found[0]

    for frequencies in (("每周",), ("每旬",), ("每月",), ("每季度",), ("每半年",),
                        ("每年3月底前", "每年3月31日前"), ("每年12月底前", "每年12月31日前"), ("次年1月30日前", "下一年度1月30日前")):
        rule = rule_with(*frequencies)
        assert any(line.split()[2] == rule for line in events), f"{rule} has no events"


def test_table_lists_xiangtan_machinery_and_deadlines() -> None:
    result = run(XIANGTAN, "--format", "table")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()

    def rule_line(rule: str) -> str:
        return next(line for line in lines if line.startswith(rule + " "))

    # the rules: 周会商、旬调度、月分析、季考核、半年述职 and the three yearly deadlines
    assert "每周" in rule_line("周会商") and "199" in rule_line("周会商")
    assert "每旬" in rule_line("旬调度")
    assert "每月" in rule_line("月分析")
    assert "每季度" in rule_line("季考核")
    assert "每半年" in rule_line("半年述职")
    assert "每年3月底前" in rule_line("考评细则")
    assert "每年12月底前" in rule_line("政策兑现考评")
    assert "次年1月30日前" in rule_line("年度得分")
    # and their dated events
    events = [line.split() for line in lines if line[:4].isdigit() and line[4] == "-"]
    by_rule: dict[str, list[str]] = {}
    for cells in events:
        by_rule.setdefault(cells[2], []).append(cells[0])
    assert by_rule["考评细则"] == ["2022-03-31", "2023-03-31", "2024-03-31", "2025-03-31"]
    assert by_rule["政策兑现考评"] == ["2022-12-31", "2023-12-31", "2024-12-31", "2025-12-31"]
    assert by_rule["年度得分"] == ["2023-01-30", "2024-01-30", "2025-01-30", "2026-01-30"]
    assert len(by_rule["半年述职"]) == 8 and len(by_rule["季考核"]) == 16 and len(by_rule["月分析"]) == 46
    assert "2024-10-08  周二  旬调度" in result.stdout
    assert "moved from 2024-10-01" in next(line for line in lines if line.startswith("2024-10-08  周二  旬调度"))


def test_date_range() -> None:
    result = run(EVERY_KIND, "--from", "2024-10-01", "--to", "2024-10-08")
    assert result.exit_code == 0
    dates = {line[:10] for line in result.stdout.splitlines() if line[:4] == "2024"}
    assert dates == {"2024-10-03", "2024-10-07", "2024-10-08"}


def test_json_format_is_the_artifact() -> None:
    result = run(EVERY_KIND, "--format", "json", "--from", "2024-10-08", "--to", "2024-10-08")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert document["schema"] == "planc/schedule/v1"
    assert {e["rule"] for e in document["events"]} == {"周会商", "旬调度", "月通报", "季考核", "顺延报送"}
    assert all(e["date"] == "2024-10-08" for e in document["events"])


def test_ics_format_is_the_artifact(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    result = run(EVERY_KIND, "--format", "ics")
    assert result.exit_code == 0
    assert result.stdout_bytes == (GOLDEN / "every-kind.schedule.ics").read_bytes()
    Calendar.from_ical(result.stdout_bytes)


def test_empty_range_says_so() -> None:
    result = run(EVERY_KIND, "--from", "2030-01-01")
    assert result.exit_code == 0
    assert "no events in this range" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "2024-13-01"], "is not a date"),
        (["--to", "yesterday"], "is not a date"),
        (["--from", "2024-10-05", "--to", "2024-10-01"], "is after --to"),
        (["--format", "pdf"], "Invalid value for '--format'"),
    ],
)
def test_bad_options_are_usage_errors(args: list[str], message: str) -> None:
    result = run(EVERY_KIND, *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_missing_plan_is_a_usage_error(tmp_path: Path) -> None:
    result = run(str(tmp_path / "nope.plan"))
    assert result.exit_code == 2 and "no such plan file" in result.stderr
    result = run(str(tmp_path))
    assert result.exit_code == 2


def test_plan_with_errors_prints_diagnostics_and_exits_1(tmp_path: Path) -> None:
    path = tmp_path / "bad.plan"
    path.write_text('plan bad {\n  title "T"\n  period 2024\n}\ncadence c "调度" {\n  every 0 week\n}\n', encoding="utf-8")
    result = run(str(path))
    assert result.exit_code == 1
    assert "S004 error" in result.stderr and "every 0 week" in result.stderr
    assert result.stdout == ""


def test_year_without_holiday_data_warns_s001(tmp_path: Path) -> None:
    path = tmp_path / "late.plan"
    path.write_text('plan late {\n  title "T"\n  period 2030\n}\ncadence c "调度" {\n  every month\n}\n',
                    encoding="utf-8")
    result = run(str(path), "--format", "json")
    assert result.exit_code == 0
    assert "S001 warning" in result.stderr and "2030" in result.stderr
    assert json.loads(result.stdout)["uncovered_years"] == [2030]


def test_check_imports_no_calendar_file_writer() -> None:
    """`check` reports S001 (it asks the holiday calendar which years it covers) but never loads the .ics writer."""
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from driver.cli import main\n"
        f"result = CliRunner().invoke(main, ['check', {EVERY_KIND!r}])\n"
        "assert result.exit_code == 0, result.output\n"
        "print(sorted(m for m in ('icalendar', 'dateutil') if m in sys.modules))\n"
    )
    output = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert output.stdout.strip() == "[]"


def test_help_lists_the_command() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert "schedule" in result.output
    result = CliRunner().invoke(main, ["schedule", "--help"])
    assert result.exit_code == 0 and "--from" in result.output and "table|json|ics" in result.output


def test_build_writes_schedule_json_and_ics(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    out = tmp_path / "build"
    result = CliRunner().invoke(main, ["build", EVERY_KIND, "--out", str(out)])
    assert result.exit_code == 0, result.output
    folder = out / "every-kind"
    assert (folder / "schedule.ics").read_bytes() == (GOLDEN / "every-kind.schedule.ics").read_bytes()
    assert (folder / "schedule.json").read_bytes() == (GOLDEN / "every-kind.schedule.json").read_bytes()


@pytest.mark.parametrize("fmt", ["table", "json", "ics"])
def test_a_period_at_the_end_of_the_calendar_does_not_crash(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / "far.plan"
    path.write_text('plan far {\n  title "T"\n  period 9999\n}\ncadence c "周会" {\n  every 2 week\n}\n'
                    'cadence y "年度" {\n  every 2 year\n}\ndeadline d "得分" {\n  due next_year 01-30\n  due each_year 12月底\n}\n',
                    encoding="utf-8")
    result = run(str(path), "--format", fmt)
    assert result.exit_code == 0, result.output
    assert "S001 warning" in result.stderr
    if fmt == "ics":
        Calendar.from_ical(result.stdout_bytes)
