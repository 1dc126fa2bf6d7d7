"""岳阳市实施“七大攻坚”总体方案 (岳政办发〔2025〕2号) and its seven annexes, encoded in plans/.

The counts below were taken from the source text, not from the encoding:

* actions (175): every numbered item that carries prose or owners — 11 in the body
  (二、(一)–(七) and 三、(一)–(四)), 136 items "N." in the annexes (the ten "N." headings of
  附件7 (一), which carry neither, are sections), 23 items "(N)" in 附件7, and the 5
  sub-headed paragraphs 港口物流: … 医药健康: of 附件2;
* actions with a lead unit (110): owner brackets containing 牵头 or 牵头单位 (161 owner
  brackets in all; the other 51 name units 按职能分工负责 or 负责 without a lead);
* metrics (140): every numeric target, and every target stated against a benchmark
  (不低于全省平均水平, 达到省定目标, 高于…增速) or as full coverage/zero (全覆盖, 动态清零),
  counted where the source states it: 25 body, 16 附件1, 20 附件2, 23 附件3, 8 附件4,
  6 附件5, 0 附件6, 42 附件7;
* cadences (9): 附件1 按月梳理调度, 按月/按季 调度监测 (2), 一周一调度、双周一督导、一月一通报 (3);
  附件2 季季有主题、月月有活动 (2); 附件5 分季度 案例归集.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from compiler.model import Action, Plan, Target
from compiler.pipeline import compile_file
from compiler.text import reading_order
from tests.fidelity import coverage, plan_corpus, seed_path
from tests.seeds import SEEDS, seed_sentences

ROOT = Path(__file__).resolve().parents[2]
PLAN_ID = "yueyang-2025"
PLAN_FILE = ROOT / "plans" / f"{PLAN_ID}.plan"


def test_only_acknowledged_warnings() -> None:
    compiled = compile_file(PLAN_FILE)
    outstanding = [d for d in compiled.diagnostics if not d.acknowledged]
    assert outstanding == []
    # V031: 10亿元以上 (a threshold), 100万吨/年 (twice, a plant's name), 6个县市区… (a pilot's scope)
    assert sorted(d.code for d in compiled.diagnostics) == ["V005", "V028", "V029", "V029"] + ["V031"] * 4 + ["V051"]


def test_fidelity(plan_json: Path) -> None:
    result = coverage(seed_sentences("yueyang-2025"), plan_corpus(plan_json))
    print(result.report())
    assert result.total > 1000
    assert result.ratio >= 0.97
    assert result.missing == []


def test_prints_the_whole_source_and_nothing_else(plan: Plan) -> None:
    """Read in document order, the plan's text is the source, character for character
    (whitespace aside), from 岳政办发〔2025〕2号 to …印发. The only addition is the issuer's
    letterhead line (发文机关标志) that the document prints above the document number."""
    source = re.sub(r"\s", "", seed_path(SEEDS["yueyang-2025"].prefix).read_text(encoding="utf-8"))
    ordered = reading_order(plan)
    assert [b.text for b in ordered if b.role == "issuer"] == ["岳阳市人民政府办公室"]
    blocks = [re.sub(r"\s", "", block.text) for block in ordered if block.role != "issuer"]
    assert blocks[:2] == ["岳政办发〔2025〕2号", "岳阳市人民政府办公室关于印发《岳阳市实施“七大攻坚”总体方案》的通知"]
    assert "".join(blocks) == source


def test_counts(plan: Plan) -> None:
    assert len(plan.actions) == 175
    assert sum(1 for a in plan.actions if a.lead_units) == 110
    assert sum(1 for a in plan.actions if a.owners) == 161
    assert len(plan.metrics) == 140
    assert len(plan.cadences) == 7  # “按月按季推动项目投资和建设更加均衡” paces investment: prose, not two series
    assert len(plan.deadlines) == 2
    per_annex = Counter(next((s.annex for s in plan.sections if s.id == m.section), None) for m in plan.metrics)
    assert per_annex == {None: 25, "附件1": 16, "附件2": 20, "附件3": 23, "附件4": 8, "附件5": 6, "附件7": 42}


def test_metadata(plan: Plan) -> None:
    assert plan.doc_no == "岳政办发〔2025〕2号"
    assert plan.issued is not None and plan.issued.isoformat() == "2025-02-07"
    assert (plan.period.start.year, plan.period.end.year) == (2025, 2025)
    assert [s.number + s.title for s in plan.sections if s.kind == "annex"] == [
        "附件1内需扩量提效攻坚实施方案",
        "附件2产业育新培强攻坚实施方案",
        "附件3科技创新赋能攻坚实施方案",
        "附件4改革开放重点攻坚实施方案",
        "附件5环境优化提升攻坚实施方案",
        "附件6安全强基固本攻坚实施方案",
        "附件7民生补短提质攻坚实施方案",
    ]


def _action(plan: Plan, action_id: str) -> Action:
    return next(a for a in plan.actions if a.id == action_id)


def _owners(plan: Plan, action_id: str) -> str:
    text = _action(plan, action_id).owners_text
    assert text is not None
    return text


def _target(plan: Plan, metric_id: str) -> Target:
    target = next(m.target for m in plan.metrics if m.id == metric_id)
    assert target is not None
    return target


def test_owner_conventions(plan: Plan) -> None:
    # X牵头,Y等按职能分工负责
    assert _action(plan, "a1-s2-1-1").number == "1."
    assert _owners(plan, "a1-s2-1-1") == (
        "(市人社局牵头,市发改委、市商务局、市财政局、市民政局、市国资委、市医保局、市机关事务局等按职能分工负责)"
    )
    # lead only
    assert _owners(plan, "a1-s2-2-4") == "(市发改委、市财政局牵头负责)"
    # 分别牵头, a unit with brackets in its name, 牵头单位:
    assert _owners(plan, "a6-s2-1-4").startswith("(市应安委办、市人社局分别牵头,")
    assert _owners(plan, "a6-s2-2-1") == "(各县市区政府(管委会),市财政局、市发改委、市审计局等按职能分工负责)"
    assert _owners(plan, "a7-s2-1-7-1") == "(牵头单位:市行政审批局、市数据局、市人社局)"
    assert _owners(plan, "a3-s2-2-1") == "(市文旅广电局负责)"
    assert _owners(plan, "a4-s2-1-1").endswith("市行政审批局等按职能分工负责)")
    assert _action(plan, "a4-s2-1-1").lead_units == []
    # the alias the source writes once is printed as written and resolves to the registry unit
    assert _owners(plan, "a5-s2-1-4").endswith("人民银行岳阳分行按职能分工负责)")
    assert "人民银行岳阳市分行" in _action(plan, "a5-s2-1-4").co_units


def test_numbering_runs_on_across_annex7_headings(plan: Plan) -> None:
    numbers = [a.number for a in plan.actions if a.id.startswith("a7-s2-1-")]
    assert numbers == [f"({n})" for n in range(1, 24)]


def test_targets(plan: Plan) -> None:
    metrics = {m.id: m for m in plan.metrics}
    assert (_target(plan, "m-高新增加值").value, _target(plan, "a3-高新增加值").value) == ("8", "6")
    assert _target(plan, "a2-粮食面积").firmness == "must"
    assert _target(plan, "a1-限上企业").firmness == "strive"
    assert _target(plan, "m-社零").firmness == "stated"
    assert (_target(plan, "a2-物流费用占比").op, _target(plan, "a2-物流费用占比").value) == ("~", "13.0")
    assert metrics["a7-扶助资金"].parts == ["a7-特别扶助金", "a7-老龄护理补贴", "a7-走访慰问金"]
    weekly = next(c for c in plan.cadences if c.id == "a1-重大项目周调度")
    assert (weekly.every, weekly.kind, weekly.action) == ("week", "调度", "a1-s2-2-5")
    credit = next(d for d in plan.deadlines if d.id == "a5-信用信息归集")
    assert credit.due[0].date is not None and credit.due[0].date.isoformat() == "2025-03-31"
    # written as the source writes it (在2025年3月底前完成…; 力争年内完成…), printed back so
    assert credit.due[0].written == "2025年3月底前"
    platform = next(d for d in plan.deadlines if d.id == "a3-智慧文旅平台")
    assert (platform.due[0].kind, platform.due[0].month, platform.due[0].written) == ("yearly", 12, "年内")
