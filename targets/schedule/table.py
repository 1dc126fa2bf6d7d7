"""``planc schedule --format table``: the rules, then the events, aligned for CJK text."""

from __future__ import annotations

from diagnostics.render import display_width
from targets.schedule.schema import Event, Schedule

WEEKDAYS = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")


def _note(event: Event) -> str:
    notes = []
    if event.moved_from is not None:
        notes.append(f"moved from {event.moved_from.isoformat()}")
    if event.merged:
        notes.append("merged " + ", ".join(d.isoformat() for d in event.merged))
    if event.non_working_day:
        notes.append("non-working day")
    if event.at_least:
        notes.append("at least once")
    return "; ".join(notes)


def _rows(rows: list[list[str]]) -> list[str]:
    widths = [max(display_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    out = []
    for row in rows:
        cells = [cell + " " * (widths[i] - display_width(cell)) for i, cell in enumerate(row)]
        out.append("  ".join(cells).rstrip())
    return out


def render_table(schedule: Schedule) -> str:
    window = f"{schedule.window.start.isoformat()} … {schedule.window.end.isoformat()}"
    lines = [f"{schedule.plan}  {schedule.title}", f"active {window} ({schedule.timezone})", ""]
    rule_rows = [["rule", "kind", "frequency", "holiday", "events", "owners", "title"]]
    for rule in schedule.rules:
        rule_rows.append([rule.id, rule.occasion or rule.kind, rule.frequency, rule.holiday, str(rule.events),
                          "、".join(rule.owners), rule.title])
    lines += _rows(rule_rows)
    lines.append("")
    if not schedule.events:
        lines.append("no events in this range")
        return "\n".join(lines) + "\n"
    frequency = {(r.kind, r.id): r.frequency for r in schedule.rules}
    event_rows = [["date", "day", "rule", "frequency", "period", "owners", "note"]]
    for event in schedule.events:
        event_rows.append([
            event.date.isoformat(), WEEKDAYS[event.date.weekday()], event.rule, frequency[(event.kind, event.rule)],
            event.period.label if event.period else "", "、".join(event.owners), _note(event),
        ])
    lines += _rows(event_rows)
    if schedule.uncovered_years:
        years = ", ".join(str(y) for y in schedule.uncovered_years)
        lines += ["", f"no holiday data for {years}: only weekends were treated as non-working days there"]
    return "\n".join(lines) + "\n"
