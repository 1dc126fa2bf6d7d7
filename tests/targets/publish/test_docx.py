"""document.docx read back with python-docx: GB/T 9704 geometry, fonts by role, colours, page numbers, order."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm

from targets.publish.docx import FANGSONG, HEITI, KAITI, RED, SONGTI, XIAOBIAOSONG
from targets.publish.layout import published
from targets.publish.punctuation import half_width_marks
from tests.fidelity import coverage
from tests.seeds import seed_sentences
from tests.targets.publish.helpers import SEED_IDS, docx_bytes, open_docx, plan


def east_asia(run) -> str | None:  # type: ignore[no-untyped-def]
    fonts = run._element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsiaTheme")) is None and fonts.get(qn("w:asciiTheme")) is None
    return fonts.get(qn("w:eastAsia"))


def paragraph_with(document, text: str):  # type: ignore[no-untyped-def]
    return next(p for p in document.paragraphs if p.text == text)


@pytest.mark.parametrize("plan_id", SEED_IDS)
def test_page_geometry_and_grid(plan_id: str) -> None:
    document = open_docx(plan_id)
    for section in document.sections:
        def mm(length: int) -> float:
            return round(length / Mm(1), 1)  # stored in twips: within 0.05 mm

        assert (mm(section.page_width), mm(section.page_height)) == (210, 297)
        assert mm(section.top_margin) == 37 and mm(section.left_margin) == 28
        assert mm(section.page_width - section.left_margin - section.right_margin) == 156
        assert mm(section.page_height - section.top_margin - section.bottom_margin) == 225
        grid = section._sectPr.find(qn("w:docGrid"))
        assert grid.get(qn("w:type")) == "lines" and int(grid.get(qn("w:linePitch"))) * 22 <= Mm(225).twips
    normal = document.styles["Normal"]
    assert normal.font.size.pt == 16 and normal.paragraph_format.line_spacing.pt * 22 <= Mm(225).pt


@pytest.mark.parametrize("plan_id", SEED_IDS)
def test_fonts_by_role_and_red_issuer(plan_id: str) -> None:
    document = open_docx(plan_id)
    subject = plan(plan_id)
    for issuer in subject.issuers:
        run = paragraph_with(document, issuer).runs[0]
        assert east_asia(run) == XIAOBIAOSONG and str(run.font.color.rgb) == RED
    title = paragraph_with(document, published(subject).title)
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert {east_asia(r) for r in title.runs} == {XIAOBIAOSONG} and title.runs[0].font.size.pt == 22
    for para, p in zip(_body_pairs(subject), _body_paragraphs(document, subject)):
        if para.role == "heading":
            expected = {1: HEITI, 2: KAITI}.get(para.level, FANGSONG)
            assert east_asia(p.runs[0]) == expected, p.text
            assert bool(p.runs[0].font.bold) == (para.level == 3)
        elif para.role == "body" and para.run_in:
            assert p.runs[0].text == para.run_in
            assert east_asia(p.runs[0]) == {1: HEITI, 2: KAITI}.get(para.level, FANGSONG)
            assert all(east_asia(r) == FANGSONG for r in p.runs[1:])
    for p in document.paragraphs:
        for run in p.runs:  # every run names its East Asian font
            assert east_asia(run) in {FANGSONG, XIAOBIAOSONG, HEITI, KAITI, SONGTI}


def _body_pairs(subject):  # type: ignore[no-untyped-def]
    return [p for p in published(subject).paragraphs if p.role in ("heading", "body")]


def _body_paragraphs(document, subject):  # type: ignore[no-untyped-def]
    texts = {p.text for p in _body_pairs(subject)}
    return [p for p in document.paragraphs if p.text in texts]


@pytest.mark.parametrize("plan_id", [p for p in SEED_IDS if plan(p).doc_no])  # xiangtan, yiyang print none
def test_red_rule_under_the_doc_number(plan_id: str) -> None:
    subject = plan(plan_id)
    assert subject.doc_no
    rule = paragraph_with(open_docx(plan_id), subject.doc_no)
    assert rule.alignment == WD_ALIGN_PARAGRAPH.CENTER
    bottom = rule._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert bottom.get(qn("w:color")) == RED


@pytest.mark.parametrize("plan_id", SEED_IDS)
def test_page_numbers_odd_right_even_left(plan_id: str) -> None:
    document = open_docx(plan_id)
    assert document.settings.odd_and_even_pages_header_footer
    section = document.sections[0]
    for footer, alignment in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
                              (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        paragraph = footer.paragraphs[0]
        assert paragraph.alignment == alignment
        xml = paragraph._p.xml
        assert "PAGE" in "".join(t.text for t in paragraph._p.iter(qn("w:instrText")))
        assert xml.count('w:fldCharType="begin"') == 1 and xml.count('w:fldCharType="end"') == 1
        assert paragraph.text.startswith("— ") and paragraph.text.endswith(" —")
        assert {r.font.size.pt for r in paragraph.runs} == {14}
        assert {east_asia(r) for r in paragraph.runs} == {SONGTI}


@pytest.mark.parametrize("plan_id", SEED_IDS)
def test_each_annex_starts_a_section_and_colophon_is_last(plan_id: str) -> None:
    document = open_docx(plan_id)
    subject = plan(plan_id)
    annexes = [s for s in subject.sections if s.kind == "annex"]
    assert len(document.sections) == 1 + len(annexes)
    body = document.element.body
    paragraphs = [p for p in body.iter(qn("w:p"))]
    for annex in annexes:
        index = next(i for i, p in enumerate(paragraphs)
                     if "".join(t.text or "" for t in p.iter(qn("w:t"))) == annex.number)
        # the paragraph before the annex label closes a section (a section break, new page)
        assert paragraphs[index - 1].find(qn("w:pPr")).find(qn("w:sectPr")) is not None
    if subject.printed is not None or subject.copy_to:
        texts = [p.text for p in document.paragraphs if p.text]
        assert texts[-1].endswith("印发") if subject.printed else texts[-1].startswith("抄送")
        last = document.paragraphs[-1]
        assert last._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom")) is not None


@pytest.mark.parametrize("plan_id", SEED_IDS)
def test_signature_right_and_recipients_flush(plan_id: str) -> None:
    document = open_docx(plan_id)
    subject = plan(plan_id)
    date = next(p for p in document.paragraphs if subject.issued and p.text == (
        f"{subject.issued.year}年{subject.issued.month}月{subject.issued.day}日"))
    assert date.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert date._p.pPr.find(qn("w:ind")).get(qn("w:rightChars")) == "400"  # 右空四字
    from targets.publish.punctuation import fullwidth

    recipients = next(p for p in document.paragraphs
                      if p.text.endswith("：") and p.text.startswith(fullwidth(subject.recipients[0])))
    assert recipients.paragraph_format.first_line_indent is None  # 顶格


@pytest.mark.parametrize("plan_id", SEED_IDS)
def test_published_text_is_fullwidth_and_faithful(plan_id: str) -> None:
    document = open_docx(plan_id)
    text = "\n".join(p.text for p in document.paragraphs)
    assert [m for p in document.paragraphs for m in half_width_marks(p.text)] == []
    corpus = re.sub(r"\s+", "", text)
    from targets.publish.punctuation import fullwidth

    result = coverage([fullwidth(s) for s in seed_sentences(plan_id)], corpus)
    assert result.ratio >= 0.97, result.report()  # the threshold of document.md (tests/targets/docs/test_plans.py)


def test_docx_is_deterministic() -> None:
    from targets.publish.docx import render_docx

    data = docx_bytes("yueyang-2025")
    assert render_docx(plan("yueyang-2025")) == data
    assert {info.date_time for info in zipfile.ZipFile(io.BytesIO(data)).infolist()} == {(1980, 1, 1, 0, 0, 0)}
