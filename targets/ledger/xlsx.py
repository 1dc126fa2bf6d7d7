"""ledger.xlsx: the ledger's sheets as SpreadsheetML written directly, byte for byte the same for the same plan.

Each sheet: the header on row 1, frozen below it and repeated on every printed page (a print-titles
defined name); widths set per column, text wrapped and top-aligned, thin grey borders, the body typed
as text (number format ``@``: 2025Q1 and 6.5 stay as written); A4 landscape, fitted to the page width;
the sheet's title as the page header, 第 N 页 and the sheet's note in the footer. The workbook and its
ZIP entries carry the plan's date (its issue date, else the start of its period), never the build time.

The workbook was built with openpyxl cell by cell, which took most of a large plan's build; the
same parts are now written as strings: byte for byte those openpyxl 3.1 writes, except that the
worksheets hold their text as UTF-8 where openpyxl writes a character reference (&#20219;) for each
non-ASCII character (a third less XML to write and compress), and docProps/app.xml names planc as
the application. openpyxl stays the judge: tests/targets/ledger/test_xlsx_writer.py builds the
workbook with openpyxl (tests/targets/ledger/xlsx_oracle.py, the former writer) and compares every
part's bytes (a worksheet's once its characters are written as references again), and reads this
writer's file back with openpyxl and compares every cell, style and page setting, on every bundled
plan and on generated hostile text.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Sequence

from targets.ledger.theme import THEME_XML
from targets.ledger.view import Ledger, Sheet

_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest time a ZIP entry can hold: no build time in the file
_MAX_CELL = 32767  # characters a cell holds (openpyxl cuts longer text there)

# Characters a worksheet cannot hold (XML 1.0 forbids C0 controls other than tab, newline, return,
# and U+FFFE, U+FFFF; UTF-8 cannot hold a lone surrogate); the compiler refuses the controls in plan
# strings, and this keeps the writer total for any text.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_MARKUP = re.compile(r"[&<>\r]")
_SPECIAL = re.compile(_ILLEGAL.pattern[:-1] + _MARKUP.pattern[1:])  # either: the cell's text must be changed
_FORMULA = ("=", "+", "-", "@")
_MARKUP_TEXT = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"}
# header and footer text: the page-setup codes Excel spells long, then controls as _xHHHH_ (OOXML's escape)
_HF_LONG = re.compile(r"&\[(?:Tab|Pages|Date|Path|Page|Time|File|Picture)\]")
_HF_SHORT = {"&[Tab]": "&A", "&[Pages]": "&N", "&[Date]": "&D", "&[Path]": "&Z", "&[Page]": "&P", "&[Time]": "&T",
             "&[File]": "&F", "&[Picture]": "&G"}
_HF_CONTROL = re.compile(r"[\x01-\x19]")
_FOOTER_PAGES = "第 &P 页，共 &N 页"

_HEADER_STYLE = 1  # bold, filled D9E1F2, centred, wrapped, bordered (cellXfs index)
_BODY_STYLE = 2  # wrapped, top-aligned, bordered, number format @


def safe_cell(text: str) -> str:
    """Plan text is never a formula: = + - @ at the start is kept as text with a leading '; characters a
    worksheet cannot hold become U+FFFD."""
    if _ILLEGAL.search(text):
        text = _ILLEGAL.sub("\ufffd", text)
    return "'" + text if text[:1] in _FORMULA else text


def _escape(text: str) -> str:
    """Element text: & < > and carriage return (which a parser would read as a newline) as references."""
    return _MARKUP.sub(lambda match: _MARKUP_TEXT[match.group()], text) if _MARKUP.search(text) else text


def column_letter(index: int) -> str:
    """1 → A, 27 → AA."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _number(value: float) -> str:
    return f"{value:.16g}"


def _inline(reference: str, style: int, value: str) -> str:
    space = ' xml:space="preserve"' if value != value.strip() else ""
    return f'<c r="{reference}" s="{style}" t="inlineStr"><is><t{space}>{_escape(value)}</t></is></c>'


_EMPTY_VALUE = 't="n"></c>'


def _value(text: str) -> str:
    """A body cell's type and value, after its reference and style: ``t="inlineStr"><is>…</is></c>``."""
    if _SPECIAL.search(text) or text[:1] in _FORMULA or len(text) > _MAX_CELL:  # most text is written as it is
        value = safe_cell(text)[:_MAX_CELL]
        space = ' xml:space="preserve"' if value != value.strip() else ""
        return f't="inlineStr"><is><t{space}>{_escape(value)}</t></is></c>'
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f't="inlineStr"><is><t{space}>{text}</t></is></c>'


def _empty_tail(letters: Sequence[str]) -> list[str]:
    """Empty body cells in these columns as the pieces that the row number joins."""
    ends = f'" s="{_BODY_STYLE}" {_EMPTY_VALUE}'
    return [f'<c r="{letters[0]}', *(f'{ends}<c r="{letter}' for letter in letters[1:]), ends]


def _header_footer(parts: Sequence[tuple[str, str]]) -> str:
    """A header or footer as its element text: &L/&C/&R and each part's text."""
    text = "".join(f"&{key}{value}" for key, value in parts)
    text = _HF_LONG.sub(lambda match: _HF_SHORT[match.group()], text)
    return _escape(_HF_CONTROL.sub(lambda match: f"_x{ord(match.group()):0>4x}_", text))


def _worksheet(sheet: Sheet) -> bytes:
    width = len(sheet.columns)
    letters = [column_letter(index) for index in range(1, width + 1)]
    last_row = len(sheet.rows) + 1
    out = [
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetPr>'
        '<outlinePr summaryBelow="1" summaryRight="1"/><pageSetUpPr fitToPage="1"/></sheetPr>'
        f'<dimension ref="A1:{letters[-1]}{last_row}"/>'
        '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" '
        'state="frozen"/><selection pane="bottomLeft" activeCell="A1" sqref="A1"/></sheetView></sheetViews>'
        '<sheetFormatPr baseColWidth="8" defaultRowHeight="15"/><cols>',
        *(f'<col width="{_number(w)}" customWidth="1" min="{i}" max="{i}"/>' for i, w in enumerate(sheet.widths, 1)),
        '</cols><sheetData><row r="1">',
        *(_inline(f"{letter}1", _HEADER_STYLE, heading[:_MAX_CELL]) for letter, heading in zip(letters, sheet.columns)),
        "</row>",
    ]
    # Each different text's value part is made once (a ledger repeats its units, dates and empty cells); a row
    # is its cells' reference prefixes, its number and their value parts, joined. The empty cells that end a
    # row (the progress columns) are one join of a sheet's fixed pieces with the row number.
    prefixes = [f'<c r="{letter}' for letter in letters]
    values: dict[str, str] = {"": _EMPTY_VALUE}
    tails: dict[int, list[str]] = {}
    append = out.append
    for number, row in enumerate(sheet.rows, start=2):
        if len(row) != width:
            raise ValueError(f"ledger sheet {sheet.name}: row {number} has {len(row)} cells for {width} columns")
        filled = width
        while filled and not row[filled - 1]:
            filled -= 1
        middle = f'{number}" s="{_BODY_STYLE}" '
        append(f'<row r="{number}">')
        append("".join([prefix + middle + (values[text] if text in values else values.setdefault(text, _value(text)))
                        for prefix, text in zip(prefixes, row[:filled])]))
        if filled < width:
            tail = tails.get(filled)
            if tail is None:
                tail = tails[filled] = _empty_tail(letters[filled:])
            append(str(number).join(tail))
        append("</row>")
    footer = ([("L", safe_cell(sheet.note))] if sheet.note else []) + [("C", _FOOTER_PAGES)]
    out.append(
        '</sheetData><pageMargins left="0.75" right="0.75" top="1" bottom="1" header="0.5" footer="0.5"/>'
        '<pageSetup orientation="landscape" paperSize="9" fitToHeight="0" fitToWidth="1"/><headerFooter>'
        f"<oddHeader>{_header_footer([('C', safe_cell(sheet.title))])}</oddHeader>"
        f"<oddFooter>{_header_footer(footer)}</oddFooter>"
        "<evenHeader></evenHeader><evenFooter></evenFooter><firstHeader></firstHeader><firstFooter></firstFooter>"
        "</headerFooter></worksheet>"
    )
    return "".join(out).encode("utf-8")


_BORDER = "".join(f'<{side} style="thin"><color rgb="00999999"/></{side}>' for side in ("left", "right", "top", "bottom"))
_INDEXED_COLORS = (
    "000000 FFFFFF FF0000 00FF00 0000FF FFFF00 FF00FF 00FFFF 000000 FFFFFF FF0000 00FF00 0000FF FFFF00 FF00FF 00FFFF "
    "800000 008000 000080 808000 800080 008080 C0C0C0 808080 9999FF 993366 FFFFCC CCFFFF 660066 FF8080 0066CC CCCCFF "
    "000080 FF00FF FFFF00 00FFFF 800080 800000 008080 0000FF 00CCFF CCFFFF CCFFCC FFFF99 99CCFF FF99CC CC99FF FFCC99 "
    "3366FF 33CCCC 99CC00 FFCC00 FF9900 FF6600 666699 969696 003366 339966 003300 333300 993300 993366 333399 333333"
).split()


def _styles(body: bool) -> str:
    """The style sheet: the default font and a bold one, the header fill, a thin grey border; the header's
    cell format, and the body's when any sheet has a body."""
    formats = [
        '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" pivotButton="0" quotePrefix="0" xfId="0"/>',
        '<xf numFmtId="0" fontId="1" fillId="2" borderId="1" applyAlignment="1" pivotButton="0" quotePrefix="0" '
        'xfId="0"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>',
    ]
    if body:
        formats.append('<xf numFmtId="49" fontId="0" fillId="0" borderId="1" applyAlignment="1" pivotButton="0" '
                       'quotePrefix="0" xfId="0"><alignment vertical="top" wrapText="1"/></xf>')
    return (
        '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="0"/>'
        '<fonts count="2"><font><name val="Calibri"/><family val="2"/><color theme="1"/><sz val="11"/>'
        '<scheme val="minor"/></font><font><b val="1"/></font></fonts>'
        '<fills count="3"><fill><patternFill/></fill><fill><patternFill patternType="gray125"/></fill>'
        '<fill><patternFill patternType="solid"><fgColor rgb="00D9E1F2"/></patternFill></fill></fills>'
        '<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>'
        f"<border>{_BORDER}</border></borders>"
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        f'<cellXfs count="{len(formats)}">{"".join(formats)}</cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0" hidden="0"/></cellStyles>'
        '<tableStyles count="0" defaultTableStyle="TableStyleMedium9" defaultPivotStyle="PivotStyleLight16"/>'
        "<colors><indexedColors>"
        + "".join(f'<rgbColor rgb="00{rgb}"/>' for rgb in _INDEXED_COLORS)
        + "</indexedColors></colors></styleSheet>"
    )


_NS_PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_NS_DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_WORKSHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"


def _content_types(count: int) -> str:
    sheets = "".join(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{_WORKSHEET_TYPE}"/>'
                     for i in range(1, count + 1))
    return (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/styles.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        '<Override PartName="/xl/theme/theme1.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/>'
        '<Override PartName="/docProps/core.xml" '
        'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
        '<Override PartName="/docProps/app.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
        f"{sheets}"
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>'
    )


def _root_rels() -> str:
    return (
        f'<Relationships xmlns="{_NS_PACKAGE_RELS}">'
        f'<Relationship Type="{_NS_DOC_RELS}/officeDocument" Target="xl/workbook.xml" Id="rId1"/>'
        f'<Relationship Type="{_NS_PACKAGE_RELS}/metadata/core-properties" Target="docProps/core.xml" Id="rId2"/>'
        f'<Relationship Type="{_NS_DOC_RELS}/extended-properties" Target="docProps/app.xml" Id="rId3"/>'
        "</Relationships>"
    )


def _workbook_rels(count: int) -> str:
    sheets = "".join(f'<Relationship Type="{_NS_DOC_RELS}/worksheet" Target="/xl/worksheets/sheet{i}.xml" Id="rId{i}"/>'
                     for i in range(1, count + 1))
    return (
        f'<Relationships xmlns="{_NS_PACKAGE_RELS}">{sheets}'
        f'<Relationship Type="{_NS_DOC_RELS}/styles" Target="styles.xml" Id="rId{count + 1}"/>'
        f'<Relationship Type="{_NS_DOC_RELS}/theme" Target="theme/theme1.xml" Id="rId{count + 2}"/>'
        "</Relationships>"
    )


def _attribute(text: str) -> str:
    return _escape(text).replace('"', "&quot;")


def _workbook(names: Sequence[str]) -> str:
    sheets = "".join(f'<sheet xmlns:r="{_NS_DOC_RELS}" name="{_attribute(name)}" sheetId="{i}" state="visible" '
                     f'r:id="rId{i}"/>' for i, name in enumerate(names, start=1))
    titles = "".join(f"<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"{i}\">"
                     f"{_escape(quote_sheetname(name))}!$1:$1</definedName>" for i, name in enumerate(names))
    return (
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><workbookPr/>'
        '<workbookProtection/><bookViews><workbookView visibility="visible" minimized="0" showHorizontalScroll="1" '
        'showVerticalScroll="1" showSheetTabs="1" tabRatio="600" firstSheet="0" activeTab="0" '
        f'autoFilterDateGrouping="1"/></bookViews><sheets>{sheets}</sheets><definedNames>{titles}</definedNames>'
        '<calcPr calcId="124519" fullCalcOnLoad="1"/></workbook>'
    )


def quote_sheetname(name: str) -> str:
    """A sheet name in a reference: quoted, a quote in it doubled."""
    return "'" + name.replace("'", "''") + "'"


def _core(stamp: dt.date) -> str:
    moment = f"{stamp.isoformat()}T00:00:00Z"
    terms = 'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
    return (
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties">'
        '<dc:creator xmlns:dc="http://purl.org/dc/elements/1.1/">planc</dc:creator>'
        f'<dcterms:created {terms} xsi:type="dcterms:W3CDTF">{moment}</dcterms:created>'
        f'<dcterms:modified {terms} xsi:type="dcterms:W3CDTF">{moment}</dcterms:modified></cp:coreProperties>'
    )


_APP = ('<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        "<Application>planc</Application></Properties>")


def build_xlsx(ledger: Ledger, stamp: dt.date) -> bytes:
    """The workbook: one worksheet per ledger sheet, in order, with the parts in the order openpyxl writes them."""
    sheets = ledger.sheets
    parts: list[tuple[str, str | bytes]] = [
        ("docProps/app.xml", _APP),
        ("docProps/core.xml", _core(stamp)),
        ("xl/theme/theme1.xml", THEME_XML),
        *((f"xl/worksheets/sheet{i}.xml", _worksheet(sheet)) for i, sheet in enumerate(sheets, start=1)),
        ("xl/styles.xml", _styles(any(sheet.rows for sheet in sheets))),
        ("_rels/.rels", _root_rels()),
        ("xl/workbook.xml", _workbook([sheet.name for sheet in sheets])),
        ("xl/_rels/workbook.xml.rels", _workbook_rels(len(sheets))),
        ("[Content_Types].xml", _content_types(len(sheets))),
    ]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts:
            entry = zipfile.ZipInfo(name, date_time=_ZIP_EPOCH)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            archive.writestr(entry, data)
    return out.getvalue()
