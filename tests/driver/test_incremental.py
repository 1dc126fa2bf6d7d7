"""Incremental builds (content-addressed reuse), parallel emission and `build --timings` (issue 21)."""

from __future__ import annotations

import gc
import os
from pathlib import Path

import pytest

from compiler.pipeline import compile_file
from driver.emit import render_plans
from tests.driver.helpers import IDS, build, plan_text, tree, write_plans


def _stamps(out: Path) -> dict[str, tuple[int, int]]:
    """(inode, mtime) of every output file, through the links."""
    stamps = {}
    for plan_id in (*IDS, "index.md"):
        paths = [out / plan_id] if plan_id == "index.md" else sorted((out / plan_id).rglob("*"))
        for path in paths:
            info = path.stat()
            stamps[str(path.relative_to(out))] = (info.st_ino, info.st_mtime_ns)
    return stamps


def test_an_unchanged_tree_rewrites_nothing(tmp_path: Path) -> None:
    src = write_plans(tmp_path / "src")
    out = tmp_path / "out"
    assert build(str(src), "--out", str(out), "-j", "2").exit_code == 0
    before, stamps, generation = tree(out), _stamps(out), os.readlink(out / ".planc" / "current")
    result = build(str(src), "--out", str(out), "--timings")
    assert result.exit_code == 0, result.output
    assert "timings: 0 plan(s) emitted, 5 reused" in result.output
    assert tree(out) == before
    assert _stamps(out) == stamps
    assert os.readlink(out / ".planc" / "current") == generation


def test_touching_one_plan_of_five_emits_only_that_plan(tmp_path: Path) -> None:
    src = write_plans(tmp_path / "src")
    out = tmp_path / "out"
    assert build(str(src), "--out", str(out), "-j", "2").exit_code == 0
    stamps = _stamps(out)
    (src / "p3.plan").write_text(plan_text("p3", "改过标题的方案"), encoding="utf-8")
    result = build(str(src), "--out", str(out), "--timings")
    assert result.exit_code == 0, result.output
    assert "timings: 1 plan(s) emitted, 4 reused" in result.output
    after = _stamps(out)
    for name, stamp in stamps.items():
        if name.startswith("p3/") or name == "index.md":
            assert after[name][0] != stamp[0], f"{name} was not emitted again"
        else:
            assert after[name] == stamp, f"{name} was rewritten"
    assert "改过标题的方案".encode() in (out / "p3" / "plan.json").read_bytes()
    assert "改过标题的方案".encode() in (out / "index.md").read_bytes()
    # and the reused output is exactly what a build from scratch writes
    fresh = tmp_path / "fresh"
    assert build(str(src), "--out", str(fresh), "--no-cache").exit_code == 0
    assert tree(fresh) == tree(out)


def test_an_included_file_is_part_of_the_key(tmp_path: Path) -> None:
    src = tmp_path / "src"
    (src / "parts").mkdir(parents=True)
    units = src / "parts" / "units.plan"
    units.write_text('unit 财政局 "市财政局"\n', encoding="utf-8")
    (src / "p1.plan").write_text(plan_text("p1").replace("unit 发改委", 'include "parts/units.plan"\nunit 发改委', 1),
                                 encoding="utf-8")
    out = tmp_path / "out"
    assert build(str(src / "p1.plan"), "--out", str(out)).exit_code == 0
    units.write_text('unit 财政局 "市财政局（改）"\n', encoding="utf-8")
    result = build(str(src / "p1.plan"), "--out", str(out), "--timings")
    assert "timings: 1 plan(s) emitted, 0 reused" in result.output
    assert "市财政局（改）".encode() in (out / "p1" / "plan.json").read_bytes()


def test_no_cache_emits_everything(tmp_path: Path) -> None:
    src = write_plans(tmp_path / "src", ("p1", "p2"))
    out = tmp_path / "out"
    assert build(str(src), "--out", str(out)).exit_code == 0
    before = tree(out)
    result = build(str(src), "--out", str(out), "--no-cache", "--timings")
    assert "timings: 2 plan(s) emitted, 0 reused" in result.output
    assert tree(out) == before


def test_a_corrupted_output_file_is_detected_and_emitted_again(tmp_path: Path) -> None:
    src = write_plans(tmp_path / "src", ("p1", "p2"))
    out = tmp_path / "out"
    assert build(str(src), "--out", str(out)).exit_code == 0
    before = tree(out)
    target = (out / "p2" / "checks.json").resolve()
    data = target.read_bytes()
    os.unlink(target)  # the cache entry's bytes change, its key does not
    target.write_bytes(data.replace(b'"', b"'", 1))
    result = build(str(src), "--out", str(out), "--timings")
    assert "timings: 1 plan(s) emitted, 1 reused" in result.output
    assert tree(out) == before


def test_parallel_emission_is_byte_identical_to_serial(tmp_path: Path) -> None:
    src = write_plans(tmp_path / "src", ("p1", "p2", "p3"))
    plans = [compile_file(src / f"{pid}.plan").plan for pid in ("p1", "p2", "p3")]
    assert all(plans)
    assert render_plans(plans, jobs=2) == render_plans(plans, jobs=1)  # type: ignore[arg-type]


def test_a_parallel_build_emits_in_the_compiling_workers_and_writes_what_a_serial_build_writes(tmp_path: Path) -> None:
    src = write_plans(tmp_path / "src")
    serial, parallel = tmp_path / "serial", tmp_path / "parallel"
    one = build(str(src), "--out", str(serial), "-j", "1", "--timings")
    two = build(str(src), "--out", str(parallel), "-j", "2", "--timings")
    assert one.exit_code == two.exit_code == 0, two.output
    assert "  compile and emit " in two.output and "  compile and emit " not in one.output
    assert "timings: 5 plan(s) emitted, 0 reused" in two.output
    assert tree(parallel) == tree(serial)


def test_emitting_ahead_skips_plans_with_errors_and_plans_the_previous_build_holds(tmp_path: Path) -> None:
    from compiler.loader import DEFAULT_MAX_FILE_BYTES
    from driver.cache import build_options
    from driver.emit import EmitAhead, recorded_keys

    src = write_plans(tmp_path / "src", ("p1", "p2"))
    out = tmp_path / "out"
    assert build(str(src), "--out", str(out), "-j", "1").exit_code == 0
    options = build_options(pdf="no", max_file_bytes=str(DEFAULT_MAX_FILE_BYTES))  # as `planc build` sets them
    ahead = EmitAhead(options, recorded_keys(out))
    assert set(ahead.recorded) == {str((src / "p1.plan").resolve()), str((src / "p2.plan").resolve())}
    assert ahead(compile_file(src / "p1.plan")) is None  # unchanged: the build verifies and reuses it
    (src / "p2.plan").write_text(plan_text("p2", "改过标题的方案"), encoding="utf-8")
    emitted = ahead(compile_file(src / "p2.plan"))
    assert emitted is not None and "改过标题的方案".encode() in emitted[0]["plan.json"]
    broken = src / "p3.plan"
    broken.write_text(plan_text("p3").replace("lead ", "lead 没有这个单位 ", 1), encoding="utf-8")
    assert not compile_file(broken).ok
    assert ahead(compile_file(broken)) is None
    assert EmitAhead(options)(compile_file(src / "p1.plan")) is not None  # no record: emitted


def test_the_build_writes_the_files_emitted_ahead_instead_of_emitting_again(tmp_path: Path) -> None:
    from driver.emit import build_all

    src = write_plans(tmp_path / "src", ("p1", "p2"))
    plans = [compile_file(src / f"{pid}.plan").plan for pid in ("p1", "p2")]
    assert all(plans)
    files = {"plan.json": b"emitted ahead\n"}
    built = build_all(plans, tmp_path / "out", [src], emitted_ahead={"p1": (files, {"plan_json": 0.0})})  # type: ignore[arg-type]
    assert built.emitted == ["p1", "p2"]
    assert (tmp_path / "out" / "p1" / "plan.json").read_bytes() == b"emitted ahead\n"
    assert not (tmp_path / "out" / "p1" / "document.md").exists()  # nothing of p1 was emitted here
    assert (tmp_path / "out" / "p2" / "document.md").exists()


_RECORDING: dict[str, object] = {}  # the pid file and the real function; the forked workers inherit it


def _emit_target_recording_its_process(name: str) -> tuple[dict[str, bytes], float]:
    """Module-level, so the pool can send it to the workers by name."""
    with Path(str(_RECORDING["pids"])).open("a", encoding="utf-8") as pids:
        pids.write(f"{os.getpid()}\n")
    return _RECORDING["real"](name)  # type: ignore[operator, no-any-return]


def test_a_large_plans_targets_emitted_side_by_side_are_the_same_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import driver.emit
    from driver.emit import emit_plan

    compiled = compile_file(Path(__file__).resolve().parents[2] / "plans" / "yueyang-2025.plan")
    assert compiled.plan is not None
    serial, serial_seconds = emit_plan(compiled.plan, jobs=1)
    monkeypatch.setattr(driver.emit, "LARGE_PLAN", 0)  # every plan counts as large
    monkeypatch.setitem(_RECORDING, "real", driver.emit._emit_target)
    monkeypatch.setitem(_RECORDING, "pids", tmp_path / "pids")
    monkeypatch.setattr(driver.emit, "_emit_target", _emit_target_recording_its_process)
    parallel, parallel_seconds = emit_plan(compiled.plan, jobs=2)
    assert parallel == serial and list(parallel) == list(serial)
    assert set(parallel_seconds) == set(serial_seconds)
    pids = set((tmp_path / "pids").read_text(encoding="utf-8").split())
    assert pids and str(os.getpid()) not in pids  # every target ran in a worker process


def test_timings_name_every_stage_and_target(tmp_path: Path) -> None:
    from targets import all_targets

    src = write_plans(tmp_path / "src", ("p1",))
    result = build(str(src), "--out", str(tmp_path / "out"), "--timings")
    assert result.exit_code == 0
    for stage in ("compile", "parse", "resolve", "rules", "emit", "write", "total"):
        assert f"  {stage} " in result.output, stage
    for target in all_targets():
        assert f"emit {target.name} " in result.output, target.name


def test_a_no_change_build_compiles_nothing_and_prints_the_same_diagnostics(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = write_plans(tmp_path / "src", ("p1", "p2"))
    out = tmp_path / "out"
    first = build(str(src), "--out", str(out))
    assert first.exit_code == 0 and "V050 warning" in first.output

    import compiler.pipeline

    def no_compiling(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("compiled although nothing changed")

    monkeypatch.setattr(compiler.pipeline, "compile_paths", no_compiling)
    again = build(str(src), "--out", str(out))
    assert again.exit_code == 0, again.output
    assert f"{out} is up to date (2 plans, nothing compiled or written)" in again.output
    assert again.output.split("\n0 errors")[0] == first.output.split("\n0 errors")[0]  # the same warnings, framed
    # a changed option is a different build: it compiles
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    with pytest.raises(AssertionError, match="compiled although"):
        build(str(src), "--out", str(out))


def test_the_emitters_collector_pause_restores_the_collector_as_it_found_it() -> None:
    from driver.emit import paused_gc

    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
        with paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner block leaves it off for the outer one
    assert gc.isenabled()
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()  # it was off: it stays off
    finally:
        gc.enable()
    with pytest.raises(ZeroDivisionError), paused_gc():
        1 / 0  # noqa: B018
    assert gc.isenabled()


def test_targets_emit_with_the_collector_paused(monkeypatch: pytest.MonkeyPatch) -> None:
    import targets
    from driver.emit import emit_plan

    seen: list[bool] = []

    def emit(_plan: object) -> dict[str, bytes]:
        seen.append(gc.isenabled())
        return {"x.txt": b"x"}

    monkeypatch.setattr(targets, "all_targets", lambda: [targets.Target("probe", emit)])
    compiled = compile_file(Path(__file__).resolve().parents[2] / "plans" / "yiyang-2022.plan")
    assert compiled.plan is not None and gc.isenabled()
    assert emit_plan(compiled.plan) == ({"x.txt": b"x"}, {"probe": pytest.approx(0, abs=1)})
    assert seen == [False] and gc.isenabled()


def test_the_cache_key_holds_the_versions_of_the_libraries_that_write_the_output() -> None:
    """Read from the dist-info folders on sys.path; each as importlib.metadata reports it."""
    from importlib.metadata import PackageNotFoundError, version

    from driver.cache import _OUTPUT_DISTRIBUTIONS, _normalised, distribution_versions

    found = distribution_versions()
    for name in _OUTPUT_DISTRIBUTIONS:
        try:
            installed = version(name)
        except PackageNotFoundError:  # planc itself when run from a bare checkout
            continue
        assert f"{_normalised(name)}-{installed}" in found, name
    assert "python-docx" in {_normalised("Python_Docx")}
