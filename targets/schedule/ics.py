"""``schedule.ics``: the schedule as an RFC 5545 calendar (all-day events, Asia/Shanghai).

Each cadence, and each yearly deadline, is one recurring event (an RRULE) rather
than hundreds of copies. An occurrence that is moved to the next working day, or
kept on a non-working day and marked, is an override of its instance
(``RECURRENCE-ID``), which every major calendar client understands; an occurrence
merged into another is an ``EXDATE``. The recurrence is checked against the
schedule with dateutil before it is written: when the dates do not follow one rule
(every 2 旬, or a filtered range with gaps the rule cannot state), the occurrences
are written as separate events instead.

UIDs are hashes of the plan, the rule and the date; DTSTAMP comes from
``SOURCE_DATE_EPOCH`` or the plan's issue date, so two builds are byte-identical.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from calendar import monthrange
from collections.abc import Callable
from typing import Any

from compiler.vocab import FREQUENCY
from targets.escape import flatten
from targets.schedule.expand import slot_of
from targets.schedule.schema import TIMEZONE, Event, Rule, Schedule

PRODID = "-//planc//planc schedule v1//ZH"
_ONE_DAY = dt.timedelta(days=1)
_SHANGHAI = dt.timezone(dt.timedelta(hours=8))


def dtstamp(issued: dt.date, environ: dict[str, str] | None = None) -> dt.datetime:
    """``SOURCE_DATE_EPOCH`` (seconds, UTC) when set to an integer; else midnight of ``issued`` in Shanghai."""
    value = (os.environ if environ is None else environ).get("SOURCE_DATE_EPOCH", "").strip()
    if value.isdigit():
        return dt.datetime.fromtimestamp(int(value), dt.UTC)
    return dt.datetime(issued.year, issued.month, issued.day, tzinfo=_SHANGHAI).astimezone(dt.UTC)


def _month_end(date: dt.date) -> bool:
    return date.day == monthrange(date.year, date.month)[1]


def _uid(*parts: str) -> str:
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:24]
    return f"{digest}@planc"


def _recurrence(rule: Rule, events: list[Event]) -> dict[str, Any] | None:
    """The RRULE parts that could describe these events' instances, or None."""
    if rule.kind == "cadence":
        every, n = rule.every or "", rule.interval
        if every in ("week", "biweek"):
            return {"freq": "weekly", "interval": n * (2 if every == "biweek" else 1)}
        if every == "dekad":
            return {"freq": "monthly", "bymonthday": [1, 11, 21]} if n == 1 else None
        if every == "year":
            return {"freq": "yearly", "interval": n}
        return {"freq": "monthly", "interval": (FREQUENCY[every].months or 1) * n}
    slots = [slot_of(e) for e in events]
    month, day = slots[0].month, slots[0].day
    if all(_month_end(s) for s in slots) and len({s.month for s in slots}) == 1:
        return {"freq": "yearly", "bymonth": month, "bymonthday": -1}
    if all((s.month, s.day) == (month, day) for s in slots):
        return {"freq": "yearly", "bymonth": month, "bymonthday": day}
    return None


def _instances(parts: dict[str, Any], first: dt.date, last: dt.date) -> list[dt.date] | None:
    """The dates the rule produces from ``first`` to ``last``, computed by dateutil as a client would."""
    from dateutil import rrule

    freq = {"weekly": rrule.WEEKLY, "monthly": rrule.MONTHLY, "yearly": rrule.YEARLY}[parts["freq"]]
    kwargs: dict[str, Any] = {"interval": parts.get("interval", 1)}
    if "bymonth" in parts:
        kwargs["bymonth"] = parts["bymonth"]
    if "bymonthday" in parts:
        kwargs["bymonthday"] = parts["bymonthday"]
    start = dt.datetime(first.year, first.month, first.day)
    until = dt.datetime(last.year, last.month, last.day)
    dates = [d.date() for d in rrule.rrule(freq, dtstart=start, until=until, **kwargs)]
    return dates if dates and dates[0] == first else None


def _description(rule: Rule, event: Event | None, source_line: str) -> str:
    lines = [f"{'频次' if rule.kind == 'cadence' else '时限'}：{rule.frequency}"]
    if rule.owners:
        lines.append(f"负责：{'、'.join(rule.owners)}")
    if event is not None:
        if event.period is not None:
            lines.append(f"时段：{event.period.label}（{event.period.start.isoformat()}至{event.period.end.isoformat()}）")
        base = event.moved_from or event.date
        if (event.kind == "cadence" and event.period is not None and base > event.period.start
                and not event.reviews and event.window is None):
            lines.append(f"本期自方案施行之日（{base.isoformat()}）起")
        if event.moved_from is not None:
            lines.append(f"原定{event.moved_from.isoformat()}，遇非工作日顺延至{event.date.isoformat()}")
        if event.non_working_day:
            lines.append("当日为非工作日")
        if event.merged:
            lines.append(f"与{'、'.join(d.isoformat() for d in event.merged)}的安排合并举行")
        if event.window is not None:
            lines.append(f"至少一次：{event.window.start.isoformat()}至{event.window.end.isoformat()}之间，最迟{event.window.end.isoformat()}")
        if event.reviews and event.period is not None:
            lines.append(f"回顾{event.period.label}")
    lines.append(source_line)
    return "\n".join(lines)


def _summary(rule: Rule, event: Event | None) -> str:
    title = rule.title if rule.kind == "cadence" else f"截止：{rule.title}"
    if event is not None and event.moved_from is not None:
        title += "（顺延）"
    if event is not None and event.non_working_day:
        title += "（非工作日）"
    if event is not None and event.note:
        title += event.note
    return title


def _needs_override(event: Event) -> bool:
    return event.date != slot_of(event) or event.non_working_day or bool(event.merged) or event.tentative


def build_ics(schedule: Schedule, issued: dt.date, environ: dict[str, str] | None = None) -> bytes:
    """The schedule as iCalendar bytes (CRLF lines, folded at 75 octets by the icalendar library)."""
    from icalendar import Calendar, Timezone, TimezoneStandard
    from icalendar import Event as VEvent

    stamp = dtstamp(issued, environ)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", flatten(schedule.title))  # a calendar property of one line: no line break
    calendar.add("x-wr-timezone", TIMEZONE)
    # China has kept UTC+8 without daylight saving since 1991; one fixed STANDARD block says so exactly.
    zone = Timezone()
    zone.add("tzid", TIMEZONE)
    standard = TimezoneStandard()
    standard.add("dtstart", dt.datetime(1970, 1, 1))
    standard.add("tzoffsetfrom", dt.timedelta(hours=8))
    standard.add("tzoffsetto", dt.timedelta(hours=8))
    standard.add("tzname", "CST")
    zone.add_component(standard)
    calendar.add_component(zone)

    def vevent(uid: str, rule: Rule, event: Event | None, day: dt.date) -> Any:
        component = VEvent()
        component.add("uid", uid)
        component.add("dtstamp", stamp)
        component.add("dtstart", day)
        if day < dt.date.max:  # without DTEND an all-day event lasts the one day anyway
            component.add("dtend", day + _ONE_DAY)
        component.add("summary", _summary(rule, event))
        where = f"依据：{rule.source.file} 第{rule.source.line}行"
        if rule.source.action:
            where += f"（任务 {rule.source.action}）"
        component.add("description", _description(rule, event, where))
        categories = [flatten(rule.occasion)] if rule.occasion else []
        categories.append("机制" if rule.kind == "cadence" else "时限")
        component.add("categories", categories)
        component.add("transp", "TRANSPARENT")
        return component

    by_rule: dict[tuple[str, str], list[Event]] = {}
    for event in schedule.events:
        by_rule.setdefault((event.kind, event.rule), []).append(event)
    for rule in schedule.rules:
        events = sorted(by_rule.get((rule.kind, rule.id), []), key=slot_of)
        groups: dict[tuple[int, int], list[Event]] = {}
        if rule.kind == "deadline":
            # one series per month/day (a deadline may have several `due` rules)
            for event in events:
                slot = slot_of(event)
                key = (slot.month, 0 if _month_end(slot) else slot.day)
                groups.setdefault(key, []).append(event)
        elif events:
            groups[(0, 0)] = events
        for key, group in sorted(groups.items()):
            _write_series(calendar, vevent, schedule.plan, rule, key, group)
    return calendar.to_ical()


def _write_series(calendar: Any, vevent: Callable[..., Any], plan: str, rule: Rule, key: tuple[int, int],
                  events: list[Event]) -> None:
    slots = [slot_of(e) for e in events]
    parts = _recurrence(rule, events) if len(events) > 1 else None
    instances = _instances(parts, slots[0], slots[-1]) if parts else None
    if parts is None or instances is None or not set(slots) <= set(instances):
        for event in events:
            calendar.add_component(vevent(_uid(plan, rule.kind, rule.id, event.id), rule, event, event.date))
        return
    uid = _uid(plan, rule.kind, rule.id, f"{key[0]}-{key[1]}")
    master = vevent(uid, rule, None, slots[0])
    master.add("rrule", {**parts, "until": slots[-1]})
    skipped = sorted(set(instances) - set(slots))
    if skipped:
        master.add("exdate", skipped)
    calendar.add_component(master)
    for event in events:
        if _needs_override(event):
            override = vevent(uid, rule, event, event.date)
            override.add("recurrence-id", slot_of(event))
            calendar.add_component(override)
