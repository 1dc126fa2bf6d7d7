"""The grammar builds without conflicts, its keyword terminal matches the keyword table, and the
generated parser planc runs is the grammar's."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from dsl.grammar import grammar_digest, grammar_text, standalone_digest, with_current_keywords
from dsl.keywords import ARGUMENT_WORDS, KEYWORD_BY_SPELLING, STATEMENT_KEYWORDS
from dsl.parser import build_lark_parser, get_parser, parse, parse_with_recovery

PLANS = Path(__file__).resolve().parents[2] / "plans"


@pytest.fixture(scope="module")
def parser_from_grammar() -> Any:
    # strict=True turns shift/reduce conflicts and terminal collisions into errors; building
    # takes ~30 s (interegular's collision check), so the tests below share this one
    return build_lark_parser(strict=True)


def test_grammar_builds_in_strict_mode(parser_from_grammar: Any) -> None:
    assert parser_from_grammar.options.strict


def test_generated_parser_is_generated_from_the_current_grammar() -> None:
    assert standalone_digest() == grammar_digest(), "run `make grammar` to regenerate dsl/generated_parser.py"


def _plain(error: Any) -> tuple[object, ...]:
    """A syntax error in plain terms (the Lark-built parser raises lark's exception classes, the
    generated one its own copies)."""
    token = getattr(error, "token", None)
    expected = getattr(error, "expected", None) or getattr(error, "allowed", None) or ()
    return (type(error).__name__, error.line, error.column, token and (token.type, str(token)), sorted(expected))


def _outcome(parser: Any, source: str) -> object:
    """What a parser makes of the source: the statements it builds and, recovering after each,
    every syntax error, with the blocks it is in."""
    try:
        return parser.parse(source), []
    except Exception as first:
        statements, errors = parse_with_recovery(first, source)
        return statements, [(_plain(error), enclosing) for error, enclosing in errors]


_BROKEN = [
    'plan p {\n  title "甲"\n',  # block left open
    "plan p {\n  tilte 1\n}\n",  # misspelt keyword
    'plan p {\n  title "甲\n}\n',  # unterminated string
    "}\n",  # unmatched brace
    "plan p\n{\n}\n",  # brace on its own line
    "目标ａ 3\n",  # keyword run on into a letter
    'plan p {\n  title "甲" : "乙"\n}\n',  # colon after an argument
    "plan p { title “甲” }\n",  # Chinese quotes as delimiters
    # several mistakes: each is recovered from, in the same way by both parsers
    'plan p {\n  tilte "甲"\n  period 2022..2025 ：\n  section s "一" {\n    actoin a "乙" {\n      lead “发改委”\n'
    '    }\n    note "断\n行"\n  }\n}\n}\n',
    'plan p\n{\n  title "甲"; tilte "乙"; note "丙" }\nunit 发改委 { 职务 : }\n  text """未完\n',
]


_SOURCES = {p.name: p.read_text(encoding="utf-8") for p in sorted(PLANS.rglob("*.plan"))} | {
    f"broken-{i}": text for i, text in enumerate(_BROKEN)
}


@pytest.mark.parametrize("name", list(_SOURCES))
def test_generated_parser_parses_like_the_grammar(name: str, parser_from_grammar: Any) -> None:
    source = _SOURCES[name]
    assert _outcome(get_parser(), source) == _outcome(parser_from_grammar, source)


def test_regenerating_the_parser_gives_one_that_parses_alike(tmp_path: Path) -> None:
    # what `make grammar` writes when the grammar changes
    import importlib.util

    from dsl.grammar import standalone_source
    from dsl.parser import load_options

    path = tmp_path / "regenerated_parser.py"
    path.write_text(standalone_source(), encoding="utf-8")
    assert standalone_digest(path) == grammar_digest()
    spec = importlib.util.spec_from_file_location("regenerated_parser", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    regenerated = module.Lark_StandAlone(**load_options())
    for source in _SOURCES.values():
        assert _outcome(regenerated, source) == _outcome(get_parser(), source)


def test_grammar_keywords_match_the_keyword_table() -> None:
    text = grammar_text()
    assert with_current_keywords(text) == text, "run `make grammar` to regenerate dsl/plan.lark"


def test_spellings_are_unique_within_each_table() -> None:
    for table in (STATEMENT_KEYWORDS, ARGUMENT_WORDS):
        spellings = [s for canonical, zh in table.items() for s in (canonical, *zh)]
        duplicates = {s for s in spellings if spellings.count(s) > 1}
        assert not duplicates


def test_every_keyword_spelling_starts_a_statement() -> None:
    for spelling, canonical in KEYWORD_BY_SPELLING.items():
        parsed = parse(f'{spelling} x "y"\n')
        assert parsed.ok, (spelling, parsed.diagnostics)
        assert parsed.statements[0].keyword == canonical


def test_keyword_does_not_swallow_a_longer_word() -> None:
    parsed = parse('plan p {\n  targets "x"\n}\n')
    assert [d.code for d in parsed.diagnostics] == ["P004"]
    assert "targets" in parsed.diagnostics[0].message


def test_keyword_characters_remain_usable_as_arguments() -> None:
    parsed = parse("unit 单位 目标 lead\n")
    assert parsed.ok
    assert [a.raw for a in parsed.statements[0].args] == ["单位", "目标", "lead"]


def test_the_grammar_file_reads_names_as_the_lexicon_declares() -> None:
    """The NAME terminal of dsl/plan.lark is generated from dsl/lexicon.py (the parser's error path,
    the language server and the TextMate grammar use the same declaration)."""
    from dsl.lexicon import NAME_PATTERN

    assert f"NAME: /{NAME_PATTERN}/" in grammar_text()
    assert "_LBRACE" not in grammar_text(), "the file a reader reads is the grammar compiled"
