"""What document.md shows, computed from the resolved plan: a pure function, no templates.

The body comes from :func:`compiler.text.reading_order` (the same reading the
fidelity tests use); this module decides how each paragraph is laid out and
computes the appendix tables: metrics, responsibilities, and the timetable.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

from compiler import model as m
from compiler.lookup import PlanIndex
from compiler.text import Block, chinese_date, reading_order
from compiler.vocab import FIRMNESS_ZH, TIMING_ZH, every_text
from targets.docs.rubric import RubricTable, rubric_tables
from targets.escape import Markdown
from targets.escape import markdown_inline as escape

# a thematic break separates the covering notice, the plan, each annex and the appendices
_BREAK_BEFORE = {"title", "annex_number"}

FIRMNESS = FIRMNESS_ZH
_OPS = {">=": "≥{}", "<=": "≤{}", ">": "＞{}", "<": "＜{}", "=": "{}", "~": "{}左右"}
_SENTENCE_END = "。；;！？!?"
_LABEL_CHARS = 30
EMPTY = "—"


@dataclass(frozen=True)
class Paragraph:
    """One block of the document: ``marks`` is the heading's ``## `` (Markdown), empty for a paragraph."""

    marks: Markdown
    text: str
    rule_before: bool = False


@dataclass(frozen=True)
class Table:
    number: int
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class DocumentView:
    paragraphs: tuple[Paragraph, ...]
    plan: m.Plan = field(repr=False, compare=False)
    rubric: tuple[RubricTable, ...] = ()  # a 考核细则's official tables: the source's text, printed

    @cached_property
    def tables(self) -> tuple[Table, ...]:
        """The appendix tables (指标, 责任分工, 时间节点), numbered; computed when asked for, as
        document.md does not print them (a fifth of its rendering time on a large plan went to them)."""
        return appendix_tables(self.plan)


def layout(block: Block) -> Paragraph | None:
    """How one reading-order block is printed; None for an empty paragraph.

    Headings take their level from the reading order: the titles of the notice,
    the plan and each annex are ``#``, 一、 is ``##``, (一) ``###`` and so on.
    附件1 stands on its own line above its annex's title, as in the printed document.
    """
    if not block.text.strip():
        return None
    rule = block.role in _BREAK_BEFORE
    if block.kind == "heading" and block.role != "annex_number":
        return Paragraph(Markdown("#" * min(block.level + 1, 6) + " "), block.text, rule)
    return Paragraph(Markdown(""), block.text, rule)


class _Names(PlanIndex):
    """Labels for units, people, sections and actions, as the appendix tables print them."""


    def owner(self, id_: str) -> str:
        if id_ in self.units:
            return self.units[id_].name
        if id_ in self.people:
            return self.people[id_].name
        return id_

    def owners(self, ids: list[str]) -> str:
        return "、".join(dict.fromkeys(self.owner(i) for i in ids)) or EMPTY

    def _section_path(self, section_id: str | None) -> tuple[str, str]:
        """(annex number or "", the numbers of the section and its parents, outermost first)."""
        numbers: list[str] = []
        annex = ""
        section = self.sections.get(section_id) if section_id else None
        while section is not None:
            if section.kind == "annex":
                annex = section.number
                break
            numbers.append(section.number)
            section = self.sections.get(section.parent) if section.parent else (
                self.sections.get(section.annex) if section.annex else None
            )
        return annex, "".join(reversed(numbers))

    def action(self, action_id: str) -> str:
        """The action's full number and its title: 二、(一)1.强化电力支撑; 附件1 二、(一)大力提振消费."""
        action = self.actions[action_id]
        numbers: list[str] = []
        current: m.Action | None = action
        while current is not None:
            numbers.append(current.number)
            current = self.actions.get(current.parent) if current.parent else None
        annex, path = self._section_path(action.section)
        label = path + "".join(reversed(numbers)) + _headline(action)
        return f"{annex} {label}" if annex else label

    def section(self, section_id: str) -> str:
        section = self.sections[section_id]
        annex, path = self._section_path(section_id)
        label = path + section.title if section.kind != "annex" else section.title
        return f"{annex} {label}" if annex else label

    def place(self, section_id: str | None, action_id: str | None) -> str:
        if action_id and action_id in self.actions:
            return self.action(action_id)
        if section_id and section_id in self.sections:
            return self.section(section_id)
        return EMPTY


def _headline(action: m.Action) -> str:
    """The action's title, or the first sentence of its prose (shortened) when it has none."""
    if action.title:
        return action.title
    text = action.text[0] if action.text else ""
    for index, char in enumerate(text):
        if char in _SENTENCE_END:
            text = text[:index]
            break
    return text if len(text) <= _LABEL_CHARS else text[:_LABEL_CHARS] + "…"


def _year_or_date(day: dt.date) -> str:
    return f"{day.year}年" if (day.month, day.day) == (12, 31) else chinese_date(day)


def target_value(target: m.Target, metric: m.Metric) -> str:
    if target.value is None:
        return "完成"
    if target.written is not None:  # as the source writes it, in its own order (500家以上)
        text = target.written
    elif target.value_max is not None:  # a range states both bounds; a comparator adds nothing
        text = f"{target.value}～{target.value_max}"
    else:
        text = _OPS[target.op].format(target.value)
    if target.each_year:
        text = "每年" + text
    if metric.kind == "avg_growth":
        text = "年均" + text
    base = target.base_year or metric.base_year
    if base is not None:
        text += f"（比{base}年）"
    return text


def target_due(target: m.Target, plan: m.Plan) -> str:
    if target.each_year:
        first = target.from_year or plan.period.start.year
        last = target.until_year or (target.by.year if target.by else plan.period.end.year)
        return f"{first}年每年" if first == last else f"{first}—{last}年每年"
    if target.by_written is not None:
        return target.by_written
    if target.by is not None:
        return _year_or_date(target.by)
    # a target stated without a date is due by the end of the plan period
    return _year_or_date(plan.period.end)


def metric_rows(plan: m.Plan, names: _Names) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    for metric in plan.metrics:
        owners = names.owners(_metric_owners(metric, names))
        for target in metric.targets:
            rows.append((
                metric.name,
                target_value(target, metric),
                target.unit or metric.unit or EMPTY,
                target_due(target, plan),
                FIRMNESS[target.firmness],
                owners,
            ))
    return rows


def _metric_owners(metric: m.Metric, names: _Names) -> list[str]:
    """The metric's own owners, or those who lead (else are responsible for) the action it belongs to."""
    if metric.owners:
        return metric.owners
    action = names.actions.get(metric.action) if metric.action else None
    while action is not None:
        if action.lead_units or action.responsible_units:
            return action.lead_units or action.responsible_units
        action = names.actions.get(action.parent) if action.parent else None
    return []


def responsibility_rows(plan: m.Plan, names: _Names) -> list[tuple[str, ...]]:
    roles: dict[str, dict[str, list[str]]] = {}
    for action in plan.actions:
        for role, ids in (("lead", action.lead_units), ("responsible", action.responsible_units),
                          ("co", action.co_units)):
            for unit_id in dict.fromkeys(ids):
                roles.setdefault(unit_id, {}).setdefault(role, []).append(names.action(action.id))
    rows = []
    # units in registry order, then any owner the registry does not hold (none after resolution)
    order = [u.id for u in plan.units if u.id in roles] + sorted(set(roles) - set(names.units))
    for unit_id in order:
        by_role = roles[unit_id]
        rows.append((
            names.owner(unit_id),
            *("；".join(by_role.get(role, [])) or EMPTY for role in ("lead", "responsible", "co")),
        ))
    return rows


def frequency(cadence: m.Cadence) -> str:
    if cadence.every is None:
        return TIMING_ZH[cadence.timing or "as_needed"]
    text = ("至少" if cadence.at_least else "") + every_text(cadence.every, cadence.interval) + "一次"
    if cadence.every == "dekad":
        text += "（每月1日、11日、21日）"
    if cadence.start or cadence.end:
        start = chinese_date(cadence.start) + "起" if cadence.start else ""
        end = "至" + chinese_date(cadence.end) if cadence.end else ""
        text += f"（{start}{end}）"
    return text


def due_text(due: m.Due) -> str:
    if due.written is not None:  # as the source writes it (2026年10月底前, 年底前)
        return due.written
    if due.kind == "once" and due.date is not None:
        return chinese_date(due.date) + "前"
    day = f"{due.month}月{due.day}日" if due.day is not None else f"{due.month}月底"
    return ("次年" if due.kind == "next_year" else "每年") + day + "前"


def timetable_rows(plan: m.Plan, names: _Names) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    for cadence in plan.cadences:
        rows.append((cadence.title, cadence.kind or "机制", frequency(cadence), names.owners(cadence.owners),
                     names.place(cadence.section, cadence.action)))
    for deadline in plan.deadlines:
        owners = names.owners(deadline.owners)
        if deadline.co_units:
            owners += f"（配合：{names.owners(deadline.co_units)}）"
        rows.append((deadline.title, "时限", "；".join(due_text(d) for d in deadline.due) or EMPTY,
                     owners, names.place(deadline.section, deadline.action)))
    return rows


METRIC_COLUMNS = ("指标", "目标", "单位", "时限", "确保/力争", "牵头单位")
RESPONSIBILITY_COLUMNS = ("单位", "牵头任务", "责任任务", "配合任务")
TIMETABLE_COLUMNS = ("事项", "类别", "频次/时限", "负责", "出处")


def document_view(plan: m.Plan) -> DocumentView:
    paragraphs = tuple(p for p in (layout(b) for b in reading_order(plan)) if p is not None)
    return DocumentView(paragraphs, plan, tuple(rubric_tables(plan)))


def appendix_tables(plan: m.Plan) -> tuple[Table, ...]:
    """The metrics, responsibilities and timetable tables; an empty one is left out."""
    names = _Names(plan)
    candidates = (
        ("主要指标", METRIC_COLUMNS, metric_rows(plan, names)),
        ("责任分工", RESPONSIBILITY_COLUMNS, responsibility_rows(plan, names)),
        ("工作机制与时间节点", TIMETABLE_COLUMNS, timetable_rows(plan, names)),
    )
    tables: list[Table] = []
    for title, columns, rows in candidates:
        if rows:  # an empty table is left out, and the others keep consecutive numbers
            tables.append(Table(len(tables) + 1, title, columns, tuple(rows)))
    return tuple(tables)


@dataclass(frozen=True)
class IndexRow:
    plan_id: str
    link: Markdown
    title: str
    actions: int
    targets: int
    units: int
    events: int


def index_rows(plans: list[m.Plan]) -> list[IndexRow]:
    rows = []
    for plan in sorted(plans, key=lambda p: p.id):
        # plan ids are identifiers (letters, digits, _ - ·), safe in a link destination; quoted all the same
        destination = "".join(c if c.isalnum() or c in "-_.·" else "%" + c.encode().hex("%").upper()
                              for c in plan.id)
        link = Markdown(f"[{escape(plan.id)}](<{destination}/document.md>)")
        rows.append(IndexRow(plan.id, link, plan.title, len(plan.actions),
                             sum(len(metric.targets) for metric in plan.metrics), len(plan.units),
                             len(plan.cadences) + len(plan.deadlines)))
    return rows
