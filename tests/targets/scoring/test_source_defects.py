"""A source whose item maxima do not add up to its declared total is kept as published: V006 acknowledged with a
reason, and the score report states the declared and the attainable total."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from compiler.pipeline import CompiledPlan
from diagnostics import has_errors
from tests.targets.scoring.helpers import run

PLAN = """plan d {
  title "分值不足的细则"
  period 2024
}
unit 甲 "甲局"
scoring s "细则" {
  every year
  scale 100
  fact f
  formula 计分 "甲局" {
    member 甲
ACK    item a max 50 {
      when f
    }
    item b max 40 {
      when f
    }
  }
}
"""


def test_v006_is_an_error_unless_acknowledged(compile_text: Callable[..., CompiledPlan]) -> None:
    bare = compile_text(PLAN.replace("ACK", ""))
    assert has_errors(bare.diagnostics)
    assert [d.code for d in bare.diagnostics] == ["V006"]
    kept = compile_text(PLAN.replace("ACK", '    ack V006 "源文件各项分值合计90分，总分栏为100分"\n'))
    assert not has_errors(kept.diagnostics)
    [v006] = kept.diagnostics
    assert (v006.code, v006.acknowledged) == ("V006", "源文件各项分值合计90分，总分栏为100分")


def test_an_ack_of_v006_that_covers_nothing_is_reported(compile_text: Callable[..., CompiledPlan]) -> None:
    plan = PLAN.replace("max 40", "max 50").replace("ACK", '    ack V006 "不需要"\n')
    assert [d.code for d in compile_text(plan).diagnostics] == ["V017"]


def test_the_report_states_both_totals(tmp_path: Path) -> None:
    plan = PLAN.replace("ACK", '    ack V006 "源文件各项分值合计90分，总分栏为100分"\n')
    scored = run(tmp_path, plan, "period,unit,item,value\n2024,甲,f,是\n")
    row = scored.row("甲", "2024")
    # the source declares 100 (scale); its items add up to 50 + 40 = 90, all a unit can reach
    assert (row.score, row.declared_total, row.attainable_total) == ("90", "100", "90")
    assert scored.doc.formulas[0].total == "90"
