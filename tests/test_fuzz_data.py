"""Fuzzing the data readers: progress data (`evaluate`) and score data (`score`), CSV and .xlsx.

Each example starts from a valid data file for a real test plan (tests/golden/checks/
progress.csv for the progress plan, evaluator scores for the small scheme, a status
CSV for completion scoring) and mutates it: lines deleted, duplicated, swapped and cut;
characters inserted (quotes, commas, full-width digits, BOMs, NUL, CR, invalid UTF-8 and
GBK bytes) and deleted. Workbooks are generated from mutated rows with openpyxl (text,
numbers, dates, empty cells, several sheets), and some have their zip bytes damaged.
Every example runs the whole stage (read, judge or score, render every format). The
property: nothing raises; each diagnostic has a located span (or none, for the file as a
whole) and renders. `make fuzz` runs PLANC_FUZZ_EXAMPLES per target.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compiler.pipeline import compile_file
from diagnostics import Diagnostic
from diagnostics.render import render_json, render_text
from targets.checks.report import RENDERERS as CHECK_RENDERERS
from targets.checks.stage import evaluate_progress
from targets.scoring.report import render as render_scores
from targets.scoring.stage import run_scoring

EXAMPLES = int(os.environ.get("PLANC_FUZZ_EXAMPLES", "400"))
ROOT = Path(__file__).resolve().parent.parent
PROGRESS_PLAN = ROOT / "tests/golden/checks/progress.plan"
SCHEME_PLAN = ROOT / "tests/golden/scoring/small_scheme.plan"
PROGRESS = (ROOT / "tests/golden/checks/progress.csv").read_text(encoding="utf-8")
SCORES = "period,unit,item,value\n" + "".join(
    f"2022Q{q},{unit},{item},{value}\n"
    for q in range(1, 5) for unit, item, value in (("湘潭县", "工信局", 20), ("湘潭县", "发改委", 70), ("湘乡市", "工信局", "２２"),
                                                   ("湘乡市", "发改委", "60.5"), ("湘潭综保区", "发改委", 88))
) + "2022,,政策兑现率,85％\n"
PIECES = ['"', ",", '""', "\n", "\r", "\r\n", " ", "\u3000", "\ufeff", "\x00", "％", "%", "８", "．", "1 5", "1e9", "১",
          "2024Q5", "2025-13", "−", "-", "+", "万户", "家", "是", "未完成", "=1+1", "\t", "市场主体", "湘潭县", "工信局"]
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@pytest.fixture(scope="module")
def plans() -> dict[str, object]:
    found = {}
    for name, path in (("progress", PROGRESS_PLAN), ("scheme", SCHEME_PLAN)):
        compiled = compile_file(path)
        assert compiled.plan is not None
        found[name] = compiled.plan
    return found


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzzdata")  # one folder for all examples (see tests/test_fuzz.py)


@st.composite
def mutated_rows(draw: st.DrawFn, text: str) -> list[str]:
    lines = text.split("\n")
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            break
        kind = draw(st.sampled_from(["delete", "duplicate", "swap", "truncate", "insert", "delete_char"]))
        i = draw(st.integers(0, len(lines) - 1))
        if kind == "delete":
            del lines[i]
        elif kind == "duplicate":
            lines.insert(i, lines[i])
        elif kind == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif kind == "truncate":
            joined = "\n".join(lines)
            lines = joined[: draw(st.integers(0, len(joined)))].split("\n")
        elif kind == "insert":
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + draw(st.sampled_from(PIECES) | st.characters(blacklist_categories=("Cs",))) + lines[i][at:]
        elif lines[i]:
            at = draw(st.integers(0, len(lines[i]) - 1))
            lines[i] = lines[i][:at] + lines[i][at + 1 :]
    return lines


@st.composite
def csv_bytes(draw: st.DrawFn, text: str) -> bytes:
    data = "\n".join(draw(mutated_rows(text))).encode("utf-8")
    if draw(st.integers(0, 5)) == 0:
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.sampled_from([b"\xff", b"\xc4\xe3", b"\xed\xa0\x80", b"\x00", b"\xef\xbb\xbf"])) + data[at:]
    return data


def _cell(text: str, draw: st.DrawFn) -> object:
    kind = draw(st.integers(0, 6))
    if kind == 0:
        return None
    if kind == 1:
        try:
            return float(text)
        except ValueError:
            return text
    if kind == 2:
        return draw(st.dates(dt.date(1900, 3, 1), dt.date(2100, 1, 1)))
    if kind == 3:
        return draw(st.integers(-10**6, 10**6))
    return text


@st.composite
def xlsx_bytes(draw: st.DrawFn, text: str) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for line in draw(mutated_rows(text)):
        cells = [_cell(cell, draw) for cell in line.split(",")]
        # openpyxl refuses control characters in cells, as Excel does: a workbook never holds them
        sheet.append([c.translate({i: None for i in range(32)}) if isinstance(c, str) else c for c in cells])
    if draw(st.booleans()):
        book.create_sheet(draw(st.sampled_from(["说明", "Sheet2", "进度"]))).append(["metric", "period", "value"])
    out = io.BytesIO()
    book.save(out)
    data = out.getvalue()
    if draw(st.integers(0, 4)) == 0:  # a damaged zip
        # a position drawn independently of the length: the workbook's bytes carry the time it
        # was written, so its length may differ when hypothesis replays the example
        at = draw(st.integers(0, 2**20)) % len(data)
        data = data[:at] + bytes([draw(st.integers(0, 255))]) + data[at + 1 :]
    return data


def check_diagnostics(diagnostics: list[Diagnostic], sources: dict[str, str]) -> None:
    for diagnostic in diagnostics:
        assert diagnostic.code[0] == "D", diagnostic
        if diagnostic.span is not None:
            assert diagnostic.span.line >= 1 and diagnostic.span.column >= 1
    render_text(diagnostics, sources)
    render_json(diagnostics, sources)


def run_evaluate(plan: object, path: Path) -> None:
    outcome = evaluate_progress(plan, path, path.name)  # type: ignore[arg-type]
    data = outcome.data
    check_diagnostics(data.diagnostics, {data.path: data.text} if data.text is not None else {})
    if outcome.evaluation is not None:
        for render in CHECK_RENDERERS.values():
            render(outcome.evaluation, outcome.checks, data.by_metric(), "zh")


def run_score(plan: object, path: Path) -> None:
    outcome = run_scoring(plan, path, path.name)  # type: ignore[arg-type]
    check_diagnostics(outcome.diagnostics, {path.name: outcome.text} if outcome.text is not None else {})
    if outcome.ok and outcome.outcome is not None and outcome.doc is not None:
        for fmt in ("text", "json", "md", "csv"):
            render_scores(outcome.outcome.report, outcome.doc, fmt)


@SETTINGS
@given(data=csv_bytes(PROGRESS))
def test_progress_csv_never_crashes(plans: dict[str, object], workdir: Path, data: bytes) -> None:
    path = workdir / "progress.csv"
    path.write_bytes(data)
    run_evaluate(plans["progress"], path)


@SETTINGS
@given(data=xlsx_bytes(PROGRESS))
def test_progress_xlsx_never_crashes(plans: dict[str, object], workdir: Path, data: bytes) -> None:
    path = workdir / "progress.xlsx"
    path.write_bytes(data)
    run_evaluate(plans["progress"], path)


@SETTINGS
@given(data=csv_bytes(SCORES))
def test_score_csv_never_crashes(plans: dict[str, object], workdir: Path, data: bytes) -> None:
    path = workdir / "scores.csv"
    path.write_bytes(data)
    run_score(plans["scheme"], path)


@SETTINGS
@given(data=xlsx_bytes(SCORES))
def test_score_xlsx_never_crashes(plans: dict[str, object], workdir: Path, data: bytes) -> None:
    path = workdir / "scores.xlsx"
    path.write_bytes(data)
    run_score(plans["scheme"], path)
