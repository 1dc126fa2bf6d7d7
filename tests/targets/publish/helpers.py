"""The five seed plans compiled once, and their published .docx, for the publish target's tests."""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

from compiler.model import Plan
from compiler.pipeline import compile_file

PLANS = Path(__file__).resolve().parents[3] / "plans"
SEED_IDS = ("qianjiang-2022", "xiangtan-2022", "yiyang-2022", "yuanjiang-2024", "yueyang-2025")


@cache
def plan(plan_id: str) -> Plan:
    compiled = compile_file(PLANS / f"{plan_id}.plan")
    assert compiled.plan is not None, compiled.diagnostics
    return compiled.plan


@cache
def docx_bytes(plan_id: str) -> bytes:
    from targets.publish import emit

    return emit(plan(plan_id))["document.docx"]


def open_docx(plan_id: str):  # type: ignore[no-untyped-def]
    import docx

    return docx.Document(io.BytesIO(docx_bytes(plan_id)))
