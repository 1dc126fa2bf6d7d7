"""One prelude for every command that works on one plan: the same mistake, the same message and exit code."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from driver.cli import main
from driver.common import Exit

ROOT = Path(__file__).resolve().parents[2]
DATA = {"evaluate": ["--data", "x.csv"], "score": ["--data", "x.csv"], "schedule": []}


@pytest.mark.parametrize("command", sorted(DATA))
def test_a_missing_plan_is_reported_alike_by_every_stage(command: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, [command, str(tmp_path / "nope.plan"), *DATA[command]])
    assert result.exit_code == Exit.USAGE
    assert result.stderr.strip() == f"planc: no such plan file `{tmp_path / 'nope.plan'}`"


@pytest.mark.parametrize("command", sorted(DATA))
def test_a_folder_given_as_plan_is_named_as_such(command: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, [command, str(tmp_path), *DATA[command]])
    assert result.exit_code == Exit.USAGE
    assert "is a folder; this command reads one .plan file" in result.stderr  # issue 20: not "(a folder?)"


@pytest.mark.parametrize("command", sorted(DATA))
def test_a_plan_with_errors_gets_the_same_diagnostics_and_summary_everywhere(command: str, tmp_path: Path) -> None:
    plan = tmp_path / "bad.plan"
    plan.write_text('plan bad {\n  title "T"\n  period 2022..2025\n}\nsection s "S" {\n  action a "A" {\n    lead 无此单位\n  }\n}\n',
                    encoding="utf-8")
    checked = CliRunner().invoke(main, ["check", str(plan)])
    staged = CliRunner().invoke(main, [command, str(plan), *DATA[command]])
    assert staged.exit_code == checked.exit_code == Exit.INPUT_ERRORS
    assert "R002" in staged.stderr and staged.stderr == checked.stderr


def test_acknowledged_warnings_are_not_printed_by_the_stages(tmp_path: Path) -> None:
    """`check` hides acknowledged warnings; so do `score`, `evaluate` and `schedule` (they used to print them)."""
    plan = tmp_path / "acked.plan"
    plan.write_text('plan acked {\n  title "T"\n  period 2022..2025\n}\n'
                    'section s "S" {\n  ack V018 "源文件此节为空"\n  section e "空" {\n  }\n}\n', encoding="utf-8")
    checked = CliRunner().invoke(main, ["check", "--show-acknowledged", str(plan)])
    staged = CliRunner().invoke(main, ["schedule", str(plan)])
    assert staged.exit_code == 0
    assert "V018" not in staged.stderr
    assert checked.exit_code == 0 and "V018 warning (acknowledged)" in checked.stderr
