"""The publish gate (`planc check --publish`): what a 文秘 would reject becomes an error."""

from __future__ import annotations

import re
from collections.abc import Iterator

from compiler import model as m
from compiler.rules import RuleContext, rule
from compiler.text import annex_list_lines, colophon_lines, reading_order
from diagnostics import Diagnostic

# a paragraph ends a sentence with one of these, possibly followed by closing marks (。） 。” ！」)
_END = re.compile(r"[。！？；：!?;:…][）)”’」』》〕\]】]*$")


_RECIPIENT_TAIL = re.compile(r"[，,、；;：:。.]$")


def _sources(plan: m.Plan) -> dict[str, m.Source]:
    found: dict[str, m.Source] = {}
    for items in (plan.actions, plan.sections, plan.committees, plan.metrics):
        for item in items:
            found[item.id] = item.source
    return found


def _before_bracket(text: str) -> str:
    """The text before a closing bracket group at its end (…推进。（牵头单位：…） → …推进。), else ""."""
    if not text or text[-1] not in "）)":
        return ""
    depth = 0
    for index in range(len(text) - 1, -1, -1):
        if text[index] in "）)":
            depth += 1
        elif text[index] in "（(":
            depth -= 1
            if depth == 0:
                return text[:index].rstrip()
    return ""


def _action_source(plan: m.Plan, text: str) -> m.Source | None:
    """The action whose prose or owner text ends the paragraph: where an `ack` for it belongs."""
    for action in reversed(plan.actions):
        if (action.owners_text and text.endswith(action.owners_text)) or (
                action.text and text.endswith(action.text[-1])):
            return action.source
    return None


@rule("V201")
def missing_parts(context: RuleContext) -> Iterator[Diagnostic]:
    if not getattr(context, "publish", False):
        return
    plan = context.plan
    missing = []
    if not plan.title.strip():
        missing.append("标题(title)")
    if not plan.issuers:
        missing.append("发文机关(issuer)")
    if plan.issued is None:
        missing.append("成文日期(issued)")
    if not plan.signature and not plan.issuers:
        missing.append("署名(signature)")
    for part in missing:
        yield context.diag("V201", f"发布前缺少{part} / the published document needs its {part}", plan.source,
                           hint="add it to the plan block, as the source document prints it")


@rule("V202")
def recipients(context: RuleContext) -> Iterator[Diagnostic]:
    if not getattr(context, "publish", False) or not context.plan.recipients:
        return
    for recipient in context.plan.recipients:
        if _RECIPIENT_TAIL.search(recipient) or "：" in recipient or ":" in recipient:
            yield context.diag("V202", f"主送机关“{recipient}”带有标点 / a recipient carries punctuation",
                               context.plan.source, hint="write each recipient without the marks between them; "
                               "the document joins them with “，” and ends the line with “：”")


@rule("V203")
def cut_sentences(context: RuleContext) -> Iterator[Diagnostic]:
    if not getattr(context, "publish", False):
        return
    plan = context.plan
    sources = _sources(plan)
    lists = set(annex_list_lines(plan) if plan.annex_list else []) | set(colophon_lines(plan))
    committees = {c.id for c in plan.committees}
    annex_titles = [s.title for s in plan.sections if s.kind == "annex" and s.title]
    for block in reading_order(plan):
        if block.kind != "paragraph" or block.role or not block.text.strip():
            continue
        if block.text in lists or (block.ref and block.ref in committees):
            continue  # the 附件说明, the 版记, a roster line (组长：… 市长): not sentences
        text = block.text.rstrip()
        if _END.search(text) or _END.search(_before_bracket(text)):
            continue  # …推进。  or an owner bracket after a finished sentence: …推进。（牵头单位：…）
        if any(text.endswith(title) for title in annex_titles):
            continue  # a line of the 附件说明 the notice writes itself: 2.…考核评价办法
        source = sources.get(block.ref or "") or _action_source(plan, text) or plan.source
        tail = text[-24:]
        yield context.diag("V203", f"段落未以句末标点结束 / a paragraph ends mid-sentence: “…{tail}”", source,
                           hint="compare with the source: restore the lost text, or `ack V203` with the reason")
