"""`planc import`: a draft .plan from an existing plan document (.txt, .docx).

The stages are visible: :mod:`read` (bytes → lines), :mod:`extract` (lines → the
document's parts, structure, owners, targets, deadlines, cadences, by the tables of
:mod:`rules`), :mod:`units` (the registry), :mod:`write` (the draft, one function per
statement). The draft is then compiled with :mod:`compiler.pipeline`: owner wordings the
generated text does not reproduce are kept as printed (``owner_text``), and the draft's
diagnostics are part of the result.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from compiler.pipeline import compile_source
from diagnostics import Diagnostic, Severity
from driver.importer.extract import Document, Owners, Problem, merge_groups, parse, split_owners
from driver.importer.read import NotAPlan, read_lines
from driver.importer.units import build, walk
from driver.importer.write import Writer, wording

__all__ = ["Draft", "NotAPlan", "import_source"]


@dataclass
class Draft:
    text: str
    document: Document
    counts: dict[str, int]
    checks: list[tuple[int, str]]
    problems: list[Problem]
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == Severity.ERROR]


def plan_id(path: Path) -> str:
    stem = re.sub(r"[^A-Za-z0-9_\-\u4e00-\u9fff]", "-", path.stem).strip("-")
    return stem if stem and re.match(r"[A-Za-z_\u4e00-\u9fff]", stem) else f"plan-{stem or 'draft'}"


def import_source(source: Path, units: Path | None = None, out: Path | None = None) -> Draft:
    """Read ``source`` and write nothing: the draft's text, what was recognised, and its diagnostics."""
    lines = read_lines(source)
    if not lines:
        raise NotAPlan(f"{source} 是空文件 (the file is empty)")
    document = parse(lines)
    groups: list[Owners] = []
    for part in [document.body, *document.annexes]:
        for node in walk(part.children):
            for text in node.texts:
                groups.extend(o for _, o in split_owners(text) if o is not None)
    # a group set apart after a comma somewhere (…，各区、县级市) is one name wherever it is listed
    known = {n for g in groups for n in g.groups}
    for owners in groups:
        merge_groups(owners, known)
    registry = build(document, groups, units)
    target = (out or source.with_suffix(".plan")).resolve()
    # an owner bracket the generated text does not reproduce is written, in turn, with its
    # owner_style, with an owner_wording template, and as printed (owner_text)
    worded: set[str] = set()
    verbatim: set[str] = set()
    for _attempt in range(3):
        writer = Writer(document, registry, plan_id(out or source), worded_owners=set(worded),
                        verbatim_owners=set(verbatim), owner_groups=known)
        text = writer.plan()
        compiled = compile_source(target, text)
        by_line = {a.source.line: a for a in compiled.plan.actions} if compiled.plan else {}
        for line, owners in writer.owner_lines.items():
            action = by_line.get(line)
            if action is None or action.owners_text is None or not owners.closed:
                continue
            bracket = owners.text
            if re.sub(r"\s+", "", action.owners_text[1:-1]) == re.sub(r"\s+", "", bracket):
                continue
            if bracket not in worded and wording(owners) is not None:
                worded.add(bracket)
            else:
                verbatim.add(bracket)
        if worded == writer.worded_owners and verbatim == writer.verbatim_owners:
            break
    counts = dict(writer.counts)
    counts["units"] = len(registry.units)
    return Draft(text, document, counts, writer.checks, document.problems, list(compiled.diagnostics))
