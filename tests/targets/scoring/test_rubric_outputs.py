"""What `planc score` prints for rubrics and yearly schemes: the item breakdown (JSON, items CSV, Markdown), a
text report that marks no data only where there is none, and an --explain trail of the steps that acted."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner

from driver.cli import main
from tests.targets.scoring.helpers import FIXTURE_PLAN, HERE
from tests.targets.scoring.rubric_helpers import ROOT

DEPARTMENTS = ROOT / "plans" / "shicheng-2018-departments.plan"
XIANGTAN_DATA = HERE / "xiangtan_2022.csv"

CASE_1 = """period,unit,item,value
2018,县农粮局,积极配合,是
2018,县农粮局,成立领导小组,是
2018,县农粮局,联络员入群,是
2018,县农粮局,班子部署次数,2次
2018,县农粮局,有宣传资料,是
2018,县农粮局,月报次数,10次
2018,县农粮局,参会次数,3次
2018,县农粮局,应参会次数,4次
2018,县农粮局,省级推广,0篇
2018,县农粮局,市级推广,1篇
2018,县农粮局,县级推广,2篇
2018,县农粮局,不配合,否
2018,县农粮局,农粮局1_1达标,是
2018,县农粮局,农粮局1_2达标,否
2018,县农粮局,农粮局1_3达标,是
2018,县农粮局,农粮局2_1达标,是
2018,县农粮局,农粮局2_2达标,是
2018,县农粮局,查处非法捕捞案件,7例
2018,县农粮局,市通报表扬,1次
"""

YEARLY = """plan y {
  title "年度考评"
  period 2022
}
unit 甲 "甲县"
unit 乙 "乙县"
unit 办 "考评办"
unit 局 "工信局"
scoring s "年度考评" {
  every year
  scale 100
  formula f {
    member 甲 乙
    component 办 max 60
    component 局 max 40
  }
  rank_points t 100% 90%
  group g {
    member 甲 乙
    weight 10
    rank_points t
  }
}
"""


def score(plan: Path, data: str, tmp_path: Path, *args: str) -> tuple[int, str, str]:
    path = tmp_path / "data.csv"
    path.write_text(data, encoding="utf-8")
    result = CliRunner().invoke(main, ["score", str(plan), "--data", str(path), *args])
    return result.exit_code, result.stdout, result.stderr


def test_json_of_a_yearly_scheme_has_its_components(tmp_path: Path) -> None:
    plan = tmp_path / "y.plan"
    plan.write_text(YEARLY, encoding="utf-8")
    code, out, err = score(plan, "period,unit,item,value\n2022,甲,办,50\n2022,甲,局,30\n2022,乙,办,40\n2022,乙,局,35\n",
                           tmp_path, "--format", "json")
    assert code == 0, err
    rows = {r["unit"]: r for r in json.loads(out)["rows"]}
    assert [(c["evaluator"], c["value"]) for c in rows["甲"]["components"]] == [("办", "50"), ("局", "30")]
    assert rows["甲"]["score"] == "80"


def test_json_of_a_rubric_has_every_item_and_both_totals(tmp_path: Path) -> None:
    code, out, err = score(DEPARTMENTS, CASE_1, tmp_path, "--format", "json")
    assert code == 0, err
    row = next(r for r in json.loads(out)["rows"] if r["unit"] == "县农粮局")
    assert [i["id"] for i in row["items"]] == ["组织领导", "日常工作", "宣传工作", "新经验好做法", "支持配合",
                                               "农粮局1", "农粮局2", "农粮局3"]
    daily = row["items"][1]
    assert [(i["id"], i["score"]) for i in daily["items"]] == [("领导小组", "1"), ("联络员", "3"), ("班子部署", "2")]
    assert (row["declared_total"], row["attainable_total"], row["items_score"], row["score"]) == ("100", "100", "86", "91")
    assert row["stages"] == [{"amount": "5", "id": "通报表扬", "kind": "bonus"}]


def test_items_csv_for_a_rubric_and_for_an_evaluator_scheme(tmp_path: Path) -> None:
    code, out, _err = score(DEPARTMENTS, CASE_1, tmp_path, "--format", "items")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    mine = [r for r in rows if r["unit"] == "县农粮局"]
    by_item = {r["item"]: r for r in mine}
    assert (by_item["班子部署"]["parent"], by_item["班子部署"]["max"], by_item["班子部署"]["score"]) == ("日常工作", "3", "2")
    assert by_item["bonus:通报表扬"]["score"] == "5"
    # 湘潭 (evaluators, quarterly): one row per component per quarter
    result = CliRunner().invoke(main, ["score", str(FIXTURE_PLAN), "--data", str(XIANGTAN_DATA), "--format", "items"])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    first = [r for r in rows if r["unit"] == "湘潭县人民政府" and r["period"] == "2022Q1"]
    assert [r["item"] for r in first] == ["工信局", "发改委", "科技局", "商务局", "市场监管局", "经研金融办", "文旅广体局", "千百十办"]
    assert sum(float(r["score"]) for r in first) > 0


def test_text_marks_no_data_only_when_a_unit_has_none(tmp_path: Path) -> None:
    plan = tmp_path / "y.plan"
    plan.write_text(YEARLY, encoding="utf-8")
    full = "period,unit,item,value\n2022,甲,办,50\n2022,甲,局,30\n2022,乙,办,40\n2022,乙,局,35\n"
    code, out, _err = score(plan, full, tmp_path)
    assert code == 0
    assert "无数据" not in out
    code, out, _err = score(plan, "period,unit,item,value\n2022,甲,办,50\n2022,甲,局,30\n", tmp_path)
    assert "— 无数据" in out


def test_explain_shows_only_the_steps_that_acted(tmp_path: Path) -> None:
    # 湘潭县's 政策兑现率 in the fixture data is not below 90%: its adjustment does not act and is not in the trail
    result = CliRunner().invoke(main, ["score", str(FIXTURE_PLAN), "--data", str(XIANGTAN_DATA), "--explain", "湘潭县"])
    assert result.exit_code == 0
    assert "no change" not in result.stdout
    rubric = score(DEPARTMENTS, CASE_1, tmp_path, "--explain", "县农粮局")[1]
    assert "班子部署: 3 (full marks) − 1 × (3 − 2) = 1 (班子部署次数) = 2" in rubric
    assert "bonus 通报表扬" in rubric
    assert "penalty" not in rubric  # no penalty acted


def test_markdown_report_lists_each_units_items_in_chinese(tmp_path: Path) -> None:
    code, out, _err = score(DEPARTMENTS, CASE_1, tmp_path, "--format", "md")
    assert code == 0
    assert "### 县农粮局" in out
    assert "| 考核项目 | 分值 | 得分 |" in out
    assert "| 　单位领导班子部署河长制相关工作，年内至少3次 | 3 | 2 |" in out
    assert "| 加分：通报表扬 |  | +5 |" in out
