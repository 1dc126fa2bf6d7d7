"""Golden cases, computed by hand: the arithmetic is in the comments, the engine must agree exactly."""

from __future__ import annotations

from pathlib import Path

from targets.scoring.engine import grade_for_rank, quota_places
from targets.scoring.schema import GradeDef, GradeTableDef
from tests.targets.scoring.golden_plans import BLEND_PLAN, RANK_PLAN
from tests.targets.scoring.helpers import FIXTURE_PLAN, csv_rows, run

HEADER = "period,unit,item,value\n"
EVALUATORS = ["工信局", "发改委", "科技局", "商务局", "市场监管局", "经研金融办", "文旅广体局", "千百十办"]


def _county(period: str, unit: str, values: list[str]) -> str:
    return csv_rows(period, unit, dict(zip(EVALUATORS, values)))


def test_one_quarter_of_the_county_group(tmp_path: Path) -> None:
    # 湘潭县 (formula 县市区甲: 25/20/15/10/5/5/5/15): 22+18+13+9+4.5+4+5+14 = 89.5
    # 湘乡市 (县市区甲): 20+17+12+8+4+5+4+13 = 83
    # 韶山市 (韶山市计分: 25/15/10/10/5/5/15/15): 23+14+9+9+5+4+14+14 = 92
    # 雨湖区 (县市区甲): 22+16+12+8+4+3+4+14 = 83 — ties 湘乡市
    # 岳塘区 (岳塘区计分: 25/20/10/10/5/5/10/15): 24+19+9+9+5+5+9+15 = 95
    # ranks, ties shared: 岳塘区 1, 韶山市 2, 湘潭县 3, 湘乡市 4, 雨湖区 4; the lowest (flag): 湘乡市 and 雨湖区
    data = HEADER
    data += _county("2022Q1", "湘潭县", ["22", "18", "13", "9", "4.5", "4", "5", "14"])
    data += _county("2022Q1", "湘乡市人民政府", ["20", "17", "12", "8", "4", "5", "4", "13"])  # by name
    data += _county("2022Q1", "韶山市", ["23", "14", "9", "9", "5", "4", "14", "14"])
    data += _county("2022Q1", "雨湖区", ["22", "16", "12", "8", "4", "3", "4", "14"])
    data += _county("2022Q1", "岳塘区", ["24", "19", "9", "9", "5", "5", "9", "15"])
    scored = run(tmp_path, None, data, plan_path=FIXTURE_PLAN)
    expected = {"湘潭县": ("89.5", 3), "湘乡市": ("83", 4), "韶山市": ("92", 2), "雨湖区": ("83", 4), "岳塘区": ("95", 1)}
    for unit, (value, rank) in expected.items():
        row = scored.row(unit, "2022Q1")
        assert (row.score, row.rank, row.ranked, row.status) == (value, rank, 5, "ok"), unit
    assert scored.outcome is not None
    hits = [h for h in scored.outcome.report.flags if h.group == "县市区组" and h.period == "2022Q1"]
    assert [h.units for h in hits] == [["湘乡市", "雨湖区"]]
    # the other quarters have no data: no data, not zero, and so the year has no data either
    assert scored.row("湘潭县", "2022Q2").status == "no_data"
    assert scored.row("湘潭县", "2022Q2").score is None
    annual = scored.row("湘潭县", "2022")
    assert (annual.status, annual.score, annual.rank, annual.points) == ("no_data", None, None, None)
    assert "D064" in scored.codes()




def test_four_quarters_to_annual_with_a_blend(tmp_path: Path) -> None:
    # 发改委 own:   Q1 60+25 = 85, Q2 62+26 = 88, Q3 65+27 = 92, Q4 66+28 = 94
    # 供电公司 own: Q1 50+20 = 70, Q2 55+25 = 80, Q3 60+20 = 80, Q4 63+27 = 90
    # 发改委 final = own × 85% + 供电公司 × 15%:
    #   Q1 85×0.85 = 72.25 + 70×0.15 = 10.5 → 82.75
    #   Q2 88×0.85 = 74.8  + 80×0.15 = 12   → 86.8
    #   Q3 92×0.85 = 78.2  + 80×0.15 = 12   → 90.2
    #   Q4 94×0.85 = 79.9  + 90×0.15 = 13.5 → 93.4
    # 发改委 annual (15/25/25/35): 82.75×0.15 = 12.4125; 86.8×0.25 = 21.7; 90.2×0.25 = 22.55; 93.4×0.35 = 32.69
    #   12.4125 + 21.7 + 22.55 + 32.69 = 89.3525
    # 供电公司 annual (15/25/30/30), its own scores, unblended: 70×0.15 = 10.5; 80×0.25 = 20; 80×0.3 = 24; 90×0.3 = 27 → 81.5
    own = {"发改委": [("60", "25"), ("62", "26"), ("65", "27"), ("66", "28")],
           "供电公司": [("50", "20"), ("55", "25"), ("60", "20"), ("63", "27")]}
    data = HEADER + "".join(
        csv_rows(f"2022Q{q + 1}", unit, {"千百十办": a, "工信局": b}) for unit, quarters in own.items()
        for q, (a, b) in enumerate(quarters)
    )
    scored = run(tmp_path, BLEND_PLAN, data)
    finals = [scored.row("发改委", f"2022Q{q}").score for q in range(1, 5)]
    assert finals == ["82.75", "86.8", "90.2", "93.4"]
    assert [scored.row("发改委", f"2022Q{q}").raw_score for q in range(1, 5)] == ["85", "88", "92", "94"]
    assert scored.row("发改委", "2022").score == "89.3525"
    assert scored.row("供电公司", "2022").score == "81.5"
    assert scored.row("供电公司", "2022Q1").score == "70"
    # alone in their groups, both rank first: 10 × 100% = 10 points
    assert scored.row("发改委", "2022").points == "10"
    assert scored.outcome is not None
    trail = "\n".join(scored.outcome.trails["发改委"])
    assert "blend: 85 × 85% + 供电公司 70 × 15% = 82.75" in trail
    assert "annual: 82.75 × 15% + 86.8 × 25% + 90.2 × 25% + 93.4 × 35% = 89.3525" in trail




def _rank_data(first_in_province: bool) -> str:
    data = HEADER
    for unit, value in {"A": "90", "B": "95", "C": "90", "D": "80", "E": "70"}.items():
        data += f"2022,{unit},办,{value}\n"
    for unit, rate in {"A": "85%", "B": "89.9", "C": "90%", "D": "95", "E": "80%"}.items():
        data += f"2022,{unit},政策兑现率,{rate}\n"
    data += f"2022,,全省排名,{1 if first_in_province else 3}\n"
    return data


def test_ranks_to_points_with_a_deduction(tmp_path: Path) -> None:
    # annual scores: A 90, B 95, C 90, D 80, E 70; shared ties → B 1, A 2, C 2, D 4, E 5
    # points = 15 × share: B 15×100% = 15; A, C 15×90% = 13.5; D 15×70% = 10.5; E 15×60% = 9
    # 政策兑现率 < 90% → −3: A 85 → 13.5−3 = 10.5; B 89.9 → 15−3 = 12; E 80 → 9−3 = 6;
    #   C 90 is not below 90 → 13.5; D 95 → 10.5
    # 全省排名 3: the override does not apply
    scored = run(tmp_path, RANK_PLAN, _rank_data(first_in_province=False))
    expected = {"A": (2, "10.5"), "B": (1, "12"), "C": (2, "13.5"), "D": (4, "10.5"), "E": (5, "6")}
    for unit, (rank, points) in expected.items():
        row = scored.row(unit, "2022")
        assert (row.rank, row.points) == (rank, points), unit
    assert scored.row("A", "2022").applied == ["adjust:政策兑现扣分"]
    assert scored.row("C", "2022").applied == []


def test_override_gives_everyone_full_marks(tmp_path: Path) -> None:
    # 全省排名 = 1: every annual score becomes 100 → all share rank 1 → 15 × 100% = 15 each,
    # then the deduction still acts on the points: A, B, E 15−3 = 12; C, D 15
    scored = run(tmp_path, RANK_PLAN, _rank_data(first_in_province=True))
    for unit, points in {"A": "12", "B": "12", "C": "15", "D": "15", "E": "12"}.items():
        row = scored.row(unit, "2022")
        assert (row.score, row.rank, row.points) == ("100", 1, points)
        assert "override:全省第一" in row.applied
    assert scored.row("E", "2022").raw_score == "70"


def _table(method: str, rounding: str = "half_up") -> GradeTableDef:
    return GradeTableDef(
        id="市直等次",
        grades=[GradeDef(name="优秀", quota=3, share="1"), GradeDef(name="良好", quota=6, share="0.9"),
                GradeDef(name="合格", quota=1, share="0.8"), GradeDef(name="不合格", quota=None, share="0.6")],
        quota_total=10, rounding=rounding, quota_method=method, beyond_quota="不合格",  # type: ignore[arg-type]
    )


def test_quota_3_6_1_on_10_units() -> None:
    # 10 × 3/10 = 3, 10 × 6/10 = 6, 10 × 1/10 = 1: exact, whatever the rounding
    for method in ("each", "cumulative"):
        for rounding in ("half_up", "floor", "ceil"):
            assert quota_places(_table(method, rounding), 10) == [("优秀", 3), ("良好", 6), ("合格", 1)]
    table = _table("each")
    places = quota_places(table, 10)
    grades = [grade_for_rank(table, places, r) for r in range(1, 11)]
    assert grades == ["优秀"] * 3 + ["良好"] * 6 + ["合格"]


def test_quota_3_6_1_on_26_units() -> None:
    # each, half_up: 26×0.3 = 7.8 → 8; 26×0.6 = 15.6 → 16 (running 24); 26×0.1 = 2.6 → 3, but only 2 remain → 2
    assert quota_places(_table("each"), 26) == [("优秀", 8), ("良好", 16), ("合格", 2)]
    # cumulative, half_up: 7.8 → 8; 26×0.9 = 23.4 → 23 (15 more); 26×1.0 = 26 (3 more)
    assert quota_places(_table("cumulative"), 26) == [("优秀", 8), ("良好", 15), ("合格", 3)]
    # each, floor: 7, 15, 2 = 24 → ranks 25 and 26 fall to the rest grade 不合格 (K008 warns about this)
    table = _table("each", "floor")
    places = quota_places(table, 26)
    assert places == [("优秀", 7), ("良好", 15), ("合格", 2)]
    assert [grade_for_rank(table, places, r) for r in (7, 8, 22, 23, 24, 25, 26)] == [
        "优秀", "良好", "良好", "合格", "合格", "不合格", "不合格"]


def test_tied_units_at_a_quota_boundary_share_the_better_grade(tmp_path: Path) -> None:
    # 10 units, scores 100, 99, 98, 98, 96 … 91: shared ranks 1, 2, 3, 3, 5 … 10
    # 优秀 takes ranks ≤ 3: the two units tied on 98 are both 优秀 (4 units); 良好 ranks 5–9; 合格 rank 10
    units = [f"U{i}" for i in range(10)]
    plan = "plan q {\n  title \"q\"\n  period 2022\n}\nunit 办 \"考评办\"\n"
    plan += "".join(f'unit {u} "{u}单位"\n' for u in units)
    plan += ('scoring s "q" {\n  every year\n  formula f {\n    member ' + " ".join(units) +
             "\n    component 办 max 100\n  }\n  grades 等次 {\n    grade 优秀 quota 3 points 100%\n"
             "    grade 良好 quota 6 points 90%\n    grade 合格 quota 1 points 80%\n"
             "    grade 不合格 quota rest points 60%\n    rounding half_up\n  }\n"
             "  group g {\n    member " + " ".join(units) + "\n    weight 10\n    grades 等次\n  }\n}\n")
    values = ["100", "99", "98", "98", "96", "95", "94", "93", "92", "91"]
    data = HEADER + "".join(f"2022,{u},办,{v}\n" for u, v in zip(units, values))
    scored = run(tmp_path, plan, data)
    grades = [scored.row(u, "2022").grade for u in units]
    assert grades == ["优秀"] * 4 + ["良好"] * 5 + ["合格"]
    points = [scored.row(u, "2022").points for u in units]
    # 10 × 100% = 10; 10 × 90% = 9; 10 × 80% = 8
    assert points == ["10"] * 4 + ["9"] * 5 + ["8"]


def test_sequential_ties_follow_member_order(tmp_path: Path) -> None:
    # A 90 and C 90 tie; `ties sequential` ranks them in member order: B 95 → 1, A → 2, C → 3, D 80 → 4, E 70 → 5
    # points: C 15 × 80% = 12 (with shared ties it would be 13.5); A 13.5 − 3 (85% < 90%) = 10.5
    scored = run(tmp_path, RANK_PLAN.replace("ties shared", "ties sequential"), _rank_data(first_in_province=False))
    assert [scored.row(u, "2022").rank for u in "ABCDE"] == [2, 1, 3, 4, 5]
    assert [scored.row(u, "2022").points for u in "ABCDE"] == ["10.5", "12", "12", "10.5", "6"]


def test_each_year_of_a_multi_year_plan_is_scored(tmp_path: Path) -> None:
    # 2022: B 95 first (15 − 3 = 12); 2023: only A and B have data — A 99 first, B 50 second; C, D, E no data in 2023
    plan = RANK_PLAN.replace("period 2022", "period 2022..2023")
    data = _rank_data(first_in_province=False) + "2023,A,办,99\n2023,B,办,50\n2023,A,政策兑现率,95%\n2023,B,政策兑现率,95%\n"
    scored = run(tmp_path, plan, data)
    assert scored.outcome is not None and scored.outcome.report.years == [2022, 2023]
    assert (scored.row("B", "2022").rank, scored.row("B", "2022").points) == (1, "12")
    # 2023: A rank 1 → 15; B rank 2 → 13.5; 全省排名 has no 2023 value → the override is not decided (D066)
    assert (scored.row("A", "2023").rank, scored.row("A", "2023").points) == (1, "15")
    assert (scored.row("B", "2023").rank, scored.row("B", "2023").points) == (2, "13.5")
    assert scored.row("C", "2023").status == "no_data"
    assert "D066" in scored.codes() and "D064" in scored.codes()


def test_periods_of_other_frequencies() -> None:
    from targets.scoring.data import parse_period
    from targets.scoring.schema import ScoringDoc

    def doc(every: str, periods: list[str]) -> ScoringDoc:
        return ScoringDoc.model_construct(every=every, periods=periods)

    quarterly = doc("quarter", ["Q1", "Q2", "Q3", "Q4"])
    assert parse_period("2022Q3", quarterly) == (2022, 2)
    assert parse_period("2022q1", quarterly) == (2022, 0)
    assert parse_period("2022", quarterly) == (2022, None)
    assert parse_period("2022Q5", quarterly) is None
    assert parse_period("2022H1", quarterly) is None
    half = doc("halfyear", ["H1", "H2"])
    assert parse_period("2022H2", half) == (2022, 1)
    monthly = doc("month", [f"M{m:02d}" for m in range(1, 13)])
    assert parse_period("2022-03", monthly) == (2022, 2)
    assert parse_period("2022M12", monthly) == (2022, 11)
    assert parse_period("2022-13", monthly) is None


def test_formulas_without_groups_still_get_period_scores(tmp_path: Path) -> None:
    # no group: 甲 scores 30 + 50 = 80 in 2022Q1, unranked; nothing is dropped silently
    plan = ('plan g {\n  title "g"\n  period 2022\n}\nunit 甲 "甲县"\nunit 办 "考评办"\nunit 局 "工信局"\n'
            'scoring s "s" {\n  every quarter\n  formula f {\n    member 甲\n    component 办 max 40\n'
            '    component 局 max 60\n  }\n}\n')
    scored = run(tmp_path, plan, HEADER + "2022Q1,甲,办,30\n2022Q1,甲,局,50\n")
    row = scored.row("甲", "2022Q1")
    assert (row.group, row.score, row.rank) == ("", "80", None)
