"""GB/T 15834 full-width punctuation for published text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from targets.publish.punctuation import _convert, fullwidth, half_width_marks


@pytest.mark.parametrize(("source", "expected"), [
    ("各区县(市)人民政府,市直各单位:", "各区县（市）人民政府，市直各单位："),
    ("增长1,000亿元;比重3.5%", "增长1,000亿元；比重3.5%"),
    ("会议10:30召开", "会议10:30召开"),
    ("1.强化电力支撑", "1.强化电力支撑"),
    ("(2022-2025年)", "（2022—2025年）"),
    ("新增1~2个", "新增1～2个"),
    ("新增1～2个、3-4个", "新增1～2个、3-4个"),
    ("详见https://www.example.gov.cn/a,b(c)", "详见https://www.example.gov.cn/a,b(c)"),
    ("潜政发〔2022〕1号", "潜政发〔2022〕1号"),
    ("English (only), here", "English (only), here"),
    ('称为"百强进位"行动', "称为“百强进位”行动"),
])
def test_fullwidth(source: str, expected: str) -> None:
    assert fullwidth(source) == expected
    assert fullwidth(expected) == expected  # idempotent


def test_half_width_marks_finds_prose_marks_only() -> None:
    assert half_width_marks("增长1,000亿元") == []
    assert half_width_marks("市发改委,市住建局")
    assert half_width_marks("English, only") == []


def _convert_by_character(segment: str, chinese: bool) -> str:
    """The conversion as it was written first, one character at a time: the reference for the regex version."""
    from targets.publish.punctuation import _NUMBER_RANGE, _SIMPLE, _YEAR_RANGE

    segment = _YEAR_RANGE.sub(r"\1—\2", segment)
    segment = _NUMBER_RANGE.sub(r"\1～\2", segment)
    if not chinese:
        return segment
    out: list[str] = []
    quote_open = True
    for index, char in enumerate(segment):
        before = segment[index - 1] if index else ""
        after = segment[index + 1] if index + 1 < len(segment) else ""
        if char in _SIMPLE:
            between_digits = before.isdigit() and after.isdigit() and char in ",:"
            out.append(char if between_digits else _SIMPLE[char])
        elif char == "(":
            out.append("（")
        elif char == ")":
            out.append("）")
        elif char == '"':
            out.append("“" if quote_open else "”")
            quote_open = not quote_open
        else:
            out.append(char)
    return "".join(out)


@settings(max_examples=500)
@given(st.text(st.sampled_from(',;:?!()"-~–—～.%0123456789²①٣ 年个政府abc'), max_size=40), st.booleans())
def test_convert_matches_the_character_loop(segment: str, chinese: bool) -> None:
    assert _convert(segment, chinese) == _convert_by_character(segment, chinese)


@given(st.text(max_size=60))
def test_fullwidth_of_any_text_matches_the_character_loop(text: str) -> None:
    from targets.publish.punctuation import _CJK, _PROTECTED

    chinese = bool(_CJK.search(text))
    pieces, last = [], 0
    for match in _PROTECTED.finditer(text):
        pieces += [_convert_by_character(text[last:match.start()], chinese), match.group(0)]
        last = match.end()
    assert fullwidth(text) == "".join(pieces) + _convert_by_character(text[last:], chinese)
