"""The grammar builds without conflicts, and its keyword terminal matches the keyword table."""

from __future__ import annotations

from dsl.grammar import grammar_text, with_current_keywords
from dsl.keywords import ARGUMENT_WORDS, KEYWORD_BY_SPELLING, STATEMENT_KEYWORDS
from dsl.parser import build_strict_parser, parse


def test_grammar_builds_in_strict_mode() -> None:
    # strict=True turns shift/reduce conflicts and terminal collisions into errors
    build_strict_parser()


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
