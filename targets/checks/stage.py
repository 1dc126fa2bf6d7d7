"""The `evaluate` stage as a plain function: a plan and a progress file in, checks and their statuses out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from compiler import model as m
from diagnostics import has_errors
from targets.checks.compile import build_checks
from targets.checks.judge import default_as_of, evaluate
from targets.checks.progress import ProgressData, read_progress
from targets.checks.schema import ChecksDocument, Evaluation


@dataclass
class EvaluateOutcome:
    """The data as read (with its diagnostics), the plan's checks, and their evaluation (None when the data has errors)."""

    data: ProgressData
    checks: ChecksDocument
    evaluation: Evaluation | None


def evaluate_progress(
    plan: m.Plan, path: Path, display: str, as_of: dt.date | None = None, lang: str = "zh"
) -> EvaluateOutcome:
    """Read the progress file and judge every check as of ``as_of`` (default: the latest period in the data), with
    reasons in ``lang``."""
    data = read_progress(path, display, plan)
    checks = build_checks(plan)
    if data.unreadable or has_errors(data.diagnostics):
        return EvaluateOutcome(data, checks, None)
    when = as_of or default_as_of(data, checks)
    return EvaluateOutcome(data, checks, evaluate(plan, checks, data, when, lang))
