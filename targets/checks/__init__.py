"""The checks target: ``checks.json``, one runtime check per target, and the ``evaluate`` stage
that judges progress data (a ``metric,period,value`` CSV) against them.

Modules: ``schema`` (the artifacts), ``compile`` (plan → checks), ``progress`` (reading the CSV),
``judge`` (a status per check), ``report`` (text, json, md with SVG charts), ``cli`` (`planc evaluate`).
"""

from __future__ import annotations

from compiler.artifacts import dump_json
from compiler.model import Plan
from targets import Files, Target
from targets.checks.compile import build_checks


def emit(plan: Plan) -> Files:
    return {"checks.json": dump_json(build_checks(plan))}


TARGET = Target("checks", emit)
