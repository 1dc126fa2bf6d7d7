"""docs/zh/tutorial.md is followed step by step: its `plan` code blocks, joined in order, check clean and build."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from driver.cli import main

ROOT = Path(__file__).resolve().parents[1]
TUTORIAL = ROOT / "docs" / "zh" / "tutorial.md"


def _plan_blocks() -> list[str]:
    return re.findall(r"```plan\n(.*?)```", TUTORIAL.read_text(encoding="utf-8"), re.S)


def test_the_tutorial_plan_checks_clean_and_builds(tmp_path: Path) -> None:
    blocks = _plan_blocks()
    assert len(blocks) >= 4
    plan = tmp_path / "chongming-2021.plan"
    plan.write_text("\n".join(blocks), encoding="utf-8")
    checked = CliRunner().invoke(main, ["check", str(plan)])
    assert checked.exit_code == 0, checked.stderr
    assert "0 errors" in checked.stderr
    built = CliRunner().invoke(main, ["build", str(plan), "--out", str(tmp_path / "out")])
    assert built.exit_code == 0, built.stderr
    folder = tmp_path / "out" / "chongming-2021"
    for name in ("document.docx", "document.html", "document.md", "ledger.xlsx", "checks.json", "schedule.ics"):
        assert (folder / name).is_file(), name


def test_every_sentence_quoted_from_the_source_is_in_it_verbatim() -> None:
    """The tutorial's text is the real plan's: each quoted paragraph appears in the corpus source as written."""
    source = (ROOT / "tests/corpus/plans/chongming-2021-nongcun-gonglu/source.txt").read_text(encoding="utf-8")
    quoted = [q for block in _plan_blocks() for q in re.findall(r'(?:正文|前言|通知) "([^"]+)"', block)]
    assert quoted
    for paragraph in quoted:
        assert paragraph in source, paragraph[:30]


def test_the_error_shown_is_the_error_planc_prints(tmp_path: Path) -> None:
    blocks = _plan_blocks()
    plan = tmp_path / "chongming-2021.plan"
    plan.write_text("\n".join(blocks).replace("责任单位 区交通委", "责任单位 区交委", 1), encoding="utf-8")
    checked = CliRunner().invoke(main, ["check", str(plan)])
    assert checked.exit_code == 1
    shown = re.search(r"```text\n(.*?)```", TUTORIAL.read_text(encoding="utf-8"), re.S)
    assert shown is not None
    printed = checked.stderr.replace(str(tmp_path) + "/", "")
    assert printed.strip() == shown.group(1).strip()
