"""Validation rules: pure functions from the resolved plan to diagnostics.

A rule is a function decorated with :func:`rule`; modules in this package are
discovered, so a new rule is a new function (or file) here plus its code in
:mod:`diagnostics.codes`. Rules never raise for bad input; they report.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from compiler import model as m
from diagnostics import Diagnostic, Label, Span, make


@dataclass
class RuleContext:
    """What a rule sees: the resolved plan, and the means to turn model sources back into spans for its diagnostics."""

    plan: m.Plan
    display: dict[str, str]  # root-relative file -> display path
    spans: dict[tuple[str, int, int], Span] = field(default_factory=dict)  # full spans by start
    publish: bool = False  # `planc check --publish`: the publish gate's rules run (compiler/rules/publish.py)

    def span(self, source: m.Source) -> Span:
        full = self.spans.get((source.file, source.line, source.column))
        if full is not None:
            return full
        return Span(self.display.get(source.file, source.file), source.line, source.column, source.line,
                    source.column + 1)

    def diag(
        self,
        code: str,
        message: str,
        source: m.Source,
        *,
        hint: str | None = None,
        labels: tuple[tuple[m.Source, str], ...] = (),
    ) -> Diagnostic:
        return make(
            code,
            message,
            self.span(source),
            hint=hint,
            labels=tuple(Label(self.span(s), text) for s, text in labels),
        )


RuleFunction = Callable[[RuleContext], Iterator[Diagnostic]]
_RULES: list[tuple[str, RuleFunction]] = []
_loaded = False


def rule(*codes: str) -> Callable[[RuleFunction], RuleFunction]:
    """Register a rule that may report the given codes."""

    def register(function: RuleFunction) -> RuleFunction:
        _RULES.append((",".join(codes), function))
        return function

    return register


def all_rules() -> list[tuple[str, RuleFunction]]:
    global _loaded
    if not _loaded:
        _loaded = True
        for module in sorted(pkgutil.iter_modules(__path__), key=lambda mod: mod.name):
            importlib.import_module(f"{__name__}.{module.name}")
    return list(_RULES)


def run_rules(context: RuleContext) -> list[Diagnostic]:
    diagnostics: list[Diagnostic] = []
    for _codes, function in all_rules():
        diagnostics.extend(function(context))
    return diagnostics
