"""The plan.json target: the resolved model, the contract every other consumer reads."""

from __future__ import annotations

from compiler.artifacts import dump_json
from compiler.model import Plan
from targets import Files, Target


def emit(plan: Plan) -> Files:
    return {"plan.json": dump_json(plan)}


TARGET = Target("plan_json", emit)
