"""Handlers of metrics and their targets."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from compiler import model as m
from compiler.build.handlers import handles, number_text
from dsl.syntax import Statement

if TYPE_CHECKING:
    from compiler.build.core import Builder, Ctx


@handles("metric", "file", "section", "annex", "action")
def metric(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    declared = m.Metric(
        id=v["id"], name=v["name"], unit=v.get("unit"), kind=v.get("kind") or "level", base_year=v.get("base_year"),
        section=ctx.section, source=b.src(stmt.span),
    )
    if ctx.name == "action":
        declared.action = ctx.obj.id
        ctx.obj.metrics.append(declared.id)
    if ctx.name != "file":
        b.content(ctx).append(m.ContentItem(kind="metric", ref=declared.id))
    if stmt.block:
        b.walk(stmt.block, b.child(ctx, "metric", declared, stmt))
    declared.target = declared.targets[0] if declared.targets else None
    if b.define("metric", declared.id, stmt, declared.name, *declared.aliases):
        b.metrics.append(declared)


@handles("lead", "metric")
def metric_lead(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    b.refer_all(ctx, stmt, "units", v, ctx.obj.owners)


@handles("base", "metric")
def base(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    ctx.obj.base_year = v["year"]
    if v.get("value") is None:
        return
    low, high, unit = v["value"]
    declared: m.Metric = ctx.obj
    if high is not None:
        b.emit("M002", "a base value is one number, not a range", stmt.args[1].span)
        return
    if unit and declared.unit and unit != declared.unit:
        b.emit("V003", f"base value in {unit} for metric `{declared.id}` measured in {declared.unit}",
               stmt.args[1].span, hint=f"write the base value in {declared.unit}")
        return
    declared.base_value = number_text(low)


@handles("adds_to", "metric")
def adds_to(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    ctx.obj.adds_to = v["metric"]
    b.refer(ctx, stmt, "metric", v["metric"], stmt.args[0].span, ctx.obj, "adds_to")


@handles("part", "metric")
def part(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    b.refer_all(ctx, stmt, "metrics", v, ctx.obj.parts)


@handles("target", "metric")
def target(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    declared: m.Metric = ctx.obj
    firmness: m.Firmness = "must" if v.get("must") else ("strive" if v.get("strive") else "stated")
    value = v.get("value")
    op = v.get("op")
    written = m.Target(op=op or ("=" if value is None else ">="), firmness=firmness, source=b.src(stmt.span))
    if value is not None:
        low, high, unit = value
        written.value = number_text(low)
        written.value_max = number_text(high) if high is not None else None
        written.unit = unit or None
    elif not v.get("done"):
        b.emit("M009", "a target needs a value, or `done` for a yes/no target", stmt.span,
               hint="e.g. `target >= 51.01万户 by 2025` or `target done by 2025`")
        return
    by = v.get("by")
    if isinstance(by, int):
        written.by = dt.date(by, 12, 31)
    elif isinstance(by, dt.date):
        written.by = by
    written.from_year = v.get("from")
    written.until_year = v.get("until")
    written.base_year = v.get("base_year")
    written.each_year = bool(v.get("each_year"))
    declared.targets.append(written)

