"""The schedule diagnostics, one test per code (S001 is exercised through `planc schedule` in test_schedule_cli)."""

from __future__ import annotations

from diagnostics import Severity
from diagnostics.codes import all_codes, lookup

HEADER = 'plan p {\n  title "T"\n  issued 2024-03-20\n  period 2024\n}\n'


def codes(compiled) -> list[str]:
    return [d.code for d in compiled.diagnostics]


def test_s_codes_are_declared_in_range() -> None:
    s_codes = [c for c in all_codes() if c.code.startswith("S")]
    assert [c.code for c in s_codes] == ["S001", "S002", "S003", "S004"]
    assert all(1 <= int(c.code[1:]) <= 49 for c in s_codes)
    assert lookup("S001").severity is Severity.WARNING and lookup("S004").severity is Severity.ERROR


def test_s002_one_off_deadline_before_the_issue_date(compile_text) -> None:
    # in the period (2024) but before the plan was issued (2024-03-20)
    compiled = compile_text(HEADER + 'deadline d "归集" {\n  due 2024-01-31\n}\n')
    [diagnostic] = [d for d in compiled.diagnostics if d.code == "S002"]
    assert diagnostic.severity is Severity.WARNING and diagnostic.span is not None and diagnostic.span.line == 6
    assert "2024-01-31" in diagnostic.message and diagnostic.hint
    inside = compile_text(HEADER + 'deadline d "归集" {\n  due 2024-03-31\n}\n')
    assert "S002" not in codes(inside)
    # outside the period altogether is V056's to report, not S002's as well
    before = compile_text(HEADER + 'deadline d "归集" {\n  due 2023-03-31\n}\n')
    assert "S002" not in codes(before) and "V056" in codes(before)


def test_s003_yearly_deadline_with_no_date_in_the_window(compile_text) -> None:
    june = HEADER.replace("2024-03-20", "2024-06-01")
    compiled = compile_text(june + 'deadline d "完善考评细则" {\n  due each_year 3月底\n}\n')
    assert "S003" in codes(compiled)
    later = compile_text(june + 'deadline d "完善考评细则" {\n  due each_year 12月底\n}\n')
    assert "S003" not in codes(later)
    # a second year of the period still has its 3月底
    two_years = compile_text(june.replace("period 2024", "period 2024..2025")
                             + 'deadline d "完善考评细则" {\n  due each_year 3月底\n}\n')
    assert "S003" not in codes(two_years)


def test_s004_interval_must_be_a_positive_whole_number(compile_text) -> None:
    for bad in ("0", "-1", "1.5"):
        compiled = compile_text(HEADER + f'cadence c "调度" {{\n  every {bad} week\n}}\n')
        [diagnostic] = [d for d in compiled.diagnostics if d.code == "S004"]
        assert diagnostic.severity is Severity.ERROR and not compiled.ok
        assert diagnostic.span is not None and (diagnostic.span.line, diagnostic.span.column) == (7, 9)
    good = compile_text(HEADER + 'cadence c "调度" {\n  every 2 week\n}\n')
    assert good.ok and good.plan is not None and good.plan.cadences[0].interval == 2
