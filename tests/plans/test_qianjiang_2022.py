"""plans/qianjiang-2022.plan: 潜江市县域经济“百强进位”行动方案, 潜政发〔2022〕1号 (seed 002).

Builds the plan through the CLI, measures its fidelity to the source, checks that the
source's defects are kept and acknowledged where they occur, and checks the counts taken
from the source by hand (see docs/plans/qianjiang-2022.md, "Counts").
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from compiler.model import Plan
from compiler.pipeline import compile_file
from compiler.text import plain_text
from diagnostics import Severity
from tests.fidelity import coverage, plan_corpus
from tests.seeds import seed_sentences

ROOT = Path(__file__).resolve().parents[2]
PLAN_ID = "qianjiang-2022"

# The one sentence in which an obvious typo was corrected (典型引作用 → 典型引领作用).
CORRECTED = [
    "加强舆论宣传引导,广泛宣传县域经济发展的成功经验和典型做法,及时总结学习创新的理念、管用的经验、先进可行的做法,"
    "强化典型引作用,营造良好工作氛",
]


def test_only_acknowledged_source_defects_are_reported() -> None:
    compiled = compile_file(ROOT / "plans" / f"{PLAN_ID}.plan")
    assert compiled.ok
    assert all(d.severity is Severity.WARNING and d.acknowledged for d in compiled.diagnostics), [
        f"{d.code} {d.message}" for d in compiled.diagnostics if not d.acknowledged
    ]
    found = sorted((d.code, d.span.line if d.span else 0, d.message.split("`")[1]) for d in compiled.diagnostics)
    assert found == [
        ("V029", 7, "《"),  # the preamble's 《 is never closed
        ("V029", 59, "("),  # 一是: the owner bracket is left open …
        ("V029", 59, "”"),  # … and 一城三区” lacks its opening “
        ("V029", 65, "("),  # 二是: owner bracket left open
        ("V029", 83, "("),  # 三是: owner bracket left open
        ("V029", 152, "("),  # (四)三是: owner bracket left open
        ("V031", 139, "农业现代化"),  # 年营收过10亿: the threshold of 龙头企业, not a target
    ]


def test_fidelity_to_the_source(plan_json: Path) -> None:
    result = coverage(seed_sentences(PLAN_ID), plan_corpus(plan_json))
    print(result.report())
    assert result.ratio >= 0.97
    assert result.missing == CORRECTED


def test_covering_notice(plan: Plan) -> None:
    assert plan.notice_title == "市人民政府关于印发潜江市县域经济“百强进位”行动方案的通知"
    assert plan.doc_no == "潜政发〔2022〕1号"
    assert plan.title == "潜江市县域经济“百强进位”行动方案"
    assert plan.issuers == ["潜江市人民政府"]
    assert (plan.issued, plan.published) == (dt.date(2022, 1, 19), dt.date(2022, 1, 21))
    assert (plan.period.start, plan.period.end) == (dt.date(2022, 1, 1), dt.date(2035, 12, 31))
    assert plan.recipients == ["管理人民政府街道办事处", "市政府有关部门"]
    assert plan.signature == ["2022年1月19日"]


def test_counts(plan: Plan) -> None:
    # 三、重点任务: (一)–(九), of which (一)–(五) hold 3+4+2+3+2 = 14 items 一是…; 四、组织保障: (一)–(四)
    assert len(plan.actions) == 9 + 14 + 4
    # one per "(责任单位:…" in the source
    assert sum(1 for a in plan.actions if a.responsible_units) == 18
    assert sum(1 for a in plan.actions if a.lead_units or a.lead_leaders) == 0
    # 10 stated in 一、发展目标 and the tasks, and 3 the tasks' prose commits to (V031): 110个重点项目,
    # 2个邻里服务中心, 2个职工服务中心
    assert len(plan.metrics) == 13
    assert len(plan.cadences) == 1
    assert plan.deadlines == []


def test_sub_items_are_numbered_and_run_on(plan: Plan) -> None:
    by_parent: dict[str, list[str]] = {}
    for action in plan.actions:
        if action.parent:
            by_parent.setdefault(action.parent, []).append(action.number)
    assert by_parent == {
        "县城承载能力": ["一是", "二是", "三是"],
        "产业能级": ["一是", "二是", "三是", "四是"],
        "区域发展布局": ["一是", "二是"],
        "乡村振兴": ["一是", "二是", "三是"],
        "开放创新": ["一是", "二是"],
    }
    text = plain_text(plan)
    assert "(一)增强县城综合承载能力。一是加快确立“一城三区”城市发展布局。" in text
    assert "相关区镇街道二是加快县城城镇化补短板强弱项。" in text
    assert "(责任单位:市经信局、市招商服务中心)二是持续稳固制造业核心地位。" in text


def test_owners_print_as_the_source(plan: Plan) -> None:
    actions = {a.id: a for a in plan.actions}
    open_brackets = {a.id: a.owners_text for a in plan.actions if a.owners_verbatim is not None}
    assert open_brackets == {
        "一城三区": "(责任单位:市自然资源和规划局、市发改委、市经信局、市支油办,相关区镇街道",
        "县城补短板": "(责任单位:市发改委、市住建局、市经信局",
        "特色小镇": "(责任单位:市发改委、市住建局等,相关区镇街道",
        "美丽乡村": "(责任单位:市农业农村局、市乡村振兴局、市文化和旅游局",
    }
    assert actions["一城三区"].responsible_units == [
        "潜江市自然资源和规划局", "潜江市发改委", "潜江市经信局", "潜江市支油办", "相关区镇街道",
    ]
    assert actions["发展环境"].owners_text == (
        "(责任单位:市发改委、市政务和大数据局、市经信局、市住建局、市商务局、市金融办、人行市支行)"
    )
    assert actions["发展环境"].responsible_units[-1] == "人行潜江市支行"
    assert actions["民生福祉"].responsible_units[-1] == "江汉职院"


def test_run_on_titles_are_kept_as_text(plan: Plan) -> None:
    actions = {a.id: a for a in plan.actions}
    for action_id, opening in (("产业园区", "推动产业园区扩容提质赋能深化扩权赋能,"), ("乡村振兴规划", "落实乡村振兴规划推动")):
        assert actions[action_id].title is None
        assert actions[action_id].text[0].startswith(opening)
        assert actions[action_id].notes


# (id, kind, op, value, unit, by, each_year, firmness)
TARGETS = [
    ("百强位次前移", "rank_gain", ">=", "20", "位", "2025-12-31", False, "strive"),
    ("地区生产总值", "level", ">", "1200", "亿元", "2025-12-31", False, "strive"),
    ("工业增加值占比", "share", "~", "45", "%", "2025-12-31", False, "strive"),
    ("县域经济排名", "rank", "<=", "50", "位", "2035-12-31", False, "stated"),
    ("经济总量", "level", ">", "2000", "亿元", "2035-12-31", False, "stated"),
    ("县城重点项目", "level", ">=", "110", "个", "2025-12-31", False, "stated"),
    ("城市建成区面积", "level", ">=", "50", "平方公里", "2025-12-31", False, "stated"),
    ("城市人口", "level", ">=", "50", "万人", "2025-12-31", False, "stated"),
    ("邻里服务中心", "level", ">=", "2", "个", "2025-12-31", False, "stated"),
    ("职工服务中心", "level", ">=", "2", "个", "2025-12-31", False, "stated"),
    ("十亿龙头企业", "level", ">=", "3", "家", "2025-12-31", False, "stated"),
    ("农业龙头企业", "level", ">=", "100", "家", "2025-12-31", False, "stated"),
    ("四上企业净增", "per_year", ">=", "100", "家", None, True, "must"),
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
    assert (firmness.count("must"), firmness.count("strive"), firmness.count("stated")) == (1, 3, 9)
    metrics = {m.id: m for m in plan.metrics}
    assert metrics["四上企业净增"].targets[0].from_year == 2022
    assert metrics["四上企业净增"].action == "发展环境"


def test_cadence(plan: Plan) -> None:
    (cadence,) = plan.cadences
    assert (cadence.every, cadence.interval, cadence.at_least, cadence.kind) == ("quarter", 1, False, "通报")
    assert cadence.owners == ["潜江市县域经济发展办公室"]
    assert cadence.action == "考核督查"
