"""Fidelity of an encoded plan to its source document.

The seed (from its title to the end of its body, web-page chrome excluded) is split
into sentences on 。；！？ and line breaks, whitespace removed; a sentence counts as
covered when it appears verbatim in the plan's text as found in plan.json, read in
document order (titles, generated numbers, prose, owners).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from compiler.model import Plan
from compiler.text import plain_text

# The five seed documents, kept in the repository byte for byte (tests/corpus/seeds/SOURCE.md), so a
# clean clone tests itself; they are the same files as the shared seeds beside the checkout.
SEEDS = Path(__file__).resolve().parent / "corpus" / "seeds"

_SPLIT = re.compile(r"[。；！？\n]")
_SPACE = re.compile(r"\s+")


def seed_path(prefix: str) -> Path:
    """The seed file whose name starts with ``prefix`` (e.g. "000")."""
    matches = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not matches:
        raise FileNotFoundError(f"no seed {prefix}_*.txt in {SEEDS}")
    return matches[0]


def body(seed_text: str, start: str, end: str | None, chrome: tuple[str, ...] = ()) -> str:
    """The seed from the first line containing ``start`` up to (excluding) the first line containing ``end``."""
    lines = seed_text.splitlines()
    first = next(i for i, line in enumerate(lines) if start in line)
    last = len(lines)
    if end is not None:
        last = next(i for i, line in enumerate(lines) if i > first and end in line)
    kept = [line for line in lines[first:last] if not any(c in line for c in chrome)]
    return "\n".join(kept)


def sentences(text: str) -> list[str]:
    out = []
    for piece in _SPLIT.split(text):
        piece = _SPACE.sub("", piece)
        if piece:
            out.append(piece)
    return out


@dataclass
class Coverage:
    total: int
    covered: int
    missing: list[str]

    @property
    def ratio(self) -> float:
        return self.covered / self.total if self.total else 1.0

    def report(self) -> str:
        lines = [f"coverage {self.covered}/{self.total} = {self.ratio:.1%}"]
        lines += [f"  missing: {s}" for s in self.missing]
        return "\n".join(lines)


def plan_corpus(plan_json: Path) -> str:
    plan = Plan.model_validate(json.loads(plan_json.read_text(encoding="utf-8")))
    return _SPACE.sub("", plain_text(plan))


def coverage(seed_sentences: list[str], corpus: str) -> Coverage:
    missing = [s for s in seed_sentences if s not in corpus]
    return Coverage(len(seed_sentences), len(seed_sentences) - len(missing), missing)
