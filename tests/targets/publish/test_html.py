"""document.html's escaping: targets.escape.html writes what the translation table it replaced wrote."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from targets.escape import Html, html

TABLE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"})


@given(st.text(st.sampled_from("&<>\"'#;amp 政府，\n")) | st.text())
def test_html_escapes_as_the_table_did(value: str) -> None:
    assert html(value) == value.translate(TABLE)
    assert html(Html(value)) == value  # marked HTML passes unchanged
