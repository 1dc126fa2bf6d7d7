"""What every `planc` command shares: the exit codes, compiling with the targets' checks, printing diagnostics.

The same mistake gets the same message and summary line in every command: a
missing PLAN, a plan with errors and a data file with errors are each reported by
one function here.
"""

from __future__ import annotations

import datetime as dt
import enum
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from diagnostics import Diagnostic, Severity, has_errors

if TYPE_CHECKING:
    from compiler.model import Plan
    from compiler.pipeline import CompileResult, PlanCheck


class Exit(enum.IntEnum):
    """The CLI contract (DESIGN.md): 0 success, 1 the input has errors, 2 usage or I/O error."""

    OK = 0
    INPUT_ERRORS = 1
    USAGE = 2
    INTERNAL = 3  # a bug in planc itself, never the input's fault


def fail(message: str, code: Exit = Exit.USAGE) -> NoReturn:
    """One line on stderr, prefixed `planc:`, then exit (2 by default: usage or I/O)."""
    click.echo(f"planc: {message}", err=True)
    sys.exit(code)


def use_color(color: bool | None) -> bool:
    return sys.stderr.isatty() if color is None else color


def target_checks() -> tuple[PlanCheck, ...]:
    """The targets' own checks (a target's `diagnose`), run with validation by every command."""
    from targets import all_targets

    return tuple(t.diagnose for t in all_targets() if t.diagnose is not None)


def print_diagnostics(
    diagnostics: list[Diagnostic],
    sources: dict[str, str],
    *,
    fmt: str = "text",
    color: bool | None = None,
    plans: int | None = None,
    max_per_file: int = 50,
    show_acknowledged: bool = False,
) -> None:
    """Print diagnostics in a format; in text, with a summary line when ``plans`` is given."""
    from diagnostics.render import RENDERERS, render_text, summary, unacknowledged

    shown = diagnostics
    if not show_acknowledged and fmt in ("text", "github"):
        shown = unacknowledged(diagnostics)
    if fmt == "text":
        text = render_text(shown, sources, color=use_color(color), max_per_file=max_per_file)
        if text:
            click.echo(text, err=True)
        if plans is not None:
            click.echo(summary(diagnostics, plans, acknowledged_shown=show_acknowledged), err=True)
    else:
        output = RENDERERS[fmt](shown, sources)
        if output:
            click.echo(output)


def compile_plan_or_exit(plan: str | Path, color: bool | None = None) -> tuple[Plan, dict[str, str]]:
    """Compile the one plan a stage command works on, or print why not and exit.

    Exit 2 when PLAN is not a file; exit 1 (after the diagnostics and the summary) when
    it has errors. Its unacknowledged warnings are printed either way.
    """
    from compiler.pipeline import CompileOptions, compile_paths

    path = Path(plan)
    if not path.is_file():
        fail(f"no such plan file `{plan}`" if not path.exists() else
             f"`{plan}` is a folder; this command reads one .plan file" if path.is_dir() else f"`{plan}` is not a plan file")
    result = compile_paths([path], options=CompileOptions(checks=target_checks()))
    diagnostics = result.all_diagnostics()
    compiled = result.plans[0] if result.plans else None
    if compiled is None or compiled.plan is None or has_errors(diagnostics):
        print_diagnostics(diagnostics, result.sources, color=color, plans=len(result.plans))
        sys.exit(Exit.USAGE if result.usage_error else Exit.INPUT_ERRORS)
    print_diagnostics(diagnostics, result.sources, color=color)
    return compiled.plan, result.sources


def report_data_problems(
    problems: list[Diagnostic], sources: dict[str, str], display: str, *, unreadable: bool = False,
    color: bool | None = None,
) -> None:
    """Print a data file's diagnostics with a summary line; exit 2 if it could not be read, 1 if it has errors."""
    if not problems and not unreadable:
        return
    print_diagnostics(problems, sources, color=color)
    errors = sum(1 for d in problems if d.severity is Severity.ERROR and not d.acknowledged)
    warnings = sum(1 for d in problems if d.severity is Severity.WARNING and not d.acknowledged)
    click.echo(f"{errors} data error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''} "
               f"in {display}", err=True)
    if unreadable:
        sys.exit(Exit.USAGE)
    if errors:
        sys.exit(Exit.INPUT_ERRORS)


def exit_code(result: CompileResult, warnings_as_errors: bool = False) -> Exit:
    if result.usage_error:
        return Exit.USAGE
    if not result.ok:
        return Exit.INPUT_ERRORS
    if warnings_as_errors and any(
        d.severity is Severity.WARNING and not d.acknowledged for d in result.all_diagnostics()
    ):
        return Exit.INPUT_ERRORS
    return Exit.OK


class DateParam(click.ParamType):
    """A calendar date written YYYY-MM-DD; anything else is a usage error (exit 2)."""

    name = "date"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> dt.date:
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value).strip())
        except ValueError:
            self.fail(f"`{value}` is not a date; write it as YYYY-MM-DD, e.g. 2024-10-01", param, ctx)


DATE = DateParam()
color_option = click.option("--color/--no-color", default=None, help="Colour the code frames (default: on a terminal).")
