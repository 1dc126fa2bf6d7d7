"""Full-width punctuation for published text, per GB/T 15834-2011 《标点符号用法》.

Web copies of official documents often carry half-width marks (``,`` ``:`` ``;``
``(`` ``)``) in Chinese prose; a published document uses the full-width marks.
:func:`fullwidth` converts the marks of Chinese prose and leaves alone what keeps
its ASCII form: digits and what joins them (``1,000``, ``3.5``, ``10:30``), item
numbers such as ``1.``, URLs and e-mail addresses, and the 文号 brackets 〔〕, which
are already full-width and printed as written.

Ranges use one mark for each kind, as GB/T 15834-2011 §4.13 prescribes: the
一字线 ``—`` between years (``2022—2025年``), the 浪纹线 ``～`` between other numbers
(``1～2个``), whatever the source typed (``-`` ``–`` ``~`` ``～`` ``—``).
"""

from __future__ import annotations

import re

# text never touched: URLs and e-mail addresses
_PROTECTED = re.compile(r"(?:https?://|www\.)[!-~]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef“”‘’《》—…]")

# a mark between two digits stays ASCII (1,000 · 10:30); elsewhere in Chinese text it is full-width
_SIMPLE = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
_YEAR_RANGE = re.compile(r"(?<!\d)(\d{4})\s*[-–—~～]\s*(\d{4})(?!\d)")
_NUMBER_RANGE = re.compile(r"(\d(?:\.\d+)?%?)\s*[~～–]\s*(\d)")
_RANGE_MARK = re.compile("[-–—~～]")  # what either range needs


# the marks _convert changes in Chinese text; most paragraphs have none of them
_MARKS = re.compile(r'[,;:?!()"]')
_BRACKETS = {"(": "（", ")": "）"}


def _convert(segment: str, chinese: bool) -> str:
    if _RANGE_MARK.search(segment) is not None:
        segment = _YEAR_RANGE.sub(r"\1—\2", segment)
        segment = _NUMBER_RANGE.sub(r"\1～\2", segment)
    if not chinese or _MARKS.search(segment) is None:
        return segment
    quote_open = True
    last = len(segment) - 1

    def mark(match: re.Match[str]) -> str:
        nonlocal quote_open
        char = match.group()
        if char == '"':
            opening, quote_open = quote_open, not quote_open
            return "“" if opening else "”"
        if char in _BRACKETS:
            return _BRACKETS[char]
        index = match.start()
        if char in ",:" and 0 < index < last and segment[index - 1].isdigit() and segment[index + 1].isdigit():
            return char  # between two digits (1,000 · 10:30)
        return _SIMPLE[char]

    return _MARKS.sub(mark, segment)


def fullwidth(text: str) -> str:
    """``text`` with the half-width marks of its Chinese prose made full-width (GB/T 15834).

    Text without any Chinese character (an English name, a code) keeps its marks,
    except that ranges still take the range marks.
    """
    chinese = bool(_CJK.search(text))
    if "@" not in text and "://" not in text and "www." not in text:  # nothing _PROTECTED could match
        return _convert(text, chinese)
    pieces: list[str] = []
    last = 0
    for match in _PROTECTED.finditer(text):
        pieces.append(_convert(text[last:match.start()], chinese))
        pieces.append(match.group(0))
        last = match.end()
    pieces.append(_convert(text[last:], chinese))
    return "".join(pieces)



def half_width_marks(text: str) -> list[str]:
    """The half-width ``, : ; ( )`` left in Chinese prose (outside URLs, not between digits): for the tests and the gate."""
    if not _CJK.search(text):
        return []
    found: list[str] = []
    last = 0
    for match in [*_PROTECTED.finditer(text), None]:
        end = match.start() if match else len(text)
        segment = text[last:end]
        for index, char in enumerate(segment):
            if char in ",:;()":
                before = segment[index - 1] if index else ""
                after = segment[index + 1] if index + 1 < len(segment) else ""
                if not (char in ",:" and before.isdigit() and after.isdigit()):
                    found.append(segment[max(0, index - 8):index + 9])
        if match:
            last = match.end()
    return found
