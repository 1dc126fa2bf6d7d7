"""What a rendered document.md must parse back to: the view's blocks and tables, one for one."""

from __future__ import annotations

import re

from compiler import model as m
from targets.docs.view import document_view
from tests.targets.docs.markdown_tools import ParsedBlock, parse, table_shape_problems

_WS = re.compile(r"\s+")


def normal(text: str) -> str:
    return _WS.sub(" ", text).strip()


def _shape(block: ParsedBlock) -> tuple[object, ...]:
    if block.kind == "table":
        return ("table", tuple(tuple(normal(c) for c in row) for row in block.rows))
    return (block.kind, normal(block.text), block.level)


def expected_blocks(plan: m.Plan) -> list[tuple[object, ...]]:
    view = document_view(plan)
    out: list[tuple[object, ...]] = []
    for index, paragraph in enumerate(view.paragraphs):
        if paragraph.rule_before and index:
            out.append(("hr", "", 0))
        if paragraph.marks:
            out.append(("heading", normal(paragraph.text), len(paragraph.marks.strip())))
        else:
            out.append(("paragraph", normal(paragraph.text), 0))
    # the view's 附表 are computed for the work ledger, never printed in the official document;
    # a rubric's tables are the source's own text, printed: a heading and a table each
    for table in view.rubric:
        out.append(("heading", normal(table.heading), 3))
        out.append(("table", (tuple(normal(c) for c in table.columns),
                              *(tuple(normal(c) for c in row) for row in table.rows))))
    return out


def structure_problems(plan: m.Plan, markdown: str) -> list[str]:
    """Differences between the parsed document and what it should say; empty when it is right."""
    problems = table_shape_problems(markdown)
    parsed = [_shape(b) for b in parse(markdown)]
    expected = expected_blocks(plan)
    for index, (got, want) in enumerate(zip(parsed, expected)):
        if got != want:
            problems.append(f"block {index}: got {got!r}, expected {want!r}")
            break
    if len(parsed) != len(expected):
        problems.append(f"{len(parsed)} blocks parsed, {len(expected)} expected")
    return problems
