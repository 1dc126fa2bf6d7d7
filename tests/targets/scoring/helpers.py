"""Scoring test helpers: compile a plan text, read a CSV text, score it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from compiler.pipeline import compile_file
from diagnostics import Diagnostic, Severity
from targets.scoring.data import read_scores
from targets.scoring.engine import Outcome, score
from targets.scoring.schema import ScoreRow, ScoringDoc
from targets.scoring.scheme import scoring_doc

HERE = Path(__file__).resolve().parents[2] / "golden" / "scoring"  # the scoring fixtures and goldens
FIXTURE_PLAN = HERE / "xiangtan_scheme.plan"


@dataclass
class Scored:
    doc: ScoringDoc
    outcome: Outcome | None
    diagnostics: list[Diagnostic]

    def row(self, unit: str, period: str) -> ScoreRow:
        assert self.outcome is not None
        return next(r for r in self.outcome.report.rows if r.unit == unit and r.period == period)

    def codes(self) -> list[str]:
        found = [d.code for d in self.diagnostics]
        if self.outcome is not None:
            found += [d.code for d in self.outcome.diagnostics]
        return found


def compile_doc(plan_path: Path) -> ScoringDoc:
    compiled = compile_file(plan_path)
    errors = [d for d in compiled.diagnostics if d.severity is Severity.ERROR and not d.acknowledged]
    assert not errors, [f"{d.code} {d.message}" for d in errors]
    assert compiled.plan is not None
    doc = scoring_doc(compiled.plan)
    assert doc is not None
    return doc


def run(tmp_path: Path, plan_text: str | None, csv_text: str, plan_path: Path | None = None) -> Scored:
    if plan_path is None:
        assert plan_text is not None
        plan_path = tmp_path / "scheme.plan"
        plan_path.write_text(plan_text, encoding="utf-8")
    doc = compile_doc(plan_path)
    data_path = tmp_path / "scores.csv"
    data_path.write_text(csv_text, encoding="utf-8")
    compiled = compile_file(plan_path)
    assert compiled.plan is not None
    period = compiled.plan.period
    data, diagnostics = read_scores(data_path, "scores.csv", doc, period.start.year, period.end.year)
    errors = [d for d in diagnostics if d.severity is Severity.ERROR]
    if data is None or errors:
        return Scored(doc, None, diagnostics)
    return Scored(doc, score(doc, data), diagnostics)


def csv_rows(period: str, unit: str, scores: dict[str, str]) -> str:
    return "".join(f"{period},{unit},{item},{value}\n" for item, value in scores.items())
