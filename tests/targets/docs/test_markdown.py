"""targets/escape.py (Markdown): escaped text renders exactly as written, in a paragraph, a heading and a table cell."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from targets.escape import Markdown
from targets.escape import markdown_finalize as finalize
from targets.escape import markdown_inline as escape
from tests.targets.docs.markdown_tools import parse

_WS = re.compile(r"\s+")


def _normal(text: str) -> str:
    return _WS.sub(" ", text).strip()


def _round_trips(text: str) -> None:
    escaped = escape(text)
    assert "\n" not in escaped
    assert "{{" not in escaped and "{%" not in escaped  # no template tag survives for a site generator
    source = f"{escaped}\n\n## {escaped}\n\n| h | {escaped} |\n| --- | --- |\n| {escaped} | x |\n"
    blocks = parse(source)
    expected = _normal(text)
    kinds = [b.kind for b in blocks]
    if escaped:
        assert kinds == ["paragraph", "heading", "table"], (text, escaped, blocks)
        assert _normal(blocks[0].text) == expected
        assert _normal(blocks[1].text) == expected
    else:
        assert kinds == ["heading", "table"]
    table = blocks[-1]
    assert [len(row) for row in table.rows] == [2, 2]
    assert _normal(table.rows[0][1]) == expected
    assert _normal(table.rows[1][0]) == expected


@pytest.mark.parametrize(
    "text",
    [
        "# 不是标题", "## 也不是", "<script>alert(1)</script>", "a | b | c", "{{ x }} 与 {% if %}",
        "* 不是列表", "- 不是列表", "+ 不是列表", "1. 不是列表", "2) 也不是", "> 不是引用", "---", "***", "===",
        "_下划线_ 与 *星号* 与 **粗体**", "[链接](http://example.com)", "![图](x.png)", "`代码`", "```",
        "~~删除~~", "&amp; &#65; &copy;", "反斜杠 \\ 与 \\| 与 \\\\", "行尾反斜杠\\", "    缩进四格",
        "\t制表符", "第一行\n# 第二行", "<http://example.com>", "a  \nb", "|", "\\", "", "   ",
        "（牵头单位：市发改委）", "益政发〔2022〕8号", "“三大支撑八项重点”", "1.强化电力支撑。",
    ],
)
def test_escaped_text_renders_as_written(text: str) -> None:
    _round_trips(text)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\x00"), max_size=40))
def test_any_text_renders_as_written(text: str) -> None:
    _round_trips(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="#*_-+=>|<`[]()!\\&~{}%1.) \n一、", max_size=30))
def test_markup_characters_render_as_written(text: str) -> None:
    _round_trips(text)


def test_generated_list_numbers_are_left_alone_when_they_cannot_start_a_list() -> None:
    # 1.强化 (no space) is not a list item, so the published text keeps its plain form
    assert escape("1.强化电力支撑。") == "1.强化电力支撑。"
    assert escape("1. 强化") == "1\\. 强化"


def test_finalize_escapes_text_passes_markdown_and_refuses_the_rest() -> None:
    assert finalize("# x") == "\\# x"
    assert finalize(Markdown("## ")) == "## "
    assert finalize(Markdown("#") + "x") == "\\#x"  # operations on Markdown give plain, escaped text
    assert finalize(3) == "3"
    for value in (None, True, ["a"], 1.5):
        with pytest.raises(TypeError):
            finalize(value)
