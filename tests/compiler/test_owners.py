"""`owner_text`: an action's owners printed exactly as the source wrote them, checked against its owners.

Also the two reading-order details the 潜江 plan relies on: a title without text before a
run-on sub-item (一是…) still ends its sentence, and V029 reads owner text and the notice/preamble.
"""

from __future__ import annotations

from compiler.text import plain_text
from diagnostics import Severity

HEADER = """plan demo {
  title "示例方案"
  period 2022..2025
  owner_style responsible_units
  punctuation halfwidth
}
unit 发改委 "市发展和改革委员会" aka 市发改委
unit 住建局 "市住房和城乡建设局" aka 市住建局
unit 区镇 "相关区镇街道"
"""


def codes(compiled) -> list[str]:
    return [d.code for d in compiled.diagnostics]


def test_owner_text_is_printed_instead_of_the_generated_owners(compile_text) -> None:
    compiled = compile_text(HEADER + """
section s "重点任务" {
  action a "加快特色小镇建设" {
    text "补齐小城镇发展短板"
    responsible 市发改委 市住建局 相关区镇街道
    owner_text "(责任单位:市发改委、市住建局等,相关区镇街道)"
  }
  action b "加快县城建设" {
    text "提升城市治理水平"
    responsible 市发改委
  }
}
""")
    assert compiled.ok, compiled.diagnostics
    assert compiled.plan is not None
    actions = {a.id: a for a in compiled.plan.actions}
    assert actions["a"].owners_text == "(责任单位:市发改委、市住建局等,相关区镇街道)"
    assert actions["a"].owners_verbatim == "(责任单位:市发改委、市住建局等,相关区镇街道)"
    # the owners stay structured: ids from the registry, spelled as written
    assert actions["a"].responsible_units == ["发改委", "住建局", "区镇"]
    assert [o.as_written for o in actions["a"].owners] == ["市发改委", "市住建局", "相关区镇街道"]
    # an action without owner_text keeps the generated form
    assert actions["b"].owners_text == "(责任单位:市发改委)"
    assert "补齐小城镇发展短板(责任单位:市发改委、市住建局等,相关区镇街道)" in plain_text(compiled.plan)


def test_owner_text_must_name_every_owner(compile_text) -> None:
    compiled = compile_text(HEADER + """
section s "重点任务" {
  action a "甲" {
    text "正文"
    responsible 市发改委 市住建局
    owner_text "(责任单位:市发改委)"
  }
}
""")
    assert "M013" in codes(compiled)
    assert not compiled.ok
    message = next(d.message for d in compiled.diagnostics if d.code == "M013")
    assert "市住建局" in message


def test_owner_text_must_keep_the_owners_order(compile_text) -> None:
    compiled = compile_text(HEADER + """
section s "重点任务" {
  action a "甲" {
    text "正文"
    responsible 市发改委 市住建局
    owner_text "(责任单位:市住建局、市发改委)"
  }
}
""")
    assert codes(compiled).count("M013") == 1
    assert "after the owners before it" in next(d.message for d in compiled.diagnostics if d.code == "M013")


def test_owner_text_without_owners_is_an_error(compile_text) -> None:
    compiled = compile_text(HEADER + """
section s "重点任务" {
  action a "甲" {
    text "正文"
    owner_text "(责任单位:市发改委)"
  }
}
""")
    assert codes(compiled) == ["M013"]


def test_an_unclosed_owner_bracket_warns_and_can_be_acknowledged(compile_text) -> None:
    source = HEADER + """
section s "重点任务" {
  action a "甲" {
    text "正文"
    responsible 市发改委
    owner_text "(责任单位:市发改委"
    ACK
  }
}
"""
    warned = compile_text(source.replace("ACK", ""))
    assert codes(warned) == ["V029"]
    assert "the owner text of `a`" in warned.diagnostics[0].message
    assert warned.diagnostics[0].severity is Severity.WARNING and not warned.diagnostics[0].acknowledged
    acked = compile_text(source.replace("ACK", 'ack V029 "源文件括号未闭合"'))
    assert codes(acked) == ["V029"]
    assert acked.diagnostics[0].acknowledged == "源文件括号未闭合"


def test_generated_owner_text_never_warns(compile_text) -> None:
    compiled = compile_text(HEADER + """
section s "重点任务" {
  action a "甲" {
    text "正文"
    responsible 市发改委 市住建局
  }
}
""")
    assert compiled.diagnostics == []


def test_owner_text_keyword_in_chinese(compile_text) -> None:
    compiled = compile_text(HEADER + """
部分 s "重点任务" {
  任务 a "甲" {
    正文 "正文"
    责任单位 市发改委
    责任原文 "(责任单位:市发改委,相关区镇街道)"
    责任单位 相关区镇街道
  }
}
""")
    assert compiled.ok, compiled.diagnostics
    assert compiled.plan is not None
    assert compiled.plan.actions[0].owners_text == "(责任单位:市发改委,相关区镇街道)"


def test_a_title_before_run_on_sub_items_ends_its_sentence(compile_text) -> None:
    compiled = compile_text(HEADER + """
section s "重点任务" {
  action p "增强县城综合承载能力" {
    numbering cn_ordinal
    action a "加快确立发展布局" {
      text "突出中心城区地位"
      responsible 市发改委
    }
    action b "加快补短板" {
      text "提升治理水平"
      responsible 市住建局
    }
  }
}
""")
    assert compiled.ok, compiled.diagnostics
    assert compiled.plan is not None
    text = plain_text(compiled.plan)
    assert (
        "(一)增强县城综合承载能力。一是加快确立发展布局。突出中心城区地位(责任单位:市发改委)"
        "二是加快补短板。提升治理水平(责任单位:市住建局)"
    ) in text


def test_a_title_with_its_own_text_is_unchanged(compile_text) -> None:
    compiled = compile_text(HEADER + """
section s "重点任务" {
  action p "加强重大项目建设" {
    text "坚持常态化项目集中签约开工"
    responsible 市发改委
  }
}
""")
    assert compiled.plan is not None
    assert "(一)加强重大项目建设。坚持常态化项目集中签约开工(责任单位:市发改委)" in plain_text(compiled.plan)
    assert "。。" not in plain_text(compiled.plan)


def test_v029_reads_the_plan_preamble(compile_text) -> None:
    compiled = compile_text(HEADER.replace(
        'period 2022..2025', 'period 2022..2025\n  preamble "根据《某某方案的通知要求,制定本方案。"'
    ) + 'section s "一" {\n  text "正文。"\n}\n')
    assert codes(compiled) == ["V029"]
    assert "《" in compiled.diagnostics[0].message
