"""The draft writer: one small function per statement it emits, from the extracted model.

Every guess the rules are not sure of is written with a ``note`` where the language allows
one and a ``# import: check …`` comment above it, so a reviewer can grep for them.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from compiler.forms import FormError, read_measure
from compiler.numbering import DEPTH_STYLES
from driver.importer.extract import Cadence, Deadline, Document, Node, Owners, Part, Target
from driver.importer.rules import CIRCLED, CN_DIGITS
from driver.importer.units import Registry

CHECK = "# import: check "


def q(text: str) -> str:
    """A planc string literal."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


@dataclass
class Writer:
    doc: Document
    registry: Registry
    plan_id: str
    worded_owners: set[str] = field(default_factory=set)  # owner brackets written with an owner_wording
    verbatim_owners: set[str] = field(default_factory=set)  # owner brackets kept as printed (not generable)
    owner_lines: dict[int, Owners] = field(default_factory=dict)  # draft line of an action -> its owners
    action_lines: list[int] = field(default_factory=list)
    out: list[str] = field(default_factory=list)
    checks: list[tuple[int, str]] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    counts: dict[str, int] = field(default_factory=dict)
    done: set[int] = field(default_factory=set)
    owned: set[int] = field(default_factory=set)
    node_owners: dict[int, Owners] = field(default_factory=dict)
    through: set[str] = field(default_factory=set)
    owner_groups: set[str] = field(default_factory=set)  # names set apart after a comma (各区、县级市): owner_group  # styles numbered with one count through the part being written

    def emit(self, depth: int, line: str) -> None:
        self.out.append("  " * depth + line)

    def check(self, depth: int, line: int, message: str) -> None:
        self.emit(depth, f"{CHECK}{message} (source line {line})")
        self.checks.append((line, message))

    def count(self, what: str) -> None:
        self.counts[what] = self.counts.get(what, 0) + 1

    def new_id(self, base: str) -> str:
        candidate, n = base, 1
        while candidate in self.ids:
            n += 1
            candidate = f"{base}-{n}"
        self.ids.add(candidate)
        return candidate

    # --- the plan block ---------------------------------------------------------------------

    def plan(self) -> str:
        doc = self.doc
        self.out.append(f"# Draft imported by `planc import`: review every `{CHECK.strip()}` line, then delete it.")
        self.emit(0, f"plan {self.plan_id} {{")
        if doc.notice_title:
            self.emit(1, f"notice_title {q(doc.notice_title)}")
        if doc.doc_no:
            self.emit(1, f"doc_no {q(doc.doc_no)}")
        self.emit(1, f"title {q(doc.body.title or '(无标题)')}")
        if doc.issuers:
            self.emit(1, "issuer " + " ".join(q(i) for i in doc.issuers))
        if doc.issued:
            y, m, d = doc.issued
            self.emit(1, f"issued {y:04d}-{m:02d}-{d:02d}")
        self.period()
        if doc.recipients:
            self.emit(1, "recipients " + " ".join(q(r) for r in doc.recipients))
        for text in doc.notice:
            self.emit(1, f"notice {q(text)}")
        if doc.signature:
            self.emit(1, "signature " + " ".join(q(s) for s in doc.signature))
        for text in doc.body.preamble:
            self.emit(1, f"preamble {q(text)}")
        for text in doc.body.closing:
            self.emit(1, f"closing {q(text)}")
        style = self.registry.main_style
        if style:
            self.emit(1, f"owner_style {style}")
        separator = self.owner_separator()
        if separator:
            self.emit(1, f"owner_separator {q(separator)}")
        if self.owner_groups:
            self.emit(1, "owner_group " + " ".join(q(g) for g in sorted(self.owner_groups)))
        if self.halfwidth():
            self.emit(1, "punctuation halfwidth")
        body_through = through_styles(doc.body.children)
        if body_through:
            self.emit(1, "numbering through " + " ".join(body_through))
        if doc.annex_list and doc.annexes:
            self.emit(1, "annex_list")
        if doc.copy_to:
            self.emit(1, "copy_to " + " ".join(q(c) for c in doc.copy_to))
        if doc.printed:
            issuer, (y, m, d) = doc.printed
            self.emit(1, f"printed {q(issuer)} {y:04d}-{m:02d}-{d:02d}")
        if doc.annex_list and not doc.annexes:
            self.check(1, 0, "附件说明 without the annexes in the source: kept as a note")
            self.emit(1, f"note {q(''.join(doc.annex_list))}")
        self.emit(0, "}")
        self.out.append("")
        self.out.extend(self.registry.statements())
        self.out.append("")
        self.through = set(body_through)
        self.part(doc.body, 0)
        for annex in doc.annexes:
            self.annex(annex)
        return "\n".join(self.out) + "\n"

    def period(self) -> None:
        import re

        found = re.findall(r"(\d{4})\s*[—\-－~至]+\s*(\d{4})年", self.doc.body.title)
        if found:
            self.emit(1, f"period {found[0][0]}..{found[0][1]}")
        elif self.doc.year:
            years = [t.year for part in [self.doc.body, *self.doc.annexes] for n in _walk(part.children)
                     for t in n.targets if t.year and t.year >= self.doc.year]
            last = max(years, default=self.doc.year)
            self.check(1, 0, "实施期限 taken from the year of issue to the last target year")
            self.emit(1, f"period {self.doc.year}" + (f"..{last}" if last > self.doc.year else ""))

    def owner_separator(self) -> str:
        """The mark most brackets print between their parts when it is a comma (（牵头单位：X，配合单位：Y）)."""
        from driver.importer.extract import split_owners

        marks = Counter(o.separator for part in [self.doc.body, *self.doc.annexes] for n in _walk(part.children)
                        for text in n.texts for _, o in split_owners(text) if o is not None and o.separator)
        if not marks:
            return ""
        mark = marks.most_common(1)[0][0]
        return "，" if mark in ",，" and not self.halfwidth() else ("," if mark in ",，" else "")

    def halfwidth(self) -> bool:
        text = "".join(self.doc.body.preamble + [t for n in self.doc.body.children for t in n.texts])
        return text.count(",") + text.count("(") > text.count("，") + text.count("（")

    # --- structure ----------------------------------------------------------------------------

    def annex(self, part: Part) -> None:
        self.emit(0, f"annex {self.new_id(f'附件{part.number}')} {q(part.title)} {{")
        for text in part.preamble:
            self.emit(1, f"preamble {q(text)}")
        self.part(part, 1)
        for text in part.closing:
            self.emit(1, f"closing {q(text)}")
        self.emit(0, "}")

    def part(self, part: Part, depth: int) -> None:
        if part.lead_texts and part.number is not None and not part.preamble:
            part.preamble, part.lead_texts = part.lead_texts, []
            for text in part.preamble:
                self.emit(depth, f"preamble {q(text)}")
        for text in part.lead_texts:
            self.check(depth, 0, "text before the first numbered part: kept as a note")
            self.emit(depth, f"note {q(text)}")
        prefix = f"a{part.number}-" if part.number is not None else ""
        if part.number is not None:
            self.through = set(through_styles(part.children))
            words = [part.children[0].style] if part.children and part.children[0].style != DEPTH_STYLES[0] else []
            if self.through:
                words += ["through", *through_styles(part.children)]
            if words:
                self.emit(depth, "numbering " + " ".join(words))
        self.children(part.children, depth, prefix, 0)

    def children(self, nodes: list[Node], depth: int, prefix: str, list_depth: int) -> None:
        """One list of numbered siblings, numbered as compiler.numbering does: a child list's default
        style follows its parent's style; ``numbering … continue`` where the source's count runs on."""
        previous_last = 0
        for index, node in enumerate(nodes, 1):
            previous_last = self.node(node, depth, f"{prefix}{index}", list_depth, previous_last)

    def node(self, node: Node, depth: int, path: str, list_depth: int, previous_last: int) -> int:
        """Write ``node``; returns the last number of its children (what a next sibling continues from)."""
        kind = node.kind
        self.count(kind + "s")
        self.emit(depth, f"{kind} {self.new_id(('s' if kind == 'section' else 't') + path)} {q(node.title)} {{")
        self.action_lines.append(len(self.out))
        for note in node.notes:
            self.check(depth + 1, node.line, note)
            self.emit(depth + 1, f"note {q(note)}")
        for text in node.texts:
            self.text(node, text, depth + 1, path)
        child_depth = DEPTH_STYLES.index(node.style) + 1 if node.style in DEPTH_STYLES else list_depth + 1
        start = 0
        if node.children:
            child_style = node.children[0].style
            words = [] if child_style == DEPTH_STYLES[min(child_depth, len(DEPTH_STYLES) - 1)] else [child_style]
            first = number_value(node.children[0].number)
            if child_style in self.through:  # numbered by the part's one count
                pass
            elif first is not None and first > 1 and first == previous_last + 1:
                words.append("continue")
                start = previous_last
            elif first is not None and first != 1:
                self.check(depth + 1, node.children[0].line, f"numbering starts at {node.children[0].number} in the source")
            if words:
                self.emit(depth + 1, "numbering " + " ".join(words))
        self.children(node.children, depth + 1, path + "-", child_depth)
        self.emit(depth, "}")
        self.action_lines.pop()
        return start + len(node.children)

    def text(self, node: Node, text: str, depth: int, path: str) -> None:
        """A paragraph; each owner annotation after the first starts an inline action (益阳's groups)."""
        from driver.importer.extract import merge_groups, split_owners

        segments = split_owners(text) if node.kind == "action" else [(text, None)]
        for _, found in segments:
            if found is not None:
                merge_groups(found, self.owner_groups)
        for segment, owners in segments:
            prose = segment
            if owners is not None:
                cut = segment.rfind(owners.brackets[0] + owners.text[:2])
                prose = segment[:cut] if cut >= 0 else segment
            if id(node) not in self.owned:
                if prose:
                    self.emit(depth, f"text {q(prose)}")
                if owners is not None:  # the bracket closes the paragraph: its owners owe what the paragraph sets
                    self.node_owners[self.action_lines[-1]] = owners
                self.facts(node, prose, depth)
                if owners is not None:
                    self.owned.add(id(node))
                    self.owners(owners, depth, node.line)
            else:
                self.emit(depth, f"action {self.new_id('t' + path + '-i')} {{")
                self.action_lines.append(len(self.out))
                self.emit(depth + 1, "form inline")
                if prose:
                    self.emit(depth + 1, f"text {q(prose)}")
                if owners is not None:
                    self.node_owners[self.action_lines[-1]] = owners
                self.facts(node, prose, depth + 1)
                if owners is not None:
                    self.owners(owners, depth + 1, node.line)
                self.emit(depth, "}")
                self.action_lines.pop()
        self.facts(node, text, depth)

    def facts(self, node: Node, prose: str, depth: int) -> None:
        """The targets, deadlines and cadences found in ``prose`` not yet written."""
        for target in node.targets:
            if id(target) not in self.done and target.sentence in prose:
                self.done.add(id(target))
                self.target(target, depth)
        for deadline in node.deadlines:
            if id(deadline) not in self.done and deadline.title in prose:
                self.done.add(id(deadline))
                self.deadline(deadline, depth, node.owners)
        for cadence in node.cadences:
            if id(cadence) not in self.done and cadence.title in prose:
                self.done.add(id(cadence))
                self.cadence(cadence, depth, node.owners)

    # --- owners -------------------------------------------------------------------------------

    def owners(self, owners: Owners, depth: int, line: int) -> None:
        self.count("owners")
        self.owner_lines[self.action_lines[-1]] = owners
        self.node_owners[self.action_lines[-1]] = owners
        if owners.leader:
            self.emit(depth, "lead_leader " + " ".join(q(self.registry.person(p)) for p in owners.leader))
        if owners.lead:
            self.emit(depth, "lead " + " ".join(q(u) for u in owners.lead))
        if owners.responsible:
            self.emit(depth, "responsible " + " ".join(q(u) for u in owners.responsible))
        if owners.co:
            self.emit(depth, "co " + " ".join(q(u) for u in owners.co))
        template = wording(owners)
        plain = owners.brackets in ("()", "（）")  # what the compiler prints around owners
        use_wording = template is not None and owners.closed and plain and owners.text not in self.verbatim_owners and (
            owners.text in self.worded_owners or not owners.style)
        if use_wording:
            bracketed = any(c in n for n in owners.lead + owners.co + owners.responsible for c in "(（")
            self.emit(depth, f"owner_wording {q(template or '')}" + (" keep_brackets" if bracketed else ""))
        elif owners.text in self.verbatim_owners or not owners.style or not owners.closed or not plain:
            opening, closing = owners.brackets[0], owners.brackets[1]
            printed = opening + re.sub(r'\s+', '', owners.text) + (closing if owners.closed else '')
            self.emit(depth, f"owner_text {q(printed)}")
            if not owners.closed:
                self.check(depth, line, "owner bracket not closed in the source")
                self.emit(depth, 'ack V029 "源文件责任括号未闭合,照录原文"')
        elif owners.style != self.registry.main_style:
            self.emit(depth, f"owner_style {owners.style}")

    # --- targets, deadlines, cadences ---------------------------------------------------------

    def target(self, target: Target, depth: int) -> None:
        self.count("targets")
        unit = (f" unit {target.unit}" if re.fullmatch(r"[\w%]+", target.unit) else f" unit {q(target.unit)}") if target.unit else ""
        name = target.name
        metric_id = self.new_id("m-" + "".join(c for c in name if c.isalnum())[:12] or "m-指标")
        if not target.confident:
            self.check(depth, target.line, f"target read from “{target.sentence[:30]}…”: kind and comparator guessed")
        self.emit(depth, f"metric {metric_id} {q(name)}{unit} kind {target.kind} {{")
        self.emit(depth + 1, f"note {q('原文:' + target.sentence)}")
        by = f" by {target.year}" if target.year else ""
        if not by:
            self.check(depth + 1, target.line, "no year found for this target")
        value = f"{target.value}{target.unit}" if target.high is None else f"{target.value}~{target.high}{target.unit}"
        if target.kind == "per_year" and target.year:
            by = f" each_year until {target.year}"
        op = "" if target.high is not None else f"{target.op} "
        if as_printed(target):  # the source's own words: 500家以上, 不少于100名, 1—2个
            op, value = "", target.written
        self.emit(depth + 1, f"target {op}{value}{by} {target.firmness}")
        self.emit(depth, "}")

    def deadline(self, deadline: Deadline, depth: int, owners: Owners | None) -> None:
        self.count("deadlines")
        self.check(depth, deadline.line, f"deadline “{deadline.wording}” read as due {deadline.due}")
        self.emit(depth, f"deadline {self.new_id('d' + str(deadline.line))} {q(deadline.title)} {{")
        self.emit(depth + 1, f"due {deadline.due}")
        self.owner_line(self.node_owners.get(self.action_lines[-1]) if self.action_lines else None, depth + 1)
        self.emit(depth, "}")

    def cadence(self, cadence: Cadence, depth: int, owners: Owners | None) -> None:
        self.count("cadences")
        self.check(depth, cadence.line, f"cadence “{cadence.title}” read as every {cadence.every}")
        self.emit(depth, f"cadence {self.new_id('c' + str(cadence.line))} {q(cadence.title)} {{")
        self.emit(depth + 1, f"every {cadence.every}" + (" at_least" if cadence.at_least else ""))
        if cadence.kind:
            self.emit(depth + 1, f"kind {cadence.kind}")
        self.owner_line(self.node_owners.get(self.action_lines[-1]) if self.action_lines else None, depth + 1)
        self.emit(depth, "}")

    def owner_line(self, owners: Owners | None, depth: int) -> None:
        if owners is None:
            return
        who = owners.lead or owners.responsible
        if who:
            self.emit(depth, "owner " + " ".join(q(u) for u in who))


def as_printed(target: Target) -> bool:
    """Whether the figure as printed reads, in the language, as the target extracted (comparator, value, unit):
    a word the language does not have (提高到, 稳定在) or a range with 到 is written with a comparator instead."""
    if not target.written or not re.fullmatch(_FIGURE, target.written):
        return False
    try:
        figure = read_measure(target.written)
    except FormError:
        return False
    op = figure.op or (">=" if figure.high is None else None)
    want = None if target.high is not None else target.op
    return (op, figure.low, figure.high, figure.unit.replace("％", "%")) == (want, target.value, target.high, target.unit) \
        and figure.firmness is None


#: what the language's MEASURE, RANGE and QUANTITY tokens read (dsl/plan.lark), as one figure
_FIGURE = (r"(?:不低于|不少于|不超过|不高于|控制在|低于|突破|超过|达到|约)?\d+(?:\.\d+)?(?:(?:[~～—–\-]|至)\d+(?:\.\d+)?)?"
           r"(?:[%％](?:以上|以下|以内|左右)?|[\u4e00-\u9fff/·]+)")


def wording(owners: Owners) -> str | None:
    """The bracket as an owner_wording template ({lead}牵头负责), or None when the names cannot be placed."""
    template = re.sub(r"\s+", "", owners.text)
    for role in ("leader", "lead", "responsible", "co"):
        names = getattr(owners, role)
        if not names:
            continue
        joined = "、".join(names)
        if template.count(joined) != 1:
            return None
        template = template.replace(joined, "{" + role + "}")
    return template if "{" in template else None


def through_styles(nodes: list[Node]) -> list[str]:
    """The styles whose numbers run 1…N through the whole part, over lists under more than one of its top-level
    parts (广州's 1.–45. through five parts, some under 一、, some under (一)): `numbering through STYLE`. A count
    carried on between siblings of one part is `numbering continue` instead (益阳's 4. after 3.)."""
    seen: dict[str, list[int | None]] = {}
    tops: dict[str, set[int]] = {}

    def visit(children: list[Node], top: int) -> None:
        for child in children:
            seen.setdefault(child.style, []).append(number_value(child.number))
            tops.setdefault(child.style, set()).add(top)
            visit(child.children, top)

    for index, node in enumerate(nodes):
        visit(node.children, index)
    return [style for style, values in seen.items()
            if len(tops[style]) > 1 and values == list(range(1, len(values) + 1)) and style != "cn_ordinal"]


def number_value(number: str) -> int | None:
    """The count a printed number stands for: 3. / （3） / 三、 / （十二） / ③ / 三是."""
    digits = re.search(r"\d+", number)
    if digits:
        return int(digits.group())
    circled = next((i for i, c in enumerate(CIRCLED, 1) if c in number), None)
    if circled:
        return circled
    chinese = re.search(f"[{CN_DIGITS}]+", number)
    if not chinese:
        return None
    text, value = chinese.group(), 0
    if "十" in text:
        tens, _, ones = text.partition("十")
        value = (CN_DIGITS.index(tens) + 1 if tens else 1) * 10
        return value + (CN_DIGITS.index(ones) + 1 if ones else 0)
    return CN_DIGITS.index(text[0]) + 1


def _walk(nodes: list[Node]) -> list[Node]:
    out = []
    for node in nodes:
        out.append(node)
        out.extend(_walk(node.children))
    return out
