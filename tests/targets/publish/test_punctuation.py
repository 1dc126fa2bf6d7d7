"""GB/T 15834 full-width punctuation for published text."""

from __future__ import annotations

import pytest

from targets.publish.punctuation import fullwidth, half_width_marks


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
