"""The ledger target: ``ledger.xlsx``, the 工作台账 a supervision office (督查室) keeps, and ``ledger.md``.

Sheets 任务, 指标 (with a progress column per reporting period, which `planc evaluate` reads back
when filled in) and 时间节点; see docs/checks.md. The workbook's XML is written directly
(targets/ledger/xlsx.py); openpyxl, which builds the same workbook in the tests, is not loaded.
"""

from __future__ import annotations

from compiler.model import Plan
from targets import Files, Target


def emit(plan: Plan) -> Files:
    from targets.ledger.markdown import build_markdown
    from targets.ledger.view import ledger
    from targets.ledger.xlsx import build_xlsx

    book = ledger(plan)
    return {"ledger.xlsx": build_xlsx(book, plan.issued or plan.period.start),
            "ledger.md": build_markdown(book).encode("utf-8")}


TARGET = Target("ledger", emit)
