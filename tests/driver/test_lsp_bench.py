"""The language-server benchmark measures what it claims: real edits, each answered by its own version's
diagnostics (no timings asserted here)."""

from __future__ import annotations

from pathlib import Path

from bench.lsp_latency import _edits, measure
from dsl.parser import parse

ROOT = Path(__file__).resolve().parent.parent.parent
YUEYANG = ROOT / "plans" / "yueyang-2025.plan"


def test_each_edit_changes_one_line_and_still_parses() -> None:
    text = YUEYANG.read_text(encoding="utf-8")
    edits = list(_edits(text, 3))
    assert len(set(edits)) == 3
    for edited in edits:
        changed = [a for a, b in zip(text.split("\n"), edited.split("\n")) if a != b]
        assert len(changed) == 1
        assert parse(edited, "e.plan").ok


def test_measure_drives_the_server_through_every_edit() -> None:
    figures = measure(YUEYANG, edits=2)
    assert figures["edits"] == 2 and figures["lines"] == YUEYANG.read_text(encoding="utf-8").count("\n") + 1
    assert 0 < figures["median_ms"] <= figures["max_ms"]
