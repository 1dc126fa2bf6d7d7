"""orjson writes every JSON artifact with exactly the bytes of the standard library's encoder."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compiler.pipeline import compile_paths
from driver.emit import render_all
from targets import serialize
from targets.serialize import _FLOAT_TOKEN, _plain, dump_json, encode, json_schema

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
    for text in (b'{"a":1.5}', b'[1,2e5]', b'{"a":[-0.25]}', b'{"x":"1:2","y":3E2}', b'[-9223372036854775809]',
                 b'{"n":18446744073709551616}'):
        assert _FLOAT_TOKEN.search(text), text
    for text in (b'{"a":15}', b'{"a":"1.5"}', b'[1,-2]'):
        assert _FLOAT_TOKEN.search(text) is None, text


def test_a_model_holding_a_float_or_a_huge_int_falls_back_to_the_reference_bytes() -> None:
    from pydantic import BaseModel

    class Sample(BaseModel):
        ratio: float
        count: int
        name: str

    samples = (Sample(ratio=1e16, count=3, name="甲"), Sample(ratio=2, count=2**70, name="a:1.5"),
               Sample(ratio=2, count=-(2**63) - 1, name="orjson reads this integer as a float"))
    for sample in samples:
        assert dump_json(sample) == _stdlib(sample.model_dump(mode="json", by_alias=True))


def test_every_artifact_model_is_written_by_orjson_directly(
    bundled_plans: list[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every artifact model is plain, and rendering every bundled plan never needs the compact-text path."""
    from targets import all_targets

    models = [model for target in all_targets() if target.schemas for model in target.schemas().values()]
    assert len(models) >= 5
    assert all(_plain(model) for model in models), [m.__name__ for m in models if not _plain(m)]

    def refuse(model: Any) -> bytes:
        raise AssertionError(f"{type(model).__name__} took the slower path")

    monkeypatch.setattr(serialize, "_via_text", refuse)
    assert _json_files(render_all(bundled_plans))


def _pydantic_samples() -> tuple[type, type, type]:
    from pydantic import BaseModel, ConfigDict, Field

    class Leaf(BaseModel):
        model_config = ConfigDict(extra="forbid")
        name: str
        day: dt.date | None = None

    class Sub(Leaf):
        extra: str = "not declared where a Leaf is expected"

    class Tree(BaseModel):
        model_config = ConfigDict(extra="forbid", populate_by_name=True)
        schema_: str = Field("planc/sample/v1", alias="schema")
        count: int
        flags: list[bool] = Field(default_factory=list)
        kind: str | None = None
        by_key: dict[str, list[Leaf]] = Field(default_factory=dict)
        leaf: Leaf | None = None
        children: list[Tree] = Field(default_factory=list)

    return Leaf, Sub, Tree


_TEXT = st.text(alphabet=st.sampled_from(["a", "Z", "中", "文", "\\", '"', "\n", "\t", "\x00", "\x1f", "\x7f",
                                          "\u2028", "é", "\U0001f600", " ", "1", ".", "e", ":"]), max_size=12)


@settings(max_examples=200, deadline=None)
@given(
    count=st.integers(-(2**70), 2**70),
    flags=st.lists(st.booleans(), max_size=3),
    kind=st.none() | _TEXT,
    keys=st.dictionaries(_TEXT, st.lists(st.tuples(_TEXT, st.none() | st.dates()), max_size=2), max_size=3),
    depth=st.integers(0, 2),
)
def test_generated_models_are_the_standard_library_s_bytes(
    count: int, flags: list[bool], kind: str | None, keys: dict[str, list[tuple[str, dt.date | None]]], depth: int
) -> None:
    leaf_type, _, tree_type = _pydantic_samples()
    by_key = {key: [leaf_type(name=name, day=day) for name, day in leaves] for key, leaves in keys.items()}
    tree = tree_type(count=count, flags=flags, kind=kind, by_key=by_key)
    for _ in range(depth):
        tree = tree_type(count=depth, children=[tree, tree], leaf=leaf_type(name=kind or "x"))
    assert _plain(tree_type)
    assert dump_json(tree) == _stdlib(tree.model_dump(mode="json", by_alias=True))


def test_an_undeclared_subclass_or_a_float_takes_the_reference_path() -> None:
    from pydantic import BaseModel

    _, sub_type, tree_type = _pydantic_samples()
    # pydantic writes a subclass by the declared class's fields; orjson's callback refuses the unchecked class
    tree = tree_type(count=1, leaf=sub_type(name="b"))
    assert type(tree.leaf) is sub_type
    expected = _stdlib(tree.model_dump(mode="json", by_alias=True))
    assert b"not declared" not in expected
    assert dump_json(tree) == expected

    class Ratio(BaseModel):
        value: float

    assert not _plain(Ratio)


def test_a_part_checked_on_the_assumption_of_a_failed_model_is_not_remembered_as_plain() -> None:
    from pydantic import BaseModel

    class Outer(BaseModel):
        inner: Inner | None = None
        ratio: float = 0.5  # makes Outer not plain, after Inner was checked assuming it plain

    class Inner(BaseModel):
        outer: Outer | None = None
        name: str = "甲"

    Outer.model_rebuild()
    assert not _plain(Outer)
    assert Inner not in serialize._PLAIN
    assert not _plain(Inner)  # checked on its own, it holds an Outer
    sample = Inner(outer=Outer(inner=Inner()))
    assert dump_json(sample) == _stdlib(sample.model_dump(mode="json", by_alias=True))
