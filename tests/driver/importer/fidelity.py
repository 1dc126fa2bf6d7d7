"""How close a draft is to a hand-encoded plan: the figures of issue 22.

- sentences: the source's sentences (tests/fidelity.py's split) found verbatim in the draft's text;
- paths: numbered actions of the hand plan found in the draft with the same numbering path and title;
- leads: of those with lead (or 责任) units, the ones whose draft has the same names as written;
- targets: numeric targets (op, value, unit) of the hand plan found in the draft (as a multiset);
- deadlines: hand ones found in the draft (the same dates in the model and written as the hand plan writes
  them, and the draft's title holds the hand's or a run of it);
- cadences: hand ones found in the draft (same frequency, overlapping wording).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

from compiler.model import Deadline, Plan
from compiler.pipeline import compile_file, compile_source
from compiler.text import plain_text
from driver.importer import import_source
from tests.fidelity import body, sentences

ROOT = Path(__file__).resolve().parents[3]
SEEDS = ROOT / "tests" / "corpus" / "seeds"
_SPACE = re.compile(r"\s+")


@dataclass
class Figures:
    plan: str
    sentences: tuple[int, int]
    paths: tuple[int, int]
    leads: tuple[int, int]
    targets: tuple[int, int]
    deadlines: tuple[int, int]
    cadences: tuple[int, int]
    errors: int

    def line(self) -> str:
        def pct(pair: tuple[int, int]) -> str:
            return f"{pair[0]}/{pair[1]} = {pair[0] / pair[1]:.1%}" if pair[1] else "0/0"

        return (f"{self.plan}: sentences {pct(self.sentences)}; paths {pct(self.paths)}; leads {pct(self.leads)}; "
                f"targets {pct(self.targets)}; deadlines {pct(self.deadlines)}; cadences {pct(self.cadences)}; "
                f"errors {self.errors}")


def draft_plan(source: Path, tmp: Path) -> tuple[Plan, int, str]:
    out = tmp / (source.stem + ".plan")
    draft = import_source(source, out=out)
    out.write_text(draft.text, encoding="utf-8")
    compiled = compile_source(out.resolve(), draft.text)
    assert compiled.plan is not None
    return compiled.plan, len(draft.errors), draft.text


def paths(plan: Plan) -> dict[str, tuple[str, str]]:
    """Numbering path (annex, section numbers…, action numbers…) → (action id, title), numbered actions only."""
    sections = {s.id: s for s in plan.sections}
    actions = {a.id: a for a in plan.actions}
    out: dict[str, tuple[str, str]] = {}
    for action in plan.actions:
        if not action.number:
            continue
        parts = [action.number]
        node = action
        while node.parent:
            node = actions[node.parent]
            parts.insert(0, node.number or "")
        section = sections.get(node.section) if node.section else None
        annex = ""
        while section is not None:
            parts.insert(0, section.number or "")
            annex = section.annex or annex
            section = sections.get(section.parent) if section.parent else None
        key = (annex_number(plan, annex), *parts)
        out["/".join(key).replace("（", "(").replace("）", ")")] = (action.id, _SPACE.sub("", action.title or "").rstrip("。"))
    return out


def annex_number(plan: Plan, annex: str | None) -> str:
    if not annex:
        return ""
    return annex.split("-")[0] if annex.startswith("附件") else annex


def leads(plan: Plan, action_id: str) -> set[str]:
    action = next(a for a in plan.actions if a.id == action_id)
    return {_SPACE.sub("", o.as_written) for o in action.owners if o.role in ("lead", "responsible")}


def numeric_targets(plan: Plan) -> Counter[tuple[str, str, str]]:
    out: Counter[tuple[str, str, str]] = Counter()
    for metric in plan.metrics:
        for target in metric.targets:
            if target.value is None:
                continue
            unit = target.unit or metric.unit or ""
            out[(target.op, str(target.value.normalize()) if hasattr(target.value, "normalize") else str(target.value), unit)] += 1
    return out


def due_key(deadline: Deadline) -> tuple[tuple[object, ...], ...]:
    """A deadline's dates as the model has them (kind, date, month, day) and as written (2025年3月底前)."""
    return tuple((d.kind, d.date, d.month, d.day, d.written) for d in deadline.due)


def _overlap(a: str, b: str) -> bool:
    a, b = _SPACE.sub("", a), _SPACE.sub("", b)
    return a in b or b in a


def _shares(hand: str, draft: str, run: int = 6) -> bool:
    """The draft's title holds the hand one, or a run of ``run`` characters of it (hand titles are often
    shortened: 湘潭's “完善考评细则,报领导小组审定后…” for the source's “…报市产业强市…工作领导小组审定后…”)."""
    if _overlap(hand, draft):
        return True
    a, b = _SPACE.sub("", hand), _SPACE.sub("", draft)
    match = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return match.size >= min(run, len(a))


def compare(name: str, hand_path: Path, source: Path, start: str, end: str | None, chrome: tuple[str, ...], tmp: Path) -> Figures:
    hand = compile_file(hand_path).plan
    assert hand is not None
    draft, errors, _ = draft_plan(source, tmp)
    text = source.read_text(encoding="utf-8")
    wanted = sentences(body(text, start, end, chrome))
    corpus = _SPACE.sub("", plain_text(draft))
    found_sentences = sum(1 for s in wanted if s in corpus)
    hand_paths, draft_paths = paths(hand), paths(draft)
    matched = {}
    for key, (hid, title) in hand_paths.items():
        if key in draft_paths:
            did, dtitle = draft_paths[key]
            if dtitle.startswith(title[:8]) or title.startswith(dtitle[:8]):
                matched[hid] = did
    with_leads = [hid for hid in (v[0] for v in hand_paths.values()) if leads(hand, hid)]
    right_leads = sum(1 for hid in with_leads if hid in matched and leads(draft, matched[hid]) == leads(hand, hid))
    hand_targets, draft_targets = numeric_targets(hand), numeric_targets(draft)
    found_targets = sum((hand_targets & draft_targets).values())
    found_deadlines = sum(
        1 for d in hand.deadlines
        if any(due_key(d) == due_key(e) and _shares(d.title, e.title) for e in draft.deadlines)
    )
    found_cadences = sum(
        1 for c in hand.cadences
        if any(c.every == e.every and _overlap(c.title, e.title) for e in draft.cadences)
    )
    return Figures(
        name, (found_sentences, len(wanted)), (len(matched), len(hand_paths)), (right_leads, len(with_leads)),
        (found_targets, sum(hand_targets.values())), (found_deadlines, len(hand.deadlines)),
        (found_cadences, len(hand.cadences)), errors,
    )
