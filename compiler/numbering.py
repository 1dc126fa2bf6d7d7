"""Document numbering generated from structure: 一、 (一) 1. (1) ①, 一是, 附件N.

Numbers are never typed in a .plan file. A block's children are numbered in the
style for their depth, unless the block says otherwise with ``numbering``;
``numbering … continue`` carries the count on from the previous sibling block's
children (益阳's actions run 1–3 under (一) and 4–11 under (二)); ``numbering through STYLE``
gives every list of that style below the block one count, across parts and levels (广州's
items run 1…45 through five parts, some under 一、, some under (一)).
"""

from __future__ import annotations

from compiler import model as m

DEPTH_STYLES = ["cn", "cn_paren", "arabic", "arabic_paren", "circled"]
_DIGITS = "零一二三四五六七八九"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def chinese_numeral(n: int) -> str:
    """1 -> 一, 10 -> 十, 11 -> 十一, 20 -> 二十, 99 -> 九十九; larger numbers in digits."""
    if n <= 0 or n >= 100:
        return str(n)
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _DIGITS[ones]
    head = "" if tens == 1 else _DIGITS[tens]
    return head + "十" + (_DIGITS[ones] if ones else "")


def render_number(style: str, n: int, punctuation: str) -> str:
    left, right = ("(", ")") if punctuation == "halfwidth" else ("（", "）")
    if style == "cn":
        return chinese_numeral(n) + "、"
    if style == "cn_paren":
        return left + chinese_numeral(n) + right
    if style == "arabic":
        return f"{n}."
    if style == "arabic_paren":
        return f"{left}{n}{right}"
    if style == "circled":
        return _CIRCLED[n - 1] if 1 <= n <= len(_CIRCLED) else f"{left}{n}{right}"
    if style == "cn_ordinal":
        return chinese_numeral(n) + "是"
    return ""


def assign_numbers(plan: m.Plan) -> None:
    sections = {s.id: s for s in plan.sections}
    actions = {a.id: a for a in plan.actions}
    punctuation = plan.punctuation

    def node(item: m.ContentItem) -> m.Section | m.Action | None:
        if item.kind == "section" and item.ref:
            return sections.get(item.ref)
        if item.kind == "action" and item.ref:
            return actions.get(item.ref)
        return None

    def visit(numbering: m.Numbering, items: list[m.ContentItem], depth: int, start: int,
              shared: dict[str, list[int]]) -> int:
        style = numbering.style or DEPTH_STYLES[min(depth, len(DEPTH_STYLES) - 1)]
        next_depth = DEPTH_STYLES.index(style) + 1 if style in DEPTH_STYLES else depth + 1
        if numbering.through:  # a count of its own for each style this block numbers through
            shared = {**shared, **{s: [0] for s in numbering.through}}
        cell = shared.get(style)  # one count shared with every list of this style in the subtree
        counter = cell[0] if cell is not None else start
        previous_last = 0
        for item in items:
            child = node(item)
            if child is None:
                continue
            if isinstance(child, m.Action) and child.form in ("inline", "label"):
                child.number = ""
            else:
                counter += 1
                child.number = render_number(style, counter, punctuation)
                if cell is not None:
                    cell[0] = counter
            child_start = previous_last if child.numbering.continue_from_previous else 0
            previous_last = visit(child.numbering, child.content, next_depth, child_start, shared)
            if cell is not None:  # the child's own lists may have numbered on in this style
                counter = cell[0]
        return counter

    top_level: list[m.ContentItem] = []
    annex_count = 0
    for item in plan.content:
        child = node(item)
        if isinstance(child, m.Section) and child.kind == "annex":
            annex_count += 1
            child.number = f"附件{annex_count}"
            visit(child.numbering, child.content, 0, 0, {})
        else:
            top_level.append(item)
    visit(plan.numbering, top_level, 0, 0, {})
