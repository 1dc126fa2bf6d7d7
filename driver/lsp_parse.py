"""Incremental parsing for the language server: re-parse only the top-level statements an edit touched.

A .plan file is a sequence of statements, one per line, a block `{ … }` keeping its
statement open across lines (dsl/plan.lark). So the text splits, at every line break
outside a block, a string, a text block or a comment, into pieces each of which is a
file of its own; parsing the pieces and concatenating their statements gives the parse
of the whole text. A piece parsed before (same text, same file) is reused; if it now
starts on another line, its spans are moved, not re-parsed.

Whenever a piece has a syntax error, the whole text is parsed as `planc check` parses it
(:func:`compiler.loader.parse_file`), so the messages are the same as on the command line;
the pieces only ever speed up text that parses. ``tests/driver/test_lsp_parse.py`` holds the result to the loader's parse.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from compiler.loader import parse_file
from diagnostics import Span
from dsl.parser import parse
from dsl.syntax import Arg, Comment, Statement, SyntaxFile

_SPECIAL = re.compile('["#{}｛｝\n]')
_TEXT = re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"""', re.S)  # the grammar's TEXT terminal
_STRING = re.compile(r'"(?:[^"\\\r\n]|\\.)*"')  # the grammar's STRING terminal
MAX_CACHED_FILES = 64  # files whose pieces are kept; the least recently parsed are dropped first


def pieces(text: str) -> list[tuple[int, str]]:
    """``text`` cut at top-level line breaks: (first line, 1-based; the piece's text) in order.

    A quote-, comment- and brace-aware scan; braces inside strings and comments do not count.
    An unbalanced text only makes a piece that does not parse on its own, and then the caller
    parses the whole text.
    """
    out: list[tuple[int, str]] = []
    depth = 0
    start = 0
    line = 1
    start_line = 1
    n = len(text)
    special = _SPECIAL.search
    match = special(text)
    while match is not None:
        i = match.start()
        ch = text[i]
        if ch == "\n":
            line += 1
            if depth <= 0:
                out.append((start_line, text[start : i + 1]))
                start, start_line = i + 1, line
        elif ch == '"':
            block = _TEXT.match(text, i) if text.startswith('"""', i) else None
            if block is not None:  # (an unterminated text block lexes otherwise: a piece then fails to parse)
                line += text.count("\n", i, block.end())
                match = special(text, block.end())
                continue
            string = _STRING.match(text, i)
            if string is not None:
                match = special(text, string.end())
            else:  # an unterminated string: the lexer fails there, and so will this piece
                match = special(text, i + 1)
            continue
        elif ch == "#":
            end = text.find("\n", i)
            match = special(text, n if end < 0 else end)
            continue
        elif ch in "{｛":
            depth += 1
        else:
            depth -= 1
        match = special(text, i + 1)
    if start < n:
        out.append((start_line, text[start:]))
    return out


@dataclass
class _Piece:
    first_line: int
    statements: list[Statement]
    comments: list[Comment]


def _moved(span: Span, by: int) -> Span:
    return Span(span.file, span.line + by, span.column, span.end_line + by, span.end_column, span.cell)


def _move_arg(arg: Arg, by: int) -> Arg:
    return Arg(arg.kind, arg.raw, arg.value, _moved(arg.span, by))


def _move_statement(statement: Statement, by: int) -> Statement:
    return Statement(
        statement.keyword,
        statement.spelled,
        [_move_arg(a, by) for a in statement.args],
        None if statement.block is None else [_move_statement(s, by) for s in statement.block],
        _moved(statement.span, by),
        _moved(statement.keyword_span, by),
        None if statement.block_span is None else _moved(statement.block_span, by),
    )


def _at(piece: _Piece, first_line: int) -> _Piece:
    by = first_line - piece.first_line
    if by == 0:
        return piece
    return _Piece(
        first_line,
        [_move_statement(s, by) for s in piece.statements],
        [Comment(c.text, _moved(c.span, by)) for c in piece.comments],
    )


class ParseCache:
    """Parsed text by file: the last parse of each file whole, and its pieces for the next edit.

    Syntax nodes are shared between parses and must not be changed by their users (the
    compiler only reads them).
    """

    def __init__(self) -> None:
        self._pieces: dict[str, dict[str, _Piece]] = {}  # file -> piece text -> parse
        self._whole: dict[str, tuple[bytes, SyntaxFile]] = {}  # file -> (text digest, parse)
        self.parsed_pieces = 0  # pieces parsed (not reused) since the cache was made: for tests and the bench

    def parse(self, text: str, path: str) -> SyntaxFile:
        """What :func:`dsl.parser.parse` returns for ``text``, reusing what is unchanged since the last call."""
        digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()
        whole = self._whole.get(path)
        if whole is not None and whole[0] == digest:
            return whole[1]
        result = self._parse_pieces(text, path)
        if result is None:
            result = parse_file(text, path)
            self._pieces.pop(path, None)
        self._whole.pop(path, None)
        self._whole[path] = (digest, result)
        while len(self._whole) > MAX_CACHED_FILES:
            oldest = next(iter(self._whole))
            del self._whole[oldest]
            self._pieces.pop(oldest, None)
        return result

    def _parse_pieces(self, text: str, path: str) -> SyntaxFile | None:
        known = self._pieces.get(path, {})
        kept: dict[str, _Piece] = {}
        statements: list[Statement] = []
        comments: list[Comment] = []
        for first_line, piece_text in pieces(text):
            piece = kept.get(piece_text) or known.get(piece_text)
            if piece is None:
                parsed = parse(piece_text, path)
                self.parsed_pieces += 1
                if parsed.diagnostics:
                    return None  # parse the whole text, for the messages `planc check` gives
                piece = _Piece(1, parsed.statements, parsed.comments)
            piece = _at(piece, first_line)
            kept[piece_text] = piece
            statements.extend(piece.statements)
            comments.extend(piece.comments)
        self._pieces[path] = kept
        return SyntaxFile(path=path, source=text, statements=statements, comments=comments)
