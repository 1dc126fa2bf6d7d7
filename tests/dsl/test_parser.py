"""Token decoding, spans and comments."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dsl.parser import parse
from dsl.syntax import decode_text, split_quantity


def args_of(line: str) -> list[tuple[str, object]]:
    parsed = parse(f"unit {line}\n")
    assert parsed.ok, parsed.diagnostics
    return [(a.kind, a.value) for a in parsed.statements[0].args]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("51.01万户", ("QUANTITY", (Decimal("51.01"), "万户"))),
        ("8.5%", ("QUANTITY", (Decimal("8.5"), "%"))),
        ("8.5％", ("QUANTITY", (Decimal("8.5"), "%"))),
        ("0.7个百分点", ("QUANTITY", (Decimal("0.7"), "个百分点"))),
        ("-3", ("QUANTITY", (Decimal("-3"), ""))),
        ("1~2个", ("RANGE", (Decimal("1"), Decimal("2"), "个"))),
        ("2025-03-31", ("DATE", (2025, 3, 31))),
        ("2025年3月31日", ("DATE", (2025, 3, 31))),
        ("03-31", ("MONTHDAY", (3, 31))),
        ("3月底", ("MONTHDAY", (3, None))),
        ("2022..2025", ("YEARS", (2022, 2025))),
        ("2022—2025", ("YEARS", (2022, 2025))),
        ("≥", ("COMPARATOR", ">=")),
        ("＞＝", ("COMPARATOR", ">=")),
        ("%", ("SIGN", "%")),
        ('"含“引号”与《书名》"', ("STRING", "含“引号”与《书名》")),
        ('"a\\"b"', ("STRING", 'a"b')),
    ],
)
def test_tokens_decode(text: str, expected: tuple[str, object]) -> None:
    assert args_of(text) == [expected]


def test_text_block_dedents_and_joins_soft_wraps() -> None:
    raw = '"""\n    第一段第一行\n    续行。\n\n    second paragraph\n    wraps here\n  """'
    assert decode_text(raw) == "第一段第一行续行。\nsecond paragraph wraps here"


def test_columns_count_characters_not_bytes() -> None:
    parsed = parse('unit 发改委 "市发展和改革委员会" aka 市发改委\n')
    alias = parsed.statements[0].args[-1]
    assert (alias.span.line, alias.span.column, alias.span.end_column) == (1, 26, 30)  # bytes would put it at 38


def test_crlf_line_endings_keep_positions() -> None:
    lf = parse('plan p {\n  title "甲"\n  period 2025\n}\n')
    crlf = parse('plan p {\r\n  title "甲"\r\n  period 2025\r\n}\r\n')
    assert crlf.ok
    spans_lf = [s.span for s in lf.statements[0].block or []]
    spans_crlf = [s.span for s in crlf.statements[0].block or []]
    assert [(s.line, s.column) for s in spans_lf] == [(s.line, s.column) for s in spans_crlf]


def test_comments_are_collected_with_positions() -> None:
    parsed = parse("# 头注释\nplan p { # 行尾\n}\n")
    assert [(c.text, c.span.line) for c in parsed.comments] == [("# 头注释", 1), ("# 行尾", 2)]


def test_full_width_separators_are_accepted() -> None:
    parsed = parse('plan p ｛\n  title："甲"；period 2025\n｝\n')
    assert parsed.ok, parsed.diagnostics
    assert [s.keyword for s in parsed.statements[0].block or []] == ["title", "period"]


@pytest.mark.parametrize("head", ["title:", "title :", "title　：", "标题：", "标题 :"])
def test_a_colon_after_a_keyword_is_not_part_of_the_keyword(head: str) -> None:
    parsed = parse(f'plan p {{\n  {head} "甲"\n}}\n')
    assert parsed.ok, parsed.diagnostics
    statement = (parsed.statements[0].block or [])[0]
    word = head.rstrip(" :：　")
    assert statement.spelled == word
    assert (statement.keyword_span.column, statement.keyword_span.end_column) == (3, 3 + len(word))
    assert [a.value for a in statement.args] == ["甲"]


def test_a_colon_is_accepted_only_after_the_keyword() -> None:
    parsed = parse('plan p {\n  title "甲" : "乙"\n}\n')
    assert [(d.code, d.span.line, d.span.column) for d in parsed.diagnostics] == [("P001", 2, 13)]


@pytest.mark.parametrize(("line", "letter", "column"), [("目标ａ 3", "ａ", 3), ("titleж 3", "ж", 6)])
def test_a_keyword_run_on_into_a_foreign_letter_blames_the_letter(line: str, letter: str, column: int) -> None:
    for source in (f"{line}\n", f"plan p {{\n{line}\n}}\n"):
        [diagnostic] = parse(source).diagnostics
        assert diagnostic.code == "P001"
        assert f"`{letter}`" in diagnostic.message
        assert diagnostic.span.column == column


@given(st.text(max_size=200))
def test_parser_never_raises(text: str) -> None:
    result = parse(text, "fuzz.plan")
    for diagnostic in result.diagnostics:
        assert diagnostic.code.startswith("P")
        assert diagnostic.span is not None and diagnostic.span.line >= 1


@given(st.decimals(allow_nan=False, allow_infinity=False, places=2, min_value=-10**6, max_value=10**6))
def test_quantities_round_trip_exactly(value: Decimal) -> None:
    assert split_quantity(f"{value}万元") == (value, "万元")
