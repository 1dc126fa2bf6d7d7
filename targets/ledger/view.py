"""The work ledger (工作台账) of a plan, computed from the resolved model: a pure function.

Three sheets: 任务 (every task with its owners as the source assigns them), 指标 (every target,
with empty progress columns for the reporting periods), 时间节点 (the timetable). Every cell is
either the plan's own text or a rendering of the model; anything the ledger derives rather than
reads is marked so (``（推定）``, ``（所属任务牵头单位）``). Dates are shown as the source writes them
when its sentence holds one; a day the plan only implies is marked, never shown bare.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from compiler import model as m
from compiler.lookup import PlanIndex
from compiler.text import chinese_date
from compiler.vocab import FREQUENCY, SCORING_FREQUENCIES
from targets.docs.view import FIRMNESS, frequency, target_value

EMPTY = ""
INFERRED = "（推定）"
ESTIMATE = "预计"
_SENTENCE = re.compile(r"[^。；;！？!?\n]+[。；;！？!?]?")
# a time phrase as a plan writes a deadline: 2025年3月底前, 3月底前, 6月30日前, 年底前, 上半年
_WHEN = re.compile(
    r"(?:(?:\d{4}|[二〇零一二三四五六七八九]{4})年)?"
    r"(?:\d{1,2}月(?:\d{1,2}日|底|末|中旬|上旬|下旬)?|年底|年末|上半年|下半年|年内)"
    r"(?:前|以前|之前)?"
    r"|(?:到|至|在)?\d{4}年(?:底|末)?(?:前)?"
)
_GROWTH_NAME = re.compile(r"(增长|增速|增幅|增长率)$")
# progress is reported per month at the finest: the week-based frequencies report monthly
_GRAIN_ORDER = SCORING_FREQUENCIES  # the month-based frequencies, finest first
_PERIOD_GRAIN = {f.name: f.name if f.months else "month" for f in FREQUENCY.values()}
_GRAIN_NAME = {name: "按" + FREQUENCY[name].zh for name in _GRAIN_ORDER}


@dataclass(frozen=True)
class Sheet:
    """One sheet: its name, a title line, column headings with widths (in characters), and rows."""

    name: str
    title: str
    columns: tuple[str, ...]
    widths: tuple[int, ...]
    rows: tuple[tuple[str, ...], ...]
    note: str = ""


@dataclass(frozen=True)
class Ledger:
    plan: str
    title: str
    sheets: tuple[Sheet, ...]
    periods: tuple[str, ...]  # the progress columns of the 指标 sheet, as the progress reader reads them


def sentences(texts: list[str]) -> list[str]:
    out: list[str] = []
    for text in texts:
        out.extend(s.strip() for s in _SENTENCE.findall(text) if s.strip())
    return out


class _Plan(PlanIndex):
    """Lookups over the plan: names as written, the texts around each element, number paths.

    One per ledger: the sentences around a place and each deadline's wording are computed once
    (many metrics and deadlines stand in the same action), kept in this instance only.
    """

    def __init__(self, plan: m.Plan) -> None:
        super().__init__(plan)
        self._sentences: dict[tuple[str | None, str | None], list[str]] = {}
        self._context: dict[tuple[str | None, str | None], str] = {}
        self._written: dict[str, str] = {}

    def deadline_written(self, deadline_id: str) -> str:
        """A deadline as its sentence writes it (3月底前), else from the model, a bare date marked."""
        written = self._written.get(deadline_id)
        if written is None:
            deadline = self.deadlines[deadline_id]
            sentence = first_sentence(self.sentences(deadline.section, deadline.action), deadline.title)
            written = when_written(sentence, deadline.title) or "；".join(_due_text(d) for d in deadline.due)
            self._written[deadline_id] = written
        return written

    def sentences(self, section_id: str | None, action_id: str | None) -> list[str]:
        """:func:`sentences` of :meth:`texts` (the same list for the same place: not to be changed)."""
        key = (section_id, action_id)
        found = self._sentences.get(key)
        if found is None:
            found = self._sentences[key] = sentences(self.texts(section_id, action_id))
        return found

    def metric_context(self, metric: m.Metric) -> str:
        """The text around a metric as one string: its own, its action's and section's."""
        key = (metric.section, metric.action)
        around = self._context.get(key)
        if around is None:
            around = self._context[key] = "".join(self.texts(metric.section, metric.action))
        return "".join(metric.text) + around

    def texts(self, section_id: str | None, action_id: str | None) -> list[str]:
        """The prose a metric, cadence or deadline stands in: its action's and section's, outermost last."""
        out: list[str] = []
        action = self.actions.get(action_id) if action_id else None
        while action is not None:
            out += action.text + [c.text for c in action.content if c.kind == "text" and c.text]
            if section_id is None:
                section_id = action.section
            action = self.actions.get(action.parent) if action.parent else None
        section = self.sections.get(section_id) if section_id else None
        while section is not None:
            out += section.preamble + section.text + [c.text for c in section.content if c.kind == "text" and c.text]
            section = self.sections.get(section.parent) if section.parent else None
        return out

    def number_path(self, action: m.Action) -> str:
        """The task's full number: 二、(一)1.; 附件1 一、1."""
        numbers: list[str] = []
        current: m.Action | None = action
        while current is not None:
            numbers.append(current.number)
            current = self.actions.get(current.parent) if current.parent else None
        section = self.sections.get(action.section) if action.section else None
        annex = ""
        while section is not None:
            if section.kind == "annex":
                annex = section.number
                break
            numbers.append(section.number)
            section = self.sections.get(section.parent) if section.parent else (
                self.sections.get(section.annex) if section.annex else None)
        path = "".join(reversed(numbers))
        return f"{annex} {path}" if annex else path

    def unit_names(self, ids: list[str]) -> str:
        return "、".join(dict.fromkeys(self.units[i].name if i in self.units else i for i in ids))

    def owner_names(self, ids: list[str], sentence: str) -> str:
        """Units by name; a person by name only where the sentence names them, else by the office held."""
        shown: list[str] = []
        for i in ids:
            if i in self.units:
                shown.append(self.units[i].name)
            elif i in self.people:
                person = self.people[i]
                shown.append(person.name if person.name in sentence or not person.role else person.role)
            else:
                shown.append(i)
        return "、".join(dict.fromkeys(shown))


def find_sentence(texts: list[str], *needles: str) -> str:
    """The first sentence holding every needle (empty needles ignored); else the first holding the first."""
    return first_sentence(sentences(texts), *needles)


def first_sentence(candidates: list[str], *needles: str) -> str:
    """:func:`find_sentence` over sentences already split."""
    wanted = [n for n in needles if n]
    for sentence in candidates:
        if all(n in sentence for n in wanted):
            return sentence
    if wanted:
        for sentence in candidates:
            if wanted[0] in sentence:
                return sentence
    return ""


def when_written(sentence: str, anchor: str = "") -> str:
    """The time phrase of a sentence, nearest after the anchor's start (the phrase as written)."""
    start = sentence.find(anchor) if anchor and anchor in sentence else 0
    found = [match for match in _WHEN.finditer(sentence) if match.group().strip("到至在")]
    if not found:
        return ""
    before = [f for f in found if f.start() <= start]
    after = [f for f in found if f.start() > start]
    match = before[-1] if before and not after else (after[0] if after and not before else (before[-1] if before else after[0]))
    return match.group().lstrip("到至在")


def metric_label(metric: m.Metric) -> str:
    """The metric's name; a growth rate is named as growth."""
    name = metric.name
    if metric.kind in ("growth", "avg_growth") and not _GROWTH_NAME.search(name):
        name += "年均增速" if metric.kind == "avg_growth" and "年均" not in name else "增速"
    return name


def metric_sentence(names: _Plan, metric: m.Metric, target: m.Target, own: list[str] | None = None) -> str:
    """The sentence stating the target: in the metric's own text (``own``: its sentences, when already split)
    and then around it, the first naming the metric (its first four characters) and holding the value;
    else the first naming it (:func:`find_sentence` with the name and the value, in one pass)."""
    if own is None:
        own = sentences(metric.text)
    value = target.value or ""
    name = metric.name.strip("“”\"")[:4]
    named = ""
    for candidates in (own, names.sentences(metric.section, metric.action)):
        for sentence in candidates:
            if name in sentence:
                if not value or value in sentence:
                    return sentence
                if not named:
                    named = sentence
    return named if name else ""


def due_cell(target: m.Target, plan: m.Plan, sentence: str, anchor: str, context: Callable[[], str]) -> str:
    """The due date as the source writes it; a date only the model holds is marked. ``context()``: the
    text around the target, asked for only when the year must be found in it."""
    if target.each_year:
        first = target.from_year or plan.period.start.year
        last = target.until_year or (target.by.year if target.by else plan.period.end.year)
        return f"{first}年每年" if first == last else f"{first}—{last}年每年"
    written = when_written(sentence, anchor)
    if written and (target.by is None or str(target.by.year) in written or not re.search(r"\d{4}", written)):
        return written
    if target.by is None or target.by == plan.period.end:
        return f"{plan.period.end.year}年（方案期末）"
    if (target.by.month, target.by.day) == (12, 31):
        # the year is stated around the target (到2025年, …) or only implied: never a day the source lacks
        return f"{target.by.year}年" if f"{target.by.year}年" in context() else f"{target.by.year}年{INFERRED}"
    return chinese_date(target.by) + INFERRED


def target_cell(metric: m.Metric, target: m.Target, sentence: str) -> str:
    text = target_value(target, metric)
    if metric.kind == "growth" and target.value is not None:
        text = "增长" + text
    if target.unit or metric.unit:
        text += target.unit or metric.unit or ""
    if ESTIMATE in sentence:
        text = f"{ESTIMATE}{text}（原文为预计数，不作目标考核）"
    return text


def reporting_grain(plan: m.Plan) -> str:
    """The finest cadence of the plan, no finer than a month; yearly when it has none."""
    grains = [_PERIOD_GRAIN[c.every] for c in plan.cadences if c.every is not None]
    return min(grains, key=_GRAIN_ORDER.index) if grains else "year"


def progress_periods(plan: m.Plan) -> list[str]:
    """Column headings the progress reader reads: 2025-01 … 2025-11 then 2025; 2025Q1 … 2025Q3 then 2025.

    Each value is as of the end of its period (year to date); the last period of a year is the
    year itself, the value a year-end judgement needs.
    """
    grain = reporting_grain(plan)
    out: list[str] = []
    for year in range(plan.period.start.year, plan.period.end.year + 1):
        if grain == "month":
            out += [f"{year}-{month:02d}" for month in range(1, 12)]
        elif grain == "quarter":
            out += [f"{year}Q{q}" for q in range(1, 4)]
        elif grain == "halfyear":
            out.append(f"{year}Q2")
        out.append(str(year))
    start = plan.period.start
    return [p for p in out if not (len(p) == 4 and int(p) < start.year)]


TASK_COLUMNS = ("编号", "任务", "牵头领导", "牵头单位", "配合单位", "责任单位", "完成时限", "原文")
TASK_WIDTHS = (14, 24, 12, 18, 24, 18, 12, 60)
METRIC_COLUMNS = ("序号", "指标编号", "指标", "目标", "单位", "完成时限", "力度", "责任单位", "跟踪责任单位", "原文")
METRIC_WIDTHS = (6, 14, 22, 16, 8, 14, 8, 20, 16, 50)
TIMETABLE_COLUMNS = ("序号", "事项", "类别", "频次/时限", "负责", "所属任务", "原文")
TIMETABLE_WIDTHS = (6, 30, 10, 20, 24, 24, 50)


def _each_once(texts: list[str], separator: str) -> str:
    """The texts joined, each different one once, in order."""
    return separator.join(dict.fromkeys(texts)) if len(texts) > 1 else (texts[0] if texts else "")


def _task_rows(names: _Plan) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    none: list[str] = []
    for action in names.plan.actions:
        by_role: dict[str, list[str]] = {}
        for owner in action.owners:
            by_role.setdefault(owner.role, []).append(owner.as_written)
        deadlines = [names.deadline_written(d) for d in action.deadlines if d in names.deadlines]
        rows.append((
            names.number_path(action),
            action.title or "",
            _each_once(by_role.get("lead_leader", none), "、"),
            _each_once(by_role.get("lead", none), "、"),
            _each_once(by_role.get("co", none), "、"),
            _each_once(by_role.get("responsible", none) + by_role.get("owner", none), "、"),
            _each_once(deadlines, "；"),
            "".join(action.text),
        ))
    return rows


def _metric_rows(names: _Plan) -> list[tuple[str, ...]]:
    plan = names.plan
    merged: dict[tuple[str, ...], tuple[list[str], list[list[str]]]] = {}  # identity -> metric ids, rows
    order: list[tuple[str, ...]] = []
    for metric in plan.metrics:
        cells: list[tuple[str, ...]] = []
        own = sentences(metric.text)
        for target in metric.targets:
            sentence = metric_sentence(names, metric, target, own)
            owners = names.unit_names(metric.owners)
            if not owners:
                action = names.actions.get(metric.action) if metric.action else None
                while action is not None and not action.lead_units:
                    action = names.actions.get(action.parent) if action.parent else None
                if action is not None:
                    owners = names.unit_names(action.lead_units) + "（所属任务牵头单位）"
            cells.append((
                metric_label(metric),
                target_cell(metric, target, sentence),
                target.unit or metric.unit or "",
                due_cell(target, plan, sentence, metric.name.strip("“”")[:4],
                         partial(names.metric_context, metric)),
                FIRMNESS[target.firmness] if target.firmness != "stated" else "",
                owners,
                names.unit_names(metric.follow_up),
                sentence,
            ))
        if len(cells) == 1:
            key = cells[0]
        else:
            key = tuple("\n".join(column) for column in zip(*cells)) if cells else (metric_label(metric),) + ("",) * 7
        # one target stated twice (主要目标 and an annex) is one row: same name, target, unit and due
        identity = key[:4]
        if identity not in merged:
            merged[identity] = ([], [list(key)])
            order.append(identity)
        else:
            merged[identity][1].append(list(key))
        merged[identity][0].append(metric.id)
    rows: list[tuple[str, ...]] = []
    for index, identity in enumerate(order, start=1):
        ids, versions = merged[identity]
        # the other columns: each different text once (firmness, owners, follow-up, sentence)
        if len(versions) == 1:
            rest = tuple(versions[0][4:8])
        else:
            rest = tuple("\n".join(dict.fromkeys(v[i] for v in versions if v[i])) for i in range(4, 8))
        rows.append((str(index), "、".join(ids), *identity, *rest))
    return rows


def _timetable_rows(names: _Plan) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    seen: set[tuple[str, ...]] = set()

    def add(row: tuple[str, ...]) -> None:
        if row[:4] not in seen:  # one event stated twice (in a task and in the safeguards) is one row
            seen.add(row[:4])
            rows.append((str(len(rows) + 1), *row))

    for cadence in names.plan.cadences:
        sentence = first_sentence(names.sentences(cadence.section, cadence.action), cadence.title) or cadence.title
        action = names.actions.get(cadence.action) if cadence.action else None
        add((cadence.title, cadence.kind or "机制", frequency(cadence), names.owner_names(cadence.owners, sentence),
             names.number_path(action) if action else "", sentence))
    for deadline in names.plan.deadlines:
        sentence = first_sentence(names.sentences(deadline.section, deadline.action), deadline.title) or deadline.title
        written = names.deadline_written(deadline.id)
        action = names.actions.get(deadline.action) if deadline.action else None
        add((deadline.title, "时限", written, names.owner_names(deadline.owners, sentence),
             names.number_path(action) if action else "", sentence))
    return rows


def _due_text(due: m.Due) -> str:
    if due.kind == "once" and due.date is not None:
        return chinese_date(due.date) + "前" + INFERRED
    day = f"{due.month}月{due.day}日" if due.day is not None else f"{due.month}月底"
    return ("次年" if due.kind == "next_year" else "每年") + day + "前"


def ledger(plan: m.Plan) -> Ledger:
    """The plan's ledger: tasks, targets with progress columns, timetable."""
    names = _Plan(plan)
    periods = progress_periods(plan)
    grain = _GRAIN_NAME[reporting_grain(plan)]
    sheets = (
        Sheet("任务", f"{plan.title}任务分解表", TASK_COLUMNS, TASK_WIDTHS, tuple(_task_rows(names))),
        Sheet("指标", f"{plan.title}指标进度台账", METRIC_COLUMNS + tuple(periods),
              METRIC_WIDTHS + tuple(9 for _ in periods), tuple(r + ("",) * len(periods) for r in _metric_rows(names)),
              note=f"进度{grain}填报：每格填截至该期末的累计数（增速填截至期末的增速），年份一列为全年数。"),
        Sheet("时间节点", f"{plan.title}工作机制与时间节点", TIMETABLE_COLUMNS, TIMETABLE_WIDTHS,
              tuple(_timetable_rows(names))),
    )
    return Ledger(plan.id, plan.title, sheets, tuple(periods))
