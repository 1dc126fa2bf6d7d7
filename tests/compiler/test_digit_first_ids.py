"""An identifier that starts with a digit gets one precise error, not three about the statement's shape."""

from __future__ import annotations

from pathlib import Path

import pytest

from compiler.pipeline import compile_source

PLAN = """unit 人社局 "市人社局"
plan p {
  title "人才工作实施方案"
  period 2021..2025
}
section 项目 "重点项目" {
  action %s "人才梯队项目" {
    lead 人社局
  }
}
"""


@pytest.mark.parametrize("written", ["121人才梯队项目", "2025", "3-1"])
def test_one_error_at_the_id_saying_it_cannot_start_with_a_digit(written: str, tmp_path: Path) -> None:
    text = PLAN % written
    [diagnostic] = compile_source(tmp_path / "p.plan", text).diagnostics
    assert diagnostic.code == "M001"
    assert diagnostic.message == f"an identifier cannot start with a digit: `{written}`"
    assert diagnostic.span is not None
    line = text.splitlines().index(f'  action {written} "人才梯队项目" {{') + 1
    assert (diagnostic.span.line, diagnostic.span.column) == (line, 10)
    assert (diagnostic.span.end_column - diagnostic.span.column) == len(written)


def test_the_same_id_with_a_letter_first_is_clean(tmp_path: Path) -> None:
    assert compile_source(tmp_path / "p.plan", PLAN % "项目121人才梯队").diagnostics == []


def test_a_quantity_where_a_quantity_belongs_is_untouched(tmp_path: Path) -> None:
    text = PLAN % "人才梯队" + 'metric 人数 "引进人才" unit 名 {\n  target >= 121名 by 2025\n}\n'
    assert [d.code for d in compile_source(tmp_path / "p.plan", text).diagnostics if d.severity == "error"] == []
