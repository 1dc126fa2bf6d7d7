"""Deterministic JSON for every artifact and schema: sorted keys, two-space indent, UTF-8 kept, one trailing newline."""

from __future__ import annotations

import json
from typing import Any


def dump_json(model: Any) -> bytes:
    """A pydantic model as artifact bytes (by alias, JSON mode)."""
    data = model.model_dump(mode="json", by_alias=True)
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def json_schema(model: Any) -> str:
    """The committed JSON Schema text of an artifact model (docs/schemas/<kind>.v<N>.json)."""
    schema = model.model_json_schema(by_alias=True, mode="serialization")
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
