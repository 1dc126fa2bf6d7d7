"""The catalogue of diagnostic codes.

Each module in this package declares the codes of one stage with :func:`code`,
together with the documentation that ``planc explain`` prints and that
``docs/diagnostics.md`` is generated from. Modules are discovered, so a new
stage adds a file here without touching any other.

Code letters: ``F`` files and input (I/O, encoding, includes), ``P`` syntax,
``M`` statement shape (model building), ``R`` name resolution, ``V``
validation, ``D`` data files read by ``evaluate`` and ``score``, ``S``
schedules, ``K`` scoring. Retired codes are never reused.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from dataclasses import dataclass

from diagnostics import Severity

CODE_PATTERN = re.compile(r"^[FPMRVDSK]\d{3}$")


@dataclass(frozen=True)
class CodeInfo:
    """One diagnostic code's registry entry: its severity and the text `planc explain` shows."""

    code: str
    name: str  # kebab-case slug, e.g. "unknown-unit"
    severity: Severity
    summary: str  # one line: what it catches
    why: str  # why it matters
    example: str  # a snippet that triggers it
    fix: str  # how to fix that snippet
    hint: str | None = None  # default hint attached to the diagnostic


_REGISTRY: dict[str, CodeInfo] = {}
_loaded = False


def code(
    code: str,
    name: str,
    severity: Severity | str,
    summary: str,
    *,
    why: str,
    example: str,
    fix: str,
    hint: str | None = None,
) -> str:
    """Declare a diagnostic code. Returns the code so modules can bind constants."""
    if not CODE_PATTERN.match(code):
        raise ValueError(f"malformed diagnostic code {code!r}")
    if code in _REGISTRY:
        raise ValueError(f"diagnostic code {code} declared twice")
    _REGISTRY[code] = CodeInfo(
        code=code,
        name=name,
        severity=Severity(severity),
        summary=summary,
        why=why,
        example=example,
        fix=fix,
        hint=hint,
    )
    return code


def _load_all() -> None:
    global _loaded
    if _loaded:
        return
    _loaded = True
    for module in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        importlib.import_module(f"{__name__}.{module.name}")


def lookup(code_: str) -> CodeInfo:
    if code_ not in _REGISTRY:
        _load_all()
    return _REGISTRY[code_]


def all_codes() -> list[CodeInfo]:
    _load_all()
    return [_REGISTRY[c] for c in sorted(_REGISTRY)]
