"""The text renderer keeps one diagnostic per header line and shows invisible characters."""

from __future__ import annotations

from diagnostics import Span, make
from diagnostics.render import render_text


def test_control_characters_in_a_frame_are_shown_and_the_caret_stays_under_them() -> None:
    source = 'plan demo {\n  title "方案\x00一"\n}\n'
    diagnostic = make("P004", "unknown keyword `x`", Span("a.plan", 2, 13, 2, 14))  # the character after the NUL
    lines = render_text([diagnostic], {"a.plan": source}).splitlines()
    assert lines[2] == '2 |   title "方案␀一"'
    caret = lines[3]
    # `  title "` is 9 columns, 方案 four, ␀ one: the caret under 一 is indented 14
    assert caret == "  | " + " " * 14 + "^^"


def test_a_message_with_line_separators_stays_on_one_line() -> None:
    message = "unknown keyword `a\u2028b\x85c\nd\x00e`"
    text = render_text([make("P004", message, Span("a.plan", 1, 1, 1, 2))], {})
    header = text.splitlines()[0]
    assert header == "a.plan:1:1: P004 error: unknown keyword `a\\u2028b\\x85c␊d␀e`"
    assert "\u2028" not in text and "\x85" not in text
