"""The registry of versioned artifact schemas, gathered from the targets (and the diagnostics output)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from diagnostics.json_model import SCHEMAS as DIAGNOSTICS_SCHEMAS
from targets import all_targets
from targets.serialize import json_schema


def schema_registry() -> dict[str, Any]:
    """kind.vN -> model; each becomes docs/schemas/<kind>.v<N>.json."""
    registry: dict[str, Any] = dict(DIAGNOSTICS_SCHEMAS)
    for target in all_targets():
        for name, model in target.schemas().items():
            if name in registry and registry[name] is not model:
                raise ValueError(f"schema {name} is declared by two targets")
            registry[name] = model
    return registry


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, model in sorted(schema_registry().items()):
        path = folder / f"{name}.json"
        path.write_text(json_schema(model), encoding="utf-8")
        written.append(path)
    return written
