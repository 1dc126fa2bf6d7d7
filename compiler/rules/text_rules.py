"""Rules about the plan's prose and about indicators stated more than once."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from compiler import model as m
from compiler.rules import RuleContext, rule
from diagnostics import Diagnostic

_PAIRS = {"（": "）", "(": ")", "《": "》", "〈": "〉", "“": "”", "[": "]", "【": "】", "〔": "〕"}
_CLOSERS = {close: open_ for open_, close in _PAIRS.items()}


def unbalanced(paragraph: str) -> str | None:
    """The first bracket left open (or closed without opening) in a paragraph, if any."""
    stack: list[str] = []
    for ch in paragraph:
        if ch in _PAIRS:
            stack.append(ch)
        elif ch in _CLOSERS:
            if stack and stack[-1] == _CLOSERS[ch]:
                stack.pop()
            elif _CLOSERS[ch] in stack:
                return stack[-1]  # closes an outer bracket while an inner one is open
            else:
                return ch
    return stack[-1] if stack else None


@rule("V029")
def unbalanced_brackets(ctx: RuleContext) -> Iterator[Diagnostic]:
    holders: list[tuple[str, list[str], m.Source]] = [(s.id, s.text, s.source) for s in ctx.plan.sections]
    holders += [(a.id, a.text, a.source) for a in ctx.plan.actions]
    holders += [(s.id, s.preamble, s.source) for s in ctx.plan.sections]
    holders.append((ctx.plan.id, ctx.plan.notice + ctx.plan.preamble + ctx.plan.closing, ctx.plan.source))
    # owner text copied from the source (`owner_text`); generated owner text is always balanced
    owner_texts = [(a.id, [a.owners_verbatim], a.source) for a in ctx.plan.actions if a.owners_verbatim]
    for what, group in (("the text", holders), ("the owner text", owner_texts)):
        for owner_id, paragraphs, source in group:
            for paragraph in paragraphs:
                mark = unbalanced(paragraph)
                if mark is not None:
                    at = paragraph.find(mark)
                    excerpt = paragraph[max(0, at - 8) : at + 16]
                    yield ctx.diag(
                        "V029",
                        f"`{mark}` is not matched in {what} of `{owner_id}`: “…{excerpt}…”",
                        source,
                    )


def _amount(target: m.Target) -> tuple[Decimal | None, Decimal | None, str | None]:
    """A target's value as numbers, so 13.0% and 13% are the same target."""

    def number(text: str | None) -> Decimal | None:
        return Decimal(text) if text is not None else None

    return number(target.value), number(target.value_max), target.unit


@rule("V028")
def conflicting_targets(ctx: RuleContext) -> Iterator[Diagnostic]:
    by_name: dict[str, list[m.Metric]] = {}
    for metric in ctx.plan.metrics:
        by_name.setdefault(metric.name, []).append(metric)
        seen: dict[tuple[object, ...], m.Target] = {}
        for target in metric.targets:
            key = (target.by, target.each_year, target.firmness, target.op)
            if key in seen and _amount(seen[key]) != _amount(target):
                yield ctx.diag(
                    "V028",
                    f"metric `{metric.id}` has two different targets for the same date: "
                    f"{seen[key].value}{seen[key].unit or ''} and {target.value}{target.unit or ''}",
                    target.source,
                    labels=((seen[key].source, "the other target"),),
                )
            seen.setdefault(key, target)
    for name, metrics in by_name.items():
        if len(metrics) < 2:
            continue
        first = metrics[0]
        for other in metrics[1:]:
            a = [(t.op, *_amount(t), t.by) for t in first.targets]
            b = [(t.op, *_amount(t), t.by) for t in other.targets]
            if a and b and a != b and first.kind == other.kind:
                yield ctx.diag(
                    "V028",
                    f"“{name}” is targeted differently in `{first.id}` and `{other.id}`",
                    other.source,
                    labels=((first.source, f"`{first.id}` is written here"),),
                )

