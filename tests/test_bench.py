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
