"""Rules about the document's text: empty sections, repeated prose, unbalanced brackets, quantities the prose commits to."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from compiler import model as m
from compiler.rules import RuleContext, rule
from diagnostics import Diagnostic


@rule("V018")
def empty_sections(ctx: RuleContext) -> Iterator[Diagnostic]:
    for section in ctx.plan.sections:
        if not section.content and not section.preamble:
            yield ctx.diag("V018", f"section `{section.id}` is empty", section.source)


@rule("V019")
def duplicated_prose(ctx: RuleContext) -> Iterator[Diagnostic]:
    seen: dict[str, m.Source] = {}
    holders: list[tuple[list[str], m.Source]] = [(s.text, s.source) for s in ctx.plan.sections]
    holders += [(a.text, a.source) for a in ctx.plan.actions]
    for paragraphs, source in holders:
        for paragraph in paragraphs:
            key = "".join(paragraph.split())
            if len(key) < 12:
                continue  # short formulae (加强组织领导。) legitimately repeat
            if key in seen and seen[key] != source:
                yield ctx.diag(
                    "V019",
                    f"this paragraph also appears earlier: “{paragraph[:24]}…”",
                    source,
                    labels=((seen[key], "first written here"),),
                )
            else:
                seen.setdefault(key, source)


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


# A figure with a measure word or unit, as plans state commitments: 110个, 2个, 500家, 1000名, 51.01万户,
# 8.5%, 0.5个百分点. Not years, months, days, ages or durations (2025年, 3月, 35岁, 5年内), not ordinals (第3个)
# and not classes (500亿级产业, 10亿级项目).
_MEASURE_WORDS = (
    "个百分点", "平方公里", "平方米", "公里", "千米", "千瓦", "兆瓦", "万千瓦", "个", "家", "名", "项", "条", "所", "座",
    "处", "场", "次", "件", "人", "户", "套", "台", "辆", "米", "亩", "吨", "元", "美元", "篇", "批", "支", "张", "间", "栋",
    "床", "艘", "部", "株", "宗", "本", "册", "%", "％", "‰",
)


_QUANTITY_IN_TEXT = re.compile(
    r"(?<![\d.第])(\d+(?:\.\d+)?)(?:[万亿]?(?:" + "|".join(sorted(map(re.escape, _MEASURE_WORDS), key=len, reverse=True))
    + r")|[万亿](?![年月日]))(?!级)")  # 500亿级产业 names a class of industry, not a figure


def _quoted_or_bracketed(text: str) -> list[bool]:
    """For each character, whether it sits inside “…” or a bracket (（…） (…)): names and asides, not commitments."""
    inside: list[bool] = []
    depth = 0
    for ch in text:
        if ch in "“（(":
            depth += 1
        inside.append(depth > 0)
        if ch in "”）)" and depth:
            depth -= 1
    return inside


def stated_quantities(text: str) -> list[tuple[str, Decimal]]:
    """The quantities a paragraph commits to, as written and as numbers: 加快推动110个重点项目建设 -> [('110个', 110)].

    Left out, as they describe rather than commit: figures inside “…” or brackets (“1个总体方案+7个实施方案”,
    县市区组(5家单位)), factors, rates and ranks (2×100万千瓦, ×85%, 按15%折算, 前20名), qualifiers (低于90%的), and shares of
    points (第二名得90%分).
    """
    inside = _quoted_or_bracketed(text)
    found = []
    for match in _QUANTITY_IN_TEXT.finditer(text):
        before, after = text[match.start() - 1: match.start()], text[match.end(): match.end() + 1]
        if inside[match.start()] or before in ("×", "*", "前", "按") or after == "的" or (match.group(0)[-1] in "%％" and after == "分"):
            continue
        found.append((match.group(0), Decimal(match.group(1))))
    return found


@rule("V031")
def quantities_without_metrics(ctx: RuleContext) -> Iterator[Diagnostic]:
    children: dict[str, list[str]] = {}
    for action in ctx.plan.actions:
        if action.parent:
            children.setdefault(action.parent, []).append(action.id)
    metrics_of: dict[str, list[m.Metric]] = {}
    for metric in ctx.plan.metrics:
        if metric.action:
            metrics_of.setdefault(metric.action, []).append(metric)

    def carried(action_id: str) -> set[Decimal]:
        numbers: set[Decimal] = set()
        for metric in metrics_of.get(action_id, []):
            for target in metric.targets:
                numbers.update(Decimal(v) for v in (target.value, target.value_max) if v is not None)
            if metric.base_value is not None:
                numbers.add(Decimal(metric.base_value))
        for child in children.get(action_id, []):
            numbers |= carried(child)
        return numbers

    for action in ctx.plan.actions:
        stated = [q for paragraph in action.text for q in stated_quantities(paragraph)]
        if not stated:
            continue
        numbers = carried(action.id)
        missing = [written for written, number in stated if number not in numbers]
        if missing:
            listed = "、".join(dict.fromkeys(missing))
            yield ctx.diag("V031", f"the text of `{action.id}` states {listed}, which no metric of the action carries",
                           action.source,
                           hint="add a metric with the target, or `ack V031 \"…\"` in the action saying why it has none")
