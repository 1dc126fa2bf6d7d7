"""Shared fixtures: the repository root, and compiling a plan text from a temporary file."""

from __future__ import annotations

from pathlib import Path

import pytest

from compiler.pipeline import CompiledPlan, compile_file

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def root() -> Path:
    return ROOT


@pytest.fixture
def compile_text(tmp_path: Path):
    """Compile plan text written to a temporary file (plus optional extra files)."""

    def run(text: str, name: str = "test.plan", files: dict[str, str] | None = None) -> CompiledPlan:
        for rel, content in (files or {}).items():
            path = tmp_path / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8")
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return compile_file(path)

    return run
