"""Syntax → model: the builder core (:mod:`.core`) and the statements' handlers (:mod:`.handlers`)."""

from __future__ import annotations

from compiler.build.core import Builder, Ctx, Defined, Reference, context_words

__all__ = ["Builder", "Ctx", "Defined", "Reference", "context_words"]
