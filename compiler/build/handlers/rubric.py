"""Handlers of rubrics (考核细则): item sets, items and their rules, bonuses, penalties, vetoes, grade bands."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from compiler import model as m
from compiler.build.handlers import handles, number_text
from diagnostics import Span
from dsl.syntax import Statement

if TYPE_CHECKING:
    from compiler.build.core import Builder, Ctx

#: the fact name that stands for the unit's final score in a veto's condition (考核未达80分)
SCORE_FACT = "总分"
YES = ("是", "有", "yes", "true")
NO = ("否", "无", "no", "false")


# ---- conditions ---------------------------------------------------------------------------


class _Cond:
    """A recursive-descent reader of a condition's tokens: or < and < not < comparison."""

    def __init__(self, b: Builder, ctx: Ctx, stmt: Statement, slot: str, tokens: list[Any], spans: list[Span]) -> None:
        self.b, self.ctx, self.stmt, self.slot = b, ctx, stmt, slot
        self.tokens, self.spans, self.i = tokens, spans, 0
        self.ok = True

    def peek(self) -> str | None:
        return self.tokens[self.i][0] if self.i < len(self.tokens) else None

    def fail(self, message: str) -> None:
        if self.ok:
            span = self.spans[min(self.i, len(self.spans) - 1)] if self.spans else self.stmt.span
            self.b.emit("M001", message, span, hint="e.g. `when 处理率 >= 80% and 无害化`, `when not 不配合`, `when 案例 >= 1 or 表扬`")
        self.ok = False

    def read(self) -> m.Test | None:
        test = self.any_()
        if self.ok and self.i < len(self.tokens):
            self.fail(f"unexpected `{self.tokens[self.i][1]}` in the condition")
        return test if self.ok else None

    def any_(self) -> m.Test:
        parts = [self.all_()]
        while self.peek() == "or":
            self.i += 1
            parts.append(self.all_())
        return parts[0] if len(parts) == 1 else m.Test(kind="any", parts=parts)

    def all_(self) -> m.Test:
        parts = [self.not_()]
        while self.peek() == "and":
            self.i += 1
            parts.append(self.not_())
        return parts[0] if len(parts) == 1 else m.Test(kind="all", parts=parts)

    def not_(self) -> m.Test:
        if self.peek() == "not":
            self.i += 1
            return m.Test(kind="not", parts=[self.not_()])
        return self.atom()

    def atom(self) -> m.Test:
        if self.peek() != "name":
            self.fail("a condition needs a fact here")
            self.i += 1
            return m.Test()
        name, span = self.tokens[self.i][1], self.spans[self.i]
        self.i += 1
        test = m.Test(fact=name)
        if name != SCORE_FACT:  # a condition is not a reference slot of the table: it names facts only
            from compiler.build.core import Reference

            self.b.refs.append(Reference(("fact",), name, span, test, "fact"))
        if self.peek() != "op":
            return test
        test.op = self.tokens[self.i][1]
        self.i += 1
        kind = self.peek()
        if kind == "value":
            number, unit = self.tokens[self.i][1]
            test.value, test.unit = number_text(number), (unit or None)
        elif kind == "name" and self.tokens[self.i][1] in YES + NO:
            test.value = "1" if self.tokens[self.i][1] in YES else "0"
        elif kind == "name":  # another fact: 死亡人数 > 死亡控制指标
            from compiler.build.core import Reference

            test.value_fact = self.tokens[self.i][1]
            self.b.refs.append(Reference(("fact",), test.value_fact, self.spans[self.i], test, "value_fact"))
        else:
            self.fail("a comparison needs a value (80%, 3次, 是/否) or a fact")
        self.i += 1
        return test


def read_test(b: Builder, ctx: Ctx, stmt: Statement, slot: str, tokens: list[Any] | None,
              spans: list[Span] | None) -> m.Test | None:
    """The condition written in ``slot`` (a list of tokens), references recorded; None (reported) if malformed."""
    if not tokens:
        return None
    return _Cond(b, ctx, stmt, slot, tokens, spans or []).read()


def _against(b: Builder, ctx: Ctx, stmt: Statement, slot: str, value: Any, spans: list[Span], rule: m.Rule) -> None:
    if value is None:
        return
    if isinstance(value, tuple):  # a quantity: (number, high, unit)
        rule.against = number_text(value[0])
        return
    rule.against_fact = value
    b.refer(ctx, stmt, slot, value, spans[0], rule, "against_fact")


def _fact(b: Builder, ctx: Ctx, stmt: Statement, slot: str, value: str | None, spans: list[Span] | None,
          rule: m.Rule) -> None:
    if value is None:
        return
    rule.fact = value
    b.refer(ctx, stmt, slot, value, (spans or [stmt.span])[0], rule, "fact")


def _applies(b: Builder, ctx: Ctx, stmt: Statement, v: dict[str, Any], target: list[str]) -> None:
    found = v.get("applies")
    if found:
        for name, span in zip(found, v.get("_applies_spans", [])):
            target.append(name)
            b.refer(ctx, stmt, "units", name, span, target, len(target) - 1)


# ---- item sets and items -----------------------------------------------------------------------


@handles("items", "scoring")
def itemset(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    declared = m.ItemSet(id=v["id"], title=v.get("title"), source=b.src(stmt.span))
    b.walk_block(stmt, ctx, b.child(ctx, "items", declared, stmt))
    if b.define("itemset", declared.id, stmt, declared.title or ""):
        ctx.obj.itemsets.append(declared)


@handles("items", "formula")
def use_itemsets(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    b.refer_all(ctx, stmt, "sets", v, ctx.obj.itemsets)


@handles("item", "items", "formula", "item")
def item(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    if v.get("max") is None:
        b.emit("M001", "an item needs its maximum points: `max N`", stmt.span, hint="e.g. `item 组织领导 max 8`")
        return
    declared = m.Item(id=v["id"], title=v.get("title"), max=number_text(v["max"]), source=b.src(stmt.span))
    _applies(b, ctx, stmt, v, declared.applies)
    if stmt.block:
        b.walk(stmt.block, b.child(ctx, "item", declared, stmt))
    if b.define("item", declared.id, stmt, declared.title or ""):
        ctx.obj.items.append(declared)


@handles("content", "item")
def content(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    ctx.obj.content.append(v["text"])


@handles("standard", "item")
def standard(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    ctx.obj.standard.append(v["text"])


@handles("scorer", "item")
def scorer(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    b.refer_all(ctx, stmt, "units", v, ctx.obj.scorers)
    shares = v.get("shares") or []
    if shares:
        if len(shares) != len(v["units"]) or sum(shares, Decimal(0)) != 1:
            b.emit("M002", "a scorer's shares must name one share per unit and add up to 100%", stmt.span,
                   hint="e.g. `scorer 环保局 水文站 shares 60% 40%`")
            return
        ctx.obj.shares = [number_text(s) for s in shares]


# ---- rules ------------------------------------------------------------------------------


@handles("when", "item", "bonus", "penalty")
def when(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    test = read_test(b, ctx, stmt, "test", v.get("test"), v.get("_test_spans"))
    if test is None:
        return
    points = v.get("points")
    if points is None and ctx.name != "item":
        b.emit("M001", "outside an item, `when` needs its points: `when 表扬 points 10`", stmt.span)
        return
    ctx.obj.rules.append(m.Rule(kind="when", test=test, points=None if points is None else number_text(points),
                                source=b.src(stmt.span)))


def _per_rule(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx, kind: str, against: str) -> None:
    if v.get("per") is None:
        b.emit("M001", f"`{stmt.spelled}` needs the fact it counts: `per FACT`", stmt.span,
               hint="e.g. `deduct 0.5 per 月报次数 short_of 12`")
        return
    rule = m.Rule(kind=kind, points=number_text(v["points"]), source=b.src(stmt.span),  # type: ignore[arg-type]
                  cap=None if v.get("cap") is None else number_text(v["cap"]))
    _fact(b, ctx, stmt, "fact", v["per"], v.get("_per_spans"), rule)
    _against(b, ctx, stmt, against, v.get(against), v.get(f"_{against}_spans", []), rule)
    if v.get("when"):
        rule.test = read_test(b, ctx, stmt, "test", v["when"], v.get("_when_spans"))
        if rule.test is None:
            return
    ctx.obj.rules.append(rule)


@handles("add", "item", "bonus", "penalty")
def add(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    _per_rule(b, stmt, v, ctx, "add", "beyond")


@handles("deduct", "item", "bonus", "penalty")
def deduct(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    _per_rule(b, stmt, v, ctx, "deduct", "short_of")


@handles("ratio", "item", "bonus", "penalty")
def ratio(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    if v.get("of") is None:
        b.emit("M001", "a ratio needs its target: `of N` or `of FACT`", stmt.span, hint="e.g. `ratio 查处案件 of 10`")
        return
    if v.get("points") is None and ctx.name != "item":
        b.emit("M001", "outside an item, `ratio` needs the points of a whole: `points N`", stmt.span)
        return
    rule = m.Rule(kind="ratio", points=None if v.get("points") is None else number_text(v["points"]), source=b.src(stmt.span))
    _fact(b, ctx, stmt, "fact", v["fact"], v.get("_fact_spans"), rule)
    _against(b, ctx, stmt, "target", v["of"], v.get("_of_spans", []), rule)
    if v.get("when"):
        rule.test = read_test(b, ctx, stmt, "test", v["when"], v.get("_when_spans"))
        if rule.test is None:
            return
    ctx.obj.rules.append(rule)


@handles("tier", "item", "bonus", "penalty")
def tier(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    if v.get("points") is None or not v.get("when"):
        b.emit("M001", "a tier needs its points and its condition: `tier 省级 points 3 when 省级推广 >= 1`", stmt.span)
        return
    test = read_test(b, ctx, stmt, "test", v["when"], v.get("_when_spans"))
    if test is None:
        return
    ctx.obj.rules.append(m.Rule(kind="tier", name=v["name"], points=number_text(v["points"]), test=test,
                                source=b.src(stmt.span)))


@handles("tiers", "item", "bonus", "penalty")
def tiers(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    ctx.obj.tiers = v["mode"]


# ---- stages outside the items ------------------------------------------------------------------


def _stage(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx, kind: str) -> None:
    declared = m.Stage(id=v["id"], title=v.get("title"), kind=kind,  # type: ignore[arg-type]
                       cap=None if v.get("cap") is None else number_text(v["cap"]), source=b.src(stmt.span))
    _applies(b, ctx, stmt, v, declared.applies)
    b.walk_block(stmt, ctx, b.child(ctx, kind, declared, stmt))
    if b.define("stage", declared.id, stmt, declared.title or ""):
        ctx.obj.stages.append(declared)


@handles("bonus", "scoring")
def bonus(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    _stage(b, stmt, v, ctx, "bonus")


@handles("penalty", "scoring")
def penalty(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    _stage(b, stmt, v, ctx, "penalty")


@handles("bonus_cap", "scoring")
def bonus_cap(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    ctx.obj.bonus_cap = number_text(v["points"])


@handles("bounds", "scoring")
def bounds(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    ctx.obj.bounds = v["rule"]


@handles("veto", "scoring")
def veto(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    test = read_test(b, ctx, stmt, "test", v.get("when"), v.get("_when_spans"))
    if test is None:
        if not v.get("when"):
            b.emit("M001", "a veto needs its condition: `when FACT …`", stmt.span,
                   hint="e.g. `veto 重大事故 when 重大事故 grade 不达标`")
        return
    if v.get("grade") is None and v.get("bar") is None and v.get("score") is None:
        b.emit("M001", "a veto needs what it does: `grade NAME`, `bar NAME` (不得评为) or `score N`", stmt.span)
        return
    declared = m.Veto(id=v["id"], title=v.get("title"), test=test, grade=v.get("grade"), bar=v.get("bar"),
                      score=None if v.get("score") is None else number_text(v["score"]), source=b.src(stmt.span))
    _applies(b, ctx, stmt, v, declared.applies)
    if stmt.block:
        b.walk(stmt.block, b.child(ctx, "veto", declared, stmt))
    if b.define("veto", declared.id, stmt):
        ctx.obj.vetoes.append(declared)


@handles("band", "scoring")
def band(b: Builder, stmt: Statement, v: dict[str, Any], ctx: Ctx) -> None:
    if v.get("from") is None:
        b.emit("M001", "a band needs its lower bound: `from N`", stmt.span, hint='e.g. `band 优秀 "90分以上为优秀" from 90`')
        return
    ctx.obj.bands.append(m.Band(name=v["name"], low=number_text(v["from"]), words=v.get("words"), source=b.src(stmt.span)))
