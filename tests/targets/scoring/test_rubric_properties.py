"""Property tests of rubrics: every item within [0, its max]; the total within the declared bounds; a unit's score
never falls when one of its facts improves; statement order never changes a score."""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from compiler.pipeline import compile_source
from targets.scoring.data import ScoreData
from targets.scoring.engine import score
from targets.scoring.schema import ItemScore, ScoreRow, ScoringDoc
from targets.scoring.scheme import scoring_doc

HEAD = 'plan prop {\n  title "性质细则"\n  period 2024\n}\nunit 甲 "甲局"\nunit 乙 "乙局"\n'

# facts that are better high (counts of things done) and better low (cases of things gone wrong)
GOOD = ["做到", "完成", "省级", "市级", "表扬"]
BAD = ["问题", "批评"]
YESNO = ["配合"]

FACTS = "\n".join(f"  fact {name} unit 次" for name in GOOD + BAD) + "\n  fact 配合"

# each block is one statement (with its own block), so that permuting them permutes the statements
ITEMS = [
    """    item 甲项 max 20 {
      when 配合 and 做到 >= 2
    }""",
    """    item 乙项 max 15 {
      deduct 0.5 per 做到 short_of 6
      deduct 3 per 问题
    }""",
    """    item 丙项 max 25 {
      item 丙一 max 10 {
        ratio 完成 of 8
      }
      item 丙二 max 10 {
        tiers best
        tier 省 points 10 when 省级 >= 1
        tier 市 points 6 when 市级 >= 2
        tier 基 points 2 when 做到 >= 1
      }
      add 0.5 per 完成 beyond 8 when 配合
      deduct 2 per 问题 cap 6
    }""",
    """    item 丁项 max 40 {
      tiers sum
      tier 省 points 30 when 省级 >= 1 or 市级 >= 3
      tier 市 points 20 when 市级 >= 1
      add 1 per 完成 cap 10
    }""",
]
STAGES = [
    """  bonus 表扬奖 cap 8 {
    add 3 per 表扬
  }""",
    """  bonus 额外 {
    when 省级 >= 2 points 4
  }""",
    """  penalty 批评扣 {
    add 2 per 批评
  }""",
    """  veto 否决 when 问题 >= 5 or 总分 < 30 grade 不合格""",
    """  veto 限优 when 批评 >= 1 bar 优秀""",
    '  band 优秀 "90分以上" from 90',
    '  band 合格 "60至89分" from 60',
    '  band 不合格 "60分以下" from 0',
    "  bonus_cap 10",
    "  bounds BOUNDS",
]


def plan_text(items: list[str], stages: list[str], bounds: str = "open") -> str:
    body = "\n".join(items)
    return HEAD + f"""scoring s "性质" {{
  every year
  scale 100
{FACTS}
  formula f {{
    member 甲 乙
{body}
  }}
{chr(10).join(stages).replace("BOUNDS", bounds)}
}}
"""


@cache
def doc_of(text: str) -> ScoringDoc:
    compiled = compile_source(Path("prop.plan").absolute(), text)
    errors = [d for d in compiled.diagnostics if d.severity.name == "ERROR"]
    assert not errors, [f"{d.code} {d.message}" for d in errors]
    assert compiled.plan is not None
    doc = scoring_doc(compiled.plan)
    assert doc is not None
    return doc


counts = st.integers(min_value=0, max_value=12)
facts_strategy = st.fixed_dictionaries({name: counts for name in GOOD + BAD} | {"配合": st.integers(0, 1)})


def run(doc: ScoringDoc, facts: dict[str, dict[str, int]]) -> dict[str, ScoreRow]:
    data = ScoreData("data.csv", "")
    data.years.add(2024)
    for unit, values in facts.items():
        for name, value in values.items():
            data.facts[(2024, unit, name)] = Decimal(value)
    outcome = score(doc, data)
    return {row.unit: row for row in outcome.report.rows}


def walk(items: list[ItemScore]) -> list[ItemScore]:
    return [x for i in items for x in [i, *walk(i.items)]]


@settings(max_examples=150, deadline=None)
@given(facts_strategy, st.sampled_from(["open", "capped", "zero"]))
def test_items_within_their_max_and_total_within_bounds(facts: dict[str, int], bounds: str) -> None:
    row = run(doc_of(plan_text(ITEMS, STAGES, bounds)), {"甲": facts})["甲"]
    for scored in walk(row.items):
        assert scored.score is not None
        assert Decimal(0) <= Decimal(scored.score) <= Decimal(scored.max), scored
    assert row.items_score is not None and row.score is not None
    assert Decimal(0) <= Decimal(row.items_score) <= Decimal(row.attainable_total or "0")
    total = Decimal(row.score)
    if bounds == "capped":
        assert Decimal(0) <= total <= 100
    elif bounds == "zero":
        assert total >= 0
    # bonuses add at most the bonus cap (10) and penalties take at most 2 × 12
    assert Decimal(row.items_score) - 24 <= total <= Decimal(row.items_score) + 10


@settings(max_examples=150, deadline=None)
@given(facts_strategy, st.sampled_from(GOOD + BAD + YESNO), st.integers(min_value=1, max_value=5))
def test_a_better_fact_never_lowers_the_score(facts: dict[str, int], name: str, step: int) -> None:
    doc = doc_of(plan_text(ITEMS, STAGES))
    better = dict(facts)
    if name in BAD:
        better[name] = max(facts[name] - step, 0)
    elif name in YESNO:
        better[name] = 1
    else:
        better[name] = facts[name] + step
    before = run(doc, {"甲": facts})["甲"]
    after = run(doc, {"甲": better})["甲"]
    assert Decimal(after.score or "0") >= Decimal(before.score or "0"), (name, facts, better)
    order = ["优秀", "合格", "不合格"]
    assert order.index(after.grade or "不合格") <= order.index(before.grade or "不合格")


@settings(max_examples=25, deadline=None)
@given(st.permutations(ITEMS), st.permutations(STAGES), facts_strategy, facts_strategy)
def test_statement_order_never_changes_a_score(items: list[str], stages: list[str], jia: dict[str, int],
                                               yi: dict[str, int]) -> None:
    facts = {"甲": jia, "乙": yi}
    reference = run(doc_of(plan_text(ITEMS, STAGES)), facts)
    permuted = run(doc_of(plan_text(items, stages)), facts)
    for unit in ("甲", "乙"):
        a, b = reference[unit], permuted[unit]
        assert (a.score, a.grade, a.band, sorted(a.vetoes)) == (b.score, b.grade, b.band, sorted(b.vetoes))
        assert {i.id: i.score for i in walk(a.items)} == {i.id: i.score for i in walk(b.items)}
        assert sorted((s.id, s.amount) for s in a.stages) == sorted((s.id, s.amount) for s in b.stages)


def test_the_plan_compiles_clean(tmp_path: Path) -> None:
    compiled = compile_source(tmp_path / "prop.plan", plan_text(ITEMS, STAGES))
    assert [d.code for d in compiled.diagnostics if not d.acknowledged] == []
