"""Completion scores for plans without an assessment method: `weight METRIC N` over the plan's targets,
credited by the status each target got from `planc evaluate` (a status CSV or an evaluation JSON)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from driver.cli import main

PLAN = """plan done {
  title "完成度示例"
  period 2024
}
metric 市场主体 "市场主体总量" unit 万户 {
  target >= 51.01万户 by 2024
}
metric 规上 "新增规模工业企业" unit 家 {
  target >= 12家 by 2024
}
metric 城镇化 "城镇化率提高" unit 个百分点 kind pp_change {
  target ~ 0.7个百分点 by 2024
}
scoring 完成度 "年度目标完成度" {
  every year
  scale 100
  weight 市场主体 50
  weight 规上 30
  weight 城镇化 20
  credit met 100%
  credit partial 50%
}
"""


def _invoke(tmp_path: Path, name: str, data: str, *args: str) -> tuple[int, str, str]:
    plan = tmp_path / "done.plan"
    plan.write_text(PLAN, encoding="utf-8")
    path = tmp_path / name
    path.write_text(data, encoding="utf-8")
    result = CliRunner().invoke(main, ["score", str(plan), "--data", str(path), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def test_status_csv(tmp_path: Path) -> None:
    # 市场主体 met → 50 × 100% = 50; 规上 partial → 30 × 50% = 15; 城镇化 missed → no credit → 0; total 65
    code, out, err = _invoke(tmp_path, "status.csv", "metric,status\n市场主体总量,met\n规上,partial\n城镇化,missed\n",
                             "--format", "json")
    assert code == 0, err
    result = json.loads(out)["completion"]
    assert result["score"] == "65" and result["scale"] == "100" and result["complete"] is True
    assert [r["earned"] for r in result["rows"]] == ["50", "15", "0"]
    assert "D072 warning" in err  # `missed` has no credit line: it earns 0, and says so


def test_evaluation_json_takes_the_lowest_status_of_a_metric(tmp_path: Path) -> None:
    # 市场主体 has two checks, met and partial: the lower credit (50%) counts → 25; 规上 met → 30; 城镇化 no status
    evaluation = {"schema": "planc/evaluation/v1", "results": [
        {"metric": "市场主体", "status": "met", "check": "c1"},
        {"metric": "市场主体", "status": "partial", "check": "c2"},
        {"metric": "新增规模工业企业", "status": "met"},
    ]}
    code, out, err = _invoke(tmp_path, "evaluation.json", json.dumps(evaluation, ensure_ascii=False), "--format", "csv")
    assert code == 0, err
    assert out.splitlines() == [
        "metric,name,status,points,credit,earned",
        "市场主体,市场主体总量,partial,50,0.5,25",
        "规上,新增规模工业企业,met,30,1,30",
        "城镇化,城镇化率提高,,20,,",
        "total,,,100,,55",
    ]
    assert "D073 warning" in err


def test_explain_a_metric(tmp_path: Path) -> None:
    code, out, _err = _invoke(tmp_path, "status.csv", "metric,status\n市场主体,met\n规上,met\n城镇化,met\n",
                              "--explain", "城镇化率提高")
    assert code == 0
    assert "城镇化: met → 100% × 20 = 20" in out


def test_text_and_md(tmp_path: Path) -> None:
    data = "target,status\n市场主体,met\n规上,met\n"
    code, out, _err = _invoke(tmp_path, "status.csv", data)
    assert code == 0 and "得分 80 / 100（部分指标无状态，此为下限）" in out
    code, out, _err = _invoke(tmp_path, "status.csv", data, "--format", "md")
    assert code == 0 and "**合计 80 / 100**（部分指标无数据）" in out


def test_bad_evaluation_files(tmp_path: Path) -> None:
    code, _out, err = _invoke(tmp_path, "e.json", "{not json")
    assert code == 1 and "e.json:1:2: D070 error" in err
    code, _out, err = _invoke(tmp_path, "e.json", '{"schema": "planc/checks/v1"}')
    assert code == 1 and "D070" in err
    code, _out, err = _invoke(tmp_path, "e.json", '{"schema": "planc/evaluation/v1", "results": [{"metric": "无此指标", "status": "met"}]}')
    assert code == 1 and "D071" in err
    code, _out, err = _invoke(tmp_path, "s.csv", "metric,status\n市场主体总数,met\n")
    assert code == 1 and "s.csv:2:1: D071 error" in err and "市场主体总量" in err


def test_scheme_without_weights_refuses_statuses(tmp_path: Path) -> None:
    plan = tmp_path / "p.plan"
    plan.write_text(PLAN.replace("  weight 市场主体 50\n  weight 规上 30\n  weight 城镇化 20\n", ""), encoding="utf-8")
    data = tmp_path / "s.csv"
    data.write_text("metric,status\n市场主体,met\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["score", str(plan), "--data", str(data)])
    assert result.exit_code == 1 and "K001" in result.stderr


def test_status_for_an_unweighted_metric_is_reported(tmp_path: Path) -> None:
    # a status for a metric the scheme does not weight is named, not silently dropped
    plan = tmp_path / "done.plan"
    plan.write_text(PLAN.replace("  weight 城镇化 20\n", "").replace("weight 市场主体 50", "weight 市场主体 70"),
                    encoding="utf-8")
    data = tmp_path / "status.csv"
    data.write_text("metric,status\n市场主体总量,met\n规上,met\n城镇化,met\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["score", str(plan), "--data", str(data)])
    assert "status.csv:4:1: D074 warning: metric `城镇化` carries no weight in the scheme" in result.stderr, result.stderr
