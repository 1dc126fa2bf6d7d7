"""The K validation rules, one test per code: the snippet triggers it, the fixed snippet does not."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from compiler.pipeline import CompiledPlan

HEAD = 'plan k {\n  title "k"\n  period 2022\n}\nunit 甲 "甲县"\nunit 乙 "乙县"\nunit 丙 "丙县"\nunit 办 "考评办"\nunit 局 "工信局"\n'


def scheme(body: str, every: str = "year") -> str:
    return HEAD + f'scoring s "s" {{\n  every {every}\n  scale 100\n{body}\n}}\n'


BASE = """  formula f {
    member 甲 乙 丙
    component 办 max 100
  }
  rank_points t 100% 90% 80%
  group g {
    member 甲 乙 丙
    weight 15
    rank_points t
  }"""

GRADES = """  formula f {
    member 甲 乙 丙
    component 办 max 100
  }
  grades 等次 {
    grade 优秀 quota 3 points 100%
    grade 良好 quota 6 points 90%
    grade 合格 quota 1 points 80%
    grade 不合格 quota rest points 60%
    rounding ROUNDING
  }
  group g {
    member 甲 乙 丙
    weight 10
    grades 等次
  }"""

CASES = [
    # code, bad scheme, fixed scheme
    ("K002", scheme(BASE.replace("100% 90% 80%", "100% 90%")), scheme(BASE)),
    ("K003", scheme(BASE.replace("weight 15", "weight 15"), every="quarter"),
     scheme(BASE.replace("weight 15", "weight 15\n    period_weights 15% 25% 25% 35%"), every="quarter")),
    ("K004", scheme(BASE.replace("    weight 15\n", "") + "\n  fact r unit %\n  adjust a when r < 90% then -3"),
     scheme(BASE.replace("    weight 15\n", "") + "\n  fact r unit %\n  adjust a when r < 90% then -3 on annual")),
    ("K005", scheme(BASE + "\n  blend 甲 self 85% with 局 15%"),
     scheme(BASE.replace("member 甲 乙 丙\n    component", "member 甲 乙 丙 局\n    component").replace(
         "member 甲 乙 丙\n    weight", "member 甲 乙 丙 局\n    weight").replace("80%", "80% 70%") + "\n  blend 甲 self 85% with 局 15%")),
    ("K006", scheme(BASE + "\n  blend 甲 self 85% with 乙 15%\n  blend 乙 self 85% with 丙 15%"),
     scheme(BASE + "\n  blend 甲 self 85% with 丙 15%\n  blend 乙 self 85% with 丙 15%")),
    ("K007", scheme(BASE + "\n  blend 甲 self 85% with 乙 15%\n  blend 甲 self 90% with 丙 10%"),
     scheme(BASE + "\n  blend 甲 self 75% with 乙 15% with 丙 10%")),
    ("K008", scheme(GRADES.replace("ROUNDING", "floor")), scheme(GRADES.replace("ROUNDING", "floor cumulative"))),
    ("K009", scheme(BASE + "\n  fact r unit %\n  adjust a when r < 0.9 then -3"),
     scheme(BASE + "\n  fact r unit %\n  adjust a when r < 90% then -3")),
    ("K010", scheme(BASE.replace("100% 90% 80%", "110% 90% 80%")), scheme(BASE)),
    ("K011", scheme(BASE.replace("component 办 max 100", "component 办 max 100\n    component 局 max 0")), scheme(BASE)),
    ("K016", scheme(BASE + '\n  group h "空组" {\n    weight 5\n  }'), scheme(BASE)),
    ("K017", scheme(BASE + "\n  fact r unit %\n  adjust a when r < 90% then -300 on annual"),
     scheme(BASE + "\n  fact r unit %\n  adjust a when r < 90% then -3 on annual")),
    ("K018", scheme(BASE, every="week"), scheme(BASE)),
    ("K019", scheme(BASE + "\n  fact r unit %"), scheme(BASE)),
]

# a rubric: item 乙项's sub-items add to 15 of its 20 (K020); a veto naming a grade no band has (K021)
RUBRIC = """  fact 配合
  formula f {
    member 甲 乙 丙
    item 甲项 max 80 {
      when 配合
    }
    item 乙项 max 20 {
      item 子一 max 10 {
        when 配合
      }
      item 子二 max SUB {
        when 配合
      }
    }
  }
  band 合格 from 60
  band 不合格 from 0
  veto v when not 配合 grade GRADE"""

CASES += [
    ("K020", scheme(RUBRIC.replace("SUB", "5").replace("GRADE", "不合格")),
     scheme(RUBRIC.replace("SUB", "10").replace("GRADE", "不合格"))),
    ("K021", scheme(RUBRIC.replace("SUB", "10").replace("GRADE", "不达标")),
     scheme(RUBRIC.replace("SUB", "10").replace("GRADE", "不合格"))),
]

COMPLETION_HEAD = HEAD + 'metric m1 "指标一" unit % {\n  target >= 5%\n}\nmetric m2 "指标二" unit % {\n  target >= 6%\n}\nmetric m3 "指标三" unit %\n'


def completion(body: str) -> str:
    return COMPLETION_HEAD + f'scoring s "s" {{\n  every year\n  scale 100\n{body}\n}}\n'


CASES += [
    ("K012", completion("  weight m1 60\n  weight m2 30"), completion("  weight m1 60\n  weight m2 40")),
    ("K013", completion("  weight m1 60\n  weight m3 40"), completion("  weight m1 60\n  weight m2 40")),
    ("K014", completion("  weight m1 60\n  weight m2 40\n  credit met 100%\n  credit met 90%"),
     completion("  weight m1 60\n  weight m2 40\n  credit met 100%")),
    ("K015", completion("  weight m1 60\n  weight m2 40\n  credit met 120%"),
     completion("  weight m1 60\n  weight m2 40\n  credit met 100%")),
]


@pytest.mark.parametrize(("code", "bad", "good"), CASES, ids=[c[0] for c in CASES])
def test_rule(compile_text: Callable[..., CompiledPlan], code: str, bad: str, good: str) -> None:
    bad_codes = [d.code for d in compile_text(bad).diagnostics]
    assert code in bad_codes, bad_codes
    good_codes = [d.code for d in compile_text(good).diagnostics]
    assert code not in good_codes, good_codes
    assert not [c for c in good_codes if c.startswith(("K", "V", "R", "M")) and c != "V011"], good_codes


def test_k008_names_the_counts(compile_text: Callable[..., CompiledPlan]) -> None:
    # 3 units, 3:6:1 floored each on its own: 0.9 → 0, 1.8 → 1, 0.3 → 0: 1 place, 2 units left to 不合格
    diagnostic = next(d for d in compile_text(scheme(GRADES.replace("ROUNDING", "floor"))).diagnostics if d.code == "K008")
    assert "give 0+1+0 = 1 places: 2 unit(s) would take the rest grade" in diagnostic.message


def test_every_k_code_is_tested() -> None:
    from diagnostics.codes import all_codes

    tested = {c[0] for c in CASES} | {"K001"}  # K001 is a `planc score` error, tested end to end
    declared = {info.code for info in all_codes() if info.code.startswith("K")}
    assert declared == tested


def test_flag_top_needs_a_whole_count(compile_text: Callable[..., CompiledPlan]) -> None:
    codes = [d.code for d in compile_text(scheme(BASE + '\n  flag f "前列" top 1.5')).diagnostics]
    assert "M002" in codes
    codes = [d.code for d in compile_text(scheme(BASE + '\n  flag f "前列" top 2 applies g')).diagnostics]
    assert codes == []
