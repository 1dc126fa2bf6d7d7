"""``planc schedule PLAN [--from D] [--to D] [--format table|json|ics]``: a plan's dated events.

Exit codes follow the CLI contract: 0 success, 1 the plan has errors (diagnostics
on stderr), 2 usage or I/O error (a bad date, a missing file).
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from compiler.cli import Exit
from compiler.diagnostics import Diagnostic
from compiler.model import Plan

_OUTPUTS = ("table", "json", "ics")


class _Date(click.ParamType):
    """A calendar date written YYYY-MM-DD; anything else is a usage error (exit 2)."""

    name = "date"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> dt.date:
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value).strip())
        except ValueError:
            self.fail(f"`{value}` is not a date; write it as YYYY-MM-DD, e.g. 2024-10-01", param, ctx)


def _s001(plan_path: Path, plan: Plan, years: list[int]) -> Diagnostic:
    """The warning for years without holiday data, pointing at the plan block (whose period reaches them)."""
    from compiler.codes import lookup
    from compiler.diagnostics import Span, make
    from compiler.loader import display_path

    source = plan.source
    display = display_path((plan_path.resolve().parent / source.file).resolve())
    span = Span(display, source.line, source.column, source.line, source.column + len("plan"))
    listed = ", ".join(str(y) for y in years)
    return make("S001", f"no statutory holiday data for {listed}; only weekends count as non-working days there",
                span, hint=lookup("S001").hint)


@click.command("schedule")
@click.argument("plan", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--from", "since", type=_Date(), default=None, help="First date to list (YYYY-MM-DD).")
@click.option("--to", "until", type=_Date(), default=None, help="Last date to list (YYYY-MM-DD).")
@click.option("--format", "fmt", type=click.Choice(_OUTPUTS), default="table", show_default=True,
              help="table for reading, json (schedule.json), or ics (schedule.ics) to import into a calendar.")
@click.option("--color/--no-color", default=None, help="Colour the code frames of diagnostics.")
def schedule(plan: Path, since: dt.date | None, until: dt.date | None, fmt: str, color: bool | None) -> None:
    """The plan's cadences and deadlines as dated events, over the plan's active window.

    Meetings that fall on a weekend or public holiday move to the next working day;
    deadlines keep their date and are marked. See docs/schedules.md.
    """
    from compiler.loader import Loader
    from compiler.pipeline import compile_file
    from compiler.render import render_text, summary, unacknowledged

    if since is not None and until is not None and since > until:
        raise click.UsageError(f"--from {since.isoformat()} is after --to {until.isoformat()}")
    if not plan.is_file():
        raise click.UsageError(f"no such plan file `{plan}`")
    loader = Loader()
    compiled = compile_file(plan, loader)
    diagnostics = list(compiled.diagnostics)
    use_color = sys.stderr.isatty() if color is None else color
    if not compiled.ok or compiled.plan is None:
        click.echo(render_text(unacknowledged(diagnostics), loader.sources(), color=use_color), err=True)
        click.echo(summary(diagnostics, 1, acknowledged_shown=False), err=True)
        sys.exit(Exit.INPUT_ERRORS)

    from targets.schedule import schedule_of, stamp_date
    from targets.schedule.expand import between

    full = schedule_of(compiled.plan)
    if full.uncovered_years:
        diagnostics.append(_s001(plan, compiled.plan, full.uncovered_years))
    # acknowledged warnings are the plan author's settled business; `planc check` lists them
    open_diagnostics = [d for d in diagnostics if not d.acknowledged]
    if open_diagnostics:
        click.echo(render_text(open_diagnostics, loader.sources(), color=use_color), err=True)
    selected = between(full, since, until)
    if fmt == "json":
        from compiler.artifacts import dump_json

        sys.stdout.buffer.write(dump_json(selected))
    elif fmt == "ics":
        from targets.schedule.ics import build_ics

        sys.stdout.buffer.write(build_ics(selected, stamp_date(compiled.plan)))
    else:
        from targets.schedule.table import render_table

        click.echo(render_table(selected), nl=False)
    sys.stdout.flush()
