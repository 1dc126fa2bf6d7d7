"""The `score` stage as a plain function: a plan and a data file in, the scoring outcome and its diagnostics out."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from compiler import model as m
from compiler.csvtable import split_line
from diagnostics import Diagnostic, has_errors, make
from targets.scoring.engine import Outcome, completion, score
from targets.scoring.schema import ScoringDoc
from targets.scoring.scheme import scoring_doc


@dataclass
class ScoreOutcome:
    """What the stage produced: the scheme, the outcome (None on errors), the data file's text, its diagnostics, and
    the key of the unit or metric to explain."""

    doc: ScoringDoc | None
    outcome: Outcome | None = None
    text: str | None = None  # the data file's text, for code frames
    diagnostics: list[Diagnostic] = field(default_factory=list)
    explain_key: str | None = None

    @property
    def ok(self) -> bool:
        return self.outcome is not None and not has_errors(self.diagnostics)


def data_kind(path: Path) -> str:
    """`scores` for period,unit,item,value; `status` for a status CSV or an evaluation JSON."""
    if path.suffix.lower() == ".json":
        return "status"
    try:
        with path.open("rb") as handle:  # the first line only: a data file over the limit is refused later
            head = handle.read(4096).decode("utf-8", errors="replace").lstrip("\ufeff")
    except OSError:
        return "scores"
    first = next((line for line in head.splitlines() if line.strip()), "")
    columns = {cell.text.lower() for cell in split_line(first)[0]}
    return "status" if "status" in columns and "item" not in columns else "scores"


def run_scoring(plan: m.Plan, path: Path, display: str, explain: str | None = None) -> ScoreOutcome:
    """Score the data against the plan's scheme. Raises OSError only when the file cannot be read at all."""
    from targets.scoring.data import Names, read_scores, read_statuses

    doc = scoring_doc(plan)
    if doc is None:
        return ScoreOutcome(None, diagnostics=[make(
            "K001", f"plan `{plan.id}` has no scoring block", None,
            hint="add a `scoring` block: groups and formulas, or `weight METRIC N` completion items")])
    key: str | None = None
    if data_kind(path) == "status":
        if doc.completion is None:
            return ScoreOutcome(doc, diagnostics=[make(
                "K001", f"plan `{plan.id}` declares no completion weights (`weight METRIC N`) to score statuses with",
                None)])
        metric_names: dict[str, str] = {}
        for metric in plan.metrics:
            for spelling in (metric.id, metric.name, *metric.aliases):
                metric_names.setdefault(spelling, metric.id)
        weighted = {i.metric for i in doc.completion.items}
        statuses, problems = read_statuses(path, display, metric_names, weighted)
        if statuses is None or has_errors(problems):
            return ScoreOutcome(doc, text=statuses.text if statuses else None, diagnostics=problems)
        outcome = completion(doc, statuses)
        text = statuses.text
        if explain is not None:
            key = metric_names.get(explain)
            if key is None or key not in outcome.trails:
                problems.append(make("D075", f"`{explain}` is not a weighted metric of this scheme", None))
    else:
        first, last = plan.period.start.year, plan.period.end.year
        scores, problems = read_scores(path, display, doc, first, last)
        if scores is None or has_errors(problems):
            return ScoreOutcome(doc, text=scores.text if scores else None, diagnostics=problems)
        outcome = score(doc, scores)
        text = scores.text
        if explain is not None:
            key = Names(doc).units.get(explain)
            if key is None or key not in outcome.trails:
                problems.append(make("D075", f"`{explain}` is not a unit this scheme assesses", None))
    return ScoreOutcome(doc, outcome, text, problems + outcome.diagnostics, key)
