"""`planc score PLAN --data FILE`: run the plan's scoring scheme on evaluator scores or evaluation results."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from driver.common import Exit, color_option, compile_plan_or_exit, fail, print_diagnostics


@click.command("score")
@click.argument("plan", type=click.Path())
@click.option("--data", "data", required=True, type=click.Path(),
              help="Evaluator scores (CSV period,unit,item,value), or for a completion score a status CSV "
                   "(metric,status) or an evaluation JSON (planc/evaluation/v1).")
@click.option("--format", "fmt", default="text", show_default=True, type=click.Choice(["text", "json", "md", "csv", "items"]),
              help="How to print the scores: text, json, md, csv (one row per unit and period), or items (a CSV with "
                   "one row per component, item, bonus and penalty).")
@click.option("--explain", "explain", default=None, metavar="UNIT",
              help="Print the arithmetic trail for one unit (or metric), by id, name or alias.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None,
              help="Report language (default: Chinese for a plan with a Chinese title).")
@color_option
def score(plan: str, data: str, fmt: str, explain: str | None, lang: str | None, color: bool | None) -> None:
    """Run PLAN's scoring scheme on the data and print scores, ranks, points and grades."""
    from compiler.loader import display_path
    from targets.scoring.report import render
    from targets.scoring.stage import run_scoring

    model, sources = compile_plan_or_exit(plan, color)
    data_path = Path(data)
    display = display_path(data_path.absolute())
    if not data_path.is_file():
        fail(f"no such data file `{data}`" if not data_path.exists() else
             f"`{data}` is a folder; --data takes one data file" if data_path.is_dir() else f"`{data}` is not a data file")
    try:
        outcome = run_scoring(model, data_path, display, explain)
    except OSError as error:
        fail(f"cannot read {display}: {error.strerror}")
    if outcome.text is not None:
        sources = {**sources, display: outcome.text}
    print_diagnostics(outcome.diagnostics, sources, color=color)
    if not outcome.ok or outcome.outcome is None or outcome.doc is None:
        sys.exit(Exit.INPUT_ERRORS)
    if outcome.explain_key is not None:
        click.echo(f"{explain} ({outcome.explain_key})")
        for line in outcome.outcome.trails[outcome.explain_key]:
            click.echo(f"  {line}")
        return
    click.echo(render(outcome.outcome.report, outcome.doc, fmt, lang), nl=False)
