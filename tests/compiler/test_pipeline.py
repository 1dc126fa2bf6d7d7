"""The pipeline's semantics: includes, acknowledgements, numbering, owner text."""

from __future__ import annotations

import os
from pathlib import Path

from compiler.text import plain_text
from diagnostics import has_errors

HEAD = 'plan demo {\n  title "示例方案"\n  period 2022..2025\n  punctuation halfwidth\n  owner_style leader_unit\n}\n'


def codes(compiled) -> list[str]:  # type: ignore[no-untyped-def]
    return [d.code for d in compiled.diagnostics]


def test_include_is_spliced_in_place(compile_text) -> None:  # type: ignore[no-untyped-def]
    compiled = compile_text(
        HEAD + 'include "units/city.plan"\nsection s "任务" {\n  action a "甲" {\n    text "正文。"\n    lead 市发改委\n  }\n}\n',
        files={"units/city.plan": 'unit 发改委 "市发展和改革委员会" aka 市发改委\n'},
    )
    assert not has_errors(compiled.diagnostics), compiled.diagnostics
    assert compiled.plan.files == ["test.plan", "units/city.plan"]
    assert compiled.plan.units[0].source.file == "units/city.plan"


def test_include_cannot_escape_through_a_symlink(tmp_path: Path, compile_text) -> None:  # type: ignore[no-untyped-def]
    outside = tmp_path.parent / f"{tmp_path.name}-outside"
    outside.mkdir()
    (outside / "secret.plan").write_text('unit x "X"\n', encoding="utf-8")
    os.symlink(outside, tmp_path / "linked")
    compiled = compile_text(HEAD + 'include "linked/secret.plan"\n')
    assert codes(compiled) == ["F004"]


def test_ack_marks_a_warning_and_it_no_longer_counts(compile_text) -> None:  # type: ignore[no-untyped-def]
    compiled = compile_text(HEAD + 'section s "保障措施" {\n  ack V018 "原文此节无正文"\n}\n')
    [diagnostic] = compiled.diagnostics
    assert diagnostic.code == "V018"
    assert diagnostic.acknowledged == "原文此节无正文"


def test_ack_outside_the_block_does_not_cover(compile_text) -> None:  # type: ignore[no-untyped-def]
    compiled = compile_text(
        HEAD + 'section a "甲" {\n  ack V018 "不在此节"\n  text "正文。"\n}\nsection b "乙" {\n}\n'
    )
    assert sorted(codes(compiled)) == ["V017", "V018"]
    assert all(d.acknowledged is None for d in compiled.diagnostics)


def test_numbering_and_owner_text_follow_the_source_conventions(compile_text) -> None:  # type: ignore[no-untyped-def]
    compiled = compile_text(
        HEAD
        + 'unit 发改委 "市发展和改革委员会" aka 市发展改革委\nunit 工信局 "市工业和信息化局"\nperson 贺辉 "贺辉"\n'
        + 'section 总体 "总体要求" {\n  text "总体。"\n}\n'
        + 'section 主要 "主要任务" {\n'
        + '  section 三 "“三大支撑”工作" {\n'
        + '    action 电力 "强化电力支撑" {\n      text "积极发展新能源。"\n      lead_leader 贺辉\n      lead 市发展改革委\n'
        + '      action 电网 {\n        form inline\n        text "持续加大电网建设。"\n        lead 工信局\n      }\n    }\n'
        + '    action 算力 "强化算力支撑" {\n      text "提升算力。"\n      lead 工信局\n    }\n  }\n'
        + '  section 八 "“八项重点”工作" {\n    numbering continue\n'
        + '    action 市场 "推进市场主体倍增" {\n      text "倍增。"\n      lead 市发展改革委\n    }\n  }\n}\n'
    )
    assert not compiled.diagnostics, compiled.diagnostics
    text = plain_text(compiled.plan).splitlines()
    assert text == [
        "示例方案",
        "一、总体要求",
        "总体。",
        "二、主要任务",
        "(一)“三大支撑”工作",
        "1.强化电力支撑。积极发展新能源。(牵头领导:贺辉;牵头单位:市发展改革委)持续加大电网建设。(牵头单位:工信局)",
        "2.强化算力支撑。提升算力。(牵头单位:工信局)",
        "(二)“八项重点”工作",
        "3.推进市场主体倍增。倍增。(牵头单位:市发展改革委)",
    ]


def test_chinese_keywords_compile_to_the_same_plan(compile_text, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from compiler.convert import convert_keywords
    from targets.serialize import dump_json

    source = (
        HEAD + 'unit 发改委 "市发展和改革委员会" aka 市发改委\n'
        + 'section s "任务" {\n  action a "甲" {\n    text "正文。"\n    lead 市发改委\n'
        + '    metric m "增速" unit % kind growth {\n      target >= 8.5% by 2025 strive\n    }\n  }\n}\n'
        + 'cadence c "每季度督查" {\n  every quarter at_least\n  owner 市发改委\n}\n'
    )
    english = compile_text(source, name="en.plan")
    chinese_text = convert_keywords(source, "zh")
    assert chinese_text is not None and "方案" in chinese_text and "力争" in chinese_text
    chinese = compile_text(chinese_text, name="en.plan")
    assert dump_json(english.plan) == dump_json(chinese.plan)


def test_compiling_restores_the_callers_garbage_collector_thresholds(compile_text) -> None:  # type: ignore[no-untyped-def]
    # compile_file runs the collector less often while it works; a long-running caller
    # (the language server) must get its own thresholds back, after success or failure
    import gc

    from tests.sample_plan import SAMPLE_PLAN

    previous = gc.get_threshold()
    gc.set_threshold(1234, 5, 6)
    try:
        assert compile_text(SAMPLE_PLAN).plan is not None
        assert gc.get_threshold() == (1234, 5, 6)
        assert compile_text("plan {").plan is None
        assert gc.get_threshold() == (1234, 5, 6)
    finally:
        gc.set_threshold(*previous)
