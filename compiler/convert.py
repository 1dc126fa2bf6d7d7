"""Rewrite a file's keywords and argument words into one language, touching nothing else.

Only words the statement table gives a meaning to are rewritten: statement
keywords, option markers and enumeration values. Identifiers, strings, comments
and layout are left exactly as written. Used by `planc fmt --keywords en|zh`.
"""

from __future__ import annotations

from compiler.arguments import ArgKind, match_args, word_kind_words
from compiler.statements import SPEC_BY_CONTEXT
from dsl import syntax
from dsl.keywords import KEYWORD_BY_SPELLING, WORD_BY_SPELLING, spell
from dsl.parser import parse
from dsl.syntax import Statement


def _is_word_slot(kind: ArgKind, canonical: str) -> bool:
    """Whether a name read as ``kind`` is the enumeration word ``canonical`` (not a name taken as it is)."""
    return not kind.takes_any_name and canonical in word_kind_words(kind)


def _line_offsets(text: str) -> list[int]:
    offsets = [0]
    for index, ch in enumerate(text):
        if ch == "\n":
            offsets.append(index + 1)
    return offsets


def convert_keywords(text: str, language: str, path: str = "<input>") -> str | None:
    """The text with every keyword in ``language`` ("en" or "zh"); None if it does not parse."""
    parsed = parse(text, path)
    if not parsed.ok:
        return None
    offsets = _line_offsets(text)
    edits: list[tuple[int, int, str]] = []

    def offset(line: int, column: int) -> int:
        return offsets[line - 1] + column - 1

    def walk(statements: list[Statement], context: str) -> None:
        for stmt in statements:
            spec = SPEC_BY_CONTEXT.get((context, stmt.keyword))
            start = offset(stmt.keyword_span.line, stmt.keyword_span.column)
            edits.append((start, start + len(stmt.spelled), spell(stmt.keyword, language)))
            if spec is None:
                continue
            # rewrite only what the builder reads as a marker or an enumeration word, so an
            # identifier spelled like a word (`metric 增长 …`) stays an identifier
            roles: dict[int, ArgKind | str] = {}
            match_args(spec, stmt, [], roles)
            for index, arg in enumerate(stmt.args):
                if arg.kind != syntax.NAME:
                    continue
                canonical = WORD_BY_SPELLING.get(arg.raw) or KEYWORD_BY_SPELLING.get(arg.raw)
                if canonical is None:
                    continue
                role = roles.get(index)
                if (role == "marker" and canonical in spec.options_by_marker) or (
                    isinstance(role, ArgKind) and _is_word_slot(role, canonical)
                ):
                    a = offset(arg.span.line, arg.span.column)
                    edits.append((a, a + len(arg.raw), spell(canonical, language)))
            if stmt.block is not None and spec.block_context:
                walk(stmt.block, spec.block_context)

    walk(parsed.statements, "file")
    out = text
    for start, end, replacement in sorted(edits, reverse=True):
        out = out[:start] + replacement + out[end:]
    return out
