"""The TextMate grammar of .plan files (editors/vscode/syntaxes/planc.tmLanguage.json), generated.

Every keyword, argument word and comparator comes from :mod:`dsl.keywords`, in
both languages, so the highlighting cannot drift from the language:
``python -m driver.devtools textmate`` rewrites the committed file, and a test
fails when it differs from what this module generates.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from dsl.keywords import COMPARATOR_BY_SPELLING, KEYWORD_BY_SPELLING, WORD_BY_SPELLING
from dsl.lexicon import NAME_CONTINUE, NAME_PATTERN, textmate_class

SCOPE = "source.planc"
GRAMMAR_PATH = Path("editors") / "vscode" / "syntaxes" / "planc.tmLanguage.json"
# characters that continue an identifier (as in the grammar's NAME terminal)
WORD = textmate_class(NAME_CONTINUE)


def _alternation(words: list[str]) -> str:
    """Longest first, so `lead_leader` is tried before `lead`."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


def textmate_grammar() -> dict[str, Any]:
    keywords = _alternation(list(KEYWORD_BY_SPELLING))
    argument_words = _alternation(list(WORD_BY_SPELLING))
    symbols = [s for s in COMPARATOR_BY_SPELLING if not s[0].isalpha()]
    word_comparators = [s for s in COMPARATOR_BY_SPELLING if s not in symbols]
    return {
        "$schema": "https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json",
        "name": "planc",
        "scopeName": SCOPE,
        "fileTypes": ["plan"],
        "comment": "Generated from dsl/keywords.py by `python -m driver.devtools textmate`; do not edit.",
        "patterns": [
            {"include": "#comment"},
            {"include": "#text-block"},
            {"include": "#string"},
            {"include": "#statement-keyword"},
            {"include": "#argument-word"},
            {"include": "#comparator"},
            {"include": "#date"},
            {"include": "#number"},
            {"include": "#punctuation"},
        ],
        "repository": {
            "comment": {"name": "comment.line.number-sign.planc", "match": "#.*$"},
            "text-block": {
                "name": "string.quoted.triple.planc",
                "begin": '"""',
                "end": '"""',
                "patterns": [{"name": "constant.character.escape.planc", "match": r"\\."}],
            },
            "string": {
                "name": "string.quoted.double.planc",
                "begin": '"',
                "end": '"|$',
                "patterns": [{"name": "constant.character.escape.planc", "match": r"\\."}],
            },
            "statement-keyword": {
                "comment": "A keyword is one only where a statement starts: at the start of a line, after ; or {.",
                "match": rf"(?:^|(?<=[;；{{｛]))[\t \x{{3000}}]*({keywords})(?![{WORD}])\s*([:：])?",
                "captures": {
                    "1": {"name": "keyword.other.statement.planc"},
                    "2": {"name": "punctuation.separator.key-value.planc"},
                },
            },
            "argument-word": {
                "match": rf"(?<![{WORD}])({argument_words})(?![{WORD}])",
                "captures": {"1": {"name": "support.constant.word.planc"}},
            },
            "comparator": {
                "patterns": [
                    {"name": "keyword.operator.comparison.planc", "match": _alternation(symbols)},
                    {
                        "match": rf"(?<![{WORD}])({_alternation(word_comparators)})(?![{WORD}])",
                        "captures": {"1": {"name": "keyword.operator.comparison.planc"}},
                    },
                ]
            },
            "date": {
                "name": "constant.numeric.date.planc",
                "match": r"\d{4}-\d{1,2}-\d{1,2}(?![\d-])|\d{4}年\d{1,2}月\d{1,2}日|\d{4}(?:\.\.|—|–)\d{4}"
                r"|\d{1,2}-\d{1,2}(?![\d-])|\d{1,2}月\d{1,2}日|\d{1,2}月底",
            },
            "number": {
                "name": "constant.numeric.quantity.planc",
                "match": r"(?<![A-Za-z_\x{4E00}-\x{9FFF}])[+-]?\d+(?:\.\d+)?(?:[~～][+-]?\d+(?:\.\d+)?)?"
                r"(?:[%％‰]|[\x{3400}-\x{4DBF}\x{4E00}-\x{9FFF}\x{F900}-\x{FAFF}A-Za-z/·]+)?",
            },
            "punctuation": {
                "patterns": [
                    {"name": "punctuation.section.block.begin.planc", "match": "[{｛]"},
                    {"name": "punctuation.section.block.end.planc", "match": "[}｝]"},
                    {"name": "punctuation.terminator.statement.planc", "match": "[;；]"},
                ]
            },
        },
    }


def render_textmate() -> str:
    return json.dumps(textmate_grammar(), ensure_ascii=False, indent=2) + "\n"


CONFIGURATION_PATH = Path("editors") / "vscode" / "language-configuration.json"
# what the editor selects as one word: an identifier, or a number with its unit
WORD_PATTERN = NAME_PATTERN + r'|[+-]?\d+(?:\.\d+)?[^\s"{}#;]*'


def language_configuration(current: str) -> str:
    """The editor's language configuration with its word pattern set from the lexicon (the rest kept as written)."""
    line = '  "wordPattern": ' + json.dumps(WORD_PATTERN, ensure_ascii=False)
    return re.sub(r'^  "wordPattern": .*?(?=,?$)', lambda _m: line, current, count=1, flags=re.M)


def write_textmate(root: Path) -> Path:
    path = root / GRAMMAR_PATH
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_textmate(), encoding="utf-8")
    configuration = root / CONFIGURATION_PATH
    configuration.write_text(language_configuration(configuration.read_text(encoding="utf-8")), encoding="utf-8")
    return path
