"""plans/yuanjiang-2024.plan: 沅江市落实“八大行动”总体方案, 沅政办发〔2024〕3号 (seed 001).

Builds the plan through the CLI, measures its fidelity to the source, and checks the
counts taken from the source by hand (see docs/plans/yuanjiang-2024.md, "Counts").
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from compiler.model import Plan
from compiler.pipeline import compile_file
from tests.fidelity import coverage, plan_corpus
from tests.seeds import seed_sentences

ROOT = Path(__file__).resolve().parents[2]
PLAN_ID = "yuanjiang-2024"

# The two sentences in which an obvious typo was corrected (each recorded with `note`).
CORRECTED = [
    "推进以县城为重要载体的新型城镇化,完善城市政公用设施、基础公共服务和产业配套功能,增强城区综合承载能力、"
    "辐射带动能力,提高市域人口就地城镇化水平",
    "以省定“十大重点民生实事”和市人大代表票决制民生实施项目为牵引,在养老、教育、医疗等重点领域精准发力",
]


def test_checks_with_one_acknowledged_warning() -> None:
    compiled = compile_file(ROOT / "plans" / f"{PLAN_ID}.plan")
    assert compiled.ok
    # 支持6条产业链骨干龙头企业: a count of the existing chains, not a target (V031, acknowledged)
    assert [(d.code, d.acknowledged is not None) for d in compiled.diagnostics] == [("V031", True)]


def test_fidelity_to_the_source(plan_json: Path) -> None:
    result = coverage(seed_sentences(PLAN_ID), plan_corpus(plan_json))
    print(result.report())
    assert result.ratio >= 0.97
    assert result.missing == CORRECTED  # only the sentences whose typo was corrected


def test_typo_corrections_are_recorded(plan: Plan) -> None:
    actions = {a.id: a for a in plan.actions}
    assert "完善城市市政公用设施" in actions["区域共进"].text[0]
    assert any("城市政公用设施" in n for n in actions["区域共进"].notes)
    assert "市人大代表票决制民生实事项目为牵引" in actions["民生可感"].text[0]
    assert any("民生实施项目" in n for n in actions["民生可感"].notes)


def test_covering_notice(plan: Plan) -> None:
    assert plan.doc_no == "沅政办发〔2024〕3号"
    assert plan.notice_title is None  # the source carries no notice title
    assert plan.title == "沅江市落实“八大行动”总体方案"
    assert plan.issuers == ["沅江市人民政府办公室"]
    assert plan.issued == dt.date(2024, 3, 20)
    assert (plan.period.start, plan.period.end) == (dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    assert plan.recipients == ["镇人民政府、街道办事处", "沅江高新区管委会", "市直有关单位"]
    assert plan.signature == ["沅江市人民政府办公室", "2024年3月20日"]
    assert plan.preamble[0].endswith("特制定落实“八大行动”总体方案。")


def test_counts(plan: Plan) -> None:
    # (一)–(八) under 二、重点任务 and (一)–(四) under 三、组织实施
    assert len(plan.actions) == 12
    assert [a.number for a in plan.actions] == [f"({n})" for n in "一二三四五六七八"] + [f"({n})" for n in "一二三四"]
    # the source names no unit or leader after any action
    assert sum(1 for a in plan.actions if a.lead_units or a.responsible_units or a.lead_leaders) == 0
    assert all(a.owners_text is None for a in plan.actions)
    assert len(plan.metrics) == 37
    assert len(plan.cadences) == 3
    assert plan.deadlines == []


def test_goal_paragraphs_and_sections(plan: Plan) -> None:
    sections = {s.id: s for s in plan.sections}
    assert [(s.number, s.title) for s in plan.sections] == [("一、", "主要目标"), ("二、", "重点任务"), ("三、", "组织实施")]
    goals = sections["主要目标"].text
    assert [p.split("。")[0] for p in goals] == [
        "产业培育加力提速", "创新动能持续提升", "需求潜力有效激发", "改革攻坚实现突破",
        "市场活力不断增强", "区域发展更趋协调", "安全底线守稳守牢", "民生保障更加可感",
    ]
    assert sum(1 for m in plan.metrics if m.section == "主要目标") == 27


# (id, kind, op, value, unit, by, firmness)
TARGETS = [
    ("第一产业增加值增长", "growth", ">=", "3.7", "%", "2024-12-31", "stated"),
    ("规模工业增加值增长", "growth", ">=", "8.5", "%", "2024-12-31", "stated"),
    ("创新型县建设任务", "boolean", "=", None, None, "2024-12-31", "must"),
    ("研发经费投入增长", "growth", ">=", "12", "%", "2024-12-31", "strive"),
    ("高价值发明专利拥有量", "level", ">=", "1.3", "件", "2024-12-31", "strive"),
    ("技术合同交易额", "level", ">=", "30", "亿元", "2024-12-31", "stated"),
    ("高新技术产业占比", "share", ">=", "24", "%", "2024-12-31", "stated"),
    ("社会消费品零售总额增长", "growth", ">=", "8", "%", "2024-12-31", "stated"),
    ("固定资产投资增长", "growth", ">=", "9.5", "%", "2024-12-31", "stated"),
    ("进出口总额增长", "growth", ">=", "6", "%", "2024-12-31", "stated"),
    ("实有经营主体", "level", ">=", "6", "万户", "2024-12-31", "stated"),
    ("企业", "level", ">=", "1.13", "万户", "2024-12-31", "stated"),
    ("个转企", "increment", ">=", "201", "户", "2024-12-31", "stated"),
    ("规上农产品加工企业", "level", ">=", "80", "家", "2024-12-31", "stated"),
    ("资质建筑业企业", "level", ">=", "18", "家", "2024-12-31", "stated"),
    ("新增专精特新", "increment", ">=", "10", "家", "2024-12-31", "stated"),
    ("高新技术企业", "level", ">=", "93", "家", "2024-12-31", "stated"),
    ("科技型中小企业", "level", ">=", "500", "家", "2024-12-31", "stated"),
    ("新增规上服务业", "increment", ">=", "4", "家", "2024-12-31", "stated"),
    ("限上商贸流通企业", "level", ">=", "5", "家", "2024-12-31", "stated"),
    ("新增规上工业", "increment", ">=", "12", "家", "2024-12-31", "stated"),
    ("新增外商投资企业", "increment", ">=", "2", "家", "2024-12-31", "stated"),
    ("外贸实绩企业", "level", ">=", "22", "家", "2024-12-31", "stated"),
    ("地区生产总值增长", "growth", ">=", "6.5", "%", "2024-12-31", "strive"),
    ("城镇化率提高", "pp_change", "~", "0.7", "个百分点", "2024-12-31", "strive"),
    ("两争一确保", "boolean", "=", None, None, "2024-12-31", "stated"),
    ("民生实事", "boolean", "=", None, None, "2024-12-31", "stated"),
    ("科技金融对接会", "increment", ">=", "2", "次", "2024-12-31", "stated"),
    ("中央投资", "level", ">=", "1", "亿元", "2024-12-31", "strive"),
    ("专项债券", "level", ">=", "7", "亿元", "2024-12-31", "strive"),
    ("新增省级工程技术研究中心", "increment", ">=", "1", "家", "2024-12-31", "stated"),
    ("新增企业技术中心", "increment", ">=", "5", "家", "2024-12-31", "stated"),
    ("新增返乡创业主体", "increment", ">=", "0.3", "万个", "2024-12-31", "strive"),
    ("新引进长沙溢出产业项目", "increment", ">=", "2", "个", "2024-12-31", "stated"),
    ("徐特立项目", "increment", ">=", "1", "所", "2024-12-31", "stated"),
    ("内宣稿件", "increment", ">=", "4", "篇", "2024-12-31", "stated"),
    ("外宣稿件", "increment", ">=", "4", "篇", "2024-12-31", "stated"),
]


def test_every_target(plan: Plan) -> None:
    found = []
    for metric in plan.metrics:
        assert len(metric.targets) == 1, metric.id
        t = metric.targets[0]
        assert not t.each_year
        found.append((metric.id, metric.kind, t.op, t.value, t.unit, t.by.isoformat() if t.by else None, t.firmness))
    assert found == TARGETS
    firmness = [t[-1] for t in found]
    assert (firmness.count("must"), firmness.count("strive"), firmness.count("stated")) == (1, 7, 29)


def test_cadences(plan: Plan) -> None:
    cadences = [(c.id, c.every, c.interval, c.at_least, c.kind, c.owners, c.action) for c in plan.cadences]
    assert cadences == [
        ("市长调度", "halfyear", 1, True, "调度", ["沅江市长"], "调度考核"),
        ("常务副市长调度", "quarter", 1, True, "调度", ["沅江常务副市长"], "调度考核"),
        ("牵头副市长调度", "month", 1, False, "调度", ["沅江牵头副市长"], "调度考核"),
    ]
    people = {p.id: p for p in plan.people}
    assert people["沅江市长"].name == "市长" and people["沅江牵头副市长"].name == "各牵头副市长"
