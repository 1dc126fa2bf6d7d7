"""The oracle for ledger.xlsx: the workbook built with openpyxl, as targets/ledger/xlsx.py wrote it before it wrote
the SpreadsheetML itself (test-only; tests/targets/ledger/test_xlsx_writer.py compares the two).

Each sheet: the header on row 1, frozen below it and repeated on every printed page; widths set
per column, text wrapped and top-aligned; A4 landscape, fitted to the page width. openpyxl
stamps the save time into the workbook and its ZIP entries; both are replaced by the plan's
date (its issue date, else the start of its period) so that a rebuild gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

from targets.ledger.view import Ledger

_HEADER_FILL = "D9E1F2"
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest time a ZIP entry can hold: no build time in the file


# Characters a worksheet cannot hold (XML 1.0 forbids C0 controls other than tab, newline, return);
# the compiler refuses them in plan strings, and this keeps the writer total for any text.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def safe_cell(text: str) -> str:
    """Plan text is never a formula: = + - @ at the start is kept as text with a leading '; characters a
    worksheet cannot hold become U+FFFD."""
    text = _ILLEGAL.sub("\ufffd", text)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def build_xlsx(ledger: Ledger, stamp: dt.date) -> bytes:
    from openpyxl import Workbook  # imported only when a ledger is built (~150 ms)
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.writer.excel import ExcelWriter

    book = Workbook()
    default = book.active
    if default is not None:
        book.remove(default)
    thin = Side(style="thin", color="999999")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")
    head = Alignment(wrap_text=True, vertical="center", horizontal="center")
    for sheet in ledger.sheets:
        ws = book.create_sheet(sheet.name)
        ws.append(list(sheet.columns))
        for cell in ws[1]:
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor=_HEADER_FILL)
            cell.alignment = head
            cell.border = border
        for row in sheet.rows:
            ws.append([safe_cell(text) if text else None for text in row])
        template = None
        for row_cells in ws.iter_rows(min_row=2, max_row=ws.max_row, max_col=len(sheet.columns)):
            for cell in row_cells:
                if template is None:
                    cell.alignment = wrap
                    cell.border = border
                    cell.number_format = "@"  # text: 2025Q1 and 6.5 are typed, not converted
                    template = cell._style
                else:
                    # The same style by its registered ids: setting each attribute makes openpyxl hash
                    # the style objects again per cell, which was most of the ledger's cost on a large plan.
                    # Shared, not copied: no cell's style is changed after this point.
                    cell._style = template
        for index, width in enumerate(sheet.widths, start=1):
            ws.column_dimensions[get_column_letter(index)].width = width
        ws.freeze_panes = "A2"
        ws.print_title_rows = "1:1"
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.oddHeader.center.text = safe_cell(sheet.title)
        ws.oddFooter.center.text = "第 &P 页，共 &N 页"
        if sheet.note:
            ws.oddFooter.left.text = safe_cell(sheet.note)
    moment = dt.datetime(stamp.year, stamp.month, stamp.day)
    book.properties.created = moment
    book.properties.modified = moment
    book.properties.creator = "planc"
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).save()
    return _restamp(raw.getvalue())


def _restamp(data: bytes) -> bytes:
    """The same archive with every entry dated _ZIP_EPOCH (zipfile stamps the current time)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=_ZIP_EPOCH)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()
