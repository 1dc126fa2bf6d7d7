"""Every cell of ledger.xlsx keeps its style when the body's style is shared rather than set cell by cell."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl

from compiler.pipeline import compile_file
from targets.ledger import emit

ROOT = Path(__file__).resolve().parents[3]


def test_every_body_cell_is_wrapped_bordered_text_and_the_header_bold() -> None:
    compiled = compile_file(ROOT / "plans" / "yueyang-2025.plan")
    assert compiled.plan is not None
    book = openpyxl.load_workbook(io.BytesIO(emit(compiled.plan)["ledger.xlsx"]))
    cells = 0
    for sheet in book.worksheets:
        assert all(cell.font.bold for cell in sheet[1])
        for row in sheet.iter_rows(min_row=2, max_col=sheet.max_column):
            for cell in row:
                cells += 1
                assert cell.number_format == "@", cell.coordinate
                assert cell.alignment.wrap_text and cell.alignment.vertical == "top", cell.coordinate
                assert not cell.font.bold, cell.coordinate
                assert all(side.style == "thin" for side in (cell.border.left, cell.border.right, cell.border.top,
                                                             cell.border.bottom)), cell.coordinate
    assert cells > 100
