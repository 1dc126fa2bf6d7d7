"""Handlers of the plan block, includes, citations, notes, numbering and acknowledgements."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from compiler import model as m
from compiler.build.handlers import handles, paragraphs
from diagnostics import Label, Span
from dsl.syntax import Statement

if TYPE_CHECKING:
    from compiler.build.core import Builder, Ctx


@handles("plan", "file")
def plan(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    if b.plan_span is not None:
        b.emit("M008", "a plan may have only one `plan` block", stmt.keyword_span,
               labels=(Label(b.plan_span, "the plan is declared here"),))
        return
    if len(ctx.chain) > 1:
        b.emit("M008", "an included file cannot declare a `plan`", stmt.keyword_span,
               hint="a plan file includes its parts; the parts hold no `plan` block")
        return
    b.plan_span = stmt.span
    b.plan_fields["id"] = v["id"]
    b.walk_block(stmt, ctx, b.child(ctx, "plan", None, stmt))


@handles("include", "file", "annex")
def include(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    assert ctx.path is not None
    span = stmt.args[0].span
    target = b.loader.resolve_include(ctx.path, v["path"], b.root, span, ctx.chain)
    if target is None:
        return
    included = b.loader.load(target, cited_at=span)
    if included is None or not included.ok:
        return
    b.register_file(target, included)
    sub = type(ctx)(ctx.name, ctx.obj, ctx.section, ctx.annex, ctx.level, target, ctx.chain + [target], ctx.block_span,
                    ctx.seen)
    b.walk(included.statements, sub)


def _plan_value(keyword: str, key: str, slot: str) -> None:
    """A plan-block statement that sets one field of the plan from one argument."""

    def handler(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
        b.plan_fields[key] = v[slot]

    handles(keyword, "plan")(handler)


for _keyword, _key, _slot in (("title", "title", "title"), ("doc_no", "doc_no", "doc_no"), ("issuer", "issuers", "issuers"),
                              ("issued", "issued", "date"), ("published", "published", "date"),
                              ("notice_title", "notice_title", "title"), ("punctuation", "punctuation", "width")):
    _plan_value(_keyword, _key, _slot)


def _plan_list(key: str, slot: str, split: bool = False) -> None:
    """A plan-block statement whose lines or paragraphs add to a list of the plan."""

    def handler(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
        b.plan_fields.setdefault(key, []).extend(paragraphs(v[slot]) if split else v[slot])

    handles(key, "plan")(handler)


_plan_list("recipients", "names")
_plan_list("notice", "text", split=True)
_plan_list("signature", "lines")
_plan_list("copy_to", "lines")


@handles("period", "plan")
def period(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    b.plan_fields["period_span"] = stmt.args[0].span
    b.plan_fields["period"] = tuple(v["years"])


@handles("preamble", "plan")
def plan_preamble(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    b.plan_fields.setdefault("preamble", []).extend(paragraphs(v["text"]))


@handles("preamble", "annex")
def annex_preamble(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    ctx.obj.preamble.extend(paragraphs(v["text"]))


@handles("closing", "plan")
def plan_closing(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    b.plan_fields.setdefault("closing", []).extend(paragraphs(v["text"]))


@handles("closing", "annex")
def annex_closing(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    ctx.obj.closing.extend(paragraphs(v["text"]))


@handles("owner_style", "plan")
def plan_owner_style(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    b.plan_fields["owner_style"] = v["style"]


@handles("owner_separator", "plan")
def plan_owner_separator(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    b.plan_fields["owner_separator"] = v["mark"]


@handles("owner_separator", "annex", "section")
def block_owner_separator(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    ctx.obj.owner_separator = v["mark"]


@handles("owner_group", "plan")
def plan_owner_group(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    b.refer_all(ctx, stmt, "units", v, b.plan_fields.setdefault("owner_groups", []))


@handles("owner_group", "annex", "section")
def block_owner_group(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    b.refer_all(ctx, stmt, "units", v, ctx.obj.owner_groups)


@handles("owner_style", "annex", "section", "action")
def block_owner_style(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    ctx.obj.owner_style = v["style"]


@handles("printed", "plan")
def printed(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    b.plan_fields["printed"] = m.Printed(office=v["office"], date=v["date"])


@handles("annex_list", "plan")
def annex_list(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    b.plan_fields["annex_list"] = True


@handles("cite", "file", "plan")
def cite(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    if b.define("citation", v["id"], stmt, v["title"]):
        b.cites.append(m.Citation(id=v["id"], title=v["title"], doc_no=v.get("doc_no"), source=b.src(stmt.span)))


@handles("numbering", "plan")
def plan_numbering(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    b.plan_numbering = _numbering(v)


@handles("numbering", "section", "annex", "action")
def block_numbering(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    ctx.obj.numbering = _numbering(v)


def _numbering(v: dict[str, Any]) -> m.Numbering:
    return m.Numbering(style=v.get("style"), continue_from_previous=bool(v.get("continue")),
                       through=list(dict.fromkeys(v.get("through") or [])))


@handles("note", "plan")
def plan_note(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    b.plan_fields.setdefault("notes", []).append(v["text"])


@handles("note", "section", "annex", "action", "metric", "cadence", "deadline")
def block_note(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    ctx.obj.notes.append(v["text"])


@handles("ack")
def ack(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    scope = ctx.block_span
    if scope is None:  # top level: the whole file
        scope = Span(stmt.span.file, 1, 1, 10**9, 1)
    acknowledgement = m.Acknowledgement(code=v["code"], reason=v["reason"], source=b.src(stmt.span))
    b.acks.append((acknowledgement, scope))
