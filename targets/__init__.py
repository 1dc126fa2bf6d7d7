"""Targets: one sub-package per artifact, each with a pure emitter from the resolved plan to files.

A target package exposes ``TARGET`` (a :class:`Target`). The registry discovers
them, in name order, so adding a target adds a folder here and nothing else.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from compiler.model import Plan
from compiler.rules import RuleContext
from diagnostics import Diagnostic

# files a target writes for one plan: path relative to DIR/<plan-id>/ -> bytes
Files = dict[str, bytes]


@dataclass(frozen=True)
class Target:
    """One artifact: its pure emitter, optional build-wide files, the schemas it owns, and what it reports.

    ``diagnose`` lets a target report on a plan without emitting it (the schedule's
    S001, years without holiday data); ``planc check`` and ``planc build`` run it on
    every plan that compiled, so a target's findings appear wherever diagnostics do.
    """

    name: str
    emit: Callable[[Plan], Files]
    # optional: files for the whole build (relative to DIR), from every plan
    emit_index: Callable[[list[Plan]], Files] | None = None
    # the versioned artifact models it writes, "kind.vN" -> pydantic model (docs/schemas/<kind>.vN.json);
    # a function, so that `planc check` need not import the artifact models
    schemas: Callable[[], dict[str, Any]] = dict
    diagnose: Callable[[RuleContext], list[Diagnostic]] | None = None


_targets: list[Target] | None = None


def all_targets() -> list[Target]:
    global _targets
    if _targets is None:
        found = []
        for module in sorted(pkgutil.iter_modules(__path__), key=lambda mod: mod.name):
            if not module.ispkg:
                continue
            package = importlib.import_module(f"{__name__}.{module.name}")
            target = getattr(package, "TARGET", None)
            if isinstance(target, Target):
                found.append(target)
        _targets = found
    return list(_targets)
