"""Parse .plan text into syntax nodes, turning every syntax error into a diagnostic.

The parser is Lark's LALR parser with its contextual lexer, loaded once per process
from dsl/generated_parser.py (generated from dsl/plan.lark by `make grammar`, see
dsl/grammar.py), with the transformer passed to the parser so no intermediate tree is
built. Lark itself is imported only to build the parser from the grammar in tests.

After a syntax error the parser recovers (see `parse_with_recovery`): it drops the
statement the error is in, resumes at the next statement, and so reports every syntax
error of a file in one run. A clean file never enters that path.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Collection, Sequence
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
from dsl.numbers import foreign_digit
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
    "MEASURE": "a number",  # a figure with its words (不少于100名): to a writer, a number
    "WHEN": "a date",  # a date as plans write it (2026年10月底前)
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


#: the keyword text of the statement the parser makes up in place of one with a syntax error
#: (see `parse_with_recovery`); no keyword has it
_RECOVERED = "\x00recovered"


class _Recovered:
    """What a made-up statement reduces to: left out of the tree, with its block."""

    __slots__ = ()


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

    def statement(self, children: list[Any]) -> Statement | _Recovered:
        keyword_token = children[0]
        if keyword_token == _RECOVERED:
            return _Recovered()
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


#: Which statements a block accepts, asked with the canonical keywords of the statements whose
#: blocks enclose it, outermost first (None for a statement whose keyword was misspelt); the
#: answer is canonical keywords, or None when unknown. The compiler's statement table answers it
#: (dsl cannot import compiler): the parser uses it to suggest a keyword that fits the block.
KeywordsIn = Callable[[Sequence[str | None]], Collection[str] | None]

#: a parse stops recovering after this many syntax errors in one file (`planc check`'s
#: default --max-diagnostics, the most a reader is shown per file)
MAX_SYNTAX_ERRORS = 50


def parse(
    source: str,
    path: str = "<input>",
    *,
    keywords_in: KeywordsIn | None = None,
    max_errors: int = MAX_SYNTAX_ERRORS,
) -> SyntaxFile:
    """Parse one file's text. Never raises for bad input: errors become diagnostics, every
    syntax error of the file (up to ``max_errors``), each at its own position.

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
    except UnexpectedInput as first:
        result.statements, errors = parse_with_recovery(first, source, max_errors)
        for error, enclosing in errors:
            valid = keywords_in(enclosing) if keywords_in is not None else None
            result.diagnostics.append(_diagnose(error, source, path, valid))
    if _transformer.problems:  # in the order of the file, with the syntax errors
        result.diagnostics = sorted([*_transformer.problems, *result.diagnostics],
                                    key=lambda d: (d.span.line, d.span.column) if d.span else (0, 0))
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


# ---- recovery after a syntax error ------------------------------------------
# Panic mode, at the grain of statements: the statement the error is in is dropped (the parser's
# stacks are popped back to where a statement can start), the text up to the next statement
# boundary is skipped (a line break, `;`, a brace or a comment; strings are skipped whole), and
# a made-up statement takes the dropped one's place, so that the boundary parses as it would
# have: a line break ends it, and a block it opens (`actoin a {`) parses with its braces. The
# made-up statements are left out of the tree. At the end of the file open blocks are closed, so
# the statements before are kept. Blocks stay balanced, so one mistake gives one error.

ErrorAt = tuple[UnexpectedInput, tuple[str | None, ...]]

_BOUNDARY = frozenset("\n;；{｛}｝#")


def parse_with_recovery(
    first: UnexpectedInput, source: str, max_errors: int = MAX_SYNTAX_ERRORS
) -> tuple[list[Statement], list[ErrorAt]]:
    """Continue a parse that raised ``first``: every syntax error, each with the keywords of the
    blocks it is in, and the statements that parsed. Works for the generated parser and the
    Lark-built one alike (tests compare them)."""
    errors: list[ErrorAt] = []
    error = first
    resumed_at = -1
    while True:
        interactive = error.interactive_parser
        errors.append((error, _enclosing(interactive.parser_state.value_stack)))
        token = getattr(error, "token", None)
        if (token is not None and token.type == "$END") or len(errors) >= max_errors or _text_left_open(error, source):
            return _finish(interactive, source), errors
        resume = _resume_point(error, source)
        if resume <= resumed_at:  # no progress since the last error: skip on
            resume = _boundary(source, resumed_at + 1)
        resumed_at = resume
        _drop_broken_statement(interactive)
        # a made-up statement stands in for the dropped one, so that what ends it (a line break,
        # `;`, `}`) or the block it opens parses as it would have
        interactive.feed_token(_token(interactive, "KEYWORD", _RECOVERED, source, resume))
        _move_lexer(interactive, source, resume)
        try:
            return cast(list[Statement], interactive.resume_parse()), errors
        except Exception as next_error:
            if not _is_syntax_error(next_error):
                raise
            error = cast(UnexpectedInput, next_error)


def _enclosing(values: list[Any]) -> tuple[str | None, ...]:
    """The canonical keywords of the blocks still open on the parser's value stack."""
    path: list[str | None] = []
    keyword: Any = None
    for value in values:
        kind = getattr(value, "type", None)
        if kind == "KEYWORD":
            keyword = value
        elif kind == "LBRACE":
            word = None if keyword is None or keyword == _RECOVERED else keyword_word(str(keyword))
            path.append(KEYWORD_BY_SPELLING.get(word) if word else None)
            keyword = None
    return tuple(path)


def _boundary(source: str, start: int) -> int:
    """The next statement boundary at or after ``start``, skipping strings and text blocks whole."""
    i, n = start, len(source)
    while i < n:
        ch = source[i]
        if ch in _BOUNDARY:
            return i
        if ch == '"':
            if source.startswith('"""', i):
                end = source.find('"""', i + 3)
                if end < 0:
                    return n
                i = end + 3
                continue
            j = i + 1
            while j < n and source[j] not in '"\n':
                j += 2 if source[j] == "\\" else 1
            if j >= n or source[j] == "\n":
                return min(j, n)
            i = j + 1
            continue
        i += 1
    return n


def _is_syntax_error(error: Exception) -> bool:
    """A syntax error of either parser (the Lark-built one, in tests, raises lark's own classes)."""
    return any(cls.__name__ == "UnexpectedInput" for cls in type(error).__mro__)


def _unlexable(error: UnexpectedInput) -> bool:
    """The error is at a character that starts no token (UnexpectedCharacters, of either parser)."""
    return getattr(error, "token", None) is None


def _resume_point(error: UnexpectedInput, source: str) -> int:
    if _unlexable(error):  # the character at the error starts no token
        position = error.pos_in_stream or 0
        if source.startswith('"', position):
            return _after_broken_string(source, position)
        return _boundary(source, position + 1)
    token: Token = error.token  # type: ignore[attr-defined]
    start = token.start_pos or 0
    if token.type == "LBRACE":  # a block on a line of its own: parse it, under a made-up statement
        return start
    return _boundary(source, start + (1 if token.type in ("RBRACE", "_NL", "_SEMI") else 0))


def _after_broken_string(source: str, quote: int) -> int:
    """Where to resume after a string with no closing `"` on its line. A string broken across two
    lines (prose pasted with its line break) ends on the next line, at a `"` left unpaired there:
    resume after it, so its second half is not read as statements."""
    end = source.find("\n", quote)
    if end < 0:
        return len(source)
    following = source.find("\n", end + 1)
    line = source[end + 1 : following if following >= 0 else len(source)]
    quotes = [i for i, ch in enumerate(line) if ch == '"' and (i == 0 or line[i - 1] != "\\")]
    if len(quotes) % 2 == 1:
        return _boundary(source, end + 1 + quotes[0] + 1)
    return end


def _text_left_open(error: UnexpectedInput, source: str) -> bool:
    """An unterminated text block runs to the end of the file: what follows is prose, not statements."""
    if not _unlexable(error):
        return False
    position = error.pos_in_stream or 0
    return source.startswith('"""', position) or source.startswith('"""', max(position - 2, 0))


def _token(interactive: Any, kind: str, value: str, source: str, position: int) -> Token:
    line = source.count("\n", 0, position) + 1
    column = position - (source.rfind("\n", 0, position) + 1) + 1
    make_token = interactive.lexer_thread._Token
    return cast(Token, make_token(kind, value, position, line, column, line, column + 1, position))


def _drop_broken_statement(interactive: Any) -> None:
    """Pop the parser back to where a statement can start, dropping the statement in error."""
    state = interactive.parser_state
    states = state.parse_conf.states
    stack, values = state.state_stack, state.value_stack
    if values and (isinstance(values[-1], _Block) or getattr(values[-1], "type", None) == "RBRACE"):
        # the error follows a block's `}`: the statement owning the block is complete, end it
        if "_NL" in states[stack[-1]]:
            state.feed_token(_newline(interactive))
    while "KEYWORD" not in states[stack[-1]] and len(stack) > 1:
        stack.pop()
        values.pop()


def _newline(interactive: Any) -> Token:
    return cast(Token, interactive.lexer_thread._Token("_NL", "\n"))


def _move_lexer(interactive: Any, source: str, position: int) -> None:
    counter = interactive.lexer_thread.state.line_ctr
    counter.char_pos = position
    counter.line = source.count("\n", 0, position) + 1
    counter.line_start_pos = source.rfind("\n", 0, position) + 1
    counter.column = position - counter.line_start_pos + 1


def _finish(interactive: Any, source: str) -> list[Statement]:
    """End the parse where it stands: close the blocks still open (dropping a statement in error)
    and return the statements (none if even that fails)."""
    state = interactive.parser_state
    states = state.parse_conf.states
    # the `{` still on the value stack are the blocks left open (a closed block is reduced)
    open_blocks = sum(1 for value in state.value_stack if getattr(value, "type", None) == "LBRACE")
    try:
        while len(state.state_stack) > 1 or open_blocks == 0:
            choices = states[state.position]
            if open_blocks and "RBRACE" in choices:
                interactive.feed_token(_token(interactive, "RBRACE", "}", source, len(source)))
                open_blocks -= 1
            elif not open_blocks and "$END" in choices:
                return cast(list[Statement], interactive.feed_eof())
            elif len(state.state_stack) > 1:
                state.state_stack.pop()
                if getattr(state.value_stack.pop(), "type", None) == "LBRACE":
                    open_blocks -= 1
            else:
                break
    except Exception as error:
        if not _is_syntax_error(error):
            raise
    return []


# ---- friendly syntax errors -------------------------------------------------


def _expected_words(names: set[str] | frozenset[str]) -> str:
    words = sorted({_TOKEN_WORDS.get(n, n) for n in names if not n.startswith("__")})
    if not words:
        return "nothing more"
    if len(words) == 1:
        return words[0]
    return ", ".join(words[:-1]) + " or " + words[-1]


def _did_you_mean(word: str, valid: Collection[str] | None = None) -> list[str]:
    """The keyword spellings closest to ``word`` (one per keyword, ties all given, at most three),
    from the keywords ``valid`` in the block if any is close, in their order; else from all."""
    from difflib import SequenceMatcher  # only a misspelt keyword needs it, not a clean `planc check`

    def closest(keywords: Sequence[str]) -> list[str]:
        rank = {keyword: index for index, keyword in enumerate(keywords)}
        best: dict[str, tuple[float, str]] = {}
        for spelling, keyword in KEYWORD_BY_SPELLING.items():
            if keyword in rank:
                score = SequenceMatcher(None, word, spelling).ratio()
                if score >= 0.6 and score > best.get(keyword, (0.0, ""))[0]:
                    best[keyword] = (score, spelling)
        if not best:
            return []
        top = max(score for score, _ in best.values())
        tied = sorted((rank[k], spelling) for k, (score, spelling) in best.items() if score == top)
        return [spelling for _, spelling in tied[:3]]

    if valid is not None:
        fitting = closest(list(valid))
        if fitting:
            return fitting
    return closest(list(dict.fromkeys(KEYWORD_BY_SPELLING.values())))


def _unknown_keyword(word: str, span: Span, valid: Collection[str] | None = None) -> Diagnostic:
    suggestions = [f"`{s}`" for s in _did_you_mean(word, valid)]
    hint = (
        f"did you mean {' or '.join(suggestions)}?"
        if suggestions
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


def _diagnose(error: UnexpectedInput, source: str, path: str, valid: Collection[str] | None = None) -> Diagnostic:
    line = getattr(error, "line", 1) or 1
    column = getattr(error, "column", 1) or 1
    if isinstance(error, UnexpectedCharacters):
        position = error.pos_in_stream or 0
        ch = source[position] if position < len(source) else ""
        span = Span(path, line, column, line, column + 1)
        if ch == '"':
            if source.startswith('"""', position):
                return make("P002", "unterminated text block: no closing `\"\"\"`", span)
            if position >= 2 and source.startswith('"""', position - 2):  # lexed as `""` and a `"`
                span = Span(path, line, column - 2, line, column - 1)
                return make("P002", "unterminated text block: no closing `\"\"\"`", span,
                            hint='close the text block with `"""`; everything up to it is its text')
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
                return _unknown_keyword(word, Span(path, line, column, line, column + len(word)), valid)
        shown = repr(ch) if ch and (not ch.isprintable() or ch.isspace()) else f"`{ch}`"
        foreign = foreign_digit(ch) if ch else None
        if foreign is not None:  # the one number rule (dsl/numbers.py): ASCII or full-width digits only
            return make("P001", f"unexpected character `{ch}`: digits are written 0–9, not {foreign}", span,
                        hint="retype the number with the digits 0–9")
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
            return _unknown_keyword(str(token), span, valid)
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
