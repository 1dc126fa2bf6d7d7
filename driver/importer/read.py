"""Reading a source document into lines: plain text (UTF-8, UTF-8 BOM, UTF-16 BOM, GBK) or .docx.

A .docx paragraph numbered by Word (w:numPr) gets its number back as text, formatted by
the numbering definition's level text (%1、 / （%1） / %1.) and number format, and counted
as Word counts (a level restarts after a shallower one unless its w:lvlRestart says
otherwise: 0 is never, 益阳's 1.–11. running on across （一）（二）), so a document and its
plain-text copy give the same lines.
"""

from __future__ import annotations

import codecs
import zipfile
from pathlib import Path

from compiler.loader import decode_source
from driver.importer.rules import CIRCLED, CN_DIGITS


class NotAPlan(Exception):
    """The source cannot be read as a plan document; the message says why, in Chinese first."""


def read_lines(path: Path) -> list[str]:
    """The document's lines, stripped, blank lines dropped."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise NotAPlan(f"无法读取 {path}:{error.strerror} (cannot read the file)") from None
    if data[:4] == b"PK\x03\x04":
        return _docx_lines(path)
    text = _decode(data, str(path))
    if "\x00" in text or sum(1 for c in text if ord(c) < 32 and c not in "\r\n\t\f") > len(text) // 100:
        raise NotAPlan(f"{path} 不是文本文件 (binary data, not a plan text)")
    return [line.strip().replace("\u3000", " ").strip() for line in text.splitlines() if line.strip()]


def _decode(data: bytes, name: str) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    text, problem = decode_source(data, name)
    if text is not None:
        return text
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        assert problem is not None
        raise NotAPlan(f"{name} 编码无法识别 (not UTF-8, UTF-16 or GBK): {problem.message}") from None


def _cn(n: int) -> str:
    if n <= 10:
        return CN_DIGITS[n - 1]
    if n < 20:
        return "十" + ("" if n == 10 else CN_DIGITS[n - 11])
    tens, ones = divmod(n, 10)
    return CN_DIGITS[tens - 1] + "十" + (CN_DIGITS[ones - 1] if ones else "")


def _format(fmt: str, n: int) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "ideographTraditional", "taiwaneseCounting"):
        return _cn(n)
    if fmt == "decimalEnclosedCircle" and n <= len(CIRCLED):
        return CIRCLED[n - 1]
    return str(n)


def _docx_lines(path: Path) -> list[str]:
    try:
        import docx  # python-docx: imported here, only when a .docx is read
        from docx.oxml.ns import qn
    except ImportError:  # pragma: no cover - a declared dependency
        raise NotAPlan("读取 .docx 需要 python-docx (python-docx is not installed)") from None
    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise NotAPlan(f"{path} 不是可读的 .docx 文件 (not a readable .docx: {error})") from None
    levels: dict[tuple[str, int], tuple[str, str]] = {}
    restarts: dict[tuple[str, int], int] = {}  # w:lvlRestart: restarted after a level < this is used (0: never)
    abstract_of: dict[str, str] = {}
    try:
        numbering = document.part.numbering_part.element
    except (KeyError, NotImplementedError):
        numbering = None
    if numbering is not None:
        abstracts = {a.get(qn("w:abstractNumId")): a for a in numbering.findall(qn("w:abstractNum"))}
        for num in numbering.findall(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            if ref is None or ref.get(qn("w:val")) not in abstracts:
                continue
            abstract_id = ref.get(qn("w:val"))
            abstract_of[num.get(qn("w:numId"))] = abstract_id
            for lvl in abstracts[abstract_id].findall(qn("w:lvl")):
                fmt = lvl.find(qn("w:numFmt"))
                text = lvl.find(qn("w:lvlText"))
                restart = lvl.find(qn("w:lvlRestart"))
                if restart is not None:
                    restarts[(abstract_id, int(lvl.get(qn("w:ilvl"))))] = int(restart.get(qn("w:val")))
                levels[(abstract_id, int(lvl.get(qn("w:ilvl"))))] = (
                    fmt.get(qn("w:val")) if fmt is not None else "decimal",
                    text.get(qn("w:val")) if text is not None else "%1.",
                )
    counters: dict[tuple[str, int], int] = {}
    lines: list[str] = []
    for paragraph in document.paragraphs:
        text = paragraph.text.strip().replace("\u3000", " ").strip()
        num_pr = paragraph._p.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        prefix = ""
        if num_pr is not None:
            num_id = num_pr.find(qn("w:numId"))
            ilvl = num_pr.find(qn("w:ilvl"))
            abstract_id = abstract_of.get(num_id.get(qn("w:val")) if num_id is not None else "")
            level = int(ilvl.get(qn("w:val"))) if ilvl is not None else 0
            if abstract_id is not None and (abstract_id, level) in levels:
                key = (abstract_id, level)
                counters[key] = counters.get(key, 0) + 1
                for deeper in [k for k in counters if k[0] == abstract_id and k[1] > level]:
                    if level < restarts.get(deeper, deeper[1]):
                        del counters[deeper]
                fmt, pattern = levels[key]
                prefix = pattern.replace(f"%{level + 1}", _format(fmt, counters[key]))
        if text:
            lines.append(prefix + text)
    return lines
