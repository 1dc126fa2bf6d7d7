"""The code catalogue: codes are unique, well-formed and documented, and feed explain and the docs."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from click.testing import CliRunner

from diagnostics.codes import CODE_PATTERN, all_codes
from diagnostics.explain import explain_text
from driver.cli import main

ROOT = Path(__file__).resolve().parents[2]
VALIDATION_MINIMUM = 35


def _declared_codes() -> list[str]:
    """Every code literal passed to ``code(...)`` in diagnostics/codes/, duplicates included."""
    found: list[str] = []
    for path in sorted((ROOT / "diagnostics" / "codes").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "code" and node.args:
                first = node.args[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    found.append(first.value)
    return found


def test_codes_are_unique_and_well_formed() -> None:
    declared = _declared_codes()
    assert len(declared) == len(set(declared)), sorted({c for c in declared if declared.count(c) > 1})
    assert all(CODE_PATTERN.match(c) for c in declared)
    assert sorted(declared) == [info.code for info in all_codes()]


def test_codes_are_documented() -> None:
    names = [info.name for info in all_codes()]
    assert len(names) == len(set(names)), "two codes share a name"
    for info in all_codes():
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", info.name), info.code
        for field in (info.summary, info.why, info.example, info.fix):
            assert field.strip(), f"{info.code} lacks documentation"
        assert info.summary.rstrip().endswith((".", ")", "”")), f"{info.code}: the summary is a sentence"


def test_validation_catalogue_size() -> None:
    assert sum(1 for info in all_codes() if info.code.startswith("V")) >= VALIDATION_MINIMUM


def test_my_ranges() -> None:
    """The checks branch owns V050–V099 (diagnostics/codes/v_checks.py) and D001–D049 (d_progress.py)."""
    for info in all_codes():
        number = int(info.code[1:])
        if info.code[0] == "D" and number < 50:
            assert info.code in _codes_in("d_progress.py")
        if info.code[0] == "V" and 50 <= number < 100:
            assert info.code in _codes_in("v_checks.py")


def _codes_in(module: str) -> set[str]:
    return set(re.findall(r'code\("([A-Z]\d{3})"', (ROOT / "diagnostics" / "codes" / module).read_text(encoding="utf-8")))


def test_explain_prints_every_code() -> None:
    runner = CliRunner()
    for info in all_codes():
        result = runner.invoke(main, ["explain", info.code.lower()])
        assert result.exit_code == 0
        assert result.output.startswith(f"{info.code} ({info.severity.value}): {info.name}")
        assert info.why in result.output
        assert explain_text(info.code) is not None


def test_explain_unknown_code() -> None:
    result = CliRunner().invoke(main, ["explain", "V999"])
    assert result.exit_code == 2
    assert "unknown diagnostic code" in result.stderr


def test_no_orphan_cases() -> None:
    """Every diagnostic case is named after a code that exists (a renamed code leaves no stale case)."""
    codes = {info.code for info in all_codes()}
    cases = ROOT / "tests" / "diagnostics"
    names = {p.name.split(".")[0] for p in cases.iterdir() if p.is_file()}
    stray = sorted(n for n in names if re.fullmatch(r"[A-Z]\d{3}", n) and n not in codes)
    assert not stray
