"""石城县2018年度河长制湖长制工作乡镇考核细则: the three worked cases of the corpus (cases.md), with the arithmetic of
each item written out (readings 1–8 of cases.md)."""

from __future__ import annotations

from pathlib import Path

from tests.targets.scoring.rubric_helpers import ROOT, item, score_units

PLAN = ROOT / "plans" / "shicheng-2018-townships.plan"

YES, NO = "是", "否"

# Case A: 琴江镇 (item 7 applies; one township award)
QINJIANG = {
    "四个到位": YES, "督查督办": YES, "考核方案按时修订": YES, "一河一策落实": YES,
    "APP平台": YES, "APP巡河月通报": YES, "填写日志": NO,
    "媒体宣传": YES, "四进活动": NO, "进校园": YES,
    "湖长体系": YES,
    "城镇污水治理": YES, "防止反弹": YES, "限养区台帐": YES, "监管排污口": YES, "排污口台帐公示": NO,
    "保洁常态化": YES, "经费未挪用": YES,
    "不达标河库次数": "1次", "取缔十小": YES, "污水集中处理设施": YES, "弃土弃渣查处": YES,
    "推广生物农药": YES, "测土配方": NO,
    "垃圾一体化": YES, "垃圾设施": YES, "垃圾分类试点": NO, "污水处理厂": YES,
    "岸线台帐": YES, "打击侵占": YES, "不上报不制止": "1例",
    "采砂台帐": YES, "切割淘汰": YES, "入河排污口台帐": YES, "排污口整改取缔": YES,
    "成立护渔队": YES, "查处渔业案件": "2例", "退养完成水库": "8座", "水库总数": "10座",
    "森林监督机制": YES, "公益林建设": YES, "涉林调查处理": YES, "治安防控": YES,
    "省级用稿": "1篇", "市级用稿": "2篇", "县级用稿": "3篇", "按时上报总结": NO,
    "市通报表扬推广": "1次",
}

# Case B: 屏山镇 (item 7 not applicable; floors; 五 capped; a penalty)
PINGSHAN = {
    "四个到位": NO, "督查督办": YES, "考核方案按时修订": NO, "一河一策落实": YES,
    "APP平台": YES, "APP巡河月通报": YES, "填写日志": YES,
    "媒体宣传": YES, "四进活动": YES, "进校园": NO,
    "城镇污水治理": NO, "防止反弹": YES, "限养区台帐": NO, "监管排污口": YES, "排污口台帐公示": YES,
    "保洁常态化": YES, "经费未挪用": NO,
    "不达标河库次数": "3次", "取缔十小": YES, "污水集中处理设施": NO, "弃土弃渣查处": YES,
    "推广生物农药": YES, "测土配方": YES,
    "垃圾一体化": YES, "垃圾设施": YES, "垃圾分类试点": YES, "污水处理厂": YES,
    "岸线台帐": YES, "打击侵占": YES, "不上报不制止": "3例",
    "采砂台帐": YES, "切割淘汰": NO, "入河排污口台帐": NO, "排污口整改取缔": YES,
    "成立护渔队": YES, "查处渔业案件": "0例", "退养完成水库": "3座", "水库总数": "4座",
    "森林监督机制": YES, "公益林建设": YES, "涉林调查处理": NO, "治安防控": YES,
    "省级用稿": "2篇", "市级用稿": "2篇", "县级用稿": "3篇", "按时上报总结": YES,
    "省点名批评": "1次",
}


def test_case_a_qinjiang(tmp_path: Path) -> None:
    row = score_units(tmp_path, PLAN, "2018", {"琴江镇": QINJIANG}).row("琴江镇", "2018")
    # 一: 5 + 4 + 2 + 2 + (2 + 6 + 0) + (2 + 0 + 3) = 26
    assert (item(row, "信息平台").score, item(row, "培训宣传").score, item(row, "一").score) == ("8", "5", "26")
    # 二 (琴江镇 only): 2
    assert item(row, "二").score == "2"
    # 三: 3 + (5 + 2) + (1 + 0) + (2 + 1) = 14
    assert item(row, "三").score == "14"
    # 四: item 12 4 − 2 × 1 = 2; 15 1.5 + 0; 17 1 + 3 − 2 × 1 = 2; 18 1 + 1 = 2 (of 3); 20 1 + 3 = 4;
    # 21 4 × min(8 ÷ 10, 1) = 3.2; total 2 + 5 + 2 + 1.5 + 4 + 2 + 2 + 4 + 4 + 3.2 + 3 + 3 = 35.7
    assert [item(row, i).score for i in ("不达标河库", "化肥农药", "岸线整治", "非法采砂", "渔业资源", "水库治理")] == \
        ["2", "1.5", "2", "2", "4", "3.2"]
    assert item(row, "四").score == "35.7"
    # 五: quota 省1 市2 县2 met → 5; extra 县 3 − 2 = 1 → + 0.5; 总结 否 → 0; 5.5
    assert item(row, "五").score == "5.5"
    # 26 + 2 + 14 + 35.7 + 5.5 = 83.2; 市通报表扬并推广 → + 10; 93.2
    assert row.items_score == "83.2"
    assert row.score == "93.2"
    # declared 100; attainable 99 (item 18's sub-points add to 2 of its 3)
    assert (row.declared_total, row.attainable_total) == ("100", "99")


def test_case_b_pingshan(tmp_path: Path) -> None:
    row = score_units(tmp_path, PLAN, "2018", {"屏山镇": PINGSHAN}).row("屏山镇", "2018")
    # 一: 0 + 4 + 0 + 2 + 11 + (2 + 2 + 0) = 21
    assert item(row, "一").score == "21"
    # 二 not applicable to 屏山镇
    assert item(row, "二").status == "not_applicable"
    # 三: 0 + (5 + 0) + (1 + 1) + (2 + 0) = 9
    assert item(row, "三").score == "9"
    # 四: 12: 4 − 2 × 3 = −2 → 0 (扣完为止); 17: 1 + 3 − 2 × 3 = −2 → 0; 20: 1 + 0 (年内无案例不得分);
    # 21: 4 × 3 ÷ 4 = 3; 0 + 3 + 2 + 3 + 6 + 0 + 1 + 3 + 1 + 3 + 2 + 3 = 27
    assert [item(row, i).score for i in ("不达标河库", "岸线整治", "渔业资源", "水库治理")] == ["0", "0", "1", "3"]
    assert item(row, "四").score == "27"
    # 五: quota met 5; extras 省 2 − 1 = 1 → + 2, 县 3 − 2 = 1 → + 0.5; 总结 2; 9.5 → kept within 7
    assert item(row, "五").score == "7"
    # 21 + 9 + 27 + 7 = 64 (of 98); 被省明查暗访组点名批评 → − 20; 44
    assert row.items_score == "64"
    assert row.score == "44"
    assert (row.declared_total, row.attainable_total) == ("100", "97")


def test_case_c_quota_not_met(tmp_path: Path) -> None:
    facts = dict(QINJIANG, 省级用稿="0篇", 市级用稿="4篇", 县级用稿="5篇", 按时上报总结=YES)
    row = score_units(tmp_path, PLAN, "2018", {"琴江镇": facts}).row("琴江镇", "2018")
    # 省 0 < 1: the quota is not met → 0, and no extras beyond an unmet quota; 总结 2; 五 = 2
    assert item(row, "五").score == "2"
    # 83.2 − 5.5 + 2 + 10 = 89.7
    assert row.score == "89.7"
