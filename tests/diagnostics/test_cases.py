"""One case per diagnostic code: tests/diagnostics/<CODE>.plan (or <CODE>/) and its expected output.

Each case runs `planc check` from inside tests/diagnostics (so paths are short and
stable) and compares the rendered text, code frames included, with <CODE>.expected.
A <CODE>.args file holds extra command-line arguments; a <CODE>.csv is progress
data run through `planc evaluate progress.plan`, and a <CODE>.cmd a whole command line. The expected files were
reviewed by hand; to see a difference, run `pytest -k CODE`.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from diagnostics.codes import CODE_PATTERN, all_codes
from driver.cli import main

CASES = Path(__file__).parent  # the cases sit beside this module


def case_input(code: str) -> Path | None:
    for candidate in (CASES / f"{code}.plan", CASES / f"{code}.csv", CASES / f"{code}.cmd", CASES / code):
        if candidate.exists() and (candidate.is_file() or not (CASES / f"{code}.plan").exists()):
            return candidate
    return None


def run_case(code: str, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    path = case_input(code)
    assert path is not None, f"no case for {code}"
    args_file = CASES / f"{code}.args"
    extra = args_file.read_text(encoding="utf-8").split() if args_file.exists() else []
    monkeypatch.chdir(CASES)
    if path.suffix == ".csv":  # progress data (D codes): evaluated against progress.plan
        command = ["evaluate", "progress.plan", "--data", path.name, "--as-of", "2025-12-31", "--no-color", *extra]
    elif path.suffix == ".cmd":  # a whole command line, for cases that are not `check FILE`
        command = path.read_text(encoding="utf-8").split()
    else:
        command = ["check", path.name, "--no-color", *extra]
    result = CliRunner().invoke(main, command)
    return result.exit_code, result.stderr


CASE_CODES = sorted(p.stem for p in CASES.glob("*.expected"))


@pytest.mark.parametrize("code", CASE_CODES)
def test_case_renders_as_expected(code: str, monkeypatch: pytest.MonkeyPatch) -> None:
    exit_code, output = run_case(code, monkeypatch)
    expected = (CASES / f"{code}.expected").read_text(encoding="utf-8")
    assert output == expected
    headers = [line for line in output.splitlines() if f": {code} " in line]
    assert headers, f"{code} does not appear in its own case"
    severity = next(c.severity.value for c in all_codes() if c.code == code)
    assert exit_code == (1 if severity == "error" else 0) or code in ("F007", "D011")


def test_every_code_is_tested() -> None:
    # Compile-stage codes have a rendered case here; data-stage and scoring codes may instead be
    # asserted by the tests of the stage that reports them (tests/targets/scoring, tests/checks, …).
    tests_text = "\n".join(
        p.read_text(encoding="utf-8") for p in Path(__file__).parents[1].rglob("test_*.py") if p.name != Path(__file__).name
    )
    missing = [
        c.code for c in all_codes()
        if not (CASES / f"{c.code}.expected").exists() and not re.search(rf"\b{c.code}\b", tests_text)
    ]
    assert not missing, f"codes no test exercises: {missing}"


def test_compile_stage_codes_have_rendered_cases() -> None:
    missing = [c.code for c in all_codes() if c.code[0] in "FPMRV" and not (CASES / f"{c.code}.expected").exists()]
    assert not missing, f"codes without a diagnostic case: {missing}"


def test_codes_are_well_formed_unique_and_documented() -> None:
    codes = all_codes()
    assert len({c.code for c in codes}) == len(codes)
    assert len({c.name for c in codes}) == len(codes), "code names must be unique too"
    for info in codes:
        assert CODE_PATTERN.match(info.code)
        assert info.summary and info.why and info.example and info.fix, info.code
