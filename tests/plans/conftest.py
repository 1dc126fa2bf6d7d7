"""Fixtures shared by the per-plan tests: the bundled plans built once, through the CLI.

A test module names its plan with a module-level ``PLAN_ID``; ``plan_json`` and
``plan`` then give that plan's built ``plan.json`` and its model.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from compiler.model import Plan
from driver.cli import main

ROOT = Path(__file__).resolve().parents[2]


def build(plans: Path, out: Path, plan_id: str) -> Path:
    """`planc build <plans>/<plan_id>.plan --out <out>`; the path of the plan.json it wrote."""
    result = CliRunner().invoke(main, ["build", str(plans / f"{plan_id}.plan"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out / plan_id / "plan.json"


@pytest.fixture(scope="session")
def bundled_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`planc build plans/` once per session: the artifacts of every bundled plan."""
    out = tmp_path_factory.mktemp("bundled-build")
    result = CliRunner().invoke(main, ["build", str(ROOT / "plans"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def plan_json(request: pytest.FixtureRequest, bundled_build: Path) -> Path:
    path: Path = bundled_build / request.module.PLAN_ID / "plan.json"
    assert path.is_file(), f"`planc build plans/` wrote no {path.relative_to(bundled_build)}"
    return path


@pytest.fixture(scope="module")
def plan(plan_json: Path) -> Plan:
    return Plan.model_validate(json.loads(plan_json.read_text(encoding="utf-8")))
