"""The plan.json target: the resolved model, the contract every other consumer reads."""

from __future__ import annotations

from compiler.model import Plan
from targets import Files, Target


def emit(plan: Plan) -> Files:
    from targets.serialize import dump_json  # the JSON encoders load only when emitting

    return {"plan.json": dump_json(plan)}


TARGET = Target("plan_json", emit, schemas=lambda: {"plan.v1": Plan})
