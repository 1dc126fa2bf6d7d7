"""document.md of every plan in plans/, against its source document.

For each bundled plan: the document parses back to exactly its blocks and tables
(valid CommonMark, every table row as wide as its header); at least 97% of the
source's sentences appear verbatim in the document's text (escapes removed, as a
reader sees it); and the 一、/(一) numbers run in the same sequence as the source's.

Plans land in plans/ while the suite grows; the parametrisation follows whatever
is there. The same checks run on the golden plan against a source text written
for it (tests/golden/docs/full.source.txt), so they are exercised without plans too.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from compiler.discover import discover
from compiler.loader import Loader
from compiler.model import Plan
from compiler.pipeline import compile_file
from diagnostics import has_errors
from targets.docs.render import render_document
from tests.fidelity import coverage, sentences
from tests.seeds import CORPUS_PLANS, RUBRICS, SEEDS, rubric_sentences, seed_sentences
from tests.targets.docs.expect import structure_problems
from tests.targets.docs.markdown_tools import (
    document_heading_numbers,
    document_text,
    heading_numbers,
    seed_heading_numbers,
)

ROOT = Path(__file__).resolve().parents[3]
GOLDEN = ROOT / "tests" / "golden" / "docs"
THRESHOLD = 0.97


def _plan_files() -> list[Path]:
    if not any((ROOT / "plans").rglob("*.plan")):
        return []
    entries, _diagnostics, _usage = discover([ROOT / "plans"], Loader())
    return entries


PLAN_FILES = _plan_files()


@functools.cache
def _compile(path: Path) -> Plan:
    """Each plan is compiled once per session; the determinism check compiles it afresh."""
    compiled = compile_file(path)
    errors = [f"{d.code} {d.message}" for d in compiled.diagnostics if has_errors([d])]
    assert compiled.plan is not None and not errors, errors
    return compiled.plan


def _corpus(markdown: str) -> str:
    return "".join(document_text(markdown).split())


def check_fidelity(markdown: str, source_sentences: list[str]) -> None:
    result = coverage(source_sentences, _corpus(markdown))
    assert result.ratio >= THRESHOLD, result.report()


def check_heading_numbers(markdown: str, source_numbers: list[str]) -> None:
    assert source_numbers, "the source has no 一、/(一) headings: its boundaries are wrong"
    assert document_heading_numbers(markdown) == source_numbers


# ---- the golden plan against its own source text --------------------------------


def _golden() -> tuple[Plan, str, str]:
    plan = _compile(GOLDEN / "full.plan")
    return plan, render_document(plan), (GOLDEN / "full.source.txt").read_text(encoding="utf-8")


def test_golden_document_carries_its_source() -> None:
    _plan, markdown, source = _golden()
    check_fidelity(markdown, sentences(source))
    # and the measure has teeth: a document missing one paragraph falls below 100%
    cut = markdown.replace("2.强化算力支撑。发挥区位优势，做大做强大数据产业。", "")
    assert coverage(sentences(source), _corpus(cut)).ratio < 1.0


def test_golden_heading_numbers_follow_the_source() -> None:
    _plan, markdown, source = _golden()
    expected = ["一、", "二、", "(一)", "(二)", "三、", "(一)", "(二)", "一、", "二、", "(一)"]
    assert heading_numbers(source.splitlines()) == expected
    check_heading_numbers(markdown, expected)


def test_heading_numbers_read_both_parenthesis_widths_and_only_line_starts() -> None:
    lines = ["一、总体要求", "（一）全角", "(二)半角", "  三、缩进也算", "文中的（四）不算", "1.不是", "一是不是", "十一、十一"]
    assert heading_numbers(lines) == ["一、", "(一)", "(二)", "三、", "十一、"]


# ---- every bundled plan ------------------------------------------------------


def test_bundled_plans_are_the_sources() -> None:
    """Every plan in plans/ has seed boundaries, so none escapes the fidelity checks below."""
    ids = {_compile(path).id for path in PLAN_FILES}
    known = set(SEEDS) | set(RUBRICS) | set(CORPUS_PLANS)
    assert ids <= known, f"plans without an entry in tests/seeds.py: {sorted(ids - known)}"


# Defined only when plans/ holds plans, so an empty plans/ reports nothing rather than
# empty-parameter skips; the golden tests above exercise the same checks regardless.
if PLAN_FILES:

    @pytest.mark.parametrize("path", PLAN_FILES, ids=lambda p: p.stem)
    def test_plan_document_is_valid_markdown(path: Path) -> None:
        plan = _compile(path)
        markdown = render_document(plan)
        assert structure_problems(plan, markdown) == []
        fresh = compile_file(path).plan
        assert fresh is not None and render_document(fresh) == markdown  # deterministic


    @pytest.mark.parametrize("path", PLAN_FILES, ids=lambda p: p.stem)
    def test_plan_document_fidelity(path: Path) -> None:
        plan = _compile(path)
        # a rubric (考核细则) is a table: its item rows' cells must be in document.md's tables
        source = rubric_sentences(plan.id) if plan.id in RUBRICS else seed_sentences(plan.id)
        check_fidelity(render_document(plan), source)


    # a rubric's source is a table without 一、/(一) headings: its rows are numbered in document.md's table
    PROSE_FILES = [p for p in PLAN_FILES if p.stem not in RUBRICS]

    @pytest.mark.parametrize("path", PROSE_FILES, ids=lambda p: p.stem)
    def test_plan_document_heading_numbers_follow_the_source(path: Path) -> None:
        plan = _compile(path)
        check_heading_numbers(render_document(plan), seed_heading_numbers(plan.id))
