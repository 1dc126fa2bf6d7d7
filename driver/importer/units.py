"""The unit registry of a draft: a given one (--units), or one generated from the names found,
with names merged when one is an abbreviation of the other (市发改委 of 市发展改革委)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from driver.importer.extract import Document, Node, Owners


def abbreviates(short: str, long: str) -> bool:
    """``short`` is ``long`` with characters left out, same first and last character (市发改委 / 市发展改革委)."""
    if len(short) >= len(long) or len(short) < 3 or short[0] != long[0] or short[-1] != long[-1]:
        return False
    it = iter(long)
    return all(char in it for char in short)


@dataclass
class Registry:
    units: dict[str, list[str]] = field(default_factory=dict)  # canonical name -> aliases
    people: list[str] = field(default_factory=list)
    given: Path | None = None
    given_text: str = ""
    main_style: str | None = None
    merged: list[tuple[str, str]] = field(default_factory=list)
    known: set[str] = field(default_factory=set)  # what the given registry declares

    def person(self, name: str) -> str:
        name = re.sub(r"\s+", "", name)
        if name not in self.people:
            self.people.append(name)
        return name

    def statements(self) -> list[str]:
        out: list[str] = []
        if self.given is not None:
            out.append(f"# units from {self.given.name}")
            out.extend(line for line in self.given_text.splitlines())
        else:
            out.append("# import: check the unit registry: generated from the owner names found")
            for index, (name, aliases) in enumerate(sorted(self.units.items()), 1):
                aka = (" aka " + " ".join(f'"{a}"' for a in sorted(aliases))) if aliases else ""
                if aliases:
                    out.append(f"# import: check {name} merged with {'、'.join(sorted(aliases))} (abbreviation)")
                out.append(f'unit u{index:03d} "{name}"{aka}')
        if self.given is not None and self.units:
            for index, name in enumerate(sorted(self.units), 1):
                out.append(f"# import: check {name}: not in {self.given.name}, added here (move it to the registry or "
                           "use the registry's name)")
                out.append(f'unit import-u{index:03d} "{name}"')
        for index, person in enumerate(self.people, 1):
            if person in self.known:
                continue
            out.append(f'person {"import-p" if self.given is not None else "p"}{index:03d} "{person}"')
        return out


_UNIT = re.compile(r'^\s*(?:unit|person)\s+(\S+)\s+"([^"]*)"(.*)$')
_WORD = re.compile(r'"([^"]*)"|(\S+)')


def known_names(text: str) -> set[str]:
    """The ids, names and aliases of the units and people a registry declares (``unit ID "NAME" aka A B kind …``)."""
    out: set[str] = set()
    for line in text.splitlines():
        match = _UNIT.match(line)
        if not match:
            continue
        out.update((match.group(1), match.group(2)))
        words = [quoted or bare for quoted, bare in _WORD.findall(match.group(3))]
        if "aka" in words:
            for word in words[words.index("aka") + 1 :]:
                if word in ("kind", "parent", "{", "#"):
                    break
                out.add(word)
    return out


def walk(nodes: list[Node]) -> list[Node]:
    out = []
    for node in nodes:
        out.append(node)
        out.extend(walk(node.children))
    return out


def build(doc: Document, groups: list[Owners], given: Path | None) -> Registry:
    registry = Registry()
    styles = Counter(g.style for g in groups if g.style)
    registry.main_style = styles.most_common(1)[0][0] if styles else None
    for group in groups:
        for p in group.leader:
            registry.person(p)
    if given is not None:
        registry.given = given
        registry.given_text = "\n".join(
            line for line in given.read_text(encoding="utf-8").splitlines() if not line.startswith(("plan ", "include "))
        )
        registry.known = known_names(registry.given_text)
        for name in sorted({n for g in groups for n in g.lead + g.co + g.responsible}):
            if name not in registry.known:
                registry.units[name] = []
        return registry
    names = sorted({n for g in groups for n in g.lead + g.co + g.responsible}, key=lambda n: (-len(n), n))
    for name in names:
        home = next((full for full in registry.units if abbreviates(name, full)), None)
        if home is None:
            registry.units[name] = []
        else:
            registry.units[home].append(name)
            registry.merged.append((name, home))
    return registry
