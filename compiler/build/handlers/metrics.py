"""Handlers of metrics and their targets."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from compiler import model as m
from compiler.build.handlers import handles, number_text
from compiler.vocab import FIRMNESS_ZH
from diagnostics import Span
from dsl import syntax
from dsl.syntax import Statement

if TYPE_CHECKING:
    from compiler.forms import Measure, When
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


@handles("follow_up", "metric")
def follow_up(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    b.refer_all(ctx, stmt, "units", v, ctx.obj.follow_up)


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
    flagged: m.Firmness | None = "must" if v.get("must") else ("strive" if v.get("strive") else None)
    figure: Measure | None = v.get("value")
    op = v.get("op")
    firmness: m.Firmness = flagged or "stated"
    if figure is not None and figure.firmness is not None:
        if flagged is not None and flagged != figure.firmness:
            b.emit("M002", f"the figure says {FIRMNESS_ZH[figure.firmness]}, the flag `{flagged}` says otherwise",
                   v["_value_spans"][0], hint="keep one of them")
        firmness = cast(m.Firmness, figure.firmness)
    if figure is not None and figure.op is not None and op is not None and op != figure.op:
        b.emit("M014", f"the comparator `{op}` and the words of `{figure.written}` say different things",
               v["_op_spans"][0], hint="keep one of them")
    comparator = cast(m.Comparator, op or (figure.op if figure else None) or ("=" if figure is None else ">="))
    written = m.Target(op=comparator,
                       firmness=firmness, source=b.src(stmt.span))
    if figure is not None:
        written.value = number_text(figure.low)
        written.value_max = number_text(figure.high) if figure.high is not None else None
        written.unit = figure.unit or None
        written.written = figure.written
        from compiler.forms import written_with_word  # forms load with the first figure that has words

        word = _op_word(stmt, v)
        if word is not None and written.written is None:  # `target 以上 500家` prints as 500家以上
            written.written = written_with_word(word, _raw(stmt, v["_value_spans"][0]))
    elif not v.get("done"):
        b.emit("M009", "a target needs a value, or `done` for a yes/no target", stmt.span,
               hint="e.g. `target >= 51.01万户 by 2025` or `target done by 2025`")
        return
    by: When | None = v.get("by")
    if by is not None:
        if by.year is None:
            b.emit("M014", f"`{by.written}` has no year: a target is due once", v["_by_spans"][0],
                   hint="give the year, e.g. `by 2025年底前`, or use `each_year`")
        else:
            try:
                written.by = by.date()
            except ValueError:
                pass  # already reported as M010
            written.by_written = by.written or None
    written.from_year = v.get("from")
    written.until_year = v.get("until")
    written.base_year = v.get("base_year")
    written.each_year = bool(v.get("each_year"))
    written.condition = v.get("conditional")
    declared.targets.append(written)


def _raw(stmt: Statement, span: Span) -> str:
    return next(a.raw for a in stmt.args if a.span == span)


def _op_word(stmt: Statement, v: dict[str, Any]) -> str | None:
    """The comparator word the target was written with (以上, 不少于), None for a symbol or none."""
    spans = v.get("_op_spans")
    if not spans:
        return None
    arg = next(a for a in stmt.args if a.span == spans[0])
    return arg.raw if arg.kind == syntax.NAME else None
