"""Owner conventions as plan-wide settings: the separator, grouped tails and the common sentence forms.

The texts are 广州's (tests/corpus/plans/guangzhou-2012-rencai-jiju): （牵头单位：市经贸委，配合单位：
市人力资源和社会保障局、市工商联，各区、县级市）, written with two settings instead of verbatim owner_text.
"""

from __future__ import annotations

import pytest

from tests.compiler.forms_helpers import codes, compile_body, errors

UNITS = '''unit 经贸委 "市经贸委"
unit 人社 "市人力资源和社会保障局"
unit 工商联 "市工商联"
unit 区县 "各区、县级市"
'''


def _owners(action: str, settings: str = "", section: str = "") -> str | None:
    compiled = compile_body(UNITS + f'section 任务 "主要任务" {{\n{section}  action 甲 "民营企业家素质提升项目" {{\n'
                            f'    text "组织开展民营企业家培训。"\n{action}  }}\n}}\n', settings)
    assert compiled.plan is not None and not errors(compiled), compiled.diagnostics
    return compiled.plan.actions[0].owners_text


GUANGZHOU = '    lead 市经贸委\n    co 市人力资源和社会保障局 市工商联 "各区、县级市"\n'


def test_the_default_convention() -> None:
    assert _owners(GUANGZHOU) == "（牵头单位：市经贸委；配合单位：市人力资源和社会保障局、市工商联、各区、县级市）"


def test_separator_and_group_as_plan_settings() -> None:
    settings = '  owner_separator "，"\n  owner_group 区县\n'
    assert _owners(GUANGZHOU, settings) == "（牵头单位：市经贸委，配合单位：市人力资源和社会保障局、市工商联，各区、县级市）"
    assert _owners('    lead 市人力资源和社会保障局\n    co "各区、县级市"\n', settings) == "（牵头单位：市人力资源和社会保障局，配合单位：各区、县级市）"
    chinese = '  责任分隔 "，"\n  责任分组 区县\n'
    assert _owners(GUANGZHOU, chinese) == _owners(GUANGZHOU, settings)


def test_a_section_setting_applies_below_it() -> None:
    assert _owners(GUANGZHOU, section='  owner_separator "，"\n') == (
        "（牵头单位：市经贸委，配合单位：市人力资源和社会保障局、市工商联、各区、县级市）")


@pytest.mark.parametrize(("style", "owners", "text"), [
    ("lead_by_function", "    lead 市经贸委\n    co 市人力资源和社会保障局 市工商联\n", "（市经贸委牵头，市人力资源和社会保障局、市工商联等按职能分工负责）"),
    ("led_with", "    lead 市经贸委\n    co 市人力资源和社会保障局 市工商联\n", "（由市经贸委牵头，市人力资源和社会保障局、市工商联参加）"),
    ("by_duty", "    responsible 市经贸委 市人力资源和社会保障局\n", "（市经贸委、市人力资源和社会保障局按职责分工负责）"),
])
def test_the_common_sentence_forms(style: str, owners: str, text: str) -> None:
    assert _owners(owners, f"  owner_style {style}\n") == text


def test_a_group_must_be_a_unit() -> None:
    compiled = compile_body(UNITS, "  owner_group 各区\n")
    assert any(code.startswith("R") for code in codes(compiled))
