"""The document target: golden documents, safe escaping, structure, determinism, the build contract."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from compiler import model as m
from compiler.pipeline import compile_file
from diagnostics import has_errors
from driver.cli import main
from targets import all_targets
from targets.docs import emit, emit_index
from targets.docs.render import render_document, render_index
from targets.docs.view import document_view
from tests.targets.docs.expect import structure_problems
from tests.targets.docs.markdown_tools import document_heading_numbers, document_text, parse

GOLDEN = Path(__file__).resolve().parents[2] / "golden" / "docs"
CASES = sorted(p.stem for p in GOLDEN.glob("*.plan"))
# PLANC_UPDATE_GOLDEN=1 rewrites the expected files; review the diff before committing it
UPDATE = os.environ.get("PLANC_UPDATE_GOLDEN") == "1"


def _compile(path: Path):
    compiled = compile_file(path)
    assert compiled.plan is not None and not has_errors(compiled.diagnostics), [
        d.message for d in compiled.diagnostics
    ]
    return compiled.plan


def _check_golden(expected: Path, actual: str) -> None:
    if UPDATE:
        expected.write_text(actual, encoding="utf-8")
    assert expected.exists(), f"{expected.name} is missing; run with PLANC_UPDATE_GOLDEN=1 and review it"
    assert actual == expected.read_text(encoding="utf-8")


def test_golden_cases_exist() -> None:
    assert {"full", "plain", "unsafe"} <= set(CASES)


@pytest.mark.parametrize("case", CASES)
def test_golden_document(case: str) -> None:
    plan = _compile(GOLDEN / f"{case}.plan")
    _check_golden(GOLDEN / f"{case}.document.md", render_document(plan))


def test_golden_index() -> None:
    plans = [_compile(GOLDEN / f"{case}.plan") for case in CASES]
    _check_golden(GOLDEN / "index.md", render_index(plans))


@pytest.mark.parametrize("case", CASES)
def test_golden_document_parses_to_its_blocks_and_tables(case: str) -> None:
    plan = _compile(GOLDEN / f"{case}.plan")
    assert structure_problems(plan, render_document(plan)) == []


def test_full_document_has_every_construct() -> None:
    plan = _compile(GOLDEN / "full.plan")
    markdown = render_document(plan)
    blocks = parse(markdown)
    headings = [(b.level, b.text) for b in blocks if b.kind == "heading"]
    paragraphs = [b.text for b in blocks if b.kind == "paragraph"]
    # title block: issuer, 文号, notice title, 主送, notice, 落款, in that order, before the plan's title
    assert paragraphs[:2] == ["示范市人民政府", "示政发〔2024〕1号"]
    assert headings[0] == (1, "示范市人民政府关于印发《示范市推进“三大支撑”工作实施方案》的通知")
    assert paragraphs[2] == "各区县(市)人民政府，市直各单位："
    assert paragraphs[4:6] == ["示范市人民政府", "2024年3月20日"]
    assert headings[1] == (1, "示范市推进“三大支撑”工作实施方案")
    # numbers generated at every level; sections are headings, actions run-in paragraphs
    assert (2, "二、主要任务") in headings and (3, "（一）“三大支撑”工作") in headings
    assert (3, "（一）加强组织领导") in headings  # an action laid out as a heading
    starts = [p[:3] for p in paragraphs]
    assert {"1.强", "2.强", "3.稳", "4.促", "（1）", "①周例", "（二）"} <= set(starts)
    # numbering continues across (一) and (二); 一是/二是 run on in their parent's paragraph
    assert any(p.startswith("3.稳定扩大就业") for p in paragraphs)
    assert "（责任单位：商务局、财政局）一是扩大汽车消费；二是推动家电以旧换新。" in markdown
    # every owner convention, and an inline owner group continuing its paragraph
    text = document_text(markdown)
    assert "（牵头领导：贺辉；牵头单位：市发展改革委）持续加大电网基础设施建设。" in text
    assert "（市人社局牵头，市发改委、商务局等按职能分工负责）" in text
    assert "（牵头单位：商务局；配合单位：财政局）" in text
    # label-form action, annex number and title, annex preamble and closing
    assert "港口物流：推动港口物流降本增效。（牵头单位：发改委）" in paragraphs
    annex = paragraphs.index("附件1")
    after = blocks[blocks.index(next(b for b in blocks if b.text == "附件1")) + 1]
    assert (after.kind, after.level, after.text) == ("heading", 1, "内需扩量提效攻坚实施方案")
    assert paragraphs[annex + 1] == "为扩大有效需求，制定本方案。"
    # the annex restarts at 一、
    assert document_heading_numbers(markdown) == ["一、", "二、", "(一)", "(二)", "三、", "(一)", "(二)", "一、", "二、",
                                                  "(一)"]


def _view_tables(plan: m.Plan) -> list[tuple[tuple[str, ...], ...]]:
    return [(t.columns, *t.rows) for t in document_view(plan).tables]


def test_appendix_tables_are_computed_but_not_printed() -> None:
    plan = _compile(GOLDEN / "full.plan")
    markdown = render_document(plan)
    assert not [b for b in parse(markdown) if b.kind == "table"] and "附表" not in markdown
    metrics, matrix, timetable = _view_tables(plan)
    assert metrics[0] == ("指标", "目标", "单位", "时限", "确保/力争", "牵头单位")
    rows = {row[0]: row[1:] for row in metrics[1:]}
    assert rows["市场主体总量"] == ("≥51.01", "万户", "2025年", "力争", "—")
    assert rows["新增规模工业企业"] == ("每年≥135", "家", "2024—2025年每年", "确保", "市发展和改革委员会")
    assert rows["规模工业增加值增长"] == ("≥8.5（比2023年）", "%", "2024年", "力争", "市人力资源和社会保障局")
    assert rows["境内外上市公司区县全覆盖"] == ("完成", "—", "2025年6月30日", "—", "—")
    assert rows["城镇化率提高"] == ("0.7左右", "个百分点", "2024年", "—", "—")
    assert rows["实施十亿级项目"] == ("1～2", "个", "2025年", "确保", "—")
    assert rows["综合排名进入全国前100位的园区"][-1] == "市工业和信息化局"  # the metric's own owner
    assert rows["社会消费品零售总额增长"][-2] == "确保"  # an annex's metric is listed too
    assert matrix[0] == ("单位", "牵头任务", "责任任务", "配合任务")
    units = {row[0]: row[1:] for row in matrix[1:]}
    assert units["市商务局"] == ("附件1 二、（一）1.实施以旧换新", "二、（二）4.促进消费", "二、（二）3.稳定扩大就业")
    assert units["市工业和信息化局"][0] == "二、（一）1.持续加大电网基础设施建设；二、（一）2.强化算力支撑"
    assert "市人力资源和社会保障局" in units and "市发展和改革委员会" in units
    assert timetable[0] == ("事项", "类别", "频次/时限", "负责", "出处")
    when = {row[0]: row[1:] for row in timetable[1:]}
    assert when["纳入市政府年度督查计划，每季度督查一次"] == ("督查", "每季度一次", "市人民政府", "三、（二）严格督导考核")
    assert when["市长至少半年调度一次"][1:3] == ("至少每半年一次", "贺辉")
    assert when["旬调度"][1] == "每旬一次（每月1日、11日、21日）"
    assert when["完善考评细则"][1:3] == ("每年3月底前", "市发展和改革委员会、市工业和信息化局")
    assert when["综合得到年度得分"][1:3] == ("次年1月30日前", "—")
    assert when["报送工作总结"][1] == "2025年12月15日前"


def test_empty_tables_are_left_out_and_the_signature_falls_back_to_issuer_and_date() -> None:
    plan = _compile(GOLDEN / "plain.plan")
    markdown = render_document(plan)
    blocks = parse(markdown)
    assert not [b for b in blocks if b.kind == "table"] and "附表" not in markdown
    paragraphs = [b.text for b in blocks if b.kind == "paragraph"]
    assert paragraphs[:2] == ["中共示范市委", "示范市人民政府"]
    assert paragraphs[2:5] == ["各县市区:", "中共示范市委", "示范市人民政府"]
    assert paragraphs[5] == "2022年3月1日"


def test_user_text_renders_safely() -> None:
    plan = _compile(GOLDEN / "unsafe.plan")
    markdown = render_document(plan)
    assert structure_problems(plan, markdown) == []
    blocks = parse(markdown)
    assert all(b.kind in ("heading", "paragraph", "hr") for b in blocks), [b.kind for b in blocks]
    headings = [b.text for b in blocks if b.kind == "heading"]
    assert "标题 | 含竖线 {{x}} 与 {% if y %}" in headings  # printed literally, never interpreted
    paragraphs = [b.text for b in blocks if b.kind == "paragraph"]
    assert paragraphs[0] == "<script>alert(1)</script>"
    assert "# 一级标题？不是。" in paragraphs and "<script>alert(2)</script>" in paragraphs
    assert "# 不是标题：" in paragraphs
    assert "（一）- 列表？1. 不是列表 `代码` [链接](http://x) ![图](y) &amp; ~~删~~ \\（牵头单位：甲）" in paragraphs
    assert "<script>" not in markdown.replace("\\<script\\>", "")
    # nor would a site generator running Liquid or Jinja over the Markdown find a tag to run
    assert "{{" not in markdown and "{%" not in markdown
    tables = _view_tables(plan)  # computed for the ledger, not printed
    metric = tables[0]
    assert metric[1] == ("指标|名", "≥3", "个|件", "2024年", "—", "甲|乙 单位")
    assert tables[1][1] == ("甲|乙 单位", "一、（一）- 列表？", "—", "—")
    assert all(len(row) == 6 for row in metric)


def test_emit_is_deterministic_and_writes_document_md() -> None:
    plan = _compile(GOLDEN / "full.plan")
    first, second = emit(plan), emit(plan)
    assert list(first) == ["document.md"] and first == second
    assert first["document.md"].decode("utf-8") == render_document(plan)
    again = _compile(GOLDEN / "full.plan")
    assert emit(again) == first  # a fresh compile renders the same bytes
    assert emit_index([plan]) == emit_index([again])


def test_build_output_is_byte_identical_across_processes(tmp_path: Path) -> None:
    """Nothing depends on hash order or the clock: two builds with different hash seeds agree."""
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"out{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-m", "driver.cli", "build", str(GOLDEN / "full.plan"), "--out", str(out)],
                       check=True, capture_output=True, env=env)
        outputs.append(((out / "full-2024" / "document.md").read_bytes(), (out / "index.md").read_bytes()))
    assert outputs[0] == outputs[1]
    assert outputs[0][0] == (GOLDEN / "full.document.md").read_bytes()


def test_docs_is_a_registered_target() -> None:
    assert "docs" in [t.name for t in all_targets()]


def test_planc_build_writes_document_and_index(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(GOLDEN / "full.plan"), str(GOLDEN / "plain.plan"),
                                       "--out", str(out)])
    assert result.exit_code == 0, result.output
    document = (out / "full-2024" / "document.md").read_text(encoding="utf-8")
    assert document == render_document(_compile(GOLDEN / "full.plan"))
    index = (out / "index.md").read_text(encoding="utf-8")
    rows = next(b for b in parse(index) if b.kind == "table").rows
    assert rows[0] == ("方案", "标题", "任务", "指标目标", "单位", "机制与时限")
    assert [r[0] for r in rows[1:]] == ["full-2024", "plain-2022"]
    assert rows[1][2:] == ("14", "8", "6", "6")
    assert "](<full-2024/document.md>)" in index


def test_check_does_not_import_jinja2() -> None:
    code = (
        "import sys\n"
        "from driver.cli import main\n"
        "try:\n"
        "    main(['check', sys.argv[1]])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('jinja2' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code, str(GOLDEN / "plain.plan")],
                            capture_output=True, text=True, check=False)
    assert result.stdout.strip().splitlines()[-1] == "False", result.stdout + result.stderr


def test_templates_are_strict_about_undefined_names() -> None:
    import jinja2

    from targets.docs.render import environment

    with pytest.raises(jinja2.UndefinedError):
        environment().from_string("{{ missing }}").render()
