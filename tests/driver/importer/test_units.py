"""`planc import --units REGISTRY`: owners resolve against the given registry; names it lacks are
added to the draft's registry, each with an `# import: check` comment, so the draft still checks clean."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from driver.importer import import_source
from tests.driver.importer.fidelity import ROOT, SEEDS
from tests.seeds import SEEDS as SEED_BOUNDS

REGISTRIES = ROOT / "plans" / "units"


def _seed(plan_id: str) -> Path:
    return next(SEEDS.glob(f"{SEED_BOUNDS[plan_id].prefix}_*.txt"))


@pytest.mark.parametrize("plan_id", ["qianjiang-2022", "yiyang-2022", "xiangtan-2022"])
def test_own_registry(plan_id: str, tmp_path: Path) -> None:
    registry = REGISTRIES / f"{plan_id.split('-')[0]}.plan"
    draft = import_source(_seed(plan_id), units=registry, out=tmp_path / "draft.plan")
    assert not draft.errors, [(d.code, d.message) for d in draft.errors]
    assert "unit import-u" not in draft.text
    assert draft.counts["owners"] > 5


def test_names_missing_from_the_registry_are_added(tmp_path: Path) -> None:
    # 潜江's owners against 益阳's registry: most names are not there
    draft = import_source(_seed("qianjiang-2022"), units=REGISTRIES / "yiyang.plan", out=tmp_path / "draft.plan")
    assert not draft.errors, [(d.code, d.message) for d in draft.errors]
    added = re.findall(r'^unit import-u\d+ "([^"]+)"$', draft.text, re.M)
    assert "市支油办" in added
    for name in added:
        assert f"# import: check {name}: not in yiyang.plan" in draft.text
    # the given registry is kept whole
    assert all(line in draft.text for line in (REGISTRIES / "yiyang.plan").read_text(encoding="utf-8").splitlines()
               if line.startswith("unit "))
