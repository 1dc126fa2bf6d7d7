"""The model's value semantics: equality, repr and hashing, shared by every model class.

The model classes inherit ``__eq__`` and ``__repr__`` from ``Model`` instead of
having dataclasses generate them (a cold-start saving); these tests pin the
behaviour a generated method would have had.
"""

from __future__ import annotations

import copy
import datetime as dt

import pytest

from compiler.model import Plan, Source
from compiler.pipeline import compile_file
from tests.sample_plan import SAMPLE_PLAN


def _source(line: int = 1) -> Source:
    return Source(file="a.plan", line=line, column=1)


def test_equal_when_every_field_is_equal() -> None:
    assert _source() == _source()
    assert _source(1) != _source(2)


def test_different_classes_are_never_equal() -> None:
    from compiler.model import Period

    period = Period(start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31))
    assert period != _source()
    assert _source() != "Source(file='a.plan', line=1, column=1)"


def test_repr_names_the_class_and_every_field() -> None:
    assert repr(_source(3)) == "Source(file='a.plan', line=3, column=1)"


def test_models_are_unhashable_like_mutable_dataclasses() -> None:
    with pytest.raises(TypeError):
        hash(_source())


def test_a_compiled_plan_equals_its_copy_and_not_an_edited_one(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "sample.plan"
    path.write_text(SAMPLE_PLAN, encoding="utf-8")
    plan = compile_file(path).plan
    assert isinstance(plan, Plan)
    twin = copy.deepcopy(plan)
    assert twin == plan
    target = next(t for m in twin.metrics for t in m.targets)
    target.op = "<" if target.op != "<" else ">"
    assert twin != plan  # a change deep inside is seen
