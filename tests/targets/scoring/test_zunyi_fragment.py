"""遵义市安全生产工作绩效考核方案 (fragment): the five worked cases of the corpus (cases.md): bonus 6 by highest
level per item, per-occurrence deductions, three or-ed vetoes (one on the final score), four grade bands."""

from __future__ import annotations

from pathlib import Path

from targets.scoring.schema import ScoreRow
from tests.targets.scoring.rubric_helpers import ROOT, score_units

PLAN = ROOT / "tests" / "corpus" / "rubrics" / "zunyi-2010-safety-fragment" / "zunyi.plan"

CLEAN = {"死亡人数": "1人", "死亡控制指标": "3人", "重大以上事故": "否", "提供影像资料": "是"}


def annual(tmp_path: Path, unit: str, facts: dict[str, str]) -> ScoreRow:
    return score_units(tmp_path, PLAN, "2010", {unit: dict(CLEAN, **facts)}).row(unit, "2010")


def test_case_a_no_veto_lianghao(tmp_path: Path) -> None:
    # item X recognised by 省 and 国家 → its highest, 国家 (recorded once); item Y by 市
    row = annual(tmp_path, "某县", {"基本得分": "88", "国家级推广项": "1项", "市级推广项": "1项",
                                   "较大事故": "2起", "较大事故控制指标": "3起", "通报批评": "1次"})
    # bonuses: X → 5, Y → 1; 6.  deductions: 2 × 0.5 = 1 (2 ≤ 3); 通报 1 × 2 = 2; 资料 provided 0; 3
    assert [(s.id, s.amount) for s in row.stages] == [("创新", "6"), ("较大事故扣分", "1"), ("通报批评扣分", "2")]
    # 88 + 6 − 3 = 91; no veto (91 ≥ 80); 90 ≤ 91 < 95 → 良好
    assert row.score == "91"
    assert row.vetoes == []
    assert row.grade == "良好"


def test_case_b_veto_by_the_score_itself(tmp_path: Path) -> None:
    row = annual(tmp_path, "某区", {"基本得分": "84", "市级推广项": "1项", "较大事故": "0起",
                                   "较大事故控制指标": "2起", "通报批评": "2次", "提供影像资料": "否"})
    # bonuses 1; deductions 2 × 2 = 4 and 资料 3 = 7; 84 + 1 − 7 = 78
    assert row.score == "78"
    # veto 3: 78 < 80 → 不达标 (its band too)
    assert row.vetoes == ["未达80分"]
    assert (row.band, row.grade) == ("不达标", "不达标")


def test_case_c_a_bonus_does_not_undo_a_veto(tmp_path: Path) -> None:
    row = annual(tmp_path, "某部门", {"基本得分": "96", "省级推广项": "1项", "重大以上事故": "是"})
    # 96 + 3 − 0 = 99, in the 优秀 band; veto 2 (重大以上事故) → 不达标 whatever the score
    assert row.score == "99"
    assert row.band == "优秀"
    assert row.vetoes == ["重大事故"]
    assert row.grade == "不达标"


def test_case_d_accidents_beyond_the_control_target(tmp_path: Path) -> None:
    row = annual(tmp_path, "某县", {"基本得分": "92", "较大事故": "4起", "较大事故控制指标": "2起"})
    # reading 3 (instead of): 2 × 0.5 + 2 × 1 = 3, written as 4 × 0.5 + (4 − 2) × 0.5 = 2 + 1 = 3; 92 − 3 = 89
    assert row.score == "89"
    # 80 ≤ 89 < 90 → 达标; 较大事故 over the target is not a veto (only deaths over the target are)
    assert (row.vetoes, row.grade) == ([], "达标")


def test_case_e_band_edge(tmp_path: Path) -> None:
    row = annual(tmp_path, "某县", {"基本得分": "94", "市级推广项": "1项", "较大事故": "1起", "较大事故控制指标": "2起"})
    # 94 + 1 − 0.5 = 94.5: between “90-94分” and “95分以上”; the band whose lower bound it reaches, 90 → 良好
    assert row.score == "94.5"
    assert row.grade == "良好"


def test_deaths_over_their_target_veto(tmp_path: Path) -> None:
    # veto 1 compares two facts: 死亡人数 4 > 死亡控制指标 3
    row = annual(tmp_path, "某县", {"基本得分": "97", "死亡人数": "4人"})
    assert (row.score, row.vetoes, row.grade) == ("97", ["死亡超标"], "不达标")
