"""The committed JSON Schemas of the scoring artifacts match the models (regenerate with `make schemas`)."""

from __future__ import annotations

from pathlib import Path

from targets.scoring.schema import SCHEMAS
from targets.serialize import json_schema

ROOT = Path(__file__).resolve().parents[3]


def test_committed_schemas_are_current() -> None:
    for name, model in SCHEMAS.items():
        committed = (ROOT / "docs" / "schemas" / f"{name}.json").read_text(encoding="utf-8")
        assert committed == json_schema(model), f"docs/schemas/{name}.json is stale; run `make schemas`"
