"""石城县2018年度河长制湖长制工作责任单位考核细则: the four worked cases of the corpus (cases.md), each step of the
arithmetic written out as the rubric's own words give it (readings 1–7 of cases.md)."""

from __future__ import annotations

from pathlib import Path

from targets.scoring.schema import ScoreRow
from tests.targets.scoring.rubric_helpers import ROOT, item, score_units

PLAN = ROOT / "plans" / "shicheng-2018-departments.plan"

# section 一 facts shared by the cases, as the assessors record them
ALL_MET = {"积极配合": "是", "成立领导小组": "是", "联络员入群": "是", "班子部署次数": "3次", "有宣传资料": "是",
           "月报次数": "12次", "参会次数": "4次", "应参会次数": "4次", "省级推广": "1篇", "市级推广": "0篇",
           "县级推广": "0篇", "不配合": "否"}

NONGLIANG = {  # Case 1: 县农粮局
    "积极配合": "是", "成立领导小组": "是", "联络员入群": "是", "班子部署次数": "2次", "有宣传资料": "是",
    "月报次数": "10次", "参会次数": "3次", "应参会次数": "4次", "省级推广": "0篇", "市级推广": "1篇", "县级推广": "2篇",
    "不配合": "否",
    "农粮局1_1达标": "是", "农粮局1_2达标": "否", "农粮局1_3达标": "是",  # 畜禽: 防止复养 是, 台账 否, 设施指导 是
    "农粮局2_1达标": "是", "农粮局2_2达标": "是",  # 化肥农药: both 是
    "查处非法捕捞案件": "7例",
    "市通报表扬": "1次",
}


def annual(tmp_path: Path, unit: str, facts: dict[str, str]) -> ScoreRow:
    return score_units(tmp_path, PLAN, "2018", {unit: facts}).row(unit, "2018")


def test_case_1_nongliang(tmp_path: Path) -> None:
    row = annual(tmp_path, "县农粮局", NONGLIANG)
    # item 1: 积极配合 是 → 8
    assert item(row, "组织领导").score == "8"
    # item 2: 1 + 3 + (3 − 1 × (3 − 2)) = 1 + 3 + 2 = 6
    assert item(row, "班子部署").score == "2"
    assert item(row, "日常工作").score == "6"
    # item 3: 是 → 10
    assert item(row, "宣传工作").score == "10"
    # item 4: reports 5 − 0.5 × (12 − 10) = 4; meetings 2 − 0.5 × (4 − 3) = 1.5;
    # media: 省级 0 → no 3, 市级 1 < 2 → no 2, 县级 2 ≥ 1 → 1; 4 + 1.5 + 1 = 6.5
    assert (item(row, "月报").score, item(row, "参会").score, item(row, "信息推广").score) == ("4", "1.5", "1")
    assert item(row, "新经验好做法").score == "6.5"
    # item 5: 不配合 否 → 5
    assert item(row, "支持配合").score == "5"
    # section 二: 畜禽 5 + 0 + 20 = 25; 化肥 5 + 10 = 15; 渔业 7 < 10 → 15 × 7 ÷ 10 = 10.5
    assert (item(row, "农粮局1").score, item(row, "农粮局2").score, item(row, "农粮局3").score) == ("25", "15", "10.5")
    # before section 三: 35.5 + 50.5 = 86; 市书面通报表扬 → +5; total 91
    assert row.items_score == "86"
    assert [(s.id, s.amount) for s in row.stages] == [("通报表扬", "5")]
    assert row.score == "91"
    assert (row.declared_total, row.attainable_total) == ("100", "100")
    assert row.grade is None  # the rubric has no bands


def test_case_2_linye_floors_and_a_penalty(tmp_path: Path) -> None:
    facts = {
        "积极配合": "是", "成立领导小组": "否", "联络员入群": "是", "班子部署次数": "0次", "有宣传资料": "是",
        "月报次数": "2次", "参会次数": "0次", "应参会次数": "4次", "省级推广": "1篇", "市级推广": "0篇", "县级推广": "0篇",
        "不配合": "是",
        "林业局1_1达标": "是", "林业局1_2达标": "是", "林业局1_3达标": "否", "未处理涉林案件": "3例",
        "省通报批评": "1次",
    }
    row = annual(tmp_path, "县林业局", facts)
    # item 2: 0 + 3 + max(0, 3 − 1 × (3 − 0)) = 3
    assert item(row, "日常工作").score == "3"
    # item 4: reports 5 − 0.5 × 10 = 0 (扣完为止); meetings 2 − 0.5 × 4 = 0; media 省级 1 ≥ 1 → 3; = 3
    assert (item(row, "月报").score, item(row, "参会").score, item(row, "信息推广").score) == ("0", "0", "3")
    # item 5: 不配合 → 0
    assert item(row, "支持配合").score == "0"
    # section 一 = 8 + 3 + 10 + 3 + 0 = 24
    # section 二: 10 + 15 + 0 + max(0, 20 − 10 × 3) = 25 (20 − 30 = −10 floored at 0 inside its own point)
    assert item(row, "林业局1_4").score == "0"
    assert item(row, "林业局1").score == "25"
    # 24 + 25 = 49; 省书面通报批评 → −5; total 44
    assert row.items_score == "49"
    assert row.score == "44"


def test_case_3_kuangguan_reaches_90_of_a_declared_100(tmp_path: Path) -> None:
    facts = dict(ALL_MET, **{"矿管局1_1达标": "是", "矿管局1_2达标": "是", "未查处矿产案件": "0例"})
    row = annual(tmp_path, "县矿管局", facts)
    # section 一 = 8 + (1 + 3 + 3) + 10 + (5 + 2 + 3) + 5 = 40
    # section 二 = 20 + 10 + (20 − 10 × 0) = 50, though the row's 分值 says 60
    assert item(row, "矿管局1").score == "50"
    assert row.score == "90"
    # the source's numbers are kept: declared 100, attainable 90 for this unit
    assert (row.declared_total, row.attainable_total) == ("100", "90")


def test_case_4_threshold_is_inclusive_and_caps(tmp_path: Path) -> None:
    # only 渔业 changes from case 1: 10 例 ≥ 10 (以上 includes 10) → full 15; 55 + 35.5 + 5 = 95.5
    row = annual(tmp_path, "县农粮局", dict(NONGLIANG, 查处非法捕捞案件="10例"))
    assert item(row, "农粮局3").score == "15"
    assert row.score == "95.5"
    # 12 例: no extra beyond the maximum
    row = annual(tmp_path, "县农粮局", dict(NONGLIANG, 查处非法捕捞案件="12例"))
    assert item(row, "农粮局3").score == "15"
    assert row.score == "95.5"
