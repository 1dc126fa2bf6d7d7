"""The draft speaks the language's forms of issue 16 where the source's wording fits one: numbering through
parts, dates as written, figures as written, frequency-less cadences, owner settings. Each on real source text."""

from __future__ import annotations

import re
from pathlib import Path

from compiler.pipeline import compile_source
from driver.importer import import_source
from driver.importer.extract import numbered
from tests.driver.importer.fidelity import ROOT

GUANGZHOU = ROOT / "tests" / "corpus" / "plans" / "guangzhou-2012-rencai-jiju" / "source.txt"


def draft(source: Path, tmp: Path) -> tuple[str, object]:
    out = tmp / "draft.plan"
    result = import_source(source, out=out)
    assert not result.errors, [(d.code, d.message) for d in result.errors]
    compiled = compile_source(out.resolve(), result.text)
    assert compiled.plan is not None
    return result.text, compiled.plan


def test_an_arabic_number_before_digits_is_a_heading_only_when_it_is_the_next_one() -> None:
    line = "11.121人才梯队项目。重点培养不少于10名站在世界科技前沿的中国科学院、中国工程院院士后备人才"
    assert line in GUANGZHOU.read_text(encoding="utf-8")
    assert numbered(line, 10) == ("arabic", "11.", line[3:])
    assert numbered(line) is None
    assert numbered("1.5亿元用于", 3) is None


def test_numbering_through_parts(tmp_path: Path) -> None:
    """广州 numbers its items 1.–45. through five parts, some under 一、, some under (一): one count."""
    text, plan = draft(GUANGZHOU, tmp_path)
    assert "numbering through arabic" in text
    assert "numbering starts at" not in text
    numbers = [a.number for a in plan.actions if a.number and re.fullmatch(r"\d+\.", a.number)]  # type: ignore[attr-defined]
    assert numbers == [f"{n}." for n in range(1, 46)]
