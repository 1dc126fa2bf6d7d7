"""The editor support: the generated TextMate grammar, checked with the Oniguruma engine editors use."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import onigurumacffi
import pytest

from driver.textmate import GRAMMAR_PATH, render_textmate, textmate_grammar
from dsl.keywords import COMPARATOR_BY_SPELLING, KEYWORD_BY_SPELLING, WORD_BY_SPELLING

ROOT = Path(__file__).resolve().parents[2]
VSCODE = ROOT / "editors" / "vscode"
GRAMMAR = textmate_grammar()
REPO = GRAMMAR["repository"]


def test_committed_grammar_is_generated_from_the_keyword_table() -> None:
    committed = (ROOT / GRAMMAR_PATH).read_text(encoding="utf-8")
    assert committed == render_textmate(), "run `python -m driver.devtools textmate`"


def _regexes(node: Any) -> list[str]:
    out: list[str] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("match", "begin", "end") and isinstance(value, str):
                out.append(value)
            else:
                out.extend(_regexes(value))
    elif isinstance(node, list):
        for value in node:
            out.extend(_regexes(value))
    return out


def test_every_regex_compiles_in_oniguruma() -> None:
    regexes = _regexes(GRAMMAR)
    assert len(regexes) >= 10
    for regex in regexes:
        onigurumacffi.compile(regex)


@pytest.mark.parametrize("spelling", sorted(KEYWORD_BY_SPELLING))
def test_each_keyword_is_a_keyword_only_where_a_statement_starts(spelling: str) -> None:
    regex = onigurumacffi.compile(REPO["statement-keyword"]["match"])
    for line in (f"{spelling} x", f"    {spelling}: x", f"a 1; {spelling} x", f"x {{ {spelling} y }}"):
        match = regex.search(line)
        assert match is not None and match.group(1) == spelling, line
    assert regex.search(f"lead 发改委 {spelling}", 1) is None  # an argument, not a keyword
    assert regex.search(f"{spelling}s x") is None or regex.search(f"{spelling}s x").group(1) != spelling  # type: ignore[union-attr]


@pytest.mark.parametrize("spelling", sorted(WORD_BY_SPELLING))
def test_each_argument_word_is_highlighted_on_its_own(spelling: str) -> None:
    regex = onigurumacffi.compile(REPO["argument-word"]["match"])
    match = regex.search(f"target >= 8% {spelling} 2025")
    assert match is not None and match.group(1) == spelling
    assert regex.search(f"x 发改委{spelling}发改委") is None or regex.search(f"x 发改委{spelling}发改委").group(1) != spelling  # type: ignore[union-attr]


def test_comparators_and_literals() -> None:
    symbols, words = (onigurumacffi.compile(p["match"]) for p in REPO["comparator"]["patterns"])
    for spelling in COMPARATOR_BY_SPELLING:
        match = symbols.search(spelling) or words.search(f" {spelling} ")
        assert match is not None and spelling in match.group(0), spelling
    date = onigurumacffi.compile(REPO["date"]["match"])
    for text in ("2025-03-31", "2025年3月31日", "2022..2025", "3月底", "03-31"):
        assert date.search(text).group(0) == text  # type: ignore[union-attr]
    number = onigurumacffi.compile(REPO["number"]["match"])
    for text in ("51.01万户", "8.5%", "1~2个", "-3", "0.7个百分点"):
        assert number.search(text).group(0) == text  # type: ignore[union-attr]
    comment = onigurumacffi.compile(REPO["comment"]["match"])
    assert comment.search('lead 发改委  # 注释 "x"').group(0) == '# 注释 "x"'  # type: ignore[union-attr]


def test_vscode_extension_manifest_points_at_its_files() -> None:
    manifest = json.loads((VSCODE / "package.json").read_text(encoding="utf-8"))
    [language] = manifest["contributes"]["languages"]
    [grammar] = manifest["contributes"]["grammars"]
    assert language["extensions"] == [".plan"]
    assert grammar["scopeName"] == GRAMMAR["scopeName"] and grammar["language"] == language["id"]
    assert (VSCODE / grammar["path"]).resolve() == (ROOT / GRAMMAR_PATH).resolve()
    assert (VSCODE / language["configuration"]).is_file()
    json.loads((VSCODE / language["configuration"]).read_text(encoding="utf-8"))
    assert (VSCODE / manifest["main"]).is_file()
    assert manifest["contributes"]["configuration"]["properties"]["planc.server.command"]["default"] == ["planc", "lsp"]


def test_the_editor_word_pattern_is_the_lexicon_name() -> None:
    """editors/vscode/language-configuration.json's wordPattern is generated from dsl/lexicon.py."""
    from driver.textmate import CONFIGURATION_PATH, language_configuration
    from dsl.lexicon import NAME_PATTERN

    committed = (Path(__file__).resolve().parents[2] / CONFIGURATION_PATH).read_text(encoding="utf-8")
    assert language_configuration(committed) == committed, "run `make textmate`"
    assert json.loads(committed)["wordPattern"].startswith(NAME_PATTERN + "|")
