"""document.md and the schedule print figures and dates back as the source writes them; duties without a fixed
frequency are listed in the timetable and put nothing on the calendar."""

from __future__ import annotations

from targets.docs.view import document_view
from targets.schedule import schedule_of
from tests.compiler.forms_helpers import codes, compile_body

BODY = '''metric 领军人才 "引进产业领军人才" unit 名 {
  target 2000名左右 by 2016
}
metric 创新团队 "引进创新创业团队" unit 个 {
  target 以上 100个 by 2016年底前 strive
}
metric 基地 "人才基地" unit 个 {
  target 1—2个 by 2016
}
deadline 细则 "制定完成具体实施细则" {
  due 2012年10月底前
  owner 组织部
}
deadline 总结 "报送年度工作总结" {
  due 年底前
  owner 人社局
}
cadence 公布 "定期向社会公布" {
  every regularly
  owner 组织部 人社局
}
cadence 留交会 "留交会海外人才引进工作常态化" {
  every 常态化
  owner 人社局
}
'''


def _plan():  # type: ignore[no-untyped-def]
    compiled = compile_body(BODY)
    assert compiled.plan is not None and not codes(compiled), compiled.diagnostics
    return compiled.plan


def _table(title: str) -> list[tuple[str, ...]]:
    view = document_view(_plan())
    return list(next(t for t in view.tables if t.title == title).rows)


def test_figures_print_in_the_sources_own_order() -> None:
    rows = _table("主要指标")
    assert [(r[0], r[1]) for r in rows] == [
        ("引进产业领军人才", "2000名左右"), ("引进创新创业团队", "100个以上"), ("人才基地", "1—2个")]
    assert rows[1][3] == "2016年底前"  # the target's date, as written


def test_dates_and_timings_print_as_written() -> None:
    rows = {r[0]: r for r in _table("工作机制与时间节点")}
    assert rows["制定完成具体实施细则"][2] == "2012年10月底前"
    assert rows["报送年度工作总结"][2] == "年底前"
    assert rows["定期向社会公布"][2] == "定期"
    assert rows["留交会海外人才引进工作常态化"][2] == "常态化"


def test_a_duty_without_a_frequency_has_no_events_but_a_rule() -> None:
    schedule = schedule_of(_plan())
    rules = {r.id: r for r in schedule.rules}
    assert (rules["公布"].events, rules["公布"].frequency, rules["公布"].every) == (0, "定期", None)
    assert rules["公布"].owners == ["市委组织部", "市人社局"]
    assert not [e for e in schedule.events if e.rule in ("公布", "留交会")]
    # the written year-less date falls in every year of the period, on the last day of December
    assert sorted(e.date.isoformat() for e in schedule.events if e.rule == "总结") == [
        f"{year}-12-31" for year in range(2012, 2017)]
    assert [e.date.isoformat() for e in schedule.events if e.rule == "细则"] == ["2012-10-31"]
    assert rules["细则"].frequency == "2012年10月底前"


def test_a_timing_word_takes_no_count() -> None:
    compiled = compile_body('cadence 公布 "定期向社会公布" {\n  every 2 regularly\n  owner 组织部\n}\n')
    assert "M002" in codes(compiled)
    assert "M011" not in codes(compiled)
