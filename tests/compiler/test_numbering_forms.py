"""Numbering as plans number: one count through parts and levels, restart per part, run-in section titles.

The structure is 广州's (tests/corpus/plans/guangzhou-2012-rencai-jiju): items 1… run on through parts, some
directly under 一、, some under (一), while (一)(二) restart in each part.
"""

from __future__ import annotations

from compiler.text import reading_order
from tests.compiler.forms_helpers import codes, compile_body

BODY = '''section 目标 "总体目标" {
  numbering arabic
  action 目标项 "目标" {
    text "2012年起5年内，大力实施六大人才行动计划。"
  }
}
section 六大 "实施六大人才行动计划" {
  section 产业 "产业提升人才行动计划" {
    form run_in
    text "围绕发展战略性主导产业，以提升产业竞争力为核心。"
    action 紧缺 "战略性主导产业紧缺人才开发项目" {
      text "5年内重点引进紧缺人才。"
    }
    action 企业家 "羊城企业家培养项目" {
      text "加强市管企业领导人员队伍建设。"
    }
  }
  section 科技 "科技创新人才行动计划" {
    form run_in
    text "围绕加快建设国家创新型城市。"
    action 百人 "“百人计划”拓展项目" {
      text "深入实施“创新创业领军人才百人计划”。"
    }
  }
}
section 机制 "创新人才工作体制机制" {
  numbering arabic
  action 党管 "健全党管人才领导体制和工作格局" {
    text "建立健全各级党委统一领导的人才工作格局。"
  }
}
'''


def _paragraphs(settings: str = "") -> list[str]:
    compiled = compile_body(BODY, settings)
    assert compiled.plan is not None and not codes(compiled), compiled.diagnostics
    return [block.text for block in reading_order(compiled.plan) if not block.role]


def _numbered(paragraphs: list[str]) -> list[str]:
    return [p.split("。")[0] for p in paragraphs if p[:1].isdigit()]


def test_each_list_restarts_by_default() -> None:
    assert _numbered(_paragraphs()) == [
        "1.目标", "1.战略性主导产业紧缺人才开发项目", "2.羊城企业家培养项目", "1.“百人计划”拓展项目",
        "1.健全党管人才领导体制和工作格局"]


def test_through_numbers_on_across_parts_and_levels() -> None:
    paragraphs = _paragraphs("  numbering through arabic\n")
    assert _numbered(paragraphs) == [
        "1.目标", "2.战略性主导产业紧缺人才开发项目", "3.羊城企业家培养项目", "4.“百人计划”拓展项目",
        "5.健全党管人才领导体制和工作格局"]
    assert "（二）科技创新人才行动计划。围绕加快建设国家创新型城市。" in paragraphs  # (一)(二) still restart per part
    assert _numbered(_paragraphs("  编号 贯通 数字\n")) == _numbered(paragraphs)


def test_a_run_in_section_opens_its_first_paragraph() -> None:
    paragraphs = _paragraphs()
    assert "（一）产业提升人才行动计划。围绕发展战略性主导产业，以提升产业竞争力为核心。" in paragraphs
    assert "二、实施六大人才行动计划" in paragraphs  # a heading section stays a heading
    assert not any(p == "（一）产业提升人才行动计划" for p in paragraphs)


def test_a_section_takes_only_heading_or_run_in() -> None:
    assert "M001" in codes(compile_body('section 产业 "产业提升" {\n  form inline\n  text "围绕。"\n}\n'))
