"""The diagnostic model: what every stage reports instead of raising.

A diagnostic has a stable code (a letter for the stage plus three digits), a
severity, a one-line message, a primary span, optional labelled secondary
spans and a hint. Codes are defined once, with their documentation, in
:mod:`diagnostics.codes`; :func:`make` looks the code up so a message can never be
emitted under an undeclared code.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True)
class Span:
    """A range in a source file. Lines and columns are 1-based; columns count characters."""

    file: str
    line: int
    column: int
    end_line: int
    end_column: int
    # a spreadsheet position (`Sheet!C7`), printed instead of line:column; line and column are then the
    # cell's row and column numbers
    cell: str | None = None

    def where(self) -> str:
        """`file:line:column`, or `file.xlsx:Sheet!C7` for a spreadsheet cell."""
        return f"{self.file}:{self.cell}" if self.cell else f"{self.file}:{self.line}:{self.column}"

    @staticmethod
    def point(file: str, line: int = 1, column: int = 1) -> Span:
        return Span(file, line, column, line, column + 1)

    def contains(self, other: Span) -> bool:
        if self.file != other.file:
            return False
        return (self.line, self.column) <= (other.line, other.column) and (
            other.end_line,
            other.end_column,
        ) <= (self.end_line, self.end_column)


@dataclass(frozen=True, slots=True)
class Label:
    """A secondary span with a short explanation ("first defined here")."""

    span: Span
    message: str


@dataclass(slots=True)
class Diagnostic:
    """One finding of a stage: code, severity, message, primary span, labelled secondary spans and a hint, and the reason when an `ack` covers it."""

    code: str
    severity: Severity
    message: str
    span: Span | None
    hint: str | None = None
    labels: tuple[Label, ...] = ()
    acknowledged: str | None = None  # the reason, when an `ack` statement covers it

    def sort_key(self) -> tuple[str, int, int, str]:
        if self.span is None:
            return ("", 0, 0, self.code)
        return (self.span.file, self.span.line, self.span.column, self.code)


def make(
    code: str,
    message: str,
    span: Span | None,
    *,
    hint: str | None = None,
    labels: tuple[Label, ...] = (),
) -> Diagnostic:
    """Build a diagnostic for a registered code; the code sets the severity and default hint."""
    from diagnostics.codes import lookup

    info = lookup(code)
    return Diagnostic(
        code=code,
        severity=info.severity,
        message=message,
        span=span,
        hint=hint if hint is not None else info.hint,
        labels=labels,
    )


def has_errors(diagnostics: list[Diagnostic]) -> bool:
    return any(d.severity is Severity.ERROR and not d.acknowledged for d in diagnostics)
