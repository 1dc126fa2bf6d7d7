"""Figures and dates as plans write them reach the compiler as one argument each, of the right kind."""

from __future__ import annotations

import pytest

from dsl import syntax
from dsl.parser import parse


def _args(text: str) -> list[tuple[str, str]]:
    parsed = parse(f"text {text}\n", "forms.plan")
    assert not parsed.diagnostics, parsed.diagnostics
    return [(a.kind, a.raw) for a in parsed.statements[0].args]


@pytest.mark.parametrize(("written", "kind"), [
    # the guangzhou-2012 and baoshan-2019 sources write these
    ("2000名左右", syntax.QUANTITY),  # a word after the figure rides in its unit; compiler/forms.py reads it
    ("500家以上", syntax.QUANTITY),
    ("不少于5场", syntax.MEASURE),
    ("力争达到1800家以上", syntax.MEASURE),
    ("5%以内", syntax.MEASURE),
    ("控制在3%左右", syntax.MEASURE),
    ("1~2个", syntax.RANGE),
    ("1—2个", syntax.RANGE),
    ("1至2个", syntax.RANGE),
    ("1-2个", syntax.RANGE),
    ("51.01万户", syntax.QUANTITY),
    ("0.5个百分点", syntax.QUANTITY),
    ("2012年10月底前", syntax.WHEN),
    ("2012年底前", syntax.WHEN),
    ("年底前", syntax.WHEN),
    ("6月30日前", syntax.WHEN),
    ("每年3月底前", syntax.WHEN),
    ("次年1月30日前", syntax.WHEN),
    ("下一年度1月30日前", syntax.WHEN),
    ("上半年", syntax.WHEN),
    ("年内", syntax.WHEN),
    ("第三季度末", syntax.WHEN),
    ("2026年13月底前", syntax.WHEN),  # lexed whole, so the compiler can say what is wrong with it
])
def test_a_form_is_one_argument_of_its_kind(written: str, kind: str) -> None:
    assert _args(written) == [(kind, written)]


@pytest.mark.parametrize(("written", "kind"), [
    ("03-31", syntax.MONTHDAY),  # a dash between two small numbers with nothing after is still a day
    ("3月底", syntax.MONTHDAY),
    ("2025年3月31日", syntax.DATE),
    ("2025-03-31", syntax.DATE),
    ("2022—2025", syntax.YEARS),
    ("超过", syntax.NAME),  # a comparator word alone stays a word (`target 超过 1000家`)
    ("上半年工作", syntax.NAME),  # a date word that runs on into a name is a name
    ("年内完成率", syntax.NAME),
])
def test_older_forms_and_names_keep_their_kinds(written: str, kind: str) -> None:
    assert _args(written) == [(kind, written)]


def test_range_separators_decode_to_the_same_range() -> None:
    assert {syntax.decode_range(r) for r in ("1~2个", "1—2个", "1至2个", "1-2个", "1～2个")} == {
        (syntax.Decimal(1), syntax.Decimal(2), "个")}
