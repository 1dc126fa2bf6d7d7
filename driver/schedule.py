"""``planc schedule PLAN [--from D] [--to D] [--format table|json|ics]``: a plan's dated events.

Exit codes follow the CLI contract: 0 success, 1 the plan has errors (diagnostics
on stderr), 2 usage or I/O error (a bad date, a missing file).
"""

from __future__ import annotations

import datetime as dt
import sys

import click

from driver.common import DATE, color_option, compile_plan_or_exit

_OUTPUTS = ("table", "json", "ics")


@click.command("schedule")
@click.argument("plan", type=click.Path())
@click.option("--from", "since", type=DATE, default=None, help="First date to list (YYYY-MM-DD).")
@click.option("--to", "until", type=DATE, default=None, help="Last date to list (YYYY-MM-DD).")
@click.option("--format", "fmt", type=click.Choice(_OUTPUTS), default="table", show_default=True,
              help="table for reading, json (schedule.json), or ics (schedule.ics) to import into a calendar.")
@color_option
def schedule(plan: str, since: dt.date | None, until: dt.date | None, fmt: str, color: bool | None) -> None:
    """The plan's cadences and deadlines as dated events, over the plan's active window.

    Meetings that fall on a weekend or public holiday move to the next working day;
    deadlines keep their date and are marked. See docs/schedules.md.
    """
    if since is not None and until is not None and since > until:
        raise click.UsageError(f"--from {since.isoformat()} is after --to {until.isoformat()}")
    model, _sources = compile_plan_or_exit(plan, color)

    from targets.schedule import schedule_of, stamp_date
    from targets.schedule.expand import between

    selected = between(schedule_of(model), since, until)
    if fmt == "json":
        from targets.serialize import dump_json

        sys.stdout.buffer.write(dump_json(selected))
    elif fmt == "ics":
        from targets.schedule.ics import build_ics

        sys.stdout.buffer.write(build_ics(selected, stamp_date(model)))
    else:
        from targets.schedule.table import render_table

        click.echo(render_table(selected), nl=False)
    sys.stdout.flush()
