"""The owners of an action printed in the convention its source uses.

Styles (chosen with ``owner_style`` on the plan, an annex, a section or an action):

* ``leader_unit``       （牵头领导：贺辉；牵头单位：市发展改革委）
* ``lead_units``        （牵头单位：市工信局、市发改委）
* ``lead_by_function``  （市人社局牵头，市发改委、市商务局等按职能分工负责）
* ``responsible_units`` （责任单位：市发改委、市住建局）
* ``led_with``          （由市委组织部牵头，市人社局参加）
* ``by_duty``           （市发改委、市住建局按职责分工负责）

Two plan-wide settings (on the plan, an annex or a section) shape every generated text
below them: ``owner_separator`` the mark between the parts (（牵头单位：X，配合单位：Y） where
the default is ；), and ``owner_group`` the units printed as a group after the other names of
their role, set apart with a comma (市人社局、市工商联，各区、县级市).

An action's ``owner_wording`` replaces the style's wording with the source's own
(``{lead}分别牵头,{co}按职能分工负责``): the template gives the words between the
names; the names and the brackets are still generated.

Names are printed as the source wrote them (``as_written``), so an action that
says 市发改委 keeps saying 市发改委 even though the registry's name is longer.
"""

from __future__ import annotations

import re

from compiler import model as m


def _marks(punctuation: str, nested: bool) -> tuple[str, str, str, str, str]:
    if punctuation == "halfwidth":
        left, right = ("[", "]") if nested else ("(", ")")
        return left, right, ":", ";", ","
    left, right = ("［", "］") if nested else ("（", "）")
    return left, right, "：", "；", "，"


# placeholder in an owner_wording template -> owner role
WORDING_ROLES = {"lead": "lead", "co": "co", "responsible": "responsible", "leader": "lead_leader"}
_PLACEHOLDER = re.compile(r"\{(\w+)(?::([^{}]*))?\}")


def wording_placeholders(template: str) -> list[tuple[str, str | None]]:
    """The placeholders of an owner_wording template: (name, joining word before the last name)."""
    return [(match.group(1), match.group(2)) for match in _PLACEHOLDER.finditer(template)]


def _worded(template: str, names: dict[str, list[str]]) -> str:
    def fill(match: re.Match[str]) -> str:
        listed = names.get(WORDING_ROLES.get(match.group(1), ""), [])
        last_join = match.group(2)
        if last_join and len(listed) > 1:
            return "、".join(listed[:-1]) + last_join + listed[-1]
        return "、".join(listed)

    return _PLACEHOLDER.sub(fill, template)


def owners_text(action: m.Action, style: str, punctuation: str, separator: str | None = None,
                groups: frozenset[str] = frozenset()) -> str | None:
    def names(role: str) -> list[str]:
        return [o.as_written for o in action.owners if o.role == role]

    grouped = {o.as_written for o in action.owners if o.id in groups}

    if action.owner_wording is not None and action.owners:
        wording = action.owner_wording
        nested = not wording.keep_brackets and any("(" in o.as_written or "（" in o.as_written for o in action.owners)
        left, right = _marks(punctuation, nested)[:2]
        by_role = {role: names(role) for role in WORDING_ROLES.values()}
        return left + _worded(wording.template, by_role) + right

    leaders, leads, co, responsible = names("lead_leader"), names("lead"), names("co"), names("responsible")
    if not (leaders or leads or co or responsible):
        return None
    every = leaders + leads + co + responsible
    nested = any("(" in n or "（" in n for n in every)
    left, right, colon, semi, comma = _marks(punctuation, nested)
    if separator is not None:
        semi = separator

    def join(listed: list[str]) -> str:
        """市人社局、市工商联，各区、县级市: a group comes last, set apart with a comma."""
        text = "、".join(n for n in listed if n not in grouped)
        for name in (n for n in listed if n in grouped):
            text += (comma if text else "") + name
        return text

    parts: list[str] = []
    if style == "led_with" and leads:
        body = "由" + join(leads) + "牵头" + (comma + join(co) + "参加" if co else "")
        return left + semi.join([body] + ([f"责任单位{colon}{join(responsible)}"] if responsible else [])) + right
    if style == "by_duty" and (responsible or leads):
        body = join(responsible or leads) + "按职责分工负责"
        extra = [f"配合单位{colon}{join(co)}"] if co else []
        return left + semi.join([body] + extra) + right
    if style == "lead_by_function" and leads:
        body = join(leads) + "牵头"
        if co:
            body += comma + join(co) + "等按职能分工负责"
        else:
            body += "负责"
        parts.append(body)
        if responsible:
            parts.append(f"责任单位{colon}{join(responsible)}")
        return left + semi.join(parts) + right
    if leaders:
        parts.append(f"牵头领导{colon}{join(leaders)}")
    if leads:
        parts.append(f"牵头单位{colon}{join(leads)}")
    if co:
        parts.append(f"配合单位{colon}{join(co)}")
    if responsible:
        parts.append(f"责任单位{colon}{join(responsible)}")
    return left + semi.join(parts) + right


def assign_owner_texts(plan: m.Plan) -> None:
    sections = {s.id: s for s in plan.sections}
    actions = {a.id: a for a in plan.actions}

    def enclosing(action: m.Action) -> list[m.Section]:
        found: list[m.Section] = []
        section = sections.get(action.section) if action.section else None
        while section is not None and section not in found:
            found.append(section)
            section = sections.get(section.parent) if section.parent else (
                sections.get(section.annex) if section.annex and section.annex != section.id else None
            )
        return found

    def separator_for(action: m.Action) -> str | None:
        return next((s.owner_separator for s in enclosing(action) if s.owner_separator is not None),
                    plan.owner_separator)

    def groups_for(action: m.Action) -> frozenset[str]:
        return frozenset(plan.owner_groups).union(*(s.owner_groups for s in enclosing(action)))

    def style_for(action: m.Action) -> str:
        current: m.Action | None = action
        while current is not None:
            if current.owner_style:
                return current.owner_style
            current = actions.get(current.parent) if current.parent else None
        section = sections.get(action.section) if action.section else None
        while section is not None:
            if section.owner_style:
                return section.owner_style
            section = sections.get(section.parent) if section.parent else (
                sections.get(section.annex) if section.annex and section.annex != section.id else None
            )
        return plan.owner_style

    for action in plan.actions:
        if action.owners_verbatim is not None:  # the source's own wording, checked when built
            action.owners_text = action.owners_verbatim
            continue
        action.owners_text = owners_text(action, style_for(action), plan.punctuation, separator_for(action),
                                         groups_for(action))
