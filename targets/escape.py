"""HTML escaping shared by every target that writes HTML (the published page, the index, reports).

One function, :func:`html`, escapes text for element content and for quoted
attribute values alike; templates print every value through it (the Jinja
``finalize`` hook of :func:`environment`), and only :class:`Html` values, markup
a target builds itself, pass unchanged.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import jinja2

_TABLE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"})


class Html(str):
    """Markup a target built itself; printed unescaped. Operations on it return plain ``str`` (escaped again)."""

    __slots__ = ()


def html(value: object) -> str:
    """``value`` as HTML text: ``& < > " '`` escaped; :class:`Html` unchanged; text and integers only."""
    if isinstance(value, Html):
        return value
    if isinstance(value, str):
        return value.translate(_TABLE)
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    raise TypeError(f"HTML templates print text or integers, not {type(value).__name__}: {value!r}")


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
