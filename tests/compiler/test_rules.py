"""The domain rules beyond their diagnostic cases: what they must not report, and edge cases."""

from __future__ import annotations

from compiler.rules.owners import _abbreviates

HEAD = 'plan p {\n  title "T"\n  period 2022..2025\n}\n'


def codes(compiled) -> list[str]:  # type: ignore[no-untyped-def]
    return [d.code for d in compiled.diagnostics]


def test_abbreviations() -> None:
    assert _abbreviates("市发改委", "市发展改革委")
    assert _abbreviates("市工信局", "市工业和信息化局")
    assert not _abbreviates("市政府", "市政府办公室")  # a different unit: the last character differs
    assert not _abbreviates("市委", "市委办")  # too short to judge
    assert not _abbreviates("市教育局", "市体育局")  # same length: a different unit, not a spelling
    assert not _abbreviates("市人民政府办公室", "市人民政府金融工作办公室")  # one inserted block: a sub-office
    assert _abbreviates("市文旅局", "市文化旅游局")


def test_parent_and_child_units_are_not_spellings(compile_text) -> None:  # type: ignore[no-untyped-def]
    result = compile_text(HEAD + 'unit 市政府 "市人民政府"\nunit 政府办 "市人民政府办公室"\nunit 县政府 "县人民政府"\n')
    assert "V055" not in codes(result)


def test_reachable_increments_are_quiet(compile_text) -> None:  # type: ignore[no-untyped-def]
    # 1245 + 135 × 4 = 1785 ≥ 1650: the 益阳 figures are consistent
    result = compile_text(HEAD + 'metric 总数 "规模工业企业总数" unit 家 {\n  base 2021 1245家\n  target >= 1650家 by 2025\n}\n'
                          'metric 新增 "新增规模工业企业" unit 家 kind per_year {\n  adds_to 总数\n'
                          '  target >= 135家 each_year from 2022 until 2025\n}\n')
    assert codes(result) == []


def test_increments_count_only_the_years_after_the_base(compile_text) -> None:  # type: ignore[no-untyped-def]
    # base 2023: only 2024 and 2025 add, 1500 + 2 × 70 = 1640 < 1650
    result = compile_text(HEAD + 'metric 总数 "规模工业企业总数" unit 家 {\n  base 2023 1500家\n  target >= 1650家 by 2025\n}\n'
                          'metric 新增 "新增规模工业企业" unit 家 kind per_year {\n  adds_to 总数\n'
                          '  target >= 70家 each_year from 2022 until 2025\n}\n')
    (diagnostic,) = result.diagnostics
    assert diagnostic.code == "V053" and "70家 × 2 years" in diagnostic.message and "1640家" in diagnostic.message


def test_annual_plan_growth_needs_no_base(compile_text) -> None:  # type: ignore[no-untyped-def]
    result = compile_text('plan p {\n  title "T"\n  period 2024\n}\nmetric g "地区生产总值增长" unit % kind growth {\n'
                          '  target >= 6.5% by 2024 strive\n}\n')
    assert codes(result) == []


def test_pp_change_of_a_rate_is_fine(compile_text) -> None:  # type: ignore[no-untyped-def]
    result = compile_text(HEAD + 'metric r "城镇化率提高" unit 个百分点 kind pp_change {\n  base 2021\n'
                          '  target >= 1个百分点 by 2025 strive\n}\n')
    assert codes(result) == []


def test_parts_are_matched_by_date(compile_text) -> None:  # type: ignore[no-untyped-def]
    # the parts' 2023 targets must not be added to the whole's 2025 target
    parts = ''.join(
        f'metric {p} "{p}" unit 万户 {{\n  target >= {a}万户 by 2023\n  target >= {b}万户 by 2025\n}}\n'
        for p, a, b in (("企业", "9", "11.1"), ("个体", "35", "39"), ("合作社", "0.8", "0.91"))
    )
    whole = 'metric 总量 "市场主体总量" unit 万户 {\n  part 企业 个体 合作社\n  target >= 51.01万户 by 2025\n}\n'
    assert codes(compile_text(HEAD + whole + parts)) == []
    wrong = whole.replace("51.01", "52")
    (diagnostic,) = compile_text(HEAD + wrong + parts).diagnostics
    assert diagnostic.code == "V022" and "51.01万户" in diagnostic.message


def test_plan_wide_missing_owner(compile_text) -> None:  # type: ignore[no-untyped-def]
    units = 'unit 发改委 "市发展和改革委员会"\n'
    sections = (
        'section 一 "甲" {\n  action a "一" {\n    lead 发改委\n  }\n  action b "二" {\n    lead 发改委\n  }\n}\n'
        'section 二 "乙" {\n  action c "三" {\n    text "……"\n  }\n}\n'
    )
    result = compile_text(HEAD + units + sections)
    (diagnostic,) = result.diagnostics
    assert diagnostic.code == "V005" and "only one of the plan's 3 actions" in diagnostic.message


def test_owners_inherited_from_a_parent_action(compile_text) -> None:  # type: ignore[no-untyped-def]
    units = 'unit 发改委 "市发展和改革委员会"\n'
    text = HEAD + units + (
        'section 一 "甲" {\n  action a "一" {\n    lead 发改委\n    action a1 "子" {\n      text "……"\n    }\n  }\n'
        '  action b "二" {\n    lead 发改委\n  }\n}\n'
    )
    assert "V005" not in codes(compile_text(text))


def test_unknown_unit_hint_names_the_unit(compile_text) -> None:  # type: ignore[no-untyped-def]
    text = HEAD + 'unit 发改委 "市发展和改革委员会" aka 市发改委\nsection s "一" {\n  action a "甲" {\n    lead 市发改\n  }\n}\n'
    (diagnostic,) = compile_text(text).diagnostics
    assert diagnostic.code == "R002" and diagnostic.hint == "did you mean `市发改委` (unit `发改委`)?"


def test_firmness_in_order_is_quiet(compile_text) -> None:  # type: ignore[no-untyped-def]
    text = HEAD + 'metric m "上市企业" unit 家 {\n  target >= 10家 by 2025 must\n  target >= 15家 by 2025 strive\n}\n'
    assert codes(compile_text(text)) == []


def test_cadence_titles_of_the_sources_agree_with_their_frequency(compile_text) -> None:  # type: ignore[no-untyped-def]
    titles = [
        ("纳入市政府年度督查计划,每季度督查一次", "quarter"),
        ("牵头单位每周召集相关单位会商", "week"),
        ("市人民政府分管副市长每旬调度工作推进情况", "dekad"),
        ("市长每月进行分析讲评", "month"),
        ("市委书记每季组织产业项目观摩并考核讲评", "quarter"),
        ("半年度各产业链链长和县市区(园区)主要负责人就“千百十”工作推进情况述职", "halfyear"),
        ("市长至少半年调度一次", "halfyear"),
        ("常务副市长至少每个季度调度一次", "quarter"),
        ("各牵头副市长一月调度一次", "month"),
        ("双周一督导", "2 week"),
        ("周会商、旬调度、月分析", "week"),  # several frequencies: not judged
    ]
    text = HEAD + 'unit 市政府 "市人民政府"\n' + "".join(
        f'cadence c{i} "{title}" {{\n  every {every}\n  owner 市政府\n}}\n' for i, (title, every) in enumerate(titles)
    )
    assert codes(compile_text(text)) == []
    wrong = HEAD + 'unit 市政府 "市人民政府"\ncadence c "各牵头副市长一月调度一次" {\n  every quarter\n  owner 市政府\n}\n'
    (diagnostic,) = compile_text(wrong).diagnostics
    assert diagnostic.code == "V068" and "(month)" in diagnostic.message
