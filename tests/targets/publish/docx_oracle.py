"""The .docx writer as it was before the body was written as XML text: python-docx builds every paragraph.

Test-only: the oracle the fast writer (targets/publish/docx.py) is held to, byte for byte. Slow
(python-docx's per-element machinery is quadratic in the number of paragraphs), so the tests give
it documents of seed-plan size. The layout constants and ``xml_safe`` are the writer's, so a
deliberate change of layout moves both.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any

from compiler import model as m
from targets.publish.docx import (
    _CORE_TEXT,
    CHAR,
    CHAR_TIGHTEN,
    FANGSONG,
    HEITI,
    KAITI,
    LATIN,
    LINE_TWIPS,
    RED,
    SIZE_BODY,
    SIZE_ISSUER,
    SIZE_SMALL,
    SIZE_TITLE,
    SONGTI,
    XIAOBIAOSONG,
    xml_safe,
)
from targets.publish.layout import Para, Published, published

_HEADING_FONTS = {1: (HEITI, False), 2: (KAITI, False), 3: (FANGSONG, True)}


def _ns(tag: str) -> str:
    from docx.oxml.ns import qn

    return str(qn(tag))


# The run properties of each (fonts, size, bold, colour) once built, copied into every later run that has
# none of its own: building them through python-docx's setters is most of a long document's writing time.
_RPR_BY_STYLE: dict[tuple[str, float, bool, str | None, str], Any] = {}


def _set_fonts(run: Any, east_asia: str, size: float, *, bold: bool = False, color: str | None = None,
               latin: str = LATIN) -> None:
    """Name the run's fonts explicitly (ascii, hAnsi, eastAsia, cs): no theme fonts."""
    import copy

    key = (east_asia, size, bold, color, latin)
    element = run._element
    if element.rPr is None and key in _RPR_BY_STYLE:
        element.insert(0, copy.deepcopy(_RPR_BY_STYLE[key]))
        return
    fresh = element.rPr is None
    _build_fonts(run, east_asia, size, bold=bold, color=color, latin=latin)
    if fresh:
        _RPR_BY_STYLE[key] = copy.deepcopy(element.rPr)


def _build_fonts(run: Any, east_asia: str, size: float, *, bold: bool, color: str | None, latin: str) -> None:
    from docx.oxml import OxmlElement
    from docx.shared import Pt, RGBColor

    run.font.size = Pt(size)
    run.font.bold = bold
    if color:
        run.font.color.rgb = RGBColor.from_string(color)
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(_ns("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(_ns(attribute), None)
    fonts.set(_ns("w:ascii"), latin)
    fonts.set(_ns("w:hAnsi"), latin)
    fonts.set(_ns("w:eastAsia"), east_asia)
    fonts.set(_ns("w:cs"), latin)
    fonts.set(_ns("w:hint"), "eastAsia")
    if size == SIZE_BODY:
        spacing = rpr.find(_ns("w:spacing"))
        if spacing is None:
            spacing = OxmlElement("w:spacing")
            rpr.append(spacing)
        spacing.set(_ns("w:val"), str(CHAR_TIGHTEN))


def _indent(paragraph: Any, *, first: float = 0, left: float = 0, right: float = 0) -> None:
    """Indents in characters, written both in grid characters (w:*Chars) and in twips for readers without the grid."""
    from docx.oxml import OxmlElement

    ppr = paragraph._element.get_or_add_pPr()
    ind = ppr.find(_ns("w:ind"))
    if ind is None:
        ind = OxmlElement("w:ind")
        ppr.append(ind)
    if left:
        ind.set(_ns("w:left"), str(round(left * CHAR * 20)))
        ind.set(_ns("w:leftChars"), str(round(left * 100)))
    if right:
        ind.set(_ns("w:right"), str(round(right * CHAR * 20)))
        ind.set(_ns("w:rightChars"), str(round(right * 100)))
    if first > 0:
        ind.set(_ns("w:firstLine"), str(round(first * CHAR * 20)))
        ind.set(_ns("w:firstLineChars"), str(round(first * 100)))
    elif first < 0:
        ind.set(_ns("w:hanging"), str(round(-first * CHAR * 20)))
        ind.set(_ns("w:hangingChars"), str(round(-first * 100)))


def _border(paragraph: Any, side: str, color: str, eighths: int, space: int = 1) -> None:
    """A rule above or below the paragraph as wide as the 版心 (``eighths``: line width in 1/8 pt)."""
    from docx.oxml import OxmlElement

    ppr = paragraph._element.get_or_add_pPr()
    borders = ppr.find(_ns("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        # w:pBdr comes before w:spacing, w:ind and w:jc in CT_PPr's sequence
        anchor = next((c for c in ppr if c.tag in {_ns("w:spacing"), _ns("w:ind"), _ns("w:jc")}), None)
        if anchor is not None:
            anchor.addprevious(borders)
        else:
            ppr.append(borders)
    edge = OxmlElement(f"w:{side}")
    edge.set(_ns("w:val"), "single")
    edge.set(_ns("w:sz"), str(eighths))
    edge.set(_ns("w:space"), str(space))
    edge.set(_ns("w:color"), color)
    borders.append(edge)


def _page_number(paragraph: Any, right: bool) -> None:
    """“— N —”: 4号宋体, the number a PAGE field; odd pages right, even pages left, one character in."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement

    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT if right else WD_ALIGN_PARAGRAPH.LEFT
    _indent(paragraph, **({"right": 1} if right else {"left": 1}))
    paragraph.paragraph_format.line_spacing = None

    def text_run(text: str) -> None:
        run = paragraph.add_run(text)
        _set_fonts(run, SONGTI, SIZE_SMALL, latin=SONGTI)

    def field_char(kind: str) -> None:
        run = paragraph.add_run()
        _set_fonts(run, SONGTI, SIZE_SMALL, latin=SONGTI)
        char = OxmlElement("w:fldChar")
        char.set(_ns("w:fldCharType"), kind)
        run._element.append(char)

    text_run("— ")
    field_char("begin")
    instruction = paragraph.add_run()
    _set_fonts(instruction, SONGTI, SIZE_SMALL, latin=SONGTI)
    instr = OxmlElement("w:instrText")
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    instr.text = " PAGE "
    instruction._element.append(instr)
    field_char("separate")
    text_run("1")
    field_char("end")
    text_run(" —")


def _setup_section(section: Any) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.oxml import OxmlElement
    from docx.shared import Mm

    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width = Mm(210)
    section.page_height = Mm(297)
    section.top_margin = Mm(37)
    section.bottom_margin = Mm(35)  # 297 − 37 − 225
    section.left_margin = Mm(28)
    section.right_margin = Mm(26)  # 210 − 28 − 156
    section.header_distance = Mm(15)
    section.footer_distance = Mm(21)  # the page number's 一字线 about 7 mm below the 版心
    sectpr = section._sectPr
    grid = sectpr.find(_ns("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sectpr.append(grid)
    grid.set(_ns("w:type"), "lines")
    grid.set(_ns("w:linePitch"), str(LINE_TWIPS))
    grid.attrib.pop(_ns("w:charSpace"), None)


def _styles(document: Any) -> None:
    """Normal: 3号仿宋, exact line pitch, justified; its fonts named, not taken from the theme."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Pt

    normal = document.styles["Normal"]
    normal.font.size = Pt(SIZE_BODY)
    normal.font.name = LATIN
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(_ns(attribute), None)
    fonts.set(_ns("w:eastAsia"), FANGSONG)
    fonts.set(_ns("w:hAnsi"), LATIN)
    fonts.set(_ns("w:cs"), LATIN)
    layout = normal.paragraph_format
    layout.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    layout.line_spacing = Pt(LINE_TWIPS / 20)
    layout.space_before = Pt(0)
    layout.space_after = Pt(0)
    layout.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    layout.widow_control = False


def _footers(section: Any) -> None:
    _page_number(section.footer.paragraphs[0], right=True)
    _page_number(section.even_page_footer.paragraphs[0], right=False)


class _Writer:
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

    def blank(self) -> None:
        self.paragraph()

    def section(self) -> None:
        from docx.enum.section import WD_SECTION

        section = self.document.add_section(WD_SECTION.NEW_PAGE)
        _setup_section(section)  # footers are linked to the first section's

    def text(self, paragraph: Any, text: str, font: str, size: float, **options: Any) -> Any:
        run = paragraph.add_run(xml_safe(text))
        _set_fonts(run, font, size, **options)
        return run


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


def _colophon(writer: _Writer, lines: list[Para], printed_date: str) -> None:
    """The 版记: 4号仿宋 between a thick first and last rule, a thin rule between 抄送 and 印发."""
    from docx.enum.text import WD_TAB_ALIGNMENT
    from docx.shared import Pt

    writer.blank()
    paragraphs = []
    for index, para in enumerate(lines):
        paragraph = writer.paragraph()
        paragraph.paragraph_format.keep_with_next = index < len(lines) - 1
        paragraph.paragraph_format.keep_together = True
        if para.role == "copy_to":
            _indent(paragraph, left=1, right=1, first=-3 if index else 0)
            if index:  # continuation lines align after 抄送：
                _indent(paragraph, left=4, right=1)
            writer.text(paragraph, para.text, FANGSONG, SIZE_SMALL)
        else:  # 印发机关 左空一字, 印发日期 右空一字, on one line
            _indent(paragraph, left=1, right=1)
            office, date = para.text[: -len(printed_date)], para.text[-len(printed_date):]
            tab_stops = paragraph.paragraph_format.tab_stops
            tab_stops.add_tab_stop(Pt(156 / 25.4 * 72 - CHAR * 0.9), WD_TAB_ALIGNMENT.RIGHT)
            writer.text(paragraph, office + "\t" + date, FANGSONG, SIZE_SMALL)
        paragraphs.append(paragraph)
    _border(paragraphs[0], "top", "000000", 8, space=4)  # 首条 0.35 mm
    copy_count = sum(1 for p in lines if p.role == "copy_to")
    if 0 < copy_count < len(lines):
        _border(paragraphs[copy_count - 1], "bottom", "000000", 6, space=4)  # 中间 0.25 mm
    _border(paragraphs[-1], "bottom", "000000", 8, space=4)  # 末条 0.35 mm


def _printed_date(plan: m.Plan) -> str:
    if plan.printed is None:
        return ""
    day = plan.printed.date
    return f"{day.year}年{day.month}月{day.day}日印发"


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
