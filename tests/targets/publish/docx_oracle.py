"""The .docx writer as it was before the body was written as XML text: python-docx builds every paragraph.

Test-only: the oracle the fast writer (targets/publish/docx.py) is held to, byte for byte. Slow
(python-docx's per-element machinery is quadratic in the number of paragraphs), so the tests give
it documents of seed-plan size. The layout constants, ``xml_safe`` and the package's skeleton (styles,
sections, page-number footers, the 版记), which the writer still builds through python-docx, are the
writer's own; what the oracle holds separately is the body: every paragraph through python-docx.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any

from compiler import model as m
from targets.publish import docx as writer_module
from targets.publish.docx import (
    _CORE_TEXT,
    _HEADING_FONTS,
    FANGSONG,
    HEITI,
    LINE_TWIPS,
    RED,
    SIZE_BODY,
    SIZE_ISSUER,
    SIZE_TITLE,
    XIAOBIAOSONG,
    _border,
    _colophon,
    _footers,
    _indent,
    _printed_date,
    _setup_section,
    _styles,
    xml_safe,
)
from targets.publish.layout import Para, Published, published


class _Writer(writer_module._Writer):
    """The writer's python-docx package, with the body's paragraphs added through python-docx (no markers)."""

    def __init__(self) -> None:
        import docx

        self.document = docx.Document()
        _styles(self.document)
        self.document.settings.odd_and_even_pages_header_footer = True
        _setup_section(self.document.sections[0])
        _footers(self.document.sections[0])

    def paragraph(self, *, page_break: bool = False) -> Any:
        # The writer reused the body's first paragraph for its first; python-docx's template has none, so that
        # only ever reused a section break (a document starting with an annex, which no layout makes): gone.
        paragraph = self.document.add_paragraph()
        if page_break:
            paragraph.paragraph_format.page_break_before = True
        return paragraph

    def section(self) -> None:
        from docx.enum.section import WD_SECTION

        section = self.document.add_section(WD_SECTION.NEW_PAGE)
        _setup_section(section)  # footers are linked to the first section's


def _write(writer: _Writer, para: Para, previous: Para | None) -> Any:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    role = para.role
    if role == "issuer":
        paragraph = writer.paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.line_spacing = Pt(SIZE_ISSUER * 1.5)
        writer.text(paragraph, para.text, XIAOBIAOSONG, SIZE_ISSUER, color=RED)
        return paragraph
    if role == "doc_no":
        writer.blank()
        paragraph = writer.paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        writer.text(paragraph, para.text, FANGSONG, SIZE_BODY)
        _border(paragraph, "bottom", RED, 18, space=4)  # the red separator, 4 mm below the 文号
        return paragraph
    if role == "title":
        if (previous is not None and previous.role in ("issuer", "doc_no")) or (previous and not para.new_page):
            writer.blank()
        paragraph = writer.paragraph(page_break=para.new_page)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.line_spacing = Pt(LINE_TWIPS / 20 * 1.2)
        writer.text(paragraph, para.text, XIAOBIAOSONG, SIZE_TITLE)
        writer.blank()  # 标题下空一行
        return paragraph
    if role == "recipients":
        paragraph = writer.paragraph()  # 顶格
        writer.text(paragraph, para.text, FANGSONG, SIZE_BODY)
        return paragraph
    if role in ("signature", "date"):
        if previous is not None and previous.role not in ("signature", "date"):
            writer.blank()
        paragraph = writer.paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        # 成文日期 右空四字; the 署名 centred over it
        width = len(para.text)
        right = 4 if role == "date" else max(2, 4 + (11 - width) / 2)
        _indent(paragraph, right=right)
        writer.text(paragraph, para.text, FANGSONG, SIZE_BODY)
        return paragraph
    if role == "annex_note":
        if previous is not None and previous.role != "annex_note":
            writer.blank()
        paragraph = writer.paragraph()
        # 附件：1.… then 2.… aligned under 1.: left 2 + 3 characters, the first line hanging by 附件：
        first_line = previous is None or previous.role != "annex_note"
        _indent(paragraph, left=5, first=-3 if first_line else 0)
        writer.text(paragraph, para.text, FANGSONG, SIZE_BODY)
        return paragraph
    if role == "annex_number":
        paragraph = writer.paragraph()  # 附件N: 3号黑体, 顶格, on the section's first line
        writer.text(paragraph, para.text, HEITI, SIZE_BODY)
        return paragraph
    if role == "annex_title":
        writer.blank()
        paragraph = writer.paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.line_spacing = Pt(LINE_TWIPS / 20 * 1.2)
        writer.text(paragraph, para.text, XIAOBIAOSONG, SIZE_TITLE)
        writer.blank()
        return paragraph
    if role == "heading":
        paragraph = writer.paragraph()
        _indent(paragraph, first=2)
        font, bold = _HEADING_FONTS.get(para.level, (FANGSONG, False))
        writer.text(paragraph, para.text, font, SIZE_BODY, bold=bold)
        paragraph.paragraph_format.keep_with_next = True
        return paragraph
    # body text, with its run-in title styled by level
    paragraph = writer.paragraph()
    _indent(paragraph, first=2)
    rest = para.text
    if para.run_in:
        font, bold = _HEADING_FONTS.get(para.level, (FANGSONG, False))
        writer.text(paragraph, para.run_in, font, SIZE_BODY, bold=bold)
        rest = para.text[len(para.run_in):]
    if rest:
        writer.text(paragraph, rest, FANGSONG, SIZE_BODY)
    return paragraph


def _deterministic(data: bytes) -> bytes:
    """Re-pack the package with fixed member times and order, so equal plans give identical bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            target.writestr(member, source.read(info.filename))
    return out.getvalue()


def render_docx(plan: m.Plan, punctuate: bool = True) -> bytes:
    """The plan as a GB/T 9704 .docx; ``punctuate`` makes its punctuation full-width (GB/T 15834)."""
    return docx_from(plan, published(plan, punctuate))


def docx_from(plan: m.Plan, document: Published) -> bytes:
    writer = _Writer()
    core = writer.document.core_properties
    core.title = xml_safe(document.title)[:_CORE_TEXT]  # python-docx refuses longer core properties
    core.author = xml_safe("、".join(plan.issuers))[:_CORE_TEXT]
    core.last_modified_by = ""
    core.revision = 1
    stamp = dt.datetime.combine(plan.issued or plan.period.start, dt.time())
    core.created = stamp
    core.modified = stamp
    core.comments = ""
    paragraphs = list(document.paragraphs)
    colophon = [p for p in paragraphs if p.role in ("copy_to", "printed")]
    previous: Para | None = None
    for para in paragraphs:
        if para.role in ("copy_to", "printed"):
            continue
        if para.new_section:
            writer.section()
        _write(writer, para, previous)
        previous = para
    if colophon:
        _colophon(writer, colophon, _printed_date(plan))
    buffer = io.BytesIO()
    writer.document.save(buffer)
    return _deterministic(buffer.getvalue())
