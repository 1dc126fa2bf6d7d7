"""plans/yiyang-2022.plan: 益阳市推进“三大支撑八项重点”工作实施方案 (seed 000).

Builds the plan through the CLI, measures its fidelity to the source, and checks the
counts taken from the source by hand (see docs/plans/yiyang-2022.md, "Counts").
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from compiler.convert import convert_keywords
from compiler.model import Plan
from compiler.pipeline import compile_file
from tests.fidelity import coverage, plan_corpus
from tests.plans.conftest import build
from tests.seeds import seed_sentences

ROOT = Path(__file__).resolve().parents[2]
PLAN_ID = "yiyang-2022"
FILES = ("yiyang-2022.plan", "units/yiyang.plan")  # the plan and everything it includes


def test_checks_without_a_single_diagnostic() -> None:
    compiled = compile_file(ROOT / "plans" / f"{PLAN_ID}.plan")
    assert compiled.ok
    assert [f"{d.code} {d.message}" for d in compiled.diagnostics] == []


def test_fidelity_to_the_source(plan_json: Path) -> None:
    result = coverage(seed_sentences(PLAN_ID), plan_corpus(plan_json))
    print(result.report())
    assert result.ratio >= 0.97
    assert result.missing == []  # every sentence of the source, verbatim


def test_covering_notice(plan: Plan) -> None:
    assert plan.notice_title == "益阳市人民政府关于印发《益阳市推进“三大支撑八项重点”工作实施方案》的通知"
    assert plan.title == "益阳市推进“三大支撑八项重点”工作实施方案"
    assert plan.issuers == ["益阳市人民政府"]
    assert plan.issued == dt.date(2022, 6, 12)
    assert (plan.period.start, plan.period.end) == (dt.date(2022, 1, 1), dt.date(2025, 12, 31))
    assert plan.recipients == ["各区县(市)人民政府", "益阳高新区管委会", "大通湖区管委会", "市直各单位"]
    assert plan.signature == ["益阳市人民政府", "2022年6月12日"]
    assert plan.notice[0].startswith("《益阳市推进“三大支撑八项重点”工作实施方案》已经市人民政府2022年第9次常务会议")
    assert plan.preamble[0].endswith("结合我市实际,制定本方案。")
    assert [c.doc_no for c in plan.cites] == [
        "益政发〔2022〕8号", "益政办发〔2022〕7号", "益政办发〔2022〕4号", "湘政办发〔2022〕2号",
        "益政办函〔2021〕49号", "益办〔2022〕15号", "益办发〔2022〕1号",
    ]


def test_counts(plan: Plan) -> None:
    # 11 numbered tasks + the second owner group of task 1 (an inline action) + 4 保障措施 items
    assert len(plan.actions) == 16
    # one per "(牵头领导:…;牵头单位:…)" in the source: 12 (task 1 has two)
    assert sum(1 for a in plan.actions if a.lead_units) == 12
    assert sum(1 for a in plan.actions if a.lead_leaders) == 12
    assert len(plan.metrics) == 31
    assert len(plan.cadences) == 1
    assert plan.deadlines == []


def test_numbering_continues_across_the_two_groups(plan: Plan) -> None:
    sections = {s.id: s for s in plan.sections}
    assert [(s.number, s.title) for s in plan.sections if s.parent is None] == [
        ("一、", "总体要求"), ("二、", "主要任务"), ("三、", "保障措施"),
    ]
    assert sections["三大支撑"].number == "(一)" and sections["八项重点"].number == "(二)"
    numbered = [(a.number, a.section) for a in plan.actions if a.section in ("三大支撑", "八项重点") and a.form != "inline"]
    assert [n for n, _ in numbered] == [f"{i}." for i in range(1, 12)]
    assert [s for n, s in numbered] == ["三大支撑"] * 3 + ["八项重点"] * 8
    assert [a.number for a in plan.actions if a.section == "保障措施"] == ["(一)", "(二)", "(三)", "(四)"]


def test_owners_print_as_the_source(plan: Plan) -> None:
    actions = {a.id: a for a in plan.actions}
    assert actions["电力支撑"].owners_text == "(牵头领导:贺辉;牵头单位:市发展改革委)"
    assert actions["电网建设"].form == "inline" and actions["电网建设"].parent == "电力支撑"
    assert actions["电网建设"].owners_text == "(牵头领导:杨智华;牵头单位:市工业和信息化局)"
    assert actions["金芙蓉"].owners_text == "(牵头领导:贺辉;牵头单位:市政府金融办)"
    units = {u.id: u for u in plan.units}
    # spellings resolve to registry units: 市发展改革委 and 市工业和信息化局 are aliases
    assert actions["电力支撑"].lead_units == ["益阳市发改委"]
    assert "市发展改革委" in units["益阳市发改委"].aliases
    assert actions["电网建设"].lead_units == ["益阳市工信局"]
    leaders = {a.id: a.lead_leaders for a in plan.actions if a.lead_leaders}
    assert sorted({p for ps in leaders.values() for p in ps}) == ["杨智华", "贺辉", "邓曙光"]
    assert leaders["市场主体倍增"] == ["邓曙光"]


# (id, kind, op, value, unit, by, each_year, firmness): every target of the source
TARGETS = [
    ("电网县级全覆盖", "boolean", "=", None, None, "2025-12-31", False, "stated"),
    ("市场主体总量", "level", ">=", "51.01", "万户", "2025-12-31", False, "strive"),
    ("企业总量", "level", ">=", "11.1", "万户", "2025-12-31", False, "strive"),
    ("个体工商户总量", "level", ">=", "39", "万户", "2025-12-31", False, "strive"),
    ("农民专业合作社总量", "level", ">=", "0.91", "万户", "2025-12-31", False, "strive"),
    ("千亿级产业", "level", ">=", "5", "个", "2025-12-31", False, "stated"),
    ("百亿级企业", "level", ">=", "2", "个", "2025-12-31", False, "stated"),
    ("五十亿级企业", "level", ">=", "7", "个", "2025-12-31", False, "stated"),
    ("三十亿级企业", "level", ">=", "20", "个", "2025-12-31", False, "stated"),
    ("十亿级项目", "level", "~", "100", "个", "2025-12-31", False, "stated"),
    ("每年新增规模工业企业", "per_year", ">=", "135", "家", None, True, "stated"),
    ("每年净增规模工业企业", "per_year", ">=", "80", "家", None, True, "stated"),
    ("规模工业企业总数", "level", ">=", "1650", "家", "2025-12-31", False, "strive"),
    ("新增上市公司", "increment", ">=", "5", "家", "2025-12-31", False, "stated"),
    ("上市公司区县全覆盖", "boolean", "=", None, None, "2025-12-31", False, "stated"),
    ("营商环境优秀", "boolean", "=", None, None, "2025-12-31", False, "strive"),
    ("园区技工贸总收入增速", "avg_growth", ">=", "15", "%", "2025-12-31", False, "stated"),
    ("园区规模工业增加值增速", "avg_growth", ">=", "9", "%", "2025-12-31", False, "stated"),
    ("园区亩均税收增速", "avg_growth", ">=", "15", "%", "2025-12-31", False, "stated"),
    ("园区研发经费占比", "share", ">=", "2.5", "%", "2025-12-31", False, "stated"),
    ("土地集约利用指数", "level", ">=", "90", "%", "2025-12-31", False, "stated"),
    ("千亿级园区", "level", ">=", "2", "家", "2025-12-31", False, "strive"),
    ("五百亿级园区", "level", ">=", "3", "家", "2025-12-31", False, "strive"),
    ("全国前100位园区", "level", ">=", "1", "家", "2025-12-31", False, "strive"),
    ("全省前30位园区", "level", ">=", "2", "家", "2025-12-31", False, "strive"),
    ("新增国家级园区", "increment", ">=", "1", "家", "2025-12-31", False, "strive"),
    ("园区规模工业企业", "level", ">=", "1250", "家", "2025-12-31", False, "strive"),
    ("园区上市企业", "level", ">=", "11", "家", "2025-12-31", False, "strive"),
    ("回益投资新注册企业", "per_year", ">=", "50", "家", None, True, "stated"),
    ("回益投资到位资金", "per_year", ">=", "120", "亿元", None, True, "stated"),
    ("返乡创业者占比", "share", "~", "2", "%", "2025-12-31", False, "strive"),
]


def test_every_target(plan: Plan) -> None:
    found = []
    for metric in plan.metrics:
        assert len(metric.targets) == 1, metric.id
        t = metric.targets[0]
        by = t.by.isoformat() if t.by else None
        found.append((metric.id, metric.kind, t.op, t.value, t.unit, by, t.each_year, t.firmness))
    assert found == TARGETS
    firmness = [t[-1] for t in found]
    assert (firmness.count("must"), firmness.count("strive"), firmness.count("stated")) == (0, 14, 17)
    yearly = [m for m in plan.metrics if m.targets[0].each_year]
    assert {(m.targets[0].from_year, m.targets[0].until_year) for m in yearly} == {(2022, 2025)}


def test_targets_belong_to_their_tasks(plan: Plan) -> None:
    metrics = {m.id: m for m in plan.metrics}
    assert metrics["电网县级全覆盖"].action == "电网建设"
    assert metrics["市场主体总量"].action == "市场主体倍增"
    assert metrics["市场主体总量"].parts == ["企业总量", "个体工商户总量", "农民专业合作社总量"]
    actions = {a.id: a for a in plan.actions}
    assert len(actions["五好园区"].metrics) == 12


def test_cadence(plan: Plan) -> None:
    (cadence,) = plan.cadences
    assert (cadence.every, cadence.interval, cadence.at_least, cadence.kind) == ("quarter", 1, False, "督查")
    assert cadence.owners == ["益阳市政府"]
    assert cadence.action == "督导考核"


def test_chinese_keywords_compile_to_the_same_plan(plan_json: Path, tmp_path: Path) -> None:
    """The plan and its registry rewritten with Chinese keywords give a byte-identical plan.json."""
    source_dir = ROOT / "plans"
    zh_dir = tmp_path / "plans"
    for rel in FILES:
        text = (source_dir / rel).read_text(encoding="utf-8")
        converted = convert_keywords(text, "zh", rel)
        assert converted is not None and converted != text
        (zh_dir / rel).parent.mkdir(parents=True, exist_ok=True)
        (zh_dir / rel).write_text(converted, encoding="utf-8")
    plan_zh = (zh_dir / FILES[0]).read_text(encoding="utf-8")
    assert "方案 yiyang-2022 {" in plan_zh and " 目标 >= 51.01万户 到 2025-12-31 力争\n" in plan_zh
    assert "\nunit " not in (zh_dir / FILES[1]).read_text(encoding="utf-8")
    zh_json = build(zh_dir, tmp_path / "out", PLAN_ID)
    assert zh_json.read_bytes() == plan_json.read_bytes()
