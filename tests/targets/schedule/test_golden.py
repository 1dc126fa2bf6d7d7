"""Golden outputs of the schedule target: tests/golden/schedule/<case>.plan → expected files.

The expected files are reviewed by hand. To rewrite them after a deliberate change,
run with PLANC_UPDATE_GOLDEN=1 and review the diff before committing.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from targets.schedule import emit, schedule_of
from targets.schedule.table import render_table
from tests.targets.schedule.helpers import GOLDEN, compiled_plan

CASES = {
    "every-kind": ("schedule.json", "schedule.ics", "table.txt"),
    "xiangtan-machinery": ("schedule.ics", "table.txt"),
}


def _outputs(case: str) -> dict[str, bytes]:
    plan = compiled_plan(GOLDEN / f"{case}.plan")
    files = dict(emit(plan))
    files["table.txt"] = render_table(schedule_of(plan)).encode("utf-8")
    return files


@pytest.mark.parametrize(("case", "name"), [(c, n) for c, names in CASES.items() for n in names])
def test_golden(case: str, name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    actual = _outputs(case)[name]
    expected_path: Path = GOLDEN / f"{case}.{name}"
    if os.environ.get("PLANC_UPDATE_GOLDEN") == "1":
        expected_path.write_bytes(actual)
    assert actual == expected_path.read_bytes(), f"{expected_path.name} differs; review, then PLANC_UPDATE_GOLDEN=1"


def test_every_golden_case_has_its_files() -> None:
    assert sorted(p.stem for p in GOLDEN.glob("*.plan")) == sorted(CASES)
