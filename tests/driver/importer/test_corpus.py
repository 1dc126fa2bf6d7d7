"""The same importer, untuned, on the generality corpus (tests/corpus/plans/*: real plans the rules
were not written against). There is no hand encoding of these, so the figures are what a draft can
be held to alone: it checks clean (asserted), and how many sentences of the source are in it
(printed, with the recognised counts: issue 22 asks for the figures in its note, untuned)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from compiler.pipeline import compile_source
from compiler.text import plain_text
from driver.importer import import_source
from tests.driver.importer.fidelity import ROOT
from tests.fidelity import sentences

CORPUS = sorted(p for p in (ROOT / "tests" / "corpus" / "plans").iterdir() if (p / "source.txt").exists())
_SPACE = re.compile(r"\s+")


@pytest.mark.parametrize("folder", CORPUS, ids=[p.name for p in CORPUS])
def test_corpus_draft(folder: Path, tmp_path: Path) -> None:
    source = folder / "source.txt"
    out = tmp_path / "draft.plan"
    draft = import_source(source, out=out)
    compiled = compile_source(out.resolve(), draft.text)
    assert compiled.plan is not None
    wanted = sentences(source.read_text(encoding="utf-8"))
    text = _SPACE.sub("", plain_text(compiled.plan))
    present = [s for s in wanted if s in text]
    counts = ", ".join(f"{k} {v}" for k, v in sorted(draft.counts.items()))
    print(f"{folder.name}: sentences {len(present)}/{len(wanted)} = {len(present) / len(wanted):.1%}; {counts}; "
          f"errors {len(draft.errors)}")
    assert not draft.errors, [(d.code, d.message) for d in draft.errors]
    # reported, not held to the seeds' bar: 立山's red header (…人民政府文件) has no statement
    # (listed in the report of issue 22); 广州's 1.–45. through five parts is `numbering through`
    assert present, "no source sentence is in the draft"
