"""`planc check` reports every syntax error of a file in one run, each at its own file:line:col."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from driver.cli import main
from tests.dsl.test_recovery import five_mistakes, where


def test_five_mistakes_five_errors_in_one_check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    source = five_mistakes()
    Path("yiyang.plan").write_text(source, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "yiyang.plan", "--no-color"])
    assert result.exit_code == 1
    headers = re.findall(r"^yiyang\.plan:(\d+):(\d+): (P\d{3}) error", result.stderr, re.M)
    assert [(code, int(line), int(column)) for line, column, code in headers] == [
        ("P004", *where(source, "tilte")),
        ("P001", *where(source, "2022..2025 ：", 11)),
        ("P003", *where(source, "“市发展改革委”")),
        ("P004", *where(source, "fomr")),
        ("P002", *where(source, '"发挥我市比邻长沙')),
    ]
    assert "5 errors" in result.stderr


def test_the_display_limit_applies_to_syntax_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("p.plan").write_text("".join(f"tilte {i}\n" for i in range(8)), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "p.plan", "--no-color", "--max-diagnostics", "3"])
    assert len(re.findall(r"^p\.plan:\d+:1: P004", result.stderr, re.M)) == 3
    assert "… and 5 more diagnostics" in result.stderr
