"""A .docx made from a seed's text, the way Word stores a plan, imports to the same draft as the text.

The test writes the document with python-docx: the numbers of numbered paragraphs are not
in the text but in Word's numbering (w:numPr pointing at a multi-level list whose levels
print 一、 / （一） / 1. / （1） / ①), and each run-in title is a bold run before the body run.
"""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from driver.importer import import_source
from driver.importer.extract import numbered
from tests.driver.importer.fidelity import SEEDS
from tests.seeds import SEEDS as SEED_BOUNDS
from tests.seeds import body

#: Word levels of the list: (number format, level text), by planc numbering style
LEVELS = {
    "cn": (0, "chineseCounting", "%1、"),
    "cn_paren": (1, "chineseCounting", "（%2）"),
    "arabic": (2, "decimal", "%3."),
    "arabic_paren": (3, "decimal", "（%4）"),
    "circled": (4, "decimalEnclosedCircle", "%5"),
}
LIST_ID = "77"


def _element(tag: str, **attributes: str) -> OxmlElement:
    element = OxmlElement(tag)
    for key, value in attributes.items():
        element.set(qn(f"w:{key}"), value)
    return element


def _add_list(document: docx.document.Document, running_on: set[str]) -> None:
    numbering = document.part.numbering_part.element
    abstract = _element("w:abstractNum", abstractNumId=LIST_ID)
    for style, (level, fmt, text) in LEVELS.items():
        lvl = _element("w:lvl", ilvl=str(level))
        lvl.append(_element("w:start", val="1"))
        lvl.append(_element("w:numFmt", val=fmt))
        if style in running_on:  # the count runs on across the parent level (Word: restart never)
            lvl.append(_element("w:lvlRestart", val="0"))
        lvl.append(_element("w:lvlText", val=text))
        abstract.append(lvl)
    first_num = numbering.find(qn("w:num"))
    if first_num is None:
        numbering.append(abstract)
    else:
        first_num.addprevious(abstract)
    num = _element("w:num", numId=LIST_ID)
    num.append(_element("w:abstractNumId", val=LIST_ID))
    numbering.append(num)


def _numbered_paragraph(document: docx.document.Document, level: int, rest: str) -> None:
    paragraph = document.add_paragraph()
    properties = paragraph._p.get_or_add_pPr()
    num_pr = OxmlElement("w:numPr")
    num_pr.append(_element("w:ilvl", val=str(level)))
    num_pr.append(_element("w:numId", val=LIST_ID))
    properties.append(num_pr)
    title, stop, text = rest.partition("。")
    if stop and len(title) <= 60:
        paragraph.add_run(title + stop).bold = True
        if text:
            paragraph.add_run(text)
    else:
        paragraph.add_run(rest)


def write_docx(lines: list[str], path: Path, running_on: set[str]) -> int:
    """The lines as a Word document; returns how many paragraphs carry Word numbering."""
    document = docx.Document()
    _add_list(document, running_on)
    count = 0
    for line in lines:
        head = numbered(line)
        if head is not None and head[0] in LEVELS:
            _numbered_paragraph(document, LEVELS[head[0]][0], head[2])
            count += 1
        else:
            document.add_paragraph(line)
    document.save(str(path))
    return count


@pytest.mark.parametrize(("plan_id", "running_on"), [
    ("yuanjiang-2024", set()), ("xiangtan-2022", set()), ("yiyang-2022", {"arabic"}),
])
def test_docx_imports_to_the_same_draft(plan_id: str, running_on: set[str], tmp_path: Path) -> None:
    seed = SEED_BOUNDS[plan_id]
    source = next(SEEDS.glob(f"{seed.prefix}_*.txt"))
    lines = [line.strip() for line in body(source.read_text(encoding="utf-8"), seed.start, seed.end, seed.chrome).splitlines()
             if line.strip()]
    (tmp_path / "txt").mkdir()
    (tmp_path / "docx").mkdir()
    text_copy = tmp_path / "txt" / "plan.txt"
    text_copy.write_text("\n".join(lines) + "\n", encoding="utf-8")
    word = tmp_path / "docx" / "plan.docx"
    assert write_docx(lines, word, running_on) > 10
    # the document's text has no typed numbers: they come from Word's numbering
    assert not any(numbered(p.text) for p in docx.Document(str(word)).paragraphs if p.text and p._p.pPr is not None
                   and p._p.pPr.numPr is not None)
    from_text = import_source(text_copy, out=tmp_path / "plan.plan")
    from_word = import_source(word, out=tmp_path / "plan.plan")
    assert from_word.text == from_text.text
    assert from_text.counts["actions"] + from_text.counts.get("sections", 0) > 10
    assert not from_word.errors
