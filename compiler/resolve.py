"""Name resolution: every reference written in the source becomes an id, or a diagnostic with a suggestion."""

from __future__ import annotations

from compiler import model as m
from compiler.build import Builder
from diagnostics import Diagnostic, Label, make

_KIND_WORDS = {
    "unit": "unit",
    "person": "person",
    "metric": "metric",
    "group": "group",
    "fact": "fact",
    "rank_table": "rank table",
    "grade_table": "grade table",
    "itemset": "item set",
}
_CODES = {
    "unit": "R002",
    "person": "R003",
    "metric": "R004",
    "group": "R005",
    "fact": "R006",
    "rank_table": "R007",
    "grade_table": "R007",
    "itemset": "R007",
}


def resolve(builder: Builder) -> list[Diagnostic]:
    """Assign ids to every pending reference; return the diagnostics for those that do not resolve."""
    diagnostics: list[Diagnostic] = []
    # name -> list of (kind, id); a name may be ambiguous
    index: dict[str, dict[str, list[str]]] = {}
    for kind, table in builder.defined.items():
        spellings = index.setdefault(kind, {})
        for defined in table.values():
            for name in defined.names:
                ids = spellings.setdefault(name, [])
                if defined.id not in ids:
                    ids.append(defined.id)
    for kind, spellings in index.items():
        for name, ids in spellings.items():
            # the unit registry must be unambiguous everywhere; metrics and people may share
            # a name (an annex restates a body target) until a reference needs to tell them apart
            if len(ids) > 1 and kind == "unit":
                table = builder.defined[kind]
                first, second = table[ids[0]], table[ids[1]]
                diagnostics.append(
                    make(
                        "R008",
                        f"the name `{name}` is used by two {_KIND_WORDS[kind]}s: `{ids[0]}` and `{ids[1]}`",
                        second.span,
                        labels=(Label(first.span, f"`{ids[0]}` is also called `{name}`"),),
                        hint="a name or alias must point to one thing; remove the alias from one of them",
                    )
                )
    for ref in builder.refs:
        found: list[tuple[str, str]] = []
        for kind in ref.expect:
            for id_ in index.get(kind, {}).get(ref.name, []):
                found.append((kind, id_))
        if len(found) > 1 and len({k for k, _ in found}) == 1:
            choices = ", ".join(f"`{i}`" for _, i in found)
            diagnostics.append(
                make("R008", f"`{ref.name}` could mean any of {choices}", ref.span,
                     hint="refer to it by its id")
            )
            continue
        if found:
            kind, id_ = found[0]
            ref.assign(kind, id_)
            continue
        candidates = [n for kind in ref.expect for n in index.get(kind, {})]
        import difflib  # only a misspelling needs it

        close = difflib.get_close_matches(ref.name, candidates, n=1, cutoff=0.5)
        what = " or ".join(_KIND_WORDS[k] for k in ref.expect)
        if close:
            owners = sorted({f"{k} `{i}`" for k in ref.expect for i in index.get(k, {}).get(close[0], []) if i != close[0]})
            hint = f"did you mean `{close[0]}`" + (f" ({', '.join(owners)})" if owners else "") + "?"
        elif not candidates:
            hint = f"no {what} is declared; declare it or include the registry that does"
        else:
            hint = f"declare it, or add `{ref.name}` as an alias of the {what} it means"
        diagnostics.append(make(_CODES[ref.expect[0]], f"unknown {what} `{ref.name}`", ref.span, hint=hint))
    return diagnostics


def finalize_owners(plan: m.Plan) -> None:
    """Derive the contract's id lists from the resolved owner references."""
    for action in plan.actions:
        action.lead_leaders = [o.id for o in action.owners if o.role == "lead_leader"]
        action.lead_units = [o.id for o in action.owners if o.role == "lead"]
        action.co_units = [o.id for o in action.owners if o.role == "co"]
        action.responsible_units = [o.id for o in action.owners if o.role == "responsible"]
