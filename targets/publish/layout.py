"""The published document's parts, by role: what the .docx and the .html both lay out.

Computed from :func:`compiler.text.reading_order` (the text the fidelity tests read),
so the published document holds the source's text only: the 版头 (发文机关标志,
发文字号), the 标题, 主送, the notice and its 署名 and 成文日期, the plan, the
附件说明, each annex, and the 版记 (抄送, 印发) last. Text is made full-width
(GB/T 15834) here unless the caller asks to keep the plan's own marks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from compiler import model as m
from compiler.text import annex_list_lines, chinese_date, colophon_lines, reading_order
from targets.publish.punctuation import fullwidth

# the numbers that open a heading or a run-in title, by level (一、 （一） 1. （1）)
_LEVELS = (
    (1, re.compile(r"^[一二三四五六七八九十百]+、")),
    (2, re.compile(r"^[（(][一二三四五六七八九十百]+[）)]")),
    (3, re.compile(r"^\d+[.．]")),
    (4, re.compile(r"^[（(]\d+[）)]")),
)
_RUN_IN_CHARS = 40
_DATE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日$")


@dataclass(frozen=True)
class Para:
    """One paragraph of the published document.

    ``role``: issuer, doc_no, title, recipients, body, heading, signature, date,
    annex_note, annex_number, annex_title, copy_to, printed. ``level`` is the heading
    level (1 for 一、, 2 for （一）, 3 for 1.); for a body paragraph, the level of its
    run-in title ``run_in`` (the text it starts with), 0 when it has none.
    """

    role: str
    text: str
    level: int = 0
    run_in: str = ""
    new_page: bool = False
    new_section: bool = False


@dataclass(frozen=True)
class Published:
    """The published document: its paragraphs in order and the 信息公开 metadata the plan states."""

    paragraphs: tuple[Para, ...]
    title: str
    metadata: tuple[tuple[str, str], ...] = field(default_factory=tuple)


def level_of(text: str) -> int:
    for level, pattern in _LEVELS:
        if pattern.match(text):
            return level
    return 0


def metadata(plan: m.Plan, punctuate: bool = True) -> tuple[tuple[str, str], ...]:
    """The 信息公开 block: only what the plan states (发文机关, 成文日期, 文号, 发布日期)."""
    fix = fullwidth if punctuate else (lambda text: text)
    rows: list[tuple[str, str]] = []
    if plan.issuers:
        rows.append(("发文机关", fix("、".join(plan.issuers))))
    if plan.issued:
        rows.append(("成文日期", chinese_date(plan.issued)))
    if plan.doc_no:
        rows.append(("文号", plan.doc_no))
    if plan.published:
        rows.append(("发布日期", chinese_date(plan.published)))
    return tuple(rows)


def published(plan: m.Plan, punctuate: bool = True) -> Published:
    """The plan as published. ``punctuate`` (the default) makes its punctuation full-width per GB/T 15834."""
    fix = fullwidth if punctuate else (lambda text: text)
    blocks = reading_order(plan)
    actions = {a.id: a for a in plan.actions}
    colophon = colophon_lines(plan)
    n_colophon = len(colophon)
    body_end = len(blocks) - n_colophon
    first_annex = next((i for i, b in enumerate(blocks) if b.role == "annex_number"), body_end)
    annex_note = annex_list_lines(plan) if plan.annex_list else []
    note_start = first_annex - len(annex_note)
    if [b.text for b in blocks[note_start:first_annex]] != annex_note:
        note_start = first_annex  # not where expected: print the lines as body paragraphs
    sep, colon = ("," , ":") if plan.punctuation == "halfwidth" else ("，", "：")
    recipients_line = sep.join(plan.recipients) + colon if plan.recipients else None
    paragraphs: list[Para] = []
    seen_notice = False
    for index, block in enumerate(blocks):
        text = fix(block.text)
        if index >= body_end:
            role = "copy_to" if index < body_end + len(plan.copy_to) else "printed"
            paragraphs.append(Para(role, text))
            continue
        if note_start <= index < first_annex:
            paragraphs.append(Para("annex_note", text))
            continue
        if block.role == "issuer":
            paragraphs.append(Para("issuer", text))
        elif block.role == "doc_no":
            paragraphs.append(Para("doc_no", block.text))  # 〔〕 and the number as written
        elif block.role == "notice_title":
            paragraphs.append(Para("title", text))
            seen_notice = True
        elif block.role == "signature":
            paragraphs.append(Para("date" if _DATE.match(block.text) else "signature", text))
        elif block.role == "title":
            paragraphs.append(Para("title", text, new_page=seen_notice))
        elif block.role == "annex_number":
            paragraphs.append(Para("annex_number", text, new_section=True))
        elif block.role == "annex_title":
            paragraphs.append(Para("annex_title", text))
        elif block.kind == "heading":
            paragraphs.append(Para("heading", text, level=block.level))
        elif recipients_line is not None and block.text == recipients_line:
            paragraphs.append(Para("recipients", text))
            recipients_line = None  # the first such line only
        else:
            level = level_of(text)
            run_in = ""
            action = actions.get(block.ref or "")
            if level and action is not None and action.title:
                head = fix(action.number + action.title)
                if text.startswith(head):
                    run_in = head + ("。" if text[len(head):len(head) + 1] == "。" else "")
            if level and not run_in:  # a title the source wrote into the text: up to its first 。
                stop = text.find("。")
                run_in = text[:stop + 1] if 0 < stop <= _RUN_IN_CHARS else ""
            paragraphs.append(Para("body", text, level=level if run_in else 0, run_in=run_in))
    return Published(tuple(paragraphs), fix(plan.notice_title or plan.title), metadata(plan, punctuate))
