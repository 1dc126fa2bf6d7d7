"""`planc fmt --check` names the files that would change and the commands that show or make the change."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from driver.cli import main

MESSY = 'plan demo{\n title:  "示例方案"\n   period 2024..2025\n}\n'


def fmt(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["fmt", *args])
    return result.exit_code, result.stdout, result.stderr


def test_check_names_the_files_and_points_to_diff(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "方案 一.plan").write_text(MESSY, encoding="utf-8")
    code, out, err = fmt("--check", "方案 一.plan")
    assert code == 1
    assert out == "would reformat 方案 一.plan\n"
    assert "hint: `planc fmt --diff '方案 一.plan'` shows the changes; `planc fmt '方案 一.plan'` makes them" in err
    # the commands it names do what it says
    code, out, _ = fmt("--diff", "方案 一.plan")
    assert code == 0 and out.startswith("--- a/方案 一.plan")
    assert fmt("方案 一.plan")[0] == 0
    code, out, err = fmt("--check", "方案 一.plan")
    assert (code, out) == (0, "") and "hint" not in err


def test_no_hint_when_the_diff_is_shown_already(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.plan").write_text(MESSY, encoding="utf-8")
    code, out, err = fmt("--check", "--diff", "a.plan")
    assert code == 1 and out.startswith("--- a/a.plan")
    assert "hint" not in err
