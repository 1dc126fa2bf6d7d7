"""A conditional target (有条件的地方力争……) is reported as 视条件 when unmet, never counted as missed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from diagnostics import Span
from targets.checks.compile import build_checks
from targets.checks.judge import evaluate
from targets.checks.progress import ProgressData, Row, parse_period
from targets.checks.report import render_text
from tests.compiler.forms_helpers import compile_body, errors

# 广州's source: 在全面实现“一村一名大学生村官”的基础上，有条件的地方力争实现“一村两名或多名大学生村官”目标。
BODY = '''metric 村官 "每村大学生村官" unit 名 {
  target 2名以上 by 2016 conditional "有条件的地方" strive
}
metric 领军人才 "引进产业领军人才" unit 名 {
  target 2000名左右 by 2016
}
'''


def _evaluation(values: dict[str, str]):  # type: ignore[no-untyped-def]
    compiled = compile_body(BODY)
    assert compiled.plan is not None and not errors(compiled), compiled.diagnostics
    period = parse_period("2016")
    assert period is not None
    rows = [Row(metric, period, Decimal(value), Span("progress.csv", 2, 1, 2, 2)) for metric, value in values.items()]
    plan = compiled.plan
    return plan, evaluate(plan, build_checks(plan), ProgressData("progress.csv", rows=rows), dt.date(2016, 12, 31))


def test_the_condition_reaches_the_check() -> None:
    plan, _ = _evaluation({})
    assert [c.condition for c in build_checks(plan).checks] == ["有条件的地方", None]


def test_an_unmet_conditional_target_is_reported_not_missed() -> None:
    plan, evaluation = _evaluation({"村官": "1", "领军人才": "1000"})
    status = {r.metric: r.status for r in evaluation.results}
    assert status == {"村官": "conditional", "领军人才": "missed"}
    reason = next(r.reason for r in evaluation.results if r.metric == "村官")
    assert reason.startswith("有条件的目标（有条件的地方）：")
    assert evaluation.counts["conditional"] == 1 and evaluation.counts["missed"] == 1
    assert all("村官" not in owner.missed for owner in evaluation.owners)
    assert "视条件 1 项" in render_text(evaluation, build_checks(plan), {}, "zh")


def test_a_met_conditional_target_is_met() -> None:
    _, evaluation = _evaluation({"村官": "2", "领军人才": "2000"})
    assert {r.metric: r.status for r in evaluation.results} == {"村官": "met", "领军人才": "met"}
