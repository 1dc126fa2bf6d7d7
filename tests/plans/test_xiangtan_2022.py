"""湘潭市产业强市“千百十”工程实施方案(2022—2025年): fidelity and hand-counted structure.

The counts below were made by reading the source (tests/corpus/seeds/004_*.txt), not the
encoding; docs/plans/xiangtan-2022.md explains how each was counted.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

from compiler.model import Plan
from compiler.pipeline import compile_file
from compiler.text import plain_text, reading_order
from tests.fidelity import coverage, plan_corpus, seed_path
from tests.seeds import seed_sentences

ROOT = Path(__file__).resolve().parents[2]
PLAN_ID = "xiangtan-2022"
PLAN = ROOT / "plans" / f"{PLAN_ID}.plan"


def test_checks_clean() -> None:
    compiled = compile_file(PLAN)
    assert compiled.ok
    # 资产证券化率提高10%以上: the source gives a rate a relative growth with no base year; kept as written
    # 12条/10条优势产业链 and “4个等次” count what exists, no target (V031, acknowledged)
    assert sorted((d.code, d.acknowledged is not None) for d in compiled.diagnostics) == [
        ("V031", True)] * 4 + [("V050", True), ("V051", True)]


def test_fidelity(plan_json: Path) -> None:
    result = coverage(seed_sentences("xiangtan-2022"), plan_corpus(plan_json))
    print(result.report())
    assert result.ratio >= 0.97
    # The one sentence not carried verbatim is the preamble, whose 文号 typo
    # (湘政办发〔20224号) is corrected in the encoding.
    assert len(result.missing) == 1 and "湘政办发〔20224号" in result.missing[0]
    assert "湘政办发〔2022〕4号" in plain_text(Plan.model_validate(json.loads(plan_json.read_text(encoding="utf-8"))))


def test_prints_nothing_the_source_does_not_say(plan: Plan) -> None:
    """The reverse of fidelity: every paragraph of the plan's text is in the source verbatim,
    generated numbers and owners included; only the corrected preamble differs."""
    source = re.sub(r"\s+", "", seed_path("004").read_text(encoding="utf-8"))
    extra = [b.text for b in reading_order(plan) if re.sub(r"\s+", "", b.text) not in source]
    assert len(extra) == 1 and "湘政办发〔2022〕4号" in extra[0]


def test_metadata(plan: Plan) -> None:
    assert plan.issuers == ["中共湘潭市委", "湘潭市人民政府"]
    assert plan.issued is not None and plan.issued.isoformat() == "2022-03-17"
    assert (plan.period.start.year, plan.period.end.year) == (2022, 2025)
    assert plan.recipients == ["各县市区党委和人民政府", "各大型企业、高等院校", "市直机关各单位、各人民团体"]
    assert plan.signature == ["中共湘潭市委", "湘潭市人民政府", "2022年3月17日"]
    assert [c.doc_no for c in plan.cites] == ["湘政办发〔2022〕4号"]


def test_structure_and_numbering(plan: Plan) -> None:
    top = [s for s in plan.sections if s.parent is None and s.kind == "section"]
    assert [s.number + s.title for s in top] == [
        "一、指导思想", "二、基本原则", "三、发展目标", "四、主要任务", "五、工作举措", "六、组织保障",
    ]
    assert [s.number for s in plan.sections if s.kind == "annex"] == ["附件1", "附件2"]
    tasks = [a for a in plan.actions if a.section == "主要任务"]
    assert [a.number for a in tasks] == [f"{i}." for i in range(1, 9)]
    text = plain_text(plan)
    assert "1.实施优势产业链“强链”计划。围绕12条优势产业链" in text
    assert "(牵头单位:市工信局、市发改委)" in text
    assert "[牵头单位:市优化营商环境协调事务中心(市优化办)]" in text
    assert "(四)市直机关单位和相关企业组(46家单位)\n1.产业推进单位(20家单位):" in text
    assert "(二)严格政策兑现。每年12月底前" in text


def test_action_counts(plan: Plan) -> None:
    # body: 四、主要任务 8 + 五、工作举措 6 + 六、组织保障 4; 附件2: 考评对象 5, 考评内容 10,
    # 考评方式 3, 结果运用 4, 工作要求 3.
    body = [a for a in plan.actions if a.section in ("主要任务", "工作举措", "组织保障")]
    assert len(body) == 18
    assert len(plan.actions) == 43
    with_lead = [a for a in plan.actions if a.lead_units]
    assert len(with_lead) == 14
    assert {a.id: [u for u in a.lead_units] for a in with_lead}["科技创新"] == ["科技局", "教育局"]


def test_metrics(plan: Plan) -> None:
    # 三、发展目标: 11 + 7; actions: 强链 4, 升级 4, 倍增 1, 扩张 1, 裂变 4, 金芙蓉 2.
    assert len(plan.metrics) == 34
    assert len([m for m in plan.metrics if m.section == "发展目标"]) == 18
    assert sum(len(m.targets) for m in plan.metrics) == 35
    by_id = {m.id: m for m in plan.metrics}
    new_entities = by_id["新增市场主体"].targets[0]
    assert (new_entities.op, new_entities.value, new_entities.unit, new_entities.each_year, new_entities.firmness) == (
        ">=", "3", "万户", True, "strive")
    listed = by_id["上市企业"].targets
    # 全市上市企业达到10家以上、争取达到15家: 达到 is "reached", at least; the figure is kept as written
    assert [(t.op, t.value, t.firmness, t.written) for t in listed] == [
        (">=", "10", "stated", None), (">=", "15", "strive", "争取达到15家")]
    projects = by_id["百亿级项目"].targets[0]
    assert (projects.value, projects.value_max, projects.firmness) == ("1", "2", "strive")
    assert by_id["高新技术企业"].targets[0].op == ">"
    assert by_id["规模工业增加值增速"].kind == "avg_growth"


def test_cadences_and_deadlines(plan: Plan) -> None:
    every = {c.id: (c.every, c.kind) for c in plan.cadences}
    assert every == {
        "周会商": ("week", "会商"), "旬调度": ("dekad", "调度"), "月分析": ("month", "分析"),
        "季考核": ("quarter", "考核"), "半年述职": ("halfyear", "述职"), "政策资金清理": ("quarter", "清理整改"),
        "季度考评": ("quarter", "考评"), "考评会商": ("quarter", "会商"),
    }
    owners = {c.id: c.owners for c in plan.cadences}
    assert owners["月分析"] == ["胡贺波"] and owners["季考核"] == ["刘志仁"]
    assert owners["季度考评"] == ["千百十办"]
    due = {d.id: [(x.kind, x.month, x.day) for x in d.due] for d in plan.deadlines}
    assert due == {"考评细则": [("yearly", 3, None)], "政策兑现考评": [("yearly", 12, None)],
                   "年度得分": [("next_year", 1, 30)]}


def test_committee(plan: Plan) -> None:
    (committee,) = plan.committees
    assert committee.annex == "附件1"
    positions = [m.position for m in committee.members]
    assert len(positions) == 42
    assert (positions.count("组长"), positions.count("常务副组长"), positions.count("副组长"),
            positions.count("成员")) == (2, 1, 9, 30)
    people = {p.id: p for p in plan.people}
    assert len(people) == 42
    assert (people["杨晓军"].role, people["杨晓军"].unit) == ("市人民政府副市长(负责日常工作)", "市政府")
    assert (people["潘永其"].role, people["潘永其"].unit) == ("市住房城乡建设局局长", "住建局")
    assert len(committee.text) == 2


def test_scoring_groups(plan: Plan) -> None:
    scoring = plan.scoring
    assert scoring is not None and scoring.every == "quarter" and scoring.scale == "100"
    sizes = {g.id: len(g.members) for g in scoring.groups}
    assert sizes == {"县市区组": 5, "一类园区组": 4, "二类园区组": 4, "产业推进组": 20, "服务保障组": 26}
    members = [u for g in scoring.groups for u in g.members]
    assert len(set(members)) == 59
    weights = {g.id: (g.period_weights, g.weight, g.rank_points, g.grades) for g in scoring.groups}
    county = (["0.15", "0.25", "0.25", "0.35"], "15", "五档", None)
    assert weights["县市区组"] == weights["一类园区组"] == weights["二类园区组"] == county
    assert weights["产业推进组"] == (["0.15", "0.25", "0.25", "0.35"], "10", None, "市直等次")
    assert weights["服务保障组"] == (["0.15", "0.25", "0.3", "0.3"], "10", None, "市直等次")


def test_scoring_formulas(plan: Plan) -> None:
    scoring = plan.scoring
    assert scoring is not None
    formulas = {f.id: f for f in scoring.formulas}
    for formula in formulas.values():
        assert sum(Decimal(c.max) for c in formula.components) == 100, formula.id
    maxima = {f: {c.evaluator: int(c.max) for c in formulas[f].components} for f in formulas}
    assert maxima["县市区甲"] == {"工信局": 25, "发改委": 20, "科技局": 15, "商务局": 10, "市场监管局": 5,
                              "经研金融办": 5, "文旅广体局": 5, "千百十办": 15}
    assert maxima["韶山"] == {"工信局": 25, "发改委": 15, "科技局": 10, "商务局": 10, "市场监管局": 5,
                            "经研金融办": 5, "文旅广体局": 15, "千百十办": 15}
    assert maxima["岳塘"] == {"工信局": 25, "发改委": 20, "科技局": 10, "商务局": 10, "市场监管局": 5,
                            "经研金融办": 5, "文旅广体局": 10, "千百十办": 15}
    assert maxima["园区甲"] == {"工信局": 25, "发改委": 25, "科技局": 15, "商务局": 10, "市场监管局": 5,
                             "经研金融办": 5, "千百十办": 15}
    assert maxima["园区乙"] == {"发改委": 40, "商务局": 20, "市场监管局": 15, "千百十办": 25}
    assert maxima["市直"] == {"千百十办": 70, "工信局": 30}
    assert [len(formulas[f].members) for f in ("县市区甲", "韶山", "岳塘", "园区甲", "园区乙", "市直")] == [
        3, 1, 1, 6, 2, 46]


def test_scoring_rules(plan: Plan) -> None:
    scoring = plan.scoring
    assert scoring is not None
    blends = {(b.unit, b.self_share, tuple((p.unit, p.share) for p in b.parts)) for b in scoring.blends}
    assert blends == {("发改委", "0.85", (("供电公司", "0.15"),)), ("住建局", "0.85", (("中环水务", "0.15"),)),
                      ("城管执法局", "0.85", (("新奥燃气", "0.15"),))}
    assert [(t.id, t.shares) for t in scoring.rank_tables] == [("五档", ["1", "0.9", "0.8", "0.7", "0.6"])]
    (grades,) = scoring.grade_tables
    assert [(g.name, g.quota, g.share) for g in grades.grades] == [
        ("优秀", 3, "1"), ("良好", 6, "0.9"), ("合格", 1, "0.8"), ("不合格", None, "0.6")]
    assert grades.rounding == "half_up"
    (adjust,) = scoring.adjustments
    assert (adjust.when.fact, adjust.when.op, adjust.when.value, adjust.when.unit, adjust.points) == (
        "政策兑现率", "<", "90", "%", "-3")
    assert adjust.applies == ["县市区组", "一类园区组", "二类园区组"]
    (override,) = scoring.overrides
    assert (override.when.fact, override.when.op, override.when.value, override.then, override.applies) == (
        "真抓实干排名", "=", "1", "full_marks", [])
    # `lowest` reads each quarter; `top N` reads the annual ranking
    flags = {f.id: (f.rule, f.count, f.applies) for f in scoring.flags}
    assert flags == {
        "末位说明": ("lowest", None, []),
        "表彰县市区": ("top", 2, ["县市区组"]),
        "表彰园区": ("top", 1, ["一类园区组", "二类园区组"]),
        "表彰市直": ("top", 4, ["产业推进组", "服务保障组"]),
    }


def test_units_registry(plan: Plan) -> None:
    units = {u.id: u for u in plan.units}
    assert len(units) == 65
    assert {"市住房城乡建设局", "市住建局"} <= set(units["住建局"].aliases)
    assert {"市城管执法局", "市城管局"} <= set(units["城管执法局"].aliases)
    assert "市优化营商环境协调事务中心(市优化办)" in units["优化办"].aliases
    assert units["千百十办"].name == "市产业强市“千百十”工程办"
