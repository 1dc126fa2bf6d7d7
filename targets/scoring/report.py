"""Rendering a score report: text (terminal tables), json (``planc/score/v1``), md (a publishable
ranking report with an SVG bar chart per group, and each unit's items for a rubric), csv (the contract's
``group,unit,period,score,rank,points,grade``) and items (a CSV of every component, item, bonus and
penalty of every row).

Text and Markdown are in Chinese for a Chinese plan (``lang="zh"``, the default of :func:`render`
when the title is Chinese) and in English with ``lang="en"``; plan text in Markdown goes through
:func:`targets.escape.markdown_inline`, chart text through :func:`targets.escape.html_line`."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

from diagnostics.render import display_width
from targets.checks.labels import plan_lang, status_label
from targets.escape import html_line, markdown_inline
from targets.scoring.engine import fmt
from targets.scoring.schema import ItemScore, ScoreReport, ScoreRow, ScoringDoc

CSV_HEADER = ["group", "unit", "period", "score", "rank", "points", "grade"]
NO_DATA = "no data"
NO_DATA_ZH = "无数据"


def _no_data(lang: str) -> str:
    return NO_DATA_ZH if lang == "zh" else NO_DATA


def safe_cell(text: str) -> str:
    """Protect a CSV cell against spreadsheet formula injection: = + - @ (and tab/CR) at the start get a leading '."""
    if text and text[0] in "=+-@\t\r":
        return "'" + text
    return text


def render_csv(report: ScoreReport) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for row in report.rows:
        cells = [row.group, row.unit_name, row.period, row.score or "", "" if row.rank is None else str(row.rank),
                 row.points or "", row.grade or ""]
        writer.writerow([safe_cell(c) for c in cells])
    if report.completion is not None:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["metric", "name", "status", "points", "credit", "earned"])
        for item in report.completion.rows:
            writer.writerow([safe_cell(c) for c in (item.metric, item.name, item.status or "", item.points,
                                                     item.share or "", item.earned or "")])
        writer.writerow([safe_cell(c) for c in ("total", "", "", report.completion.scale, "", report.completion.score)])
    return out.getvalue()


ITEMS_HEADER = ["group", "unit", "period", "item", "parent", "title", "max", "score", "status"]


def render_items_csv(report: ScoreReport) -> str:
    """One row per component, item (at every depth, ``parent`` naming the item above) and bonus or penalty of every
    row: ``group,unit,period,item,parent,title,max,score,status``; a penalty's score is negative."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(ITEMS_HEADER)

    def items(row: ScoreRow, scored: list[ItemScore], parent: str) -> None:
        for entry in scored:
            writer.writerow([safe_cell(c) for c in (row.group, row.unit_name, row.period, entry.id, parent,
                                                     entry.title or "", entry.max, entry.score or "", entry.status)])
            items(row, entry.items, entry.id)

    for row in report.rows:
        for component in row.components:
            status = "ok" if component.value is not None else "no_data"
            writer.writerow([safe_cell(c) for c in (row.group, row.unit_name, row.period, component.evaluator, "", "",
                                                     component.max, component.value or "", status)])
        items(row, row.items, "")
        for stage in row.stages:
            amount = stage.amount if stage.kind == "bonus" else f"-{stage.amount}"
            writer.writerow([safe_cell(c) for c in (row.group, row.unit_name, row.period, f"{stage.kind}:{stage.id}", "",
                                                     "", "", amount, "ok")])
    return out.getvalue()


def render_json(report: ScoreReport) -> str:
    data = report.model_dump(mode="json", by_alias=True)
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _pad(text: str, width: int, right: bool = False) -> str:
    gap = " " * max(width - display_width(text), 0)
    return gap + text if right else text + gap


def _table(header: list[str], rows: list[list[str]], numeric: set[int]) -> list[str]:
    widths = [max(display_width(r[i]) for r in [header, *rows]) for i in range(len(header))]
    lines = ["  ".join(_pad(h, widths[i], i in numeric) for i, h in enumerate(header)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for r in rows:
        lines.append("  ".join(_pad(c, widths[i], i in numeric) for i, c in enumerate(r)).rstrip())
    return lines


def _groups(doc: ScoringDoc) -> list[tuple[str, str, list[str]]]:
    """(id, title, members) of each group; a rubric without groups reports its formulas' members as one."""
    groups = [(g.id, g.title or g.id, list(g.members)) for g in doc.groups]
    if not groups and doc.every == "year":
        members = [u for f in doc.formulas for u in f.members]
        groups = [("", doc.title, list(dict.fromkeys(members)))]
    return groups


def is_rubric(doc: ScoringDoc) -> bool:
    """Whether the scheme scores items (a 考核细则), not only evaluator components."""
    return any(f.items for f in doc.formulas) or bool(doc.stages)


def _grouped(report: ScoreReport, doc: ScoringDoc) -> list[tuple[int, str, str, list[tuple[str, list[ScoreRow], ScoreRow]]]]:
    """Per year and group: [(unit name, period rows, annual row)], in declared order."""
    out = []
    for year in report.years:
        for group_id, group_title, members in _groups(doc):
            entries = []
            for unit in members:
                rows = [r for r in report.rows if r.unit == unit and r.period.startswith(str(year))]
                annual = next((r for r in rows if r.period == str(year)), None)
                if annual is None:
                    continue
                entries.append((annual.unit_name, [r for r in rows if r is not annual], annual))
            out.append((year, group_id, group_title, entries))
    return out


def _flag_lines(report: ScoreReport, doc: ScoringDoc, group_id: str, year: int, lang: str = "zh") -> list[tuple[str, str]]:
    """Per flag of the scheme: its title, and the flagged units of this group and year (by period for `lowest`)."""
    names = {r.unit: r.unit_name for r in report.rows}
    out = []
    for flag in doc.flags:
        hits = [h for h in report.flags if h.flag == flag.id and h.group == group_id and h.period.startswith(str(year))]
        if not hits:
            continue
        parts = []
        for hit in hits:
            units = "、".join(names.get(u, u) for u in hit.units)
            parts.append(units if hit.period == str(year) else f"{hit.period} {units}")
        out.append((flag.title or flag.id, ("；" if lang == "zh" else "; ").join(parts)))
    return out


def _cell(value: str | None) -> str:
    return value if value is not None else "—"


def _annual_cells(annual: ScoreRow) -> list[str]:
    return [_cell(annual.score), _cell(None if annual.rank is None else str(annual.rank)), _cell(annual.points),
            _cell(annual.grade)]


def render_text(report: ScoreReport, doc: ScoringDoc, lang: str = "zh") -> str:
    zh = lang == "zh"
    if report.completion is not None:
        return _completion_text(report, lang)
    lines = [f"{report.title}（{report.scoring}）" if zh else f"{report.title} ({report.scoring})", ""]
    periods = doc.periods if doc.every != "year" else []
    for year, group_id, title, entries in _grouped(report, doc):
        if zh:
            lines.append(f"{year}年 · {title}" + (f"（{group_id}）" if title != group_id else ""))
        else:
            lines.append(f"{year} · {title}" + (f" ({group_id})" if title != group_id else ""))
        rubric = is_rubric(doc)
        extra = (["项目得分", "奖扣分", "可得分"] if zh else ["items", "±", "attainable"]) if rubric else []
        header = (["单位", *periods, *extra, f"{year}年", "名次", "计分", "等次"] if zh else
                  ["unit", *periods, *extra, str(year), "rank", "points", "grade"])
        rows = []
        for name, period_rows, annual in entries:
            cells = [_cell(r.score) + (f" ({r.rank})" if r.rank is not None else "") for r in period_rows]
            if rubric:
                cells += [_cell(annual.items_score), _stage_text(annual), _cell(annual.attainable_total)]
            rows.append([name, *cells, *_annual_cells(annual)])
        lines.extend(_table(header, rows, set(range(1, len(header) - 1))))
        for flag, text in _flag_lines(report, doc, group_id, year, lang):
            lines.append(f"  {flag}：{text}" if zh else f"  {flag}: {text}")
        lines.append("")
    if any(r.status == "no_data" for r in report.rows):  # the legend only when a unit has no data
        lines.append("— 无数据：该单位缺少得分或事实，不参与排名（见警告）" if zh else
                     "— no data: the unit lacks scores or facts; it is not ranked (see the warnings)")
    if any(r.vetoes for r in report.rows):
        vetoed = "、".join(f"{r.unit_name}（{'、'.join(r.vetoes)}）" for r in report.rows if r.vetoes)
        lines.append(f"一票否决：{vetoed}" if zh else f"vetoed: {vetoed}")
    return "\n".join(lines) + "\n"


def _stage_text(row: ScoreRow) -> str:
    """Bonuses minus penalties, signed (+5, −3), or — when none acted."""
    if not row.stages:
        return "—"
    total = sum((Decimal(s.amount) if s.kind == "bonus" else -Decimal(s.amount) for s in row.stages), Decimal(0))
    return ("+" if total >= 0 else "−") + (fmt(abs(total)) or "0")


def _status(status: str | None, lang: str) -> str:
    return status_label(status, lang) if status else _no_data(lang)


def _completion_text(report: ScoreReport, lang: str = "zh") -> str:
    assert report.completion is not None
    zh = lang == "zh"
    result = report.completion
    header = ["指标", "状态", "分值", "得分率", "得分"] if zh else ["metric", "status", "points", "credit", "earned"]
    rows = [[r.name, _status(r.status, lang), r.points, _cell(r.share), _cell(r.earned)] for r in result.rows]
    lines = [f"{report.title}（{report.scoring}）完成度得分" if zh else f"{report.title} ({report.scoring}) — completion score", ""]
    lines.extend(_table(header, rows, {2, 3, 4}))
    lines.append("")
    if zh:
        suffix = "" if result.complete else "（部分指标无状态，此为下限）"
        lines.append(f"得分 {result.score} / {result.scale}{suffix}")
    else:
        suffix = "" if result.complete else " (some metrics have no status; this is a lower bound)"
        lines.append(f"score {result.score} of {result.scale}{suffix}")
    return "\n".join(lines) + "\n"


# ---- markdown with SVG charts ------------------------------------------------------


def bar_chart(title: str, bars: list[tuple[str, Decimal | None]], scale: Decimal, lang: str = "zh") -> str:
    """A horizontal bar chart as SVG text: one bar per unit, no data shown as an empty, labelled row."""
    row_height = 22
    label_width = max(80, 12 + 7 * max((display_width(name) for name, _v in bars), default=0))
    chart_width = 360
    width = label_width + chart_width + 70
    height = 30 + row_height * len(bars) + 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'role="img" aria-label="{html_line(title)}">',
        f'<text x="4" y="18" font-size="14" font-weight="bold">{html_line(title)}</text>',
    ]
    for i, (name, value) in enumerate(bars):
        y = 30 + i * row_height
        parts.append(f'<text x="{label_width - 6}" y="{y + 15}" font-size="12" text-anchor="end">{html_line(name)}</text>')
        if value is None:
            parts.append(f'<text x="{label_width + 4}" y="{y + 15}" font-size="12" fill="#888">{_no_data(lang)}</text>')
            continue
        length = (value / scale * chart_width) if scale else Decimal(0)
        length_text = format(length.quantize(Decimal("0.1")), "f")
        parts.append(f'<rect x="{label_width}" y="{y + 3}" width="{length_text}" height="{row_height - 6}" fill="#3b6ea5"/>')
        parts.append(f'<text x="{label_width + float(length_text) + 4:.1f}" y="{y + 15}" font-size="12">{fmt(value)}</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def _md_escape(text: str) -> str:
    return markdown_inline(text)


def render_md(report: ScoreReport, doc: ScoringDoc, lang: str = "zh") -> str:
    zh = lang == "zh"
    if report.completion is not None:
        result = report.completion
        lines = [f"# {_md_escape(report.title)}：完成度得分" if zh else f"# {_md_escape(report.title)}: completion score", "",
                 "| 指标 | 状态 | 分值 | 得分率 | 得分 |" if zh else "| metric | status | points | credit | earned |",
                 "|---|---|---:|---:|---:|"]
        for r in result.rows:
            lines.append(f"| {_md_escape(r.name)} | {_status(r.status, lang)} | {r.points} | {_cell(r.share)} | {_cell(r.earned)} |")
        total = (f"**合计 {result.score} / {result.scale}**" + ("" if result.complete else "（部分指标无数据）") if zh else
                 f"**total {result.score} of {result.scale}**" + ("" if result.complete else " (some metrics have no status)"))
        lines += ["", total, ""]
        return "\n".join(lines)
    years = ("、" if zh else ", ").join(str(y) for y in report.years)
    lines = [f"# {_md_escape(report.title)}", "", f"考评结果 · {years}" if zh else f"Results · {years}", ""]
    periods = doc.periods if doc.every != "year" else []
    scale = Decimal(doc.scale)
    for year, group_id, title, entries in _grouped(report, doc):
        lines.append(f"## {year}年 {_md_escape(title)}" if zh else f"## {year} {_md_escape(title)}")
        lines.append("")
        ordered = sorted(entries, key=lambda e: (e[2].rank is None, e[2].rank or 0))
        header = (["名次", "单位", *periods, "年度得分", "计分", "等次"] if zh else
                  ["rank", "unit", *periods, "annual score", "points", "grade"])
        lines.append("| " + " | ".join(header) + " |")
        lines.append("|" + "|".join(["---:", "---"] + ["---:"] * (len(periods) + 2) + ["---"]) + "|")
        for name, period_rows, annual in ordered:
            cells = [_cell(None if annual.rank is None else str(annual.rank)), _md_escape(name)]
            cells += [_cell(r.score) for r in period_rows]
            cells += [_cell(annual.score), _cell(annual.points), _cell(annual.grade)]
            lines.append("| " + " | ".join(cells) + " |")
        lines.append("")
        bars = [(name, Decimal(annual.score) if annual.score is not None else None) for name, _p, annual in ordered]
        lines.append(bar_chart(f"{year}年 {title} 年度得分" if zh else f"{year} {title}: annual score", bars, scale, lang))
        lines.append("")
        for flag, text in _flag_lines(report, doc, group_id, year, lang):
            lines.append(f"- **{_md_escape(flag)}**：{_md_escape(text)}" if zh else f"- **{_md_escape(flag)}**: {_md_escape(text)}")
        if any(True for _ in _flag_lines(report, doc, group_id, year, lang)):
            lines.append("")
        if is_rubric(doc):
            for name, _period_rows, annual in entries:
                if annual.status == "ok":  # units with no data are in the table above, marked
                    lines += _md_items(name, annual, zh)
    return "\n".join(lines)


def _md_items(name: str, row: ScoreRow, zh: bool) -> list[str]:
    """A unit's item breakdown: 考核项目 | 分值 | 得分, sub-items indented; then bonuses, penalties, vetoes."""
    lines = [f"### {_md_escape(name)}", "", "| 考核项目 | 分值 | 得分 |" if zh else "| item | max | score |", "|---|---:|---:|"]

    def add(items: list[ItemScore], depth: int) -> None:
        for entry in items:
            label = _md_escape(entry.title or entry.id)
            shown = ("不适用" if zh else "n/a") if entry.status == "not_applicable" else _cell(entry.score)
            lines.append(f"| {'　' * depth}{label} | {entry.max} | {shown} |")
            add(entry.items, depth + 1)

    add(row.items, 0)
    for stage in row.stages:
        sign = "+" if stage.kind == "bonus" else "−"
        label = ("加分" if stage.kind == "bonus" else "扣分") if zh else stage.kind
        lines.append(f"| {label}：{_md_escape(stage.id)} |  | {sign}{stage.amount} |")
    total = "合计" if zh else "total"
    lines.append(f"| **{total}** | {row.declared_total or ''} | **{_cell(row.score)}** |")
    lines.append("")
    notes = []
    if row.attainable_total and row.attainable_total != row.declared_total:
        notes.append(f"本单位可得分 {row.attainable_total}，分值合计 {row.declared_total}。" if zh else
                     f"attainable {row.attainable_total} of a declared {row.declared_total}.")
    if row.vetoes:
        notes.append(f"一票否决：{'、'.join(_md_escape(v) for v in row.vetoes)}。" if zh else f"vetoed: {', '.join(row.vetoes)}.")
    if notes:
        lines += [" ".join(notes), ""]
    return lines


def render(report: ScoreReport, doc: ScoringDoc, fmt: str, lang: str | None = None) -> str:
    """The report in `fmt`; text and md in `lang` (default: Chinese for a Chinese plan)."""
    language = lang or plan_lang(report.title)
    if fmt == "json":
        return render_json(report)
    if fmt == "csv":
        return render_csv(report)
    if fmt == "items":
        return render_items_csv(report)
    if fmt == "md":
        return render_md(report, doc, language)
    return render_text(report, doc, language)
