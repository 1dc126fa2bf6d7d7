"""Lookups over a resolved plan by id, built once per plan by the consumers that need them."""

from __future__ import annotations

from compiler import model as m


class PlanIndex:
    """The plan's units, people, sections, actions, metrics, cadences and deadlines, by id."""

    def __init__(self, plan: m.Plan) -> None:
        self.plan = plan
        self.units = {u.id: u for u in plan.units}
        self.people = {p.id: p for p in plan.people}
        self.sections = {s.id: s for s in plan.sections}
        self.actions = {a.id: a for a in plan.actions}
        self.metrics = {x.id: x for x in plan.metrics}
        self.cadences = {c.id: c for c in plan.cadences}
        self.deadlines = {d.id: d for d in plan.deadlines}
