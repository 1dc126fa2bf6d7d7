"""ledger.md: the same ledger as Markdown tables; every cell through :func:`targets.escape.markdown_cell`."""

from __future__ import annotations

from targets.escape import markdown_cell
from targets.escape import markdown_inline as escape
from targets.ledger.view import Ledger


def build_markdown(ledger: Ledger) -> str:
    # each different text escaped once: a ledger repeats its units, dates and empty cells
    cells: dict[str, str] = {}

    def cell(text: str) -> str:
        found = cells.get(text)
        if found is None:
            found = cells[text] = markdown_cell(text)
        return found

    out = [f"# {escape(ledger.title)}：工作台账", ""]
    for sheet in ledger.sheets:
        columns = sheet.columns[: len(sheet.columns) - len(ledger.periods)] if sheet.name == "指标" else sheet.columns
        out += [f"## {escape(sheet.name)}", ""]
        if sheet.name == "指标" and ledger.periods:
            out += [escape(f"{sheet.note}填报期：{'、'.join(ledger.periods)}。"), ""]
        if not sheet.rows:
            out += ["（无）", ""]
            continue
        out.append("| " + " | ".join(map(cell, columns)) + " |")
        out.append("|" + "---|" * len(columns))
        for row in sheet.rows:
            out.append("| " + " | ".join(map(cell, row[: len(columns)])) + " |")
        out.append("")
    return "\n".join(out).rstrip() + "\n"
