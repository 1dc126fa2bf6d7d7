"""`--out` owns only what planc wrote: the layout, the manifest, and every refusal (exit 2, the path named)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from driver.cache import sha256
from driver.manifest import NAME, SHARED, Manifest
from tests.driver.helpers import build, plan_text, tree, write_plans


def test_each_plan_path_links_into_the_current_generation_and_the_manifest_lists_every_file(tmp_path: Path) -> None:
    src = write_plans(tmp_path / "src", ("p1", "p2"))
    out = tmp_path / "out"
    result = build(str(src), "--out", str(out))
    assert result.exit_code == 0, result.output
    for name in ("p1", "p2", "index.md", "index.html"):
        assert os.readlink(out / name) == f".planc/current/{name}"
    generation = (out / ".planc" / "current").resolve()
    manifest = Manifest.read(generation)
    assert sorted(manifest.plans) == [SHARED, "p1", "p2"]
    written = {p.relative_to(generation).as_posix() for p in generation.rglob("*") if p.is_file()}
    assert written == manifest.owned_paths()
    for plan_id in ("p1", "p2"):
        for rel, digest in manifest.plans[plan_id].files.items():
            assert sha256((out / plan_id / rel).read_bytes()) == digest
    assert "p1/plan.json" in tree(out) and "index.md" in tree(out)


def test_a_folder_holding_an_included_source_is_refused_and_kept(tmp_path: Path) -> None:
    """Finding 2: `planc build a.plan --out src/x` where src/x/<plan-id>/ holds an included units.plan."""
    src = tmp_path / "src"
    (src / "x" / "p1").mkdir(parents=True)
    units = src / "x" / "p1" / "units.plan"
    units.write_text('unit 财政局 "市财政局"\n', encoding="utf-8")
    text = plan_text("p1").replace('unit 发改委', 'include "x/p1/units.plan"\nunit 发改委', 1)
    (src / "a.plan").write_text(text, encoding="utf-8")
    result = build(str(src / "a.plan"), "--out", str(src / "x"))
    assert result.exit_code == 2, result.output
    assert f"{src / 'x' / 'p1'} is a folder planc did not write (it holds units.plan)" in result.output
    assert units.read_text(encoding="utf-8") == 'unit 财政局 "市财政局"\n'


def test_names_planc_did_not_make_are_refused(tmp_path: Path) -> None:
    src = write_plans(tmp_path / "src", ("p1",))
    for name, make in (
        ("p1", lambda p: p.symlink_to(tmp_path / "elsewhere", target_is_directory=True)),
        ("index.md", lambda p: p.write_text("my notes", encoding="utf-8")),
        ("p1", lambda p: p.mkdir()),
    ):
        out = tmp_path / f"out-{name}-{len(list(tmp_path.iterdir()))}"
        out.mkdir()
        make(out / name)
        result = build(str(src), "--out", str(out))
        assert result.exit_code == 2, result.output
        assert str(out / name) in result.output and "did not" in result.output
        assert not (out / ".planc" / "current").exists()
    assert (out / "p1").is_dir() and not (out / "p1").is_symlink()


def test_a_file_added_to_the_output_stops_the_next_build_and_survives(tmp_path: Path) -> None:
    src = write_plans(tmp_path / "src", ("p1",))
    out = tmp_path / "out"
    assert build(str(src), "--out", str(out)).exit_code == 0
    notes = out / "p1" / "notes.txt"  # written through planc's link, into its generation
    notes.write_text("mine", encoding="utf-8")
    (src / "p1.plan").write_text(plan_text("p1", "改过的标题"), encoding="utf-8")
    result = build(str(src), "--out", str(out))
    assert result.exit_code == 2, result.output
    assert f"{out / 'p1' / 'notes.txt'}: not written by planc" in result.output
    assert notes.read_text(encoding="utf-8") == "mine"


def test_a_damaged_manifest_is_never_trusted(tmp_path: Path) -> None:
    src = write_plans(tmp_path / "src", ("p1",))
    out = tmp_path / "out"
    assert build(str(src), "--out", str(out)).exit_code == 0
    manifest = out / ".planc" / "current" / NAME
    raw = json.loads(manifest.read_text(encoding="utf-8"))
    raw["plans"]["p1"]["files"]["../../../escape"] = raw["plans"]["p1"]["files"]["plan.json"]
    manifest.write_text(json.dumps(raw), encoding="utf-8")
    result = build(str(src), "--out", str(out))
    assert result.exit_code == 2, result.output
    assert "is damaged (its checksum does not match its contents)" in result.output
    assert (out / "p1" / "plan.json").is_file()


def test_a_manifest_naming_a_path_outside_its_generation_is_refused() -> None:
    import pytest

    from driver.manifest import Entry, ManifestDamaged

    for plan_id, rel in (("p1", "../../secret"), ("..", "plan.json"), ("p1", "a//b")):
        data = Manifest({plan_id: Entry("k", {rel: "0" * 64})}).dumps()  # a valid checksum: crafted, not damaged
        with pytest.raises(ManifestDamaged, match="outside its generation"):
            Manifest.loads(data)
