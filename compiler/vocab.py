"""The language's closed vocabularies and what each word means, declared once.

The statement table takes its enumerations from here, the model's ``Literal`` types are
held to them by a test (tests/compiler/test_vocab.py), and validation rules, the
schedule, the documents and the evaluation read each word's meaning from here rather
than keeping a table of their own. Chinese spellings of the words live in
:mod:`dsl.keywords` (the layer below), which a test also holds to these lists.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Frequency:
    """A cadence's period: its word, its Chinese word, how many fit in a year, its rough length in days, and its
    length in months when it is month-based (None for week, biweek and dekad)."""

    name: str
    zh: str
    per_year: int
    days: int
    months: int | None = None


FREQUENCY: dict[str, Frequency] = {f.name: f for f in (
    Frequency("week", "周", 52, 7),
    Frequency("biweek", "双周", 26, 14),
    Frequency("dekad", "旬", 36, 10),
    Frequency("month", "月", 12, 30, 1),
    Frequency("quarter", "季度", 4, 91, 3),
    Frequency("halfyear", "半年", 2, 182, 6),
    Frequency("year", "年", 1, 365, 12),
)}
FREQUENCIES = tuple(FREQUENCY)
#: duties with no fixed frequency (定期向社会公布, 适时开展督查): a cadence written with one of these
#: appears in the timetable with its word and owners but puts no dated events on the calendar.
TIMING_ZH: dict[str, str] = {
    "regularly": "定期",
    "irregularly": "不定期",
    "timely": "适时",
    "as_needed": "根据需要",
    "routinely": "常态化",
}
TIMINGS = tuple(TIMING_ZH)
#: the periods a scoring scheme can be assessed in: the month-based ones
SCORING_FREQUENCIES = tuple(f.name for f in FREQUENCY.values() if f.months is not None)


def every_text(every: str, interval: int = 1) -> str:
    """每季度, 每2个月, 每4周 (every 2 biweeks), 每3旬: a cadence's frequency in Chinese, without 一次."""
    frequency = FREQUENCY[every]
    if interval == 1:
        return "每" + frequency.zh
    if every == "biweek":
        return f"每{2 * interval}周"
    return f"每{interval}{'个' if frequency.months in (1, 3, 6) else ''}{frequency.zh}"


FIRMNESS = ("must", "strive", "stated")
FIRMNESS_ZH = {"must": "确保", "strive": "力争", "stated": "—"}
METRIC_KINDS = (
    "level",
    "growth",
    "avg_growth",
    "increment",
    "share",
    "pp_change",
    "rank",
    "rank_gain",
    "per_year",
    "boolean",
)
NUMBERING_STYLES = ("cn", "cn_paren", "arabic", "arabic_paren", "circled", "cn_ordinal", "none")
ACTION_FORMS = ("run_in", "heading", "label", "inline")
OWNER_STYLES = ("leader_unit", "lead_units", "lead_by_function", "responsible_units", "led_with", "by_duty")
PUNCTUATION = ("fullwidth", "halfwidth")

# ---- comparators ------------------------------------------------------------------
COMPARATORS = (">=", "<=", ">", "<", "=", "~")
#: 左右 / ≈ / `~`: a value within this share of the target (either side) counts as the target.
#: One meaning for every stage: `planc evaluate` judges a 左右 target with it, and a scoring
#: condition written with `~` holds with it.
APPROX_TOLERANCE = Decimal("0.05")


def holds(op: str, value: Decimal, target: Decimal, high: Decimal | None = None) -> bool:
    """Whether ``value`` satisfies ``op target`` (``high``: the upper end of a range target such as 1~2个).

    ``=`` (达到) means exactly equal here; a stage that reads 达到 as "reached" (at least) says so itself.
    ``~`` is within :data:`APPROX_TOLERANCE` of the target, or inside the range when there is one.
    """
    if op == ">=":
        return value >= target
    if op == ">":
        return value > target
    if op == "<=":
        return value <= (high if high is not None else target)
    if op == "<":
        return value < (high if high is not None else target)
    if op == "~":
        if high is not None:
            return target <= value <= high
        return abs(value - target) <= abs(target) * APPROX_TOLERANCE
    if high is not None:
        return target <= value <= high
    return value == target


# ---- decimals ----------------------------------------------------------------------


def decimal_text(value: Decimal | int | str) -> str:
    """An exact decimal as plain text: no exponent, no trailing zeros (12.825, 15, 0)."""
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    if number == 0:
        return "0"
    return format(number.normalize(), "f")


def percent_text(share: Decimal) -> str:
    """A share as a percentage: 0.15 → 15%."""
    return decimal_text(share * 100) + "%"
