"""checks.json: one runtime check per target, valid against the committed planc/checks/v1 schema."""

from __future__ import annotations

import json
import os
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from compiler.pipeline import compile_file
from driver.cli import main
from targets import all_targets
from targets.checks import emit
from targets.checks.schema import SCHEMAS
from targets.serialize import json_schema

ROOT = Path(__file__).resolve().parents[3]
GOLDEN = ROOT / "tests" / "golden" / "checks"


def _plan_files() -> list[Path]:
    """Every bundled plan (files with a `plan` block under plans/) and the golden plans of this target."""
    found = []
    for path in sorted((ROOT / "plans").rglob("*.plan")):
        text = path.read_text(encoding="utf-8", errors="replace")
        if any(line.lstrip().startswith(("plan ", "方案 ")) for line in text.splitlines()):
            found.append(path)
    return found + sorted(GOLDEN.glob("*.plan"))


def _schema(name: str) -> dict[str, object]:
    return json.loads((ROOT / "docs" / "schemas" / f"{name}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", _plan_files(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_checks_json_validates(path: Path) -> None:
    compiled = compile_file(path)
    assert compiled.ok and compiled.plan is not None
    document = json.loads(emit(compiled.plan)["checks.json"])
    jsonschema.validate(document, _schema("checks.v1"))
    assert document["schema"] == "planc/checks/v1"
    targets = sum(len(metric.targets) for metric in compiled.plan.metrics)
    assert len(document["checks"]) == targets
    assert len({c["id"] for c in document["checks"]}) == targets


def test_golden_checks_json() -> None:
    compiled = compile_file(GOLDEN / "progress.plan")
    assert compiled.plan is not None
    actual = emit(compiled.plan)["checks.json"].decode("utf-8")
    expected = GOLDEN / "progress.checks.json"
    if os.environ.get("PLANC_UPDATE_EXPECTED"):
        expected.write_text(actual, encoding="utf-8")
    assert actual == expected.read_text(encoding="utf-8")


def test_check_fields() -> None:
    compiled = compile_file(GOLDEN / "progress.plan")
    assert compiled.plan is not None
    checks = {c["id"]: c for c in json.loads(emit(compiled.plan)["checks.json"])["checks"]}
    yearly = checks["新增规上"]
    assert (yearly["each_year"], yearly["from_year"], yearly["until_year"], yearly["due"]) == (True, 2022, 2025, "2025-12-31")
    assert (yearly["firmness"], yearly["owners"], yearly["leaders"]) == ("must", ["工信局"], ["杨智华"])
    total = checks["市场主体"]
    assert (total["op"], total["value"], total["unit"], total["firmness"]) == (">=", "51.01", "万户", "strive")
    assert (total["base_year"], total["base_value"], total["owners"]) == (2021, "42.3", ["市场监管局"])
    assert checks["上市全覆盖"]["value"] is None and checks["上市全覆盖"]["kind"] == "boolean"
    assert checks["消费增速"]["owners"] == ["商务局"]  # a top-level metric with its own `lead`


def test_the_registry_emits_checks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert "checks" in [t.name for t in all_targets()]
    monkeypatch.chdir(ROOT)
    out = tmp_path / "build"
    result = CliRunner().invoke(main, ["build", "tests/golden/checks/progress.plan", "--out", str(out)])
    assert result.exit_code == 0, result.output
    written = (out / "sample-2022" / "checks.json").read_text(encoding="utf-8")
    assert written == (GOLDEN / "progress.checks.json").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_committed_schema_is_current(name: str) -> None:
    committed = (ROOT / "docs" / "schemas" / f"{name}.json").read_text(encoding="utf-8")
    assert committed == json_schema(SCHEMAS[name]), "run `python -m driver.devtools schemas`"
