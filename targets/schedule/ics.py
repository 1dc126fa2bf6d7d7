"""``schedule.ics``: the schedule as an RFC 5545 calendar (all-day events, Asia/Shanghai).

Each cadence, and each yearly deadline, is one recurring event (an RRULE) rather
than hundreds of copies. An occurrence that is moved to the next working day, or
kept on a non-working day and marked, is an override of its instance
(``RECURRENCE-ID``), which every major calendar client understands; an occurrence
merged into another is an ``EXDATE``. The recurrence is checked against the
schedule with dateutil before it is written: when the dates do not follow one rule
(every 2 旬, or a filtered range with gaps the rule cannot state), the occurrences
are written as separate events instead.

The file is written line by line (``write_calendar``), with the bytes the icalendar
library would write (tests/targets/schedule/test_ics_writer.py compares the two and
parses the result back with icalendar): its serialiser folded lines one character
at a time and was most of the schedule target's cost on a large plan.

UIDs are hashes of the plan, the rule and the date; DTSTAMP comes from
``SOURCE_DATE_EPOCH`` or the plan's issue date, so two builds are byte-identical.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from calendar import monthrange
from collections.abc import Callable
from typing import Any

from compiler.vocab import FREQUENCY
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


def _recurrence(rule: Rule, slots: list[dt.date]) -> dict[str, Any] | None:
    """The RRULE parts that could describe these instances (the events' slots), or None."""
    if rule.kind == "cadence":
        every, n = rule.every or "", rule.interval
        if not every:  # no fixed frequency: no events, no rule
            return None
        if every in ("week", "biweek"):
            return {"freq": "weekly", "interval": n * (2 if every == "biweek" else 1)}
        if every == "dekad":
            return {"freq": "monthly", "bymonthday": [1, 11, 21]} if n == 1 else None
        if every == "year":
            return {"freq": "yearly", "interval": n}
        return {"freq": "monthly", "interval": (FREQUENCY[every].months or 1) * n}
    month, day = slots[0].month, slots[0].day
    if all(_month_end(s) for s in slots) and len({s.month for s in slots}) == 1:
        return {"freq": "yearly", "bymonth": month, "bymonthday": -1}
    if all((s.month, s.day) == (month, day) for s in slots):
        return {"freq": "yearly", "bymonth": month, "bymonthday": day}
    return None


def _instances(parts: dict[str, Any], first: dt.date, last: dt.date) -> list[dt.date] | None:
    """The dates the rule produces from ``first`` to ``last``, as a client (dateutil) computes them."""
    dates = _simple_instances(parts, first, last)
    if dates is None:
        dates = rrule_instances(parts, first, last)
    return dates if dates and dates[0] == first else None


def rrule_instances(parts: dict[str, Any], first: dt.date, last: dt.date) -> list[dt.date]:
    """The rule's dates from ``first`` to ``last``, computed by dateutil."""
    from dateutil import rrule

    freq = {"weekly": rrule.WEEKLY, "monthly": rrule.MONTHLY, "yearly": rrule.YEARLY}[parts["freq"]]
    kwargs: dict[str, Any] = {"interval": parts.get("interval", 1)}
    if "bymonth" in parts:
        kwargs["bymonth"] = parts["bymonth"]
    if "bymonthday" in parts:
        kwargs["bymonthday"] = parts["bymonthday"]
    start = dt.datetime(first.year, first.month, first.day)
    until = dt.datetime(last.year, last.month, last.day)
    return [d.date() for d in rrule.rrule(freq, dtstart=start, until=until, **kwargs)]


def _simple_instances(parts: dict[str, Any], first: dt.date, last: dt.date) -> list[dt.date] | None:
    """``rrule_instances`` by date arithmetic for the rules the schedule writes; None for any other rule.

    dateutil steps through its rule one candidate day set at a time in Python, most of
    the .ics writer's cost on a large plan. These are the rules a cadence or a deadline
    makes, on the days its slots fall on: every N weeks; every N months from a day every
    month has; the 1st, 11th and 21st of every month; a fixed month and day (or the last
    day of a month) every year. tests/targets/schedule/test_ics_writer.py compares the two
    on generated rules and dates.
    """
    freq, interval = parts["freq"], parts.get("interval", 1)
    keys = set(parts) - {"freq", "interval"}
    if not isinstance(interval, int) or interval < 1 or last < first or last.year >= dt.MAXYEAR:
        return None
    if freq == "weekly" and not keys:
        step = dt.timedelta(days=7 * interval)
        dates = []
        day = first
        while day <= last:
            dates.append(day)
            day += step
        return dates
    if freq == "monthly" and not keys and first.day <= 28:
        return _monthly(first, last, interval, (first.day,))
    if freq == "monthly" and parts.get("bymonthday") == [1, 11, 21] and keys == {"bymonthday"} and interval == 1:
        return [d for d in _monthly(first.replace(day=1), last, 1, (1, 11, 21)) if d >= first]
    if freq == "yearly" and keys == {"bymonth", "bymonthday"} and interval == 1:
        month, day = parts["bymonth"], parts["bymonthday"]
        if not isinstance(month, int) or not isinstance(day, int) or not 1 <= month <= 12:
            return None
        dates = []
        for year in range(first.year, last.year + 1):
            length = monthrange(year, month)[1]
            if day == -1 or 1 <= day <= length:
                date = dt.date(year, month, length if day == -1 else day)
                if first <= date <= last:
                    dates.append(date)
            elif day < -1 or day == 0 or day > 31:
                return None
        return dates
    if freq == "yearly" and not keys and (first.month, first.day) != (2, 29):
        return [first.replace(year=year) for year in range(first.year, last.year + 1, interval)
                if first.replace(year=year) <= last]
    return None


def _monthly(first: dt.date, last: dt.date, interval: int, days: tuple[int, ...]) -> list[dt.date]:
    """``days`` (each at most 28) of every ``interval``-th month from ``first``'s, up to ``last``."""
    dates: list[dt.date] = []
    index = first.year * 12 + first.month - 1
    end = last.year * 12 + last.month - 1
    while index <= end:
        year, month = divmod(index, 12)
        for day in days:
            date = dt.date(year, month + 1, day)
            if date > last:
                return dates
            dates.append(date)
        index += interval
    return dates


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


def _needs_override(event: Event, slot: dt.date) -> bool:
    """Whether the occurrence differs from its instance of the series (``slot``: ``slot_of(event)``)."""
    return event.date != slot or event.non_working_day or bool(event.merged) or event.tentative


# Property order within a component, as icalendar writes it (its canonical order, then the rest alphabetically),
# so that the bytes stay those of the icalendar-based writer this one replaced.
EVENT_ORDER = ("summary", "dtstart", "dtend", "dtstamp", "uid", "recurrence-id", "rrule", "exdate",
               "categories", "description", "transp")
_RRULE_ORDER = ("freq", "until", "interval", "bymonthday", "bymonth")  # RFC 5545 §3.3.10, as icalendar sorts them
_ESCAPED = re.compile(r"[\\;,\r\n]")  # the characters _text changes (\N starts with a backslash)
_FOLD = 75  # a content line is cut before it reaches 75 octets (RFC 5545 §3.1)

VEvent = dict[str, Any]
"""One VEVENT's properties by lower-case name: text, dates, the stamp, categories, RRULE parts, EXDATE dates."""


def build_ics(schedule: Schedule, issued: dt.date, environ: dict[str, str] | None = None) -> bytes:
    """The schedule as iCalendar bytes: CRLF lines, folded at 75 octets, TEXT escaped per RFC 5545 §3.3.11."""
    return write_calendar(schedule.title, calendar_events(schedule, issued, environ))


def calendar_events(schedule: Schedule, issued: dt.date, environ: dict[str, str] | None = None) -> list[VEvent]:
    """Every VEVENT of the calendar, in order: series masters, their overrides, and single events."""
    stamp = dtstamp(issued, environ)
    out: list[VEvent] = []
    by_rule_text: dict[tuple[str, str], tuple[str, list[str]]] = {}

    def vevent(uid: str, rule: Rule, event: Event | None, day: dt.date) -> VEvent:
        texts = by_rule_text.get((rule.kind, rule.id))
        if texts is None:  # the same for every VEVENT of the rule
            where = f"依据：{rule.source.file} 第{rule.source.line}行"
            if rule.source.action:
                where += f"（任务 {rule.source.action}）"
            categories = [rule.occasion] if rule.occasion else []
            categories.append("机制" if rule.kind == "cadence" else "时限")
            texts = by_rule_text[(rule.kind, rule.id)] = (where, categories)
        where, categories = texts
        component: VEvent = {"uid": uid, "dtstamp": stamp, "dtstart": day}
        if day < dt.date.max:  # without DTEND an all-day event lasts the one day anyway
            component["dtend"] = day + _ONE_DAY
        component["summary"] = _summary(rule, event)
        component["description"] = _description(rule, event, where)
        component["categories"] = list(categories)
        component["transp"] = "TRANSPARENT"
        return component

    by_rule: dict[tuple[str, str], list[tuple[dt.date, Event]]] = {}
    for event in schedule.events:
        by_rule.setdefault((event.kind, event.rule), []).append((slot_of(event), event))
    for rule in schedule.rules:
        pairs = sorted(by_rule.get((rule.kind, rule.id), []), key=_first)
        groups: dict[tuple[int, int], list[tuple[dt.date, Event]]] = {}
        if rule.kind == "deadline":
            # one series per month/day (a deadline may have several `due` rules)
            for slot, event in pairs:
                key = (slot.month, 0 if _month_end(slot) else slot.day)
                groups.setdefault(key, []).append((slot, event))
        elif pairs:
            groups[(0, 0)] = pairs
        for key, group in sorted(groups.items()):
            _write_series(out, vevent, schedule.plan, rule, key, group)
    return out


def _first(pair: tuple[dt.date, Event]) -> dt.date:
    return pair[0]


def write_calendar(title: str, events: list[VEvent]) -> bytes:
    """The VCALENDAR around the events, written line by line.

    X-WR-CALNAME is escaped as TEXT, as clients read it; icalendar wrote it raw (an
    unknown property to it), which differs only for a title with ``,``, ``;``, a backslash
    or a line break, none of which the bundled plans have.
    """
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{_text(PRODID)}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_text(title)}",
        f"X-WR-TIMEZONE:{TIMEZONE}",
        # China has kept UTC+8 without daylight saving since 1991; one fixed STANDARD block says so exactly.
        "BEGIN:VTIMEZONE",
        f"TZID:{TIMEZONE}",
        "BEGIN:STANDARD",
        "DTSTART:19700101T000000",
        "TZNAME:CST",
        "TZOFFSETFROM:+0800",
        "TZOFFSETTO:+0800",
        "END:STANDARD",
        "END:VTIMEZONE",
    ]
    stamps: dict[dt.datetime, str] = {}  # one DTSTAMP in practice: formatted once
    for event in events:
        lines.append("BEGIN:VEVENT")
        for name in EVENT_ORDER:
            if name in event:
                value = event[name]
                if name == "dtstamp":
                    line = stamps.get(value)
                    if line is None:
                        line = stamps[value] = _property(name, value)
                    lines.append(line)
                else:
                    lines.append(_property(name, value))
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return b"\r\n".join(_fold(line.encode("utf-8")) for line in lines) + b"\r\n"


def _property(name: str, value: Any) -> str:
    return _WRITERS.get(name, _text_property)(name.upper(), value)


def _date_property(key: str, value: dt.date) -> str:
    return f"{key};VALUE=DATE:{_date(value)}"


def _stamp_property(key: str, value: dt.datetime) -> str:
    return f"{key}:{value.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}"


def _categories_property(key: str, value: list[str]) -> str:
    return f"{key}:{','.join(_text(c) for c in value)}"


def _exdate_property(key: str, value: list[dt.date]) -> str:
    return f"{key};VALUE=DATE:{','.join(_date(d) for d in value)}"


def _rrule_property(key: str, value: dict[str, Any]) -> str:
    parts = []
    for part in _RRULE_ORDER:
        if part in value:
            item = value[part]
            if part == "until":
                text = _date(item)
            elif part == "freq":
                text = item.upper()
            else:
                text = ",".join(str(v) for v in item) if isinstance(item, list) else str(item)
            parts.append(f"{part.upper()}={text}")
    return f"{key}:{';'.join(parts)}"


def _text_property(key: str, value: str) -> str:
    return f"{key}:{_text(value)}"


_WRITERS: dict[str, Callable[[str, Any], str]] = {
    "dtstart": _date_property, "dtend": _date_property, "recurrence-id": _date_property,
    "dtstamp": _stamp_property, "categories": _categories_property, "exdate": _exdate_property,
    "rrule": _rrule_property,
}


def _date(day: dt.date) -> str:
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def _text(value: str) -> str:
    """RFC 5545 §3.3.11 TEXT escaping, step for step as icalendar does it (it reads a literal ``\\N`` as a line break)."""
    if _ESCAPED.search(value) is None:  # most text has nothing to escape
        return value
    return (value.replace("\\N", "\n").replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def _fold(line: bytes) -> bytes:
    """RFC 5545 §3.1 folding: at most 74 octets before each break, never inside a UTF-8 character.

    The same cuts as icalendar's folder, found by byte offsets instead of one character at a
    time: a segment takes every character that keeps it under 75 octets, and a backslash or a
    caret that would end a segment moves to the next one, so no escape is split across a fold.
    """
    if len(line) < _FOLD:
        return line
    segments = []
    start = 0
    while len(line) - start >= _FOLD:
        end = start + _FOLD - 1
        while line[end] & 0xC0 == 0x80:  # a UTF-8 continuation byte: the character starts earlier
            end -= 1
        if line[end - 1] in b"\\^" and end - 1 > start:
            end -= 1
        segments.append(line[start:end])
        start = end
    segments.append(line[start:])
    return b"\r\n ".join(segments)


def _write_series(out: list[VEvent], vevent: Callable[..., VEvent], plan: str, rule: Rule, key: tuple[int, int],
                  pairs: list[tuple[dt.date, Event]]) -> None:
    """One rule's events (with their slots, in slot order) as a series and its overrides, or as single events."""
    slots = [slot for slot, _ in pairs]
    parts = _recurrence(rule, slots) if len(pairs) > 1 else None
    instances = _instances(parts, slots[0], slots[-1]) if parts else None
    if parts is None or instances is None or not set(slots) <= set(instances):
        for _, event in pairs:
            out.append(vevent(_uid(plan, rule.kind, rule.id, event.id), rule, event, event.date))
        return
    uid = _uid(plan, rule.kind, rule.id, f"{key[0]}-{key[1]}")
    master = vevent(uid, rule, None, slots[0])
    master["rrule"] = {**parts, "until": slots[-1]}
    skipped = sorted(set(instances) - set(slots))
    if skipped:
        master["exdate"] = skipped
    out.append(master)
    for slot, event in pairs:
        if _needs_override(event, slot):
            override = vevent(uid, rule, event, event.date)
            override["recurrence-id"] = slot
            out.append(override)
