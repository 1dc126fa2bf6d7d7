"""The whole output switches at once, and one build at a time writes it (issue 20, findings 3 and 8)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from driver.lock import BuildLock
from tests.driver.helpers import ROOT, build, tree, write_plans

IDS = ("p1", "p2", "p3")

# run in the build's subprocess: stop at a chosen point, announce it with a marker file, and wait to be killed
_STOP = """
import os, time
from pathlib import Path
import driver.write as w
marker = Path(os.environ["PLANC_TEST_MARKER"])
point = os.environ["PLANC_TEST_POINT"]
def stop():
    marker.write_text("here")
    time.sleep(120)
if point == "mid-write":
    written = {{"n": 0}}
    real = w._write_file
    def slow(path, data):
        real(path, data)
        written["n"] += 1
        if written["n"] == 12:  # some plans whole, one half written, the index not yet
            stop()
    w._write_file = slow
elif point == "before-switch":
    real_switch = w.OutputFolder.switch
    def late_switch(self, generation):
        stop()
    w.OutputFolder.switch = late_switch
elif point == "after-switch":
    def late_collect(self, keep):
        stop()
    w.OutputFolder.collect = late_collect
"""


def _start(src: Path, out: Path, point: str, marker: Path) -> subprocess.Popen[str]:
    program = _STOP.format() + (
        f"import sys\nsys.argv = ['planc', 'build', {str(src)!r}, '--out', {str(out)!r}, '-j', '1']\n"
        "from driver.cli import entry\nentry()"
    )
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env.update(PLANC_TEST_MARKER=str(marker), PLANC_TEST_POINT=point)
    return subprocess.Popen([sys.executable, "-c", program], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def _wait_for(marker: Path, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 120
    while not marker.exists():
        assert process.poll() is None, process.communicate()[1]
        assert time.monotonic() < deadline, "the build never reached the stopping point"
        time.sleep(0.05)


@pytest.mark.parametrize(("point", "expect_new"), [("mid-write", False), ("before-switch", False),
                                                   ("after-switch", True)])
def test_a_build_killed_at_any_point_leaves_the_old_output_or_the_new_never_a_mix(
    tmp_path: Path, point: str, expect_new: bool
) -> None:
    src = write_plans(tmp_path / "src", IDS, title="旧标题方案")
    out = tmp_path / "out"
    assert build(str(src), "--out", str(out)).exit_code == 0
    old = tree(out)
    write_plans(src, IDS, title="新标题方案")
    process = _start(src, out, point, tmp_path / "marker")
    _wait_for(tmp_path / "marker", process)
    process.send_signal(signal.SIGKILL)
    process.wait()

    seen = tree(out)
    assert seen.keys() == old.keys()
    titles = {name: ("新标题方案".encode() in data, "旧标题方案".encode() in data)
              for name, data in seen.items() if name.endswith(("plan.json", "index.md"))}
    assert len(titles) == len(IDS) + 1
    assert all(new == expect_new and old_title != expect_new for new, old_title in titles.values()), titles
    if not expect_new:
        assert seen == old

    # the next build finishes the job and clears what the killed one left below .planc/
    assert build(str(src), "--out", str(out)).exit_code == 0
    assert len(list((out / ".planc" / "gen").iterdir())) == 1
    assert not list((out / ".planc").glob("current.*.tmp"))
    assert all("新标题方案".encode() in data for name, data in tree(out).items() if name.endswith("plan.json"))


def test_a_second_build_waits_for_the_lock_and_then_builds(tmp_path: Path) -> None:
    src = write_plans(tmp_path / "src", ("p1",))
    out = tmp_path / "out"
    (out / ".planc" / "gen").mkdir(parents=True)
    with BuildLock(out / ".planc" / "lock"):
        process = subprocess.Popen(
            [sys.executable, "-c", "from driver.cli import entry; entry()", "build", str(src), "--out", str(out)],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        deadline = time.monotonic() + 60
        assert process.stderr is not None
        waiting = ""
        while "waiting for another build" not in waiting:
            line = process.stderr.readline()
            assert line, "the build ended without waiting for the lock"
            waiting += line
            assert time.monotonic() < deadline
        time.sleep(0.5)
        assert not (out / "p1").exists(), "the second build wrote while the first held the lock"
    _out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    assert (out / "p1" / "plan.json").is_file()


def test_concurrent_builds_never_delete_each_others_staging(tmp_path: Path) -> None:
    src_a = write_plans(tmp_path / "a", IDS, title="甲方案")
    src_b = write_plans(tmp_path / "b", IDS, title="乙方案")
    out = tmp_path / "out"
    processes = [
        subprocess.Popen([sys.executable, "-c", "from driver.cli import entry; entry()", "build", str(src), "--out",
                          str(out), "-j", "1"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for src in (src_a, src_b, src_a, src_b)
    ]
    for process in processes:
        _out, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
    files = tree(out)
    plans = [data for name, data in files.items() if name.endswith("plan.json")]
    assert len(plans) == len(IDS)
    one = "甲方案".encode() in files["index.md"]
    assert all(("甲方案".encode() in data) == one for data in plans), "the output mixes two builds"
    assert len(list((out / ".planc" / "gen").iterdir())) == 1


def test_a_failure_while_rendering_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from driver import emit

    src = write_plans(tmp_path / "src", ("p1",))
    out = tmp_path / "out"
    assert build(str(src), "--out", str(out)).exit_code == 0
    before = tree(out), sorted(p.name for p in (out / ".planc" / "gen").iterdir())
    write_plans(src, ("p1",), title="新标题方案")

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("an emitter failed")

    monkeypatch.setattr(emit, "render_plans", broken)
    with pytest.raises(RuntimeError):
        build(str(src), "--out", str(out))
    assert (tree(out), sorted(p.name for p in (out / ".planc" / "gen").iterdir())) == before
