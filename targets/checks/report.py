"""Rendering an evaluation: text for a terminal, versioned JSON, and a publishable Markdown report.

Text and Markdown are in Chinese by default for a Chinese plan (:func:`plan_lang`); ``lang="en"``
gives English. Plan text in Markdown passes through the documents' escape
(:mod:`targets.escape`): no raw HTML, links or images, one line per value.
"""

from __future__ import annotations

from targets.checks.chart import bar_chart, line_chart
from targets.checks.judge import baseline, is_range, target_text
from targets.checks.labels import FIRMNESS_EN, FIRMNESS_LABEL, STATUS_LABEL, plan_lang, status_label
from targets.checks.progress import Row
from targets.checks.schema import STATUSES, ChecksDocument, Evaluation
from targets.escape import markdown_code
from targets.escape import markdown_inline as escape
from targets.serialize import dump_json


def _quoted(name: str) -> str:
    """A name in “…”, unless it has quotes of its own (“个转企”, 普通高中“徐特立项目”): never doubled."""
    return name if "“" in name or "”" in name else f"“{name}”"


def _counts(evaluation: Evaluation, lang: str) -> str:
    if lang == "zh":
        return "，".join(f"{STATUS_LABEL[s]} {evaluation.counts[s]} 项" for s in STATUSES if s in evaluation.counts)
    return ", ".join(f"{evaluation.counts[s]} {s.replace('_', ' ')}" for s in STATUSES if s in evaluation.counts)


def render_text(evaluation: Evaluation, checks: ChecksDocument, rows: dict[str, list[Row]], lang: str = "zh") -> str:
    zh = lang == "zh"
    labels = [status_label(r.status, lang) for r in evaluation.results]
    width = max((len(label) for label in labels), default=0)
    firmness = FIRMNESS_LABEL if zh else FIRMNESS_EN
    head = (f"{evaluation.plan} {_quoted(evaluation.title)} 截至 {evaluation.as_of.isoformat()}（数据：{evaluation.data}）"
            if zh else f"{evaluation.plan} {_quoted(evaluation.title)} as of {evaluation.as_of.isoformat()} (data: {evaluation.data})")
    out = [head, _counts(evaluation, lang), ""]
    pad = "\u3000" if zh else " "
    for r, label in zip(evaluation.results, labels):
        sep = "：" if zh else ": "
        out.append(f"{label}{pad * (width - len(label))}  {firmness[r.firmness]}  {r.check} {_quoted(r.metric_name)}{sep}{r.reason}")
    responsible = [o for o in evaluation.owners if o.missed or o.at_risk]
    if responsible:
        out += ["", "未完成或进度滞后目标的责任单位：" if zh else "owners with targets missed or at risk:"]
        for owner in responsible:
            parts = []
            if owner.missed:
                parts.append(("未完成 " if zh else "missed ") + ("、" if zh else ", ").join(owner.missed))
            if owner.at_risk:
                parts.append(("进度滞后 " if zh else "at risk ") + ("、" if zh else ", ").join(owner.at_risk))
            if zh:
                out.append(f"  {owner.name}：{'；'.join(parts)}（共 {owner.total} 项）")
            else:
                out.append(f"  {owner.name}: {'; '.join(parts)} (of {owner.total})")
    return "\n".join(out) + "\n"


def render_json(evaluation: Evaluation, checks: ChecksDocument, rows: dict[str, list[Row]], lang: str = "zh") -> str:
    return dump_json(evaluation).decode("utf-8")


def _code(text: str) -> str:
    return markdown_code(text)


def render_md(evaluation: Evaluation, checks: ChecksDocument, rows: dict[str, list[Row]], lang: str = "zh") -> str:
    zh = lang == "zh"
    by_id = {c.id: c for c in checks.checks}
    firmness = FIRMNESS_LABEL if zh else FIRMNESS_EN
    title = escape(evaluation.title)
    out = [
        f"# {title}：目标进展报告" if zh else f"# {title}: progress report",
        "",
        (f"截至 {evaluation.as_of.isoformat()} · 方案 {_code(evaluation.plan)} · 数据 {_code(evaluation.data)}" if zh else
         f"As of {evaluation.as_of.isoformat()} · plan {_code(evaluation.plan)} · data {_code(evaluation.data)}"),
        "",
        "| 状态 | 数量 |" if zh else "| status | count |",
        "|---|---:|",
    ]
    for status in (s for s in STATUSES if s in evaluation.counts):  # 视条件 only when the plan has such targets
        out.append(f"| {status_label(status, lang)} | {evaluation.counts[status]} |")
    out += ["", "## 目标一览" if zh else "## Targets", "",
            "| 状态 | 力度 | 指标 | 目标 | 截止 | 最新 | 说明 |" if zh else "| status | firmness | metric | target | due | latest | reason |",
            "|---|---|---|---|---|---|---|"]
    for r in evaluation.results:
        check = by_id[r.check]
        latest = f"{r.observed.value}{r.unit or ''}（{r.observed.period}）" if r.observed else "—"
        target = target_text(check, lang)
        if check.each_year:
            target += f" 每年（{check.from_year}–{check.until_year}年）" if zh else f" each year {check.from_year}–{check.until_year}"
        out.append(
            f"| {status_label(r.status, lang)} | {firmness[r.firmness]} | {escape(r.metric_name)} | {escape(target)} "
            f"| {r.due.isoformat()} | {escape(latest)} | {escape(r.reason)} |"
        )
    responsible = [o for o in evaluation.owners if o.missed or o.at_risk]
    if responsible:
        out += ["", "## 责任单位" if zh else "## Owners", "",
                "| 单位 | 未完成 | 进度滞后 | 负责目标数 |" if zh else "| unit | missed | at risk | targets |",
                "|---|---|---|---:|"]
        for owner in responsible:
            out.append(
                f"| {escape(owner.name)} | {escape('、'.join(owner.missed) or '—')} "
                f"| {escape('、'.join(owner.at_risk) or '—')} | {owner.total} |"
            )
    out += ["", "## 各目标进展" if zh else "## Each target", ""]
    for r in evaluation.results:
        check = by_id[r.check]
        metric_rows = rows.get(check.metric, [])
        metric_rows = [row for row in metric_rows if row.period.end <= evaluation.as_of]
        out.append(f"### {escape(r.metric_name)}（{_code(r.check)}）" if zh else f"### {escape(r.metric_name)} ({_code(r.check)})")
        out.append("")
        sep = "：" if zh else ": "
        out.append(f"**{status_label(r.status, lang)}**（{firmness[r.firmness]}）{sep}{escape(r.reason)}" if zh else
                   f"**{status_label(r.status, lang)}** ({firmness[r.firmness]}){sep}{escape(r.reason)}")
        out.append("")
        if check.each_year:
            out.append(bar_chart(check, r, lang))
        else:
            found = baseline(check, metric_rows, lang)
            out.append(line_chart(check, r, metric_rows, (found[0], found[1]) if found else None, lang))
        out.append("")
    return "\n".join(out).rstrip() + "\n"


RENDERERS = {"text": render_text, "json": render_json, "md": render_md}
__all__ = ["RENDERERS", "STATUS_LABEL", "is_range", "plan_lang", "render_json", "render_md", "render_text"]
