"""From the resolved plan to its runtime checks: one check per target."""

from __future__ import annotations

from compiler import model as m
from targets.checks.schema import Check, ChecksDocument, ChecksPeriod


def _action_owners(by_id: dict[str, m.Action], action_id: str | None) -> tuple[list[str], list[str]]:
    """Lead and responsible units, and lead leaders, of the action or its nearest owned ancestor."""
    action = by_id.get(action_id) if action_id else None
    while action is not None:
        units = list(dict.fromkeys(action.lead_units + action.responsible_units))
        if units or action.lead_leaders:
            return units, list(action.lead_leaders)
        action = by_id.get(action.parent) if action.parent else None
    return [], []


def check_id(metric: m.Metric, index: int) -> str:
    return metric.id if len(metric.targets) == 1 else f"{metric.id}#{index + 1}"


def build_checks(plan: m.Plan) -> ChecksDocument:
    checks: list[Check] = []
    units = {u.id for u in plan.units}
    actions_by_id = {a.id: a for a in plan.actions}  # once: per metric, it made the target quadratic
    for metric in plan.metrics:
        action_units, leaders = _action_owners(actions_by_id, metric.action)
        own_units = [o for o in metric.owners if o in units]
        owners = list(dict.fromkeys(own_units + action_units))
        for index, target in enumerate(metric.targets):
            from_year = target.from_year or plan.period.start.year
            if target.by is not None:
                due = target.by
                until_year = target.until_year or target.by.year
            else:
                until_year = target.until_year or plan.period.end.year
                due = plan.period.end.replace(year=until_year)
            checks.append(
                Check(
                    id=check_id(metric, index),
                    metric=metric.id,
                    metric_name=metric.name,
                    kind=metric.kind,
                    op=target.op,
                    value=target.value,
                    value_max=target.value_max,
                    unit=target.unit or metric.unit,
                    due=due,
                    each_year=target.each_year,
                    from_year=from_year,
                    until_year=until_year,
                    base_year=target.base_year or metric.base_year,
                    base_value=metric.base_value,
                    firmness=target.firmness,
                    condition=target.condition,
                    owners=owners,
                    follow_up=[u for u in metric.follow_up if u in units],
                    leaders=leaders,
                    action=metric.action,
                    source=target.source,
                )
            )
    return ChecksDocument(
        plan=plan.id,
        title=plan.title,
        period=ChecksPeriod(start=plan.period.start, end=plan.period.end),
        checks=checks,
    )
