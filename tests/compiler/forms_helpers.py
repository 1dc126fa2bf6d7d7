"""A plan around a few statements, compiled from text (the statements' words come from the corpus sources)."""

from __future__ import annotations

from pathlib import Path

from compiler.pipeline import CompiledPlan, compile_source

HEAD = 'plan p {{\n  title "广州市集聚产业领军人才实施方案"\n  period 2012..2016\n{settings}}}\nunit 组织部 "市委组织部"\nunit 人社局 "市人社局"\n'


def compile_body(body: str, settings: str = "") -> CompiledPlan:
    """The plan ``body`` under a plan block holding ``settings`` (plan-wide statements, one per line)."""
    return compile_source(Path("forms.plan"), HEAD.format(settings=settings) + body)


def codes(compiled: CompiledPlan) -> list[str]:
    return [d.code for d in compiled.diagnostics]


def errors(compiled: CompiledPlan) -> list[str]:
    return [d.code for d in compiled.diagnostics if d.severity.name == "ERROR"]
