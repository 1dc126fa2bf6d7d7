"""`planc fmt` on files: in-place writes, --check, --diff, --keywords, errors and exit codes; the pre-commit hooks."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from driver import formatting
from driver.cli import main

ROOT = Path(__file__).resolve().parents[2]
MESSY = 'plan demo{\n title:  "示例方案"   # 标题\n   period 2024..2025\n}\nunit 发改委 "市发展改革委"\n'
CANONICAL = 'plan demo {\n  title "示例方案"  # 标题\n  period 2024..2025\n}\n\nunit 发改委 "市发展改革委"\n'


def fmt(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["fmt", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def plans(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "plans"
    (folder / "parts").mkdir(parents=True)
    (folder / "demo.plan").write_text(MESSY, encoding="utf-8")
    (folder / "parts" / "ok.plan").write_text('unit 财政局 "市财政局"\n', encoding="utf-8")
    return folder


def test_formats_in_place_then_has_nothing_to_do(plans: Path) -> None:
    os.chmod(plans / "demo.plan", 0o640)
    code, _, err = fmt()  # default PATH: plans/
    assert code == 0
    assert (plans / "demo.plan").read_text(encoding="utf-8") == CANONICAL
    assert "reformatted plans/demo.plan" in err and "1 file reformatted, 1 file already formatted" in err
    assert stat.S_IMODE((plans / "demo.plan").stat().st_mode) == 0o640
    assert sorted(p.name for p in plans.iterdir()) == ["demo.plan", "parts"]  # no temporary file left
    assert fmt("plans")[0] == 0
    assert "0 files reformatted, 2 files already formatted" in fmt("plans")[2]


def test_check_lists_files_and_changes_nothing(plans: Path) -> None:
    code, out, _ = fmt("--check", "plans")
    assert code == 1
    assert out == "would reformat plans/demo.plan\n"
    assert (plans / "demo.plan").read_text(encoding="utf-8") == MESSY
    assert fmt("--check", "plans/parts")[0] == 0


def test_diff_prints_a_unified_diff_and_changes_nothing(plans: Path) -> None:
    code, out, _ = fmt("--diff", "plans/demo.plan")
    assert code == 0
    assert out.startswith("--- a/plans/demo.plan\n+++ b/plans/demo.plan\n@@ ")
    assert '\n-plan demo{\n' in out and '\n+plan demo {\n' in out
    assert (plans / "demo.plan").read_text(encoding="utf-8") == MESSY
    assert fmt("--check", "--diff", "plans/demo.plan")[0] == 1


def test_keywords_conversion_both_ways(plans: Path) -> None:
    assert fmt("--keywords", "zh", "plans")[0] == 0
    zh = (plans / "demo.plan").read_text(encoding="utf-8")
    assert zh.startswith('方案 demo {\n  标题 "示例方案"  # 标题\n  实施期限 2024..2025\n}\n')
    assert fmt("--keywords", "en", "plans")[0] == 0
    assert (plans / "demo.plan").read_text(encoding="utf-8") == CANONICAL


def test_syntax_error_leaves_the_file_untouched(plans: Path) -> None:
    broken = 'plan demo {\n  title "未闭合\n}\n'
    (plans / "demo.plan").write_text(broken, encoding="utf-8")
    code, _, err = fmt("plans")
    assert code == 1
    assert "plans/demo.plan:2:9: P002 error" in err
    assert "1 file not formatted (errors)" in err
    assert (plans / "demo.plan").read_text(encoding="utf-8") == broken


def test_not_utf8_and_missing_paths(plans: Path) -> None:
    (plans / "demo.plan").write_bytes("unit 发改委 \"市发改委\"\n".encode("gb18030"))
    code, _, err = fmt("plans/demo.plan")
    assert code == 1 and "F002" in err
    code, _, err = fmt("plans/nothing-here.plan")
    assert code == 2 and "no such file or folder `plans/nothing-here.plan`" in err


def test_a_failed_write_keeps_the_original(plans: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(src: str, dst: str) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(formatting.os, "replace", refuse)
    code, _, err = fmt("plans/demo.plan")
    assert code == 2 and "cannot write `plans/demo.plan`: Permission denied" in err
    assert (plans / "demo.plan").read_text(encoding="utf-8") == MESSY
    assert sorted(p.name for p in plans.iterdir()) == ["demo.plan", "parts"]


def test_pre_commit_hooks_run_real_commands(plans: Path) -> None:
    hooks = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    entries = re.findall(r"^\s+entry: planc (.+)$", hooks, re.M)
    ids = re.findall(r"^- id: (\S+)$", hooks, re.M)
    assert ids == ["planc-check", "planc-fmt-check", "planc-fmt"]
    assert entries == ["check", "fmt --check", "fmt"]
    # as pre-commit runs them: fmt hooks get the changed file names
    assert fmt("--check", "plans/demo.plan")[0] == 1
    assert fmt("plans/demo.plan")[0] == 0
    assert fmt("--check", "plans/demo.plan")[0] == 0
