"""A deterministic generator of realistic plan corpora, as .plan text and as the same content in YAML and JSON.

The .plan corpus is what a policy writer would write: a registry of units and
people, sections of actions with ~100 characters of Chinese prose each, owners,
metrics with targets, cadences, deadlines and a scoring scheme. The YAML and
JSON corpora carry the same content as the plan model (plan.json), so they are
what a user would write if the format were "YAML validated by a schema".
"""

from __future__ import annotations

import random

_PROSE = (
    "加快推进重点项目建设，强化要素保障，优化营商环境，推动产业链上下游协同发展，"
    "提升科技创新能力，促进数字经济与实体经济深度融合，确保各项目标任务如期完成。"
    "坚持问题导向，压实工作责任，建立健全常态化调度机制，形成上下联动、齐抓共管的工作格局。"
)
_UNITS = ["发改委", "工信局", "科技局", "商务局", "财政局", "住建局", "交通局", "农业农村局", "市场监管局", "统计局"]


def _prose(rng: random.Random, length: int = 100) -> str:
    start = rng.randrange(0, len(_PROSE) - length)
    return _PROSE[start : start + length]


def plan_text(target_lines: int, seed: int = 7, plan_id: str = "bench") -> str:
    """A plan of about ``target_lines`` lines."""
    rng = random.Random(seed)
    out = [
        f"plan {plan_id} {{",
        '  title "基准测试市推进产业发展工作实施方案"',
        '  doc_no "基政发〔2024〕1号"',
        '  issuer "基准测试市人民政府"',
        "  issued 2024-01-15",
        "  period 2024..2026",
        '  recipients "各区县人民政府" "市直各单位"',
        "  owner_style lead_by_function",
        "}",
    ]
    for name in _UNITS:
        out.append(f'unit {name} "市{name}" aka 市{name}')
    out.append('person 市长 "市长" role "市人民政府市长"')
    section = 0
    action = 0
    metric = 0
    while len(out) < target_lines - 40:
        section += 1
        out.append(f'section s{section} "第{section}部分重点任务" {{')
        out.append(f'  text "{_prose(rng, 60)}（第{section}部分）"')
        for _ in range(8):
            action += 1
            lead, co = rng.sample(_UNITS, 2)
            out.append(f'  action a{action} "实施第{action}项攻坚行动" {{')
            out.append(f'    text "{_prose(rng)}（第{action}项）"')
            out.append(f"    lead 市{lead}")
            out.append(f"    co 市{co}")
            if action % 2 == 0:
                metric += 1
                value = rng.randrange(5, 500)
                out.append(f'    metric m{metric} "第{metric}项指标" unit 家 kind level {{')
                out.append(f"      target >= {value}家 by 2026 {'must' if metric % 3 else 'strive'}")
                out.append("    }")
            if action % 20 == 0:  # 岳阳: 9 cadences over 175 actions; real plans are this sparse
                out.append(f'    cadence c{action} "第{action}项行动调度" {{')
                out.append(f"      every {rng.choice(['week', 'dekad', 'month', 'quarter'])}")
                out.append(f"      owner 市{lead}")
                out.append("    }")
            out.append("  }")
        out.append("}")
    out += [
        'deadline d1 "完善考评细则" {',
        "  due each_year 3月底",
        "  owner 市发改委",
        "}",
        'scoring 考评 "考核评价办法" {',
        "  every quarter",
        "  scale 100",
        '  formula f "部门" {',
        "    member " + " ".join(_UNITS[2:]),
        "    component 发改委 max 70",
        "    component 工信局 max 30",
        "  }",
        "  rank_points 五档 100% 95% 90% 85% 80% 75% 70% 65%",
        '  group g "部门组" {',
        "    member " + " ".join(_UNITS[2:]),
        "    period_weights 15% 25% 25% 35%",
        "    weight 10",
        "    rank_points 五档",
        "  }",
        "}",
    ]
    return "\n".join(out) + "\n"
