"""Handlers of the registries: units, people, committees and their members."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from compiler import model as m
from compiler.build.handlers import handles
from dsl.syntax import Statement

if TYPE_CHECKING:
    from compiler.build.core import Builder, Ctx


@handles("unit", "file")
def unit(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    declared = m.Unit(id=v["id"], name=v.get("name") or v["id"], kind=v.get("kind"), source=b.src(stmt.span))
    for group in v.get("aka", []):
        declared.aliases.extend(group)
    if v.get("parent"):
        b.refer(ctx, stmt, "parent", v["parent"], stmt.span, declared, "parent")
    if stmt.block:
        b.walk(stmt.block, b.child(ctx, "unit", declared, stmt))
    declared.aliases = list(dict.fromkeys(a for a in declared.aliases if a != declared.name))
    if b.define("unit", declared.id, stmt, declared.name, *declared.aliases):
        b.units.append(declared)


@handles("unit", "metric", "fact")
def measurement_unit(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    ctx.obj.unit = v["unit"]


@handles("unit", "person")
def person_unit(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    b.refer(ctx, stmt, "unit", v["unit"], stmt.args[0].span, ctx.obj, "unit")


@handles("aka", "unit", "metric")
def aka(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    ctx.obj.aliases.extend(v["aliases"])


@handles("kind", "unit", "cadence")
def kind(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    ctx.obj.kind = v["kind"]


@handles("person", "file")
def person(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    declared = m.Person(id=v["id"], name=v.get("name") or v["id"], role=v.get("role"), source=b.src(stmt.span))
    if v.get("unit"):
        b.refer(ctx, stmt, "unit", v["unit"], stmt.span, declared, "unit")
    if stmt.block:
        b.walk(stmt.block, b.child(ctx, "person", declared, stmt))
    if b.define("person", declared.id, stmt, declared.name):
        b.people.append(declared)


@handles("role", "person")
def role(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    ctx.obj.role = v["role"]


@handles("committee", "file", "annex")
def committee(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    declared = m.Committee(id=v["id"], name=v["name"], source=b.src(stmt.span))
    b.walk_block(stmt, ctx, b.child(ctx, "committee", declared, stmt))
    if b.define("committee", declared.id, stmt, declared.name):
        b.committees.append(declared)
        if ctx.name == "annex":  # the annex prints the roster where the committee is written
            declared.annex = ctx.obj.id
            ctx.obj.content.append(m.ContentItem(kind="committee", ref=declared.id))


@handles("member", "committee")
def committee_member(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    for name, span in zip(v["members"], v["_members_spans"]):
        member = m.CommitteeMember(person=name, position=v.get("as"))
        ctx.obj.members.append(member)
        b.refer(ctx, stmt, "members", name, span, member, "person")


@handles("member", "formula", "group")
def assessed_member(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    b.refer_all(ctx, stmt, "members", v, ctx.obj.members)
