"""Two builds of the same input are byte-identical, whatever the hash seed or the clock."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.driver.helpers import tree
from tests.sample_plan import SAMPLE_PLAN

ROOT = Path(__file__).resolve().parents[2]

# Run the CLI with the clock set to another moment: datetime.now/today/utcnow and
# time.time all report it, for every module that imports them after this preamble.
_CLOCK_PREAMBLE = """
import datetime as _dt, sys, time as _time
_at = _dt.datetime.fromisoformat(sys.argv.pop(1))
class _Clock(_dt.datetime):
    @classmethod
    def now(cls, tz=None):  # an instance of the patched class, as the real now() is (openpyxl checks the type)
        moment = _at.astimezone(tz) if tz else _at.replace(tzinfo=None)
        return cls(*moment.timetuple()[:6], moment.microsecond, moment.tzinfo)
    @classmethod
    def utcnow(cls):
        moment = _at.astimezone(_dt.timezone.utc)
        return cls(*moment.timetuple()[:6], moment.microsecond)
    @classmethod
    def today(cls):
        return cls.now()
class _Today(_dt.date):
    @classmethod
    def today(cls):
        return _at.date()
_dt.datetime, _dt.date = _Clock, _Today
_time.time = lambda: _at.timestamp()
_time.time_ns = lambda: int(_at.timestamp()) * 10**9
from driver.cli import entry
entry()
"""


def build(
    src: Path, out: Path, seed: str = "0", extra_env: dict[str, str] | None = None, clock: str | None = None
) -> dict[str, bytes]:
    """`planc build` in a fresh interpreter with this hash seed and, if given, this clock."""
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env.update({"PYTHONHASHSEED": seed, **(extra_env or {})})
    program = ["-c", "from driver.cli import entry; entry()"] if clock is None else ["-c", _CLOCK_PREAMBLE, clock]
    done = subprocess.run(
        [sys.executable, *program, "build", str(src), "--out", str(out)],
        env=env, capture_output=True, text=True, cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    # what readers see through DIR/<plan-id> links, and planc's own state (generation, manifest), both compared
    state = {str(p.relative_to(out)): p.read_bytes() for p in sorted((out / ".planc").rglob("*")) if p.is_file()}
    return {**tree(out), **state}


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




def test_builds_do_not_depend_on_the_clock(tmp_path: Path) -> None:
    src = tmp_path / "plans"
    src.mkdir()
    (src / "sample.plan").write_text(SAMPLE_PLAN, encoding="utf-8")
    in_1999 = build(src, tmp_path / "a", clock="1999-12-31T23:59:59+08:00")
    in_2041 = build(src, tmp_path / "b", clock="2041-06-01T08:00:00+00:00")
    assert "sample-2024/schedule.ics" in in_1999
    assert in_1999 == in_2041


def test_source_date_epoch_sets_the_calendar_stamp(tmp_path: Path) -> None:
    src = tmp_path / "plans"
    src.mkdir()
    (src / "sample.plan").write_text(SAMPLE_PLAN, encoding="utf-8")
    moment = "2030-01-01T00:00:00+00:00"
    plain = build(src, tmp_path / "a", clock=moment)
    stamped = build(src, tmp_path / "b", extra_env={"SOURCE_DATE_EPOCH": "1700000000"}, clock=moment)
    assert b"DTSTAMP:20231114T221320Z" in stamped["sample-2024/schedule.ics"]
    assert b"DTSTAMP:20231114T221320Z" not in plain["sample-2024/schedule.ics"]
    # only the calendar's stamp moves; every other artifact is the same (planc's state records the stamp in the
    # cache keys, so its generation and manifest differ too)
    plain, stamped = ({k: v for k, v in files.items() if not k.startswith(".planc/")} for files in (plain, stamped))
    assert {k for k in plain if plain[k] != stamped[k]} == {"sample-2024/schedule.ics"}
