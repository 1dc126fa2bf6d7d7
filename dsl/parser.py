"""Parse .plan text into syntax nodes, turning every syntax error into a diagnostic.

The parser is Lark's LALR parser with its contextual lexer, loaded once per process
from dsl/generated_parser.py (generated from dsl/plan.lark by `make grammar`, see
dsl/grammar.py), with the transformer passed to the parser so no intermediate tree is
built. Lark itself is imported only to build the parser from the grammar in tests.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any, cast

from diagnostics import Diagnostic, Label, Span, make
from dsl import syntax
from dsl.generated_parser import (
    Lark,
    Lark_StandAlone,
    Token,
    Transformer,
    UnexpectedCharacters,
    UnexpectedEOF,
    UnexpectedInput,
    UnexpectedToken,
)
from dsl.grammar import keyword_word
from dsl.keywords import COMPARATOR_BY_SPELLING, KEYWORD_BY_SPELLING
from dsl.lexicon import NAME_PATTERN
from dsl.syntax import Arg, Comment, Statement, SyntaxFile

_TOKEN_WORDS = {
    "KEYWORD": "a keyword",
    "NAME": "a name",
    "STRING": 'a string "…"',
    "TEXT": 'a text block """…"""',
    "DATE": "a date",
    "MONTHDAY": "a month and day",
    "YEARS": "a year range",
    "RANGE": "a range",
    "QUANTITY": "a number",
    "COMPARATOR": "a comparator",
    "SIGN": "a unit sign (%)",
    "_NL": "the end of the line",
    "_SEMI": "`;`",
    "LBRACE": "`{`",
    "RBRACE": "`}`",
    "$END": "the end of the file",
}
# A name, as the grammar's NAME terminal has it; compiled by the error path only (the Han
# ranges take ~3 ms to compile, a cost a clean `planc check` need not pay).


def _span(path: str, tok: Token) -> Span:
    return Span(path, tok.line or 1, tok.column or 1, tok.end_line or 1, tok.end_column or 1)


def _decode(kind: str, raw: str) -> object:
    if kind == syntax.STRING:
        return syntax.unescape(raw[1:-1])
    if kind == syntax.TEXT:
        return syntax.decode_text(raw)
    if kind == syntax.QUANTITY:
        return syntax.split_quantity(raw)
    if kind == syntax.RANGE:
        return syntax.decode_range(raw)
    if kind == syntax.DATE:
        return syntax.decode_date(raw)
    if kind == syntax.MONTHDAY:
        return syntax.decode_monthday(raw)
    if kind == syntax.YEARS:
        return syntax.decode_years(raw)
    if kind == syntax.SIGN:
        return raw.replace("％", "%")
    if kind == syntax.COMPARATOR:
        return COMPARATOR_BY_SPELLING[raw]
    if kind == syntax.NAME:
        return unicodedata.normalize("NFC", raw)  # ids and names compare in NFC (docs/robustness.md, "Input rules")
    return raw


class _Block:
    __slots__ = ("span", "statements")

    def __init__(self, statements: list[Statement], span: Span) -> None:
        self.statements = statements
        self.span = span


# Control characters (C0 but tab, line feed and carriage return; DEL; C1) are refused in strings
# and text blocks: they would reach document.md (a terminal running `cat` obeys ESC) and
# schedule.ics (RFC 5545 forbids them). Outside strings the lexer refuses them already (P001).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _control_characters(path: str, tok: Token) -> list[Diagnostic]:
    found = []
    raw = str(tok)
    for match in _CONTROL.finditer(raw):
        before = raw[: match.start()]
        line = (tok.line or 1) + before.count("\n")
        column = (tok.column or 1) + len(before) if "\n" not in before else len(before) - before.rfind("\n")
        char = match.group()
        found.append(make("P009", f"a string holds the control character U+{ord(char):04X} ({_CONTROL_NAMES.get(char, 'control')})",
                          Span(path, line, column, line, column + 1),
                          hint="delete it; a line break in a text block is a real line break, a tab is written \\t"))
    return found


_CONTROL_NAMES = {"\x00": "NUL", "\x07": "BEL", "\x08": "BS", "\x0b": "VT", "\x0c": "FF", "\x1b": "ESC", "\x7f": "DEL"}


_EXPONENT_START = re.compile(r"[+-]?[0-9０-９]+(?:[.．][0-9０-９]+)?[eE]")


def _notation_problems(args: list[Arg]) -> list[Diagnostic]:
    """``1e309家`` lexes as ``1e`` then ``309家``: say what it is, not "unexpected argument `309家`".

    Also a name that is not in Unicode NFC (豈 U+F900, a compatibility ideograph, is 豈 U+8C48):
    it is read in NFC, and the warning says so, so that two spellings that look alike are one id.
    """
    found = []
    for arg, following in zip(args, [*args[1:], None]):
        if (arg.kind == syntax.QUANTITY and _EXPONENT_START.fullmatch(arg.raw) and following is not None
                and following.kind in (syntax.QUANTITY, syntax.RANGE) and following.span.line == arg.span.end_line
                and following.span.column == arg.span.end_column):
            written = arg.raw + following.raw
            found.append(make("P010", f"`{written}` is not a number: scientific notation (1e6) is not read; write the number in full",
                              Span(arg.span.file, arg.span.line, arg.span.column, following.span.end_line, following.span.end_column)))
        if arg.kind == syntax.NAME and arg.value != arg.raw:
            changed = next(ch for ch in arg.raw if unicodedata.normalize("NFC", ch) != ch)
            found.append(make("P011", f"`{arg.raw}` holds {changed} (U+{ord(changed):04X}), read as "
                                      f"{unicodedata.normalize('NFC', changed)} (U+{ord(unicodedata.normalize('NFC', changed)[0]):04X}): "
                                      f"ids and names are compared in Unicode NFC", arg.span,
                              hint="retype the name; a converter or an old input method wrote a compatibility character"))
    return found


class _ToSyntax(Transformer[Token, Any]):
    """Reshape the parse into statements; called by the parser as it reduces."""

    def __init__(self) -> None:
        super().__init__()
        self.path = "<input>"
        self.comments: list[Comment] = []
        self.problems: list[Diagnostic] = []

    def start(self, children: list[Any]) -> list[Statement]:
        return [c for c in children if isinstance(c, Statement)]

    def block(self, children: list[Any]) -> _Block:
        lbrace, rbrace = children[0], children[-1]
        statements = [c for c in children[1:-1] if isinstance(c, Statement)]
        start = _span(self.path, lbrace)
        end = _span(self.path, rbrace)
        return _Block(statements, Span(self.path, start.line, start.column, end.end_line, end.end_column))

    def statement(self, children: list[Any]) -> Statement:
        keyword_token = children[0]
        spelled = keyword_word(str(keyword_token))
        line, column = keyword_token.line or 1, keyword_token.column or 1
        keyword_span = Span(self.path, line, column, line, column + len(spelled))
        args: list[Arg] = []
        block: _Block | None = None
        for child in children[1:]:
            if isinstance(child, _Block):
                block = child
            else:
                # an include path is no output text; a NUL in one is F008, the other controls F001
                if child.type in (syntax.STRING, syntax.TEXT) and KEYWORD_BY_SPELLING[spelled] != "include" and _CONTROL.search(str(child)):
                    self.problems.extend(_control_characters(self.path, child))
                args.append(Arg(child.type, str(child), _decode(child.type, str(child)), _span(self.path, child)))
        self.problems.extend(_notation_problems(args))
        end = block.span if block else (args[-1].span if args else keyword_span)
        span = Span(self.path, keyword_span.line, keyword_span.column, end.end_line, end.end_column)
        return Statement(
            keyword=KEYWORD_BY_SPELLING[spelled],
            spelled=spelled,
            args=args,
            block=block.statements if block else None,
            span=span,
            keyword_span=keyword_span,
            block_span=block.span if block else None,
        )


_transformer = _ToSyntax()
_LONE_CR = re.compile(r"\r(?!\n)")
_parser: Lark | None = None


def _collect_comment(token: Token) -> Token:
    _transformer.comments.append(Comment(str(token), _span(_transformer.path, token)))
    return token


def load_options() -> dict[str, Any]:
    """The options a parser is loaded with: the transformer that builds syntax nodes, and
    the callback that collects comments."""
    return {"transformer": _transformer, "lexer_callbacks": {"COMMENT": _collect_comment}}


def get_parser() -> Lark:
    """The process-wide parser, loaded from the generated module."""
    global _parser
    if _parser is None:
        _parser = Lark_StandAlone(**load_options())
    return _parser


def build_lark_parser(**options: Any) -> Any:
    """The same parser built by Lark from dsl/plan.lark, for tests (strict mode, equivalence)."""
    from lark import Lark as LarkFromGrammar

    from dsl.grammar import lark_grammar_text

    return LarkFromGrammar(
        lark_grammar_text(),
        parser="lalr",
        lexer="contextual",
        propagate_positions=False,
        maybe_placeholders=False,
        **load_options(),
        **options,
    )


#: blocks nested deeper than this are refused (real plans nest four or five levels)
MAX_NESTING = 24


def _too_deep(statements: list[Statement]) -> Statement | None:
    """The first statement nested deeper than MAX_NESTING, found without recursion."""
    stack = [(s, 1) for s in statements]
    while stack:
        statement, depth = stack.pop()
        if depth > MAX_NESTING:
            return statement
        if statement.block:
            stack.extend((child, depth + 1) for child in statement.block)
    return None


def parse(source: str, path: str = "<input>") -> SyntaxFile:
    """Parse one file's text. Never raises for bad input: errors become diagnostics.

    A carriage return not followed by a line feed (old Mac line endings) ends a line, as
    CRLF and LF do: it is read as a line feed (one character for one, so columns hold).
    """
    if "\r" in source:
        source = _LONE_CR.sub("\n", source)
    result = SyntaxFile(path=path, source=source)
    parser = get_parser()
    _transformer.path = path
    _transformer.comments = []
    _transformer.problems = []
    try:
        result.statements = cast(list[Statement], parser.parse(source))
    except UnexpectedInput as error:
        result.diagnostics.append(_diagnose(error, source, path))
    result.diagnostics[:0] = _transformer.problems
    result.comments = _transformer.comments
    _transformer.comments = []
    _transformer.problems = []
    deep = _too_deep(result.statements)
    if deep is not None:
        result.diagnostics.append(
            make(
                "P008",
                f"blocks are nested more than {MAX_NESTING} deep",
                deep.keyword_span,
                hint="flatten the structure; an official document rarely goes past five levels (一、(一)1.(1)①)",
            )
        )
        result.statements = []
    return result


# ---- friendly syntax errors -------------------------------------------------


def _expected_words(names: set[str] | frozenset[str]) -> str:
    words = sorted({_TOKEN_WORDS.get(n, n) for n in names if not n.startswith("__")})
    if not words:
        return "nothing more"
    if len(words) == 1:
        return words[0]
    return ", ".join(words[:-1]) + " or " + words[-1]


def _did_you_mean(word: str) -> str | None:
    import difflib  # only a misspelt keyword needs it; not loaded by a clean `planc check`

    matches = difflib.get_close_matches(word, list(KEYWORD_BY_SPELLING), n=1, cutoff=0.6)
    return matches[0] if matches else None


def _unknown_keyword(word: str, span: Span) -> Diagnostic:
    suggestion = _did_you_mean(word)
    hint = (
        f"did you mean `{suggestion}`?"
        if suggestion
        else "a statement starts with a keyword; `planc explain P004` lists them"
    )
    return make("P004", f"unknown keyword `{word}`", span, hint=hint)


def _unclosed_brace(source: str, path: str) -> Span | None:
    """The position of the last `{` left open, found by a quote-aware scan."""
    stack: list[tuple[int, int]] = []
    line, col = 1, 1
    i = 0
    n = len(source)
    while i < n:
        ch = source[i]
        if source.startswith('"""', i):
            end = source.find('"""', i + 3)
            end = n if end < 0 else end + 3
            chunk = source[i:end]
            line += chunk.count("\n")
            col = (len(chunk) - chunk.rfind("\n")) if "\n" in chunk else col + len(chunk)
            i = end
            continue
        if ch == '"':
            j = i + 1
            while j < n and source[j] not in '"\n':
                j += 2 if source[j] == "\\" else 1
            col += j + 1 - i
            i = j + 1
            continue
        if ch == "#":
            while i < n and source[i] != "\n":
                i += 1
            continue
        if ch in "{｛":
            stack.append((line, col))
        elif ch in "}｝" and stack:
            stack.pop()
        if ch == "\n":
            line, col = line + 1, 1
        else:
            col += 1
        i += 1
    if not stack:
        return None
    line, col = stack[-1]
    return Span(path, line, col, line, col + 1)


def _diagnose(error: UnexpectedInput, source: str, path: str) -> Diagnostic:
    line = getattr(error, "line", 1) or 1
    column = getattr(error, "column", 1) or 1
    if isinstance(error, UnexpectedCharacters):
        position = error.pos_in_stream or 0
        ch = source[position] if position < len(source) else ""
        span = Span(path, line, column, line, column + 1)
        if ch == '"':
            if source.startswith('"""', position):
                return make("P002", "unterminated text block: no closing `\"\"\"`", span)
            return make("P002", "unterminated string: no closing `\"` on this line", span)
        if ch in "“”‘’「」":
            return make(
                "P003",
                f"`{ch}` cannot delimit a string",
                span,
                hint='wrap text in ASCII quotes "…"; Chinese quotes “ ” are kept as ordinary characters inside them',
            )
        if "KEYWORD" in error.allowed:
            match = re.compile(NAME_PATTERN).match(source, position)
            if match:
                word = match.group(0)
                return _unknown_keyword(word, Span(path, line, column, line, column + len(word)))
        shown = repr(ch) if ch and (not ch.isprintable() or ch.isspace()) else f"`{ch}`"
        return make(
            "P001",
            f"unexpected character {shown}",
            span,
            hint=f"expected {_expected_words(error.allowed)}",
        )
    if isinstance(error, (UnexpectedToken, UnexpectedEOF)):
        token = getattr(error, "token", None)
        expected: set[str] = set(getattr(error, "expected", set()) or set())
        token_type = token.type if token is not None else "$END"
        if token_type == "$END":
            open_brace = _unclosed_brace(source, path)
            end_line = source.count("\n") + 1
            end_col = len(source) - (source.rfind("\n") + 1) + 1
            span = Span(path, end_line, end_col, end_line, end_col + 1)
            if open_brace is not None:
                return make(
                    "P005",
                    "missing `}`: a block is still open at the end of the file",
                    open_brace,
                    hint="add `}` to close the block opened here",
                    labels=(Label(span, "the file ends here"),),
                )
            return make("P001", f"unexpected end of file; expected {_expected_words(expected)}", span)
        assert token is not None
        span = _span(path, token)
        if token_type == "RBRACE":
            return make("P006", "unmatched `}`", span, hint="remove it, or open the block it closes with `{`")
        if token_type == "NAME" and "KEYWORD" in expected:
            return _unknown_keyword(str(token), span)
        if token_type == "LBRACE":
            return make(
                "P007",
                "a block `{` must follow a statement on the same line",
                span,
                hint="move `{` up to the end of the statement it belongs to",
            )
        what = _TOKEN_WORDS.get(token_type, token_type)
        return make(
            "P001",
            f"unexpected {what} `{token}`",
            span,
            hint=f"expected {_expected_words(expected)}",
        )
    return make("P001", "syntax error", Span(path, line, column, line, column + 1))
