"""The builder's core: walking statements against the statement table, declarations, references, the plan.

The builder does not resolve names; it records each reference as plain data
(:class:`Reference`: the name, its span, what it may name, and where its id goes)
for :mod:`compiler.resolve`. What a statement does is its handler's business
(:mod:`compiler.build.handlers`), one per (context, statement).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from compiler import model as m
from compiler.arguments import match_args
from compiler.build.handlers import HANDLERS
from compiler.loader import Loader
from compiler.statements import SPEC_BY_CONTEXT, Spec, statements_in
from diagnostics import Diagnostic, Label, Span, make
from dsl.syntax import Statement, SyntaxFile

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


def context_words(context: str) -> str:
    return _CONTEXT_WORDS.get(context, f"a {context} block")


@dataclass
class Reference:
    """A name written in the source that must resolve to something of the expected kinds, and where its id goes.

    Plain data, so a build result pickles whole (parallel workers, the language server):
    ``holder[key]`` (a list and an index) or ``holder.key`` (an object and an attribute)
    receives the id; ``kind_key``, if set, receives the kind (an owner: unit or person).
    """

    expect: tuple[str, ...]  # unit, person, metric, group, fact, rank_table, grade_table
    name: str
    span: Span
    holder: Any
    key: str | int
    kind_key: str | None = None
    resolved: tuple[str, str] | None = None  # (kind, id) once resolved

    def assign(self, kind: str, id_: str) -> None:
        if isinstance(self.key, int):
            self.holder[self.key] = id_
        else:
            setattr(self.holder, self.key, id_)
        if self.kind_key is not None:
            setattr(self.holder, self.kind_key, kind)
        self.resolved = (kind, id_)


@dataclass
class Defined:
    """Something declared under an id (unit, person, metric, section …): where, the id token, and every name it
    answers to."""

    kind: str
    id: str
    span: Span
    names: tuple[str, ...]  # id, name, aliases: every spelling it answers to
    id_span: Span | None = None  # the id as written in the declaration


@dataclass
class Ctx:
    """Where the builder is: the block being filled, the enclosing section, annex and level, the chain of included
    files that led here, and the statements the block has accepted so far."""

    name: str
    obj: Any = None
    section: str | None = None  # nearest enclosing section or annex id
    annex: str | None = None
    level: int = 0
    path: Path | None = None
    chain: list[Path] = field(default_factory=list)
    block_span: Span | None = None
    seen: set[str] = field(default_factory=set)


class Builder:
    """Builds one plan (an entry file and everything it includes)."""

    def __init__(self, loader: Loader, root: Path) -> None:
        self.loader = loader
        self.root = root.resolve()
        self.diagnostics: list[Diagnostic] = []
        self.refs: list[Reference] = []
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
        # full spans of the constructs whose start the model records, for diagnostics
        self.spans: dict[tuple[str, int, int], Span] = {}

    # ---- plumbing ----------------------------------------------------

    def emit(self, code: str, message: str, span: Span | None, **kw: Any) -> None:
        self.diagnostics.append(make(code, message, span, **kw))

    def rel(self, display: str) -> str:
        return self._display_to_rel.get(display, display)

    def display_names(self) -> dict[str, str]:
        """Root-relative file -> display path, for every file of the plan."""
        return {rel: display for display, rel in self._display_to_rel.items()}

    def src(self, span: Span) -> m.Source:
        source = m.Source(file=self.rel(span.file), line=span.line, column=span.column)
        self.spans[(source.file, source.line, source.column)] = span
        return source

    def define(self, kind: str, id_: str, stmt: Statement, *names: str) -> bool:
        """Declare ``id_`` (of ``kind``) at ``stmt``; R001 and False if it is declared already."""
        table = self.defined.setdefault(kind, {})
        if id_ in table:
            first = table[id_]
            self.emit(
                "R001",
                f"{kind} `{id_}` is defined twice",
                stmt.span,
                labels=(Label(first.span, "first defined here"),),
                hint="give each a distinct id",
            )
            return False
        id_span = stmt.args[0].span if stmt.args else None
        table[id_] = Defined(kind, id_, stmt.span, tuple(dict.fromkeys((id_,) + tuple(n for n in names if n))), id_span)
        return True

    def refer(self, ctx: Ctx, stmt: Statement, slot: str, name: str, span: Span, holder: Any, key: str | int,
              kind_key: str | None = None) -> None:
        """Record a reference written in ``slot`` of ``stmt``; what it may name comes from the statement table."""
        expect = SPEC_BY_CONTEXT[(ctx.name, stmt.keyword)].slot(slot).refers
        self.refs.append(Reference(expect, name, span, holder, key, kind_key))

    def refer_all(self, ctx: Ctx, stmt: Statement, slot: str, v: dict[str, Any], target: list[str]) -> None:
        """Append every name of a repeated reference slot to ``target``, each a reference to its place there."""
        for name, span in zip(v[slot], v[f"_{slot}_spans"]):
            target.append(name)
            self.refer(ctx, stmt, slot, name, span, target, len(target) - 1)

    # ---- entry -------------------------------------------------------

    def build_file(self, path: Path, syntax_file: SyntaxFile) -> m.Plan | None:
        ctx = Ctx("file", path=path.resolve(), chain=[path.resolve()])
        self.register_file(path, syntax_file)
        self.walk(syntax_file.statements, ctx)
        return self.finish(syntax_file)

    def register_file(self, path: Path, syntax_file: SyntaxFile) -> None:
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
                        f"`{stmt.spelled}` may appear only once in {context_words(ctx.name)}",
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
            ctx.seen.add(stmt.keyword)  # written, even if malformed: a missing-child error would only repeat it
            if values is None:
                continue
            HANDLERS[(ctx.name, stmt.keyword)](self, stmt, values, ctx)

    def walk_block(self, stmt: Statement, ctx: Ctx, child: Ctx) -> bool:
        """Walk ``stmt``'s block in ``child``; report the required children it lacks (False if any)."""
        self.walk(stmt.block or [], child)
        spec: Spec = SPEC_BY_CONTEXT[(ctx.name, stmt.keyword)]
        complete = True
        for required in spec.requires:
            if required.keyword not in child.seen:
                span = stmt.span if required.code == "M001" else stmt.keyword_span
                self.emit(required.code, required.message.format(id=stmt.args[0].raw if stmt.args else ""), span,
                          hint=required.hint)
                complete = False
        return complete

    def _not_allowed(self, stmt: Statement, ctx: Ctx) -> None:
        places = sorted({c for (c, k) in SPEC_BY_CONTEXT if k == stmt.keyword})
        where = ", ".join(context_words(p) for p in places)
        allowed = ", ".join(statements_in(ctx.name))
        self.emit(
            "M004",
            f"`{stmt.spelled}` is not allowed in {context_words(ctx.name)}",
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

    def content(self, ctx: Ctx) -> list[m.ContentItem]:
        """The content list a structural item written in ``ctx`` joins (the plan's, at the top level)."""
        if ctx.name == "file":
            return self.plan_content
        return ctx.obj.content  # type: ignore[no-any-return]

    def attach(self, ctx: Ctx, kind: str, obj: Any) -> None:
        """Place a cadence or deadline where it is written: its section, its action, the content order."""
        obj.section = ctx.section
        if ctx.name == "action":
            obj.action = ctx.obj.id
            getattr(ctx.obj, kind + "s").append(obj.id)
        if ctx.name != "file":
            self.content(ctx).append(m.ContentItem(kind=kind, ref=obj.id))  # type: ignore[arg-type]

    def finish(self, syntax_file: SyntaxFile) -> m.Plan | None:
        if self.plan_span is None:
            self.emit("M003", "this file declares no `plan`", Span.point(syntax_file.path),
                      hint="a plan file starts with `plan ID { title … period … }`")
            return None
        f = self.plan_fields
        span = self.plan_span
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
            owner_separator=f.get("owner_separator"),
            owner_groups=f.get("owner_groups", []),
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
