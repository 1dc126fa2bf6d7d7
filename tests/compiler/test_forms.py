"""Figures and dates as plans write them compile to the same model as the plain forms, and keep their wording."""

from __future__ import annotations

import datetime as dt

import pytest

from compiler import model as m
from compiler.forms import FormError, read_measure, read_when
from tests.compiler.forms_helpers import codes, compile_body


def _target(line: str) -> m.Target:
    compiled = compile_body(f'metric 人才 "引进人才" unit 名 {{\n  {line}\n}}\n')
    assert compiled.plan is not None, [str(d) for d in compiled.diagnostics]
    assert not [d for d in compiled.diagnostics if d.severity.name == "ERROR"], compiled.diagnostics
    return compiled.plan.metrics[0].targets[0]


@pytest.mark.parametrize(("written", "plain"), [
    ("target 2000名左右 by 2016", "target ~ 2000名 by 2016"),
    ("target 500名以上 by 2016", "target >= 500名 by 2016"),
    ("target 不少于100名 by 2016", "target >= 100名 by 2016"),
    ("target 超过100名 by 2016", "target > 100名 by 2016"),
    ("target 100名以内 by 2016", "target <= 100名 by 2016"),
    ("target 不超过100名 by 2016", "target <= 100名 by 2016"),
    ("target 达到100名 by 2016", "target >= 100名 by 2016"),  # 达到: reached, at least (docs/language.md)
    ("target 力争达到1800名以上 by 2016", "target >= 1800名 by 2016 strive"),
    ("target 确保100名 by 2016", "target >= 100名 by 2016 must"),
    ("target 争取100名 by 2016", "target >= 100名 by 2016 strive"),
    ("target 1—2名 by 2016", "target 1~2名 by 2016"),
    ("target 1至2名 by 2016", "target 1~2名 by 2016"),
    ("target 1-2名 by 2016", "target 1~2名 by 2016"),
    ("target 以上 500名 by 2016", "target >= 500名 by 2016"),  # the word apart from the figure
    ("target >= 500名 by 2012年10月底前", "target >= 500名 by 2012-10-31"),
    ("target >= 500名 by 2016年底前", "target >= 500名 by 2016"),
])
def test_a_written_form_means_what_its_plain_form_means(written: str, plain: str) -> None:
    a, b = _target(written), _target(plain)
    assert (a.op, a.value, a.value_max, a.unit, a.by, a.firmness) == (b.op, b.value, b.value_max, b.unit, b.by, b.firmness)


@pytest.mark.parametrize(("line", "written"), [
    ("target 2000名左右 by 2016", "2000名左右"),
    ("target 不少于100名 by 2016", "不少于100名"),
    ("target 以上 500名 by 2016", "500名以上"),  # printed in the source's own order
    ("target 不少于 100名 by 2016", "不少于100名"),
    ("target 1—2名 by 2016", "1—2名"),
    ("target >= 500名 by 2016", None),  # a symbol: nothing to print back
    ("target 1~2名 by 2016", None),
])
def test_the_wording_is_kept(line: str, written: str | None) -> None:
    assert _target(line).written == written


def test_the_date_wording_is_kept() -> None:
    assert _target("target >= 500名 by 2012年10月底前").by_written == "2012年10月底前"
    assert _target("target >= 500名 by 2012-10-31").by_written is None


def test_magnitudes_and_percentage_points_stay_in_the_unit() -> None:
    compiled = compile_body('metric 人才 "人才总量" unit 万名 {\n  target 51.01万名以上 by 2016\n}\n'
                            'metric 占比 "占比提高" unit 个百分点 kind pp_change base_year 2011 {\n  target 0.5个百分点以上 by 2016\n}\n')
    assert compiled.plan is not None and not codes(compiled), compiled.diagnostics
    assert [(t.value, t.unit) for metric in compiled.plan.metrics for t in metric.targets] == [
        ("51.01", "万名"), ("0.5", "个百分点")]
    # 万 is not converted: a 万名 target on a metric counted in 名 is a unit mismatch
    assert "V003" in codes(compile_body('metric 人才 "人才总量" unit 名 {\n  target 5万名以上 by 2016\n}\n'))


@pytest.mark.parametrize(("line", "code"), [
    ("target 不少于100名以下 by 2016", "M014"),  # the words disagree
    ("target > 100名以上 by 2016", "M014"),  # the symbol and the word disagree
    ("target 力争100名 by 2016 must", "M002"),  # the firmness word and the flag disagree
    ("target >= 100名 by 年底前", "M014"),  # a target is due once: it needs a year
    ("target >= 100名 by 2016年13月底前", "M010"),
])
def test_contradictions_are_errors(line: str, code: str) -> None:
    compiled = compile_body(f'metric 人才 "引进人才" unit 名 {{\n  {line}\n}}\n')
    assert code in codes(compiled)


def _due(when: str) -> m.Due:
    compiled = compile_body(f'deadline 细则 "制定完成具体实施细则" {{\n  due {when}\n  owner 组织部\n}}\n')
    assert compiled.plan is not None and not [d for d in compiled.diagnostics if d.severity.name == "ERROR"], compiled.diagnostics
    (due,) = compiled.plan.deadlines[0].due
    return due


@pytest.mark.parametrize(("written", "kind", "date", "month", "day"), [
    ("2012年10月底前", "once", dt.date(2012, 10, 31), None, None),  # 底: the last day of the month
    ("2012年2月底前", "once", dt.date(2012, 2, 29), None, None),
    ("2012年底前", "once", dt.date(2012, 12, 31), None, None),
    ("2027年", "once", dt.date(2027, 12, 31), None, None),  # a year alone: 12-31 of it
    ("2012年6月30日前", "once", dt.date(2012, 6, 30), None, None),
    ("年底前", "yearly", None, 12, None),  # no year: every year of the plan's period
    ("6月30日前", "yearly", None, 6, 30),
    ("每年3月底前", "yearly", None, 3, None),
    ("次年1月30日前", "next_year", None, 1, 30),
    ("下一年度1月30日前", "next_year", None, 1, 30),  # 湘潭's 考评办法
    ("上半年", "yearly", None, 6, 30),
    ("年内", "yearly", None, 12, None),
    ("第三季度末", "yearly", None, 9, None),
])
def test_a_due_date_as_plans_write_it(written: str, kind: str, date: dt.date | None, month: int | None,
                                      day: int | None) -> None:
    due = _due(written)
    assert (due.kind, due.date, due.month, due.day) == (kind, date, month, day)
    assert due.written == (None if written == "2027年" else written)


def test_an_iso_due_date_is_the_same_model_as_the_written_one() -> None:
    written, iso = _due("2012年10月底前"), _due("2012-10-31")
    assert (written.kind, written.date) == (iso.kind, iso.date) and iso.written is None
    assert (_due("每年3月底前").month, _due("每年3月底前").day) == (_due("each_year 3月底").month, None)


@pytest.mark.parametrize(("when", "code"), [
    ("2026年13月底前", "M010"),
    ("2月30日前", "M010"),
    ("6月前", "M014"),  # before June, or by its end? the writer says
    ("2027年前", "M014"),
    ("each_year 次年1月30日前", "M002"),
])
def test_malformed_due_dates(when: str, code: str) -> None:
    compiled = compile_body(f'deadline 细则 "制定完成具体实施细则" {{\n  due {when}\n}}\n')
    assert code in codes(compiled)


def test_readers_reject_what_they_cannot_read() -> None:
    with pytest.raises(FormError):
        read_when("每年2026年底前")
    assert read_measure("0.5个百分点以上").unit == "个百分点"
