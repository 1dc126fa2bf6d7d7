"""Diagnostic tests named by code: tests/diagnostics/<CODE>.plan (or .csv, or .args) → <CODE>.expected.

Each case runs the CLI from the repository root and compares the exit code and the rendered
diagnostics (stderr, code frames included) with the reviewed expected file. A case must
report its own code. Set PLANC_UPDATE_EXPECTED=1 to rewrite the expected files, then review the diff.
"""

from __future__ import annotations

import os
import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from compiler.cli import main
from compiler.codes import all_codes

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "diagnostics"
# The stages whose every code must have a diagnostic test here. S (schedules) and K (scoring)
# codes are tested by their own targets' suites.
COVERED_STAGES = "FPMRVD"
_HEADER = re.compile(r"^(?:\S+:\d+:\d+|planc): ([A-Z]\d{3}) ")


def command(code: str) -> list[str]:
    """The planc arguments that exercise ``code``."""
    args = CASES / f"{code}.args"
    if args.exists():
        return shlex.split(args.read_text(encoding="utf-8"))
    if (CASES / f"{code}.csv").exists():
        return ["evaluate", "tests/diagnostics/progress.plan", "--data", f"tests/diagnostics/{code}.csv",
                "--as-of", "2025-12-31"]
    return ["check", f"tests/diagnostics/{code}.plan"]


def has_case(code: str) -> bool:
    return any((CASES / f"{code}{suffix}").exists() for suffix in (".plan", ".csv", ".args"))


def covered_codes() -> list[str]:
    return [info.code for info in all_codes() if info.code[0] in COVERED_STAGES]


def run(code: str, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, command(code), catch_exceptions=True)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stderr


@pytest.mark.parametrize("code", covered_codes())
def test_every_code_has_a_case(code: str) -> None:
    assert has_case(code), f"no tests/diagnostics/{code}.plan, .csv or .args"
    assert (CASES / f"{code}.expected").exists(), f"no tests/diagnostics/{code}.expected"


@pytest.mark.parametrize("code", [c for c in covered_codes() if has_case(c)])
def test_diagnostic(code: str, monkeypatch: pytest.MonkeyPatch) -> None:
    exit_code, stderr = run(code, monkeypatch)
    actual = f"exit {exit_code}\n{stderr}"
    expected_path = CASES / f"{code}.expected"
    if os.environ.get("PLANC_UPDATE_EXPECTED"):
        expected_path.write_text(actual, encoding="utf-8")
    reported = {m[1] for line in stderr.splitlines() if (m := _HEADER.match(line))}
    assert code in reported, f"{code} case reports {sorted(reported)}"
    assert actual == expected_path.read_text(encoding="utf-8")
    assert "Traceback" not in stderr


def test_no_orphan_cases() -> None:
    """Every case file is named after a code that exists (a renamed code leaves no stale case)."""
    codes = {info.code for info in all_codes()}
    names = {p.name.split(".")[0] for p in CASES.iterdir() if p.is_file() and p.suffix in (".plan", ".csv", ".args", ".expected")}
    stray = sorted(n for n in names if re.fullmatch(r"[A-Z]\d{3}", n) and n not in codes)
    assert not stray
