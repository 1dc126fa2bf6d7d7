"""The statements' handlers: one function per (context, statement) of the statement table.

A handler receives the builder, the statement, its matched argument values and the
context, and fills the model. The modules here are grouped by domain (metadata,
registries, structure, metrics, machinery, scoring); each registers its handlers with
:func:`handles`. ``tests/compiler/test_statements.py`` holds this registry and the
statement table to each other: every (context, statement) has exactly one handler.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from compiler.build.core import Builder, Ctx
    from dsl.syntax import Statement

Handler = Callable[["Builder", "Statement", dict[str, Any], "Ctx"], None]
HANDLERS: dict[tuple[str, str], Handler] = {}


def handles(keyword: str, *contexts: str) -> Callable[[Handler], Handler]:
    """Register a handler for ``keyword`` in each of ``contexts`` (default: every context the table gives it)."""
    if not contexts:
        from compiler.statements import SPEC_BY_CONTEXT

        contexts = tuple(c for (c, k) in SPEC_BY_CONTEXT if k == keyword)

    def register(function: Handler) -> Handler:
        for context in contexts:
            if (context, keyword) in HANDLERS:
                raise ValueError(f"two handlers for `{keyword}` in {context}")
            HANDLERS[(context, keyword)] = function
        return function

    return register


def paragraphs(text: str) -> list[str]:
    """A text block's paragraphs: its non-blank lines."""
    return [p for p in text.split("\n") if p.strip()]


def number_text(value: Any) -> str:
    """A number as the model keeps it: the text of the Decimal it was read as (8.50 stays 8.50)."""
    return str(value)


# imported for their registrations (after HANDLERS exists)
from compiler.build.handlers import machinery, metadata, metrics, registries, rubric, scoring, structure  # noqa: E402, F401
