"""The one rule for writing a number, shared by every reader: plans, progress data, score data.

- Digits are ASCII (0–9). Full-width digits, point, signs and percent sign (０-９ ． ＋ － ％),
  which a Chinese input method types, are read as their ASCII forms, in plans and in data
  alike. Digits of other scripts (Bengali ১, Devanagari १ …) are refused, naming the character.
- No space inside a number: ``1 5 0 0`` is refused (it was 1500 in progress data and an
  error in score data). A space between the number and its unit (``15 %``) is allowed.
- No scientific notation: ``1e309`` is refused with that reason (a plan read it as ``1e``
  followed by ``309家``).

:func:`read_number` returns the value and the rest of the text (the unit), or the reason.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

#: full-width forms read as ASCII
WIDE = str.maketrans("０１２３４５６７８９．＋－％", "0123456789.+-%")
_NUMBER = re.compile(r"([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))(.*)", re.DOTALL)
_EXPONENT = re.compile(r"[eE][+-]?[0-9]")


def foreign_digit(text: str) -> str | None:
    """The first digit in ``text`` that is neither ASCII nor full-width, named: ``১ (U+09E7 BENGALI DIGIT ONE)``."""
    for ch in text:
        if ch.isdigit() and not ("0" <= ch <= "9" or "０" <= ch <= "９"):
            return f"{ch} (U+{ord(ch):04X} {unicodedata.name(ch, 'DIGIT')})"
    return None


NOT_A_NUMBER = "not a number"


def not_a_number(written: str, reason: str) -> str:
    """The message for ``written``: "`x` is not a number", with the reason when there is one."""
    return f"`{written}` is not a number" + ("" if reason == NOT_A_NUMBER else f": {reason}")


def read_number(text: str) -> tuple[Decimal, str] | str:
    """``text`` (blanks around it ignored) as (value, rest), or why it is not a number (:data:`NOT_A_NUMBER` or a reason).

    ``rest`` is what follows the number with full-width forms made ASCII (``％`` -> ``%``),
    stripped; the caller decides whether it is an acceptable unit.
    """
    written = text.strip()
    foreign = foreign_digit(written)
    if foreign is not None:
        return f"digits are written 0–9, not {foreign}"
    match = _NUMBER.fullmatch(written.translate(WIDE))
    if match is None:
        return NOT_A_NUMBER
    rest = match[2]
    if _EXPONENT.match(rest):
        return "scientific notation (1e6) is not read; write the number in full"
    if rest[:1].isspace() and rest.lstrip()[:1].isdigit():
        return "a space inside it; write the digits together (1500, not 1 5 0 0)"
    try:
        return Decimal(match[1]), rest.strip()
    except InvalidOperation:  # pragma: no cover - the pattern admits only decimals
        return NOT_A_NUMBER
