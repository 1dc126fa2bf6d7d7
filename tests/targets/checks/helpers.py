"""Building checks and progress rows by hand, for the tests of the judgement rules."""

from __future__ import annotations

import datetime as dt
import typing
from decimal import Decimal

from compiler.model import Source
from targets.checks.progress import Row, parse_period
from targets.checks.schema import Check


def make_check(kind: str = "level", op: str = ">=", value: str | None = "100", **kw: typing.Any) -> Check:
    """A check of metric `m` due 2025-12-31 over 2022–2025, in 家 unless ``unit`` says otherwise."""
    fields: dict[str, typing.Any] = {
        "id": "m", "metric": "m", "metric_name": "指标", "kind": kind, "op": op, "value": value, "unit": "家",
        "due": dt.date(2025, 12, 31), "from_year": 2022, "until_year": 2025, "firmness": "stated",
        "source": Source(file="x.plan", line=1, column=1),
    }
    fields.update(kw)
    return Check(**fields)


def make_rows(*pairs: tuple[str, str]) -> list[Row]:
    """Rows of metric `m` from (period, value) pairs."""
    out = []
    for period_text, value in pairs:
        period = parse_period(period_text)
        assert period is not None
        out.append(Row("m", period, Decimal(value), span=None))  # type: ignore[arg-type]
    return out
