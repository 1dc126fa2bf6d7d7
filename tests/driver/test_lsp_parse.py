"""The language server's incremental parse gives exactly what a whole parse gives, and re-parses only what changed."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.corpus import plan_text
from compiler.loader import parse_file
from driver.lsp_parse import ParseCache, pieces
from dsl.parser import parse

ROOT = Path(__file__).resolve().parent.parent.parent
PLANS = sorted((ROOT / "plans").rglob("*.plan")) + sorted((ROOT / "tests" / "diagnostics").glob("P*.plan"))


def same(a_text: str, cache: ParseCache, path: str = "f.plan") -> None:
    whole = parse_file(a_text, path)  # what `planc check` gets
    incremental = cache.parse(a_text, path)
    assert incremental.statements == whole.statements
    assert incremental.comments == whole.comments
    assert incremental.diagnostics == whole.diagnostics


@pytest.mark.parametrize("path", PLANS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_bundled_plans_and_syntax_error_cases_parse_alike(path: Path) -> None:
    text = path.read_bytes().decode("utf-8-sig", "replace")
    cache = ParseCache()
    same(text, cache)
    # and after an edit at every tenth line: text inserted, a line removed
    lines = text.split("\n")
    for index in range(0, len(lines), max(len(lines) // 10, 1)):
        same("\n".join(lines[:index] + ["# 注释 {"] + lines[index:]), cache)
        same("\n".join(lines[:index] + lines[index + 1 :]), cache)


def test_an_edit_reparses_only_the_statement_it_touches() -> None:
    text = plan_text(2_000)
    cache = ParseCache()
    cache.parse(text, "b.plan")
    total = len(pieces(text))
    assert total > 20
    before = cache.parsed_pieces
    lines = text.split("\n")
    middle = len(lines) // 2
    edited = "\n".join(lines[:middle] + [lines[middle] + " "] + lines[middle + 1 :])
    same(edited, cache, "b.plan")
    assert cache.parsed_pieces - before == 1
    # a line inserted above moves the pieces below it (spans shifted, not re-parsed)
    before = cache.parsed_pieces
    same("# 新增注释\n" + edited, cache, "b.plan")
    assert cache.parsed_pieces - before == 1  # the new comment line only


def test_an_unchanged_text_is_not_parsed_again() -> None:
    text = plan_text(500)
    cache = ParseCache()
    first = cache.parse(text, "b.plan")
    assert cache.parse(text, "b.plan") is first


BITS = st.sampled_from([
    "plan p {\n", "}\n", "{", "}", "｛", "｝", '"', '"""', "\\", "#", "\n", " ", ";", "unit 甲 \"甲单位\"\n",
    "section 一 \"任务\" {\n", "  action a \"动作\" {\n", "    lead 甲\n", "  }\n", '  text """多行\n文本 { 括号"""\n',
    '"含 } 的字符串"', "# 注释 } {\n", "title \"标题\"\n", "期限 2025年3月31日\n", '\\"', "\r\n",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(BITS, max_size=40), st.lists(BITS, max_size=40))
def test_random_texts_and_edits_parse_alike(first: list[str], second: list[str]) -> None:
    cache = ParseCache()
    same("".join(first), cache)
    same("".join(first + second), cache)
    same("".join(second + first), cache)


def test_braces_and_quotes_in_strings_and_comments_do_not_merge_statements() -> None:
    """The scan skips strings, text blocks and comments, so each top-level statement stays a piece of its own."""
    text = (
        'plan p {\n  title "方案 { 标题"\n  period 2024..2025\n}\n'
        "# 注释里的 { 与 { 不成对\n"
        'unit 甲 "甲单位 \\" { 引号"\n'
        'section 一 "任务" {\n  text """多行\n} 文本 \\""" {"""\n}\n'
        'unit 乙 "乙单位"\n'
    )
    assert parse(text, "f.plan").ok
    assert [first for first, _ in pieces(text)] == [1, 5, 6, 7, 11]
    cache = ParseCache()
    cache.parse(text, "f.plan")
    before = cache.parsed_pieces
    same(text.replace("乙单位", "乙单位（改）"), cache)
    assert cache.parsed_pieces - before == 1
