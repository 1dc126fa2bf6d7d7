"""`planc import SOURCE [--out FILE] [--units REGISTRY] [--report]`."""

from __future__ import annotations

from pathlib import Path

import click

from driver.common import Exit, fail


@click.command("import")
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), help="where to write the draft (default: SOURCE with .plan)")
@click.option("--units", "units", type=click.Path(exists=True, dir_okay=False, path_type=Path), help="a unit registry (.plan) to use")
@click.option("--report", is_flag=True, help="print what was recognised and every passage to review")
def import_command(source: Path, out: Path | None, units: Path | None, report: bool) -> None:
    """导入:从现有方案文件(.txt/.docx)生成 .plan 草稿 (a draft .plan from a plan document)."""
    from driver.importer import NotAPlan, import_source

    if not source.exists():
        fail(f"找不到文件 {source} (no such file)")
    try:
        draft = import_source(source, units=units, out=out)
    except NotAPlan as error:
        fail(str(error), Exit.INPUT_ERRORS)
    target = out or source.with_suffix(".plan")
    if target.resolve() == source.resolve():
        fail(f"{target} 与源文件相同 (the draft would overwrite the source)")
    try:
        target.write_text(draft.text, encoding="utf-8")
    except OSError as error:
        fail(f"无法写入 {target}:{error.strerror}")
    click.echo(f"已生成草稿 {target} (draft written)")
    if draft.errors:  # a bug in the importer: the draft must always check clean of errors
        for d in draft.errors:
            click.echo(f"  {d.code} {d.message}", err=True)
        fail("草稿未通过检查 (the draft has errors: please report this)", Exit.INTERNAL)
    if report:
        labels = {"sections": "部分", "actions": "任务", "owners": "责任", "targets": "指标", "deadlines": "时限",
                  "cadences": "机制", "units": "单位"}
        click.echo("识别结果 (recognised): " + ", ".join(
            f"{zh} {draft.counts.get(key, 0)}" for key, zh in labels.items()))
        warnings = [d for d in draft.diagnostics if d.severity != "error"]
        click.echo(f"检查警告 (warnings from planc check): {len(warnings)}")
        for d in warnings:
            click.echo(f"  {target}:{d.span.line if d.span else 0}: {d.code} {d.message}")
        click.echo(f"待核对 (to review): {len(draft.checks) + len(draft.problems)}")
        for line, message in draft.checks:
            click.echo(f"  {source}:{line}: {message}")
        for problem in draft.problems:
            click.echo(f"  {source}:{problem.line}: {problem.message}: {problem.text[:40]}")
