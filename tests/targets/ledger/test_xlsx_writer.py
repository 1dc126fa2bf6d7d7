"""ledger.xlsx's writer (SpreadsheetML written directly) against openpyxl, the library that judges it.

The oracle (xlsx_oracle.py) builds the same workbook with openpyxl, as the target did before. On every
bundled plan and on generated hostile text, the two files must be the same bytes, part by part; and
each is read back with openpyxl and compared cell by cell (value, type, font, fill, border, alignment,
number format, protection), with column widths, row heights, frozen panes, print titles, page setup,
header and footer, merged cells, defined names and document properties. LibreOffice, where installed,
opens the file and gives the ledger's text back (the render tests' convention: required when
PLANC_RENDER_TESTS=1, else skipped when LibreOffice Calc is missing).
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import io
import os
import shutil
import subprocess
import tempfile
import zipfile
from functools import cache
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compiler.model import Plan
from compiler.pipeline import compile_file
from targets.ledger.view import Ledger, Sheet, ledger
from targets.ledger.xlsx import build_xlsx, column_letter, safe_cell
from tests.targets.ledger.xlsx_oracle import build_xlsx as oracle_xlsx

ROOT = Path(__file__).resolve().parents[3]
PLANS = sorted([*ROOT.glob("plans/*.plan"), *ROOT.glob("plans/corpus/*.plan")])


@cache
def compiled(path: Path) -> Plan:
    plan = compile_file(path).plan
    assert plan is not None, path
    return plan


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


APP = (b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
       b"<Application>planc</Application></Properties>")


def assert_same_parts(fast: bytes, oracle: bytes) -> None:
    """Every part the same bytes as openpyxl's, in the same order. Two differences by design: a worksheet holds
    its text as UTF-8 where openpyxl writes character references (written as references again, the bytes are
    openpyxl's), and the application is planc."""
    mine, theirs = parts(fast), parts(oracle)
    assert list(mine) == list(theirs)
    assert mine.pop("docProps/app.xml") == APP
    assert b"<Application>" in theirs.pop("docProps/app.xml")
    for name in theirs:
        if name.startswith("xl/worksheets/"):
            assert mine[name].decode("utf-8").encode("ascii", "xmlcharrefreplace") == theirs[name], name
        else:
            assert mine[name] == theirs[name], name


def _style(cell: Any) -> tuple[object, ...]:
    # copies: openpyxl's style proxies do not compare equal to one another, the style objects do
    return (copy.copy(cell.font), copy.copy(cell.fill), copy.copy(cell.border), copy.copy(cell.alignment),
            cell.number_format, copy.copy(cell.protection))


def describe(data: bytes) -> dict[str, Any]:
    """The workbook as openpyxl reads it: everything a ledger sets, comparable with ==."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    out: dict[str, Any] = {
        "sheets": book.sheetnames,
        "properties": (book.properties.creator, book.properties.created, book.properties.modified),
        "defined": sorted((name, d.attr_text) for name, d in book.defined_names.items()),
    }
    for ws in book.worksheets:
        cells = [[(c.coordinate, c.value, c.data_type, c.style_id) for c in row] for row in ws.iter_rows()]
        # each cell's style by its id, and each id's style spelled out once
        styles: dict[int, tuple[object, ...]] = {}
        for row in ws.iter_rows():
            for c in row:
                if c.style_id not in styles:
                    styles[c.style_id] = _style(c)
        out[ws.title] = {
            "cells": cells,
            "styles": styles,
            "dimensions": ws.dimensions,
            "widths": {key: (dim.width, dim.customWidth) for key, dim in ws.column_dimensions.items()},
            "heights": {key: dim.height for key, dim in ws.row_dimensions.items()},
            "freeze": ws.freeze_panes,
            "print_titles": (ws.print_title_rows, ws.print_title_cols),
            "print_area": ws.print_area,
            "page": (ws.page_setup.orientation, ws.page_setup.paperSize, ws.page_setup.fitToWidth,
                     ws.page_setup.fitToHeight, ws.sheet_properties.pageSetUpPr.fitToPage, ws.page_margins.left,
                     ws.page_margins.right, ws.page_margins.top, ws.page_margins.bottom),
            "header_footer": (str(ws.oddHeader), str(ws.oddFooter), str(ws.evenHeader), str(ws.evenFooter)),
            "merged": sorted(str(r) for r in ws.merged_cells.ranges),
            "defined": sorted((n, d.attr_text) for n, d in ws.defined_names.items()),
        }
    return out


def assert_equivalent(book: Ledger, stamp: dt.date) -> bytes:
    fast, oracle = build_xlsx(book, stamp), oracle_xlsx(book, stamp)
    assert describe(fast) == describe(oracle)
    assert_same_parts(fast, oracle)
    return fast


@pytest.mark.parametrize("path", PLANS, ids=[p.stem for p in PLANS])
def test_every_bundled_ledger_is_the_workbook_openpyxl_builds(path: Path) -> None:
    plan = compiled(path)
    book = ledger(plan)
    data = assert_equivalent(book, plan.issued or plan.period.start)
    assert '<t>编号</t>'.encode() in parts(data)["xl/worksheets/sheet1.xml"]  # UTF-8, not &#32534;&#21495;
    read = openpyxl.load_workbook(io.BytesIO(data))
    assert read.sheetnames == ["任务", "指标", "时间节点"]
    for sheet, ws in zip(book.sheets, read.worksheets):
        assert [c.value for c in ws[1]] == list(sheet.columns)
        assert [[c.value or "" for c in row] for row in ws.iter_rows(min_row=2)] == [
            [safe_cell(text) for text in row] for row in sheet.rows]
        assert ws.freeze_panes == "A2" and ws.print_title_rows == "$1:$1"
        assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9  # A4


def test_the_comparison_sees_a_changed_style_or_value() -> None:
    """The oracle comparison is not vacuous: one changed body style or value is told apart."""
    plan = compiled(ROOT / "plans" / "yueyang-2025.plan")
    book = ledger(plan)
    stamp = plan.issued or plan.period.start
    fast = build_xlsx(book, stamp)
    styled = parts(fast)
    sheet = styled["xl/worksheets/sheet1.xml"]
    changed = sheet.replace(b'<c r="A2" s="2"', b'<c r="A2" s="1"', 1)
    assert changed != sheet
    for name, edited in (("styles", changed), ("value", sheet.replace(b"<t>", b"<t>x", 3))):
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for part, data in styled.items():
                archive.writestr(part, edited if part == "xl/worksheets/sheet1.xml" else data)
        assert describe(out.getvalue()) != describe(oracle_xlsx(book, stamp)), name


# Hostile text: markup, quotes, the characters a spreadsheet reads as a formula, whitespace at the
# ends (xml:space), carriage returns, controls, C1 and non-BMP characters, text over a cell's 32,767.
_HOSTILE = st.sampled_from([
    "=SUM(A1:A2)", "=", "+86 10", "-5%", "@user", "'quoted'", 'a "b" c', "<b>&amp;</b>", "]]>", "&#20219;",
    " leading", "trailing ", "\u3000全角\u3000", "line\nbreak", "cr\rlf\r\n", "ends\r", "\r", "&",
    "tab\there", "\x00\x07\x1b\x1f",
    "\x7f\x85\x9f", "😀𠀀", "_x000a_", "&P &N &[Page] &&", "年" * 33000, "a" * 32766 + "  ",
])
_TEXT = st.one_of(
    _HOSTILE,
    st.text(alphabet=st.characters(codec="utf-8", blacklist_characters="\ufffe\uffff"), max_size=40),
    st.lists(_HOSTILE, min_size=2, max_size=3).map("".join),
)
# headings are the ledger's own labels and period names (never user text, never a formula)
_HEADING = st.text(alphabet=st.characters(min_codepoint=0x20, codec="utf-8", blacklist_characters="\ufffe\uffff="),
                   min_size=1, max_size=12)


@st.composite
def _sheet(draw: st.DrawFn, name: str) -> Sheet:
    width = draw(st.integers(min_value=1, max_value=30) | st.just(60))
    columns = tuple(draw(st.lists(_HEADING, min_size=width, max_size=width)))
    widths = tuple(draw(st.lists(st.integers(1, 255), min_size=width, max_size=width)))
    cell = st.one_of(st.just(""), _TEXT)
    rows = tuple(tuple(draw(st.lists(cell, min_size=width, max_size=width)))
                 for _ in range(draw(st.integers(min_value=0, max_value=4))))
    return Sheet(name, draw(_TEXT.filter(bool)), columns, widths, rows, note=draw(st.just("") | _TEXT))


@st.composite
def _ledger(draw: st.DrawFn) -> Ledger:
    sheets = tuple(draw(_sheet(name)) for name in ("任务", "指标", "时间节点"))
    return Ledger("p", "标题", sheets, ())


@settings(max_examples=40, deadline=None)
@given(_ledger(), st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2099, 12, 31)))
def test_hostile_text_gives_the_workbook_openpyxl_builds(book: Ledger, stamp: dt.date) -> None:
    data = assert_equivalent(book, stamp)
    read = openpyxl.load_workbook(io.BytesIO(data))
    for sheet, ws in zip(book.sheets, read.worksheets):
        for row, cells in zip(sheet.rows, ws.iter_rows(min_row=2)):
            for text, cell in zip(row, cells):
                assert cell.data_type == ("s" if text else "n")
                assert (cell.value or "") == safe_cell(text)[:32767]
                assert not str(cell.value or "").startswith(("=", "+", "-", "@"))


def test_characters_xml_cannot_hold_become_replacement_characters() -> None:
    """Where the oracle fails (lxml refuses U+FFFE and U+FFFF, UTF-8 a lone surrogate), the writer stays total."""
    sheet = Sheet("任务", "标题\ufffe", ("编号",), (10,), (("a\ufffeb\uffff\x00c\ud800",),))
    data = build_xlsx(Ledger("p", "t", (sheet,), ()), dt.date(2025, 1, 1))
    ws = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    assert ws["A2"].value == "a\ufffdb\ufffd\ufffdc\ufffd"
    assert ws.oddHeader.center.text == "标题\ufffd"


def test_a_ledger_with_no_rows_has_no_body_style() -> None:
    empty = Ledger("p", "t", tuple(Sheet(n, "t", ("编号", "任务"), (6, 20), ()) for n in ("任务", "指标")), ())
    data = assert_equivalent(empty, dt.date(2025, 1, 1))
    assert b'cellXfs count="2"' in parts(data)["xl/styles.xml"]


def test_a_row_wider_than_its_columns_is_refused() -> None:
    sheet = Sheet("任务", "t", ("编号",), (10,), (("a", "b"),))
    with pytest.raises(ValueError, match="2 cells for 1 columns"):
        build_xlsx(Ledger("p", "t", (sheet,), ()), dt.date(2025, 1, 1))


@pytest.mark.parametrize(("index", "letters"), [(1, "A"), (26, "Z"), (27, "AA"), (52, "AZ"), (53, "BA"), (702, "ZZ"),
                                                (703, "AAA"), (16384, "XFD")])
def test_column_letters(index: int, letters: str) -> None:
    assert column_letter(index) == letters


def _calc() -> str:
    """soffice with its spreadsheet component, or skip (fail under PLANC_RENDER_TESTS=1)."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found and any((Path(found).resolve().parent / lib).exists() for lib in ("libsclo.so", "libsclo.dylib")):
        return found
    if os.environ.get("PLANC_RENDER_TESTS") == "1":
        pytest.fail("LibreOffice Calc not found: apt-get install libreoffice-calc (PLANC_RENDER_TESTS=1 requires it)")
    pytest.skip("LibreOffice Calc not installed (apt-get install libreoffice-calc); set PLANC_RENDER_TESTS=1 to require it")
    raise AssertionError  # unreachable


def test_libreoffice_reads_every_sheet_back() -> None:
    soffice = _calc()
    plan = compiled(ROOT / "plans" / "yueyang-2025.plan")
    book = ledger(plan)
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "ledger.xlsx"
        source.write_bytes(build_xlsx(book, plan.issued or plan.period.start))
        # CSV, UTF-8 (76), every sheet to its own file (the last token, -1)
        subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp}/profile", "--convert-to",
                        "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
                        "--outdir", tmp, str(source)], check=True, capture_output=True, timeout=180)
        for sheet in book.sheets:
            with (Path(tmp) / f"ledger-{sheet.name}.csv").open(encoding="utf-8", newline="") as handle:
                rows = list(csv.reader(handle))
            assert rows[0] == list(sheet.columns)
            assert rows[1:] == [[safe_cell(text) for text in row] for row in sheet.rows], sheet.name
