"""One golden test per rule kind of a rubric, on a small scheme, the hand computation in each test."""

from __future__ import annotations

from pathlib import Path

from targets.scoring.schema import ScoreRow
from tests.targets.scoring.helpers import Scored, run
from tests.targets.scoring.rubric_helpers import item

HEAD = 'plan r {\n  title "规则测试细则"\n  period 2024\n}\nunit 甲 "甲局"\nunit 乙 "乙局"\nunit 办 "考核办"\n'


def scheme(body: str, extra: str = "", facts: str = "") -> str:
    return HEAD + f"""scoring s "规则测试" {{
  every year
  scale 100
  fact 是否 "一个是否事实"
  fact 另一 "另一个是否事实"
  fact 次数 "次数" unit 次
  fact 要求 "要求次数" unit 次
  fact 完成 "完成数" unit 个
  fact 任务 "任务数" unit 个
  fact 比率 "比率" unit %
  fact 省级 "省级" unit 篇
  fact 市级 "市级" unit 篇
  fact 县级 "县级" unit 篇
  fact 表扬 "表扬" unit 次
  fact 批评 "批评" unit 次
{facts}
  formula f {{
    member 甲 乙
    item 其他 max 80
    item 考核项 max 20 {{
{body}
    }}
  }}
{extra}
}}
"""


def score_one(tmp_path: Path, plan: str, facts: dict[str, str], unit: str = "甲", other: str = "70") -> Scored:
    lines = ["period,unit,item,value", f"2024,{unit},其他,{other}"]
    lines += [f"2024,{unit},{k},{v}" for k, v in facts.items()]
    scored = run(tmp_path, plan, "\n".join(lines) + "\n")
    assert scored.outcome is not None, [f"{d.code} {d.message}" for d in scored.diagnostics]
    return scored


def row_of(tmp_path: Path, body: str, facts: dict[str, str], extra: str = "", other: str = "70") -> ScoreRow:
    return score_one(tmp_path, scheme(body, extra), facts, other=other).row("甲", "2024")


def points(tmp_path: Path, body: str, facts: dict[str, str]) -> str | None:
    return item(row_of(tmp_path, body, facts), "考核项").score


# ---- conditions ---------------------------------------------------------------------------


def test_when_full_marks_or_none(tmp_path: Path) -> None:
    assert points(tmp_path, "      when 是否", {"是否": "是"}) == "20"  # 是 → the item's 20
    assert points(tmp_path, "      when 是否", {"是否": "否"}) == "0"  # 否 → 否则不得分


def test_when_and_or_not(tmp_path: Path) -> None:
    both = "      when 比率 >= 80% and 是否"
    assert points(tmp_path, both, {"比率": "80%", "是否": "是"}) == "20"  # 80 ≥ 80 (以上 includes it) and 是
    assert points(tmp_path, both, {"比率": "79.9%", "是否": "是"}) == "0"  # 79.9 < 80
    either = "      when 是否 or 另一"
    assert points(tmp_path, either, {"是否": "否", "另一": "是"}) == "20"
    assert points(tmp_path, either, {"是否": "否", "另一": "否"}) == "0"
    assert points(tmp_path, "      when not 是否", {"是否": "否"}) == "20"


def test_several_whens_with_points_add_up(tmp_path: Path) -> None:
    body = "      when 是否 points 8\n      when 另一 points 12"
    assert points(tmp_path, body, {"是否": "是", "另一": "否"}) == "8"  # 8 + 0


# ---- per occurrence -------------------------------------------------------------------------


def test_deduct_per_occurrence_floored_at_zero(tmp_path: Path) -> None:
    body = "      deduct 3 per 次数"
    assert points(tmp_path, body, {"次数": "2次"}) == "14"  # 20 − 3 × 2
    assert points(tmp_path, body, {"次数": "9次"}) == "0"  # 20 − 27 = −7 → 0 (扣完为止)


def test_deduct_short_of_a_required_count(tmp_path: Path) -> None:
    body = "      deduct 4 per 次数 short_of 3"  # 年内至少3次，少一次扣4分
    assert points(tmp_path, body, {"次数": "1次"}) == "12"  # 20 − 4 × (3 − 1)
    assert points(tmp_path, body, {"次数": "5次"}) == "20"  # more than required: no deduction, no extra


def test_deduct_short_of_a_required_count_that_is_a_fact(tmp_path: Path) -> None:
    body = "      deduct 0.5 per 次数 short_of 要求"
    assert points(tmp_path, body, {"次数": "3次", "要求": "8次"}) == "17.5"  # 20 − 0.5 × (8 − 3)


def test_deduct_with_a_cap(tmp_path: Path) -> None:
    body = "      deduct 3 per 次数 cap 5"
    assert points(tmp_path, body, {"次数": "4次"}) == "15"  # 3 × 4 = 12, at most 5 → 20 − 5


def test_add_per_occurrence_with_cap_and_beyond(tmp_path: Path) -> None:
    body = "      add 2 per 次数 beyond 1 cap 7"
    assert points(tmp_path, body, {"次数": "3次"}) == "4"  # 2 × (3 − 1)
    assert points(tmp_path, body, {"次数": "9次"}) == "7"  # 2 × 8 = 16, at most 7


# ---- thresholds and proportions -------------------------------------------------------------


def test_ratio_threshold_else_pro_rata(tmp_path: Path) -> None:
    body = "      ratio 完成 of 10"  # 10个以上得满分，否则按完成比例得分
    assert points(tmp_path, body, {"完成": "7个"}) == "14"  # 20 × min(7 ÷ 10, 1)
    assert points(tmp_path, body, {"完成": "12个"}) == "20"  # min(1.2, 1) = 1


def test_ratio_against_a_fact(tmp_path: Path) -> None:
    body = "      ratio 完成 of 任务"
    assert points(tmp_path, body, {"完成": "1个", "任务": "4个"}) == "5"  # 20 × min(1 ÷ 4, 1)


def test_deduction_proportional_to_a_value(tmp_path: Path) -> None:
    body = "      deduct 0.2 per 比率"  # 0.2 points per percentage point
    assert points(tmp_path, body, {"比率": "35%"}) == "13"  # 20 − 0.2 × 35


# ---- tiers ------------------------------------------------------------------------------------

TIERS = """      tiers MODE
      tier 省级 points 12 when 省级 >= 1
      tier 市级 points 8 when 市级 >= 2
      tier 县级 points 4 when 县级 >= 1"""


def test_tiers_best(tmp_path: Path) -> None:
    facts = {"省级": "1篇", "市级": "2篇", "县级": "1篇"}
    assert points(tmp_path, TIERS.replace("MODE", "best"), facts) == "12"  # max(12, 8, 4)


def test_tiers_sum_within_the_max(tmp_path: Path) -> None:
    facts = {"省级": "1篇", "市级": "2篇", "县级": "1篇"}
    assert points(tmp_path, TIERS.replace("MODE", "sum"), facts) == "20"  # 12 + 8 + 4 = 24 → the item's 20
    assert points(tmp_path, TIERS.replace("MODE", "sum"), {"省级": "0篇", "市级": "2篇", "县级": "1篇"}) == "12"  # 8 + 4


# ---- sub-items --------------------------------------------------------------------------------


def test_sub_items_and_an_item_level_deduction(tmp_path: Path) -> None:
    body = """      item 子一 max 5 {
        when 是否
      }
      item 子二 max 15 {
        when 另一
      }
      deduct 2 per 次数"""
    row = row_of(tmp_path, body, {"是否": "是", "另一": "是", "次数": "3次"})
    assert item(row, "考核项").score == "14"  # 5 + 15 − 2 × 3
    # two deductions on one item never take more than the item: 5 + 15 − 2 × 30 → 0, not −40
    row = row_of(tmp_path, body, {"是否": "是", "另一": "是", "次数": "30次"})
    assert (item(row, "考核项").score, row.score) == ("0", "70")


# ---- stages outside the items -------------------------------------------------------------------

STAGES = """  bonus 表扬奖 "被表扬的每次加6分" cap 10 {
    add 6 per 表扬
  }
  penalty 批评扣 "被批评的每次扣4分" {
    add 4 per 批评
  }"""


def test_bonus_cap_and_penalty(tmp_path: Path) -> None:
    row = row_of(tmp_path, "      when 是否", {"是否": "是", "表扬": "3次", "批评": "1次"}, STAGES)
    # items 70 + 20 = 90; bonus 6 × 3 = 18 → its cap 10; penalty 4 × 1 = 4; 90 + 10 − 4 = 96
    assert [(s.id, s.amount) for s in row.stages] == [("表扬奖", "10"), ("批评扣", "4")]
    assert (row.items_score, row.score) == ("90", "96")


def test_bonus_may_exceed_the_scale_unless_bounded(tmp_path: Path) -> None:
    facts = {"是否": "是", "表扬": "3次"}
    # open (the default): 70 + 20 + 10 = 100 + … here other = 80 → 100 + 10 = 110
    row = row_of(tmp_path, "      when 是否", facts, STAGES, other="80")
    assert row.score == "110"
    # bounds capped: within [0, 100]
    row = row_of(tmp_path, "      when 是否", facts, STAGES + "\n  bounds capped", other="80")
    assert row.score == "100"


def test_all_bonuses_together_capped(tmp_path: Path) -> None:
    extra = STAGES + '\n  bonus 另奖 "另一奖" {\n    when 另一 points 5\n  }\n  bonus_cap 12'
    row = row_of(tmp_path, "      when 是否", {"是否": "是", "表扬": "3次", "另一": "是"}, extra)
    # 表扬奖 10 (its cap) + 另奖 5 = 15 → bonus_cap 12; 90 + 12 = 102
    assert row.score == "102"


def test_bounds_zero_floors_the_final_score(tmp_path: Path) -> None:
    extra = STAGES + "\n  bounds zero"
    row = row_of(tmp_path, "      when 是否", {"是否": "否", "批评": "5次"}, extra, other="10")
    # 10 + 0 − 4 × 5 = −10 → 0
    assert row.score == "0"


# ---- vetoes and bands -----------------------------------------------------------------------------

BANDS = """  band 优秀 "90分以上为优秀" from 90
  band 合格 "60-89分为合格" from 60
  band 不合格 "60分以下为不合格" from 0"""


def test_veto_bars_a_grade(tmp_path: Path) -> None:
    extra = BANDS + '\n  veto 不得优秀 "发生批评的不得评为优秀" when 批评 >= 1 bar 优秀'
    row = row_of(tmp_path, "      when 是否", {"是否": "是", "批评": "1次"}, extra, other="75")
    # 75 + 20 = 95 → band 优秀; the veto bars 优秀 → the next band, 合格
    assert (row.score, row.band, row.grade) == ("95", "优秀", "合格")


def test_veto_fixes_the_score_after_the_bonuses(tmp_path: Path) -> None:
    extra = STAGES + "\n" + BANDS + '\n  veto 清零 "发生批评的考核得0分" when 批评 >= 1 score 0 grade 不合格'
    row = row_of(tmp_path, "      when 是否", {"是否": "是", "批评": "1次", "表扬": "1次"}, extra)
    # 90 + 6 − 4 = 92, then the veto: score 0, 不合格; no bonus is added after it
    assert (row.score, row.grade) == ("0", "不合格")


def test_bands_combined_with_quotas(tmp_path: Path) -> None:
    extra = BANDS + """
  grades 等次 {
    grade 优秀 quota 1 points 100%
    grade 合格 quota 1 points 80%
    grade 不合格 quota rest points 60%
  }
  group g {
    member 甲 乙
    weight 10
    grades 等次
  }"""
    plan = scheme("      when 是否", extra)
    csv = "period,unit,item,value\n2024,甲,其他,78\n2024,甲,是否,是\n2024,乙,其他,75\n2024,乙,是否,是\n"
    scored = run(tmp_path, plan, csv)
    assert scored.outcome is not None
    # 甲 98, 乙 95: both in the 优秀 band; the 1:1 quota for 2 units gives 优秀 1 place, 合格 1 place
    jia, yi = scored.row("甲", "2024"), scored.row("乙", "2024")
    assert (jia.score, yi.score) == ("98", "95")
    assert (jia.band, yi.band) == ("优秀", "优秀")
    # 甲, rank 1: 优秀 by band and by quota → 优秀; 乙, rank 2: band 优秀, quota 合格 → the lower, 合格,
    # and the grade's points: 10 × 100% = 10 and 10 × 80% = 8
    assert (jia.grade, yi.grade) == ("优秀", "合格")
    assert (jia.points, yi.points) == ("10", "8")


# ---- who an item applies to; recorded points ----------------------------------------------------------


def test_item_applies_to_a_listed_unit(tmp_path: Path) -> None:
    body = "      when 是否"
    plan = scheme(body).replace("item 考核项 max 20 {", "item 考核项 max 20 applies 乙 {")
    scored = score_one(tmp_path, plan, {"是否": "是"})
    row = scored.row("甲", "2024")
    # 甲 is not assessed on 考核项: 70 of an attainable 80
    assert (item(row, "考核项").status, row.score, row.attainable_total, row.declared_total) == \
        ("not_applicable", "70", "80", "100")


def test_item_applies_to_a_group(tmp_path: Path) -> None:
    plan = scheme("      when 是否", '  group 甲组 {\n    member 甲\n  }\n  group 乙组 {\n    member 乙\n  }')
    plan = plan.replace("item 考核项 max 20 {", "item 考核项 max 20 applies 甲组 {")
    scored = score_one(tmp_path, plan, {"是否": "是"})
    assert item(scored.row("甲", "2024"), "考核项").score == "20"


def test_recorded_points_above_the_maximum_are_a_data_error(tmp_path: Path) -> None:
    scored = run(tmp_path, scheme("      when 是否"), "period,unit,item,value\n2024,甲,其他,81\n2024,甲,是否,是\n")
    assert scored.outcome is None
    assert "D061" in scored.codes()


def test_an_adjustment_applies_to_a_listed_unit(tmp_path: Path) -> None:
    extra = '  group g {\n    member 甲 乙\n  }\n  adjust 扣 when 次数 >= 1 then -5 applies 甲 on annual'
    plan = scheme("      when 是否", extra)
    csv = ("period,unit,item,value\n2024,甲,其他,70\n2024,甲,是否,是\n2024,甲,次数,1次\n"
           "2024,乙,其他,70\n2024,乙,是否,是\n2024,乙,次数,1次\n")
    scored = run(tmp_path, plan, csv)
    assert scored.outcome is not None
    # 甲 is listed: 70 + 20 − 5 = 85; 乙, in the same group but not listed, keeps 90
    assert (scored.row("甲", "2024").score, scored.row("乙", "2024").score) == ("85", "90")


def test_scorers_with_shares_each_record_the_item(tmp_path: Path) -> None:
    plan = scheme("      when 是否").replace("    item 其他 max 80\n", "    item 其他 max 80 {\n      scorer 办 甲 shares 60% 40%\n    }\n")
    csv = "period,unit,item,value\n2024,甲,其他/办,70\n2024,甲,其他/甲局,50\n2024,甲,是否,是\n"
    scored = run(tmp_path, plan, csv)
    assert scored.outcome is not None, scored.codes()
    row = scored.row("甲", "2024")
    # 其他 = 70 × 60% + 50 × 40% = 42 + 20 = 62; + 考核项 20 = 82
    assert (item(row, "其他").score, row.score) == ("62", "82")
    # one scorer's points missing: no data, naming it
    scored = run(tmp_path, plan, "period,unit,item,value\n2024,甲,其他/办,70\n2024,甲,是否,是\n")
    assert scored.outcome is not None
    assert scored.row("甲", "2024").status == "no_data"
    assert any("其他/甲" in d.message for d in scored.outcome.diagnostics)
