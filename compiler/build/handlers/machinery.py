"""Handlers of the plan's machinery: cadences (recurring meetings, reports) and deadlines."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from compiler import model as m
from compiler.build.handlers import handles
from compiler.vocab import TIMINGS
from dsl.syntax import Statement

if TYPE_CHECKING:
    from compiler.forms import When
    from compiler.build.core import Builder, Ctx

@handles("cadence")
def cadence(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    declared = m.Cadence(id=v["id"], title=v["title"], every="year", source=b.src(stmt.span))
    b.attach(ctx, "cadence", declared)
    if not b.walk_block(stmt, ctx, b.child(ctx, "cadence", declared, stmt)):
        return
    if b.define("cadence", declared.id, stmt, declared.title):
        b.cadences.append(declared)


@handles("every", "cadence")
def cadence_every(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    declared = ctx.obj
    if v["unit"] in TIMINGS:
        if v.get("interval") is not None or v.get("at_least"):
            b.emit("M002", f"`{stmt.args[-1].raw}` has no frequency to count or bound", stmt.span,
                   hint="write the word alone, e.g. `every regularly`")
        declared.every, declared.timing = None, v["unit"]
        return
    declared.every = v["unit"]
    interval = v.get("interval")
    if interval is not None and (interval != interval.to_integral_value() or interval < 1):
        # `every 0 week` cannot be scheduled, and `every 1.5 month` must not be truncated silently
        b.emit("S004", f"`every {interval}`: the interval must be a whole number of at least 1",
               stmt.args[0].span, hint="e.g. `every 2 week`")
        interval = None
    declared.interval = int(interval) if interval is not None else 1
    declared.at_least = bool(v.get("at_least"))


@handles("holiday", "cadence", "deadline")
def holiday(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    ctx.obj.holiday = v["policy"]


@handles("deadline")
def deadline(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    declared = m.Deadline(id=v["id"], title=v["title"], source=b.src(stmt.span))
    b.attach(ctx, "deadline", declared)
    if not b.walk_block(stmt, ctx, b.child(ctx, "deadline", declared, stmt)):
        return
    if b.define("deadline", declared.id, stmt, declared.title):
        b.deadlines.append(declared)


@handles("due", "deadline")
def due(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    when: When = v["when"]
    written = when.written or None
    if when.year is not None:
        if v.get("each_year") or v.get("next_year"):
            b.emit("M002", "a full date cannot repeat; give a month and day for `each_year`/`next_year`",
                   stmt.span, hint="e.g. `due each_year 03-31`")
            return
        try:
            ctx.obj.due.append(m.Due(kind="once", date=when.date(), written=written))
        except ValueError:
            pass  # reported as M010 by the argument's reader
        return
    if v.get("each_year") and when.next_year:
        b.emit("M002", "`each_year` contradicts `次年`", stmt.span, hint="keep one of them")
        return
    kind: Literal["yearly", "next_year"] = "next_year" if v.get("next_year") or when.next_year else "yearly"
    ctx.obj.due.append(m.Due(kind=kind, month=when.month, day=when.day, written=written))
