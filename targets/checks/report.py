"""Rendering an evaluation: text for a terminal, versioned JSON, and a publishable Markdown report."""

from __future__ import annotations

from html import escape

from targets.checks.chart import bar_chart, line_chart
from targets.checks.judge import baseline
from targets.checks.progress import Row
from targets.checks.schema import STATUSES, ChecksDocument, Evaluation
from targets.serialize import dump_json

FIRMNESS_LABEL = {"must": "确保", "strive": "力争", "stated": "预期"}
STATUS_LABEL = {
    "met": "已完成",
    "on_track": "进展正常",
    "at_risk": "有风险",
    "missed": "未完成",
    "not_due": "未到期",
    "no_data": "无数据",
}


def _counts(evaluation: Evaluation) -> str:
    return ", ".join(f"{evaluation.counts[s]} {s.replace('_', ' ')}" for s in STATUSES)


def render_text(evaluation: Evaluation, checks: ChecksDocument, rows: dict[str, list[Row]]) -> str:
    width = max((len(r.status) for r in evaluation.results), default=0)
    out = [
        f"{evaluation.plan} “{evaluation.title}” as of {evaluation.as_of.isoformat()} (data: {evaluation.data})",
        _counts(evaluation),
        "",
    ]
    for r in evaluation.results:
        out.append(f"{r.status:<{width}}  {FIRMNESS_LABEL[r.firmness]}  {r.check} “{r.metric_name}”: {r.reason}")
    responsible = [o for o in evaluation.owners if o.missed or o.at_risk]
    if responsible:
        out += ["", "owners with targets missed or at risk:"]
        for owner in responsible:
            parts = []
            if owner.missed:
                parts.append("missed " + ", ".join(owner.missed))
            if owner.at_risk:
                parts.append("at risk " + ", ".join(owner.at_risk))
            out.append(f"  {owner.name}: {'; '.join(parts)} (of {owner.total})")
    return "\n".join(out) + "\n"


def render_json(evaluation: Evaluation, checks: ChecksDocument, rows: dict[str, list[Row]]) -> str:
    return dump_json(evaluation).decode("utf-8")


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def render_md(evaluation: Evaluation, checks: ChecksDocument, rows: dict[str, list[Row]]) -> str:
    by_id = {c.id: c for c in checks.checks}
    out = [
        f"# {evaluation.title}: 目标进展报告",
        "",
        f"截至 {evaluation.as_of.isoformat()} · 方案 `{evaluation.plan}` · 数据 `{evaluation.data}`",
        "",
        "| 状态 | status | 数量 |",
        "|---|---|---:|",
    ]
    for status in STATUSES:
        out.append(f"| {STATUS_LABEL[status]} | {status} | {evaluation.counts[status]} |")
    out += ["", "## 目标一览", "", "| 状态 | 力度 | 指标 | 目标 | 截止 | 最新 | 说明 |", "|---|---|---|---|---|---|---|"]
    for r in evaluation.results:
        check = by_id[r.check]
        latest = f"{r.observed.value}{r.unit or ''} ({r.observed.period})" if r.observed else "—"
        target = ("完成" if check.value is None else
                  f"{check.op} {check.value}{'~' + check.value_max if check.value_max else ''}{check.unit or ''}")
        if check.each_year:
            target += f" 每年 {check.from_year}–{check.until_year}"
        out.append(
            f"| {STATUS_LABEL[r.status]} | {FIRMNESS_LABEL[r.firmness]} | {_cell(r.metric_name)} | {_cell(target)} "
            f"| {r.due.isoformat()} | {_cell(latest)} | {_cell(r.reason)} |"
        )
    responsible = [o for o in evaluation.owners if o.missed or o.at_risk]
    if responsible:
        out += ["", "## 责任单位", "", "| 单位 | 未完成 | 有风险 | 负责目标数 |", "|---|---|---|---:|"]
        for owner in responsible:
            out.append(
                f"| {_cell(owner.name)} | {_cell('、'.join(owner.missed) or '—')} "
                f"| {_cell('、'.join(owner.at_risk) or '—')} | {owner.total} |"
            )
    out += ["", "## 各目标进展", ""]
    for r in evaluation.results:
        check = by_id[r.check]
        metric_rows = rows.get(check.metric, [])
        metric_rows = [row for row in metric_rows if row.period.end <= evaluation.as_of]
        out.append(f"### {escape(r.metric_name)} (`{r.check}`)")
        out.append("")
        out.append(f"**{STATUS_LABEL[r.status]}** ({r.status}, {FIRMNESS_LABEL[r.firmness]}): {escape(r.reason)}")
        out.append("")
        if check.each_year:
            out.append(bar_chart(check, r))
        else:
            found = baseline(check, metric_rows)
            out.append(line_chart(check, r, metric_rows, (found[0], found[1]) if found else None))
        out.append("")
    return "\n".join(out).rstrip() + "\n"


RENDERERS = {"text": render_text, "json": render_json, "md": render_md}
