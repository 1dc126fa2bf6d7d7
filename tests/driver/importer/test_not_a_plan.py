"""Importing something that is not a plan: a clear message and exit 1, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from driver.cli import main

# the opening of 鲁迅《故乡》(1921), public domain: prose with no numbered parts
NOVEL = "我冒了严寒，回到相隔二千余里，别了二十余年的故乡去。\n时候既然是深冬；渐近故乡时，天气又阴晦了，冷风吹进船舱中，呜呜的响。\n"


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [("empty.txt", b"", "空文件"), ("novel.txt", NOVEL.encode(), "编号结构"), ("junk.bin", bytes(range(256)) * 8, "")],
)
def test_not_a_plan(tmp_path: Path, name: str, data: bytes, words: str) -> None:
    source = tmp_path / name
    source.write_bytes(data)
    result = CliRunner().invoke(main, ["import", str(source), "--out", str(tmp_path / "draft.plan")])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert words in result.output
    assert not (tmp_path / "draft.plan").exists()
