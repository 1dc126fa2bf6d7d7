"""Smaller forms: notes in cadences and deadlines, co-units on deadlines, 跟踪责任 in a metric."""

from __future__ import annotations

from targets.docs.view import document_view
from tests.compiler.forms_helpers import codes, compile_body


def test_a_deadline_names_co_units_and_both_take_notes() -> None:
    compiled = compile_body(
        'unit 财政局 "市财政局"\n'
        'deadline 细则 "制定完成具体实施细则" {\n  due 2012年10月底前\n  owner 组织部\n  co 人社局 财政局\n'
        '  note "源文：会同配合单位于2012年10月底前牵头制定"\n}\n'
        'cadence 公布 "定期向社会公布" {\n  every regularly\n  owner 人社局\n  note "源文未写频次"\n}\n')
    assert compiled.plan is not None and not codes(compiled), compiled.diagnostics
    deadline, cadence = compiled.plan.deadlines[0], compiled.plan.cadences[0]
    assert (deadline.owners, deadline.co_units, deadline.notes) == (
        ["组织部"], ["人社局", "财政局"], ["源文：会同配合单位于2012年10月底前牵头制定"])
    assert cadence.notes == ["源文未写频次"]
    timetable = next(t for t in document_view(compiled.plan).tables if t.title == "工作机制与时间节点")
    assert timetable.rows[-1][3] == "市委组织部（配合：市人社局、市财政局）"
    assert "源文" not in "".join("".join(row) for row in timetable.rows)  # notes are never printed


def test_a_co_unit_of_a_deadline_must_exist() -> None:
    compiled = compile_body('deadline 细则 "制定细则" {\n  due 2012年10月底前\n  co 财政厅\n}\n')
    assert [c for c in codes(compiled) if c.startswith("R")]


def test_follow_up_names_who_reports_progress() -> None:
    compiled = compile_body('metric 人才 "引进人才" unit 名 {\n  target 2000名左右 by 2016\n  follow_up 人社局\n}\n'
                            'metric 团队 "引进团队" unit 个 {\n  target 100个以上 by 2016\n  跟踪责任 组织部 人社局\n}\n')
    assert compiled.plan is not None and not codes(compiled), compiled.diagnostics
    assert [metric.follow_up for metric in compiled.plan.metrics] == [["人社局"], ["组织部", "人社局"]]
    metrics = next(t for t in document_view(compiled.plan).tables if t.title == "主要指标")
    assert all("人社局" not in row[5] and "组织部" not in row[5] for row in metrics.rows)  # never printed
    assert "R" in "".join(codes(compile_body('metric 人才 "引进人才" {\n  target done\n  follow_up 统计局\n}\n')))

