"""The benchmark's own measurements measure what they claim (no timings asserted here)."""

from __future__ import annotations

from pathlib import Path

from bench.run import peak_rss_mb
from tests.sample_plan import SAMPLE_PLAN


def test_peak_memory_is_the_child_s_own_not_inherited_from_a_large_parent(tmp_path: Path) -> None:
    # Linux carries ru_maxrss across fork and exec; a benchmark process that has just
    # built a 100k-line plan once made every later child report ~1.4 GB.
    path = tmp_path / "sample.plan"
    path.write_text(SAMPLE_PLAN, encoding="utf-8")
    alone = peak_rss_mb(path)
    ballast = bytearray(400 * 1024 * 1024)
    for offset in range(0, len(ballast), 4096):  # touch every page so it is resident
        ballast[offset] = 1
    beside_ballast = peak_rss_mb(path)
    del ballast
    assert alone < 300
    assert beside_ballast < alone + 100, (alone, beside_ballast)


def test_the_incremental_measure_runs_two_real_builds_into_one_folder(tmp_path: Path, monkeypatch) -> None:
    # incremental_noop_ratio is only honest if the second build sees the first one's output folder.
    from bench import run

    source = tmp_path / "src"
    source.mkdir()
    (source / "sample.plan").write_text(SAMPLE_PLAN, encoding="utf-8")
    seen: list[tuple[Path, bool]] = []
    real = run._build_seconds

    def spy(src: Path, out: Path, *extra: str) -> float:
        seen.append((out, out.exists()))
        seconds = real(src, out, *extra)
        assert any(out.rglob("plan.json")), "the build wrote its artifacts"
        return seconds

    monkeypatch.setattr(run, "_build_seconds", spy)
    result = run.incremental_noop(source, tmp_path, "sample")
    assert len(seen) == 2 * min(run.REPEATS, 3)
    for (first, existed_before_first), (second, existed_before_second) in zip(seen[::2], seen[1::2]):
        assert first == second and not existed_before_first and existed_before_second
    # the ratio is of the unrounded medians; the seconds shown are rounded to the millisecond
    assert abs(result["incremental_noop_ratio"] - result["noop_build_s"] / result["full_build_s"]) < 0.005
