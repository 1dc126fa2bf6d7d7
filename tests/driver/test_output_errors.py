"""Every I/O failure of `planc build` is exit 2 with the path and the cause, never exit 3 (issue 20, finding 3)."""

from __future__ import annotations

import os
import resource
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.driver.helpers import build, build_process, write_plans


@pytest.fixture
def src(tmp_path: Path) -> Path:
    return write_plans(tmp_path / "src", ("p1",))


def _refused(result: object, *needles: str) -> None:
    code = getattr(result, "exit_code", getattr(result, "returncode", None))
    text = getattr(result, "output", None) or getattr(result, "stderr", "")
    assert code == 2, text
    assert "internal error" not in text
    for needle in needles:
        assert needle in text, text


def test_out_under_a_regular_file(src: Path, tmp_path: Path) -> None:
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    _refused(build(str(src), "--out", str(tmp_path / "afile" / "out")), f"lies under {tmp_path / 'afile'}, which is a file")


def test_out_under_proc(src: Path) -> None:
    _refused(build(str(src), "--out", "/proc/planc-out"), "cannot create the output folder: /proc/planc-out:")


def test_out_name_too_long(src: Path, tmp_path: Path) -> None:
    out = tmp_path / ("长" * 90)
    _refused(build(str(src), "--out", str(out)), str(out), "File name too long")


def test_full_disk(src: Path, tmp_path: Path) -> None:
    """`ulimit -f 8`: the first file over 8 KiB fails with EFBIG; the previous output (none) stays."""
    out = tmp_path / "out"

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (8 * 1024, 8 * 1024))

    result = build_process(str(src), "--out", str(out), preexec_fn=limit)
    _refused(result, "File too large")
    assert "cannot emit the plans' files: writing a temporary file in" in result.stderr or (
        f"cannot write the build: {out / '.planc' / 'gen'}" in result.stderr)
    assert not (out / "p1").exists()
    assert [p.name for p in (out / ".planc" / "gen").iterdir()] == [], "a failed build left its staging behind"


@pytest.fixture
def readonly(tmp_path: Path) -> Iterator[Path]:
    """A folder nobody may create entries in: mode 0555, and for root (which ignores modes) immutable too."""
    folder = tmp_path / "readonly"
    folder.mkdir()
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR | stat.S_IRGRP | stat.S_IXGRP | stat.S_IROTH | stat.S_IXOTH)
    immutable = os.geteuid() == 0
    if immutable:
        subprocess.run(["chattr", "+i", str(folder)], check=True)
    yield folder
    if immutable:
        subprocess.run(["chattr", "-i", str(folder)], check=True)
    folder.chmod(0o755)


def test_out_in_a_read_only_folder(src: Path, readonly: Path) -> None:
    result = build(str(src), "--out", str(readonly / "out"))
    _refused(result, f"cannot create the output folder: {readonly / 'out'}: ")
    assert "Permission denied" in result.output or "Operation not permitted" in result.output


@pytest.mark.parametrize(("value", "message"), [
    ("253402300800", "SOURCE_DATE_EPOCH=253402300800 is after 9999-12-31 23:59:59 UTC"),
    ("99999999999999", "SOURCE_DATE_EPOCH=99999999999999 is after 9999-12-31 23:59:59 UTC"),
    ("abc", "SOURCE_DATE_EPOCH=`abc` is not a whole number of seconds"),
    ("-5", "SOURCE_DATE_EPOCH=`-5` is not a whole number of seconds"),
])
def test_bad_source_date_epoch_is_a_usage_error(src: Path, tmp_path: Path, value: str, message: str) -> None:
    result = build_process(str(src), "--out", str(tmp_path / "out"), env={"SOURCE_DATE_EPOCH": value})
    _refused(result, message)
    assert not (tmp_path / "out").exists()


def test_the_largest_source_date_epoch_builds(src: Path, tmp_path: Path) -> None:
    result = build_process(str(src), "--out", str(tmp_path / "out"), env={"SOURCE_DATE_EPOCH": "253402300799"})
    assert result.returncode == 0, result.stderr
    assert b"DTSTAMP:99991231T235959Z" in (tmp_path / "out" / "p1" / "schedule.ics").read_bytes()


@pytest.mark.parametrize(("old", "new", "column"), [
    ("period 2024..2025", "period 0000..2025", "period 0000..2025"),
    ("issued 2024-03-20", "issued 0001-01-01", "issued 0001-01-01"),
])
def test_years_outside_1000_to_9999_are_diagnostics(tmp_path: Path, old: str, new: str, column: str) -> None:
    from tests.driver.helpers import plan_text

    (tmp_path / "a.plan").write_text(plan_text("p1").replace(old, new, 1), encoding="utf-8")
    result = build(str(tmp_path / "a.plan"), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1, result.output
    assert f"M010 error: `{new.split()[1]}`: planc reads years 1000 to 9999" in result.output
    assert "internal error" not in result.output


def test_a_plan_id_too_long_for_a_folder_name_fails_check(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from driver.cli import main
    from tests.driver.helpers import plan_text

    (tmp_path / "a.plan").write_text(plan_text("长" * 82), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(tmp_path / "a.plan")])
    assert result.exit_code == 1
    assert "V301 error: plan id" in result.output and "is 246 bytes in UTF-8" in result.output
