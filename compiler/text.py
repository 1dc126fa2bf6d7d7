"""The plan's text in reading order, as the published document presents it.

Used by the document target and by the fidelity tests, so both read a plan the
same way: the title block (issuer, document number), covering notice, title,
preamble, then each part with its generated number, title, prose and owners.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from compiler import model as m

_TERMINAL = "。：:；;！？!?"


@dataclass(frozen=True)
class Block:
    """One paragraph of the document. ``kind`` is heading/paragraph.

    ``level`` for headings: 0 for the titles of the notice, the plan and each annex,
    1 for 一、, 2 for (一) and so on, the same in the body and in an annex.
    ``role`` names the parts of the title block and of an annex a renderer lays out
    on their own (issuer, doc_no, notice_title, signature, title, annex_number,
    annex_title); other paragraphs leave it empty.
    """

    kind: str
    text: str
    level: int = 0
    ref: str | None = None
    role: str = ""


def chinese_date(day: dt.date) -> str:
    """2022-06-12 -> 2022年6月12日, as a signature writes the date."""
    return f"{day.year}年{day.month}月{day.day}日"


def _join_title(number: str, title: str | None, text: str | None) -> str:
    head = number + (title or "")
    if title and text:
        if title[-1] not in _TERMINAL:
            head += "。"
    return head + (text or "")


def roster_lines(committee: m.Committee, people: dict[str, m.Person], colon: str) -> list[str]:
    """A committee's roster as printed: ``组长:刘志仁 市委书记``, then ``胡贺波 市委副书记、…``.

    The position is printed on the first line of each run of members holding it.
    """
    lines: list[str] = []
    previous: str | None = None
    for member in committee.members:
        person = people.get(member.person)
        name = person.name if person else member.person
        line = f"{name} {person.role}" if person and person.role else name
        if member.position and member.position != previous:
            line = member.position + colon + line
        previous = member.position
        lines.append(line)
    return lines


def reading_order(plan: m.Plan) -> list[Block]:
    """Every paragraph of the published document, in order, with generated numbers and owner text."""
    sections = {s.id: s for s in plan.sections}
    actions = {a.id: a for a in plan.actions}
    committees = {c.id: c for c in plan.committees}
    people = {p.id: p for p in plan.people}
    colon = ":" if plan.punctuation == "halfwidth" else "："
    blocks: list[Block] = []

    def emit_action(action: m.Action, depth: int, prefix: str | None) -> str | None:
        """Emit an action; returns an open paragraph that an inline follower may continue."""
        paragraphs = list(action.text) or [""]
        first = paragraphs[0]
        if action.form == "heading":
            blocks.append(Block("heading", action.number + (action.title or ""), depth, action.id))
            opening = first
        elif action.form == "label":
            opening = (action.title or "") + (colon if action.title else "") + first
        else:
            opening = _join_title(action.number, action.title, first)
            if not action.text and action.title and action.title[-1] not in _TERMINAL and _run_on_child(action):
                opening += "。"  # (一)增强县城综合承载能力。一是…: the title still ends its sentence
        if prefix is not None:  # the caller decided this action continues its paragraph
            opening = prefix + opening
        current = [opening] + paragraphs[1:]
        if action.owners_text:
            current[-1] = current[-1] + action.owners_text
        for paragraph in current[:-1]:
            if paragraph:
                blocks.append(Block("paragraph", paragraph, ref=action.id))
        open_paragraph: str | None = current[-1]
        for item in action.content:
            if item.kind == "action" and item.ref in actions:
                child = actions[item.ref]
                joins = child.form == "inline" or child.number.endswith("是")
                if joins:
                    open_paragraph = emit_action(child, depth + 1, open_paragraph or "")
                else:
                    if open_paragraph:
                        blocks.append(Block("paragraph", open_paragraph, ref=action.id))
                    open_paragraph = emit_action(child, depth + 1, None)
        return open_paragraph

    def _run_on_child(action: m.Action) -> bool:
        """Whether the action's first item is a sub-action that continues its paragraph (一是…, inline)."""
        printed = next((i for i in action.content if i.kind in ("text", "action")), None)
        if printed is None or printed.kind != "action" or printed.ref not in actions:
            return False
        child = actions[printed.ref or ""]
        return child.form == "inline" or child.number.endswith("是")

    def emit_content(items: list[m.ContentItem], depth: int) -> None:
        open_paragraph: str | None = None
        for item in items:
            if item.kind == "text" and item.text is not None:
                if open_paragraph:
                    blocks.append(Block("paragraph", open_paragraph))
                    open_paragraph = None
                blocks.append(Block("paragraph", item.text))
            elif item.kind == "section" and item.ref in sections:
                if open_paragraph:
                    blocks.append(Block("paragraph", open_paragraph))
                    open_paragraph = None
                emit_section(sections[item.ref], depth)
            elif item.kind == "committee" and item.ref in committees:
                if open_paragraph:
                    blocks.append(Block("paragraph", open_paragraph))
                    open_paragraph = None
                committee = committees[item.ref]
                for line in roster_lines(committee, people, colon) + committee.text:
                    blocks.append(Block("paragraph", line, ref=committee.id))
            elif item.kind == "action" and item.ref in actions:
                action = actions[item.ref]
                joins = action.form == "inline" and open_paragraph is not None
                if not joins and open_paragraph:
                    blocks.append(Block("paragraph", open_paragraph))
                    open_paragraph = None
                open_paragraph = emit_action(action, depth + 1, open_paragraph if joins else None)
        if open_paragraph:
            blocks.append(Block("paragraph", open_paragraph))

    def emit_section(section: m.Section, depth: int) -> None:
        if section.kind == "annex":
            blocks.append(Block("heading", section.number, 0, section.id, "annex_number"))
            blocks.append(Block("heading", section.title, 0, section.id, "annex_title"))
            for paragraph in section.preamble:
                blocks.append(Block("paragraph", paragraph))
            emit_content(section.content, 0)  # an annex restarts at 一、, at the body's levels
            for paragraph in section.closing:
                blocks.append(Block("paragraph", paragraph))
            return
        content = section.content
        if section.form == "run_in":  # （一）标题。正文……: the title opens the first paragraph
            first = content[0] if content else None
            lead = first.text if first is not None and first.kind == "text" else None
            blocks.append(Block("paragraph", _join_title(section.number, section.title, lead), ref=section.id))
            content = content[1:] if lead is not None else content
        else:
            blocks.append(Block("heading", section.number + section.title, depth + 1, section.id))
        emit_content(content, depth + 1)

    # the title block as an official document prints it: issuer, 文号, title, 主送, notice, 落款
    for issuer in plan.issuers:
        blocks.append(Block("paragraph", issuer, role="issuer"))
    if plan.doc_no:
        blocks.append(Block("paragraph", plan.doc_no, role="doc_no"))
    if plan.notice_title:
        blocks.append(Block("heading", plan.notice_title, 0, role="notice_title"))
    if plan.recipients:
        sep = "," if plan.punctuation == "halfwidth" else "，"
        blocks.append(Block("paragraph", sep.join(plan.recipients) + colon))
    for paragraph in plan.notice:
        blocks.append(Block("paragraph", paragraph))
    # without signature lines of its own, the document is signed by its issuers and dated
    signature = plan.signature or plan.issuers + ([chinese_date(plan.issued)] if plan.issued else [])
    for line in signature:
        blocks.append(Block("paragraph", line, role="signature"))
    blocks.append(Block("heading", plan.title, 0, role="title"))
    for paragraph in plan.preamble:
        blocks.append(Block("paragraph", paragraph))
    main = [i for i in plan.content if not (i.kind == "section" and sections.get(i.ref or "", None) is not None
                                            and sections[i.ref or ""].kind == "annex")]
    emit_content(main, 0)
    for paragraph in plan.closing:
        blocks.append(Block("paragraph", paragraph))
    if plan.annex_list:
        blocks.extend(Block("paragraph", line) for line in annex_list_lines(plan))
    for item in plan.content:
        section = sections.get(item.ref or "") if item.kind == "section" else None
        if section is not None and section.kind == "annex":
            emit_section(section, 0)
    blocks.extend(Block("paragraph", line) for line in colophon_lines(plan))
    return blocks


def annex_list_lines(plan: m.Plan) -> list[str]:
    """The annex note after the body (附件说明): 附件:1.… then 2.… one a line; a single annex is not numbered."""
    annexes = [s for s in plan.sections if s.kind == "annex"]
    order = {item.ref: i for i, item in enumerate(plan.content)}
    annexes.sort(key=lambda s: order.get(s.id, 0))
    colon = ":" if plan.punctuation == "halfwidth" else "："
    if not annexes:
        return []
    if len(annexes) == 1:
        return ["附件" + colon + annexes[0].title]
    lines = [f"{i}.{annex.title}" for i, annex in enumerate(annexes, 1)]
    lines[0] = "附件" + colon + lines[0]
    return lines


def colophon_lines(plan: m.Plan) -> list[str]:
    """The colophon (版记) at the end of the document: 抄送:… lines, then …年…月…日印发."""
    colon = ":" if plan.punctuation == "halfwidth" else "："
    lines = list(plan.copy_to)
    if lines:
        lines[0] = "抄送" + colon + lines[0]
    if plan.printed is not None:
        day = plan.printed.date
        lines.append(f"{plan.printed.office}{day.year}年{day.month}月{day.day}日印发")
    return lines


def plain_text(plan: m.Plan) -> str:
    """All the plan's published text in reading order, one paragraph a line."""
    return "\n".join(b.text for b in reading_order(plan))
