"""Markdown escaping: user text is printed literally, whatever characters it holds.

Every ``{{ … }}`` of the document templates passes through :func:`finalize`, so
user text is escaped by default; only :class:`Markdown` values (markup the target
generates itself) pass unchanged. Escaped text is one line: a line break inside a
value would let the next line start a heading, a list or a table row.
"""

from __future__ import annotations

import re


class Markdown(str):
    """Text that is already Markdown, produced by the target itself; printed unescaped.

    Operations on it (``+``, slicing, formatting) return plain ``str``, which is
    escaped again: only a value constructed as ``Markdown(…)`` is trusted.
    """

    __slots__ = ()


# Inline syntax anywhere in a line: backslash, code, emphasis, links and images,
# raw HTML and autolinks, table cells, entities, strikethrough, headings' closing #s,
# and { so that no {{ or {% survives for a site generator running Liquid or Jinja
# over the published Markdown.
_INLINE = re.compile(r"([\\`*_\[\]<>|&~#{])")
# At the start of a line: list items (-, +, 1. 1) followed by a space or nothing),
# setext underlines and thematic breaks (= -), which the inline pass leaves alone.
_LIST = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")
_SPACE = re.compile(r"[ \t\r\n\f\v]+")


def escape(text: str) -> str:
    """``text`` as Markdown that renders exactly ``text`` (runs of ASCII whitespace become one space)."""
    flat = _SPACE.sub(" ", text).strip(" ")
    # a backslash before { leaves {% for Liquid to find; escaping the % too breaks the tag
    escaped = _INLINE.sub(r"\\\1", flat).replace("\\{%", "\\{\\%")
    if escaped[:1] in ("-", "+", "="):
        return "\\" + escaped
    return _LIST.sub(r"\1\\\2", escaped)


def finalize(value: object) -> str:
    """The Jinja ``finalize`` hook: escape every value unless it is :class:`Markdown`.

    Anything but text and integers is refused, so a template that prints ``None``
    or a list is a bug found by the tests rather than a stray ``None`` in a document.
    """
    if isinstance(value, Markdown):
        return value
    if isinstance(value, str):
        return escape(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    raise TypeError(f"document templates print text or integers, not {type(value).__name__}: {value!r}")
