"""Build the model from syntax: match every statement against the statement table.

The builder does not resolve names; it records each reference with its span
(:class:`PendingRef`) for :mod:`compiler.resolve`, which fills in ids.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, cast

from compiler import model as m
from compiler.loader import Loader
from compiler.statements import SPEC_BY_CONTEXT, Spec, statements_in
from diagnostics import Diagnostic, Label, Span, make
from dsl import syntax
from dsl.keywords import COMPARATOR_BY_SPELLING, KEYWORD_BY_SPELLING, WORD_BY_SPELLING
from dsl.syntax import Arg, Statement, SyntaxFile

_CONTEXT_WORDS = {
    "file": "the top level of a file",
    "plan": "a plan block",
    "unit": "a unit block",
    "person": "a person block",
    "committee": "a committee block",
    "section": "a section",
    "annex": "an annex",
    "action": "an action",
    "metric": "a metric",
    "cadence": "a cadence",
    "deadline": "a deadline",
    "scoring": "a scoring block",
    "formula": "a formula",
    "group": "a group",
    "grades": "a grade table",
    "adjust": "an adjustment",
    "override": "an override",
    "flag": "a flag",
    "fact": "a fact",
}


def _context_words(context: str) -> str:
    return _CONTEXT_WORDS.get(context, f"a {context} block")


@dataclass
class PendingRef:
    """A name written in the source that must resolve to something of the expected kinds."""

    expect: tuple[str, ...]  # unit, person, metric, group, fact, rank_table, grade_table
    name: str
    span: Span
    assign: Callable[[str, str], None]  # (kind, id)


@dataclass
class Defined:
    """Something declared under an id (unit, person, metric, section …): where, and every name it answers to."""

    kind: str
    id: str
    span: Span
    names: tuple[str, ...]  # id, name, aliases: every spelling it answers to


@dataclass
class Ctx:
    """Where the builder is: the block being filled, the enclosing section, annex and level, and the chain of included files that led here."""

    name: str
    obj: Any = None
    section: str | None = None  # nearest enclosing section or annex id
    annex: str | None = None
    level: int = 0
    path: Path | None = None
    chain: list[Path] = field(default_factory=list)
    block_span: Span | None = None


def _source(span: Span, rel: Callable[[str], str]) -> m.Source:
    return m.Source(file=rel(span.file), line=span.line, column=span.column)


class Builder:
    """Builds one plan (an entry file and everything it includes)."""

    def __init__(self, loader: Loader, root: Path) -> None:
        self.loader = loader
        self.root = root.resolve()
        self.diagnostics: list[Diagnostic] = []
        self.refs: list[PendingRef] = []
        self.defined: dict[str, dict[str, Defined]] = {}
        self.files: list[str] = []
        self._display_to_rel: dict[str, str] = {}
        self.plan_fields: dict[str, Any] = {}
        self.plan_span: Span | None = None
        self.plan_content: list[m.ContentItem] = []
        self.plan_numbering = m.Numbering()
        self.cites: list[m.Citation] = []
        self.units: list[m.Unit] = []
        self.people: list[m.Person] = []
        self.committees: list[m.Committee] = []
        self.sections: list[m.Section] = []
        self.actions: list[m.Action] = []
        self.metrics: list[m.Metric] = []
        self.cadences: list[m.Cadence] = []
        self.deadlines: list[m.Deadline] = []
        self.scoring: m.Scoring | None = None
        self.acks: list[tuple[m.Acknowledgement, Span]] = []
        self._has_every: set[int] = set()
        # full spans of the constructs whose start the model records, for diagnostics
        self.spans: dict[tuple[str, int, int], Span] = {}

    # ---- plumbing ----------------------------------------------------

    def emit(self, code: str, message: str, span: Span | None, **kw: Any) -> None:
        self.diagnostics.append(make(code, message, span, **kw))

    def rel(self, display: str) -> str:
        return self._display_to_rel.get(display, display)

    def src(self, span: Span) -> m.Source:
        source = _source(span, self.rel)
        self.spans[(source.file, source.line, source.column)] = span
        return source

    def define(self, kind: str, id_: str, span: Span, *names: str) -> bool:
        table = self.defined.setdefault(kind, {})
        if id_ in table:
            first = table[id_]
            self.emit(
                "R001",
                f"{kind} `{id_}` is defined twice",
                span,
                labels=(Label(first.span, "first defined here"),),
                hint="give each a distinct id",
            )
            return False
        table[id_] = Defined(kind, id_, span, tuple(dict.fromkeys((id_,) + tuple(n for n in names if n))))
        return True

    def ref(self, expect: tuple[str, ...], arg_value: str, span: Span, assign: Callable[[str, str], None]) -> None:
        self.refs.append(PendingRef(expect, arg_value, span, assign))

    # ---- entry -------------------------------------------------------

    def build_file(self, path: Path, syntax_file: SyntaxFile) -> m.Plan | None:
        ctx = Ctx("file", path=path.resolve(), chain=[path.resolve()])
        self._register_file(path, syntax_file)
        self.walk(syntax_file.statements, ctx)
        return self.finish(syntax_file)

    def _register_file(self, path: Path, syntax_file: SyntaxFile) -> None:
        try:
            rel = path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            rel = path.name
        self._display_to_rel[syntax_file.path] = rel
        if rel not in self.files:
            self.files.append(rel)

    def walk(self, statements: list[Statement], ctx: Ctx) -> None:
        seen_once: dict[str, Statement] = {}
        for stmt in statements:
            spec = SPEC_BY_CONTEXT.get((ctx.name, stmt.keyword))
            if spec is None:
                self._not_allowed(stmt, ctx)
                continue
            if spec.once:
                if stmt.keyword in seen_once:
                    self.emit(
                        "M005",
                        f"`{stmt.spelled}` may appear only once in {_context_words(ctx.name)}",
                        stmt.keyword_span,
                        labels=(Label(seen_once[stmt.keyword].keyword_span, "first given here"),),
                    )
                    continue
                seen_once[stmt.keyword] = stmt
            if spec.block == "required" and stmt.block is None:
                self.emit("M006", f"`{stmt.spelled}` needs a block `{{ … }}`", stmt.span,
                          hint=f"for example:\n{spec.example}")
                continue
            if spec.block == "none" and stmt.block is not None:
                # reported, then the statement itself is still used: one mistake, one diagnostic
                self.emit("M007", f"`{stmt.spelled}` does not take a block", stmt.block_span or stmt.span)
            values = match_args(spec, stmt, self.diagnostics)
            if values is None:
                continue
            handler = getattr(self, f"on_{stmt.keyword}")
            handler(stmt, values, ctx)

    def _not_allowed(self, stmt: Statement, ctx: Ctx) -> None:
        places = sorted({c for (c, k) in SPEC_BY_CONTEXT if k == stmt.keyword})
        where = ", ".join(_context_words(p) for p in places)
        allowed = ", ".join(statements_in(ctx.name))
        self.emit(
            "M004",
            f"`{stmt.spelled}` is not allowed in {_context_words(ctx.name)}",
            stmt.keyword_span,
            hint=f"`{stmt.keyword}` belongs in {where}; here you may write: {allowed}" if where else None,
        )

    def child(self, ctx: Ctx, name: str, obj: Any, stmt: Statement, **kw: Any) -> Ctx:
        return Ctx(
            name,
            obj,
            section=kw.get("section", ctx.section),
            annex=kw.get("annex", ctx.annex),
            level=kw.get("level", ctx.level),
            path=ctx.path,
            chain=ctx.chain,
            block_span=stmt.span,
        )

    # ---- files and plan metadata -------------------------------------

    def on_plan(self, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
        if self.plan_span is not None:
            self.emit("M008", "a plan may have only one `plan` block", stmt.keyword_span,
                      labels=(Label(self.plan_span, "the plan is declared here"),))
            return
        if len(ctx.chain) > 1:
            self.emit("M008", "an included file cannot declare a `plan`", stmt.keyword_span,
                      hint="a plan file includes its parts; the parts hold no `plan` block")
            return
        self.plan_span = stmt.span
        self.plan_fields["id"] = v["id"]
        self.walk(stmt.block or [], self.child(ctx, "plan", None, stmt))

    def on_include(self, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
        assert ctx.path is not None
        span = stmt.args[0].span
        target = self.loader.resolve_include(ctx.path, v["path"], self.root, span, ctx.chain)
        if target is None:
            return
        included = self.loader.load(target, cited_at=span)
        if included is None or not included.ok:
            return
        self._register_file(target, included)
        sub = Ctx(ctx.name, ctx.obj, ctx.section, ctx.annex, ctx.level, target, ctx.chain + [target], ctx.block_span)
        self.walk(included.statements, sub)

    def _plan_value(self, key: str, value: Any) -> None:
        self.plan_fields[key] = value

    def on_title(self, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
        self._plan_value("title", v["title"])

    def on_doc_no(self, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
        self._plan_value("doc_no", v["doc_no"])

    def on_issuer(self, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
        self._plan_value("issuers", v["issuers"])

    def on_issued(self, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
        self._plan_value("issued", v["date"])

    def on_published(self, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
        self._plan_value("published", v["date"])

    def on_period(self, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
        start, end = v["years"]
        self.plan_fields["period_span"] = stmt.args[0].span
        self._plan_value("period", (start, end))

    def on_recipients(self, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
        self.plan_fields.setdefault("recipients", []).extend(v["names"])

    def on_notice_title(self, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
        self._plan_value("notice_title", v["title"])

    def on_notice(self, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
        self.plan_fields.setdefault("notice", []).extend(_paragraphs(v["text"]))

    def on_preamble(self, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
        if ctx.name == "annex":
            ctx.obj.preamble.extend(_paragraphs(v["text"]))
        else:
            self.plan_fields.setdefault("preamble", []).extend(_paragraphs(v["text"]))

    def on_closing(self, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
        if ctx.name == "annex":
            ctx.obj.closing.extend(_paragraphs(v["text"]))
        else:
            self.plan_fields.setdefault("closing", []).extend(_paragraphs(v["text"]))

    def on_signature(self, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
        self.plan_fields.setdefault("signature", []).extend(v["lines"])

    def on_owner_style(self, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
        if ctx.name == "plan":
            self._plan_value("owner_style", v["style"])
        else:
            ctx.obj.owner_style = v["style"]

    def on_copy_to(self, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
        self.plan_fields.setdefault("copy_to", []).extend(v["lines"])

    def on_printed(self, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
        self._plan_value("printed", m.Printed(office=v["office"], date=v["date"]))

    def on_annex_list(self, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
        self._plan_value("annex_list", True)

    def on_punctuation(self, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
        self._plan_value("punctuation", v["width"])

    def on_cite(self, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
        if self.define("citation", v["id"], stmt.span, v["title"]):
            self.cites.append(m.Citation(id=v["id"], title=v["title"], doc_no=v.get("doc_no"), source=self.src(stmt.span)))

    # ---- registries --------------------------------------------------

    def on_unit(self, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
        if ctx.name in ("metric", "fact"):
            ctx.obj.unit = v["unit"]
            return
        if ctx.name == "person":
            person: m.Person = ctx.obj
            def assign_unit(_kind: str, id_: str) -> None:
                person.unit = id_

            self.ref(("unit",), v["unit"], stmt.args[0].span, assign_unit)
            return
        unit = m.Unit(id=v["id"], name=v.get("name") or v["id"], kind=v.get("kind"), source=self.src(stmt.span))
        for group in v.get("aka", []):
            unit.aliases.extend(group)
        if v.get("parent"):
            self.ref(("unit",), v["parent"], stmt.span, lambda _k, i: setattr(unit, "parent", i))
        if stmt.block:
            self.walk(stmt.block, self.child(ctx, "unit", unit, stmt))
        unit.aliases = list(dict.fromkeys(a for a in unit.aliases if a != unit.name))
        if self.define("unit", unit.id, stmt.span, unit.name, *unit.aliases):
            self.units.append(unit)

    def on_aka(self, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
        ctx.obj.aliases.extend(v["aliases"])

    def on_kind(self, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
        ctx.obj.kind = v["kind"]

    def on_person(self, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
        person = m.Person(id=v["id"], name=v.get("name") or v["id"], role=v.get("role"), source=self.src(stmt.span))
        if v.get("unit"):
            self.ref(("unit",), v["unit"], stmt.span, lambda _k, i: setattr(person, "unit", i))
        if stmt.block:
            self.walk(stmt.block, self.child(ctx, "person", person, stmt))
        if self.define("person", person.id, stmt.span, person.name):
            self.people.append(person)

    def on_role(self, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
        ctx.obj.role = v["role"]

    def on_committee(self, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
        committee = m.Committee(id=v["id"], name=v["name"], source=self.src(stmt.span))
        self.walk(stmt.block or [], self.child(ctx, "committee", committee, stmt))
        if self.define("committee", committee.id, stmt.span, committee.name):
            self.committees.append(committee)
            if ctx.name == "annex":  # the annex prints the roster where the committee is written
                committee.annex = ctx.obj.id
                ctx.obj.content.append(m.ContentItem(kind="committee", ref=committee.id))

    def on_member(self, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
        obj = ctx.obj
        if ctx.name == "committee":
            for arg, name in zip(stmt.args, v["members"]):
                member = m.CommitteeMember(person=name, position=v.get("as"))
                obj.members.append(member)
                self.ref(("person",), name, arg.span, _attr_setter(member, "person"))
            return
        for arg, name in zip(stmt.args, v["members"]):
            index = len(obj.members)
            obj.members.append(name)
            self.ref(("unit",), name, arg.span, _setter(obj.members, index))

    # ---- structure -----------------------------------------------------

    def _content(self, ctx: Ctx) -> list[m.ContentItem]:
        if ctx.name == "file":
            return self.plan_content
        return ctx.obj.content  # type: ignore[no-any-return]

    def on_section(self, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
        parent = ctx.obj.id if ctx.name in ("section", "annex") else None
        section = m.Section(
            id=v["id"], number="", title=v["title"], parent=parent, annex=ctx.annex, level=ctx.level + 1,
            source=self.src(stmt.span),
        )
        if not self.define("structure", section.id, stmt.span):
            return
        self.sections.append(section)
        self._content(ctx).append(m.ContentItem(kind="section", ref=section.id))
        self.walk(stmt.block or [], self.child(ctx, "section", section, stmt, section=section.id, level=ctx.level + 1))

    def on_annex(self, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
        annex = m.Section(id=v["id"], kind="annex", number="", title=v["title"], annex=v["id"], level=0,
                          source=self.src(stmt.span))
        if not self.define("structure", annex.id, stmt.span):
            return
        self.sections.append(annex)
        self.plan_content.append(m.ContentItem(kind="section", ref=annex.id))
        self.walk(stmt.block or [], self.child(ctx, "annex", annex, stmt, section=annex.id, annex=annex.id, level=0))

    def on_action(self, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
        parent = ctx.obj.id if ctx.name == "action" else None
        action = m.Action(
            id=v["id"], section=ctx.section, parent=parent, number="", title=v.get("title"), source=self.src(stmt.span)
        )
        if not self.define("structure", action.id, stmt.span):
            return
        self.actions.append(action)
        self._content(ctx).append(m.ContentItem(kind="action", ref=action.id))
        if ctx.name == "action":
            ctx.obj.children.append(action.id)
        self.walk(stmt.block or [], self.child(ctx, "action", action, stmt, level=ctx.level + 1))
        if action.owners_verbatim is not None:
            self._check_owner_text(action, stmt)

    def _check_owner_text(self, action: m.Action, stmt: Statement) -> None:
        """`owner_text` must name every owner of the action, as written and in order."""
        span = next((s.span for s in stmt.block or [] if s.keyword == "owner_text"), stmt.span)
        text = action.owners_verbatim or ""
        if not action.owners:
            self.emit("M013", f"action `{action.id}` has `owner_text` but no owners", span,
                      hint="declare the owners it prints with `lead`, `responsible`, `co` or `lead_leader`")
            return
        at = 0
        for owner in action.owners:
            found = text.find(owner.as_written, at)
            if found < 0:
                where = "after the owners before it" if text.find(owner.as_written) >= 0 else "at all"
                self.emit("M013", f"`owner_text` of action `{action.id}` does not name `{owner.as_written}` {where}",
                          span, hint="print every owner as written, in the order the owner statements give them")
                return
            at = found + len(owner.as_written)

    def on_text(self, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
        obj = ctx.obj
        paragraphs = _paragraphs(v["text"])
        obj.text.extend(paragraphs)
        if hasattr(obj, "content"):
            obj.content.extend(m.ContentItem(kind="text", text=p) for p in paragraphs)

    def on_numbering(self, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
        numbering = m.Numbering(style=v.get("style"), continue_from_previous=bool(v.get("continue")))
        if ctx.name == "plan":
            self.plan_numbering = numbering
        else:
            ctx.obj.numbering = numbering

    def on_form(self, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
        ctx.obj.form = v["form"]

    def on_note(self, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
        if ctx.name == "plan":
            self.plan_fields.setdefault("notes", []).append(v["text"])
        else:
            ctx.obj.notes.append(v["text"])

    # ---- owners --------------------------------------------------------

    def _owners(self, stmt: Statement, names: list[str], role: str, expect: tuple[str, ...], ctx: Ctx) -> None:
        action: m.Action = ctx.obj
        args = [a for a in stmt.args]
        for arg, name in zip(args, names):
            owner = m.OwnerRef(role=role, kind=expect[0], id=name, as_written=name)  # type: ignore[arg-type]
            action.owners.append(owner)

            def assign(kind: str, id_: str, owner: m.OwnerRef = owner) -> None:
                owner.id = id_
                owner.kind = kind  # type: ignore[assignment]

            self.ref(expect, name, arg.span, assign)

    def on_lead_leader(self, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
        self._owners(stmt, v["people"], "lead_leader", ("person",), ctx)

    def on_lead(self, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
        if ctx.name == "metric":
            self._ref_list(ctx.obj.owners, stmt, v["units"], ("unit",))
            return
        self._owners(stmt, v["units"], "lead", ("unit",), ctx)

    def on_co(self, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
        self._owners(stmt, v["units"], "co", ("unit",), ctx)

    def on_responsible(self, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
        self._owners(stmt, v["units"], "responsible", ("unit",), ctx)

    def on_owner_wording(self, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
        ctx.obj.owner_wording = m.OwnerWording(template=v["template"], keep_brackets=bool(v.get("keep_brackets")))
    def on_owner_text(self, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
        ctx.obj.owners_verbatim = v["text"]

    def on_owner(self, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
        self._ref_list(ctx.obj.owners, stmt, v["owners"], ("unit", "person"))

    def _ref_list(self, target: list[str], stmt: Statement, names: list[str], expect: tuple[str, ...]) -> None:
        for arg, name in zip(stmt.args, names):
            index = len(target)
            target.append(name)
            self.ref(expect, name, arg.span, _setter(target, index))

    # ---- metrics -------------------------------------------------------

    def on_metric(self, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
        metric = m.Metric(
            id=v["id"], name=v["name"], unit=v.get("unit"), kind=v.get("kind") or "level", base_year=v.get("base_year"),
            section=ctx.section, source=self.src(stmt.span),
        )
        if ctx.name == "action":
            metric.action = ctx.obj.id
            ctx.obj.metrics.append(metric.id)
        if ctx.name != "file":
            self._content(ctx).append(m.ContentItem(kind="metric", ref=metric.id))
        if stmt.block:
            self.walk(stmt.block, self.child(ctx, "metric", metric, stmt))
        metric.target = metric.targets[0] if metric.targets else None
        if self.define("metric", metric.id, stmt.span, metric.name, *metric.aliases):
            self.metrics.append(metric)

    def on_base(self, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
        ctx.obj.base_year = v["year"]
        if v.get("value") is not None:
            low, high, unit = v["value"]
            metric: m.Metric = ctx.obj
            if high is not None:
                self.emit("M002", "a base value is one number, not a range", stmt.args[1].span)
                return
            if unit and metric.unit and unit != metric.unit:
                self.emit("V003", f"base value in {unit} for metric `{metric.id}` measured in {metric.unit}",
                          stmt.args[1].span, hint=f"write the base value in {metric.unit}")
                return
            metric.base_value = _decimal_text(low)

    def on_adds_to(self, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
        ctx.obj.adds_to = v["metric"]
        self.ref(("metric",), v["metric"], stmt.args[0].span, _attr_setter(ctx.obj, "adds_to"))

    def on_part(self, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
        self._ref_list(ctx.obj.parts, stmt, v["metrics"], ("metric",))

    def on_target(self, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
        metric: m.Metric = ctx.obj
        firmness: m.Firmness = "must" if v.get("must") else ("strive" if v.get("strive") else "stated")
        value = v.get("value")
        op = v.get("op")
        target = m.Target(op=op or ("=" if value is None else ">="), firmness=firmness, source=self.src(stmt.span))
        if value is not None:
            low, high, unit = value
            target.value = _decimal_text(low)
            target.value_max = _decimal_text(high) if high is not None else None
            target.unit = unit or None
        elif not v.get("done"):
            self.emit("M009", "a target needs a value, or `done` for a yes/no target", stmt.span,
                      hint="e.g. `target >= 51.01万户 by 2025` or `target done by 2025`")
            return
        by = v.get("by")
        if isinstance(by, int):
            target.by = dt.date(by, 12, 31)
        elif isinstance(by, dt.date):
            target.by = by
        target.from_year = v.get("from")
        target.until_year = v.get("until")
        target.base_year = v.get("base_year")
        target.each_year = bool(v.get("each_year"))
        metric.targets.append(target)

    # ---- machinery -----------------------------------------------------

    def _attach(self, ctx: Ctx, kind: str, obj: Any) -> None:
        obj.section = ctx.section
        if ctx.name == "action":
            obj.action = ctx.obj.id
            getattr(ctx.obj, kind + "s").append(obj.id)
        if ctx.name != "file":
            self._content(ctx).append(m.ContentItem(kind=kind, ref=obj.id))  # type: ignore[arg-type]

    def on_cadence(self, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
        cadence = m.Cadence(id=v["id"], title=v["title"], every="year", source=self.src(stmt.span))
        self._attach(ctx, "cadence", cadence)
        self.walk(stmt.block or [], self.child(ctx, "cadence", cadence, stmt))
        if id(cadence) not in self._has_every:
            self.emit("M011", f"cadence `{cadence.id}` has no `every`", stmt.keyword_span,
                      hint="say how often it happens, e.g. `every quarter`")
            return
        if self.define("cadence", cadence.id, stmt.span, cadence.title):
            self.cadences.append(cadence)

    def on_every(self, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
        obj = ctx.obj
        obj.every = v["unit"]
        if ctx.name == "cadence":
            interval = v.get("interval")
            if interval is not None and (interval != interval.to_integral_value() or interval < 1):
                # `every 0 week` cannot be scheduled, and `every 1.5 month` must not be truncated silently
                self.emit("S004", f"`every {interval}`: the interval must be a whole number of at least 1",
                          stmt.args[0].span, hint="e.g. `every 2 week`")
                interval = None
            obj.interval = int(interval) if interval is not None else 1
            obj.at_least = bool(v.get("at_least"))
            self._has_every.add(id(obj))

    def on_holiday(self, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
        ctx.obj.holiday = v["policy"]

    def on_deadline(self, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
        deadline = m.Deadline(id=v["id"], title=v["title"], source=self.src(stmt.span))
        self._attach(ctx, "deadline", deadline)
        self.walk(stmt.block or [], self.child(ctx, "deadline", deadline, stmt))
        if not deadline.due:
            self.emit("M012", f"deadline `{deadline.id}` has no `due` date", stmt.keyword_span,
                      hint="e.g. `due each_year 3月底` or `due 2025-03-31`")
            return
        if self.define("deadline", deadline.id, stmt.span, deadline.title):
            self.deadlines.append(deadline)

    def on_due(self, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
        when = v["when"]
        if isinstance(when, dt.date):
            if v.get("each_year") or v.get("next_year"):
                self.emit("M002", "a full date cannot repeat; give a month and day for `each_year`/`next_year`",
                          stmt.span, hint="e.g. `due each_year 03-31`")
                return
            ctx.obj.due.append(m.Due(kind="once", date=when))
            return
        month, day = when
        ctx.obj.due.append(m.Due(kind="next_year" if v.get("next_year") else "yearly", month=month, day=day))

    # ---- assessment ------------------------------------------------------

    def on_scoring(self, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
        if self.scoring is not None:
            self.emit("M008", "a plan may have only one `scoring` block", stmt.keyword_span)
            return
        scoring = m.Scoring(id=v["id"], title=v["title"], source=self.src(stmt.span))
        self.scoring = scoring
        self.walk(stmt.block or [], self.child(ctx, "scoring", scoring, stmt))

    def on_scale(self, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
        ctx.obj.scale = _decimal_text(v["points"])

    def on_fact(self, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
        fact = m.Fact(id=v["id"], name=v.get("name") or v["id"], unit=v.get("unit"), source=self.src(stmt.span))
        if self.define("fact", fact.id, stmt.span, fact.name):
            ctx.obj.facts.append(fact)

    def on_formula(self, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
        formula = m.Formula(id=v["id"], title=v.get("title"), source=self.src(stmt.span))
        self.walk(stmt.block or [], self.child(ctx, "formula", formula, stmt))
        if self.define("formula", formula.id, stmt.span):
            ctx.obj.formulas.append(formula)

    def on_component(self, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
        if v.get("max") is None:
            self.emit("M001", "a component needs its maximum points: `max N`", stmt.span, hint="e.g. `component 工信局 max 25`")
            return
        component = m.Component(evaluator=v["evaluator"], max=_decimal_text(v["max"]))
        ctx.obj.components.append(component)
        self.ref(("unit",), v["evaluator"], stmt.args[0].span, lambda _k, i: setattr(component, "evaluator", i))

    def on_group(self, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
        group = m.Group(id=v["id"], title=v.get("title"), source=self.src(stmt.span))
        self.walk(stmt.block or [], self.child(ctx, "group", group, stmt))
        if self.define("group", group.id, stmt.span, group.title or ""):
            ctx.obj.groups.append(group)

    def on_period_weights(self, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
        ctx.obj.period_weights = [_decimal_text(w) for w in v["weights"]]

    def on_weight(self, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
        if ctx.name == "scoring":
            item = m.CompletionItem(metric=v["metric"], points=_decimal_text(v["points"]), source=self.src(stmt.span))
            ctx.obj.completion.append(item)
            self.ref(("metric",), v["metric"], stmt.args[0].span, _attr_setter(item, "metric"))
            return
        ctx.obj.weight = _decimal_text(v["points"])

    def on_credit(self, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
        ctx.obj.credits.append(m.Credit(status=v["status"], share=_decimal_text(v["share"]), source=self.src(stmt.span)))

    def on_rank_points(self, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
        if ctx.name == "group":
            group: m.Group = ctx.obj
            if v.get("shares"):
                self.emit("M002", "in a group, `rank_points` names a rank table; define the shares in the scoring block",
                          stmt.args[1].span)
                return
            group.rank_points = v["id"]
            self.ref(("rank_table",), v["id"], stmt.args[0].span, lambda _k, i: setattr(group, "rank_points", i))
            return
        if not v.get("shares"):
            self.emit("M001", "a rank table needs the share for each rank: `rank_points ID 100% 90% …`", stmt.span)
            return
        table = m.RankTable(id=v["id"], shares=[_decimal_text(s) for s in v["shares"]], source=self.src(stmt.span))
        if self.define("rank_table", table.id, stmt.span):
            ctx.obj.rank_tables.append(table)

    def on_grades(self, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
        if ctx.name == "group":
            group: m.Group = ctx.obj
            if stmt.block is not None:
                self.emit("M007", "in a group, `grades` names a grade table; define it in the scoring block", stmt.span)
                return
            group.grades = v["id"]
            self.ref(("grade_table",), v["id"], stmt.args[0].span, lambda _k, i: setattr(group, "grades", i))
            return
        table = m.GradeTable(id=v["id"], source=self.src(stmt.span))
        if stmt.block is None:
            self.emit("M006", "a grade table needs a block of `grade` lines", stmt.span)
            return
        self.walk(stmt.block, self.child(ctx, "grades", table, stmt))
        if self.define("grade_table", table.id, stmt.span):
            ctx.obj.grade_tables.append(table)

    def on_grade(self, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
        quota = v.get("quota")
        if v.get("points") is None:
            self.emit("M001", "a grade needs its share of the weight: `points N%`", stmt.span)
            return
        ctx.obj.grades.append(
            m.Grade(name=v["name"], quota=None if quota in (None, "rest") else int(quota), share=_decimal_text(v["points"]))
        )

    def on_rounding(self, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
        ctx.obj.rounding = v["rule"]
        if v.get("cumulative"):
            ctx.obj.quota_method = "cumulative"

    def on_blend(self, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
        if v.get("self") is None or not v.get("with"):
            self.emit("M001", "a blend needs `self N%` and at least one `with UNIT N%`", stmt.span,
                      hint="e.g. `blend 发改委 self 85% with 供电公司 15%`")
            return
        blend = m.Blend(unit=v["unit"], self_share=_decimal_text(v["self"]), source=self.src(stmt.span))
        def assign_blend(_kind: str, id_: str) -> None:
            blend.unit = id_

        self.ref(("unit",), v["unit"], stmt.args[0].span, assign_blend)
        for (unit_name, share), span in zip(v["with"], v["_with_spans"]):
            part = m.BlendPart(unit=unit_name, share=_decimal_text(share))
            blend.parts.append(part)
            self.ref(("unit",), unit_name, span, _attr_setter(part, "unit"))
        ctx.obj.blends.append(blend)

    def _condition(self, stmt: Statement, v: dict[str, Any], what: str) -> m.Condition | None:
        if v.get("when") is None:
            self.emit("M001", f"an {what} needs a condition: `when FACT OP VALUE`", stmt.span,
                      hint="e.g. `when 政策兑现率 < 90%`")
            return None
        fact, op, (value, _high, unit) = v["when"]
        condition = m.Condition(fact=fact, op=op, value=_decimal_text(value), unit=unit or None)
        self.ref(("fact",), fact, v["_when_spans"][0], lambda _k, i: setattr(condition, "fact", i))
        return condition

    def _applies(self, obj: Any, v: dict[str, Any]) -> None:
        for name, span in zip(v.get("applies", []), v.get("_applies_spans", [])):
            if WORD_BY_SPELLING.get(name) == "all":
                continue
            obj.applies.append(name)
            self.ref(("group",), name, span, _setter(obj.applies, len(obj.applies) - 1))

    def on_adjust(self, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
        condition = self._condition(stmt, v, "adjustment")
        if condition is None:
            return
        if v.get("then") is None:
            self.emit("M001", "an adjustment needs its points: `then -3`", stmt.span)
            return
        adjust = m.Adjustment(id=v["id"], title=v.get("title"), when=condition, points=_decimal_text(v["then"]),
                              on=v.get("on") or "points", source=self.src(stmt.span))
        self._applies(adjust, v)
        if stmt.block:
            self.walk(stmt.block, self.child(ctx, "adjust", adjust, stmt))
        if self.define("adjustment", adjust.id, stmt.span):
            ctx.obj.adjustments.append(adjust)

    def on_override(self, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
        condition = self._condition(stmt, v, "override")
        if condition is None:
            return
        override = m.Override(id=v["id"], title=v.get("title"), when=condition, source=self.src(stmt.span))
        self._applies(override, v)
        if stmt.block:
            self.walk(stmt.block, self.child(ctx, "override", override, stmt))
        if self.define("override", override.id, stmt.span):
            ctx.obj.overrides.append(override)

    def on_flag(self, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
        flag = m.Flag(id=v["id"], title=v.get("title"), source=self.src(stmt.span))
        if v.get("top") is not None:
            if v.get("lowest") or v["top"] < 1 or v["top"] != int(v["top"]):
                self.emit("M002", "a flag is either `lowest` or `top N` with a whole N ≥ 1", stmt.span)
                return
            flag.rule = "top"
            flag.count = int(v["top"])
        self._applies(flag, v)
        if stmt.block:
            self.walk(stmt.block, self.child(ctx, "flag", flag, stmt))
        if self.define("flag", flag.id, stmt.span):
            ctx.obj.flags.append(flag)

    def on_ties(self, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
        ctx.obj.ties = v["rule"]

    # ---- diagnostics -----------------------------------------------------

    def on_ack(self, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
        scope = ctx.block_span
        if scope is None:  # top level: the whole file
            scope = Span(stmt.span.file, 1, 1, 10**9, 1)
        ack = m.Acknowledgement(code=v["code"], reason=v["reason"], source=self.src(stmt.span))
        self.acks.append((ack, scope))

    # ---- finish ------------------------------------------------------------

    def finish(self, syntax_file: SyntaxFile) -> m.Plan | None:
        if self.plan_span is None:
            self.emit("M003", "this file declares no `plan`", Span.point(syntax_file.path),
                      hint="a plan file starts with `plan ID { title … period … }`")
            return None
        f = self.plan_fields
        span = self.plan_span
        if "title" not in f:
            self.emit("M001", "the plan has no `title`", span, hint='add `title "…"` to the plan block')
        if "period" not in f:
            self.emit("M001", "the plan has no `period`", span, hint="add e.g. `period 2022..2025` to the plan block")
        start_year, end_year = f.get("period", (2000, 2000))
        if end_year < start_year:
            self.emit("V001", f"the period ends ({end_year}) before it starts ({start_year})", f.get("period_span", span))
            start_year, end_year = end_year, start_year
        issuers = f.get("issuers", [])
        plan = m.Plan(
            id=f["id"],
            title=f.get("title", f["id"]),
            doc_no=f.get("doc_no"),
            issuer=" ".join(issuers) if issuers else None,
            issuers=issuers,
            issued=f.get("issued"),
            published=f.get("published"),
            period=m.Period(start=dt.date(start_year, 1, 1), end=dt.date(end_year, 12, 31)),
            recipients=f.get("recipients", []),
            notice_title=f.get("notice_title"),
            notice=f.get("notice", []),
            preamble=f.get("preamble", []),
            closing=f.get("closing", []),
            signature=f.get("signature", []),
            copy_to=f.get("copy_to", []),
            printed=f.get("printed"),
            owner_style=f.get("owner_style", "lead_units"),
            punctuation=f.get("punctuation", "fullwidth"),
            annex_list=f.get("annex_list", False),
            numbering=self.plan_numbering,
            content=self.plan_content,
            cites=self.cites,
            units=self.units,
            people=self.people,
            committees=self.committees,
            sections=self.sections,
            actions=self.actions,
            metrics=self.metrics,
            cadences=self.cadences,
            deadlines=self.deadlines,
            scoring=self.scoring,
            acknowledgements=[a for a, _ in self.acks],
            files=self.files,
            source=self.src(span),
        )
        return plan


def _attr_setter(obj: Any, attribute: str) -> Callable[[str, str], None]:
    def assign(_kind: str, id_: str) -> None:
        setattr(obj, attribute, id_)

    return assign


def _setter(target: list[str], index: int) -> Callable[[str, str], None]:
    def assign(_kind: str, id_: str) -> None:
        target[index] = id_

    return assign


def _paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n") if p.strip()]


def _decimal_text(value: Decimal | int | str) -> str:
    return str(value)


# ---- argument matching ---------------------------------------------------


def _type_label(type_: str) -> str:
    labels = {
        "id": "an identifier",
        "str": "a string",
        "ref": "a name",
        "label": "a word or string",
        "date": "a date (2025-03-31)",
        "year": "a year (2025)",
        "years": "a year range (2022..2025) or a year",
        "qty": "a quantity (51.01万户, 8.5%)",
        "num": "a number",
        "pct": "a percentage (85%)",
        "op": "a comparator (>=, ≤, 不低于 …)",
        "monthday": "a month and day (03-31, 3月底)",
        "code": "a diagnostic code (V012)",
    }
    parts = []
    for t in type_.split(","):
        if t.startswith("w:"):
            parts.append("one of: " + ", ".join(t[2:].split("|")))
        else:
            parts.append(labels.get(t, t))
    return " or ".join(parts)


class _Mismatch(Exception):
    pass


def _convert(type_: str, arg: Arg, diagnostics: list[Diagnostic]) -> Any:
    """The value of ``arg`` as ``type_``, or raise _Mismatch if it is not of that type."""
    for t in type_.split(","):
        try:
            return _convert_one(t, arg, diagnostics)
        except _Mismatch:
            continue
    raise _Mismatch


def _convert_one(t: str, arg: Arg, diagnostics: list[Diagnostic]) -> Any:
    k = arg.kind
    if t == "id":
        if k == syntax.NAME:
            return arg.raw
    elif t == "str":
        if k in (syntax.STRING, syntax.TEXT):
            return arg.value
    elif t in ("ref", "label"):
        if k == syntax.NAME:
            return arg.raw
        if k == syntax.STRING:
            return arg.value
        if t == "label" and k == syntax.QUANTITY:
            return arg.raw
        if t == "label" and k == syntax.SIGN:
            return arg.value
    elif t == "code":
        if k == syntax.NAME and len(arg.raw) == 4 and arg.raw[0].isalpha() and arg.raw[1:].isdigit():
            return arg.raw.upper()
    elif t == "date":
        if k == syntax.DATE:
            year, month, day = cast(tuple[Any, ...], arg.value)
            try:
                return dt.date(year, month, day)
            except ValueError:
                diagnostics.append(make("M010", f"`{arg.raw}` is not a date that exists", arg.span))
                return dt.date(year, 1, 1) if 1 <= year <= 9999 else dt.date(2000, 1, 1)
    elif t == "year":
        if k == syntax.QUANTITY:
            number, unit = cast(tuple[Any, ...], arg.value)
            if unit in ("", "年") and number == number.to_integral_value() and 1000 <= number <= 9999:
                return int(number)
    elif t == "years":
        if k == syntax.YEARS:
            return arg.value
        if k == syntax.QUANTITY:
            year = _convert_one("year", arg, diagnostics)
            return (year, year)
    elif t == "qty":
        if k == syntax.QUANTITY:
            number, unit = cast(tuple[Any, ...], arg.value)
            return (number, None, unit)
        if k == syntax.RANGE:
            return arg.value
    elif t == "num":
        if k == syntax.QUANTITY:
            number, unit = cast(tuple[Any, ...], arg.value)
            if unit in ("", "分"):
                return number
    elif t == "pct":
        if k == syntax.QUANTITY:
            number, unit = cast(tuple[Any, ...], arg.value)
            if unit == "%":
                return (number / 100).normalize() if number else Decimal(0)
    elif t == "op":
        if k == syntax.COMPARATOR:
            return arg.value
        if k == syntax.NAME and arg.raw in COMPARATOR_BY_SPELLING:
            return COMPARATOR_BY_SPELLING[arg.raw]
    elif t == "monthday":
        if k == syntax.MONTHDAY:
            month, day = cast(tuple[Any, ...], arg.value)
            last = _days_in_month(month)
            if not 1 <= month <= 12 or (day is not None and not 1 <= day <= last):
                diagnostics.append(make("M010", f"`{arg.raw}` is not a day of the year", arg.span))
                return (1, 1)
            return (month, day)
    elif t.startswith("w:"):
        if k == syntax.NAME:
            canonical = WORD_BY_SPELLING.get(arg.raw)
            if canonical in t[2:].split("|"):
                return canonical
    raise _Mismatch


def _days_in_month(month: int) -> int:
    if not 1 <= month <= 12:
        return 0
    return 29 if month == 2 else (30 if month in (4, 6, 9, 11) else 31)


def _marker(spec: Spec, arg: Arg) -> str | None:
    if arg.kind != syntax.NAME:
        return None
    canonical = WORD_BY_SPELLING.get(arg.raw) or KEYWORD_BY_SPELLING.get(arg.raw)
    if canonical and canonical in spec.options_by_marker:
        return canonical
    return None


def match_args(
    spec: Spec, stmt: Statement, diagnostics: list[Diagnostic], roles: dict[int, str] | None = None
) -> dict[str, Any] | None:
    """Match a statement's arguments against its spec; None (with diagnostics) if they do not fit.

    ``roles``, if given, receives for each argument index how it was read: ``"marker"`` for an
    option marker, else the type of the slot it filled (used by keyword conversion).
    """
    roles = {} if roles is None else roles
    values: dict[str, Any] = {}
    args = stmt.args
    ok = True
    positional = list(spec.positional)
    slot_index = 0
    filled: dict[str, int] = {}
    i = 0

    def fail(code: str, message: str, span: Span, hint: str | None = None) -> None:
        nonlocal ok
        ok = False
        diagnostics.append(make(code, message, span, hint=hint))

    while i < len(args):
        arg = args[i]
        marker = _marker(spec, arg)
        if marker is not None:
            option = spec.options_by_marker[marker]
            roles[i] = "marker"
            if marker in values and not option.repeatable:
                fail("M002", f"`{arg.raw}` is given twice", arg.span)
                i += 1
                continue
            if option.group:
                clash = [o.marker for o in spec.options if o.group == option.group and o.marker in values]
                if clash:
                    fail("M002", f"`{arg.raw}` contradicts `{clash[0]}`", arg.span, hint="keep one of them")
            i += 1
            if not option.slots:
                values[marker] = True
                continue
            collected: list[Any] = []
            spans: list[Span] = []
            complete = True
            for slot in option.slots:
                taken = []
                while i < len(args) and _marker(spec, args[i]) is None:
                    try:
                        taken.append(_convert(slot.type, args[i], diagnostics))
                        spans.append(args[i].span)
                        roles[i] = slot.type
                        i += 1
                    except _Mismatch:
                        break
                    if slot.card in ("1", "?"):
                        break
                if not taken and slot.card in ("1", "+"):
                    where = args[i].span if i < len(args) else arg.span
                    got = f", not `{args[i].raw}`" if i < len(args) else ""
                    fail("M001", f"`{arg.raw}` needs {_type_label(slot.type)}{got}", where)
                    complete = False
                    break
                collected.append(taken if slot.card in ("+", "*") else (taken[0] if taken else None))
            if not complete:
                continue
            value = collected[0] if len(option.slots) == 1 else tuple(collected)
            if option.repeatable:
                values.setdefault(marker, []).append(value)
                values.setdefault(f"_{marker}_spans", []).extend(spans[:1] if len(option.slots) > 1 else spans)
            else:
                values[marker] = value
                values[f"_{marker}_spans"] = spans
            continue
        # a positional argument: find the slot that takes it
        placed = False
        while slot_index < len(positional):
            slot = positional[slot_index]
            try:
                converted = _convert(slot.type, arg, diagnostics)
            except _Mismatch:
                if slot.card in ("?", "*") or filled.get(slot.name):
                    slot_index += 1
                    continue
                break
            roles[i] = slot.type
            if slot.card in ("+", "*"):
                values.setdefault(slot.name, []).append(converted)
                filled[slot.name] = filled.get(slot.name, 0) + 1
            else:
                values[slot.name] = converted
                filled[slot.name] = 1
                slot_index += 1
            placed = True
            break
        if not placed:
            expected = positional[slot_index] if slot_index < len(positional) else None
            if expected is not None:
                fail("M001", f"`{stmt.spelled}` expects {_type_label(expected.type)} here, not `{arg.raw}`", arg.span)
            else:
                options = ", ".join(sorted(spec.options_by_marker))
                suggestion = None
                if arg.kind == syntax.NAME and options:
                    import difflib  # only a misspelling needs it

                    close = difflib.get_close_matches(arg.raw, list(spec.options_by_marker), n=1)
                    suggestion = f"did you mean `{close[0]}`?" if close else f"options here: {options}"
                fail("M002", f"unexpected argument `{arg.raw}` to `{stmt.spelled}`", arg.span, hint=suggestion)
            i += 1
            continue
        i += 1
    for slot in positional:
        if slot.card in ("1", "+") and not filled.get(slot.name):
            fail(
                "M001",
                f"`{stmt.spelled}` needs {_type_label(slot.type)} ({slot.name})",
                stmt.span,
                hint=f"for example:\n{spec.example}" if spec.example else None,
            )
            break
    return values if ok else None

