"""Regression tests for the statuses `planc evaluate` used to get wrong (issue 19)."""

from __future__ import annotations

import datetime as dt
import json
import re
import typing
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from driver.cli import main
from targets.checks.judge import APPROX_TOLERANCE, compound_average, judge, satisfies, target_text
from targets.checks.schema import Check
from tests.targets.checks.helpers import make_check, make_rows

ROOT = Path(__file__).resolve().parents[3]


def _check(*args: typing.Any, **kw: typing.Any) -> Check:
    return make_check(*args, **{"unit": "%", **kw})


_rows = make_rows


def _evaluate(tmp_path: Path, plan: str, csv: str, *args: str) -> str:
    data = tmp_path / "progress.csv"
    data.write_text(csv, encoding="utf-8")
    result = CliRunner().invoke(main, ["evaluate", str(ROOT / plan), "--data", str(data), *args])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_yuanjiang_half_year_growth_is_not_the_years_value(tmp_path: Path) -> None:
    out = _evaluate(tmp_path, "plans/yuanjiang-2024.plan", "metric,period,value\n进出口总额增长,2024Q2,6.5\n",
                    "--as-of", "2024-12-31", "--format", "json")
    result = next(r for r in json.loads(out)["results"] if r["metric"] == "进出口总额增长")
    assert result["status"] == "no_data"
    assert result["observed"]["period"] == "2024Q2"


def test_yuanjiang_half_year_values_are_not_missed(tmp_path: Path) -> None:
    csv = "metric,period,value\n研发经费投入增长,2024Q2,5\n技术合同交易额,2024Q2,10\n个转企,2024Q2,50\n"
    out = _evaluate(tmp_path, "plans/yuanjiang-2024.plan", csv, "--as-of", "2024-12-31", "--format", "json")
    statuses = {r["metric"]: r["status"] for r in json.loads(out)["results"]}
    assert statuses["研发经费投入增长"] == statuses["技术合同交易额"] == statuses["个转企"] == "no_data"


def test_a_full_year_value_is_judged(tmp_path: Path) -> None:
    out = _evaluate(tmp_path, "plans/yuanjiang-2024.plan", "metric,period,value\n进出口总额增长,2024,6.5\n",
                    "--as-of", "2024-12-31", "--format", "json")
    result = next(r for r in json.loads(out)["results"] if r["metric"] == "进出口总额增长")
    assert result["status"] == "met"


@pytest.mark.parametrize(("count", "status"), [("0", "missed"), ("1", "met"), ("2", "met"), ("3", "missed")])
def test_a_range_is_judged_within_min_and_max(count: str, status: str) -> None:
    check = _check(op=">=", value="1", value_max="2", unit="个")
    assert judge(check, _rows(("2025", count)), dt.date(2025, 12, 31)).status == status


def test_xiangtan_range_printed_as_a_range(tmp_path: Path) -> None:
    out = _evaluate(tmp_path, "plans/xiangtan-2022.plan", "metric,period,value\n百亿级项目,2025,3\n", "--as-of", "2025-12-31")
    line = next(line for line in out.splitlines() if "百亿级项目" in line)
    assert line.startswith("未完成") and "1~2个" in line and "≥ 1~2" not in line
    assert target_text(_check(op=">=", value="1", value_max="2", unit="个")) == "1~2个"


def test_approximately_uses_the_one_tolerance() -> None:
    check = _check(op="~", value="45", base_value="40", base_year=2021)
    limit = Decimal(45) * (1 + APPROX_TOLERANCE)
    assert satisfies(check, limit) and not satisfies(check, limit + Decimal("0.01"))
    # mid-way, 47.5 is beyond 45%左右: off course (it is missed at the due date), not ahead of the path
    mid = judge(check, _rows(("2023", "47.5")), dt.date(2024, 1, 1))
    final = judge(check, _rows(("2025", "47.5")), dt.date(2025, 12, 31))
    assert final.status == "missed"
    assert mid.status == "at_risk"
    assert judge(check, _rows(("2023", "46")), dt.date(2024, 1, 1)).status == "on_track"


def test_average_growth_compounds_the_years_it_averages() -> None:
    check = _check(kind="avg_growth", op=">=", value="8", base_year=2022, due=dt.date(2025, 12, 31),
                   from_year=2023, until_year=2025)
    rows = _rows(("2023", "10"), ("2024", "7"), ("2025", "7.5"))
    result = judge(check, rows, dt.date(2025, 12, 31))
    expected = ((Decimal("1.10") * Decimal("1.07") * Decimal("1.075")) ** (Decimal(1) / 3) - 1) * 100
    assert result.average == f"{expected.quantize(Decimal('0.01'))}".rstrip("0").rstrip(".")
    assert result.status == "met"  # ≈8.16%, though the latest single year (7.5%) is below 8%
    assert [(r.year, r.value) for r in result.rates] == [(2023, "10"), (2024, "7"), (2025, "7.5")]
    for shown in ("10%", "7%", "7.5%", result.average):
        assert shown in result.reason
    # a year missing at the due date: no_data, not a verdict on the rest
    assert judge(check, _rows(("2023", "10"), ("2025", "9")), dt.date(2025, 12, 31)).status == "no_data"
    # a half-year rate is not a year's
    assert judge(check, _rows(("2023", "10"), ("2024", "9"), ("2025Q2", "9")), dt.date(2025, 12, 31)).status == "no_data"
    assert compound_average([Decimal(8), Decimal(8)]) == Decimal(8)


def test_the_json_carries_the_pro_rata_expectation() -> None:
    check = _check(kind="per_year", each_year=True, value="135", unit="家")
    result = judge(check, _rows(("2024Q2", "70")), dt.date(2024, 6, 30))
    year = next(y for y in result.years if y.year == 2024)
    assert year.expected is not None and year.expected in result.reason


def test_names_are_not_quoted_twice(tmp_path: Path) -> None:
    out = _evaluate(tmp_path, "plans/yuanjiang-2024.plan", "metric,period,value\n个转企,2024,210\n", "--as-of", "2024-12-31")
    assert "““" not in out and "””" not in out and " “个转企”：" in out
    assert "普通高中“徐特立项目”：" in out


def test_xiangtan_markdown_report_is_chinese(tmp_path: Path) -> None:
    csv = "metric,period,value\n百亿级项目,2023,1\n规模工业增加值增速,2022,8.5\n规模工业增加值增速,2023,7.9\n制造业增加值占比,2023,38\n"
    out = _evaluate(tmp_path, "plans/xiangtan-2022.plan", csv, "--as-of", "2024-06-30", "--format", "md")
    prose = re.sub(r"<svg.*?</svg>", "", out, flags=re.S)  # the charts' markup
    prose = prose.replace(str(tmp_path / "progress.csv"), "")  # the data file as named on the command line
    words = set(re.findall(r"[A-Za-z]+", prose))
    # only what the plan itself spells in Latin letters: its id (xiangtan-2022), GDP in a metric's name
    # (no English in the hints either)
    source = (ROOT / "plans/xiangtan-2022.plan").read_text(encoding="utf-8")
    spelt = set(re.findall(r"[A-Za-z]+", re.sub(r"#[^\n]*", "", source)))
    assert words and words <= spelt, words - spelt
    assert not words & {"each", "year", "pro", "rata", "behind", "path", "value", "owner", "due", "target", "met"}
    assert ">=" not in prose and "≥" in prose
    charts = re.findall(r"<svg.*?</svg>", out, flags=re.S)
    assert charts and all(re.search(r"<title>[^<]*[\u4e00-\u9fff]", c) for c in charts)


def test_score_reports_are_chinese_with_english_kept(tmp_path: Path) -> None:
    from targets.scoring.report import render
    from tests.targets.scoring.helpers import FIXTURE_PLAN, run

    plan = ROOT / "tests/golden/scoring/xiangtan_scheme.plan"
    data = ROOT / "tests/golden/scoring/xiangtan_2022.csv"
    zh = CliRunner().invoke(main, ["score", str(plan), "--data", str(data)])
    assert zh.exit_code == 0 and "名次" in zh.stdout and "no data" not in zh.stdout and "rank" not in zh.stdout
    scored = run(tmp_path, None, data.read_text(encoding="utf-8"), plan_path=FIXTURE_PLAN)
    assert scored.outcome is not None
    english = render(scored.outcome.report, scored.doc, "text", "en")
    assert "rank" in english and "名次" not in english
    assert render(scored.outcome.report, scored.doc, "text") == zh.stdout
