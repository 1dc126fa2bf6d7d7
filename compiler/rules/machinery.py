"""Rules about cadences and deadlines: owners, frequency against the period and against the title."""

from __future__ import annotations

import re
from collections.abc import Iterator

from compiler import model as m
from compiler.rules import RuleContext, rule
from compiler.vocab import FREQUENCY
from diagnostics import Diagnostic


@rule("V014", "V015")
def machinery_owners(ctx: RuleContext) -> Iterator[Diagnostic]:
    for cadence in ctx.plan.cadences:
        if not cadence.owners:
            yield ctx.diag("V014", f"cadence `{cadence.id}` has no owner", cadence.source, hint="add `owner …`")
    for deadline in ctx.plan.deadlines:
        if not deadline.owners:
            yield ctx.diag("V015", f"deadline `{deadline.id}` has no owner", deadline.source, hint="add `owner …`")


def _years(period: m.Period) -> str:
    if period.start.year == period.end.year:
        return str(period.start.year)
    return f"{period.start.year}–{period.end.year}"


@rule("V062")
def cadence_longer_than_period(ctx: RuleContext) -> Iterator[Diagnostic]:
    period = ctx.plan.period
    length = (period.end - period.start).days + 1
    for cadence in ctx.plan.cadences:
        if cadence.every is None:
            continue
        days = FREQUENCY[cadence.every].days * cadence.interval
        if days > length:
            yield ctx.diag(
                "V062",
                f"cadence `{cadence.id}` recurs every {cadence.interval} {cadence.every}s, longer than the "
                f"plan period {_years(period)}",
                cadence.source,
            )


# Frequency words in a cadence's title. Only unambiguous phrasings count; a title that names
# two frequencies (年度督查计划,每季度督查一次 names only one here) is left alone.
_FREQUENCY_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("week", re.compile(r"每周|一周一|周会商|周调度")),
    ("biweek", re.compile(r"双周|每两周")),
    ("dekad", re.compile(r"每旬|旬调度|一旬一")),
    ("month", re.compile(r"每个?月|一月.{0,4}一次|一月一|月分析|月调度|按月")),
    ("quarter", re.compile(r"每个?季度|每个?季|季度|季考核|按季")),
    ("halfyear", re.compile(r"半年")),
    ("year", re.compile(r"每年|一年一次|(?<!半)年度(?:考核|考评|述职|总结)")),
)


def _effective_frequency(cadence: m.Cadence) -> str:
    assert cadence.every is not None
    if cadence.every == "week" and cadence.interval == 2:
        return "biweek"
    if cadence.every == "month" and cadence.interval == 3:
        return "quarter"
    if cadence.every == "month" and cadence.interval == 6:
        return "halfyear"
    if cadence.interval != 1:
        return f"{cadence.interval} {cadence.every}"
    return cadence.every


@rule("V068")
def cadence_frequency_mismatch(ctx: RuleContext) -> Iterator[Diagnostic]:
    for cadence in ctx.plan.cadences:
        if cadence.every is None:
            continue
        found = {(name, match[0]) for name, pattern in _FREQUENCY_WORDS if (match := pattern.search(cadence.title))}
        names = {name for name, _ in found}
        if len(names) != 1:
            continue
        (name, word), *_ = sorted(found)
        every = _effective_frequency(cadence)
        if name != every:
            yield ctx.diag(
                "V068",
                f"cadence `{cadence.id}` is every {every}, but its title says “{word}” ({name})",
                cadence.source,
                hint=f"write `every {name}`, or correct the title",
            )
