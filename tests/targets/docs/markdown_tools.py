"""Reading a rendered document.md back: its blocks, its text, its tables, its heading numbers.

Parsed with markdown-it-py (CommonMark plus GFM tables), so the tests see the
document as a Markdown reader does: escapes removed, markup gone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token

from tests.seeds import seed_body

_PARSER = MarkdownIt("commonmark").enable("table")
_CN = "一二三四五六七八九十"
# 一、 / (一) / （一） at the start of a line: the numbers of the first two levels of a plan
HEADING_NUMBER = re.compile(rf"^(?:([{_CN}]+)、|[(（]([{_CN}]+)[)）])")


@dataclass(frozen=True)
class ParsedBlock:
    """A top-level block: heading (with level), paragraph, hr, or table (cells row by row)."""

    kind: str
    text: str = ""
    level: int = 0
    rows: tuple[tuple[str, ...], ...] = ()
    lines: tuple[int, int] = (0, 0)


def _inline_text(token: Token) -> str:
    parts = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif child.type in ("html_inline",):
            parts.append(child.content)
    return "".join(parts)


def parse(markdown: str) -> list[ParsedBlock]:
    tokens = _PARSER.parse(markdown)
    blocks: list[ParsedBlock] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        span = tuple(token.map) if token.map else (0, 0)
        if token.type == "heading_open":
            blocks.append(ParsedBlock("heading", _inline_text(tokens[i + 1]), int(token.tag[1]), lines=span))
            i += 3
        elif token.type == "paragraph_open" and token.level == 0:
            blocks.append(ParsedBlock("paragraph", _inline_text(tokens[i + 1]), lines=span))
            i += 3
        elif token.type == "hr":
            blocks.append(ParsedBlock("hr", lines=span))
            i += 1
        elif token.type == "table_open":
            rows: list[tuple[str, ...]] = []
            row: list[str] = []
            i += 1
            while tokens[i].type != "table_close":
                if tokens[i].type == "tr_open":
                    row = []
                elif tokens[i].type == "inline":
                    row.append(_inline_text(tokens[i]))
                elif tokens[i].type == "tr_close":
                    rows.append(tuple(row))
                i += 1
            blocks.append(ParsedBlock("table", rows=tuple(rows), lines=span))
            i += 1
        else:
            # anything else (lists, quotes, code, HTML) is not something a document should contain
            blocks.append(ParsedBlock(token.type, token.content, lines=span))
            i += 1
            if token.nesting == 1:  # skip to the matching close
                depth = 1
                while depth and i < len(tokens):
                    depth += tokens[i].nesting
                    i += 1
    return blocks


def document_text(markdown: str) -> str:
    """The document's text as a reader sees it, one block a line, table cells included."""
    lines = []
    for block in parse(markdown):
        if block.kind == "table":
            lines.extend(" ".join(row) for row in block.rows)
        else:
            lines.append(block.text)
    return "\n".join(lines)


def source_cells(line: str) -> int:
    """How many cells a table row line of the source holds: pipes not escaped by a backslash, minus the edges."""
    pipes = 0
    escaped = False
    for char in line:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "|":
            pipes += 1
    return pipes - 1


def table_shape_problems(markdown: str) -> list[str]:
    """Rows whose written cell count differs from their table's header, and pipe lines outside any table."""
    problems = []
    lines = markdown.split("\n")
    in_table: set[int] = set()
    for block in parse(markdown):
        if block.kind != "table":
            continue
        start, end = block.lines
        width = source_cells(lines[start])
        for number in range(start, end):
            in_table.add(number)
            if source_cells(lines[number]) != width:
                problems.append(f"line {number + 1}: {source_cells(lines[number])} cells, header has {width}")
    for number, line in enumerate(lines):
        if line.startswith("|") and number not in in_table:
            problems.append(f"line {number + 1}: a table row outside any table: {line[:40]}")
    return problems


def heading_numbers(texts: list[str]) -> list[str]:
    """The 一、 and (一) numbers that start the given lines, in order, parentheses normalised to ()."""
    numbers = []
    for text in texts:
        match = HEADING_NUMBER.match(text.strip())  # str.strip also drops 　 and NBSP
        if match:
            numbers.append(f"{match.group(1)}、" if match.group(1) else f"({match.group(2)})")
    return numbers


def document_heading_numbers(markdown: str) -> list[str]:
    return heading_numbers([b.text for b in parse(markdown) if b.kind in ("heading", "paragraph")])


def seed_heading_numbers(plan_id: str) -> list[str]:
    return heading_numbers(seed_body(plan_id).splitlines())
