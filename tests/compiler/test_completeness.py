"""The completeness lint (V031): a quantity the prose commits to that no metric carries."""

from __future__ import annotations

import pytest

from compiler.rules.document import stated_quantities
from tests.compiler.forms_helpers import codes, compile_body


@pytest.mark.parametrize(("text", "stated"), [
    # 潜江, 岳阳, 益阳, 沅江: figures the plans commit to
    ("加快推动110个重点项目建设。", ["110个"]),
    ("推进2个邻里服务中心、2个职工服务中心建设", ["2个", "2个"]),
    ("全市上市企业达到10家以上、争取达到15家", ["10家", "15家"]),
    ("我市市场主体总量达到51.01万户", ["51.01万户"]),
    ("力争全市城镇化率提高1个百分点以上", ["1个百分点"]),
    ("省市重点项目年内完成投资超过500亿元", ["500亿元"]),
    # and what they only describe
    ("在全市打造5个千亿级产业,形成一批500亿级、300亿级持续培育梯队", ["5个"]),  # classes: 500亿级
    ("在制定“1个总体方案+8个实施方案”的基础上", []),  # a name in quotes
    ("县市区组(5家单位):湘潭县人民政府", []),  # an aside in brackets
    ("长安益阳发电有限公司2×100万千瓦扩能升级改造项目", []),  # a factor
    ("市发改委季度得分×85%+国网湘潭供电公司季度得分×15%", []),
    ("季度得分按15%折算到行业指导单位季度得分", []),  # a rate
    ("第二名得90%分,第三名得80%分", []),  # shares of points
    ("探索对税收增幅增量综合排名前20名的企业", []),  # a rank
    ("对县市区(园区)政策兑现率低于90%的,在绩效考核中扣分", []),  # a qualifier
    ("到2025年,力争35岁以下人才5年内翻番", []),  # years, ages, durations
])
def test_stated_quantities(text: str, stated: list[str]) -> None:
    assert [written for written, _ in stated_quantities(text)] == stated


ACTION = ('section 任务 "重点任务" {{\n  action 县城 "加快县城城镇化补短板强弱项" {{\n'
          '    text "加快推动110个重点项目建设。"\n    responsible 组织部\n{inside}  }}\n}}\n')


def test_an_uncarried_quantity_warns() -> None:
    assert "V031" in codes(compile_body(ACTION.format(inside="")))


def test_a_metric_carrying_it_silences_it() -> None:
    metric = '    metric 重点项目 "重点项目" unit 个 {\n      target 110个 by 2016\n    }\n'
    assert "V031" not in codes(compile_body(ACTION.format(inside=metric)))


def test_a_sub_actions_metric_carries_it_too() -> None:
    child = '    action 子项 {\n      form inline\n      text "其中"\n      metric 重点项目 "重点项目" unit 个 {\n        target 110个以上 by 2016\n      }\n    }\n'
    assert "V031" not in codes(compile_body(ACTION.format(inside=child)))


def test_it_can_be_acknowledged() -> None:
    compiled = compile_body(ACTION.format(inside='    ack V031 "项目清单数,不设指标"\n'))
    (warning,) = [d for d in compiled.diagnostics if d.code == "V031"]
    assert warning.acknowledged == "项目清单数,不设指标"
