"""The scoring target: ``scoring.json`` for plans with a scoring block, and the `planc score` stage that runs it.

Modules: :mod:`.schema` (the artifacts), :mod:`.scheme` (model → scoring.json),
:mod:`.data` (reading evaluator scores and evaluation results, with diagnostics),
:mod:`.engine` (exact-decimal scoring), :mod:`.report` (text, json, md, csv),
:mod:`.cli` (the command).
"""

from __future__ import annotations

from typing import Any

from compiler.model import Plan
from targets import Files, Target


def _schemas() -> dict[str, Any]:
    from targets.scoring.schema import SCHEMAS

    return dict(SCHEMAS)


def emit(plan: Plan) -> Files:
    from targets.scoring.scheme import scoring_doc  # the artifact models load only when emitting
    from targets.serialize import dump_json  # the JSON encoders load only when emitting

    doc = scoring_doc(plan)
    if doc is None:
        return {}
    return {"scoring.json": dump_json(doc)}


TARGET = Target("scoring", emit, schemas=_schemas)
