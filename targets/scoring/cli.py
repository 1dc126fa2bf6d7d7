"""`planc score PLAN --data FILE`: run the plan's scoring scheme on evaluator scores or evaluation results."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Protocol, TypeVar

import click

from compiler.csvtable import split_line
from compiler.diagnostics import Diagnostic, has_errors, make
from compiler.loader import display_path

INPUT_ERRORS = 1  # the CLI contract: 1 when the input has errors
USAGE = 2  # usage or I/O error


def _print(diagnostics: list[Diagnostic], sources: dict[str, str]) -> None:
    from compiler.render import render_text

    if diagnostics:
        click.echo(render_text(diagnostics, sources, color=False), err=True)


class _Read(Protocol):
    text: str


_Data = TypeVar("_Data", bound=_Read)


def _read_or_exit(read: Callable[[], tuple[_Data | None, list[Diagnostic]]], display: str,
                  sources: dict[str, str]) -> tuple[_Data, list[Diagnostic]]:
    """Read a data file; exit 2 if it cannot be read, 1 (after printing) if it has errors."""
    try:
        data, problems = read()
    except OSError as error:
        click.echo(f"planc: cannot read {display}: {error.strerror}", err=True)
        sys.exit(USAGE)
    if data is not None:
        sources[display] = data.text
    if data is None or has_errors(problems):
        _print(problems, sources)
        sys.exit(INPUT_ERRORS)
    return data, problems


def _data_kind(path: Path) -> str:
    """`scores` for period,unit,item,value; `status` for a status CSV or an evaluation JSON."""
    if path.suffix.lower() == ".json":
        return "status"
    try:
        head = path.read_bytes()[:4096].decode("utf-8", errors="replace").lstrip("\ufeff")
    except OSError:
        return "scores"
    first = next((line for line in head.splitlines() if line.strip()), "")
    columns = {cell.text.lower() for cell in split_line(first)[0]}
    return "status" if "status" in columns and "item" not in columns else "scores"


@click.command("score")
@click.argument("plan", type=click.Path(exists=True, dir_okay=False))
@click.option("--data", "data", required=True, type=click.Path(exists=True, dir_okay=False),
              help="Evaluator scores (CSV period,unit,item,value), or for a completion score a status CSV "
                   "(metric,status) or an evaluation JSON (planc/evaluation/v1).")
@click.option("--format", "fmt", default="text", show_default=True, type=click.Choice(["text", "json", "md", "csv"]),
              help="How to print the scores.")
@click.option("--explain", "explain", default=None, metavar="UNIT",
              help="Print the arithmetic trail for one unit (or metric), by id, name or alias.")
def score(plan: str, data: str, fmt: str, explain: str | None) -> None:
    """Run PLAN's scoring scheme on the data and print scores, ranks, points and grades."""
    from compiler.loader import Loader
    from compiler.pipeline import compile_file
    from targets.scoring.data import Names, read_scores, read_statuses
    from targets.scoring.engine import completion
    from targets.scoring.engine import score as run_score
    from targets.scoring.report import render
    from targets.scoring.scheme import scoring_doc

    loader = Loader()
    compiled = compile_file(Path(plan), loader)
    sources: dict[str, str] = loader.sources()
    if not compiled.ok or compiled.plan is None:
        _print(compiled.diagnostics, sources)
        sys.exit(INPUT_ERRORS)
    doc = scoring_doc(compiled.plan)
    if doc is None:
        _print([make("K001", f"plan `{compiled.plan.id}` has no scoring block", None,
                     hint="add a `scoring` block: groups and formulas, or `weight METRIC N` completion items")], sources)
        sys.exit(INPUT_ERRORS)
    data_path = Path(data)
    display = display_path(data_path.absolute())
    warnings = [d for d in compiled.diagnostics if not has_errors([d])]
    if _data_kind(data_path) == "status":
        if doc.completion is None:
            _print([make("K001", f"plan `{compiled.plan.id}` declares no completion weights (`weight METRIC N`) "
                                 "to score statuses with", None)], {})
            sys.exit(INPUT_ERRORS)
        metric_names: dict[str, str] = {}
        for metric in compiled.plan.metrics:
            for spelling in (metric.id, metric.name, *metric.aliases):
                metric_names.setdefault(spelling, metric.id)
        weighted = {i.metric for i in doc.completion.items}
        statuses, problems = _read_or_exit(
            lambda: read_statuses(data_path, display, metric_names, weighted), display, sources)
        outcome = completion(doc, statuses)
        problems += outcome.diagnostics
        key = None
        if explain is not None:
            key = metric_names.get(explain)
            if key is None or key not in outcome.trails:
                _print(problems + [make("D075", f"`{explain}` is not a weighted metric of this scheme", None)], sources)
                sys.exit(INPUT_ERRORS)
    else:
        first, last = compiled.plan.period.start.year, compiled.plan.period.end.year
        scores, problems = _read_or_exit(lambda: read_scores(data_path, display, doc, first, last), display, sources)
        outcome = run_score(doc, scores)
        problems += outcome.diagnostics
        key = None
        if explain is not None:
            key = Names(doc).units.get(explain)
            if key is None or key not in outcome.trails:
                _print(problems + [make("D075", f"`{explain}` is not a unit this scheme assesses", None)], sources)
                sys.exit(INPUT_ERRORS)
    _print(warnings + problems, sources)
    if key is not None:
        click.echo(f"{explain} ({key})")
        for line in outcome.trails[key]:
            click.echo(f"  {line}")
        return
    click.echo(render(outcome.report, doc, fmt), nl=False)
