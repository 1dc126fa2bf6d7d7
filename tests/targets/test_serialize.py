"""orjson writes every JSON artifact with exactly the bytes of the standard library's encoder."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from compiler.pipeline import compile_paths
from driver.emit import render_all
from targets import serialize
from targets.serialize import _FLOAT_TOKEN, dump_json, encode, json_schema

ROOT = Path(__file__).resolve().parents[2]


def _stdlib(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


@pytest.fixture(scope="module")
def bundled_plans() -> list[Any]:
    compiled = compile_paths([ROOT / "plans"])
    plans = [c.plan for c in compiled.plans if c.plan is not None]
    assert len(plans) >= 5
    return plans


def _json_files(rendered: tuple[dict[str, dict[str, bytes]], dict[str, bytes]]) -> dict[str, bytes]:
    per_plan, shared = rendered
    files = {f"{plan}/{name}": data for plan, outputs in per_plan.items() for name, data in outputs.items()}
    files.update(shared)
    return {name: data for name, data in files.items() if name.endswith(".json")}


def test_every_bundled_json_artifact_is_byte_identical_to_the_standard_library(
    bundled_plans: list[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    fast = _json_files(render_all(bundled_plans))
    with monkeypatch.context() as patch:
        patch.setattr(serialize, "orjson", None)  # the reference path: model_dump + json.dumps
        reference = _json_files(render_all(bundled_plans))
    assert sorted(fast) == sorted(reference)
    assert {name.rsplit("/", 1)[-1] for name in fast} >= {"plan.json", "schedule.json", "checks.json"}
    for name in fast:
        assert fast[name] == reference[name], name
        assert fast[name] == _stdlib(json.loads(fast[name])), name


def test_the_golden_json_files_are_reencoded_byte_for_byte() -> None:
    goldens = sorted((ROOT / "tests").glob("golden/**/*.json")) + sorted((ROOT / "docs" / "schemas").glob("*.json"))
    assert len(goldens) >= 3
    for path in goldens:
        text = path.read_bytes()
        assert encode(json.loads(text)) == text, path


def test_schemas_are_the_committed_text(bundled_plans: list[Any]) -> None:
    from compiler.model import Plan

    assert json_schema(Plan).encode("utf-8") == (ROOT / "docs" / "schemas" / "plan.v1.json").read_bytes()


@pytest.mark.parametrize(
    "data",
    [
        {"b": 1, "a": [], "c": {}, "d": {"z": None, "y": True}},
        {"大": "中文", "a": "\u00e9\t\"\\\n\u2028", "emoji": "\U0001f600"},
        [1, -0, 2**63 - 1, -(2**63)],
        {"big": 2**64 + 1},  # beyond orjson: the reference encoder
        {"f": 1e16, "g": 0.1, "h": 1.0, "i": -2.5e-7},  # floats: the reference encoder
        {1: "non-str key", 3: "int keys"},  # the standard library stringifies them; orjson refuses
    ],
)
def test_edge_cases_match_the_standard_library(data: Any) -> None:
    assert encode(data) == _stdlib(data)


def test_floats_in_compact_json_are_found_and_strings_do_not_hide_them() -> None:
    for text in (b'{"a":1.5}', b'[1,2e5]', b'{"a":[-0.25]}', b'{"x":"1:2","y":3E2}'):
        assert _FLOAT_TOKEN.search(text), text
    for text in (b'{"a":15}', b'{"a":"1.5"}', b'[1,-2]'):
        assert _FLOAT_TOKEN.search(text) is None, text


def test_a_model_holding_a_float_or_a_huge_int_falls_back_to_the_reference_bytes() -> None:
    from pydantic import BaseModel

    class Sample(BaseModel):
        ratio: float
        count: int
        name: str

    for sample in (Sample(ratio=1e16, count=3, name="甲"), Sample(ratio=2, count=2**70, name="a:1.5")):
        assert dump_json(sample) == _stdlib(sample.model_dump(mode="json", by_alias=True))
