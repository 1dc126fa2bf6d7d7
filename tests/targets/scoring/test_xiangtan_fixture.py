"""The 湘潭 附件2 scheme (tests/golden/scoring/xiangtan_scheme.plan, this suite's own encoding) scored end to end.

The data (xiangtan_2022.csv) follows one pattern so that any figure can be checked
by hand: the members of all formulas, in the order the formulas list them, are
numbered i = 0 … 58; in quarter q unit i gets p = 60 + (7i + 3q) mod 40 percent of
every component's maximum, so its quarterly score (the maxima add up to 100) is p.
政策兑现率 is given for the 13 县市区/园区 and 全省排名 is 2 (no override).
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from click.testing import CliRunner

from driver.cli import main
from tests.targets.scoring.helpers import FIXTURE_PLAN, HERE, run

DATA = HERE / "xiangtan_2022.csv"
ROOT = Path(__file__).resolve().parents[3]


def _score(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["score", str(FIXTURE_PLAN), "--data", str(DATA), *args])
    return result.exit_code, result.stdout, result.stderr


def test_csv_matches_the_reviewed_golden_file() -> None:
    code, out, _err = _score("--format", "csv")
    assert code == 0
    assert out == (HERE / "xiangtan_2022.expected.csv").read_text(encoding="utf-8")
    lines = out.splitlines()
    assert lines[0] == "group,unit,period,score,rank,points,grade"
    # one row per unit per quarter and one annual row: 59 units × 5
    assert len(lines) == 1 + 59 * 5


def test_hand_checked_figures(tmp_path: Path) -> None:
    scored = run(tmp_path, None, DATA.read_text(encoding="utf-8"), plan_path=FIXTURE_PLAN)
    # 湘潭县 (i = 0): p = 63, 66, 69, 72; annual 63×15% + 66×25% + 69×25% + 72×35% = 9.45+16.5+17.25+25.2 = 68.4
    #   rank 5 of 5 → 15 × 60% = 9; 政策兑现率 92% ≥ 90% → no deduction
    row = scored.row("湘潭县", "2022")
    assert (row.score, row.rank, row.points) == ("68.4", 5, "9")
    # 湘乡市 (i = 1): 70, 73, 76, 79 → 10.5+18.25+19+27.65 = 75.4; rank 4 → 15 × 70% = 10.5; 88% < 90% → 10.5−3 = 7.5
    row = scored.row("湘乡市", "2022")
    assert (row.score, row.rank, row.points) == ("75.4", 4, "7.5")
    # 雨湖区 (i = 3) 77, 80, 83, 86 → 82.4 and 岳塘区 (i = 4) 91, 94, 97, 60 → 13.65+23.5+24.25+21 = 82.4: tied,
    #   both rank 2 → 13.5; 岳塘区 85.5% < 90% → 10.5; 雨湖区 exactly 90% is not below → 13.5
    assert (scored.row("雨湖区", "2022").rank, scored.row("雨湖区", "2022").points) == (2, "13.5")
    assert (scored.row("岳塘区", "2022").rank, scored.row("岳塘区", "2022").points) == (2, "10.5")
    # 市发改委 (i = 13) own 2022Q1 p = 60 + (91+3) mod 40 = 74; 国网湘潭供电公司 (i = 57) p = 60 + 402 mod 40 = 62
    #   final 74 × 85% + 62 × 15% = 62.9 + 9.3 = 72.2
    q1 = scored.row("发改委", "2022Q1")
    assert (q1.raw_score, q1.score) == ("74", "72.2")
    # 市住房城乡建设局 (i = 17) own 62; 湘潭中环水务 (i = 58) 60 + 409 mod 40 = 69 → 52.7 + 10.35 = 63.05
    assert scored.row("住建局", "2022Q1").score == "63.05"
    # 产业推进组, 20 units, 3:6:1 rounded half_up each → 6 优秀, 12 良好, 2 合格 (10 points × 100/90/80%)
    grades = [scored.row(u, "2022").grade for u in scored.doc.groups[3].members]
    assert (grades.count("优秀"), grades.count("良好"), grades.count("合格"), grades.count("不合格")) == (6, 12, 2, 0)
    # 服务保障组, 26 units: places 8 优秀, 16 良好, 2 合格; but 市信访局 and 市机关事务局 tie on 84.25 at rank 8
    #   (信访局 91, 94, 97, 60 → 13.65+23.5+29.1+18; 机关事务局 79, 82, 85, 88 → 11.85+20.5+25.5+26.4, with the
    #   服务保障 weights 15/25/30/30), so both take the 8th place's grade: 9 优秀, and 良好 keeps
    #   ranks 10–24 (15 units), 合格 ranks 25–26
    grades = {u: scored.row(u, "2022").grade for u in scored.doc.groups[4].members}
    assert (scored.row("信访局", "2022").score, scored.row("信访局", "2022").rank) == ("84.25", 8)
    assert (scored.row("机关事务局", "2022").score, scored.row("机关事务局", "2022").rank) == ("84.25", 8)
    assert grades["信访局"] == grades["机关事务局"] == "优秀"
    counts = [list(grades.values()).count(g) for g in ("优秀", "良好", "合格", "不合格")]
    assert counts == [9, 15, 2, 0]
    # every quarter each group flags its lowest unit: 5 groups × 4 quarters
    assert scored.outcome is not None
    flags = scored.outcome.report.flags
    assert len([h for h in flags if h.flag == "末位说明"]) == 20
    # 表彰激励: 县市区组 前二名 — 雨湖区 and 岳塘区 tie at rank 2, so three units; 园区 前一名; 市直 前四名
    top = {(h.flag, h.group): h.units for h in flags if h.period == "2022"}
    assert top == {
        ("督查奖励县市区", "县市区组"): ["韶山市", "雨湖区", "岳塘区"],
        ("督查奖励园区", "一类园区组"): ["岳塘经开区"],
        ("督查奖励园区", "二类园区组"): ["韶山高新区"],
        ("督查奖励市直", "产业推进组"): ["工信局", "经研金融办", "行政审批局", "人行"],
        ("督查奖励市直", "服务保障组"): ["交通运输局", "城管执法局", "退役军人局", "国防光缆站"],
    }
    assert not [c for c in scored.codes() if c.startswith("D06") and c != "D066"]


def test_json_is_versioned_and_valid_against_its_schema() -> None:
    code, out, _err = _score("--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["schema"] == "planc/score/v1"
    schema = json.loads((ROOT / "docs" / "schemas" / "score.v1.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)


def test_markdown_report_has_a_table_and_a_chart_per_group() -> None:
    code, out, _err = _score("--format", "md")
    assert code == 0
    assert out.count("<svg") == 5 and out.count("</svg>") == 5
    assert "## 2022年 县市区组" in out
    assert "| 1 | 韶山市人民政府 | 84 | 87 | 90 | 93 | 89.4 | 15 | — |" in out
    assert "- **纳入市人民政府真抓实干督查奖励对象**：韶山市人民政府、雨湖区人民政府、岳塘区人民政府" in out
    assert "2022Q1 湘潭县人民政府；2022Q2 湘潭县人民政府；2022Q3 湘潭县人民政府；2022Q4 岳塘区人民政府" in out


def test_text_report_lists_groups_and_flags() -> None:
    code, out, _err = _score()
    assert code == 0
    assert "2022年 · 产业推进单位（产业推进组）" in out
    assert "湘乡市人民政府  70 (4)  73 (4)  76 (4)  79 (3)    75.4     4   7.5  —" in out


def test_explain_prints_the_trail() -> None:
    code, out, _err = _score("--explain", "湘乡市人民政府")
    assert code == 0
    assert "annual: 70 × 15% + 73 × 25% + 76 × 25% + 79 × 35% = 75.4" in out
    assert "points: 名次计分[4] 70% × 15 = 10.5" in out
    assert "adjustment 政策兑现扣分: 政策兑现率 88 < 90 → 10.5 − 3 = 7.5" in out


def test_explain_unknown_unit_is_an_error() -> None:
    code, _out, err = _score("--explain", "湘潭")
    assert code == 1
    assert "D075" in err


def test_output_is_deterministic() -> None:
    assert _score("--format", "json")[1] == _score("--format", "json")[1]
    assert _score("--format", "md")[1] == _score("--format", "md")[1]


def test_build_emits_scoring_json_valid_against_its_schema(tmp_path: Path) -> None:
    plan_dir = tmp_path / "plans"
    plan_dir.mkdir()
    (plan_dir / "x.plan").write_text(FIXTURE_PLAN.read_text(encoding="utf-8"), encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(plan_dir), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.stderr
    emitted = (tmp_path / "out" / "xiangtan-scheme-fixture" / "scoring.json").read_text(encoding="utf-8")
    # byte for byte the reviewed golden file (the contract other tools read)
    assert emitted == (HERE / "xiangtan_scheme.scoring.json").read_text(encoding="utf-8")
    doc = json.loads(emitted)
    schema = json.loads((ROOT / "docs" / "schemas" / "scoring.v1.json").read_text(encoding="utf-8"))
    jsonschema.validate(doc, schema)
    assert doc["schema"] == "planc/scoring/v1"
    # nothing implicit: tie rule, rounding, quota method, what adjustments act on, the groups they apply to
    assert doc["ties"] == "shared"
    table = doc["grade_tables"][0]
    assert (table["rounding"], table["quota_method"], table["quota_total"], table["beyond_quota"]) == ("half_up", "each", 10, "不合格")
    adjustment = doc["adjustments"][0]
    assert (adjustment["on"], adjustment["applies"]) == ("points", ["县市区组", "一类园区组", "二类园区组"])
    assert doc["overrides"][0]["applies"] == ["县市区组", "一类园区组", "二类园区组", "产业推进组", "服务保障组"]
    groups = {g["id"]: g for g in doc["groups"]}
    assert [w["weight"] for w in groups["服务保障组"]["period_weights"]] == ["0.15", "0.25", "0.3", "0.3"]
    assert groups["县市区组"]["ranking"] == {"method": "rank_points", "table": "名次计分"}
    assert {f["id"]: f["total"] for f in doc["formulas"]} == {
        "县市区甲": "100", "韶山市计分": "100", "岳塘区计分": "100", "园区甲": "100", "园区乙": "100", "市直": "100"}
    assert [b["unit"] for b in doc["blends"]] == ["发改委", "住建局", "城管执法局"]


def test_score_is_a_planc_command() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert "score" in result.stdout
    result = CliRunner().invoke(main, ["score", "--help"])
    assert result.exit_code == 0 and "--explain" in result.stdout


def test_plan_without_scoring_emits_no_scoring_json(tmp_path: Path) -> None:
    plan_dir = tmp_path / "plans"
    plan_dir.mkdir()
    (plan_dir / "p.plan").write_text('plan p {\n  title "t"\n  period 2024\n}\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(plan_dir), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.stderr
    assert not (tmp_path / "out" / "p" / "scoring.json").exists()
    result = CliRunner().invoke(main, ["score", str(plan_dir / "p.plan"), "--data", str(DATA)])
    assert result.exit_code == 1
    assert "K001" in result.stderr
