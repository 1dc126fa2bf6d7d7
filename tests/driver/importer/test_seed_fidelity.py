"""Issue 22's bar: drafts of the five seeds against the hand-encoded plans in plans/."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.driver.importer.fidelity import ROOT, SEEDS, compare
from tests.seeds import SEEDS as SEED_BOUNDS

BAR = {"sentences": 0.99, "paths": 0.95, "leads": 0.95, "targets": 0.90, "deadlines": 1.0, "cadences": 1.0}


@pytest.mark.parametrize("plan_id", sorted(SEED_BOUNDS))
def test_draft_matches_hand_plan(plan_id: str, tmp_path: Path) -> None:
    seed = SEED_BOUNDS[plan_id]
    source = next(SEEDS.glob(f"{seed.prefix}_*.txt"))
    figures = compare(plan_id, ROOT / "plans" / f"{plan_id}.plan", source, seed.start, seed.end, seed.chrome, tmp_path)
    print(figures.line())
    assert figures.errors == 0
    below = []
    for key, bar in BAR.items():
        found, total = getattr(figures, key)
        if total and found / total < bar:
            below.append(f"{key} {found}/{total} < {bar:.0%}")
    assert not below, figures.line() + "\n" + "\n".join(below)
