"""Property tests: every score stays within its bounds, and raising one component never lowers that unit's result."""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from targets.scoring.data import ScoreData
from targets.scoring.engine import score
from targets.scoring.schema import ScoreRow, ScoringDoc
from tests.targets.scoring.helpers import compile_doc

PLAN = """
plan prop {
  title "prop"
  period 2022
}
unit A "甲"
unit B "乙"
unit C "丙"
unit P "丁"
unit Q "戊"
unit R "己"
unit S "庚"
unit 办 "考评办"
unit 局 "工信局"
scoring s "性质" {
  every quarter
  scale 100
  ties shared
  fact 兑现率 "政策兑现率" unit %
  fact 全省排名 "全省排名"
  formula f {
    member A B C P Q R S
    component 办 max 60
    component 局 max 40
  }
  blend A self 85% with P 15%
  rank_points 档 100% 90% 80%
  grades 等次 {
    grade 优秀 quota 3 points 100%
    grade 良好 quota 6 points 90%
    grade 合格 quota 1 points 80%
    grade 不合格 quota rest points 60%
    rounding half_up
  }
  group g1 {
    member A B C
    period_weights 15% 25% 25% 35%
    weight 15
    rank_points 档
  }
  group g2 {
    member P Q R S
    period_weights 15% 25% 30% 30%
    weight 10
    grades 等次
  }
  adjust 扣分 when 兑现率 < 90% then -3 applies g1
  adjust 加分 when 兑现率 >= 99% then 2 applies g2
  override 第一 when 全省排名 = 1 then full_marks
}
"""
UNITS = ["A", "B", "C", "P", "Q", "R", "S"]
MAXIMA = {"办": 60, "局": 40}


@cache
def doc() -> ScoringDoc:
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="planc-prop-"))
    path = folder / "prop.plan"
    path.write_text(PLAN, encoding="utf-8")
    return compile_doc(path)


tenths = st.integers(min_value=0, max_value=600)  # a score in tenths of a point, capped per component below
Scores = dict[tuple[int, int, str, str], Decimal]


@st.composite
def datasets(draw: st.DrawFn) -> tuple[Scores, dict[tuple[int, str, str], Decimal]]:
    scores: Scores = {}
    for quarter in range(4):
        for unit in UNITS:
            for evaluator, maximum in MAXIMA.items():
                tenth = draw(st.integers(min_value=0, max_value=maximum * 10))
                scores[(2022, quarter, unit, evaluator)] = Decimal(tenth) / 10
    facts: dict[tuple[int, str, str], Decimal] = {}
    for unit in UNITS:
        facts[(2022, unit, "兑现率")] = Decimal(draw(st.integers(min_value=80, max_value=100)))
    facts[(2022, "", "全省排名")] = Decimal(draw(st.sampled_from([1, 2, 5])))
    return scores, facts


def run(scores: Scores, facts: dict[tuple[int, str, str], Decimal]) -> dict[tuple[str, str], ScoreRow]:
    data = ScoreData("data.csv", "", scores=dict(scores), facts=dict(facts), years={2022})
    outcome = score(doc(), data)
    return {(row.unit, row.period): row for row in outcome.report.rows}


@settings(max_examples=80, deadline=None)
@given(datasets())
def test_every_score_within_its_bounds(dataset: tuple[Scores, dict[tuple[int, str, str], Decimal]]) -> None:
    rows = run(*dataset)
    weights = {"g1": Decimal(15), "g2": Decimal(10)}
    for (_unit, period), row in rows.items():
        assert row.status == "ok"
        assert row.score is not None
        assert Decimal(0) <= Decimal(row.score) <= Decimal(100)
        assert row.rank is not None and row.ranked is not None and 1 <= row.rank <= row.ranked
        for component in row.components:
            assert component.value is not None and Decimal(0) <= Decimal(component.value) <= Decimal(component.max)
        if period == "2022":
            assert row.points is not None
            assert Decimal(0) <= Decimal(row.points) <= weights[row.group]
            if row.group == "g2":
                assert row.grade in ("优秀", "良好", "合格", "不合格")


@settings(max_examples=80, deadline=None)
@given(datasets(), st.sampled_from(UNITS), st.integers(0, 3), st.sampled_from(sorted(MAXIMA)), st.integers(1, 600))
def test_raising_one_component_never_lowers_that_unit(
    dataset: tuple[Scores, dict[tuple[int, str, str], Decimal]], unit: str, quarter: int, evaluator: str, raise_by: int
) -> None:
    scores, facts = dataset
    key = (2022, quarter, unit, evaluator)
    raised = dict(scores)
    raised[key] = min(scores[key] + Decimal(raise_by) / 10, Decimal(MAXIMA[evaluator]))
    before, after = run(scores, facts), run(raised, facts)
    for period in (f"2022Q{quarter + 1}", "2022"):
        old, new = before[(unit, period)], after[(unit, period)]
        assert old.score is not None and new.score is not None
        assert Decimal(new.score) >= Decimal(old.score)
        assert new.rank is not None and old.rank is not None and new.rank <= old.rank
        if period == "2022":
            assert old.points is not None and new.points is not None
            assert Decimal(new.points) >= Decimal(old.points)


@settings(max_examples=40, deadline=None)
@given(datasets())
def test_blend_is_the_weighted_sum_of_own_scores(dataset: tuple[Scores, dict[tuple[int, str, str], Decimal]]) -> None:
    scores, facts = dataset
    rows = run(scores, facts)
    for quarter in range(4):
        own_a = sum(scores[(2022, quarter, "A", e)] for e in MAXIMA)
        own_p = sum(scores[(2022, quarter, "P", e)] for e in MAXIMA)
        row = rows[("A", f"2022Q{quarter + 1}")]
        assert row.score is not None
        assert Decimal(row.score) == own_a * Decimal("0.85") + own_p * Decimal("0.15")


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(list('2022Q1,ABCPRS办局兑现率"%-.\n 9x\ufeff')), max_size=30), max_size=8))
def test_the_reader_never_raises(lines: list[str]) -> None:
    import tempfile

    from targets.scoring.data import read_scores

    folder = Path(tempfile.mkdtemp(prefix="planc-fuzz-"))
    path = folder / "scores.csv"
    path.write_text("period,unit,item,value\n" + "\n".join(lines), encoding="utf-8")
    data, diagnostics = read_scores(path, "scores.csv", doc(), 2022, 2022)
    for diagnostic in diagnostics:
        assert diagnostic.span is not None and diagnostic.span.file == "scores.csv"
    if data is not None and not any(d.severity.value == "error" for d in diagnostics):
        score(doc(), data)  # whatever was accepted can be scored
