"""An `ack` is not reported as matching nothing while the plan has errors: the rules that would
report its warning do not run then."""

from __future__ import annotations

from pathlib import Path

from compiler.pipeline import compile_source

PLAN = """plan demo {
  title "示例方案"
  period 2022..2025
}
unit 发改委 "市发展改革委"
section 任务 "主要任务" {
  action 甲 "甲项" {
    lead 发改委
  }
  action 丙 "丙项" {
    lead 发改委
  }
  action 乙 "乙项" {
    ack V005 "原文未写责任单位"
    text "……"
  }
}
"""


def codes(text: str, tmp_path: Path) -> list[str]:
    return [d.code for d in compile_source(tmp_path / "p.plan", text).diagnostics if not d.acknowledged]


def test_the_ack_covers_its_warning_when_the_plan_is_clean(tmp_path: Path) -> None:
    compiled = compile_source(tmp_path / "p.plan", PLAN)
    assert [(d.code, d.acknowledged) for d in compiled.diagnostics] == [("V005", "原文未写责任单位")]


def test_no_v017_for_the_ack_while_the_plan_has_an_error(tmp_path: Path) -> None:
    broken = PLAN.replace("lead 发改委", "lead 工信局", 1)  # an unknown unit: an error, so no rules run
    assert "V017" not in codes(broken, tmp_path)
    assert codes(broken, tmp_path)  # the error itself is reported


def test_an_ack_that_matches_nothing_is_still_reported_on_a_clean_plan(tmp_path: Path) -> None:
    stale = PLAN.replace('    text "……"\n', '    text "……"\n    lead 发改委\n')  # 乙 has an owner now
    assert codes(stale, tmp_path) == ["V017"]


def test_an_ack_of_an_unknown_code_is_reported_even_with_errors(tmp_path: Path) -> None:
    broken = PLAN.replace("lead 发改委", "lead 工信局", 1).replace("ack V005", "ack V999")
    assert "V017" in codes(broken, tmp_path)
