"""Reading the CSV data files of `planc evaluate` and `planc score`: bytes to named cells, with positions.

One reader for every data stage. It decodes (UTF-8 with or without a BOM, through
:func:`compiler.loader.decode_source`; GBK is named), splits lines into fields with their
1-based columns, finds the header's columns by any of their spellings, and checks each
row's shape. What it reports carries the calling stage's codes (:class:`CsvCodes`), so
progress data keeps its D001–D011 and score data its D050–D099.

Quoting follows RFC 4180 within a line: a field may be enclosed in double quotes, and then
holds commas and doubled quotes (``"a ""b"", c"`` is ``a "b", c``). Blanks around a field
are not part of it, except inside quotes. A quote that is never closed, or text after a
closing quote, is a diagnostic at its line and column and the row is not read. A quoted
field cannot span lines: a data file has one record per line, so a stray quote costs one
row, not the rest of the file.

An Excel workbook (.xlsx, recognised by its bytes, not its name) is read through openpyxl with
the same columns, codes and checks; its positions are cells, `file.xlsx:Sheet!C7`
(:func:`read_xlsx_table`). The sheet read is the first whose first non-blank row names the
required columns.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

from compiler.loader import decode_source
from diagnostics import Diagnostic, Label, Span, make

DATA_HINT = "save the file as UTF-8 (with or without a BOM)"
#: the largest data file read (a CSV or .xlsx of progress or scores); plan files have --max-file-bytes
MAX_DATA_BYTES = 32 * 1024 * 1024


class DataTooLarge(OSError):
    """A data file over :data:`MAX_DATA_BYTES`: reported like any file that cannot be read (exit 2)."""


def read_data_file(path: Path, limit: int = MAX_DATA_BYTES) -> bytes:
    """The bytes of a data file, refusing one over ``limit`` bytes before reading it whole.

    A 150 MB CSV of one number took 1.7 GB of memory and printed the number whole; data
    files are small (a year of progress figures is kilobytes), so a limit costs nothing.
    Raises :class:`OSError` (:class:`DataTooLarge` over the limit) for the caller's "cannot read".
    """
    with path.open("rb") as handle:
        size = os.fstat(handle.fileno()).st_size  # a regular file is refused unread; a pipe is read up to the limit
        data = b"" if size > limit else handle.read(limit + 1)
    if size > limit or len(data) > limit:
        shown = f"{size:,} bytes" if size > limit else f"over {limit:,} bytes"
        raise DataTooLarge(27, f"the file is {shown}; data files are read up to {limit:,} bytes ({limit // 2**20} MiB)")
    return data
KNOWN_ENCODING_HINT = "save it as UTF-8: in Excel, 另存为 “CSV UTF-8 (逗号分隔)”; or `iconv -f {encoding} -t UTF-8`"
_UNCLOSED_HINT = 'end the field with a quote; a quote inside a quoted field is written twice ("")'
_AFTER_QUOTE_HINT = 'put the whole field inside the quotes, writing a quote in it twice: "a ""b"", c"'


class Field(NamedTuple):
    """One field of a line: its value and where it stands as written."""

    text: str  # quotes removed and doubled quotes undone; blanks around an unquoted field dropped
    column: int  # 1-based: the opening quote, or the first non-blank character; in a sheet, the column number
    width: int  # characters it takes in the line (quotes included)
    sheet: str | None = None  # in a workbook: the sheet's name (the position is then a cell)

    def span(self, file: str, line: int) -> Span:
        """The field as written (at least one column, so an empty field can be pointed at)."""
        if self.sheet is not None:
            return Span(file, line, self.column, line, self.column + 1, cell=f"{self.sheet}!{cell_name(self.column, line)}")
        return Span(file, line, self.column, line, self.column + max(self.width, 1))


class QuoteProblem(NamedTuple):
    """Why a line cannot be split: a quote never closed, or text after a closing quote."""

    message: str
    column: int
    end_column: int
    hint: str


def split_line(line: str) -> tuple[list[Field], QuoteProblem | None]:
    """The fields of one line; on bad quoting, the fields before it and the problem."""
    fields: list[Field] = []
    if '"' not in line:  # most lines: the same fields as below, found faster
        start = 0
        for raw in line.split(","):
            text = raw.strip()
            fields.append(Field(text, start + 1 + (len(raw) - len(raw.lstrip()) if text else 0), len(text)))
            start += len(raw) + 1
        return fields, None
    n = len(line)
    i = 0
    while True:
        j = i
        while j < n and line[j].isspace():
            j += 1
        if j < n and line[j] == '"':
            parts: list[str] = []
            k = j + 1
            while True:
                quote = line.find('"', k)
                if quote < 0:
                    return fields, QuoteProblem("this quote is never closed", j + 1, n + 1, _UNCLOSED_HINT)
                parts.append(line[k:quote])
                if line.startswith('"', quote + 1):
                    parts.append('"')
                    k = quote + 2
                    continue
                k = quote + 1
                break
            after = k
            while after < n and line[after].isspace():
                after += 1
            if after < n and line[after] != ",":
                comma = line.find(",", after)
                end = n if comma < 0 else comma
                return fields, QuoteProblem("text after the closing quote of a field", after + 1, end + 1, _AFTER_QUOTE_HINT)
            fields.append(Field("".join(parts), j + 1, k - j))
            i = after
        else:
            comma = line.find(",", i)
            end = n if comma < 0 else comma
            raw = line[i:end]
            text = raw.strip()
            start = i + len(raw) - len(raw.lstrip()) if text else i
            fields.append(Field(text, start + 1, len(text)))
            i = end
        if i >= n:
            return fields, None
        i += 1  # the comma


@dataclass(frozen=True)
class Columns:
    """The columns a stage reads, in their usual order, and other spellings of them (lower case)."""

    names: tuple[str, ...]
    spellings: Mapping[str, str] = field(default_factory=dict)

    def canonical(self, written: str) -> str | None:
        key = written.strip().lower()
        return key if key in self.names else self.spellings.get(key)


@dataclass(frozen=True)
class CsvCodes:
    """What the calling stage calls the file, and its codes for what the reader reports."""

    subject: str  # "the progress file"
    encoding: str  # not UTF-8
    header: str  # a required column missing or repeated, a header that cannot be split
    row: str  # a row with the wrong number of fields, or bad quoting
    empty: str  # not even a header
    no_rows: str  # a header and nothing else
    unknown_column: str | None = None  # a column the stage does not read; None: ignored silently


@dataclass(frozen=True, slots=True)
class Record:
    """A well-formed data row: its line, its length in characters, and its cells by column name."""

    line: int
    length: int
    cells: Mapping[str, Field]
    sheet: str | None = None  # in a workbook: the sheet's name, and `line` is the row number

    def span(self, file: str) -> Span:
        """The whole row: `file:7:1`, or `file.xlsx:Sheet!7:7`."""
        if self.sheet is not None:
            return Span(file, self.line, 1, self.line, self.length + 1, cell=f"{self.sheet}!{self.line}:{self.line}")
        return Span(file, self.line, 1, self.line, self.length + 1)


@dataclass
class Table:
    """A data file read: the text (None when not UTF-8), the rows, and what was wrong."""

    display: str
    text: str | None = None
    records: list[Record] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    ok: bool = False  # the header was read: every non-blank row after it is a record or a diagnostic


def decode(data: bytes, display: str, codes: CsvCodes) -> tuple[str | None, Diagnostic | None]:
    """The file's text, or the stage's encoding diagnostic (GBK named, with how to save as UTF-8)."""
    return decode_source(data, display, code=codes.encoding, subject=codes.subject, hint=DATA_HINT, known_hint=KNOWN_ENCODING_HINT)


def read_table(data: bytes, display: str, columns: Columns, codes: CsvCodes) -> Table:
    """Decode and split a data file; the first non-blank line is the header. A workbook is read as one."""
    if is_xlsx(data):
        return read_xlsx_table(data, display, columns, codes)
    table = Table(display)
    text, problem = decode(data, display, codes)
    if text is None:
        table.diagnostics.extend([problem] if problem is not None else [])
        return table
    table.text = text
    lines = text.splitlines()
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        table.diagnostics.append(make(codes.empty, f"{codes.subject} is empty; it needs the header `{','.join(columns.names)}`",
                                      Span.point(display)))
        return table
    header_line = first + 1
    header_text = lines[first]
    positions = _read_header(table, header_line, header_text, columns, codes)
    if positions is None:
        return table
    width = len(split_line(header_text)[0])
    rows = 0
    for number, line in enumerate(lines[first + 1 :], start=header_line + 1):
        if not line.strip():
            continue
        rows += 1
        fields, quote = split_line(line)
        if quote is not None:
            table.diagnostics.append(make(codes.row, quote.message, Span(display, number, quote.column, number, quote.end_column),
                                          hint=quote.hint))
            continue
        if len(fields) != width:
            # point at the first extra field, or where the missing ones would go
            start = fields[width].column if len(fields) > width else len(line) + 1
            table.diagnostics.append(make(
                codes.row, f"this row has {len(fields)} field{'s' if len(fields) != 1 else ''}; the header names {width}",
                Span(display, number, start, number, max(len(line) + 1, start + 1)), hint=f"the header is `{header_text.strip()}`"))
            continue
        table.records.append(Record(number, len(line), {name: fields[index] for name, index in positions.items()}))
    if rows == 0:
        table.diagnostics.append(make(codes.no_rows, f"{codes.subject} has a header but no data rows",
                                      Span(display, header_line, 1, header_line, len(header_text) + 1)))
    table.ok = True
    return table


def _read_header(table: Table, line: int, text: str, columns: Columns, codes: CsvCodes) -> dict[str, int] | None:
    """Column name -> field index; None (with diagnostics) when a required column is missing or repeated."""
    display = table.display
    fields, quote = split_line(text)
    if quote is not None:
        table.diagnostics.append(make(codes.header, quote.message, Span(display, line, quote.column, line, quote.end_column),
                                      hint=quote.hint))
        return None
    return _match_header(table, fields, line, columns, codes, header=f"the header `{text.strip()}`",
                         whole=Span(display, line, 1, line, len(text) + 1), first="the first line")


def _match_header(table: Table, fields: list[Field], line: int, columns: Columns, codes: CsvCodes, *, header: str,
                  whole: Span, first: str, skip_empty: bool = False, spell_out: bool = True) -> dict[str, int] | None:
    """Column name -> field index for a header row, CSV line or sheet row alike; None (with diagnostics) when a
    required column is missing or repeated. ``header``/``whole``/``first`` name the row in messages."""
    display = table.display
    positions: dict[str, int] = {}
    usable = True
    for index, cell in enumerate(fields):
        if skip_empty and not cell.text:
            continue
        where = cell.span(display, line)
        name = columns.canonical(cell.text)
        if name is None:
            if codes.unknown_column is not None:
                what = f"column `{cell.text}`" if cell.text else f"column {index + 1} has no name and"
                table.diagnostics.append(make(codes.unknown_column, f"{what} is not read", where,
                                              hint=f"the columns are {','.join(columns.names)}"))
            continue
        if name in positions:
            before = fields[positions[name]]
            spelt = f" (as `{cell.text}`)" if spell_out and cell.text.strip().lower() != name else ""
            table.diagnostics.append(make(codes.header, f"column `{name}` appears twice in the header{spelt}", where,
                                          labels=(Label(before.span(display, line), "first named here"),)))
            usable = False
            continue
        positions[name] = index
    missing = [name for name in columns.names if name not in positions]
    if missing:
        table.diagnostics.append(make(
            codes.header, f"{header} has no column{'s' if len(missing) > 1 else ''} {', '.join(missing)}", whole,
            hint=f"{first} must be `{','.join(columns.names)}`"))
    return positions if usable and not missing else None


def by_line(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """The reader's and the stage's diagnostics in the order of the file (stable within a line)."""
    return sorted(diagnostics, key=lambda d: d.span.line if d.span is not None else 0)


# ---- Excel workbooks ---------------------------------------------------------------

XLSX_MAGIC = b"PK\x03\x04"  # a ZIP archive: what every .xlsx is
XLSX_HINT = "save it from Excel or WPS as “Excel 工作簿 (*.xlsx)”, or as CSV UTF-8"


def is_xlsx(data: bytes) -> bool:
    return data.startswith(XLSX_MAGIC)


def cell_name(column: int, row: int) -> str:
    """Excel's name of a cell: (3, 7) -> C7."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return f"{letters}{row}"


def cell_text(value: object) -> str:
    """A cell's value as the CSV would hold it: numbers without a float's noise, dates as ISO days."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        text = format(Decimal(repr(value)), "f")  # repr: the shortest text that is this float (6.5, not 6.4999…)
        return text.rstrip("0").rstrip(".") if "." in text else text
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


Sheet = tuple[str, list[list[str]]]  # a sheet's name and its rows of cell texts (row 1 first)


def load_sheets(data: bytes, display: str, codes: CsvCodes) -> tuple[list[Sheet] | None, Diagnostic | None]:
    """Every sheet's cells as text, or the stage's encoding diagnostic when the workbook cannot be read."""
    import openpyxl  # loaded only when a workbook is read (~60 ms of start-up otherwise)

    sheets: list[Sheet] = []
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            for worksheet in book.worksheets:
                rows = [[cell_text(value) for value in row] for row in worksheet.iter_rows(values_only=True)]
                sheets.append((worksheet.title, rows))
        finally:
            book.close()
    # A damaged workbook fails inside openpyxl, zipfile, zlib or the XML parser with whatever they
    # raise (zlib.error, KeyError, ParseError, EOFError … found by fuzzing, tests/test_fuzz_data.py),
    # while the rows are read as well as when the file is opened: the file is what is broken.
    except Exception as error:
        reason = str(error).strip() or type(error).__name__
        return None, make(codes.encoding, f"{codes.subject} `{display}` is not a readable Excel workbook ({reason})",
                          Span.point(display), hint=XLSX_HINT)
    return sheets, None


def _header_positions(cells: list[str], columns: Columns) -> dict[str, int]:
    positions: dict[str, int] = {}
    for index, text in enumerate(cells):
        name = columns.canonical(text)
        if name is not None and name not in positions:
            positions[name] = index
    return positions


def read_xlsx_table(data: bytes, display: str, columns: Columns, codes: CsvCodes) -> Table:
    """A workbook read as a data file: the first sheet whose first non-blank row names the columns."""
    table = Table(display)
    sheets, problem = load_sheets(data, display, codes)
    if sheets is None:
        table.diagnostics.extend([problem] if problem is not None else [])
        return table
    return table_from_sheets(table, sheets, columns, codes)


def table_from_sheets(table: Table, sheets: list[Sheet], columns: Columns, codes: CsvCodes) -> Table:
    """The records of the first sheet with the columns' header (diagnostics against the first sheet otherwise)."""
    display = table.display
    table.text = ""  # read: stages treat None as "not decodable"; a workbook has no lines to show in a code frame
    chosen: tuple[str, list[list[str]], int] | None = None
    for title, rows in sheets:
        first = next((i for i, row in enumerate(rows) if any(rows[i])), None)
        if first is None:
            continue
        found = _header_positions(rows[first], columns)
        if all(name in found for name in columns.names):
            chosen = (title, rows, first)
            break
        if chosen is None and title == sheets[0][0]:
            chosen = (title, rows, first)
    if chosen is None:
        table.diagnostics.append(make(codes.empty, f"{codes.subject} has no sheet with data; it needs the header "
                                      f"`{','.join(columns.names)}`", Span.point(display)))
        return table
    title, rows, first = chosen
    header = rows[first]
    header_row = first + 1
    header_cells = [Field(text, index + 1, 1, title) for index, text in enumerate(header)]
    matched = _match_header(table, header_cells, header_row, columns, codes, header=f"the header of sheet `{title}`",
                            whole=Span(display, header_row, 1, header_row, 2, cell=f"{title}!{header_row}:{header_row}"),
                            first="the first row", skip_empty=True, spell_out=False)
    if matched is None:
        return table
    positions = matched
    count = 0
    for number, row in enumerate(rows[first + 1 :], start=header_row + 1):
        if not any(row):
            continue
        count += 1
        cells = {name: Field(row[at] if at < len(row) else "", at + 1, 1, title) for name, at in positions.items()}
        table.records.append(Record(number, max(len(row), 1), cells, title))
    if count == 0:
        table.diagnostics.append(make(codes.no_rows, f"{codes.subject} has a header but no data rows",
                                      Span(display, header_row, 1, header_row, 2, cell=f"{title}!{header_row}:{header_row}")))
    table.ok = True
    return table
