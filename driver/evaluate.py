"""`planc evaluate PLAN --data CSV`: judge progress data against the plan's runtime checks."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from driver.common import DATE, Exit, color_option, compile_plan_or_exit, report_data_problems


@click.command()
@click.argument("plan", type=click.Path())
@click.option("--data", "data_path", required=True, type=click.Path(), help="Progress CSV: metric,period,value.")
@click.option("--as-of", "as_of", type=DATE, help="Judge as of this date (default: the end of the latest period in the data).")
@click.option("--format", "fmt", default="text", show_default=True, type=click.Choice(["text", "json", "md"]),
              help="text for a terminal, json (planc/evaluation/v1), md: a report with SVG charts.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None,
              help="Report language (default: Chinese for a plan with a Chinese title).")
@color_option
def evaluate(plan: str, data_path: str, as_of: dt.date | None, fmt: str, lang: str | None, color: bool | None) -> None:
    """Judge progress data against the plan's runtime checks: met, on_track, at_risk, missed, not_due, no_data."""
    from compiler.loader import display_path
    from targets.checks.report import RENDERERS, plan_lang
    from targets.checks.stage import evaluate_progress

    model, _sources = compile_plan_or_exit(plan, color)
    csv_path = Path(data_path)
    language = lang or plan_lang(model.title)
    outcome = evaluate_progress(model, csv_path, display_path(csv_path.absolute()), as_of, language)
    data = outcome.data
    sources = {data.path: data.text} if data.text is not None else {}
    report_data_problems(data.diagnostics, sources, data.path, unreadable=data.unreadable, color=color)
    assert outcome.evaluation is not None  # data errors exited above
    click.echo(RENDERERS[fmt](outcome.evaluation, outcome.checks, data.by_metric(), language), nl=False)
    sys.exit(Exit.OK)
