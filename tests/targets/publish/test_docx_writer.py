"""The .docx writer against python-docx: the same package, byte for byte, as python-docx builds paragraph by paragraph.

targets/publish/docx.py writes the body's paragraphs as XML text; tests/targets/publish/docx_oracle.py is the
writer as it was, every paragraph built through python-docx. Every bundled plan and generated documents (every
role, sections, hostile text) must give identical parts, and read back with python-docx to the same text and fonts.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from targets.publish import docx as writer
from targets.publish.layout import Para, Published, published
from tests.targets.publish import docx_oracle as oracle
from tests.targets.publish.helpers import PLANS, plan

BUNDLED = sorted(PLANS.glob("*.plan")) + sorted((PLANS / "corpus").glob("*.plan"))


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {name: package.read(name) for name in package.namelist()}


def assert_same_package(fast: bytes, slow: bytes) -> None:
    ours, theirs = parts(fast), parts(slow)
    assert list(ours) == list(theirs)
    for name in theirs:  # the part first, so a failure names it
        assert ours[name].decode("utf-8", "replace") == theirs[name].decode("utf-8", "replace"), name
    assert fast == slow


@pytest.mark.parametrize("path", BUNDLED, ids=[p.stem for p in BUNDLED])
def test_every_bundled_plan_is_byte_identical_to_python_docx(path: Path) -> None:
    from compiler.pipeline import compile_file

    compiled = compile_file(path)
    assert compiled.plan is not None, compiled.diagnostics
    document = published(compiled.plan)
    assert_same_package(writer.docx_from(compiled.plan, document), oracle.docx_from(compiled.plan, document))


# text that python-docx treats specially: XML's specials, control characters (shown as U+FFFD), tabs and line
# breaks (w:tab, w:br), spaces at either end (xml:space), non-characters, CJK and full-width marks
HOSTILE = "&<>\"'\x00\x01\x08\x0b\x0c\x1f\t\r\n \u3000\u00a0\u2028\ufffe\uffff\U0001f600\U0010fffd]]>-->"
text = st.one_of(
    st.text(st.sampled_from(HOSTILE + "政府，。（一）1.附件a"), max_size=30),
    st.text(st.characters(exclude_categories=("Cs",)), max_size=40),  # no lone surrogates: not UTF-8
    st.builds(lambda piece, times: piece * times, st.text(max_size=5).filter(
        lambda s: all(not 0xD800 <= ord(c) <= 0xDFFF for c in s)), st.integers(50, 400)),  # long lines
)
ROLES = ("issuer", "doc_no", "title", "recipients", "body", "heading", "signature", "date",
         "annex_note", "annex_number", "annex_title")


@st.composite
def paragraph(draw: st.DrawFn) -> Para:
    role = draw(st.sampled_from(ROLES))
    body = draw(text)
    level = draw(st.integers(0, 5))
    run_in = body[:draw(st.integers(0, len(body)))] if role == "body" and draw(st.booleans()) else ""
    return Para(role, body, level=level, run_in=run_in, new_page=draw(st.booleans()),
                new_section=draw(st.booleans()) and draw(st.booleans()))


@st.composite
def layouts(draw: st.DrawFn) -> Published:
    paragraphs = draw(st.lists(paragraph(), max_size=25))
    colophon = [Para("copy_to", draw(text)) for _ in range(draw(st.integers(0, 3)))]
    if draw(st.booleans()):
        colophon.append(Para("printed", draw(text) + "2025年2月7日印发"))
    return Published(tuple(paragraphs + colophon), draw(text))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(layouts())
def test_generated_documents_are_byte_identical_to_python_docx(document: Published) -> None:
    subject = plan("yueyang-2025")  # core properties and the 印发 date
    fast = writer.docx_from(subject, document)
    assert_same_package(fast, oracle.docx_from(subject, document))
    _read_back(fast, document)


def _read_back(data: bytes, document: Published) -> None:
    """python-docx reads the text of every paragraph, and the East Asian font of its runs, as written."""
    import docx
    from docx.oxml.ns import qn

    read = docx.Document(io.BytesIO(data))
    expected = {
        "issuer": writer.XIAOBIAOSONG, "title": writer.XIAOBIAOSONG, "annex_title": writer.XIAOBIAOSONG,
        "annex_number": writer.HEITI,
    }
    texts = [p for p in read.paragraphs if p.runs]  # blank lines and section breaks have no runs
    # nor has a body paragraph without text; the 版记 comes last
    body = [p for p in document.paragraphs if p.role not in ("copy_to", "printed") and (p.role != "body" or p.text)]
    assert len(texts) == len(body) + sum(p.role in ("copy_to", "printed") for p in document.paragraphs)
    for para, got in zip(body, texts):
        assert got.text == writer.xml_safe(para.text).replace("\r", "\n")
        fonts = [r._element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) for r in got.runs]
        if para.role == "body" and para.run_in:
            assert got.runs[0].text == writer.xml_safe(para.run_in).replace("\r", "\n")
        elif para.role in expected:
            assert fonts == [expected[para.role]]
    assert len(read.sections) == 1 + sum(p.new_section for p in document.paragraphs
                                         if p.role not in ("copy_to", "printed"))


def test_a_section_at_the_start_and_no_body_at_all() -> None:
    subject = plan("yueyang-2025")
    for document in (
        Published((Para("annex_number", "附件1", new_section=True), Para("body", "正文")), "标题"),
        Published((), "标题"),
        Published((Para("printed", "岳阳市人民政府办公室2025年2月7日印发"),), "标题"),
    ):
        assert_same_package(writer.docx_from(subject, document), oracle.docx_from(subject, document))


def test_a_python_docx_without_the_private_writer_steps_gives_the_same_package(monkeypatch: pytest.MonkeyPatch) -> None:
    """The package's parts come from python-docx's PackageWriter steps; should a release drop them, the
    writer saves through python-docx's public API and unzips instead, to the same bytes."""
    from docx.opc.pkgwriter import PackageWriter

    from compiler.pipeline import compile_file

    compiled = compile_file(PLANS / "yueyang-2025.plan")
    assert compiled.plan is not None
    document = published(compiled.plan)
    fast = writer.docx_from(compiled.plan, document)
    saved: list[bool] = []
    public_write = PackageWriter.write

    def write(*args: object) -> None:
        saved.append(True)
        public_write(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(PackageWriter, "write", staticmethod(write))
    monkeypatch.setattr(writer, "_PACKAGE_WRITER_STEPS", ("_write_parts_as_renamed_by_a_later_release",))
    assert_same_package(writer.docx_from(compiled.plan, document), fast)
    assert saved == [True]  # the public save ran
