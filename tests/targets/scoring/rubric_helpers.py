"""Helpers of the rubric golden tests: score one unit's recorded facts under a plan, and read its row."""

from __future__ import annotations

from pathlib import Path

from targets.scoring.schema import ItemScore, ScoreRow
from tests.targets.scoring.helpers import Scored, run

ROOT = Path(__file__).resolve().parents[3]


def score_units(tmp_path: Path, plan: Path, year: str, facts: dict[str, dict[str, str]]) -> Scored:
    """Score ``facts`` ({unit: {fact or item: value as recorded}}) for ``year`` under ``plan``."""
    lines = ["period,unit,item,value"]
    for unit, values in facts.items():
        lines += [f"{year},{unit},{name},{value}" for name, value in values.items()]
    scored = run(tmp_path, None, "\n".join(lines) + "\n", plan_path=plan)
    assert scored.outcome is not None, [f"{d.code} {d.message}" for d in scored.diagnostics]
    return scored


def item(row: ScoreRow, ident: str) -> ItemScore:
    """The score of item ``ident`` (at any depth) in ``row``."""

    def find(items: list[ItemScore]) -> ItemScore | None:
        for candidate in items:
            if candidate.id == ident:
                return candidate
            found = find(candidate.items)
            if found is not None:
                return found
        return None

    found = find(row.items)
    assert found is not None, ident
    return found
