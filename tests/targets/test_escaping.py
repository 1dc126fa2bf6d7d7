"""One escaping discipline (targets/escape.py): hostile plan text never changes an output's structure.

Issue 20, finding 1: `evaluate --format md` and `score --format md` passed plan text through
raw (`<script>`, `[x](javascript:…)`, images, template syntax; a title into `# …`; a newline
in a name broke the table and ended the inline `<svg>`; a backtick in the data path broke
out of its code span). The property: for hostile strings in every plan field, every
Markdown output (document.md, index.md, ledger.md, the evaluate and score reports) parses
with markdown-it-py to the same block structure as with a plain string, holds no raw HTML
but planc's own charts (whose tags are planc's own), no image and no link planc did not
make; every HTML output has the same tags as with a plain string.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from compiler.pipeline import compile_file
from diagnostics import has_errors
from driver.cli import main
from driver.emit import render_all
from targets.escape import flatten, html_line, markdown_cell, markdown_code, markdown_inline

PLAIN = "普通文本"
PAYLOADS = [
    "<script>alert(1)</script>", "<b>粗</b>", "<img src=x onerror=alert(1)>", "<!-- 注释 -->", "</svg>",
    "[点击](javascript:alert(1))", "![图](http://example.com/x.png)", "<https://example.com>", "https://example.com",
    "{{ 7*7 }}", "{% include x %}", "${x}", "# 标题", "## ", "- 项", "+ 项", "* 项", "1. 一", "2) 二", "> 引文",
    "| a | b |", "|---|", "---", "===", "***", "`代码`", "``", "*强调*", "_下划_", "__x__", "~~删~~", "&amp;", "&#60;",
    "\\", "\\n", "a\n# H\n| a | b |\n\n- item", "\n\n", "   ", "\t", "\u2028", "\u3000", "“引号”", "'", "[^1]", "[x]: http://e",
]
# Plan strings hold any character but control characters (refused since issue 20) and surrogates.
hostile = st.one_of(
    st.sampled_from(PAYLOADS),
    st.lists(st.sampled_from(PAYLOADS), min_size=2, max_size=4).map("".join),
    st.text(st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from(["\n", "\t", "<", "[", "`", "|"]),
            min_size=1, max_size=24),
).filter(lambda text: flatten(text) != "")  # blank text is another plan (no title, no paragraph), not an injection
FIELDS = ("title", "issuer", "unit", "alias", "section", "text", "action", "text2", "metric", "metric2", "label")
DOCUMENT = '''plan 方案甲 {{
  title "{title}"
  issuer "{issuer}"
  issued 2022-06-12
  period 2022..2025
}}
unit 工信局 "{unit}" aka "{alias}"
unit 统计局 "市统计局"
section 目标 "{section}" {{
  text "{text}"
  action 行动 "{action}" {{
    text "{text2}"
    lead 工信局
    metric 指标 "{metric}" unit 家 kind level {{
      target >= 100家 by 2025 strive
    }}
    metric 指标二 "{metric2}" unit "{label}" kind level
  }}
}}
'''
PROGRESS = "metric,period,value\n指标,2023,90\n指标,2025,120\n"
SCHEME_FIELDS = ("title", "unit", "unit2", "alias", "scoring", "fact")
SCHEME = '''plan 考评甲 {{
  title "{title}"
  period 2022
}}
unit 甲县 "{unit}" aka "{alias}"
unit 乙县 "{unit2}"
unit 工信局 "市工信局"
scoring 考评 "{scoring}" {{
  every quarter
  scale 100
  fact 兑现率 "{fact}" unit %
  formula 甲 {{
    member 甲县 乙县
    component 工信局 max 100
  }}
  rank_points 档 100% 90%
  group 组 {{
    member 甲县 乙县
    period_weights 25% 25% 25% 25%
    weight 15
    rank_points 档
  }}
}}
'''
SCORES = "period,unit,item,value\n" + "".join(f"2022Q{q},{u},工信局,{v}\n" for q in range(1, 5) for u, v in (("甲县", 80), ("乙县", 90)))
SVG_TAGS = {"svg", "title", "text", "rect", "circle", "line", "polyline", "path", "g", "desc", "polygon"}


def literal(text: str) -> str:
    """``text`` as the body of a plan string literal."""
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\r", "\n").replace("\n", "\\n").replace("\t", "\\t")


# An action title ending in sentence punctuation (；。) is laid out as a sentence, not a run-in heading:
# a different layout, not an injection, so the hostile text is followed by a word.
SUFFIX = {"action": "工作"}


def fill(template: str, fields: tuple[str, ...], values: dict[str, str]) -> str:
    return template.format(**{f: literal(values[f] + SUFFIX.get(f, "") if f in values else f"{PLAIN}{i}")
                              for i, f in enumerate(fields)})


MD = MarkdownIt("commonmark").enable(["table", "strikethrough"])


def shape(markdown: str) -> tuple[list[tuple[str, str, int]], int]:
    """The block structure (token type, tag, nesting) and the number of links, after checking for raw HTML."""
    blocks = []
    links = 0
    for token in MD.parse(markdown):
        blocks.append((token.type, token.tag, token.nesting))
        if token.type == "html_block":
            tags = set(re.findall(r"</?([A-Za-z][\w:-]*)", token.content))
            assert token.content.startswith("<svg") and tags <= SVG_TAGS, token.content
        for child in token.children or []:
            assert child.type not in ("html_inline", "image"), (child.type, child.content, markdown)
            if child.type == "link_open":
                links += 1
                href = str(child.attrs.get("href", ""))
                assert href.endswith("document.md") and not re.match(r"[a-z]+:", href), href
    return blocks, links


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_endtag(self, tag: str) -> None:
        self.tags.append("/" + tag)


def html_tags(text: str) -> list[str]:
    parser = Tags()
    parser.feed(text)
    return parser.tags


def outputs(folder: Path, template: str, fields: tuple[str, ...], values: dict[str, str], data: str,
            command: str, data_name: str) -> dict[str, str] | None:
    """Every Markdown and HTML output of the plan, or None when it does not compile."""
    folder.mkdir(parents=True, exist_ok=True)
    plan = folder / "p.plan"
    plan.write_text(fill(template, fields, values), encoding="utf-8")
    compiled = compile_file(plan)
    if compiled.plan is None or has_errors(compiled.diagnostics):
        return None
    per_plan, shared = render_all([compiled.plan])
    files = {**per_plan[compiled.plan.id], **{f"shared/{k}": v for k, v in shared.items()}}
    found = {name: data.decode("utf-8") for name, data in files.items() if name.endswith((".md", ".html"))}
    (folder / data_name).write_text(data, encoding="utf-8")
    result = CliRunner().invoke(main, [command, str(plan), "--data", str(folder / data_name), "--format", "md"])
    assert result.exit_code == 0, result.output
    found[f"{command}.md"] = result.stdout
    return found


def paragraphs_as_one(items: list, group: list) -> list:  # type: ignore[type-arg]
    """``items`` with each run of repeated ``group`` as one: a line break in a `text` starts a paragraph, by design."""
    out: list = []  # type: ignore[type-arg]
    i = 0
    while i < len(items):
        if items[i : i + len(group)] == group:
            if out[-len(group):] != group:
                out += group
            i += len(group)
        else:
            out.append(items[i])
            i += 1
    return out


PARAGRAPH = [("paragraph_open", "p", 1), ("inline", "", 0), ("paragraph_close", "p", -1)]


def assert_same_structure(plain: dict[str, str], hostile_out: dict[str, str]) -> None:
    assert plain.keys() == hostile_out.keys()
    for name, text in hostile_out.items():
        if name.endswith(".md"):
            (blocks, links), (plain_blocks, plain_links) = shape(text), shape(plain[name])
            assert links == plain_links, name
            assert paragraphs_as_one(blocks, PARAGRAPH) == paragraphs_as_one(plain_blocks, PARAGRAPH), (name, text)
        else:
            # The same elements in the same order, paragraphs aside (a line break in a `text` starts
            # one) and the run-in heading (<strong>), which the layout draws only when the action's
            # title, punctuated, begins its paragraph: a layout choice, not markup from the text.
            tags, plain_tags = html_tags(text), html_tags(plain[name])
            layout = ("p", "/p", "strong", "/strong")
            assert [t for t in tags if t not in layout] == [t for t in plain_tags if t not in layout], (name, text)
            assert tags.count("p") == tags.count("/p") >= plain_tags.count("p"), (name, text)


class Outputs(dict[str, dict[str, str]]):
    def __repr__(self) -> str:  # hypothesis prints the fixtures of a failing example
        return "<the outputs with plain text>"


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, str]]:
    folder = tmp_path_factory.mktemp("plain")
    document = outputs(folder / "doc", DOCUMENT, FIELDS, {}, PROGRESS, "evaluate", "progress.csv")
    scheme = outputs(folder / "scheme", SCHEME, SCHEME_FIELDS, {}, SCORES, "score", "scores.csv")
    assert document is not None and scheme is not None
    assert {"document.md", "document.html", "ledger.md", "evaluate.md", "shared/index.md", "shared/index.html"} <= set(document)
    return Outputs(document=document, scheme=scheme)


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@SETTINGS
@given(values=st.fixed_dictionaries({}, optional={f: hostile for f in FIELDS}))
def test_hostile_text_in_a_plan_leaves_every_output_shaped(tmp_path: Path, plain: dict[str, dict[str, str]], values: dict[str, str]) -> None:
    found = outputs(tmp_path / "doc", DOCUMENT, FIELDS, values, PROGRESS, "evaluate", "progress.csv")
    assume(found is not None)
    assert found is not None
    assert_same_structure(plain["document"], found)


@SETTINGS
@given(values=st.fixed_dictionaries({}, optional={f: hostile for f in SCHEME_FIELDS}))
def test_hostile_text_in_a_scheme_leaves_the_score_report_shaped(tmp_path: Path, plain: dict[str, dict[str, str]], values: dict[str, str]) -> None:
    found = outputs(tmp_path / "scheme", SCHEME, SCHEME_FIELDS, values, SCORES, "score", "scores.csv")
    assume(found is not None)
    assert found is not None
    assert_same_structure(plain["scheme"], found)


# ---- the reproductions of finding 1 ---------------------------------------------------------------


def test_a_newline_in_a_metric_name_stays_inside_the_chart(tmp_path: Path, plain: dict[str, dict[str, str]]) -> None:
    found = outputs(tmp_path, DOCUMENT, FIELDS, {"metric": "名称\n\n<script>alert(1)</script>\n# 标题"}, PROGRESS,
                    "evaluate", "progress.csv")
    assert found is not None
    report = found["evaluate.md"]
    assert "<script>" not in report and "\n# 标题" not in report
    assert shape(report) == shape(plain["document"]["evaluate.md"])


def test_a_newline_in_a_unit_name_keeps_the_score_chart_whole(tmp_path: Path, plain: dict[str, dict[str, str]]) -> None:
    found = outputs(tmp_path, SCHEME, SCHEME_FIELDS, {"unit": "甲\n\n</svg><script>x</script>", "title": "{{ 7*7 }}\n# 题"},
                    SCORES, "score", "scores.csv")
    assert found is not None
    report = found["score.md"]
    assert "<script>" not in report and "{{" not in report
    assert shape(report) == shape(plain["scheme"]["score.md"])


def test_links_and_images_in_a_title_are_text(tmp_path: Path) -> None:
    found = outputs(tmp_path, DOCUMENT, FIELDS, {"title": "[点击](javascript:alert(1)) ![图](http://e/x.png)"}, PROGRESS,
                    "evaluate", "progress.csv")
    assert found is not None
    first = found["evaluate.md"].splitlines()[0]
    assert first.startswith("# \\[点击\\](javascript:alert(1)) !\\[图\\]")
    assert shape(found["evaluate.md"])[1] == 0


@pytest.mark.parametrize("path", ["d`x.csv", "``d.csv", "d`", "a|b.csv", "{{x}}.csv", "d\n# H.csv"])
def test_a_data_path_stays_in_its_code_span(path: str) -> None:
    line = f"数据 {markdown_code(path)} 结束"
    tokens = MD.parseInline(line)[0].children or []
    assert [t.type for t in tokens] in (["text", "code_inline", "text"], ["text"])
    shown = "".join(t.content for t in tokens)
    assert shown == f"数据 {' '.join(path.split())} 结束"


def test_the_data_path_of_a_report_is_one_code_span(tmp_path: Path) -> None:
    folder = tmp_path / "a`b"
    found = outputs(folder, DOCUMENT, FIELDS, {}, PROGRESS, "evaluate", "progress`.csv")
    assert found is not None
    line = found["evaluate.md"].splitlines()[2]
    codes = [t.content for t in MD.parseInline(line)[0].children or [] if t.type == "code_inline"]
    assert codes[-1].endswith("progress`.csv")


def test_escape_helpers_flatten_and_neutralise() -> None:
    assert markdown_inline("a\nb\x1b[31m") == "a b \\[31m"
    assert markdown_cell("") == " " and markdown_cell("a|b") == "a\\|b"
    assert html_line("</svg>\n\n{{x}}") == "&lt;/svg&gt; &#123;&#123;x}}"


# every character class the escaper treats specially, and ordinary Chinese and Latin text
_ESCAPER_ALPHABET = st.sampled_from(list("\\`*_[]<>|&~#{}%-+=.)0123456789 \t\n\r\x00\x1f\x7f\x85\xa0\u2028\u3000")
                                   + list("推进工作方案AbZ（）：，。"))


@given(st.text(_ESCAPER_ALPHABET, max_size=12) | st.text(max_size=12))
@settings(max_examples=3000)
def test_text_the_fast_path_returns_as_is_is_text_the_full_escaper_leaves_unchanged(text: str) -> None:
    from targets.escape import _markdown_inline_escaped, markdown_inline

    assert markdown_inline(text) == _markdown_inline_escaped(text)
