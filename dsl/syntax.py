"""Syntax nodes: the parse tree reshaped into statements and arguments with spans.

Nothing here knows what a statement means; :mod:`compiler.build` does.
"""

from __future__ import annotations

import textwrap
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal

from diagnostics import Diagnostic, Severity, Span
from dsl.keywords import RANGE_SEPARATORS
from dsl.numbers import WIDE

# Argument kinds (token types of the grammar).
NAME = "NAME"
STRING = "STRING"
TEXT = "TEXT"
DATE = "DATE"
MONTHDAY = "MONTHDAY"
YEARS = "YEARS"
RANGE = "RANGE"
MEASURE = "MEASURE"  # a figure with its words: 不少于100名, 5%以内 (compiler/forms.py reads it)
WHEN = "WHEN"  # a date as plans write it: 2026年10月底前, 年底前 (compiler/forms.py reads it)
QUANTITY = "QUANTITY"
COMPARATOR = "COMPARATOR"
SIGN = "SIGN"


@dataclass(slots=True)
class Arg:
    """One argument as written: its token kind, raw text, decoded value and span."""

    kind: str
    raw: str  # exactly as written
    value: object  # decoded: str, Decimal/unit pairs, date parts …
    span: Span


@dataclass(slots=True)
class Statement:
    """One statement: its keyword (canonical and as spelled), its arguments and its block of nested statements, if any."""

    keyword: str  # canonical English keyword
    spelled: str  # as written (English or Chinese)
    args: list[Arg]
    block: list[Statement] | None
    span: Span  # keyword to end of arguments or closing brace
    keyword_span: Span
    block_span: Span | None = None


@dataclass(slots=True)
class Comment:
    """A `#` comment as written, with its span (the formatter puts it back in place)."""

    text: str
    span: Span


@dataclass
class SyntaxFile:
    """One parsed file: its path and text, its statements and comments, and its syntax errors."""

    path: str
    source: str
    statements: list[Statement] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """No syntax error (a warning, such as a name not in NFC, lets the file compile)."""
        return not any(d.severity is Severity.ERROR for d in self.diagnostics)


# ---- token decoding ------------------------------------------------------

_ESCAPES = {'"': '"', "\\": "\\", "n": "\n", "t": "\t"}


def unescape(body: str) -> str:
    if "\\" not in body:
        return body
    out: list[str] = []
    i = 0
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body) and body[i + 1] in _ESCAPES:
            out.append(_ESCAPES[body[i + 1]])
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def _is_wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def join_soft_wrapped(lines: list[str]) -> str:
    """Join the lines of one paragraph: no space next to CJK text, one space otherwise."""
    out = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if out and not (_is_wide(out[-1]) or _is_wide(line[0])):
            out += " "
        out += line
    return out


def decode_text(raw: str) -> str:
    """Decode a triple-quoted block into paragraphs separated by a single newline.

    The block is dedented; blank lines separate paragraphs; line breaks inside a
    paragraph are soft wraps (see :func:`join_soft_wrapped`).
    """
    body = unescape(raw[3:-3])
    body = textwrap.dedent(body.replace("\r\n", "\n"))
    paragraphs: list[str] = []
    current: list[str] = []
    for line in body.split("\n"):
        if line.strip():
            current.append(line)
        elif current:
            paragraphs.append(join_soft_wrapped(current))
            current = []
    if current:
        paragraphs.append(join_soft_wrapped(current))
    return "\n".join(paragraphs)


def split_quantity(raw: str) -> tuple[Decimal, str]:
    """``51.01万户`` -> (Decimal('51.01'), '万户'); the unit may be empty. Full-width digits read as ASCII."""
    raw = raw.translate(WIDE)
    i = 0
    if raw[:1] in "+-":
        i = 1
    while i < len(raw) and (raw[i].isdigit() or raw[i] == "."):
        i += 1
    return Decimal(raw[:i]), raw[i:]


def split_range(raw: str) -> tuple[str, str, str] | None:
    """``1~2个`` -> ('1', '~', '2个'): a range's low end, its separator and the rest; None if ``raw`` is one figure."""
    start = 1 if raw[:1] in "+-" else 0
    i = start
    while i < len(raw) and (raw[i].isdigit() or raw[i] == "."):
        i += 1
    if i == start or i >= len(raw) or raw[i] not in RANGE_SEPARATORS:
        return None
    rest = raw[i + 1:]
    if not rest or not (rest[0].isdigit() or (rest[0] in "+-" and rest[1:2].isdigit())):
        return None
    return raw[:i], raw[i], rest


def decode_range(raw: str) -> tuple[Decimal, Decimal, str]:
    raw = raw.translate(WIDE)  # full-width digits and point read as ASCII (dsl/numbers.py)
    parts = split_range(raw)
    if parts is None:  # not reached for a RANGE token; kept total for callers that guess
        value, unit = split_quantity(raw)
        return value, value, unit
    low, _separator, high = parts
    high_value, unit = split_quantity(high)
    return Decimal(low), high_value, unit


def decode_date(raw: str) -> tuple[int, int, int]:
    if "年" in raw:
        year, rest = raw.split("年", 1)
        month, rest = rest.split("月", 1)
        return int(year), int(month), int(rest.rstrip("日"))
    year, month, day = raw.split("-")
    return int(year), int(month), int(day)


def decode_monthday(raw: str) -> tuple[int, int | None]:
    """``03-31`` / ``3月31日`` -> (3, 31); ``3月底`` -> (3, None) meaning end of month."""
    if raw.endswith("月底"):
        return int(raw[:-2]), None
    if "月" in raw:
        month, day = raw.split("月", 1)
        return int(month), int(day.rstrip("日"))
    month, day = raw.split("-")
    return int(month), int(day)


def decode_years(raw: str) -> tuple[int, int]:
    for sep in ("..", "—", "–"):
        if sep in raw:
            a, b = raw.split(sep, 1)
            return int(a), int(b)
    raise ValueError(raw)
