"""Handlers of the document's structure: sections, annexes, actions, their text, form and owners."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from compiler import model as m
from compiler.build.handlers import handles, paragraphs
from dsl.syntax import Statement

if TYPE_CHECKING:
    from compiler.build.core import Builder, Ctx


@handles("section", "file", "section", "annex")
def section(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    parent = ctx.obj.id if ctx.name in ("section", "annex") else None
    declared = m.Section(
        id=v["id"], number="", title=v["title"], parent=parent, annex=ctx.annex, level=ctx.level + 1,
        source=b.src(stmt.span),
    )
    if not b.define("structure", declared.id, stmt):
        return
    b.sections.append(declared)
    b.content(ctx).append(m.ContentItem(kind="section", ref=declared.id))
    b.walk_block(stmt, ctx, b.child(ctx, "section", declared, stmt, section=declared.id, level=ctx.level + 1))


@handles("annex", "file")
def annex(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    declared = m.Section(id=v["id"], kind="annex", number="", title=v["title"], annex=v["id"], level=0,
                         source=b.src(stmt.span))
    if not b.define("structure", declared.id, stmt):
        return
    b.sections.append(declared)
    b.plan_content.append(m.ContentItem(kind="section", ref=declared.id))
    b.walk_block(stmt, ctx, b.child(ctx, "annex", declared, stmt, section=declared.id, annex=declared.id, level=0))


@handles("action", "section", "annex", "action")
def action(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    parent = ctx.obj.id if ctx.name == "action" else None
    declared = m.Action(
        id=v["id"], section=ctx.section, parent=parent, number="", title=v.get("title"), source=b.src(stmt.span)
    )
    if not b.define("structure", declared.id, stmt):
        return
    b.actions.append(declared)
    b.content(ctx).append(m.ContentItem(kind="action", ref=declared.id))
    if ctx.name == "action":
        ctx.obj.children.append(declared.id)
    b.walk_block(stmt, ctx, b.child(ctx, "action", declared, stmt, level=ctx.level + 1))
    if declared.owners_verbatim is not None:
        _check_owner_text(b, declared, stmt)


def _check_owner_text(b: Builder, declared: m.Action, stmt: Statement) -> None:
    """`owner_text` must name every owner of the action, as written and in order."""
    span = next((s.span for s in stmt.block or [] if s.keyword == "owner_text"), stmt.span)
    text = declared.owners_verbatim or ""
    if not declared.owners:
        b.emit("M013", f"action `{declared.id}` has `owner_text` but no owners", span,
               hint="declare the owners it prints with `lead`, `responsible`, `co` or `lead_leader`")
        return
    at = 0
    for owner in declared.owners:
        found = text.find(owner.as_written, at)
        if found < 0:
            where = "after the owners before it" if text.find(owner.as_written) >= 0 else "at all"
            b.emit("M013", f"`owner_text` of action `{declared.id}` does not name `{owner.as_written}` {where}",
                   span, hint="print every owner as written, in the order the owner statements give them")
            return
        at = found + len(owner.as_written)


@handles("text")
def text(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    obj = ctx.obj
    written = paragraphs(v["text"])
    obj.text.extend(written)
    if hasattr(obj, "content"):
        obj.content.extend(m.ContentItem(kind="text", text=p) for p in written)


@handles("form", "action", "section")
def form(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    ctx.obj.form = v["form"]


# ---- owners ------------------------------------------------------------------------


def _owners(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx, slot: str, role: str) -> None:
    """Owners of an action in one role; each a reference that sets the owner's id and kind (unit or person)."""
    expect = "person" if role == "lead_leader" else "unit"
    for name, span in zip(v[slot], v[f"_{slot}_spans"]):
        owner = m.OwnerRef(role=role, kind=expect, id=name, as_written=name)  # type: ignore[arg-type]
        ctx.obj.owners.append(owner)
        b.refer(ctx, stmt, slot, name, span, owner, "id", kind_key="kind")


@handles("lead_leader", "action")
def lead_leader(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    _owners(b, stmt, v, ctx, "people", "lead_leader")


@handles("lead", "action")
def lead(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    _owners(b, stmt, v, ctx, "units", "lead")


@handles("co", "action")
def co(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    _owners(b, stmt, v, ctx, "units", "co")


@handles("responsible", "action")
def responsible(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    _owners(b, stmt, v, ctx, "units", "responsible")


@handles("owner_wording", "action")
def owner_wording(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    ctx.obj.owner_wording = m.OwnerWording(template=v["template"], keep_brackets=bool(v.get("keep_brackets")))


@handles("owner_text", "action")
def owner_text(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    ctx.obj.owners_verbatim = v["text"]


@handles("co", "deadline")
def deadline_co(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    b.refer_all(ctx, stmt, "units", v, ctx.obj.co_units)


@handles("owner", "cadence", "deadline")
def owner(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    b.refer_all(ctx, stmt, "owners", v, ctx.obj.owners)
