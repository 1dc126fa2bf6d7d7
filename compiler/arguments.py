"""Argument kinds, and matching a statement's arguments against its entry in the statement table.

Every kind of value a statement takes is declared once here: its name (as the reference
shows it), its label (as messages say it), an example, and its converter from a syntax
argument. The statement table's slots hold these objects, so nothing parses a type string
at run time, and ``docs/reference.md`` and the diagnostics read the same labels.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, cast

from diagnostics import Diagnostic, Span, make
from dsl import syntax
from dsl.keywords import COMPARATOR_BY_SPELLING, KEYWORD_BY_SPELLING, WORD_BY_SPELLING
from dsl.syntax import Arg, Statement

if TYPE_CHECKING:
    from compiler.statements import Spec


class Mismatch(Exception):
    """The argument is not of this kind (the matcher tries the next kind or slot)."""


Converter = Callable[[Arg, list[Diagnostic]], Any]


@dataclass(frozen=True)
class ArgKind:
    """One kind of argument value: its name, its label in messages, an example, and its converter."""

    name: str
    label: str
    example: str
    convert: Converter
    takes_any_name: bool = False  # a name in this slot is taken as it is, never read as a keyword word


def _id(arg: Arg, _d: list[Diagnostic]) -> Any:
    if arg.kind == syntax.NAME:
        return arg.value  # in Unicode NFC (dsl/parser.py): 豈 U+F900 and 豈 U+8C48 are one id
    raise Mismatch


def _str(arg: Arg, _d: list[Diagnostic]) -> Any:
    if arg.kind in (syntax.STRING, syntax.TEXT):
        return arg.value
    raise Mismatch


def _ref(arg: Arg, _d: list[Diagnostic]) -> Any:
    if arg.kind == syntax.NAME:
        return arg.value
    if arg.kind == syntax.STRING:
        return arg.value
    raise Mismatch


def _label(arg: Arg, _d: list[Diagnostic]) -> Any:
    if arg.kind == syntax.NAME:
        return arg.value
    if arg.kind == syntax.QUANTITY:
        return arg.raw
    if arg.kind in (syntax.STRING, syntax.SIGN):
        return arg.value
    raise Mismatch


def _code(arg: Arg, _d: list[Diagnostic]) -> Any:
    if arg.kind == syntax.NAME and len(arg.raw) == 4 and arg.raw[0].isalpha() and arg.raw[1:].isdigit():
        return arg.raw.upper()
    raise Mismatch


def _date(arg: Arg, diagnostics: list[Diagnostic]) -> Any:
    if arg.kind != syntax.DATE:
        raise Mismatch
    year, month, day = cast(tuple[Any, ...], arg.value)
    try:
        return dt.date(year, month, day)
    except ValueError:
        diagnostics.append(make("M010", f"`{arg.raw}` is not a date that exists", arg.span))
        return dt.date(year, 1, 1) if 1 <= year <= 9999 else dt.date(2000, 1, 1)


def _year(arg: Arg, _d: list[Diagnostic]) -> Any:
    if arg.kind == syntax.QUANTITY:
        number, unit = cast(tuple[Any, ...], arg.value)
        if unit in ("", "年") and number == number.to_integral_value() and 1000 <= number <= 9999:
            return int(number)
    raise Mismatch


def _years(arg: Arg, diagnostics: list[Diagnostic]) -> Any:
    if arg.kind == syntax.YEARS:
        return arg.value
    year = _year(arg, diagnostics)
    return (year, year)


def _qty(arg: Arg, _d: list[Diagnostic]) -> Any:
    if arg.kind == syntax.QUANTITY:
        number, unit = cast(tuple[Any, ...], arg.value)
        return (number, None, unit)
    if arg.kind == syntax.RANGE:
        return arg.value
    raise Mismatch


def _num(arg: Arg, _d: list[Diagnostic]) -> Any:
    if arg.kind == syntax.QUANTITY:
        number, unit = cast(tuple[Any, ...], arg.value)
        if unit in ("", "分"):
            return number
    raise Mismatch


def _pct(arg: Arg, _d: list[Diagnostic]) -> Any:
    if arg.kind == syntax.QUANTITY:
        number, unit = cast(tuple[Any, ...], arg.value)
        if unit == "%":
            return (number / 100).normalize() if number else Decimal(0)
    raise Mismatch


def _op(arg: Arg, _d: list[Diagnostic]) -> Any:
    if arg.kind == syntax.COMPARATOR:
        return arg.value
    if arg.kind == syntax.NAME and arg.raw in COMPARATOR_BY_SPELLING:
        return COMPARATOR_BY_SPELLING[arg.raw]
    raise Mismatch


def _days_in_month(month: int) -> int:
    if not 1 <= month <= 12:
        return 0
    return 29 if month == 2 else (30 if month in (4, 6, 9, 11) else 31)


def _monthday(arg: Arg, diagnostics: list[Diagnostic]) -> Any:
    if arg.kind != syntax.MONTHDAY:
        raise Mismatch
    month, day = cast(tuple[Any, ...], arg.value)
    if not 1 <= month <= 12 or (day is not None and not 1 <= day <= _days_in_month(month)):
        diagnostics.append(make("M010", f"`{arg.raw}` is not a day of the year", arg.span))
        return (1, 1)
    return (month, day)


ID = ArgKind("id", "an identifier", "发改委", _id, takes_any_name=True)
STR = ArgKind("str", "a string", '"……"', _str)
REF = ArgKind("ref", "a name", "发改委", _ref, takes_any_name=True)  # of something declared: the slot says what
NAME = ArgKind("name", "a name or string", "市发改委", _ref, takes_any_name=True)  # a spelling, resolved by nothing
LABEL = ArgKind("label", "a word or string", "部门", _label, takes_any_name=True)
CODE = ArgKind("code", "a diagnostic code (V012)", "V012", _code, takes_any_name=True)
DATE = ArgKind("date", "a date (2025-03-31)", "2025-03-31", _date)
YEAR = ArgKind("year", "a year (2025)", "2025", _year)
YEARS = ArgKind("years", "a year range (2022..2025) or a year", "2022..2025", _years)
QTY = ArgKind("qty", "a quantity (51.01万户, 8.5%)", "51.01万户", _qty)
NUM = ArgKind("num", "a number", "25", _num)
PCT = ArgKind("pct", "a percentage (85%)", "85%", _pct)
OP = ArgKind("op", "a comparator (>=, ≤, 不低于 …)", ">=", _op)
MONTHDAY = ArgKind("monthday", "a month and day (03-31, 3月底)", "3月底", _monthday)

#: every kind but the word lists, by name (the reference lists them in this order)
KINDS: dict[str, ArgKind] = {k.name: k for k in (ID, STR, REF, NAME, LABEL, DATE, YEAR, YEARS, QTY, NUM, PCT, OP, MONTHDAY, CODE)}


def words(*names: str) -> ArgKind:
    """A kind that takes one of the listed argument words (either spelling), as its canonical English word."""
    allowed = frozenset(names)

    def convert(arg: Arg, _d: list[Diagnostic]) -> Any:
        if arg.kind == syntax.NAME:
            canonical = WORD_BY_SPELLING.get(arg.raw)
            if canonical in allowed:
                return canonical
        raise Mismatch

    return ArgKind("w:" + "|".join(names), "one of: " + ", ".join(names), names[0], convert)


def word_kind_words(kind: ArgKind) -> tuple[str, ...]:
    """The words a word-list kind takes (empty for the other kinds)."""
    return tuple(kind.name[2:].split("|")) if kind.name.startswith("w:") else ()


def kinds_label(kinds: tuple[ArgKind, ...]) -> str:
    return " or ".join(k.label for k in kinds)


def convert(kinds: tuple[ArgKind, ...], arg: Arg, diagnostics: list[Diagnostic]) -> tuple[Any, ArgKind]:
    """The value of ``arg`` as the first of ``kinds`` that takes it, and that kind; Mismatch if none does."""
    for kind in kinds:
        try:
            return kind.convert(arg, diagnostics), kind
        except Mismatch:
            continue
    raise Mismatch


# ---- matching ---------------------------------------------------------------------------


def _marker(spec: Spec, arg: Arg) -> str | None:
    if arg.kind != syntax.NAME:
        return None
    canonical = WORD_BY_SPELLING.get(arg.raw) or KEYWORD_BY_SPELLING.get(arg.raw)
    if canonical and canonical in spec.options_by_marker:
        return canonical
    return None


def match_args(
    spec: Spec, stmt: Statement, diagnostics: list[Diagnostic], roles: dict[int, ArgKind | str] | None = None
) -> dict[str, Any] | None:
    """Match a statement's arguments against its spec; None (with diagnostics) if they do not fit.

    ``roles``, if given, receives for each argument index how it was read: ``"marker"`` for an
    option marker, else the kind of the slot it filled (used by keyword conversion). The values
    of an option's slots are under the option's marker, their spans under ``_<marker>_spans``.
    """
    roles = {} if roles is None else roles
    values: dict[str, Any] = {}
    args = stmt.args
    ok = True
    positional = list(spec.positional)
    slot_index = 0
    filled: dict[str, int] = {}
    i = 0

    def fail(code: str, message: str, span: Span, hint: str | None = None) -> None:
        nonlocal ok
        ok = False
        diagnostics.append(make(code, message, span, hint=hint))

    while i < len(args):
        arg = args[i]
        marker = _marker(spec, arg)
        if marker is not None:
            option = spec.options_by_marker[marker]
            roles[i] = "marker"
            if marker in values and not option.repeatable:
                fail("M002", f"`{arg.raw}` is given twice", arg.span)
                i += 1
                continue
            if option.group:
                clash = [o.marker for o in spec.options if o.group == option.group and o.marker in values]
                if clash:
                    fail("M002", f"`{arg.raw}` contradicts `{clash[0]}`", arg.span, hint="keep one of them")
            i += 1
            if not option.slots:
                values[marker] = True
                continue
            collected: list[Any] = []
            spans: list[Span] = []
            complete = True
            for slot in option.slots:
                taken = []
                while i < len(args) and _marker(spec, args[i]) is None:
                    try:
                        value, kind = convert(slot.kinds, args[i], diagnostics)
                    except Mismatch:
                        break
                    taken.append(value)
                    spans.append(args[i].span)
                    roles[i] = kind
                    i += 1
                    if slot.card in ("1", "?"):
                        break
                if not taken and slot.card in ("1", "+"):
                    where = args[i].span if i < len(args) else arg.span
                    got = f", not `{args[i].raw}`" if i < len(args) else ""
                    fail("M001", f"`{arg.raw}` needs {kinds_label(slot.kinds)}{got}", where)
                    complete = False
                    break
                collected.append(taken if slot.card in ("+", "*") else (taken[0] if taken else None))
            if not complete:
                continue
            value = collected[0] if len(option.slots) == 1 else tuple(collected)
            if option.repeatable:
                values.setdefault(marker, []).append(value)
                values.setdefault(f"_{marker}_spans", []).extend(spans[:1] if len(option.slots) > 1 else spans)
            else:
                values[marker] = value
                values[f"_{marker}_spans"] = spans
            continue
        # a positional argument: find the slot that takes it
        placed = False
        while slot_index < len(positional):
            slot = positional[slot_index]
            try:
                converted, kind = convert(slot.kinds, arg, diagnostics)
            except Mismatch:
                if slot.card in ("?", "*") or filled.get(slot.name):
                    slot_index += 1
                    continue
                break
            roles[i] = kind
            if slot.card in ("+", "*"):
                values.setdefault(slot.name, []).append(converted)
                values.setdefault(f"_{slot.name}_spans", []).append(arg.span)
                filled[slot.name] = filled.get(slot.name, 0) + 1
            else:
                values[slot.name] = converted
                values[f"_{slot.name}_spans"] = [arg.span]
                filled[slot.name] = 1
                slot_index += 1
            placed = True
            break
        if not placed:
            expected = positional[slot_index] if slot_index < len(positional) else None
            if expected is not None:
                fail("M001", f"`{stmt.spelled}` expects {kinds_label(expected.kinds)} here, not `{arg.raw}`", arg.span)
            else:
                options = ", ".join(sorted(spec.options_by_marker))
                suggestion = None
                if arg.kind == syntax.NAME and options:
                    import difflib  # only a misspelling needs it

                    close = difflib.get_close_matches(arg.raw, list(spec.options_by_marker), n=1)
                    suggestion = f"did you mean `{close[0]}`?" if close else f"options here: {options}"
                fail("M002", f"unexpected argument `{arg.raw}` to `{stmt.spelled}`", arg.span, hint=suggestion)
            i += 1
            continue
        i += 1
    for slot in positional:
        if slot.card in ("1", "+") and not filled.get(slot.name):
            fail(
                "M001",
                f"`{stmt.spelled}` needs {kinds_label(slot.kinds)} ({slot.name})",
                stmt.span,
                hint=f"for example:\n{spec.example}" if spec.example else None,
            )
            break
    return values if ok else None
