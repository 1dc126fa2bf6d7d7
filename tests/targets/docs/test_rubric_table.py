"""document.md of a rubric: the official table (序号 | 考核项目 | 分值 | 考核内容 | 评分标准), the source's text, escaped."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from compiler.pipeline import CompiledPlan, compile_file
from targets.docs.render import render_document
from tests.targets.docs.markdown_tools import parse

ROOT = Path(__file__).resolve().parents[3]


def tables(markdown: str) -> list[list[list[str]]]:
    return [[list(row) for row in block.rows] for block in parse(markdown) if block.kind == "table"]


def test_township_rubric_prints_its_sections_items_and_scorers() -> None:
    compiled = compile_file(ROOT / "plans" / "shicheng-2018-townships.plan")
    assert compiled.plan is not None
    table, outside = tables(render_document(compiled.plan))
    assert [row[1] for row in outside[1:]] == ["加分", "扣分"]  # 六、奖扣分项目
    # the source has no 考核内容 column: it is left out; 负责考核部门 is there
    assert table[0] == ["序号", "考核项目", "分值", "评分标准", "考核部门"]
    rows = {row[0]: row for row in table[1:]}
    assert rows["二、"][1:3] == ["对标中央、省、市，落实湖长制重点任务（琴江镇温坊人工湖）", "2"]
    assert rows["12"] == ["12", "继续推进水质不达标河库治理", "4",
                          "推进不达标河库治理，年内无不达标河库，得4分， 水质水量监测评价出现一次不达标河库扣2分，扣完为止。",
                          "县环保局 县水文站"]
    # sections 一 to 五, and 23 items numbered across them, as in the source
    assert [row[0] for row in table[1:] if row[0].endswith("、")] == ["一、", "二、", "三、", "四、", "五、"]
    assert sum(1 for row in table[1:] if row[0].isdigit()) == 23


def test_department_rubric_prints_the_shared_items_and_one_table_per_department() -> None:
    compiled = compile_file(ROOT / "plans" / "shicheng-2018-departments.plan")
    assert compiled.plan is not None
    markdown = render_document(compiled.plan)
    headings = [b.text for b in parse(markdown) if b.kind == "heading"]
    assert headings[1] == "通用考核项目（全部责任单位）"
    assert "县农粮局" in headings and "县矿管局" in headings
    assert headings[-1] == "奖扣分、一票否决与等次"
    shared = tables(markdown)[0]
    assert shared[0] == ["序号", "考核项目", "分值", "考核内容", "评分标准"]
    assert [row[2] for row in shared[1:]] == ["8", "7", "10", "10", "5"]  # 40


def test_rubric_text_is_escaped(compile_text: Callable[..., CompiledPlan]) -> None:
    compiled = compile_text('''plan e {
  title "转义"
  period 2024
}
unit 甲 "甲"
scoring s "转义细则" {
  every year
  scale 10
  fact f
  formula 计分 "甲" {
    member 甲
    item a "a|b *c*" max 10 {
      content "# 不是标题"
      standard "<b>x</b> [链接](http://e)"
      when f
    }
  }
}
''')
    assert compiled.plan is not None
    markdown = render_document(compiled.plan)
    assert "a\\|b \\*c\\*" in markdown
    assert "\\<b\\>x\\</b\\> \\[链接\\](http://e)" in markdown
    [table] = tables(markdown)
    assert table[1] == ["1", "a|b *c*", "10", "# 不是标题", "<b>x</b> [链接](http://e)"]
