"""Escaping for every Markdown and HTML output planc writes: one module, one discipline.

User text (titles, names, aliases, text, metric names and units, data paths) is printed
literally, whatever characters it holds. Every output goes through these functions:

- :func:`markdown_inline`: text inside a Markdown line (a paragraph, a heading, a list
  item). Runs of whitespace and control characters become one space (a line break
  would let the next line start a heading, a list or a table row); raw HTML, links,
  images, emphasis, code, ``|`` and template syntax (``{{``, ``{%``) are escaped.
- :func:`markdown_cell`: a table cell: :func:`markdown_inline`, never empty (keeps the
  table's shape).
- :func:`markdown_code`: a path or an id in a code span, fenced by more backticks than
  it holds; text a code span cannot hold literally (``|`` in a table, ``{``) is printed
  as escaped text instead.
- :func:`html`: element content and quoted attribute values; :func:`html_line` the same
  on one line with ``{`` as a character reference, for HTML inside Markdown (the
  reports' inline SVG charts), where a blank line would end the HTML block.

Markup a target builds itself is wrapped in :class:`Markdown` or :class:`Html` and
passes unchanged; any operation on it returns a plain ``str``, escaped again. The
language server's hover text uses :func:`markdown_inline` as well.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import jinja2

__all__ = ["Html", "Markdown", "environment", "flatten", "html", "html_line", "markdown_cell", "markdown_code",
           "markdown_finalize", "markdown_inline"]

# Whitespace and control characters (C0, DEL, C1, line and paragraph separators): one space.
_SPACE = re.compile(r"[\s\x00-\x1f\x7f-\x9f\u2028\u2029]+")
# Inline syntax anywhere in a line: backslash, code, emphasis, links and images,
# raw HTML and autolinks, table cells, entities, strikethrough, headings' closing #s,
# and { so that no {{ or {% survives for a site generator running Liquid or Jinja
# over the published Markdown.
_INLINE = re.compile(r"([\\`*_\[\]<>|&~#{])")
# At the start of a line: list items (-, +, 1. 1) followed by a space or nothing),
# setext underlines and thematic breaks (= -), which the inline pass leaves alone.
_LIST = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")
_BACKTICKS = re.compile(r"`+")


class Markdown(str):
    """Text that is already Markdown, produced by the target itself; printed unescaped.

    Operations on it (``+``, slicing, formatting) return plain ``str``, which is
    escaped again: only a value constructed as ``Markdown(…)`` is trusted.
    """

    __slots__ = ()


class Html(str):
    """Markup a target built itself; printed unescaped. Operations on it return plain ``str`` (escaped again)."""

    __slots__ = ()


def flatten(text: str) -> str:
    """``text`` on one line: each run of whitespace or control characters one space, trimmed."""
    return _SPACE.sub(" ", text).strip(" ")


# Text markdown_inline leaves as it is: no whitespace or control character, no inline syntax, no line-start
# marker. Most cells of a Chinese ledger are such text; they skip the three passes (half of ledger.md at 100k lines).
# Built from the patterns the full path applies, so that a character added to one is never missed here.
_PLAIN = re.compile("|".join((_SPACE.pattern, _INLINE.pattern, "^[-+=]", _LIST.pattern)))


def markdown_inline(text: str) -> str:
    """``text`` as Markdown that renders exactly ``text`` on one line (whitespace runs become one space)."""
    if not _PLAIN.search(text):
        return text
    return _markdown_inline_escaped(text)


def _markdown_inline_escaped(text: str) -> str:
    # a backslash before { leaves {% for Liquid to find; escaping the % too breaks the tag
    escaped = _INLINE.sub(r"\\\1", flatten(text)).replace("\\{%", "\\{\\%")
    if escaped[:1] in ("-", "+", "="):
        return "\\" + escaped
    return _LIST.sub(r"\1\\\2", escaped)


def markdown_cell(text: str) -> str:
    """``text`` as a Markdown table cell: :func:`markdown_inline`, and never empty (an empty cell is a space)."""
    return markdown_inline(text) or " "


def markdown_code(text: str) -> str:
    """``text`` (a path, an id) in a code span that no backtick in it can end; one line.

    A code span prints backslashes literally, so ``|`` (a table cell's end in GFM) and ``{``
    (template syntax) cannot be escaped inside one: such text is printed escaped instead.
    """
    flat = flatten(text)
    if not flat or "|" in flat or "{" in flat:
        return markdown_inline(flat) or "\\ "
    longest = max((len(run) for run in _BACKTICKS.findall(flat)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if flat.startswith("`") or flat.endswith("`") else ""
    return f"{fence}{pad}{flat}{pad}{fence}"


def markdown_finalize(value: object) -> str:
    """The Jinja ``finalize`` hook of Markdown templates: escape every value unless it is :class:`Markdown`.

    Anything but text and integers is refused, so a template that prints ``None``
    or a list is a bug found by the tests rather than a stray ``None`` in a document.
    """
    if isinstance(value, Markdown):
        return value
    if isinstance(value, str):
        return markdown_inline(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    raise TypeError(f"document templates print text or integers, not {type(value).__name__}: {value!r}")


def html(value: object) -> str:
    """``value`` as HTML text: ``& < > " '`` escaped; :class:`Html` unchanged; text and integers only."""
    if isinstance(value, Html):
        return value
    if isinstance(value, str):
        # five replaces, & first: str.translate with a table is ~20 times slower on Chinese text
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace(
            '"', "&quot;").replace("'", "&#39;")
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    raise TypeError(f"HTML templates print text or integers, not {type(value).__name__}: {value!r}")


def html_line(text: str) -> str:
    """``text`` as HTML on one line, for HTML inside Markdown (an inline SVG chart).

    A line break would end the HTML block; ``{`` becomes ``&#123;`` so no template syntax survives.
    """
    return html(flatten(text)).replace("{", "&#123;")


def environment(package: str, folder: str = "templates") -> jinja2.Environment:
    """A Jinja environment for a target's HTML templates: strict, every printed value escaped by :func:`html`."""
    import jinja2

    def finalize(value: object) -> str:
        if isinstance(value, jinja2.Undefined):
            return str(value)  # StrictUndefined raises, naming the missing variable
        return html(value)

    return jinja2.Environment(
        loader=jinja2.PackageLoader(package, folder),
        undefined=jinja2.StrictUndefined,
        finalize=finalize,
        autoescape=False,  # finalize escapes every value, Html values excepted
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
