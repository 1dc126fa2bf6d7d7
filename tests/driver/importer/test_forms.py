"""The draft speaks the language's forms of issue 16 where the source's wording fits one: numbering through
parts, dates as written, figures as written, frequency-less cadences, owner settings. Each on real source text."""

from __future__ import annotations

import re
from pathlib import Path

from compiler.model import Plan
from compiler.pipeline import compile_source
from driver.importer import import_source
from driver.importer.extract import merge_groups, numbered, owner_group, split_owners, targets
from driver.importer.write import as_printed
from tests.driver.importer.fidelity import ROOT

GUANGZHOU = ROOT / "tests" / "corpus" / "plans" / "guangzhou-2012-rencai-jiju" / "source.txt"


def draft(source: Path, tmp: Path) -> tuple[str, Plan]:
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
    numbers = [a.number for a in plan.actions if a.number and re.fullmatch(r"\d+\.", a.number)]
    assert numbers == [f"{n}." for n in range(1, 46)]


def test_figures_written_as_printed(tmp_path: Path) -> None:
    """不少于200名 and 500家以上 stay in the source's words, and compile to the comparator the rule read."""
    text, plan = draft(GUANGZHOU, tmp_path)
    assert "target 不少于200名 " in text and "target 500家以上 " in text
    written = {(t.written, t.op, t.value, t.unit) for m in plan.metrics for t in m.targets}
    assert ("不少于200名", ">=", "200", "名") in written
    assert ("500家以上", ">=", "500", "家") in written


def test_a_word_the_language_lacks_is_written_with_a_comparator() -> None:
    """提高到 is not one of the language's words: the target is written `>= 740元/月`, as before."""
    sentence = "城乡低保标准分别提高到不低于740元/月和485元/月"
    first = targets(sentence, 1, 2025)[0]
    assert first.written == "不低于740元/月" and as_printed(first)
    moved = targets("人均可支配收入提高到3万元", 1, 2025)[0]
    assert moved.written == "提高到3万元" and not as_printed(moved)


def test_dates_written_as_printed(tmp_path: Path) -> None:
    """广州's 2012年10月底前 and 2012年底前 are its deadlines' dues, as printed; the model has the same days."""
    text, plan = draft(GUANGZHOU, tmp_path)
    assert "due 2012年10月底前" in text and "due 2012年底前" in text
    dues = sorted((d.due[0].date.isoformat(), d.due[0].written) for d in plan.deadlines)
    assert dues == [("2012-10-31", "2012年10月底前"), ("2012-12-31", "2012年底前")]


def test_frequency_less_duty_is_a_cadence(tmp_path: Path) -> None:
    """广州's “定期向社会公布” is a duty with no fixed frequency: `every regularly`, with its lead as owner."""
    _, plan = draft(GUANGZHOU, tmp_path)
    (cadence,) = [c for c in plan.cadences if "定期" in c.title]
    action = next(a for a in plan.actions if a.id == cadence.action)
    leads = [(o.id, o.as_written) for o in action.owners if o.role == "lead"]
    assert cadence.timing == "regularly" and [(u, "市发展改革委") for u in cadence.owners] == leads


def test_owner_settings_reproduce_the_brackets(tmp_path: Path) -> None:
    """广州 prints （牵头单位：X，配合单位：Y、Z，各区、县级市）: `owner_separator "，"` and `owner_group` generate every
    one of its 44 brackets, so none is kept as printed (owner_text) or as a wording template."""
    text, plan = draft(GUANGZHOU, tmp_path)
    assert 'owner_separator "，"' in text
    assert 'owner_group "各区、县级市" "各有关区、县级市"' in text
    assert "owner_text" not in text and "owner_wording" not in text
    source = GUANGZHOU.read_text(encoding="utf-8")
    printed = [a.owners_text for a in plan.actions if a.owners_text]
    assert len(printed) == 44 and all(p in source for p in printed)
    assert "（牵头单位：市发展改革委，配合单位：市委组织部、市人力资源和社会保障局，各区、县级市）" in printed


def test_a_group_is_one_name() -> None:
    """各区、县级市 after a comma is one owner (a collective), the names before it are split on 、."""
    (owners,) = [o for _, o in split_owners("（牵头单位：市经贸委，配合单位：市人力资源和社会保障局、市工商联，各区、县级市）") if o]
    assert owners.co == ["市人力资源和社会保障局", "市工商联", "各区、县级市"] and owners.separator == "，"
    alone = owner_group("牵头单位：市人力资源和社会保障局，配合单位：各区、县级市")
    assert alone is not None and alone.co == ["各区", "县级市"]
    merge_groups(alone, {"各区、县级市"})
    assert alone.co == ["各区、县级市"]
