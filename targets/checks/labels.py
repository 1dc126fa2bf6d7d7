"""The words a report prints for statuses and firmness, in Chinese and English, and a plan's report language.

Shared by the evaluate report, its charts and the score report.
"""

from __future__ import annotations

import re

FIRMNESS_LABEL = {"must": "确保", "strive": "力争", "stated": "预期"}
FIRMNESS_EN = {"must": "must", "strive": "strive", "stated": "stated"}
STATUS_LABEL = {
    "met": "已完成",
    "on_track": "进度正常",
    "at_risk": "进度滞后",
    "missed": "未完成",
    "not_due": "未到期",
    "no_data": "无数据",
    "conditional": "视条件",
}

_CJK = re.compile(r"[\u3400-\u9fff]")


def plan_lang(title: str) -> str:
    """The report language of a plan: zh when its title is Chinese, else en."""
    return "zh" if _CJK.search(title) else "en"


def status_label(status: str, lang: str) -> str:
    return STATUS_LABEL[status] if lang == "zh" else status.replace("_", " ")
