"""Figures and dates as plans write them, read into the model's values.

A target's figure may carry its comparator and firmness words (``500家以上``, ``不少于100名``,
``力争达到1800家以上``, ``5%以内``, ``1—2个``), and a deadline may be written as the plan
writes it (``2026年10月底前``, ``年底前``, ``每年3月底前``, ``次年1月30日前``, ``上半年``,
``第三季度末``). The lexer only finds these tokens (dsl/plan.lark's MEASURE, RANGE and WHEN);
this module gives them their meaning, from the one word table in :mod:`dsl.keywords` (the
spellings) and :mod:`compiler.vocab` (what each comparator means). The text as written is
kept, so the documents print it back in the source's own order.

The day each date form stands for (also in docs/language.md):

====================  ===========================================================
``2026年10月底(前)``   the last day of that month: 2026-10-31
``6月30日前``          that day
``年底``/``年末``/``年内``  12-31;  ``上半年`` 6-30;  ``下半年`` 12-31
``第三季度(末)``        the last day of the quarter: 9-30 (一 3-31, 二 6-30, 四 12-31)
``2027年``             12-31 of that year
====================  ===========================================================

A form with a year is one date. A form without one (``年底前``, ``6月30日前``, ``上半年``)
falls due in every year of the plan's period, as ``每年…`` does; ``次年…`` (or ``下一年度…``) falls in the year
after each year.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from dsl.keywords import (
    COMPARATOR_BY_SPELLING,
    FIRMNESS_PREFIXES,
    FRAMING_COMPARATORS,
    POSTFIX_COMPARATORS,
    WORD_BY_SPELLING,
)
from dsl.syntax import split_quantity, split_range


class FormError(ValueError):
    """The text has the shape of a figure or date but says something impossible or ambiguous."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint


# ---- figures -----------------------------------------------------------------------


@dataclass(frozen=True)
class Measure:
    """A target's figure: low (and high, for a range) in its unit, the comparator and firmness its words say (None
    when it has none), and the text as written when it carries words (None for a plain figure such as ``>= 500家``)."""

    low: Decimal
    high: Decimal | None
    unit: str
    op: str | None = None
    firmness: str | None = None
    written: str | None = None


def _by_length(words: tuple[str, ...] | list[str]) -> list[str]:
    return sorted(words, key=lambda w: -len(w))


_PREFIX_WORDS = _by_length([w for w in COMPARATOR_BY_SPELLING if "\u3400" <= w[0] <= "\u9fff"
                            and w not in POSTFIX_COMPARATORS])


def _figure(text: str) -> tuple[Decimal, Decimal | None, str]:
    parts = split_range(text)
    if parts is None:
        value, unit = split_quantity(text)
        return value, None, unit
    low, _separator, rest = parts
    high, unit = split_quantity(rest)
    return Decimal(low), high, unit


def read_measure(raw: str) -> Measure:
    """Read a figure as written: ``力争达到500家以上`` -> 500 家, >=, strive, written as is."""
    text = raw
    firmness = None
    for word in _by_length(FIRMNESS_PREFIXES):
        if text.startswith(word):
            firmness = WORD_BY_SPELLING[word]
            text = text[len(word):]
            break
    prefix = next((w for w in _PREFIX_WORDS if text.startswith(w)), None)
    if prefix:
        text = text[len(prefix):]
    try:
        low, high, unit = _figure(text.replace("％", "%"))
    except (InvalidOperation, ValueError):
        raise FormError(f"`{raw}` is not a figure", "e.g. `500家以上` or `不少于100名`") from None
    postfix = next((w for w in POSTFIX_COMPARATORS if unit.endswith(w)), None)
    if postfix:
        unit = unit[: -len(postfix)]
    op = None
    if postfix and prefix and prefix not in FRAMING_COMPARATORS and \
            COMPARATOR_BY_SPELLING[prefix] != COMPARATOR_BY_SPELLING[postfix]:
        raise FormError(f"`{raw}`: `{prefix}` and `{postfix}` say different things",
                        f"keep one of them, e.g. `{prefix}{text[: len(text) - len(postfix)]}`")
    if postfix:
        op = COMPARATOR_BY_SPELLING[postfix]
    elif prefix:
        op = COMPARATOR_BY_SPELLING[prefix]
    parts = split_range(text)
    plain = not (firmness or prefix or postfix) and (parts is None or parts[1] in "~～")
    return Measure(low, high, unit, op, firmness, None if plain else raw)


def written_with_word(word: str, figure: str) -> str:
    """``以上`` + ``500家`` -> ``500家以上``; ``不少于`` + ``100名`` -> ``不少于100名``: the source's own order."""
    return figure + word if word in POSTFIX_COMPARATORS else word + figure


# ---- dates ---------------------------------------------------------------------------


@dataclass(frozen=True)
class When:
    """A date as a plan writes it: once (``year`` set) or in each year of the period (``year`` None), optionally the
    year after (``next_year``); ``day`` None is the last day of the month."""

    year: int | None
    month: int
    day: int | None
    next_year: bool = False
    written: str = ""

    def date(self) -> dt.date:
        """The exact day, for a form with a year."""
        assert self.year is not None
        return dt.date(self.year, self.month, self.day or last_day(self.year, self.month))


def last_day(year: int, month: int) -> int:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return (following - dt.timedelta(days=1)).day


_QUARTERS = {"一": 1, "二": 2, "三": 3, "四": 4}
_HALF_OR_YEAR = {"年底": (12, None), "年末": (12, None), "年内": (12, None), "上半年": (6, 30), "下半年": (12, None),
                 "底": (12, None), "末": (12, None), "内": (12, None)}
_WHEN_PATTERN = (
    r"(?P<each>每年|次年|下一年度|下一年)?(?:(?P<year>\d{4})年)?"
    r"(?:(?P<month>\d{1,2})月(?:(?P<day>\d{1,2})日|(?P<end>底|末))?"
    r"|第?(?P<quarter>[一二三四])季度(?:末|底)?"
    r"|(?P<half>年底|年末|年内|上半年|下半年|底|末|内))?(?P<before>前)?"
)


def read_when(raw: str) -> When:
    """Read a WHEN token (dsl/plan.lark): ``2026年10月底前`` -> When(2026, 10, None)."""
    match = re.fullmatch(_WHEN_PATTERN, raw)  # re caches it; compiled only when a plan writes such a date
    if match is None:
        raise FormError(f"`{raw}` is not a date form planc reads", "e.g. `2026年10月底前`, `6月30日前`, `年底前`")
    each, year_text = match["each"], match["year"]
    year = int(year_text) if year_text else None
    if each and year is not None:
        raise FormError(f"`{raw}`: `{each}` and a year cannot go together")
    if match["month"]:
        month = int(match["month"])
        if not 1 <= month <= 12:
            raise FormError(f"`{raw}` is not a date that exists: there is no month {month}",
                            "a month is 1 to 12, e.g. `2026年10月底前`")
        if match["day"]:
            number = int(match["day"])
            day: int | None = number
            if not 1 <= number <= last_day(year or 2024, month):  # 2024: a leap year, so 2月29日 is a day of the year
                raise FormError(f"`{raw}` is not a date that exists", f"{month}月 has {last_day(year or 2024, month)} days")
        elif match["end"]:
            day = None
        else:
            raise FormError(f"`{raw}` leaves the day open: by the end of the month, or before it starts?",
                            f"write `{month}月底前` or the day, e.g. `{month}月15日前`")
    elif match["quarter"]:
        month, day = 3 * _QUARTERS[match["quarter"]], None
    elif match["half"]:
        month, day = _HALF_OR_YEAR[match["half"]]
    else:
        raise FormError(f"`{raw}` leaves the day open: before {raw.rstrip('前')} starts, or by its end?",
                        f"write `{raw.rstrip('前')}底前` for the end of the year")
    return When(year, month, day, next_year=each in ("次年", "下一年度", "下一年"), written=raw)
