"""A build interrupted while swapping outputs in leaves every plan folder whole: old or new, never half."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from driver import write as artifacts
from driver.write import write_build


def test_interrupted_swap_leaves_whole_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "build"
    old = {"a": {"plan.json": b"old a", "document.md": b"old a doc"}, "b": {"plan.json": b"old b", "document.md": b"old b doc"}}
    write_build(out, old, {"index.md": b"old index"})

    real_replace = os.replace
    swaps = {"count": 0}

    def dying_replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        # the process "dies" when it is about to swap in the second plan's new folder
        if Path(dst).name == "b" and ".planc-staging" in str(src):
            raise KeyboardInterrupt("killed")
        swaps["count"] += 1
        real_replace(src, dst)

    monkeypatch.setattr(artifacts.os, "replace", dying_replace)
    new = {"a": {"plan.json": b"new a", "document.md": b"new a doc"}, "b": {"plan.json": b"new b", "document.md": b"new b doc"}}
    with pytest.raises(KeyboardInterrupt):
        write_build(out, new, {"index.md": b"new index"})

    def folder(name: str) -> dict[str, bytes]:
        return {p.name: p.read_bytes() for p in (out / name).iterdir()}

    assert folder("a") == new["a"]  # swapped in whole before the interruption
    assert folder("b") == old["b"]  # not yet swapped: the previous output, intact
    assert (out / "index.md").read_bytes() == b"old index"
    assert not [p for p in out.iterdir() if p.name.startswith(".planc-staging")], "staging folder left behind"


def test_failure_while_rendering_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from compiler.pipeline import compile_file
    from driver import emit
    from tests.sample_plan import SAMPLE_PLAN

    source = tmp_path / "sample.plan"
    source.write_text(SAMPLE_PLAN, encoding="utf-8")
    plan = compile_file(source).plan
    assert plan is not None
    out = tmp_path / "build"
    assert emit.emit_all([plan], out, [source]) is None
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}

    def broken(_plans: list[object]) -> None:
        raise RuntimeError("an emitter failed")

    monkeypatch.setattr(emit, "render_all", broken)
    with pytest.raises(RuntimeError):
        emit.emit_all([plan], out, [source])
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before


def test_a_hard_kill_between_renames_is_recovered_by_the_next_build(tmp_path: Path) -> None:
    out = tmp_path / "build"
    write_build(out, {"a": {"plan.json": b"old a"}}, {})
    # what a SIGKILL between the two renames leaves: the old folder moved aside, no new one
    os.replace(out / "a", out / ".planc-old-a")
    (out / ".planc-staging-x").mkdir()
    write_build(out, {"b": {"plan.json": b"new b"}}, {})
    assert (out / "a" / "plan.json").read_bytes() == b"old a"
    assert sorted(p.name for p in out.iterdir()) == ["a", "b"]
