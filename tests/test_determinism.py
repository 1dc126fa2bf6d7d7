"""Two builds of the same input are byte-identical, whatever the hash seed or the clock."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.sample_plan import SAMPLE_PLAN

ROOT = Path(__file__).resolve().parent.parent


def build(src: Path, out: Path, seed: str, extra_env: dict[str, str] | None = None) -> dict[str, bytes]:
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env.update({"PYTHONHASHSEED": seed, **(extra_env or {})})
    done = subprocess.run(
        [sys.executable, "-c", "from compiler.cli import entry; entry()", "build", str(src), "--out", str(out)],
        env=env, capture_output=True, text=True, cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def test_builds_are_byte_identical_across_hash_seeds(tmp_path: Path) -> None:
    src = tmp_path / "plans"
    src.mkdir()
    (src / "sample.plan").write_text(SAMPLE_PLAN, encoding="utf-8")
    first = build(src, tmp_path / "out1", "1")
    second = build(src, tmp_path / "out2", "4242")
    assert first.keys() == second.keys()
    assert "sample-2024/plan.json" in first
    for name in first:
        assert first[name] == second[name], name


def test_bundled_plans_build_identically(tmp_path: Path) -> None:
    plans = ROOT / "plans"
    if not any(plans.glob("*.plan")):
        return  # no bundled plans in this checkout; the sample test above still ran
    first = build(plans, tmp_path / "a", "0")
    second = build(plans, tmp_path / "b", "99")
    assert first == second
