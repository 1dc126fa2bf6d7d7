"""`planc evaluate PLAN --data CSV`: judge progress data against the plan's runtime checks."""

from __future__ import annotations

import datetime as dt
import enum
import sys
from pathlib import Path

import click

from compiler.diagnostics import Severity, has_errors
from compiler.loader import display_path
from compiler.render import render_text, summary, unacknowledged


class Exit(enum.IntEnum):
    """The CLI's exit codes (the contract in DESIGN.md); targets do not import the CLI module."""

    OK = 0
    INPUT_ERRORS = 1
    USAGE = 2


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"`{value}` is not a date (YYYY-MM-DD)") from None


@click.command()
@click.argument("plan", type=click.Path())
@click.option("--data", "data_path", required=True, type=click.Path(), help="Progress CSV: metric,period,value.")
@click.option("--as-of", "as_of", callback=_date, help="Judge as of this date (default: the end of the latest period in the data).")
@click.option("--format", "fmt", default="text", show_default=True, type=click.Choice(["text", "json", "md"]),
              help="text for a terminal, json (planc/evaluation/v1), md: a report with SVG charts.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None, help="Report language (default: the plan's).")
@click.option("--color/--no-color", default=None, help="Colour the code frames of diagnostics.")
def evaluate(plan: str, data_path: str, as_of: dt.date | None, fmt: str, lang: str | None, color: bool | None) -> None:
    """Judge progress data against the plan's runtime checks: met, on_track, at_risk, missed, not_due, no_data."""
    from compiler.pipeline import compile_paths
    from targets.checks.compile import build_checks
    from targets.checks.judge import default_as_of
    from targets.checks.judge import evaluate as run
    from targets.checks.progress import read_progress
    from targets.checks.report import RENDERERS, plan_lang

    plan_path = Path(plan)
    if not plan_path.is_file():
        click.echo(f"planc: no such plan file `{plan}`", err=True)
        sys.exit(Exit.USAGE)
    result = compile_paths([plan_path])
    use_color = sys.stderr.isatty() if color is None else color
    diagnostics = result.all_diagnostics()
    compiled = result.plans[0] if result.plans else None
    if compiled is None or compiled.plan is None or has_errors(diagnostics):
        click.echo(render_text(unacknowledged(diagnostics), result.sources, color=use_color), err=True)
        click.echo(summary(diagnostics, len(result.plans), acknowledged_shown=False), err=True)
        sys.exit(Exit.USAGE if result.usage_error else Exit.INPUT_ERRORS)
    model = compiled.plan
    csv_path = Path(data_path)
    data = read_progress(csv_path, display_path(csv_path.absolute()), model)
    if data.diagnostics:
        sources = {data.path: data.text} if data.text is not None else {}
        click.echo(render_text(data.diagnostics, sources, color=use_color), err=True)
        errors = sum(1 for d in data.diagnostics if d.severity is Severity.ERROR)
        warnings = len(data.diagnostics) - errors
        click.echo(f"{errors} data error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''} "
                   f"in {data.path}", err=True)
        if data.unreadable:
            sys.exit(Exit.USAGE)
        if errors:
            sys.exit(Exit.INPUT_ERRORS)
    checks = build_checks(model)
    when = as_of or default_as_of(data, checks)
    language = lang or plan_lang(model.title)
    evaluation = run(model, checks, data, when, language)
    click.echo(RENDERERS[fmt](evaluation, checks, data.by_metric(), language), nl=False)
    sys.exit(Exit.OK)
