"""SVG charts of a check's progress, drawn by the project itself (no external service).

Deterministic: coordinates are exact decimals rounded to 0.1, no timestamps, no random ids.
A once-judged check is a line chart (values over time, the target level, the trajectory from
the baseline); an each_year check is a bar per year against the yearly target.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from targets.checks.judge import fmt
from targets.checks.labels import status_label
from targets.checks.progress import Row
from targets.checks.schema import Check, Result
from targets.escape import html_line

WIDTH = 520
HEIGHT = 180
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 28
COLOURS = {
    "met": "#1a7f37",
    "on_track": "#2f81f7",
    "at_risk": "#bf8700",
    "missed": "#cf222e",
    "not_due": "#6e7781",
    "no_data": "#6e7781",
}


def _c(value: Decimal) -> str:
    return fmt(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


class _Scale:
    def __init__(self, low: Decimal, high: Decimal, start: int, end: int, flip: bool) -> None:
        if high == low:
            pad = abs(high) / 10 if high else Decimal(1)
            low, high = low - pad, high + pad
        else:
            pad = (high - low) / 10
            low, high = low - pad, high + pad
        self.low, self.high, self.start, self.end, self.flip = low, high, start, end, flip

    def __call__(self, value: Decimal) -> Decimal:
        share = (value - self.low) / (self.high - self.low)
        if self.flip:
            share = 1 - share
        return Decimal(self.start) + share * (self.end - self.start)


def _frame(title: str, body: list[str]) -> str:
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{html_line(title)}" '
        'font-family="sans-serif" font-size="11">'
    )
    return "\n".join([head, f"<title>{html_line(title)}</title>", *body, "</svg>"])


def _days(start: dt.date, point: dt.date) -> Decimal:
    return Decimal((point - start).days)


def _title(check: Check, result: Result, lang: str) -> str:

    sep = "：" if lang == "zh" else ": "
    return f"{check.metric_name}{sep}{status_label(result.status, lang)}"


def line_chart(check: Check, result: Result, rows: list[Row], baseline: tuple[dt.date, Decimal] | None,
               lang: str = "zh") -> str:
    colour = COLOURS[result.status]
    dates = [r.period.end for r in rows] + [check.due]
    values = [r.value for r in rows]
    if baseline is not None:
        dates.append(baseline[0])
        values.append(baseline[1])
    goal = Decimal(check.value) if check.value is not None else Decimal(1)
    values.append(goal)
    if check.value_max is not None:
        values.append(Decimal(check.value_max))
    first, last = min(dates), max(dates)
    span = max((last - first).days, 1)
    x = _Scale(Decimal(0), Decimal(span), LEFT, WIDTH - RIGHT, flip=False)
    flip_y = check.kind != "rank"  # rank: place 1 at the top
    y = _Scale(min(values), max(values), TOP, HEIGHT - BOTTOM, flip=flip_y)
    body = [
        f'<line x1="{LEFT}" y1="{HEIGHT - BOTTOM}" x2="{WIDTH - RIGHT}" y2="{HEIGHT - BOTTOM}" stroke="#d0d7de"/>',
        f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{HEIGHT - BOTTOM}" stroke="#d0d7de"/>',
        f'<text x="{_c(x(Decimal(0)))}" y="{HEIGHT - 8}" text-anchor="middle">{first.isoformat()}</text>',
        f'<text x="{_c(x(Decimal(span)))}" y="{HEIGHT - 8}" text-anchor="middle">{last.isoformat()}</text>',
    ]
    gy = _c(y(goal))
    body.append(f'<line x1="{LEFT}" y1="{gy}" x2="{WIDTH - RIGHT}" y2="{gy}" stroke="#8250df" stroke-dasharray="4 3"/>')
    body.append(f'<text x="{LEFT - 4}" y="{gy}" text-anchor="end" dominant-baseline="middle">{html_line(fmt(goal))}</text>')
    if baseline is not None:
        bx, by = _c(x(_days(first, baseline[0]))), _c(y(baseline[1]))
        dx, dy = _c(x(_days(first, check.due))), _c(y(goal))
        body.append(f'<line x1="{bx}" y1="{by}" x2="{dx}" y2="{dy}" stroke="#8c959f" stroke-dasharray="2 2"/>')
        body.append(f'<text x="{LEFT - 4}" y="{by}" text-anchor="end" dominant-baseline="middle">'
                    f'{html_line(fmt(baseline[1]))}</text>')
    due_x = _c(x(_days(first, check.due)))
    body.append(f'<line x1="{due_x}" y1="{TOP}" x2="{due_x}" y2="{HEIGHT - BOTTOM}" stroke="#d0d7de" stroke-dasharray="1 3"/>')
    if rows:
        points = " ".join(f"{_c(x(_days(first, r.period.end)))},{_c(y(r.value))}" for r in rows)
        body.append(f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for r in rows:
            body.append(
                f'<circle cx="{_c(x(_days(first, r.period.end)))}" cy="{_c(y(r.value))}" r="3" fill="{colour}">'
                f"<title>{html_line(r.period.text)}: {html_line(fmt(r.value))}</title></circle>"
            )
    return _frame(_title(check, result, lang), body)


def bar_chart(check: Check, result: Result, lang: str = "zh") -> str:
    years = result.years
    goal = Decimal(check.value) if check.value is not None else Decimal(1)
    values = [Decimal(y.value) for y in years if y.value is not None] + [goal, Decimal(0)]
    y = _Scale(min(values), max(values), TOP, HEIGHT - BOTTOM, flip=True)
    slot = Decimal(WIDTH - LEFT - RIGHT) / max(len(years), 1)
    base_y = _c(y(Decimal(0)))
    body = [f'<line x1="{LEFT}" y1="{base_y}" x2="{WIDTH - RIGHT}" y2="{base_y}" stroke="#d0d7de"/>']
    for i, year in enumerate(years):
        left = Decimal(LEFT) + slot * i + slot / 5
        width = slot * 3 / 5
        label_x = _c(left + width / 2)
        if year.value is not None:
            value = Decimal(year.value)
            top, bottom = sorted((y(value), y(Decimal(0))))
            body.append(
                f'<rect x="{_c(left)}" y="{_c(top)}" width="{_c(width)}" height="{_c(bottom - top)}" '
                f'fill="{COLOURS[year.status]}"><title>{year.year}{"年" if lang == "zh" else ""}: {html_line(fmt(value))}</title></rect>'
            )
        body.append(f'<text x="{label_x}" y="{HEIGHT - 8}" text-anchor="middle">{year.year}{"年" if lang == "zh" else ""}</text>')
    gy = _c(y(goal))
    body.append(f'<line x1="{LEFT}" y1="{gy}" x2="{WIDTH - RIGHT}" y2="{gy}" stroke="#8250df" stroke-dasharray="4 3"/>')
    body.append(f'<text x="{LEFT - 4}" y="{gy}" text-anchor="end" dominant-baseline="middle">{html_line(fmt(goal))}</text>')
    return _frame(_title(check, result, lang), body)
