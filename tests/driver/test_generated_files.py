"""Committed generated files must match what the code generates today (`make docs schemas grammar`)."""

from __future__ import annotations

import json
from pathlib import Path

from diagnostics.explain import diagnostics_markdown
from driver.reference import reference_markdown
from driver.schemas import schema_registry
from targets.serialize import json_schema

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_diagnostics_md_is_current() -> None:
    assert (DOCS / "diagnostics.md").read_text(encoding="utf-8") == diagnostics_markdown()


def test_reference_md_is_current() -> None:
    assert (DOCS / "reference.md").read_text(encoding="utf-8") == reference_markdown()


def test_schemas_are_current() -> None:
    registry = schema_registry()
    committed = {p.stem for p in (DOCS / "schemas").glob("*.json")}
    assert committed == set(registry), "docs/schemas must hold exactly the registered schemas"
    for name, model in registry.items():
        assert (DOCS / "schemas" / f"{name}.json").read_text(encoding="utf-8") == json_schema(model), name


def test_plan_schema_describes_the_contract_fields() -> None:
    schema = json.loads((DOCS / "schemas" / "plan.v1.json").read_text(encoding="utf-8"))
    for field in ("schema", "id", "title", "doc_no", "issuer", "issued", "period", "units", "people",
                  "sections", "actions", "metrics", "cadences", "deadlines", "scoring"):
        assert field in schema["properties"], field
