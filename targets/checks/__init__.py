"""The checks target: ``checks.json``, one runtime check per target, and the ``evaluate`` stage
that judges progress data (a ``metric,period,value`` CSV) against them.

Modules: ``schema`` (the artifacts), ``compile`` (plan → checks), ``progress`` (reading the CSV),
``judge`` (a status per check), ``report`` (text, json, md with SVG charts), ``cli`` (`planc evaluate`).
"""

from __future__ import annotations

from typing import Any

from compiler.model import Plan
from targets import Files, Target


def _schemas() -> dict[str, Any]:
    from targets.checks.schema import SCHEMAS

    return dict(SCHEMAS)


def emit(plan: Plan) -> Files:
    from targets.checks.compile import build_checks  # the artifact models load only when emitting
    from targets.serialize import dump_json  # the JSON encoders load only when emitting

    return {"checks.json": dump_json(build_checks(plan))}


TARGET = Target("checks", emit, schemas=_schemas)
