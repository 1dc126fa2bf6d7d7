"""Rendering: the seeds' .docx through LibreOffice to PDF (pypdf, pdfplumber), the HTML in headless Chromium.

These need Debian packages (libreoffice-writer, fonts-noto-cjk, chromium, poppler-utils).
Where they are missing the tests are skipped, unless PLANC_RENDER_TESTS=1 (set by .ci/run),
when a missing program fails the test with the package to install. PNG pages are written
to build/render/ for review.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from targets.publish import emit
from targets.publish.layout import published
from tests.targets.publish.helpers import SEED_IDS, docx_bytes, plan

OUT = Path(__file__).resolve().parents[3] / "build" / "render"
A4 = (595.3, 841.9)  # points
MM = 72 / 25.4


def need(program: str, package: str) -> str:
    found = shutil.which(program)
    if found:
        return found
    if os.environ.get("PLANC_RENDER_TESTS") == "1":
        pytest.fail(f"{program} not found: apt-get install {package} (PLANC_RENDER_TESTS=1 requires it)")
    pytest.skip(f"{program} not installed (apt-get install {package}); set PLANC_RENDER_TESTS=1 to require it")
    raise AssertionError  # unreachable


@pytest.mark.parametrize("plan_id", SEED_IDS)
def test_pdf_pages(plan_id: str) -> None:
    need("soffice", "libreoffice-writer fonts-noto-cjk")
    import pdfplumber
    from pypdf import PdfReader

    from targets.publish.pdf import docx_to_pdf

    data = docx_to_pdf(docx_bytes(plan_id))
    reader = PdfReader(io.BytesIO(data))
    for page in reader.pages:
        assert (round(float(page.mediabox.width), 1), round(float(page.mediabox.height), 1)) == A4
    subject = plan(plan_id)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        left, right = 28 * MM - 1, (28 + 156) * MM + 1
        top, bottom = 37 * MM - 12, (37 + 225) * MM + 4
        for page in pdf.pages:
            for word in page.extract_words():
                if word["top"] > bottom:  # the page number below the 版心
                    continue
                assert left <= word["x0"] and word["x1"] <= right, (page.page_number, word)
                assert top <= word["top"], (page.page_number, word)
        first = pdf.pages[0]
        foot = [w for w in first.extract_words() if w["top"] > bottom]
        assert " ".join(w["text"] for w in foot).replace(" ", "") == "—1—"
        assert foot[-1]["x1"] > first.width / 2  # page 1 is odd: right
        title = published(subject).title
        lines = first.extract_text_lines()
        title_line = next(line for line in lines if title.startswith(line["text"].replace(" ", "")[:6]))
        centre = (title_line["x0"] + title_line["x1"]) / 2
        assert abs(centre - (28 + 78) * MM) < 10
        last_text = pdf.pages[-1].extract_text().replace(" ", "")
        if subject.printed is not None:
            assert "印发" in last_text
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / f"{plan_id}.pdf").write_bytes(data)
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "2", str(OUT / f"{plan_id}.pdf"),
                        str(OUT / plan_id)], check=True)


def test_html_in_chromium() -> None:
    chromium = need("chromium", "chromium fonts-noto-cjk")
    subject = plan("yueyang-2025")
    html = emit(subject)["document.html"]
    OUT.mkdir(parents=True, exist_ok=True)
    page = OUT / "yueyang-2025.html"
    page.write_bytes(html)
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run"]
    with tempfile.TemporaryDirectory() as profile:
        dom = subprocess.run([chromium, *flags, f"--user-data-dir={profile}", "--dump-dom", page.as_uri()],
                             capture_output=True, text=True, timeout=120, check=True).stdout
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([chromium, *flags, f"--user-data-dir={profile}", f"--screenshot={OUT / 'yueyang-2025-html.png'}",
                        "--window-size=1000,1400", page.as_uri()], capture_output=True, timeout=120, check=True)
    assert (OUT / "yueyang-2025-html.png").stat().st_size > 10_000
    assert "<script" not in dom
    for label, value in (("发文机关", "岳阳市人民政府办公室"), ("成文日期", "2025年2月7日"), ("文号", "岳政办发〔2025〕2号")):
        assert f"<dt>{label}</dt><dd>{value}</dd>" in dom
    assert "岳阳市实施“七大攻坚”总体方案" in dom and "<footer class=\"colophon\">" in dom
