"""document.pdf, opt-in (`planc build --pdf`): LibreOffice converts the .docx, so the PDF has the .docx's layout.

LibreOffice (Debian: libreoffice-writer) is the converter because it reads the
OOXML the .docx is written in, section breaks, odd/even footers and fields
included, and is packaged everywhere; fonts.conf beside this module maps the
faces GB/T 9704 names to open fallbacks when the originals are missing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

FONTS_CONF = Path(__file__).with_name("fonts.conf")
INSTALL_HINT = (
    "生成 PDF 需要 LibreOffice(soffice)和中文字体 / PDF output needs LibreOffice and CJK fonts: "
    "apt-get install libreoffice-writer fonts-noto-cjk (Debian/Ubuntu), "
    "or install LibreOffice from https://www.libreoffice.org and put soffice on PATH"
)


class PdfUnavailable(Exception):
    """The converter is missing or failed; the message says what to install or what went wrong."""


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(docx: bytes, timeout: float = 180) -> bytes:
    """Convert a .docx to PDF with LibreOffice headless; raises :class:`PdfUnavailable` with a clear message."""
    program = soffice()
    if program is None:
        raise PdfUnavailable(f"找不到 soffice / soffice not found. {INSTALL_HINT}")
    with tempfile.TemporaryDirectory(prefix="planc-pdf-") as work:
        folder = Path(work)
        source = folder / "document.docx"
        source.write_bytes(docx)
        env = dict(os.environ, FONTCONFIG_FILE=str(FONTS_CONF), HOME=str(folder))
        command = [program, "--headless", "--norestore", f"-env:UserInstallation={(folder / 'profile').as_uri()}",
                   "--convert-to", "pdf", "--outdir", str(folder), str(source)]
        try:
            done = subprocess.run(command, capture_output=True, env=env, timeout=timeout, check=False)
        except (OSError, subprocess.TimeoutExpired) as error:
            raise PdfUnavailable(f"soffice 转换失败 / soffice failed: {error}") from None
        result = folder / "document.pdf"
        if done.returncode != 0 or not result.exists():
            detail = (done.stderr or done.stdout).decode("utf-8", "replace").strip()
            raise PdfUnavailable(f"soffice 转换失败 / soffice failed (exit {done.returncode}): {detail}")
        return result.read_bytes()


def emit_pdfs(out: Path, plan_ids: list[str]) -> str | None:
    """Write OUT/<id>/document.pdf from each OUT/<id>/document.docx; a message (exit 2) when it cannot."""
    for plan_id in plan_ids:
        folder = out / plan_id
        try:
            pdf = docx_to_pdf((folder / "document.docx").read_bytes())
        except PdfUnavailable as error:
            return str(error)
        except OSError as error:
            return f"{folder / 'document.docx'}: {error.strerror or error}"
        (folder / "document.pdf").write_bytes(pdf)
    return None
