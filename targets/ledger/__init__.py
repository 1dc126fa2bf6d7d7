"""The ledger target: ``ledger.xlsx``, the 工作台账 a supervision office (督查室) keeps, and ``ledger.md``.

Sheets 任务, 指标 (with a progress column per reporting period, which `planc evaluate` reads back
when filled in) and 时间节点; see docs/checks.md. The workbook's XML is written directly
(targets/ledger/xlsx.py); openpyxl, which builds the same workbook in the tests, is not loaded.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from compiler.model import Plan
from targets import Files, Target


@contextmanager
def _paused_gc() -> Iterator[None]:
    """No cyclic garbage collection while the ledger is built.

    After a large plan is compiled a million objects are alive, and each of the collector's full
    passes walks all of them; the ledger's strings and rows set off such passes (a fifth of the
    ledger's time at 100k lines). What is built here holds no reference cycle and is freed by
    reference counting; the output does not depend on the collector. It is switched back on only
    if it was on.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def emit(plan: Plan) -> Files:
    from targets.ledger.markdown import build_markdown
    from targets.ledger.view import ledger
    from targets.ledger.xlsx import build_xlsx

    with _paused_gc():
        book = ledger(plan)
        return {"ledger.xlsx": build_xlsx(book, plan.issued or plan.period.start),
                "ledger.md": build_markdown(book).encode("utf-8")}


TARGET = Target("ledger", emit)
