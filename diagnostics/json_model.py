"""The `planc check --format json` document (planc/diagnostics/v1) as a pydantic model.

The renderer (:func:`diagnostics.render.render_json`) writes plain dictionaries; this
model describes them, and its JSON Schema is committed as
``docs/schemas/diagnostics.v1.json`` through :func:`driver.schemas.schema_registry`.
A test validates the renderer's output against both.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

DIAGNOSTICS_SCHEMA: Literal["planc/diagnostics/v1"] = "planc/diagnostics/v1"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class DiagnosticSpan(_Model):
    """Where a diagnostic points: 1-based lines and columns; columns count characters; the end is exclusive."""

    file: str
    line: int = Field(ge=1)
    column: int = Field(ge=1)
    end_line: int = Field(ge=1)
    end_column: int = Field(ge=1)


class DiagnosticLabel(_Model):
    """A secondary place the diagnostic refers to ("first defined here")."""

    message: str
    file: str
    line: int = Field(ge=1)
    column: int = Field(ge=1)


class DiagnosticRecord(_Model):
    code: str = Field(pattern=r"^[A-Z]\d{3}$", description="stable code; `planc explain CODE` documents it")
    severity: Literal["error", "warning", "info"]
    message: str
    span: DiagnosticSpan | None = Field(description="null for diagnostics about the inputs as a whole")
    hint: str | None
    labels: list[DiagnosticLabel]
    acknowledged: str | None = Field(description="the reason given by the `ack` that covers this warning, if any")


class DiagnosticsDocument(_Model):
    """Every diagnostic of one `planc check` run, in the order they are reported."""

    schema_: Literal["planc/diagnostics/v1"] = Field(DIAGNOSTICS_SCHEMA, alias="schema")
    diagnostics: list[DiagnosticRecord]


SCHEMAS: dict[str, type[BaseModel]] = {"diagnostics.v1": DiagnosticsDocument}
