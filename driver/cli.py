"""The `planc` command line: thin wrappers over the pipeline and the targets.

Exit codes: 0 success, 1 the input has errors, 2 usage or I/O error.
Commands beyond check/build/explain are loaded lazily so `planc check` starts fast.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import Any

import click

from compiler.loader import DEFAULT_MAX_FILE_BYTES
from driver.common import Exit, color_option, exit_code, fail, print_diagnostics, target_checks

# name -> "module:attribute" of a click command, imported only when used
LAZY_COMMANDS: dict[str, str] = {
    "score": "driver.score:score",
    "schedule": "driver.schedule:schedule",
    "evaluate": "driver.evaluate:evaluate",
    "fmt": "driver.formatting:fmt",  # canonical layout, keyword conversion
    "lsp": "driver.lsp:lsp_command",  # the language server (imports pygls only when started)
    "import": "driver.importer.command:import_command",  # a draft .plan from a .txt/.docx plan
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(LAZY_COMMANDS))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in LAZY_COMMANDS:
            module_name, attribute = LAZY_COMMANDS[cmd_name].split(":")
            command = getattr(importlib.import_module(module_name), attribute)
            assert isinstance(command, click.Command)
            return command
        return super().get_command(ctx, cmd_name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="planc")
def main() -> None:
    """planc: compile plain-text plan specifications (.plan) into checks, schedules, documents and scores."""


def _paths(paths: tuple[str, ...]) -> list[Path]:
    return [Path(p) for p in paths] if paths else [Path("plans")]


def _format_choices() -> list[str]:
    from diagnostics.render import RENDERERS

    return sorted(RENDERERS)


def _compile(
    paths: tuple[str, ...], max_file_bytes: int, jobs: int = 0, publish: bool = False, after: Any = None
) -> Any:
    """Compile with a progress bar on a terminal (and nothing extra when output is not one).

    ``after``: run on each compiled plan where it was compiled (the build emits there).
    """
    from compiler.pipeline import CompileOptions, compile_paths, default_jobs

    jobs = jobs or default_jobs()
    options = CompileOptions(checks=target_checks(), publish=publish)
    targets = _paths(paths)
    many = sum(1 for p in targets if p.is_dir()) > 0 or len(targets) > 5
    if not (sys.stderr.isatty() and many):
        return compile_paths(targets, max_file_bytes=max_file_bytes, jobs=jobs, options=options, after=after)
    from compiler.discover import discover
    from compiler.loader import Loader

    entries, _diagnostics, _usage = discover(targets, Loader(max_file_bytes=max_file_bytes))
    if len(entries) < 5:
        return compile_paths(targets, max_file_bytes=max_file_bytes, jobs=jobs, options=options, after=after)
    label = "building" if after is not None else "checking"
    with click.progressbar(length=len(entries), label=label, file=sys.stderr) as bar:
        return compile_paths(targets, max_file_bytes=max_file_bytes, jobs=jobs, options=options, after=after,
                             on_progress=lambda _p: bar.update(1))


_format_option = click.option(
    "--format", "fmt", default="text", show_default=True,
    type=click.Choice(["text", "json", "github", "sarif"]), help="How to print diagnostics.",
)
_show_acknowledged_option = click.option(
    "--show-acknowledged", is_flag=True,
    help="Also list acknowledged warnings in text and GitHub output (JSON and SARIF always include them).",
)
_jobs_option = click.option(
    "--jobs", "-j", default=0, type=click.IntRange(min=0),
    help="Plans compiled in parallel (0: one per CPU core).",
)
_max_bytes_option = click.option(
    "--max-file-bytes", default=DEFAULT_MAX_FILE_BYTES, show_default=True, type=click.IntRange(min=1),
    help="Refuse .plan files larger than this.",
)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@_format_option
@click.option("--warnings-as-errors", is_flag=True, help="Exit 1 on any unacknowledged warning.")
@color_option
@_max_bytes_option
@click.option("--max-diagnostics", default=50, show_default=True, type=click.IntRange(min=1),
              help="Show at most this many diagnostics per file in text output ('… and N more').")
@_show_acknowledged_option
@_jobs_option
@click.option("--publish", is_flag=True,
              help="发布检查 / The publish gate: defects a 文秘 would reject (unclosed brackets, a missing 署名, …) are errors.")
def check(
    paths: tuple[str, ...], fmt: str, warnings_as_errors: bool, color: bool | None, max_file_bytes: int,
    max_diagnostics: int, show_acknowledged: bool, jobs: int, publish: bool,
) -> None:
    """Parse, resolve and validate plans (default: plans/)."""
    if fmt not in _format_choices():
        raise click.UsageError(f"--format {fmt} is not available in this build")
    result = _compile(paths, max_file_bytes, jobs, publish)
    print_diagnostics(result.all_diagnostics(), result.sources, fmt=fmt, color=color, plans=len(result.plans),
                      max_per_file=max_diagnostics, show_acknowledged=show_acknowledged)
    sys.exit(exit_code(result, warnings_as_errors))


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--out", "out", default="build", show_default=True, type=click.Path(file_okay=False),
              help="Output folder; each plan is written to OUT/<plan-id>/ (planc's state: OUT/.planc/).")
@_format_option
@color_option
@_max_bytes_option
@_show_acknowledged_option
@_jobs_option
@click.option("--pdf", is_flag=True, help="Also write document.pdf (needs LibreOffice: apt-get install libreoffice-writer).")
@click.option("--no-cache", "no_cache", is_flag=True,
              help="Emit every plan again, even those whose output in OUT is up to date.")
@click.option("--timings", is_flag=True, help="Print the time of each stage and each target on stderr.")
def build(
    paths: tuple[str, ...], out: str, fmt: str, color: bool | None, max_file_bytes: int, show_acknowledged: bool,
    jobs: int, pdf: bool, no_cache: bool, timings: bool,
) -> None:
    """Check plans, then emit every target into OUT (only if there are no errors)."""
    import time

    from driver.cache import source_date_epoch_problem
    from driver.write import OutputError

    if fmt not in _format_choices():
        raise click.UsageError(f"--format {fmt} is not available in this build")
    problem = source_date_epoch_problem()
    if problem:
        fail(problem)
    clock = None
    if timings:
        from driver.emit import Timings

        clock = Timings()
    started = time.perf_counter()
    from driver.cache import build_options

    options = build_options(pdf="yes" if pdf else "no", max_file_bytes=str(max_file_bytes))
    if not no_cache:
        from driver.uptodate import up_to_date

        done = up_to_date(_paths(paths), Path(out), options, max_file_bytes)
        if done is not None:
            diagnostics, sources, count = done
            print_diagnostics(diagnostics, sources, fmt=fmt, color=color, plans=count,
                              show_acknowledged=show_acknowledged)
            if clock is not None:
                clock.reused = count
                clock.stages["total"] = time.perf_counter() - started
                _print_timings(clock)
            click.echo(f"{out} is up to date ({count} plan{'s' if count != 1 else ''}, nothing compiled or written)",
                       err=True)
            return
    from compiler.pipeline import default_jobs  # after the no-change check, which needs no compiler
    from driver.emit import build_all

    jobs = jobs or default_jobs()
    ahead = None
    if jobs > 1:  # each worker emits the plans it compiles; one process emits after compiling them all
        from driver.emit import EmitAhead, recorded_keys

        ahead = EmitAhead(options, {} if no_cache else recorded_keys(Path(out)), jobs)
    result = _compile(paths, max_file_bytes, jobs, after=ahead)
    if clock is not None:  # with a pool, compiling includes emitting
        clock.stages["compile" if ahead is None else "compile and emit"] = time.perf_counter() - started
        for compiled_plan in result.plans:  # summed over plans (over workers' CPU time when in parallel)
            for stage, seconds in compiled_plan.timings.items():
                clock.compile[stage] += seconds
    print_diagnostics(result.all_diagnostics(), result.sources, fmt=fmt, color=color, plans=len(result.plans),
                      show_acknowledged=show_acknowledged)
    code = exit_code(result)
    if code is not Exit.OK:
        sys.exit(code)
    compiled = [c for c in result.plans if c.plan is not None]
    finish = None
    if pdf:
        from targets.publish.pdf import emit_pdfs

        finish = emit_pdfs
    try:
        built = build_all(
            [c.plan for c in compiled], Path(out), [Path(p) for p in paths],
            entries={c.plan.id: c.path for c in compiled}, jobs=jobs, use_cache=not no_cache,
            options=options, finish=finish, timings=clock, diagnostics={c.plan.id: c.diagnostics for c in compiled},
            emitted_ahead={c.plan.id: result.after[c.path] for c in compiled if result.after.get(c.path)},
            on_wait=lambda: click.echo(f"planc: waiting for another build into {out} to finish", err=True),
        )
    except OutputError as error:
        fail(str(error))
    if clock is not None:
        clock.stages["total"] = time.perf_counter() - started
        _print_timings(clock)
    count = len(result.plans)
    reused = f" ({len(built.reused)} up to date)" if built.reused else ""
    click.echo(f"wrote {count} plan{'s' if count != 1 else ''} to {out}{reused}", err=True)


def _print_timings(clock: Any) -> None:
    """Per stage, then per target (summed over the plans emitted), like `cargo build --timings`' summary."""
    lines = [f"timings: {clock.emitted} plan(s) emitted, {clock.reused} reused from the previous build"]
    for stage in ("compile", "compile and emit", "emit", "write", "total"):
        if stage not in clock.stages:
            continue
        lines.append(f"  {stage:<22}{clock.stages[stage]:9.3f}s")
        if stage in ("compile", "compile and emit"):
            lines.extend(f"    {name:<20}{clock.compile[name]:9.3f}s" for name in ("parse", "build", "resolve", "rules")
                         if name in clock.compile)
    for name, seconds in sorted(clock.targets.items(), key=lambda item: -item[1]):
        lines.append(f"    emit {name:<17}{seconds:9.3f}s")
    click.echo("\n".join(lines), err=True)


@main.command()
@click.argument("code", required=False)
def explain(code: str | None) -> None:
    """What a diagnostic code means, why it matters, and an example fix."""
    from diagnostics.codes import all_codes
    from diagnostics.explain import explain_text

    if code is None:
        for info in all_codes():
            click.echo(f"{info.code}  {info.severity.value:<7}  {info.name}: {info.summary}")
        return
    text = explain_text(code.strip().upper())
    if text is None:
        fail(f"unknown diagnostic code `{code}`; `planc explain` lists them")
    click.echo(text)


def entry() -> None:
    """The console script: `planc`. A bug in planc is reported in one line, not a traceback."""
    import os

    try:
        main()
    except Exception as error:  # the last line of defence: bad input never gets here
        if os.environ.get("PLANC_DEBUG"):
            raise
        click.echo(
            f"planc: internal error ({type(error).__name__}: {error}). This is a bug in planc, not in your "
            "plan; please report it with the input. Set PLANC_DEBUG=1 to see the traceback.",
            err=True,
        )
        sys.exit(Exit.INTERNAL)


if __name__ == "__main__":  # pragma: no cover
    entry()
