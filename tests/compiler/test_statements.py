"""The statement table is complete: kinds, references, required children and one handler per (context, statement)."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from compiler.arguments import REF
from compiler.build.handlers import HANDLERS
from compiler.pipeline import compile_paths, compile_source
from compiler.statements import SPEC_BY_CONTEXT, SPECS, Spec

ROOT = Path(__file__).resolve().parents[2]


def test_every_statement_in_every_context_has_exactly_one_handler() -> None:
    assert set(HANDLERS) == set(SPEC_BY_CONTEXT), (
        f"no handler: {sorted(set(SPEC_BY_CONTEXT) - set(HANDLERS))}; no statement: {sorted(set(HANDLERS) - set(SPEC_BY_CONTEXT))}"
    )


def test_every_reference_slot_says_what_it_names() -> None:
    for spec in SPECS:
        for slot in spec.slots():
            assert (REF in slot.kinds) == bool(slot.refers), (spec.keyword, slot.name)


def test_a_member_of_a_committee_names_people_and_of_a_group_units() -> None:
    assert SPEC_BY_CONTEXT[("committee", "member")].refers() == ("person",)
    assert SPEC_BY_CONTEXT[("group", "member")].refers() == ("unit",)
    assert SPEC_BY_CONTEXT[("formula", "member")].refers() == ("unit",)
    assert SPEC_BY_CONTEXT[("cadence", "owner")].refers() == ("unit", "person")


# The smallest surroundings in which a statement of each context can be written; `{}` is where it goes.
_PLAN = 'plan p {{\n  title "T"\n  period 2022..2025\n{plan}}}\n'
_AROUND = {
    "file": "{}",
    "plan": "",
    "section": 'section s "S" {{\n{}\n}}',
    "annex": 'annex a "A" {{\n{}\n}}',
    "action": 'section s "S" {{\n  action a "A" {{\n{}\n  }}\n}}',
    "metric": 'metric mm "M" {{\n{}\n}}',
    "unit": 'unit uu "U" {{\n{}\n}}',
    "person": 'person pp "P" {{\n{}\n}}',
    "committee": 'committee cc "C" {{\n{}\n}}',
    "cadence": 'cadence ca "C" {{\n  every month\n{}\n}}',
    "deadline": 'deadline de "D" {{\n  due 2024-03-31\n{}\n}}',
    "scoring": 'scoring sc "S" {{\n{}\n}}',
    "formula": 'scoring sc "S" {{\n  formula fo "F" {{\n{}\n  }}\n}}',
    "group": 'scoring sc "S" {{\n  group gr "G" {{\n{}\n  }}\n}}',
    "grades": 'scoring sc "S" {{\n  grades gt {{\n{}\n  }}\n}}',
    "adjust": 'scoring sc "S" {{\n  fact f1\n  adjust ad when f1 < 90% then -3 {{\n{}\n  }}\n}}',
    "override": 'scoring sc "S" {{\n  fact f1\n  override ov when f1 = 1 then full_marks {{\n{}\n  }}\n}}',
    "flag": 'scoring sc "S" {{\n  flag fl lowest {{\n{}\n  }}\n}}',
    "fact": "",
}


def _cases() -> list[tuple[str, str, Spec]]:
    cases = []
    for (context, keyword), spec in sorted(SPEC_BY_CONTEXT.items()):
        if not spec.example or context not in _AROUND or keyword in ("plan", "include", "ack"):
            continue
        if context in ("plan", "fact") and keyword not in ("title", "period"):
            if context == "fact":
                continue
        cases.append((context, keyword, spec))
    return cases


@pytest.mark.parametrize(("context", "keyword", "spec"), _cases(), ids=[f"{c}.{k}" for c, k, _ in _cases()])
def test_each_statements_documented_example_is_accepted_where_it_belongs(
    tmp_path: Path, context: str, keyword: str, spec: Spec
) -> None:
    """The example in the table (and so in docs/reference.md) parses and matches its statement: no P or M diagnostic.
    Names it mentions may be unknown here (R codes), which is the example's surroundings, not its form."""
    example = spec.example
    if context == "plan":
        text = _PLAN.format(plan="" if keyword in ("title", "period") else example + "\n")
    else:
        around = _AROUND[context]
        if (context, keyword) in (("cadence", "every"), ("deadline", "due")):
            around = around.replace("  every month\n", "").replace("  due 2024-03-31\n", "")
        text = _PLAN.format(plan="") + around.format(example)
    compiled = compile_source(tmp_path / "p.plan", text)
    # M013 (owner_text naming owners the surroundings lack) is about the surroundings, not the example's form
    shape = [d for d in compiled.diagnostics if d.code[0] in "PM" and d.code != "M013"]
    assert not shape, [f"{d.code} {d.message}" for d in shape]


def test_a_build_result_pickles_whole_with_its_symbols_and_resolved_references() -> None:
    result = compile_paths([ROOT / "plans" / "yiyang-2022.plan"])
    compiled = result.plans[0]
    copy = pickle.loads(pickle.dumps(compiled))
    assert copy.plan == compiled.plan
    assert set(copy.defined) == set(compiled.defined) and copy.defined["unit"].keys() == compiled.defined["unit"].keys()
    assert len(copy.refs) == len(compiled.refs) > 20
    assert [ref.resolved for ref in copy.refs] == [ref.resolved for ref in compiled.refs]
    assert all(ref.resolved is not None for ref in copy.refs)
    # each reference's holder in the copy is the copied plan's own object: the id it received is there
    assert copy.plan is not None
    owners = [o for a in copy.plan.actions for o in a.owners]
    holders = [ref.holder for ref in copy.refs if ref.kind_key == "kind"]
    assert holders and all(any(h is o for o in owners) for h in holders)


def test_parallel_workers_return_the_symbols_when_asked() -> None:
    from compiler.pipeline import CompileOptions

    result = compile_paths([ROOT / "plans"], jobs=2, options=CompileOptions(symbols=True))
    assert all(c.defined and c.refs for c in result.plans)
    lean = compile_paths([ROOT / "plans"], jobs=2)  # the command line's: plans and diagnostics, no symbols
    assert all(not c.defined and not c.refs for c in lean.plans)
    assert [c.diagnostics for c in lean.plans] == [c.diagnostics for c in result.plans]
    assert [c.plan for c in lean.plans] == [c.plan for c in result.plans]
