"""A committee written inside an annex prints its roster there; `flag … top N applies …`."""

from __future__ import annotations

from compiler.text import plain_text

REGISTRY = """
unit 市委 "中共湘潭市委"
unit 市政府 "湘潭市人民政府"
person 刘志仁 "刘志仁" role "市委书记" unit 市委
person 胡贺波 "胡贺波" role "市委副书记、市人民政府市长" unit 市政府
person 吴志雄 "吴志雄" role "市委常委、市人民政府常务副市长" unit 市政府
person 蒋文龙 "蒋文龙" role "市人民政府秘书长"
"""

ROSTER = """
committee 领导小组 "某工程工作领导小组" {
  member 刘志仁 胡贺波 as "组长"
  member 吴志雄 as "常务副组长"
  member 蒋文龙 as "成员"
  text "领导小组下设办公室。"
}
"""


def test_committee_in_annex_prints_its_roster_in_place(compile_text) -> None:
    compiled = compile_text(
        'include "reg.plan"\n'
        'plan demo {\n  title "示例方案"\n  period 2022\n  punctuation halfwidth\n}\n'
        'section 一 "总则" {\n  text "正文。"\n}\n'
        'annex 附件1 "领导小组组成人员名单" {\n  include "roster.plan"\n}\n'
        'annex 附件2 "办法" {\n  text "办法正文。"\n}\n',
        files={"reg.plan": REGISTRY, "roster.plan": ROSTER},
    )
    assert compiled.ok, [d.message for d in compiled.diagnostics]
    plan = compiled.plan
    committee = plan.committees[0]
    assert committee.annex == "附件1"
    assert [(m.person, m.position) for m in committee.members] == [
        ("刘志仁", "组长"), ("胡贺波", "组长"), ("吴志雄", "常务副组长"), ("蒋文龙", "成员"),
    ]
    annex = next(s for s in plan.sections if s.id == "附件1")
    assert [(i.kind, i.ref) for i in annex.content] == [("committee", "领导小组")]
    lines = plain_text(plan).splitlines()
    start = lines.index("领导小组组成人员名单")
    assert lines[start + 1 : start + 6] == [
        "组长:刘志仁 市委书记",
        "胡贺波 市委副书记、市人民政府市长",
        "常务副组长:吴志雄 市委常委、市人民政府常务副市长",
        "成员:蒋文龙 市人民政府秘书长",
        "领导小组下设办公室。",
    ]
    assert lines[start + 6] == "附件2"  # the roster sits in its annex, before the next one


def test_committee_at_top_level_is_not_printed(compile_text) -> None:
    compiled = compile_text(
        'plan demo {\n  title "示例方案"\n  period 2022\n}\n' + REGISTRY + ROSTER,
    )
    assert compiled.ok, [d.message for d in compiled.diagnostics]
    assert compiled.plan.committees[0].annex is None
    assert "刘志仁" not in plain_text(compiled.plan)


def test_committee_inside_a_section_is_not_allowed(compile_text) -> None:
    compiled = compile_text(
        'plan demo {\n  title "示例方案"\n  period 2022\n}\n' + REGISTRY
        + 'section 一 "总则" {\n' + ROSTER + "}\n",
    )
    assert [d.code for d in compiled.diagnostics] == ["M004"]


SCORING = """
unit 甲 "甲县"
unit 乙 "乙县"
unit 丙 "丙局"
unit 办 "考评办"
scoring 考评 "办法" {
  every quarter
  formula 全部 {
    member 甲 乙 丙
    component 办 max 100
  }
  rank_points 五档 100% 90%
  group 县组 {
    member 甲 乙
    period_weights 15% 25% 25% 35%
    rank_points 五档
  }
  group 局组 {
    member 丙
    period_weights 15% 25% 25% 35%
    rank_points 五档
  }
  flag 末位 "每季度各组最后一名作出说明" lowest
  flag 表彰 "县组前二名纳入奖励对象" top 2 applies 县组
  flag 表彰局 前 1 适用于 局组
}
"""


def test_flags_lowest_and_top(compile_text) -> None:
    compiled = compile_text('plan demo {\n  title "示例方案"\n  period 2022\n}\n' + SCORING)
    assert compiled.ok, [d.message for d in compiled.diagnostics]
    flags = {f.id: f for f in compiled.plan.scoring.flags}
    def shape(flag_id: str) -> tuple[object, ...]:
        flag = flags[flag_id]
        return flag.rule, flag.count, flag.applies

    assert shape("末位") == ("lowest", None, [])
    assert shape("表彰") == ("top", 2, ["县组"])
    assert shape("表彰局") == ("top", 1, ["局组"])


def test_flag_cannot_be_both_lowest_and_top(compile_text) -> None:
    text = SCORING.replace('top 2 applies 县组', 'lowest top 2')
    compiled = compile_text('plan demo {\n  title "示例方案"\n  period 2022\n}\n' + text)
    assert not compiled.ok
    assert "M002" in [d.code for d in compiled.diagnostics]


def test_flag_top_needs_a_whole_count(compile_text) -> None:
    text = SCORING.replace("top 2", "top 1.5")
    compiled = compile_text('plan demo {\n  title "示例方案"\n  period 2022\n}\n' + text)
    assert not compiled.ok
    assert [d.code for d in compiled.diagnostics if d.severity.value == "error"] == ["M002"]


def test_flag_applies_to_an_unknown_group(compile_text) -> None:
    text = SCORING.replace("applies 县组", "applies 市组")
    compiled = compile_text('plan demo {\n  title "示例方案"\n  period 2022\n}\n' + text)
    assert "R005" in [d.code for d in compiled.diagnostics]
