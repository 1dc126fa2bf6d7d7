"""Handlers of the assessment method: the scoring block, formulas, groups, tables, blends, adjustments."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from compiler import model as m
from compiler.build.handlers import handles, number_text
from dsl.keywords import WORD_BY_SPELLING
from dsl.syntax import Statement

if TYPE_CHECKING:
    from compiler.build.core import Builder, Ctx


@handles("scoring", "file")
def scoring(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    if b.scoring is not None:
        b.emit("M008", "a plan may have only one `scoring` block", stmt.keyword_span)
        return
    declared = m.Scoring(id=v["id"], title=v["title"], source=b.src(stmt.span))
    b.scoring = declared
    b.walk_block(stmt, ctx, b.child(ctx, "scoring", declared, stmt))


@handles("every", "scoring")
def scoring_every(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    ctx.obj.every = v["unit"]


@handles("scale", "scoring")
def scale(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    ctx.obj.scale = number_text(v["points"])


@handles("fact", "scoring")
def fact(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    declared = m.Fact(id=v["id"], name=v.get("name") or v["id"], unit=v.get("unit"), source=b.src(stmt.span))
    if b.define("fact", declared.id, stmt, declared.name):
        ctx.obj.facts.append(declared)


@handles("formula", "scoring")
def formula(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    declared = m.Formula(id=v["id"], title=v.get("title"), source=b.src(stmt.span))
    b.walk_block(stmt, ctx, b.child(ctx, "formula", declared, stmt))
    if b.define("formula", declared.id, stmt):
        ctx.obj.formulas.append(declared)


@handles("component", "formula")
def component(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    if v.get("max") is None:
        b.emit("M001", "a component needs its maximum points: `max N`", stmt.span, hint="e.g. `component 工信局 max 25`")
        return
    declared = m.Component(evaluator=v["evaluator"], max=number_text(v["max"]))
    ctx.obj.components.append(declared)
    b.refer(ctx, stmt, "evaluator", v["evaluator"], stmt.args[0].span, declared, "evaluator")


@handles("group", "scoring")
def group(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    declared = m.Group(id=v["id"], title=v.get("title"), source=b.src(stmt.span))
    b.walk_block(stmt, ctx, b.child(ctx, "group", declared, stmt))
    if b.define("group", declared.id, stmt, declared.title or ""):
        ctx.obj.groups.append(declared)


@handles("period_weights", "group")
def period_weights(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    ctx.obj.period_weights = [number_text(w) for w in v["weights"]]


@handles("weight", "group")
def group_weight(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    ctx.obj.weight = number_text(v["points"])


@handles("weight", "scoring")
def completion_weight(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    item = m.CompletionItem(metric=v["metric"], points=number_text(v["points"]), source=b.src(stmt.span))
    ctx.obj.completion.append(item)
    b.refer(ctx, stmt, "metric", v["metric"], stmt.args[0].span, item, "metric")


@handles("credit", "scoring")
def credit(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    ctx.obj.credits.append(m.Credit(status=v["status"], share=number_text(v["share"]), source=b.src(stmt.span)))


@handles("rank_points", "scoring")
def rank_table(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    if not v.get("shares"):
        b.emit("M001", "a rank table needs the share for each rank: `rank_points ID 100% 90% …`", stmt.span)
        return
    table = m.RankTable(id=v["id"], shares=[number_text(s) for s in v["shares"]], source=b.src(stmt.span))
    if b.define("rank_table", table.id, stmt):
        ctx.obj.rank_tables.append(table)


@handles("rank_points", "group")
def group_rank_points(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    ctx.obj.rank_points = v["table"]
    b.refer(ctx, stmt, "table", v["table"], stmt.args[0].span, ctx.obj, "rank_points")


@handles("grades", "scoring")
def grade_table(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    table = m.GradeTable(id=v["id"], source=b.src(stmt.span))
    b.walk_block(stmt, ctx, b.child(ctx, "grades", table, stmt))
    if b.define("grade_table", table.id, stmt):
        ctx.obj.grade_tables.append(table)


@handles("grades", "group")
def group_grades(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    ctx.obj.grades = v["table"]
    b.refer(ctx, stmt, "table", v["table"], stmt.args[0].span, ctx.obj, "grades")


@handles("grade", "grades")
def grade(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    quota = v.get("quota")
    if v.get("points") is None:
        b.emit("M001", "a grade needs its share of the weight: `points N%`", stmt.span)
        return
    ctx.obj.grades.append(
        m.Grade(name=v["name"], quota=None if quota in (None, "rest") else int(quota), share=number_text(v["points"]))
    )


@handles("rounding", "grades")
def rounding(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    ctx.obj.rounding = v["rule"]
    if v.get("cumulative"):
        ctx.obj.quota_method = "cumulative"


@handles("blend", "scoring")
def blend(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    if v.get("self") is None or not v.get("with"):
        b.emit("M001", "a blend needs `self N%` and at least one `with UNIT N%`", stmt.span,
               hint="e.g. `blend 发改委 self 85% with 供电公司 15%`")
        return
    declared = m.Blend(unit=v["unit"], self_share=number_text(v["self"]), source=b.src(stmt.span))
    b.refer(ctx, stmt, "unit", v["unit"], stmt.args[0].span, declared, "unit")
    for (unit_name, share), span in zip(v["with"], v["_with_spans"]):
        blend_part = m.BlendPart(unit=unit_name, share=number_text(share))
        declared.parts.append(blend_part)
        b.refer(ctx, stmt, "with_unit", unit_name, span, blend_part, "unit")
    ctx.obj.blends.append(declared)


def _condition(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx, what: str) -> m.Condition | None:
    if v.get("when") is None:
        b.emit("M001", f"an {what} needs a condition: `when FACT OP VALUE`", stmt.span,
               hint="e.g. `when 政策兑现率 < 90%`")
        return None
    fact_name, op, (value, _high, unit) = v["when"]
    condition = m.Condition(fact=fact_name, op=op, value=number_text(value), unit=unit or None)
    b.refer(ctx, stmt, "fact", fact_name, v["_when_spans"][0], condition, "fact")
    return condition


def _applies(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx, obj: Any) -> None:
    for name, span in zip(v.get("applies", []), v.get("_applies_spans", [])):
        if WORD_BY_SPELLING.get(name) == "all":
            continue
        obj.applies.append(name)
        b.refer(ctx, stmt, "groups", name, span, obj.applies, len(obj.applies) - 1)


@handles("adjust", "scoring")
def adjust(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    condition = _condition(b, stmt, v, ctx, "adjustment")
    if condition is None:
        return
    if v.get("then") is None:
        b.emit("M001", "an adjustment needs its points: `then -3`", stmt.span)
        return
    declared = m.Adjustment(id=v["id"], title=v.get("title"), when=condition, points=number_text(v["then"]),
                            on=v.get("on") or "points", source=b.src(stmt.span))
    _applies(b, stmt, v, ctx, declared)
    if stmt.block:
        b.walk(stmt.block, b.child(ctx, "adjust", declared, stmt))
    if b.define("adjustment", declared.id, stmt):
        ctx.obj.adjustments.append(declared)


@handles("override", "scoring")
def override(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    condition = _condition(b, stmt, v, ctx, "override")
    if condition is None:
        return
    declared = m.Override(id=v["id"], title=v.get("title"), when=condition, source=b.src(stmt.span))
    _applies(b, stmt, v, ctx, declared)
    if stmt.block:
        b.walk(stmt.block, b.child(ctx, "override", declared, stmt))
    if b.define("override", declared.id, stmt):
        ctx.obj.overrides.append(declared)


@handles("flag", "scoring")
def flag(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    declared = m.Flag(id=v["id"], title=v.get("title"), source=b.src(stmt.span))
    if v.get("top") is not None:
        if v.get("lowest") or v["top"] < 1 or v["top"] != int(v["top"]):
            b.emit("M002", "a flag is either `lowest` or `top N` with a whole N ≥ 1", stmt.span)
            return
        declared.rule = "top"
        declared.count = int(v["top"])
    _applies(b, stmt, v, ctx, declared)
    if stmt.block:
        b.walk(stmt.block, b.child(ctx, "flag", declared, stmt))
    if b.define("flag", declared.id, stmt):
        ctx.obj.flags.append(declared)


@handles("ties", "scoring")
def ties(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    ctx.obj.ties = v["rule"]
