"""Rules about owners: every action owned, co-units with a lead, owner wording, and the unit registry's spellings."""

from __future__ import annotations

import re
from collections.abc import Iterator

from compiler import model as m
from compiler.owners import WORDING_ROLES, wording_placeholders
from compiler.rules import RuleContext, rule
from diagnostics import Diagnostic


@rule("V004", "V005")
def action_owners(ctx: RuleContext) -> Iterator[Diagnostic]:
    plan = ctx.plan
    by_parent: dict[tuple[str | None, str | None], list[m.Action]] = {}
    for action in plan.actions:
        roles: set[str] = {o.role for o in action.owners}
        if "co" in roles and not roles & {"lead", "lead_leader", "responsible"}:
            yield ctx.diag("V004", f"action `{action.id}` has co-operating units but no lead", action.source)
        if action.form in ("inline", "label"):
            continue
        by_parent.setdefault((action.section, action.parent), []).append(action)

    children: dict[str, list[m.Action]] = {}
    for action in plan.actions:
        if action.parent:
            children.setdefault(action.parent, []).append(action)
    owned_memo: dict[str, bool] = {}

    def owned(action: m.Action) -> bool:
        # children indexed and answers remembered once: scanning every action per call made this rule quadratic
        if action.id not in owned_memo:
            kids = children.get(action.id, [])
            owned_memo[action.id] = bool(action.owners) or (bool(kids) and all(owned(c) for c in kids))
        return owned_memo[action.id]

    flagged: set[str] = set()
    for siblings in by_parent.values():
        with_owner = [a for a in siblings if owned(a)]
        if len(with_owner) >= 2 and len(with_owner) < len(siblings):
            for action in siblings:
                if not owned(action):
                    flagged.add(action.id)
                    yield ctx.diag(
                        "V005",
                        f"action `{action.id}` has no owner, while {len(with_owner)} of its "
                        f"{len(siblings)} sibling actions do",
                        action.source,
                        hint="add `lead`, `responsible` or `lead_leader`",
                    )
    # Plan-wide: the one action left without an owner (itself or through an ancestor) in a plan
    # whose other actions all have one, even when it has no owned siblings to compare with.
    by_id = {a.id: a for a in plan.actions}

    def covered(action: m.Action) -> bool:
        current: m.Action | None = action
        while current is not None:
            if owned(current):
                return True
            current = by_id.get(current.parent) if current.parent else None
        return False

    candidates = [a for siblings in by_parent.values() for a in siblings]
    uncovered = [a for a in candidates if not covered(a)]
    if len(uncovered) == 1 and len(candidates) >= 3 and uncovered[0].id not in flagged:
        yield ctx.diag(
            "V005",
            f"action `{uncovered[0].id}` is the only one of the plan's {len(candidates)} actions without an owner",
            uncovered[0].source,
            hint="add `lead`, `responsible` or `lead_leader`",
        )


@rule("V030")
def owner_wording_matches(ctx: RuleContext) -> Iterator[Diagnostic]:
    for action in ctx.plan.actions:
        if action.owner_wording is None:
            continue
        used: set[str] = set()
        for name, _join in wording_placeholders(action.owner_wording.template):
            if name not in WORDING_ROLES:
                known = ", ".join("{" + k + "}" for k in WORDING_ROLES)
                yield ctx.diag("V030", f"unknown placeholder {{{name}}} in the owner wording of `{action.id}`",
                               action.source, hint=f"use {known}")
                continue
            used.add(WORDING_ROLES[name])
        roles: set[str] = {o.role for o in action.owners}
        placeholder = {role: name for name, role in WORDING_ROLES.items()}
        for role in sorted(roles - used):
            yield ctx.diag("V030", f"the owner wording of `{action.id}` leaves out its {role} units",
                           action.source, hint=f"add {{{placeholder[role]}}} to the wording")
        for role in sorted(used - roles):
            yield ctx.diag("V030", f"the owner wording of `{action.id}` names {{{placeholder[role]}}} but the action has none",
                           action.source)


_NUMBER = re.compile(r"\d+")


def _abbreviates(short: str, long: str) -> bool:
    """``short`` keeps the first and last character of ``long``, a subsequence of the rest, and the same numbers.

    Numbers are part of a unit's identity, never abbreviated: 单位20 is not 单位1200.
    """
    if len(short) < 3 or len(short) >= len(long) or short[0] != long[0] or short[-1] != long[-1]:
        return False
    if _NUMBER.findall(short) != _NUMBER.findall(long):
        return False
    position = 0
    for ch in short:
        position = long.find(ch, position)
        if position < 0:
            return False
        position += 1
    # One inserted block makes a more specific unit, not an abbreviation:
    # 市人民政府办公室 / 市人民政府金融工作办公室, 市公安局 / 市公安局交警支队.
    return not any(long.startswith(short[:k]) and long.endswith(short[k:]) for k in range(1, len(short)))


def spelling_pairs(units: list[m.Unit]) -> tuple[dict[tuple[int, int], tuple[str, str]], int]:
    """Pairs of units (by index, first < second) one of whose names abbreviates the other's, and the comparisons made.

    Comparing every pair of names is quadratic (16,000 units took 97 s). Only names that
    can collide are compared: an abbreviation keeps the first and the last character and
    every number, so names are grouped by (first, last, numbers); within a group a short
    name is compared only with the longer names holding every one of its middle characters
    (an intersection of hash sets, smallest first).
    The names of a pair are the first in declaration order (name before aliases), as a
    comparison of every pair would find. The count lets a test hold the rule near-linear.
    """
    groups: dict[tuple[str, str, tuple[str, ...]], list[tuple[int, int, str]]] = {}
    for u, unit in enumerate(units):
        for p, name in enumerate([unit.name, *unit.aliases]):
            if name:
                groups.setdefault((name[0], name[-1], tuple(_NUMBER.findall(name))), []).append((u, p, name))
    found: dict[tuple[int, int], tuple[tuple[int, int], tuple[str, str]]] = {}
    comparisons = 0
    for entries in groups.values():
        if len(entries) < 2:
            continue
        holding: dict[str, set[int]] = {}
        for index, (_, _, name) in enumerate(entries):
            for ch in set(name[1:-1]):
                holding.setdefault(ch, set()).add(index)
        for su, sp, short in entries:
            if len(short) < 3:
                continue
            # a longer name holding every middle character of `short`, rarest first
            postings = sorted((holding[ch] for ch in set(short[1:-1])), key=len)
            candidates = postings[0].intersection(*postings[1:])
            for index in sorted(candidates):
                lu, lp, long = entries[index]
                if lu == su or len(long) <= len(short):
                    continue
                comparisons += 1
                if not _abbreviates(short, long):
                    continue
                first, second = sorted(((su, sp, short), (lu, lp, long)))
                if units[second[0]].parent == units[first[0]].id or units[first[0]].parent == units[second[0]].id:
                    continue
                key, rank = (first[0], second[0]), (first[1], second[1])
                if key not in found or rank < found[key][0]:
                    found[key] = (rank, (first[2], second[2]))
    return {key: names for key, (_, names) in sorted(found.items())}, comparisons


@rule("V055")
def unit_spelled_twice(ctx: RuleContext) -> Iterator[Diagnostic]:
    units = ctx.plan.units
    pairs, _ = spelling_pairs(units)
    for (i, j), (a, b) in pairs.items():
        first, second = units[i], units[j]
        yield ctx.diag(
            "V055",
            f"units `{first.id}` (“{a}”) and `{second.id}` (“{b}”) look like two spellings of one unit",
            second.source,
            labels=((first.source, f"`{first.id}` is declared here"),),
        )
