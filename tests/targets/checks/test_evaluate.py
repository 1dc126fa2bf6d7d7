"""`planc evaluate`: golden reports over sample progress data, covering every status and metric kind."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import typing
import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from compiler.model import MetricKind
from driver.cli import main
from targets.checks.judge import judge, satisfies
from targets.checks.schema import STATUSES
from tests.targets.checks.helpers import make_check, make_rows

ROOT = Path(__file__).resolve().parents[3]
GOLDEN = ROOT / "tests" / "golden" / "checks"
PLAN = "tests/golden/checks/progress.plan"
DATA = "tests/golden/checks/progress.csv"
# name -> (as-of date or None for the default, formats)
CASES = {
    "midterm": ("2024-06-30", ("text", "json", "md")),
    "final": ("2025-12-31", ("text", "json", "md")),
    "latest": (None, ("text",)),
}
EXTENSIONS = {"text": "txt", "json": "json", "md": "md"}


def evaluate(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["evaluate", *args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(autouse=True)
def _at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def _golden_params() -> list[tuple[str, str]]:
    return [(name, fmt) for name, (_, formats) in CASES.items() for fmt in formats]


@pytest.mark.parametrize(("case", "fmt"), _golden_params())
def test_golden(case: str, fmt: str) -> None:
    as_of, _ = CASES[case]
    args = [PLAN, "--data", DATA, "--format", fmt] + (["--as-of", as_of] if as_of else [])
    code, out, err = evaluate(*args)
    assert code == 0, err
    expected = GOLDEN / f"{case}.{EXTENSIONS[fmt]}"
    if os.environ.get("PLANC_UPDATE_EXPECTED"):
        expected.write_text(out, encoding="utf-8")
    assert out == expected.read_text(encoding="utf-8")


def _json(case: str) -> dict[str, typing.Any]:
    return typing.cast(dict[str, typing.Any], json.loads((GOLDEN / f"{case}.json").read_text(encoding="utf-8")))


def test_json_is_versioned_and_valid() -> None:
    schema = json.loads((ROOT / "docs" / "schemas" / "evaluation.v1.json").read_text(encoding="utf-8"))
    for case in ("midterm", "final"):
        document = _json(case)
        assert document["schema"] == "planc/evaluation/v1"
        jsonschema.validate(document, schema)


def test_every_status_and_every_kind_is_covered() -> None:
    statuses = {r["status"] for case in ("midterm", "final") for r in _json(case)["results"]}
    assert statuses == set(STATUSES) - {"conditional"}  # 视条件: tests/targets/checks/test_conditional_targets.py
    kinds = {r["kind"] for r in _json("final")["results"]}
    assert kinds == set(typing.get_args(MetricKind))


def test_expected_verdicts() -> None:
    midterm = {r["check"]: r for r in _json("midterm")["results"]}
    final = {r["check"]: r for r in _json("final")["results"]}
    # per_year judged per year: 2023's 128 < 135 is missed even though later years are fine
    assert [y["status"] for y in final["新增规上"]["years"]] == ["met", "missed", "met", "met"]
    assert [y["status"] for y in midterm["新增规上"]["years"]] == ["met", "missed", "on_track", "not_due"]
    # linear trajectory: 42.3 (2021) → 51.01 (2025-12-31) expects 46.65 at 2023-12-31; 47.2 is ahead
    assert (midterm["市场主体"]["status"], midterm["市场主体"]["expected"]) == ("on_track", "46.65")
    # increments start from 0: 90 at 2023-12-31 against an expected 99.93
    assert (midterm["新增外贸"]["status"], midterm["新增外贸"]["expected"]) == ("at_risk", "99.93")
    # growth judged as growth: 7.9% in the first half of 2024 against 8.5% a year
    assert midterm["工业增速"]["status"] == "at_risk"
    # rank: lower is better; 95 ≤ 100 is met
    assert final["园区排名"]["status"] == "met"
    assert final["上市全覆盖"]["status"] == "met" and midterm["上市全覆盖"]["status"] == "not_due"
    assert final["城镇化率提高"]["status"] == "met"  # ~ 0.7: 0.68 is within 5%
    assert final["位次提升"]["status"] == "no_data"


def test_must_is_reported_before_strive() -> None:
    results = _json("final")["results"]
    missed = [(r["check"], r["firmness"]) for r in results if r["status"] == "missed"]
    assert missed == [("新增规上", "must"), ("消费增速", "stated"), ("规上总数", "strive")]
    assert [r["status"] for r in results] == sorted((r["status"] for r in results), key=STATUSES.index)


def test_owner_summary() -> None:
    owners = {o["unit"]: o for o in _json("final")["owners"]}
    assert owners["工信局"]["missed"] == ["新增规上", "规上总数"]
    assert owners["商务局"]["missed"] == ["消费增速"]
    text = (GOLDEN / "final.txt").read_text(encoding="utf-8")
    assert "  市工业和信息化局：未完成 新增规上、规上总数（共 5 项）" in text


def test_default_as_of_is_the_latest_period_in_the_data() -> None:
    text = (GOLDEN / "latest.txt").read_text(encoding="utf-8")
    assert " 截至 2025-12-31（" in text.splitlines()[0]


def test_markdown_charts_are_well_formed_svg() -> None:
    report = (GOLDEN / "midterm.md").read_text(encoding="utf-8")
    charts = re.findall(r"<svg .*?</svg>", report, flags=re.S)
    assert len(charts) == len(_json("midterm")["results"])
    for chart in charts:
        root = ET.fromstring(chart)
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert "https://" not in report.replace("http://www.w3.org/2000/svg", "")


def test_output_is_deterministic() -> None:
    first = evaluate(PLAN, "--data", DATA, "--format", "md", "--as-of", "2024-06-30")
    second = evaluate(PLAN, "--data", DATA, "--format", "md", "--as-of", "2024-06-30")
    assert first == second


def test_bad_as_of_is_a_usage_error() -> None:
    code, _, err = evaluate(PLAN, "--data", DATA, "--as-of", "2024-13-01")
    assert code == 2 and "is not a date" in err


def test_a_plan_with_errors_is_not_evaluated(tmp_path: Path) -> None:
    plan = tmp_path / "bad.plan"
    plan.write_text('plan p {\n  title "T"\n  period 2025\n}\nsection s "一" {\n  action a "甲" {\n    lead 无此单位\n  }\n}\n',
                    encoding="utf-8")
    code, out, err = evaluate(str(plan), "--data", DATA)
    assert code == 1 and out == "" and "R002" in err


def test_missing_plan_is_a_usage_error() -> None:
    code, _, err = evaluate("no-such.plan", "--data", DATA)
    assert code == 2 and "no such plan file" in err


# ---- the judgement rules, one by one ---------------------------------------------


_check = make_check
_rows = make_rows


def test_comparators() -> None:
    assert satisfies(_check(op="~", value="0.7"), Decimal("0.735"))
    assert not satisfies(_check(op="~", value="0.7"), Decimal("0.736"))
    assert satisfies(_check(op="~", value="1", value_max="2"), Decimal("2"))
    assert satisfies(_check(kind="rank", op="=", value="1"), Decimal("1"))
    assert not satisfies(_check(kind="rank", op="=", value="1"), Decimal("2"))
    assert satisfies(_check(op=">", value="100"), Decimal("100.01")) and not satisfies(_check(op=">"), Decimal("100"))
    assert satisfies(_check(op="<", value="90"), Decimal("89.9"))


def test_decreasing_target_trajectory() -> None:
    # 能耗 from 100 (2021) down to ≤ 80 by 2025: 90 at the end of 2023 is ahead of the 90.01 expected
    check = _check(op="<=", value="80", base_year=2021, base_value="100")
    result = judge(check, _rows(("2023", "90")), dt.date(2024, 1, 31))
    assert (result.status, result.expected) == ("on_track", "90.01")
    result = judge(check, _rows(("2023", "91")), dt.date(2024, 1, 31))
    assert result.status == "at_risk"


def test_exact_decimal_arithmetic() -> None:
    # 0.1 + 0.2 style sums must not drift: the trajectory midpoint of 0.1 → 0.3 is exactly 0.2
    # (2021-12-31 → 2023-12-31 is 730 days; 2022-12-31 is 365 of them: exactly half way)
    check = _check(op=">=", value="0.3", base_year=2021, base_value="0.1", due=dt.date(2023, 12, 31))
    result = judge(check, _rows(("2022", "0.2")), dt.date(2023, 1, 1))
    assert result.expected == "0.2" and result.status == "on_track"
    # one leap day later the line expects a little more than 0.2, and exactly 0.2 is behind it
    check = _check(op=">=", value="0.3", base_year=2023, base_value="0.1", due=dt.date(2025, 12, 31))
    result = judge(check, _rows(("2024", "0.2")), dt.date(2025, 1, 1))
    assert result.status == "at_risk"


def test_stale_data_is_no_data_after_the_due_date() -> None:
    result = judge(_check(), _rows(("2023", "120")), dt.date(2026, 1, 1), "en")
    assert result.status == "no_data" and "latest 2023" in result.reason


def test_rows_after_as_of_are_not_used() -> None:
    result = judge(_check(), _rows(("2023", "50"), ("2025", "120")), dt.date(2024, 6, 30))
    assert result.observed is not None and result.observed.period == "2023"


def test_each_year_needs_a_full_year_value() -> None:
    check = _check(kind="per_year", value="135", each_year=True)
    result = judge(check, _rows(("2022", "140"), ("2023Q3", "120")), dt.date(2024, 1, 31), "en")
    assert [y.status for y in result.years] == ["met", "no_data", "not_due", "not_due"]
    assert result.status == "no_data" and "2023 only to 2023Q3" in result.reason
    result = judge(check, _rows(("2022", "140"), ("2023-12", "150")), dt.date(2024, 1, 31))
    assert [y.status for y in result.years][:2] == ["met", "met"] and result.status == "on_track"
