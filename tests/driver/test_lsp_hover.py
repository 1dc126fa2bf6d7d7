"""Hover text is Markdown in which every name from the plan is data: hostile names render literally,
with no raw HTML, no links, no images and no extra blocks."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from driver.lsp import analyse, hover_text

HOSTILE = [
    "<script>alert(1)</script>",
    "[点我](javascript:alert(1))",
    "![图](http://example.com/x.png)",
    "**加粗** _斜体_ `代码`",
    "# 标题",
    "| 表 | 格 |",
    "1. 列表",
    "{{ 模板 }} {% if %}",
    "<https://example.com>",
    "a\\`b``c",
]


def rendered_text(html: str) -> str:
    text = re.sub(r"<[^>]+>", "", html)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")


@pytest.mark.parametrize("name", HOSTILE)
def test_a_hostile_unit_name_and_role_render_literally(tmp_path: Path, name: str) -> None:
    quoted = name.replace("\\", "\\\\").replace('"', '\\"')
    text = (
        'plan p {\n  title "标题"\n  period 2024..2025\n}\n'
        f'unit 甲 "{quoted}" aka "{quoted}别名"\n'
        f'person 张三 "张三" role "{quoted}"\n'
        'section 一 "任务" {\n  action a "动作" {\n    lead 甲\n    lead_leader 张三\n  }\n}\n'
    )
    path = tmp_path / "p.plan"
    path.write_text(text, encoding="utf-8")
    analysis = analyse(path, text)
    assert analysis.compiled is not None, analysis.diagnostics
    for kind, id_ in (("unit", "甲"), ("person", "张三")):
        use = next(u for u in analysis.uses if u.kind == kind and u.id == id_)
        markdown = hover_text(analysis, use)
        html = MarkdownIt("commonmark").render(markdown)
        tags = set(re.findall(r"</?([a-z0-9]+)", html))
        assert tags <= {"p", "strong", "code"}, (markdown, html)  # no a, img, script, h1, ol, table …
        assert html.count("<p>") == markdown.count("\n\n") + 1  # one paragraph per line written
        assert name in rendered_text(html)
