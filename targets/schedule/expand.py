"""Expand a plan's cadences and deadlines into dated events.

Where an occurrence falls (see docs/schedules.md):

* A cadence gives exactly one event for every period (week, 旬, month, quarter, …)
  that overlaps the plan's active window, on the **first day of the period** — Monday,
  the 1st/11th/21st, the 1st of the month, 1 January/April/July/October, 1 January/July,
  1 January. The period in which the plan is issued starts on the issue date.
  `every N unit` groups N consecutive periods, counted from the one the window starts in.
* Under `holiday next_workday` (the default for cadences) an event on a non-working day
  moves to the next working day; when two occurrences of one cadence are moved onto the
  same day they are held as one event (``merged``).
* A deadline keeps its date (`holiday keep`, the default for deadlines) and is marked
  ``non_working_day`` when that date is a weekend or public holiday.
* 至少每X一次 (`at_least`): the event carries its window (the period, from the issue date in
  the first one, to the period's last day, its due day) and sits on the window's last working day.
* A review (an occasion in REVIEW_OCCASIONS: 考核, 述职, 分析 …) looks back on a period: it is
  labelled with the period just ended and held on the first day after it (then moved to a
  working day), so the review of 2025Q4 falls in January 2026.
* In a year without published holiday data every event is ``tentative`` and carries the note
  TENTATIVE_NOTE; the fixed-date holidays (元旦, 劳动节, 国庆) are still skipped.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from compiler import model as m
from compiler.periods import active_window, due_dates
from compiler.vocab import FREQUENCY, TIMING_ZH, every_text
from targets.schedule.schema import Event, EventPeriod, EventSource, Rule, Schedule, Window
from targets.schedule.workdays import TENTATIVE_NOTE, WorkdayCalendar, next_workday, previous_workday

# occasions that look back on a period (the period just ended), matched within the cadence's `kind`
REVIEW_OCCASIONS = ("考核", "考评", "述职", "分析", "讲评", "点评", "通报", "总结", "评估")


def _months(every: str) -> int:
    months = FREQUENCY[every].months
    assert months is not None, every  # callers branch on the week-based frequencies first
    return months


_DEKAD_NAMES = ("上旬", "中旬", "下旬")


@dataclass(frozen=True)
class Slot:
    """One period of a cadence: its first day (the recurrence instance) and its last."""

    start: dt.date
    end: dt.date
    label: str


def _add_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def _period_label(every: str, start: dt.date) -> str:
    if every in ("week", "biweek"):
        iso = start.isocalendar()
        return f"{iso.year}-W{iso.week:02d}"
    if every == "dekad":
        return f"{start.year}-{start.month:02d}{_DEKAD_NAMES[min(start.day // 10, 2)]}"
    if every == "month":
        return f"{start.year}-{start.month:02d}"
    if every == "quarter":
        return f"{start.year}Q{(start.month - 1) // 3 + 1}"
    if every == "halfyear":
        return f"{start.year}H{(start.month - 1) // 6 + 1}"
    return str(start.year)


def _plus(date: dt.date, days: int) -> dt.date | None:
    """``date`` + ``days``, or None past the last representable date (a period ending in 9999)."""
    try:
        return date + dt.timedelta(days=days)
    except OverflowError:
        return None


def _month_start(year: int, month: int) -> dt.date | None:
    return dt.date(year, month, 1) if year <= dt.MAXYEAR else None


def _dekad_start(date: dt.date) -> dt.date:
    return date.replace(day=1 if date.day <= 10 else (11 if date.day <= 20 else 21))


def _next_dekad(start: dt.date) -> dt.date | None:
    if start.day < 21:
        return start.replace(day=start.day + 10)
    return _month_start(*_add_months(start.year, start.month, 1))


def cadence_slots(every: str, interval: int, start: dt.date, end: dt.date) -> list[Slot]:
    """Every period of ``interval`` × ``every`` that overlaps ``start`` … ``end``, in order."""
    interval = max(interval, 1)
    slots: list[Slot] = []
    first: dt.date | None
    following: dt.date | None
    if every in ("week", "biweek"):
        days = 7 * interval * (2 if every == "biweek" else 1)
        first = _plus(start, -start.weekday()) or start
        while first is not None and first <= end:
            following = _plus(first, days)
            last = _plus(following, -1) if following else dt.date.max
            slots.append(Slot(first, last or dt.date.max, _period_label(every, first)))
            first = following
    elif every == "dekad":
        first = _dekad_start(start)
        while first is not None and first <= end:
            following = first
            for _ in range(interval):
                following = _next_dekad(following) if following else None
            last = _plus(following, -1) if following else dt.date.max
            slots.append(Slot(first, last or dt.date.max, _period_label(every, first)))
            first = following
    else:
        months = _months(every) * interval
        size = _months(every)
        first = dt.date(start.year, (start.month - 1) // size * size + 1, 1)
        while first is not None and first <= end:
            following = _month_start(*_add_months(first.year, first.month, months))
            last = _plus(following, -1) if following else dt.date.max
            slots.append(Slot(first, last or dt.date.max, _period_label(every, first)))
            first = following
    return slots


def frequency_text(cadence: m.Cadence) -> str:
    if cadence.every is None:
        return TIMING_ZH[cadence.timing or "as_needed"]
    return every_text(cadence.every, cadence.interval) + ("（至少一次）" if cadence.at_least else "")


def _month_day_text(month: int, day: int | None) -> str:
    return f"{month}月底" if day is None else f"{month}月{day}日"


def due_text(due: m.Due) -> str:
    if due.written is not None:
        return due.written
    if due.kind == "once" and due.date is not None:
        return f"{due.date.year}年{due.date.month}月{due.date.day}日前"
    assert due.month is not None
    prefix = "每年" if due.kind == "yearly" else "次年"
    return f"{prefix}{_month_day_text(due.month, due.day)}前"


@dataclass
class _Draft:
    slot: dt.date  # the recurrence instance: the period start, or the deadline's date
    base: dt.date  # the slot, or the issue date for the period the plan is issued in
    date: dt.date
    non_working: bool
    period: EventPeriod | None
    window: Window | None = None


def is_review(cadence: m.Cadence) -> bool:
    return cadence.kind is not None and any(word in cadence.kind for word in REVIEW_OCCASIONS)


class _Shared:
    """The slots and period models of one expansion, shared by the cadences that have the same ones.

    Cadences of one frequency over the same window have the same periods; their lists and
    models are built once (the models are never changed after they are built, and pydantic
    keeps a model instance given to a field as it is).
    """

    def __init__(self) -> None:
        self.slots: dict[tuple[str, int, dt.date, dt.date], list[Slot]] = {}
        self.periods: dict[Slot, EventPeriod] = {}

    def slots_of(self, every: str, interval: int, start: dt.date, end: dt.date) -> list[Slot]:
        key = (every, interval, start, end)
        slots = self.slots.get(key)
        if slots is None:
            slots = self.slots[key] = cadence_slots(every, interval, start, end)
        return slots

    def period(self, slot: Slot) -> EventPeriod:
        period = self.periods.get(slot)
        if period is None:
            period = self.periods[slot] = EventPeriod(start=slot.start, end=slot.end, label=slot.label)
        return period


def _cadence_drafts(cadence: m.Cadence, rule_start: dt.date, rule_end: dt.date, calendar: WorkdayCalendar,
                    shared: _Shared | None = None) -> list[_Draft]:
    """One draft per period: on its first day; a review the day after it; 至少 on its last working day."""
    if rule_start > rule_end or cadence.every is None:  # no fixed frequency: nothing to put on a calendar
        return []
    shared = shared or _Shared()
    drafts = []
    review = is_review(cadence) and not cadence.at_least
    for slot in shared.slots_of(cadence.every, cadence.interval, rule_start, rule_end):
        period = shared.period(slot)
        if cadence.at_least:
            window = Window(start=max(slot.start, rule_start), end=min(slot.end, rule_end))
            day = previous_workday(window.end, calendar, window.start)
            drafts.append(_Draft(slot.start, day, day, False, period, window))
        elif review:
            after = _plus(slot.end, 1) or slot.end
            drafts.append(_Draft(after, after, after, False, period))
        else:
            drafts.append(_Draft(slot.start, max(slot.start, rule_start), slot.start, False, period))
    return drafts


class _Owners:
    """Who holds a cadence or deadline: its `owner`s, else the enclosing action's leads.

    The lookups are built once per plan; built per cadence they made a plan with many
    cadences and units quadratic.
    """

    def __init__(self, plan: m.Plan) -> None:
        self.actions = {a.id: a for a in plan.actions}
        self.names = {p.id: p.name for p in plan.people} | {u.id: u.name for u in plan.units}

    def of(self, obj: m.Cadence | m.Deadline) -> tuple[list[str], list[str]]:
        """Registry ids and display names."""
        ids = list(obj.owners)
        if not ids and obj.action is not None:
            action = self.actions.get(obj.action)
            if action is not None:
                ids = list(action.lead_leaders) + list(action.lead_units)
        return ids, [self.names.get(i) or i for i in ids]


def _source(obj: m.Cadence | m.Deadline) -> EventSource:
    return EventSource(file=obj.source.file, line=obj.source.line, action=obj.action, section=obj.section)


def _place(drafts: list[_Draft], policy: str, calendar: WorkdayCalendar) -> list[tuple[_Draft, list[dt.date]]]:
    """Apply the holiday policy; occurrences moved onto the same day are merged into the earliest."""
    placed: dict[dt.date, tuple[_Draft, list[dt.date]]] = {}
    for draft in sorted(drafts, key=lambda d: d.slot):
        working = calendar.is_workday(draft.base)
        if policy == "next_workday" and not working:
            draft.date = next_workday(draft.base, calendar)
            draft.non_working = not calendar.is_workday(draft.date)
        else:
            draft.date = draft.base
            draft.non_working = not working
        if draft.date in placed:
            kept, merged = placed[draft.date]
            if draft.slot != kept.slot and draft.slot not in merged:
                merged.append(draft.slot)
            continue
        placed[draft.date] = (draft, [])
    return sorted(placed.values(), key=lambda pair: pair[0].slot)


def _tentative(date: dt.date, calendar: WorkdayCalendar) -> dict[str, object]:
    """An event in a year without published holiday data: marked, as its date may still move."""
    if calendar.covers(date.year):
        return {}
    return {"tentative": True, "note": TENTATIVE_NOTE}


def expand(plan: m.Plan, calendar: WorkdayCalendar) -> Schedule:
    """The plan's schedule over its whole active window."""
    start, end = active_window(plan)
    rules: list[Rule] = []
    events: list[Event] = []
    owners = _Owners(plan)
    shared = _Shared()
    for cadence in plan.cadences:
        rule_start = max(start, cadence.start) if cadence.start else start
        rule_end = min(end, cadence.end) if cadence.end else end
        drafts = _cadence_drafts(cadence, rule_start, rule_end, calendar, shared)
        review = is_review(cadence) and not cadence.at_least
        ids, names = owners.of(cadence)
        source = _source(cadence)  # one object for the rule's events: pydantic keeps a model instance as given
        placed = _place(drafts, cadence.holiday, calendar)
        for draft, merged in placed:
            events.append(Event(
                id=f"cadence/{cadence.id}/{draft.slot.isoformat()}", title=cadence.title, kind="cadence",
                occasion=cadence.kind, rule=cadence.id, date=draft.date,
                moved_from=draft.base if draft.date != draft.base else None, merged=merged,
                non_working_day=draft.non_working, at_least=cadence.at_least, window=draft.window, reviews=review,
                period=draft.period, owners=names, owner_ids=ids, source=source,
                **_tentative(draft.date, calendar),
            ))
        rules.append(Rule(
            id=cadence.id, kind="cadence", title=cadence.title, occasion=cadence.kind,
            frequency=frequency_text(cadence), every=cadence.every, interval=cadence.interval,
            at_least=cadence.at_least, holiday=cadence.holiday, owners=names, owner_ids=ids,
            events=len(placed), source=source,
        ))
    for deadline in plan.deadlines:
        drafts = []
        seen: set[dt.date] = set()
        for due in deadline.due:
            for date, year in due_dates(due, plan):
                if date in seen:
                    continue
                seen.add(date)
                period = None
                if year is not None:
                    period = EventPeriod(start=dt.date(year, 1, 1), end=dt.date(year, 12, 31), label=str(year))
                drafts.append(_Draft(date, date, date, False, period))
        ids, names = owners.of(deadline)
        source = _source(deadline)
        placed = _place(drafts, deadline.holiday, calendar)
        for draft, merged in placed:
            events.append(Event(
                id=f"deadline/{deadline.id}/{draft.slot.isoformat()}", title=deadline.title, kind="deadline",
                rule=deadline.id, date=draft.date, moved_from=draft.base if draft.date != draft.base else None,
                merged=merged, non_working_day=draft.non_working, period=draft.period,
                owners=names, owner_ids=ids, source=source, **_tentative(draft.date, calendar),
            ))
        rules.append(Rule(
            id=deadline.id, kind="deadline", title=deadline.title, frequency="；".join(due_text(d) for d in deadline.due),
            holiday=deadline.holiday, owners=names, owner_ids=ids, events=len(placed), source=source,
        ))
    order = {(r.kind, r.id): index for index, r in enumerate(rules)}
    events.sort(key=lambda e: (e.date, order[(e.kind, e.rule)], e.id))
    uncovered = sorted(calendar.uncovered)
    return Schedule(plan=plan.id, title=plan.title, window=Window(start=start, end=end),
                    uncovered_years=uncovered, rules=rules, events=events)


def between(schedule: Schedule, since: dt.date | None, until: dt.date | None) -> Schedule:
    """The schedule restricted to events dated ``since`` … ``until`` (inclusive); rule counts follow."""
    events = [e for e in schedule.events
              if (since is None or e.date >= since) and (until is None or e.date <= until)]
    counts: dict[tuple[str, str], int] = {}
    for event in events:
        counts[(event.kind, event.rule)] = counts.get((event.kind, event.rule), 0) + 1
    rules = [r.model_copy(update={"events": counts.get((r.kind, r.id), 0)}) for r in schedule.rules]
    return schedule.model_copy(update={"events": events, "rules": rules})


def slot_of(event: Event) -> dt.date:
    """The recurrence instance an event stands for (the RECURRENCE-ID in the .ics)."""
    if event.kind == "cadence" and event.period is not None:
        if event.reviews:
            return event.period.end + dt.timedelta(days=1)
        return event.period.start
    return event.moved_from or event.date
