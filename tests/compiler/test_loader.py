"""compiler/loader.py: decoding source bytes (shared by plans and the data files of evaluate and score)."""

from __future__ import annotations

import pytest

from compiler.loader import decode_source


@pytest.mark.parametrize("prefix", [b"", b"\xef\xbb\xbf"])
def test_utf8_with_or_without_bom(prefix: bytes) -> None:
    text, problem = decode_source(prefix + "plan 甲 {\n}\n".encode(), "a.plan")
    assert problem is None and text == "plan 甲 {\n}\n"


@pytest.mark.parametrize("prefix", [b"", b"\xef\xbb\xbf"])
def test_the_first_bad_byte_is_located_with_or_without_bom(prefix: bytes) -> None:
    # line 2, after two characters (one of them wide): the BOM must not shift the column or the byte named
    data = prefix + "plan x {\n甲a".encode() + "乙".encode("gbk") + b"\n}\n"
    text, problem = decode_source(data, "a.plan")
    assert text is None and problem is not None
    assert problem.code == "F002"
    assert problem.span is not None and (problem.span.line, problem.span.column) == (2, 3)
    assert problem.message == "the file looks GBK/GB18030-encoded, not UTF-8 (byte 0xd2)"


def test_bytes_that_are_not_gbk_either_are_not_called_gbk() -> None:
    _text, problem = decode_source(b"ab\xff\xfe", "a.plan")
    assert problem is not None and problem.message == "the file is not valid UTF-8 (byte 0xff)"
    assert problem.hint == "save the file as UTF-8"


def test_the_caller_chooses_code_words_and_hints() -> None:
    _text, problem = decode_source("甲".encode("gbk"), "d.csv", code="D001", subject="the progress file",
                                   hint="plain", known_hint="use UTF-8")
    assert problem is not None and problem.code == "D001" and problem.hint == "use UTF-8"
    assert problem.message.startswith("the progress file looks GBK/GB18030-encoded")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_utf16_is_named_by_its_byte_order_mark(encoding: str) -> None:
    data = ("\ufeff" if encoding == "utf-16-be" else "").encode(encoding) + "plan 甲 {\n}\n".encode(encoding)
    text, problem = decode_source(data, "a.plan", known_hint="save it as UTF-8")
    assert text is None and problem is not None
    assert problem.code == "F002" and problem.message == "the file is UTF-16-encoded, not UTF-8"
    assert problem.hint == "save it as UTF-8"
    assert problem.span is not None and (problem.span.line, problem.span.column) == (1, 1)
