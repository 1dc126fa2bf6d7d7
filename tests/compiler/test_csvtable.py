"""compiler/csvtable.py: the one CSV reader behind `planc evaluate` and `planc score`."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compiler.csvtable import Columns, CsvCodes, Field, QuoteProblem, by_line, read_table, split_line
from diagnostics import Severity, Span, make

COLUMNS = Columns(("metric", "period", "value"), {"指标": "metric", "期间": "period", "数值": "value"})
# two stages' codes: the reader must report with whichever it is given
PROGRESS = CsvCodes(subject="the progress file", encoding="D001", header="D002", row="D008", empty="D002", no_rows="D010")
SCORES = CsvCodes(subject="the data file", encoding="D050", header="D051", row="D053", empty="D067", no_rows="D067",
                  unknown_column="D052")


def texts(line: str) -> list[str]:
    fields, problem = split_line(line)
    assert problem is None
    return [f.text for f in fields]


def read(text: str | bytes, codes: CsvCodes = PROGRESS, columns: Columns = COLUMNS):  # type: ignore[no-untyped-def]
    return read_table(text.encode("utf-8") if isinstance(text, str) else text, "d.csv", columns, codes)


def where(table) -> list[tuple[str, int, int]]:  # type: ignore[no-untyped-def]
    return [(d.code, d.span.line, d.span.column) for d in table.diagnostics]


# ---- splitting ------------------------------------------------------------------


def test_plain_fields_and_their_columns() -> None:
    fields, problem = split_line("a,bc,,d")
    assert problem is None
    assert fields == [Field("a", 1, 1), Field("bc", 3, 2), Field("", 6, 0), Field("d", 7, 1)]


def test_a_trailing_comma_is_an_empty_last_field() -> None:
    assert split_line("a,b,") == ([Field("a", 1, 1), Field("b", 3, 1), Field("", 5, 0)], None)


def test_quoted_fields_hold_commas() -> None:
    fields, problem = split_line('市场主体总量,"1,048.6",是')
    assert problem is None
    assert fields == [Field("市场主体总量", 1, 6), Field("1,048.6", 8, 9), Field("是", 18, 1)]


def test_doubled_quotes_are_one_quote() -> None:
    assert texts('"say ""hi""",x') == ['say "hi"', "x"]
    assert texts('""""') == ['"']
    assert texts('"",x') == ["", "x"]
    assert split_line('"a""b"')[0] == [Field('a"b', 1, 6)]


def test_a_quote_inside_an_unquoted_field_is_text() -> None:
    assert texts('12"3,x') == ['12"3', "x"]


def test_blanks_around_fields_are_not_part_of_them() -> None:
    fields, problem = split_line('  a  ,\t"b "  ,\u3000c')
    assert problem is None
    # the column is where the text (or the opening quote) starts; quoted blanks are kept
    assert fields == [Field("a", 3, 1), Field("b ", 8, 4), Field("c", 16, 1)]


def test_an_unterminated_quote_is_reported_at_the_quote() -> None:
    fields, problem = split_line('2022Q1,"湘潭县,工信局,20')
    assert fields == [Field("2022Q1", 1, 6)]
    assert problem == QuoteProblem("this quote is never closed", 8, 19, problem.hint if problem else "")
    assert split_line('"a""')[1] is not None  # the doubled quote is not a closing one


def test_text_after_a_closing_quote_is_reported_at_the_text() -> None:
    fields, problem = split_line('"市场主体"总量,2024')
    assert fields == []
    assert problem is not None and problem.message == "text after the closing quote of a field"
    assert (problem.column, problem.end_column) == (7, 9)  # 总量, up to the comma
    assert split_line('"a"  ,b')[1] is None  # blanks after the quote are fine


def test_columns_count_characters_under_cjk_text() -> None:
    # wide characters are one column each: the renderer, not the reader, deals with display width
    fields, _ = split_line("湖南省岳阳市,２０２４年,四十八点六")
    assert [f.column for f in fields] == [1, 8, 14]


def test_a_very_long_line_is_split_in_linear_time() -> None:
    cells = ['"' + "甲," * 20_000 + '"', "x" * 200_000, '"' + '""' * 50_000 + '"']
    fields, problem = split_line(",".join(cells))
    assert problem is None and len(fields) == 3
    assert fields[0].text == "甲," * 20_000 and fields[2].text == '"' * 50_000
    assert fields[1].column == len(cells[0]) + 2 and fields[2].column == len(cells[0]) + len(cells[1]) + 3


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(list('ab甲," \t')), max_size=8), max_size=6))
def test_quoting_any_values_round_trips(values: list[str]) -> None:
    """A line written with every field quoted (quotes doubled) splits back into the same values."""
    line = ",".join('"' + v.replace('"', '""') + '"' for v in values)
    fields, problem = split_line(line)
    assert problem is None
    assert [f.text for f in fields] == (values or [""])
    for f in fields if values else []:
        assert line[f.column - 1] == '"' and line[f.column + f.width - 2] == '"'


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab甲, \t\u3000")), max_size=30))
def test_lines_without_quotes_split_as_the_quote_aware_path_does(line: str) -> None:
    """Lines without a quote take a shortcut; a quoted last field sends the same line down the full path."""
    fields, problem = split_line(line)
    assert problem is None
    full, problem = split_line(line + ',"q"')
    assert problem is None and full[:-1] == fields and full[-1] == Field("q", len(line) + 2, 3)


# ---- reading a file ---------------------------------------------------------------


def test_columns_are_found_by_any_spelling_in_any_order() -> None:
    table = read("数值, Period ,指标\n48.6,2024,市场主体\n")
    assert table.ok and not table.diagnostics
    (record,) = table.records
    assert {k: v.text for k, v in record.cells.items()} == {"value": "48.6", "period": "2024", "metric": "市场主体"}
    assert record.cells["metric"].column == 11 and record.line == 2


def test_utf8_with_a_bom_reads_the_same() -> None:
    plain = read("metric,period,value\n甲,2024,1\n")
    bom = read(b"\xef\xbb\xbf" + "metric,period,value\n甲,2024,1\n".encode())
    assert bom.ok and not bom.diagnostics
    assert bom.text == plain.text and bom.records == plain.records


def test_gbk_is_named_with_the_stage_code_at_the_first_bad_byte() -> None:
    data = "metric,period,value\n2024年,甲,1\n".encode("gbk")
    for codes in (PROGRESS, SCORES):
        table = read(data, codes)
        assert not table.ok and table.text is None and not table.records
        (diagnostic,) = table.diagnostics
        assert diagnostic.code == codes.encoding and diagnostic.span is not None
        assert (diagnostic.span.line, diagnostic.span.column) == (2, 5)
        assert diagnostic.message == f"{codes.subject} looks GBK/GB18030-encoded, not UTF-8 (byte 0xc4)"
        assert diagnostic.hint is not None and "CSV UTF-8" in diagnostic.hint and "iconv -f GBK" in diagnostic.hint


def test_utf16_from_excel_is_named_with_the_stage_code() -> None:
    data = "metric,period,value\n甲,2024,1\n".encode("utf-16")  # with its byte-order mark, as Excel writes it
    for codes in (PROGRESS, SCORES):
        table = read(data, codes)
        assert not table.ok and not table.records
        (diagnostic,) = table.diagnostics
        assert diagnostic.code == codes.encoding
        assert diagnostic.message == f"{codes.subject} is UTF-16-encoded, not UTF-8"
        assert diagnostic.hint is not None and "iconv -f UTF-16" in diagnostic.hint


def test_bytes_that_are_no_text_at_all() -> None:
    (diagnostic,) = read(b"metric\n\xff\xfe\x00").diagnostics
    assert diagnostic.message == "the progress file is not valid UTF-8 (byte 0xff)"


def test_crlf_and_blank_lines() -> None:
    table = read("\r\n\r\nmetric,period,value\r\n甲,2024,1\r\n\r\n  \r\n乙,2025,2\r\n")
    assert table.ok and not table.diagnostics
    assert [(r.line, r.cells["value"].text, r.length) for r in table.records] == [(4, "1", 8), (7, "2", 8)]


def test_an_empty_file_needs_a_header() -> None:
    for text in ("", "\n  \n"):
        table = read(text)
        assert where(table) == [("D002", 1, 1)] and not table.ok
        assert table.diagnostics[0].message == "the progress file is empty; it needs the header `metric,period,value`"
    assert where(read("", SCORES)) == [("D067", 1, 1)]


def test_a_header_without_rows() -> None:
    table = read("\nmetric,period,value\n\n")
    assert table.ok and where(table) == [("D010", 2, 1)]
    assert table.diagnostics[0].severity is Severity.WARNING
    assert table.diagnostics[0].span == Span("d.csv", 2, 1, 2, 20)
    assert where(read("metric,period,value\n", SCORES)) == [("D067", 1, 1)]


def test_missing_columns_are_named() -> None:
    table = read("metric,value\n甲,1\n")
    assert not table.ok and not table.records
    (diagnostic,) = table.diagnostics
    assert diagnostic.code == "D002" and diagnostic.message == "the header `metric,value` has no column period"
    assert diagnostic.hint == "the first line must be `metric,period,value`"
    assert read("a,b\n", SCORES).diagnostics[-1].message == "the header `a,b` has no columns metric, period, value"


def test_a_repeated_column_points_at_both() -> None:
    table = read("metric,period,value,期间\n甲,2024,1,2025\n", SCORES)
    assert not table.ok and where(table) == [("D051", 1, 21)]
    assert table.diagnostics[0].message == "column `period` appears twice in the header (as `期间`)"
    assert table.diagnostics[0].labels[0].span == Span("d.csv", 1, 8, 1, 14)


def test_unknown_columns_are_ignored_or_reported_as_the_stage_says() -> None:
    text = "metric,period,value,备注,\n甲,2024,1,x,\n"
    quiet = read(text)
    assert quiet.ok and not quiet.diagnostics and len(quiet.records) == 1
    loud = read(text, SCORES)
    assert loud.ok and where(loud) == [("D052", 1, 21), ("D052", 1, 24)]
    assert [d.message for d in loud.diagnostics] == ["column `备注` is not read", "column 5 has no name and is not read"]
    assert loud.diagnostics[0].severity is Severity.WARNING and len(loud.records) == 1


def test_bad_quoting_in_the_header_stops_the_reading() -> None:
    table = read('metric,"period,value\n甲,2024,1\n', SCORES)
    assert not table.ok and where(table) == [("D051", 1, 8)]


def test_rows_with_the_wrong_number_of_fields() -> None:
    table = read("metric,period,value\n甲,2024\n甲,2024,1,万户\n甲,2025,2\n")
    assert where(table) == [("D008", 2, 7), ("D008", 3, 10)]
    short, long = table.diagnostics
    assert short.message == "this row has 2 fields; the header names 3" and short.hint == "the header is `metric,period,value`"
    assert long.span is not None and long.span.end_column == 12  # the extra field is underlined
    assert [r.line for r in table.records] == [4]


def test_rows_with_bad_quoting_are_reported_with_the_stage_row_code() -> None:
    text = 'metric,period,value\n"甲,2024,1\n"甲"乙,2024,1\n甲,2025,"2"\n'
    for codes in (PROGRESS, SCORES):
        table = read(text, codes)
        assert where(table) == [(codes.row, 2, 1), (codes.row, 3, 4)]
        assert [r.cells["value"].text for r in table.records] == ["2"]


def test_no_non_blank_row_is_dropped_silently() -> None:
    lines = ["甲,2024,1", '"乙,2024,1', "", "丙,2024", "丁,2024,1,", "  ", '戊,"2024",1', '己,2024,"1"x']
    table = read("metric,period,value\n" + "\n".join(lines) + "\n")
    reported = {d.span.line for d in table.diagnostics if d.span is not None}
    read_lines = {r.line for r in table.records}
    assert not reported & read_lines
    assert reported | read_lines == {i + 2 for i, line in enumerate(lines) if line.strip()}


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200) | st.text(alphabet=st.sampled_from(list('metric,period,value指标"\r\n \ufeff甲1')), max_size=80))
def test_any_input_gives_records_or_diagnostics(content: bytes | str) -> None:
    table = read(content)
    for d in table.diagnostics:
        assert d.span is not None and d.span.file == "d.csv" and d.span.end_column > d.span.column
    if table.records:
        assert table.ok and table.text is not None
        lines = table.text.splitlines()
        for record in table.records:
            assert record.length == len(lines[record.line - 1])
            assert set(record.cells) == set(COLUMNS.names)


def test_by_line_keeps_the_order_within_a_line() -> None:
    def at(line: int, column: int, code: str):  # type: ignore[no-untyped-def]
        return make(code, "x", Span.point("d.csv", line, column))

    found = by_line([at(3, 1, "D008"), at(2, 9, "D004"), at(2, 1, "D006"), make("D011", "x", None)])
    assert [d.code for d in found] == ["D011", "D004", "D006", "D008"]


@pytest.mark.parametrize("written", ["metric", "METRIC", " Metric ", "指标"])
def test_header_spellings(written: str) -> None:
    assert COLUMNS.canonical(written) == "metric"
    assert COLUMNS.canonical("metrics") is None
