"""The plan.json target: the resolved model, the contract every other consumer reads."""

from __future__ import annotations

from compiler.model import Plan
from targets import Files, Target
from targets.serialize import dump_json


def emit(plan: Plan) -> Files:
    return {"plan.json": dump_json(plan)}


TARGET = Target("plan_json", emit, schemas=lambda: {"plan.v1": Plan})
