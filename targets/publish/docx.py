"""document.docx, laid out per GB/T 9704-2012 《党政机关公文格式》.

Page: A4, 版心 156 × 225 mm (天头 37 mm, 订口 28 mm), 22 lines of 28 characters
(a line-and-character grid, lines at exactly 28.95 pt). Text: 3号仿宋_GB2312; the
标题 2号小标宋, centred; headings 一、黑体, （一）楷体, 1. 仿宋 bold, and run-in
titles the same by level. The 发文机关标志 red and centred over the red separator;
the 版记 (抄送, 印发) between black rules at the end; page numbers “— N —” in 4号
宋体, odd pages right and even pages left. Every run names its East Asian font
(``w:eastAsia``), never a theme font; docs/documents.md lists the open fallbacks.

python-docx writes the package: styles, settings, the sections and their page numbers,
the core properties and the 版记, a handful of elements. The body's paragraphs, which grow
with the plan, are written here as WordprocessingML text (the run and paragraph properties
of each role prebuilt, the text escaped) and spliced into ``word/document.xml`` where
python-docx left a marker for each section: python-docx inserts each paragraph by scanning
the body, so building thousands of them through it is quadratic. The text is the bytes
python-docx writes for the same paragraphs; tests/targets/publish/test_docx_writer.py holds
it to python-docx's own builder (tests/targets/publish/docx_oracle.py) byte for byte.

python-docx is imported only here, when a document is written.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from functools import cache
from typing import Any

from compiler import model as m
from targets.publish.layout import Para, Published, published

# font names as Word and WPS install them on Chinese Windows (GB/T 9704 §7 names the faces)
FANGSONG = "仿宋_GB2312"
XIAOBIAOSONG = "方正小标宋简体"
HEITI = "黑体"
KAITI = "楷体_GB2312"
SONGTI = "宋体"
LATIN = "Times New Roman"

# sizes in points: 一号 26, 二号 22, 三号 16, 四号 14
SIZE_ISSUER = 26
SIZE_TITLE = 22
SIZE_BODY = 16
SIZE_SMALL = 14
RED = "FF0000"
CHAR = SIZE_BODY  # one character, for indents, in points
LINE_TWIPS = 579  # 225 mm / 22 lines = 10.23 mm = 579.8 twips; 579 keeps 22 lines inside the 版心
# 28 characters in 156 mm = 442.2 pt: a pitch of 15.79 pt for 16 pt characters. A line grid (w:docGrid
# type="lines") sets the 22 lines; the characters are drawn together by 0.25 pt each (w:spacing -5
# twentieths), which Word, WPS and LibreOffice all honour, where a character grid (linesAndChars) is
# laid out at twice the pitch by LibreOffice.
CHAR_TIGHTEN = -5

_HEADING_FONTS = {1: (HEITI, False), 2: (KAITI, False), 3: (FANGSONG, True)}


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """Control characters XML cannot hold (a NUL pasted from a web page) shown as U+FFFD, not a crash."""
    return _NOT_XML.sub("\ufffd", text)


def _ns(tag: str) -> str:
    from docx.oxml.ns import qn

    return str(qn(tag))


def _set_fonts(run: Any, east_asia: str, size: float, *, bold: bool = False, color: str | None = None,
               latin: str = LATIN) -> None:
    """Name the run's fonts explicitly (ascii, hAnsi, eastAsia, cs): no theme fonts."""
    _build_fonts(run, east_asia, size, bold=bold, color=color, latin=latin)


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
    """The package as python-docx builds it: everything but the body's paragraphs, which are markers."""

    def __init__(self) -> None:
        import docx

        self.document = docx.Document()
        _styles(self.document)
        self.document.settings.odd_and_even_pages_header_footer = True
        _setup_section(self.document.sections[0])
        _footers(self.document.sections[0])
        self.sections = 0
        self._mark()

    def _mark(self) -> None:
        """Where the next section's paragraphs go: a comment, replaced by them in the saved XML."""
        from lxml import etree

        self.document.element.body.get_or_add_sectPr().addprevious(etree.Comment(_MARK.format(self.sections)))

    def paragraph(self) -> Any:
        return self.document.add_paragraph()

    def blank(self) -> None:
        self.paragraph()

    def section(self) -> None:
        from docx.enum.section import WD_SECTION

        section = self.document.add_section(WD_SECTION.NEW_PAGE)
        _setup_section(section)  # footers are linked to the first section's
        self.sections += 1
        self._mark()

    def text(self, paragraph: Any, text: str, font: str, size: float, **options: Any) -> Any:
        run = paragraph.add_run(xml_safe(text))
        _set_fonts(run, font, size, **options)
        return run


_MARK = "planc-body-{}"
_CORE_TEXT = 255
_MARKER = re.compile(rb"<!--planc-body-(\d+)-->")


# -- the body's paragraphs as WordprocessingML text, as python-docx serialises them (through lxml)

_BLANK = "<w:p/>"
_BREAKS = re.compile(r"([\t\r\n])")
_BREAK_XML = {"\t": "<w:tab/>", "\r": "<w:br/>", "\n": "<w:br/>"}


@cache
def _rpr(east_asia: str, size: float, bold: bool = False, color: str | None = None, latin: str = LATIN) -> str:
    """A run's properties as :func:`_build_fonts` makes them: w:rFonts, w:b, w:color, w:sz, then w:spacing."""
    from docx.shared import Pt

    return "".join((
        "<w:rPr>",
        f'<w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:eastAsia="{east_asia}" w:cs="{latin}" w:hint="eastAsia"/>',
        "<w:b/>" if bold else '<w:b w:val="0"/>',
        f'<w:color w:val="{color}"/>' if color else "",
        f'<w:sz w:val="{int(Pt(size).pt * 2)}"/>',
        f'<w:spacing w:val="{CHAR_TIGHTEN}"/>' if size == SIZE_BODY else "",
        "</w:rPr>",
    ))


def _t(text: str) -> str:
    # lxml escapes &, < and > in text; python-docx keeps spaces at either end (str.strip's) with xml:space
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if text[0].isspace() or text[-1].isspace():
        return f'<w:t xml:space="preserve">{escaped}</w:t>'
    return f"<w:t>{escaped}</w:t>"


# what needs more than a plain w:t: characters xml_safe replaces, breaks, and what lxml escapes
_SPECIAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\t\r\n&<>]")


def _run(text: str, rpr: str) -> str:
    """``run.text = text`` in python-docx: a tab is a w:tab, a line break (CR or LF) a w:br, the rest w:t."""
    if not text:
        return f"<w:r>{rpr}</w:r>"
    if _SPECIAL.search(text) is None and not text[0].isspace() and not text[-1].isspace():
        return f"<w:r>{rpr}<w:t>{text}</w:t></w:r>"
    text = xml_safe(text)
    if _BREAKS.search(text) is None:
        return f"<w:r>{rpr}{_t(text)}</w:r>"
    parts = [_BREAK_XML[piece] if piece in _BREAK_XML else _t(piece) for piece in _BREAKS.split(text) if piece]
    return f"<w:r>{rpr}{''.join(parts)}</w:r>"


def _paragraph(ppr: str, runs: str = "") -> str:
    if not ppr and not runs:
        return _BLANK
    return f"<w:p><w:pPr>{ppr}</w:pPr>{runs}</w:p>" if ppr else f"<w:p>{runs}</w:p>"


@cache
def _ind(*, first: float = 0, left: float = 0, right: float = 0) -> str:
    """:func:`_indent` on a paragraph without indents."""
    attributes = []
    if left:
        attributes.append(f'w:left="{round(left * CHAR * 20)}" w:leftChars="{round(left * 100)}"')
    if right:
        attributes.append(f'w:right="{round(right * CHAR * 20)}" w:rightChars="{round(right * 100)}"')
    if first > 0:
        attributes.append(f'w:firstLine="{round(first * CHAR * 20)}" w:firstLineChars="{round(first * 100)}"')
    elif first < 0:
        attributes.append(f'w:hanging="{round(-first * CHAR * 20)}" w:hangingChars="{round(-first * 100)}"')
    return f"<w:ind {' '.join(attributes)}/>" if attributes else "<w:ind/>"


@cache
def _exact(points: float) -> str:
    """``paragraph_format.line_spacing = Pt(points)``: an exact line height in twips."""
    from docx.shared import Pt

    return f'<w:spacing w:line="{Pt(points).twips}" w:lineRule="exact"/>'


_CENTER = '<w:jc w:val="center"/>'
_RIGHT = '<w:jc w:val="right"/>'
_RED_RULE = f'<w:pBdr><w:bottom w:val="single" w:sz="18" w:space="4" w:color="{RED}"/></w:pBdr>'


def _write(out: list[str], para: Para, previous: Para | None) -> None:
    """Append ``para``'s paragraphs (with the blank lines around it) to ``out``."""
    role = para.role
    if role == "body":  # most of a document
        out.append(_body(para))
    elif role == "issuer":
        out.append(_paragraph(_exact(SIZE_ISSUER * 1.5) + _CENTER,
                              _run(para.text, _rpr(XIAOBIAOSONG, SIZE_ISSUER, color=RED))))
    elif role == "doc_no":
        out.append(_BLANK)
        # the red separator, 4 mm below the 文号
        out.append(_paragraph(_RED_RULE + _CENTER, _run(para.text, _rpr(FANGSONG, SIZE_BODY))))
    elif role in ("title", "annex_title"):
        if role == "annex_title" or (previous is not None and previous.role in ("issuer", "doc_no")) or (
                previous and not para.new_page):
            out.append(_BLANK)
        page_break = "<w:pageBreakBefore/>" if role == "title" and para.new_page else ""
        out.append(_paragraph(page_break + _exact(LINE_TWIPS / 20 * 1.2) + _CENTER,
                              _run(para.text, _rpr(XIAOBIAOSONG, SIZE_TITLE))))
        out.append(_BLANK)  # 标题下空一行
    elif role == "recipients":  # 顶格
        out.append(_paragraph("", _run(para.text, _rpr(FANGSONG, SIZE_BODY))))
    elif role in ("signature", "date"):
        if previous is not None and previous.role not in ("signature", "date"):
            out.append(_BLANK)
        # 成文日期 右空四字; the 署名 centred over it
        right = 4 if role == "date" else max(2, 4 + (11 - len(para.text)) / 2)
        out.append(_paragraph(_RIGHT + _ind(right=right), _run(para.text, _rpr(FANGSONG, SIZE_BODY))))
    elif role == "annex_note":
        first_line = previous is None or previous.role != "annex_note"
        if first_line and previous is not None:
            out.append(_BLANK)
        # 附件：1.… then 2.… aligned under 1.: left 2 + 3 characters, the first line hanging by 附件：
        out.append(_paragraph(_ind(left=5, first=-3 if first_line else 0), _run(para.text, _rpr(FANGSONG, SIZE_BODY))))
    elif role == "annex_number":  # 附件N: 3号黑体, 顶格, on the section's first line
        out.append(_paragraph("", _run(para.text, _rpr(HEITI, SIZE_BODY))))
    elif role == "heading":
        font, bold = _HEADING_FONTS.get(para.level, (FANGSONG, False))
        out.append(_paragraph("<w:keepNext/>" + _ind(first=2), _run(para.text, _rpr(font, SIZE_BODY, bold))))
    else:
        out.append(_body(para))


def _body(para: Para) -> str:
    """Body text, with its run-in title styled by level."""
    runs = ""
    rest = para.text
    if para.run_in:
        font, bold = _HEADING_FONTS.get(para.level, (FANGSONG, False))
        runs = _run(para.run_in, _rpr(font, SIZE_BODY, bold))
        rest = para.text[len(para.run_in):]
    if rest:
        runs += _run(rest, _rpr(FANGSONG, SIZE_BODY))
    return _paragraph(_ind(first=2), runs)


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


# python-docx's private steps of PackageWriter.write (python-docx 1.1-1.2), called one by one to skip its zip
_PACKAGE_WRITER_STEPS = ("_write_content_types_stream", "_write_pkg_rels", "_write_parts")


class _Members:
    """Stands in for python-docx's zip writer: keeps each member it is given, in order."""

    def __init__(self) -> None:
        self.members: list[tuple[str, bytes]] = []

    def write(self, pack_uri: Any, blob: bytes) -> None:
        self.members.append((pack_uri.membername, blob))


def _members(document: Any) -> list[tuple[str, bytes]]:
    """The package's members as ``document.save`` writes them, in its order, not yet zipped.

    ``OpcPackage.save`` with python-docx's own PackageWriter, minus the zip: the package is zipped
    once, by :func:`_deterministic`, rather than zipped, read back and zipped again.
    """
    from docx.opc.pkgwriter import PackageWriter

    steps = [getattr(PackageWriter, name, None) for name in _PACKAGE_WRITER_STEPS]
    if not all(callable(step) for step in steps):  # a python-docx without these private steps: save and unzip
        buffer = io.BytesIO()
        document.save(buffer)
        with zipfile.ZipFile(buffer) as package_zip:
            return [(info.filename, package_zip.read(info)) for info in package_zip.infolist()]
    package = document.part.package
    for part in package.parts:
        part.before_marshal()
    members = _Members()
    sink: Any = members  # what PackageWriter calls of its zip writer: write(pack_uri, blob)
    PackageWriter._write_content_types_stream(sink, package.parts)
    PackageWriter._write_pkg_rels(sink, package.rels)
    PackageWriter._write_parts(sink, package.parts)
    return members.members


def _deterministic(members: list[tuple[str, bytes]], sections: list[list[str]]) -> bytes:
    """Zip the package with fixed member times and order, so equal plans give identical bytes.

    The body's paragraphs go into ``word/document.xml`` in place of the section markers.
    """
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in members:
            member = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            if name == "word/document.xml":
                content = _MARKER.sub(lambda match: "".join(sections[int(match[1])]).encode("utf-8"), content)
            target.writestr(member, content)
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
    sections: list[list[str]] = [[]]
    previous: Para | None = None
    for para in paragraphs:
        if para.role in ("copy_to", "printed"):
            continue
        if para.new_section:
            writer.section()
            sections.append([])
        _write(sections[-1], para, previous)
        previous = para
    if colophon:
        _colophon(writer, colophon, _printed_date(plan))
    return _deterministic(_members(writer.document), sections)
