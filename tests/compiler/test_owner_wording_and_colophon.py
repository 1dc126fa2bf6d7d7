"""Language features added for 岳阳's plan: owner_wording, the annex list (附件说明),
the colophon (版记), metrics that share a name, and V028 comparing values numerically."""

from __future__ import annotations

from compiler.text import plain_text

HEAD = """plan demo {
  title "示例方案"
  period 2025
  owner_style lead_by_function
  punctuation halfwidth
}
unit 发改委 "市发展和改革委员会" aka 市发改委
unit 市商务局 "岳阳市商务局"
unit 市财政局 "岳阳市财政局"
unit 县政府 "各县市区政府(管委会)"
"""


def tasks(body: str) -> str:
    return HEAD + 'section s "任务" {\n' + body + "}\n"


def codes(compiled) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted(d.code for d in compiled.diagnostics)


def owners(compiled, action_id: str) -> str | None:  # type: ignore[no-untyped-def]
    return next(a.owners_text for a in compiled.plan.actions if a.id == action_id)


def test_default_lead_by_function_wording(compile_text) -> None:  # type: ignore[no-untyped-def]
    compiled = compile_text(tasks('action a "甲" {\n  lead 市发改委\n  co 市商务局 市财政局\n}\n'))
    assert codes(compiled) == []
    assert owners(compiled, "a") == "(市发改委牵头,市商务局、市财政局等按职能分工负责)"


def test_owner_wording_replaces_the_style_wording(compile_text) -> None:  # type: ignore[no-untyped-def]
    text = tasks("""
action a "甲" {
  lead 市发改委 市商务局
  co 市财政局
  owner_wording "{lead}分别牵头,{co}按职能分工负责"
}
action b "乙" {
  responsible 市发改委 市商务局
  owner_wording "{responsible}等按职能分工负责"
}
action c "丙" {
  lead 市发改委
  owner_wording "{lead}牵头"
}
action d "丁" {
  lead 市发改委
  co 市商务局 市财政局
  owner_wording "{lead}牵头,{co:和}等按职能分工负责"
}
""")
    compiled = compile_text(text)
    assert codes(compiled) == []
    assert owners(compiled, "a") == "(市发改委、市商务局分别牵头,市财政局按职能分工负责)"
    assert owners(compiled, "b") == "(市发改委、市商务局等按职能分工负责)"
    assert owners(compiled, "c") == "(市发改委牵头)"
    assert owners(compiled, "d") == "(市发改委牵头,市商务局和市财政局等按职能分工负责)"
    assert "丙。(市发改委牵头)" not in plain_text(compiled.plan)
    assert "丙(市发改委牵头)" in plain_text(compiled.plan)


def test_keep_brackets(compile_text) -> None:  # type: ignore[no-untyped-def]
    text = tasks("""
action a "甲" {
  responsible "各县市区政府(管委会)"
  co 市财政局
  owner_wording "{responsible},{co}等按职能分工负责"
}
action b "乙" {
  responsible "各县市区政府(管委会)"
  co 市财政局
  owner_wording "{responsible},{co}等按职能分工负责" keep_brackets
}
""")
    compiled = compile_text(text)
    assert codes(compiled) == []
    assert owners(compiled, "a") == "[各县市区政府(管委会),市财政局等按职能分工负责]"
    assert owners(compiled, "b") == "(各县市区政府(管委会),市财政局等按职能分工负责)"


def test_v030_wording_must_match_the_owners(compile_text) -> None:  # type: ignore[no-untyped-def]
    text = tasks("""
action a "漏了配合单位" {
  lead 市发改委
  co 市商务局
  owner_wording "{lead}牵头负责"
}
action b "多了责任单位" {
  lead 市发改委
  owner_wording "{lead}牵头,{responsible}负责"
}
action c "未知占位" {
  lead 市发改委
  owner_wording "{lead}牵头,{unit}负责"
}
""")
    compiled = compile_text(text)
    assert codes(compiled) == ["V030", "V030", "V030"]
    messages = " | ".join(d.message for d in compiled.diagnostics)
    assert "`a` leaves out its co units" in messages
    assert "`b` names {responsible}" in messages
    assert "unknown placeholder {unit}" in messages


def test_annex_list_and_colophon(compile_text) -> None:  # type: ignore[no-untyped-def]
    text = HEAD.replace("  punctuation halfwidth\n", """  punctuation halfwidth
  annex_list
  copy_to "市委各部门。" "各民主党派市委。"
  printed "示例市人民政府办公室" 2025-02-07
""") + """
section s "组织实施" {
  text "加强组织领导。"
}
annex 附件1 "甲实施方案" {
  preamble "为……,制定本方案。"
}
annex 附件2 "乙实施方案" {
  preamble "为……,特制定本方案。"
}
"""
    compiled = compile_text(text)
    assert codes(compiled) == []
    lines = plain_text(compiled.plan).splitlines()
    body_end = lines.index("加强组织领导。")
    assert lines[body_end + 1 : body_end + 3] == ["附件:1.甲实施方案", "2.乙实施方案"]
    assert lines[body_end + 3] == "附件1"
    assert lines[-3:] == ["抄送:市委各部门。", "各民主党派市委。", "示例市人民政府办公室2025年2月7日印发"]
    assert compiled.plan.printed is not None and compiled.plan.printed.date.isoformat() == "2025-02-07"


def test_a_single_annex_is_listed_without_a_number(compile_text) -> None:  # type: ignore[no-untyped-def]
    text = HEAD.replace("  punctuation halfwidth\n", "  annex_list\n") + 'annex 附件1 "甲实施方案" {\n  preamble "为……。"\n}\n'
    compiled = compile_text(text)
    assert "附件：甲实施方案" in plain_text(compiled.plan).splitlines()


def test_without_annex_list_no_list_is_printed(compile_text) -> None:  # type: ignore[no-untyped-def]
    compiled = compile_text(HEAD + 'annex 附件1 "甲实施方案" {\n  preamble "为……。"\n}\n')
    assert not any(line.startswith("附件:") for line in plain_text(compiled.plan).splitlines())


METRICS = HEAD + """
metric m1 "高新技术产业增加值" unit % kind growth {
  target >= 8% by 2025
}
metric m2 "高新技术产业增加值" unit % kind growth {
  target >= {annex} by 2025 strive
}
"""


def test_metrics_may_share_a_name_and_v028_compares_them(compile_text) -> None:  # type: ignore[no-untyped-def]
    assert codes(compile_text(METRICS.replace("{annex}", "6%"))) == ["V028"]
    assert codes(compile_text(METRICS.replace("{annex}", "8.0%"))) == []  # 8.0% is 8%


def test_a_reference_by_a_shared_metric_name_is_ambiguous(compile_text) -> None:  # type: ignore[no-untyped-def]
    text = METRICS.replace("{annex}", "8%") + """
metric total "合计" unit % kind growth {
  part 高新技术产业增加值
  target >= 8% by 2025
}
"""
    compiled = compile_text(text)
    assert "R008" in codes(compiled)
    assert any("could mean any of `m1`, `m2`" in d.message for d in compiled.diagnostics)


def test_chinese_spellings(compile_text) -> None:  # type: ignore[no-untyped-def]
    text = """方案 demo {
  标题 "示例方案"
  实施期限 2025
  责任格式 lead_by_function
  标点 halfwidth
  附件说明
  抄送 "各民主党派市委。"
  印发 "示例市人民政府办公室" 2025年2月7日
}
单位 县政府 "各县市区政府(管委会)"
单位 市财政局 "岳阳市财政局"
部分 s "任务" {
  任务 a "甲" {
    责任单位 "各县市区政府(管委会)"
    配合单位 市财政局
    责任措辞 "{responsible},{co}等按职能分工负责" 保留括号
  }
}
附件 附件1 "甲实施方案" {
  前言 "为……。"
}
"""
    compiled = compile_text(text)
    assert codes(compiled) == []
    lines = plain_text(compiled.plan).splitlines()
    assert "(一)甲(各县市区政府(管委会),市财政局等按职能分工负责)" in lines
    assert "附件:甲实施方案" in lines
    assert lines[-2:] == ["抄送:各民主党派市委。", "示例市人民政府办公室2025年2月7日印发"]
