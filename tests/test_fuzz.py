"""Fuzzing: generated and mutated plans never crash the pipeline or any emitter.

Each example is a valid plan (a bundled plan, the sample, or one generated from
the statement table by tests/plan_strategies.py), usually mutated; it is
compiled, every emitter runs when it compiles, and the diagnostics are rendered. The property:
no exception escapes; the outcome is "compiles" or "has errors"; every
diagnostic points to file:line:col. `make fuzz` runs the long campaign
(PLANC_FUZZ_EXAMPLES=100000); the default run is bounded for CI.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compiler.pipeline import compile_file
from diagnostics import has_errors
from diagnostics.render import render_json, render_text
from driver.emit import render_all
from tests.plan_strategies import compiling_plans, table_files
from tests.sample_plan import SAMPLE_PLAN

EXAMPLES = int(os.environ.get("PLANC_FUZZ_EXAMPLES", "400"))
PLANS = Path(__file__).resolve().parents[1] / "plans"
HEADER = re.compile(r"^(?P<file>[^\n:]+):(?P<line>\d+):(?P<col>\d+): (?P<code>[A-Z]\d{3}) (error|warning|info)")

ALPHABET = st.sampled_from(
    list('{}"；：｛｝（）％“”\n\r\t #\x00\u3000') + ["目标", "section", "plan", ">=", "51.01万户", "\ud800"]
) | st.characters()


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # One folder for all examples, each overwriting its file: a fresh numbered folder
    # per example made pytest scan an ever-growing directory, and a 100,000-example
    # run slowed from 50 examples a second to 9.
    return tmp_path_factory.mktemp("fuzz")


def seeds() -> list[str]:
    texts = [SAMPLE_PLAN]
    yiyang = PLANS / "yiyang-2022.plan"
    if yiyang.exists():
        texts.append(yiyang.read_text(encoding="utf-8"))
    return texts


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    # Mostly the bundled texts (real plans exercise every construct); one in four is
    # a plan generated from the statement table, so layouts the bundled plans never
    # use (`;` separators, full-width braces, CRLF, odd indentation) get mutated too.
    if draw(st.integers(0, 3)) == 0:
        text = draw(st.one_of(compiling_plans(), table_files()))
    else:
        text = draw(st.sampled_from(seeds()))
    lines = text.split("\n")
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["delete", "duplicate", "swap", "truncate", "insert", "delete_char", "crlf"]))
        if not lines:
            break
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
            lines[i] = lines[i][:at] + draw(ALPHABET) + lines[i][at:]
        elif kind == "delete_char" and lines[i]:
            at = draw(st.integers(0, len(lines[i]) - 1))
            lines[i] = lines[i][:at] + lines[i][at + 1 :]
        elif kind == "crlf":
            lines = [line + "\r" for line in lines]
    data = "\n".join(lines).encode("utf-8", errors="surrogatepass")
    if draw(st.booleans()) and draw(st.booleans()):
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.sampled_from([b"\xff", b"\xc4\xe3", b"\xed\xa0\x80", b"\x00"])) + data[at:]
    return data


def check_outcome(path: Path) -> None:
    compiled = compile_file(path)
    sources = {str(path.name): ""}
    for diagnostic in compiled.diagnostics:
        assert diagnostic.code[0] in "FPMRVDSK"
        if diagnostic.span is not None:
            assert diagnostic.span.line >= 1 and diagnostic.span.column >= 1
    text = render_text(compiled.diagnostics, sources)
    for line in text.splitlines():
        if line and not line.startswith((" ", "=")) and "… and" not in line:
            assert HEADER.match(line) or line.startswith("planc:"), line
    render_json(compiled.diagnostics, sources)
    if compiled.plan is not None and not has_errors(compiled.diagnostics):
        render_all([compiled.plan])


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=mutated())
def test_mutated_plans_never_crash(workdir: Path, data: bytes) -> None:
    path = workdir / "fuzz.plan"
    path.write_bytes(data)
    check_outcome(path)


@settings(
    max_examples=max(EXAMPLES // 4, 50),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(source=compiling_plans())
def test_generated_plans_compile_and_every_emitter_runs(workdir: Path, source: str) -> None:
    path = workdir / "generated.plan"
    path.write_text(source, encoding="utf-8", newline="")
    compiled = compile_file(path)
    assert not has_errors(compiled.diagnostics), render_text(compiled.diagnostics, {})
    assert compiled.plan is not None
    per_plan, _shared = render_all([compiled.plan])
    files = per_plan[compiled.plan.id]
    assert {"plan.json", "checks.json", "schedule.json", "document.md"} <= set(files), sorted(files)


@settings(
    max_examples=max(EXAMPLES // 4, 50),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(source=table_files())
def test_any_statement_the_table_allows_never_crashes(workdir: Path, source: str) -> None:
    # These parse but need not compile (their names need not resolve).
    path = workdir / "table.plan"
    path.write_text(source, encoding="utf-8", newline="")
    check_outcome(path)


@settings(max_examples=max(EXAMPLES // 4, 50), deadline=None)
@given(cut=st.integers(min_value=0))
def test_truncations_are_diagnosed_or_compile_to_less(workdir: Path, cut: int) -> None:
    # A truncation either fails with located diagnostics, or (when it falls between whole
    # top-level statements) compiles to a plan with no more content than the original.
    text = SAMPLE_PLAN
    cut = cut % (len(text) + 1)
    folder = workdir
    (folder / "full.plan").write_text(text, encoding="utf-8")
    (folder / "cut.plan").write_text(text[:cut], encoding="utf-8")
    full = compile_file(folder / "full.plan")
    part = compile_file(folder / "cut.plan")
    if has_errors(part.diagnostics) or part.plan is None:
        assert all(d.span is not None for d in part.diagnostics if d.code != "F007")
        return
    assert full.plan is not None
    assert len(part.plan.actions) <= len(full.plan.actions)
    assert len(part.plan.metrics) <= len(full.plan.metrics)
