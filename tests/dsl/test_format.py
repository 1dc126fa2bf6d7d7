"""The formatter: canonical layout, comments and strings kept, idempotency, unchanged tree, keyword conversion."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from compiler.pipeline import compile_file
from driver.formatting import format_text
from dsl.format import format_source
from dsl.parser import parse
from dsl.syntax import Arg, Statement
from targets.serialize import dump_json
from tests.plan_strategies import compiling_plans, table_files

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "format"
# the plans in plans/ (encoded by other branches) and this suite's own fixture inputs
CORPUS_FOLDERS = [ROOT / "plans", FIXTURES]
PLAN_FILES = sorted((ROOT / "plans").rglob("*.plan")) + sorted(FIXTURES.glob("*.in.plan"))


def _folder(path: Path) -> Path:
    return next(f for f in CORPUS_FOLDERS if f in path.parents)


def shape(statements: list[Statement]) -> list[Any]:
    """The syntax tree without spans: keyword as written, argument kinds and raw text, blocks."""
    return [
        (
            s.spelled,
            [(a.kind, a.raw.replace("\r\n", "\n")) for a in s.args],
            None if s.block is None else shape(s.block),
        )
        for s in statements
    ]


def _args(statements: list[Statement]) -> list[Arg]:
    out: list[Arg] = []
    for s in statements:
        out.extend(s.args)
        out.extend(_args(s.block or []))
    return out


def comment_texts(text: str) -> list[str]:
    return [c.text.rstrip() for c in parse(text).comments]


def fmt(text: str, keywords: str | None = None) -> str:
    result = format_text(text, "<test>", keywords)
    assert result.text is not None, result.diagnostics
    return result.text


def check_properties(source: str) -> str:
    """Every property the formatter promises, for one valid input; returns the formatted text."""
    parsed = parse(source)
    assert parsed.ok, parsed.diagnostics
    once = fmt(source)
    reparsed = parse(once)
    assert reparsed.ok, (once, reparsed.diagnostics)
    assert shape(reparsed.statements) == shape(parsed.statements)
    assert comment_texts(once) == comment_texts(source)
    assert fmt(once) == once
    assert (once == "" or once.endswith("\n")) and "\r" not in once
    assert "\n\n\n" not in once and not once.startswith("\n")
    inside_text = {
        line
        for arg in _args(reparsed.statements)
        if arg.kind == "TEXT"
        for line in range(arg.span.line + 1, arg.span.end_line + 1)
    }
    for number, line in enumerate(once.split("\n"), start=1):
        if number not in inside_text:
            assert line == line.rstrip(), f"trailing whitespace: {line!r}"
            assert (len(line) - len(line.lstrip(" "))) % 2 == 0, f"odd indentation: {line!r}"
    english = fmt(source, "en")
    assert fmt(fmt(source, "zh"), "en") == english
    assert fmt(english, "en") == english
    return once


# ---- fixtures: input → expected -------------------------------------------------


def fixture_cases() -> list[str]:
    return sorted(p.stem for p in FIXTURES.glob("*.in.plan"))


@pytest.mark.parametrize("case", [c.removesuffix(".in") for c in fixture_cases()])
def test_fixture(case: str) -> None:
    source = (FIXTURES / f"{case}.in.plan").read_text(encoding="utf-8")
    expected = (FIXTURES / f"{case}.out.plan").read_text(encoding="utf-8")
    assert fmt(source) == expected
    check_properties(source)


def test_fixtures_exist() -> None:
    assert len(fixture_cases()) >= 3


def test_keywords_zh_fixture() -> None:
    source = (FIXTURES / "comments.in.plan").read_text(encoding="utf-8")
    zh = fmt(source, "zh")
    assert zh == (FIXTURES / "comments.zh.plan").read_text(encoding="utf-8")
    assert fmt(zh, "en") == fmt(source, "en")


def test_syntax_error_is_not_formatted() -> None:
    result = format_source('plan x {\n  title "a"\n')
    assert result.text is None
    assert [d.code for d in result.diagnostics] == ["P005"]
    assert format_text('plan x {\n  title "a"\n', keywords="zh").text is None


def test_crlf_and_bom_free_output() -> None:
    assert fmt('plan p {\r\n  title "标题"\r\n}\r\n') == 'plan p {\n  title "标题"\n}\n'


def test_empty_and_comment_only_files() -> None:
    assert fmt("") == ""
    assert fmt("\n\n  \n") == ""
    assert fmt("   # 只有注释   \n\n\n# 第二行\n") == "# 只有注释\n\n# 第二行\n"


def test_text_block_characters_kept() -> None:
    source = 'plan p {\n      preamble """第一段，\n   保留  缩进\t和空格\n\n第二段"""\n}\n'
    out = fmt(source)
    assert '"""第一段，\n   保留  缩进\t和空格\n\n第二段"""' in out


# ---- the plans in plans/ ------------------------------------------------------------


@pytest.mark.parametrize("path", PLAN_FILES, ids=[p.relative_to(ROOT).as_posix() for p in PLAN_FILES])
def test_every_plan_file(path: Path) -> None:
    check_properties(path.read_text(encoding="utf-8-sig"))


def _plan_json_without_sources(path: Path) -> dict[str, Any]:
    compiled = compile_file(path)
    assert compiled.plan is not None, compiled.diagnostics
    data = json.loads(dump_json(compiled.plan))

    def strip(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k != "source"}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    return dict(strip(data))


ENTRY_PLANS = [p for p in PLAN_FILES if any(s.keyword == "plan" for s in parse(p.read_text("utf-8-sig")).statements)]


@pytest.mark.parametrize("path", ENTRY_PLANS, ids=[p.relative_to(ROOT).as_posix() for p in ENTRY_PLANS])
def test_plan_json_unchanged_by_formatting(path: Path, tmp_path: Path) -> None:
    """Format a copy of the plan's folder in both keyword languages; the plan compiles to the same plan.json."""
    import shutil

    folder = _folder(path)
    before = _plan_json_without_sources(path)
    for language in ("zh", "en"):
        copy = tmp_path / language
        shutil.copytree(folder, copy)
        for file in copy.rglob("*.plan"):
            file.write_text(fmt(file.read_text(encoding="utf-8-sig"), language), encoding="utf-8")
        after = _plan_json_without_sources(copy / path.relative_to(folder))
        assert after == before


# ---- generated plans -------------------------------------------------------------------


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(table_files())
def test_generated_files(source: str) -> None:
    check_properties(source)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(compiling_plans())
def test_generated_plans_compile_the_same(source: str) -> None:
    import tempfile

    once = check_properties(source)
    with tempfile.TemporaryDirectory() as folder:
        results = []
        codes = []
        for name, text in (("a", source), ("b", once), ("c", fmt(source, "zh"))):
            path = Path(folder) / name / "plan.plan"
            path.parent.mkdir()
            path.write_text(text, encoding="utf-8")
            results.append(_plan_json_without_sources(path))
            codes.append(sorted(d.code for d in compile_file(path).diagnostics))
        assert results[0] == results[1] == results[2]
        assert codes[0] == codes[1] == codes[2]
        # every reference resolves and every statement fits the table (later rules may add warnings)
        assert not [c for c in codes[0] if c[0] in "PMR"], codes[0]


def test_keyword_conversion_keeps_identifiers_spelled_like_words() -> None:
    source = 'metric 增长 "规模工业增加值增速" unit % kind 增长 {\n  target >= 8.5% by 2025 strive\n}\nmetric growth "增速" kind growth\n'
    zh = fmt(source, "zh")
    assert zh == (
        '指标 增长 "规模工业增加值增速" 单位 % 类型 增长 {\n  目标 >= 8.5% 到 2025 力争\n}\n\n指标 growth "增速" 类型 增长\n'
    )
    assert fmt(zh, "en") == (
        'metric 增长 "规模工业增加值增速" unit % kind growth {\n  target >= 8.5% by 2025 strive\n}\n\n'
        'metric growth "增速" kind growth\n'
    )
