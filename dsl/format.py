"""The canonical layout of a .plan file: syntax nodes → a small document IR → one printer.

Layout rules (``planc fmt``):

* one statement per line, two spaces of indentation per block level;
* a keyword and its arguments separated by single spaces, each argument written
  exactly as in the source (:attr:`dsl.syntax.Arg.raw`), so strings and text
  blocks keep every character; the optional `:` after a keyword is dropped;
* `{` at the end of the statement's line, `}` alone on its line; full-width
  braces and `;` separators become the ASCII forms and line breaks;
* every comment is kept: an own-line comment stays on its own line, indented
  like the statement that follows it; a trailing comment stays after the token
  it followed, two spaces after the code;
* blank lines: at most one in a row; none at the start of the file, right after
  `{` or right before `}`; exactly one around a top-level statement with a block;
  otherwise a blank line is kept where the author wrote one;
* no trailing whitespace outside text blocks, LF line endings, one final newline.

The formatter only reshapes whitespace, so parsing its output gives the same
statements and arguments; a file with syntax errors is returned untouched with
its diagnostics. Formatting is idempotent: formatting the output again changes
nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from diagnostics import Diagnostic
from dsl.parser import KeywordsIn, parse
from dsl.syntax import Comment, Statement

INDENT = "  "
COMMENT_GAP = "  "

Position = tuple[int, int]  # (line, column), 1-based, as in spans


# ---- the document IR ---------------------------------------------------------


@dataclass
class Line:
    """One output line: indentation depth, the pieces joined by single spaces, and a trailing comment."""

    depth: int
    parts: list[str]
    comment: str | None = None
    blank_before: bool = False


@dataclass
class Doc:
    """The formatted file as a list of lines; :func:`print_doc` is the only printer."""

    lines: list[Line] = field(default_factory=list)


def print_doc(doc: Doc) -> str:
    out: list[str] = []
    for index, line in enumerate(doc.lines):
        if line.blank_before and index > 0:
            out.append("")
        text = " ".join(line.parts)
        if line.comment is not None:
            text = f"{text}{COMMENT_GAP}{line.comment}" if text else line.comment
        out.append(INDENT * line.depth + text)
    return "\n".join(out) + "\n" if out else ""


# ---- nodes → IR ---------------------------------------------------------------


@dataclass
class _Entry:
    """A line being built, with the source positions that place comments and blank lines."""

    line: Line
    start: Position  # where its first token starts
    end: Position  # where its last token starts (a trailing comment follows it)
    end_line: int  # the source line its last token ends on
    kind: str  # "open" (header with `{`), "simple", "close" (`}`), "comment"
    top_level: bool = False


def _start(stmt: Statement) -> Position:
    return (stmt.keyword_span.line, stmt.keyword_span.column)


def _entries(statements: list[Statement], depth: int) -> list[_Entry]:
    out: list[_Entry] = []
    for stmt in statements:
        parts = [stmt.spelled] + [arg.raw for arg in stmt.args]
        last_arg = stmt.args[-1].span if stmt.args else stmt.keyword_span
        if stmt.block is None or stmt.block_span is None:
            out.append(
                _Entry(Line(depth, parts), _start(stmt), (last_arg.line, last_arg.column), last_arg.end_line,
                       "simple", top_level=depth == 0)
            )
            continue
        brace = stmt.block_span
        out.append(
            _Entry(Line(depth, parts + ["{"]), _start(stmt), (brace.line, brace.column), brace.line, "open",
                   top_level=depth == 0)
        )
        out.extend(_entries(stmt.block, depth + 1))
        close = (brace.end_line, brace.end_column - 1)
        out.append(_Entry(Line(depth, ["}"]), close, close, brace.end_line, "close", top_level=depth == 0))
    return out


def _place_comments(entries: list[_Entry], comments: list[Comment]) -> list[_Entry]:
    """Attach trailing comments to the entry they follow; insert own-line comments as entries."""
    merged = list(entries)
    own_line: list[_Entry] = []
    for comment in comments:
        position = (comment.span.line, comment.span.column)
        text = comment.text.rstrip()
        before = [e for e in entries if e.end_line == comment.span.line and e.end < position]
        if before:
            host = max(before, key=lambda e: e.end)
            host.line.comment = text if host.line.comment is None else f"{host.line.comment} {text}"
            continue
        own_line.append(_Entry(Line(0, [], text), position, position, comment.span.line, "comment"))
    merged.extend(own_line)
    merged.sort(key=lambda e: (e.start, 0 if e.kind == "comment" else 1))
    # an own-line comment is indented like what follows it, or one level deeper before a `}`
    following_depth = 0
    for entry in reversed(merged):
        if entry.kind == "comment":
            entry.line.depth = following_depth
        elif entry.kind == "close":
            following_depth = entry.line.depth + 1
        else:
            following_depth = entry.line.depth
    return merged


def _source_line_span(entry: _Entry) -> tuple[int, int]:
    return entry.start[0], entry.end_line


def _blank_lines(entries: list[_Entry]) -> None:
    previous_end = 0
    for index, entry in enumerate(entries):
        first, last = _source_line_span(entry)
        entry.line.blank_before = index > 0 and first - previous_end > 1
        previous_end = max(previous_end, last)
    for index, entry in enumerate(entries):
        if index == 0:
            entry.line.blank_before = False
            continue
        previous = entries[index - 1]
        if previous.kind == "open" or entry.kind == "close":
            entry.line.blank_before = False
        if previous.kind == "close" and previous.top_level:
            entry.line.blank_before = True
        if entry.kind == "open" and entry.top_level:
            # the blank line goes above the comments that lead into the block
            lead = index
            while lead > 0 and entries[lead - 1].kind == "comment" and entries[lead - 1].line.depth == 0 \
                    and not entries[lead].line.blank_before:
                lead -= 1
            if lead > 0:
                entries[lead].line.blank_before = True


def to_doc(statements: list[Statement], comments: list[Comment]) -> Doc:
    """The document IR for parsed statements and their comments."""
    entries = _place_comments(_entries(statements, 0), comments)
    _blank_lines(entries)
    return Doc([e.line for e in entries])


# ---- entry point --------------------------------------------------------------


@dataclass
class FormatResult:
    text: str | None  # the formatted text; None when the source has syntax errors
    diagnostics: list[Diagnostic]

    @property
    def ok(self) -> bool:
        return self.text is not None


def normalise_newlines(source: str) -> str:
    return source.replace("\r\n", "\n")


def format_source(source: str, path: str = "<input>", *, keywords_in: KeywordsIn | None = None) -> FormatResult:
    """Format one file's text. Never raises for bad input: a file that does not parse is not formatted
    (``keywords_in`` as for `dsl.parser.parse`, for its did-you-mean)."""
    text = normalise_newlines(source)
    parsed = parse(text, path, keywords_in=keywords_in)
    if not parsed.ok:
        return FormatResult(None, parsed.diagnostics)
    return FormatResult(print_doc(to_doc(parsed.statements, parsed.comments)), [])
