"""The document target: ``document.md``, the plan as published, and the build's ``index.md``.

document.md follows the official structure: the title block (issuer, 文号, title,
主送, notice, 落款), the plan with numbers generated from its structure and each
action's owners in its plan's convention, the annexes, then appendix tables of
metrics, responsibilities and the timetable. See docs/documents.md.

jinja2 is imported only when a document is rendered, so ``planc check`` stays fast.
"""

from __future__ import annotations

from compiler.model import Plan
from targets import Files, Target


def emit(plan: Plan) -> Files:
    from targets.docs.render import render_document

    return {"document.md": render_document(plan).encode("utf-8")}


def emit_index(plans: list[Plan]) -> Files:
    from targets.docs.render import render_index

    return {"index.md": render_index(plans).encode("utf-8")}


TARGET = Target("docs", emit, emit_index)
