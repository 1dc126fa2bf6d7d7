"""Shared by the build-output tests: sample plans in a folder, `planc build` in-process or in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner, Result

from driver.cli import main
from tests.sample_plan import SAMPLE_PLAN

ROOT = Path(__file__).resolve().parent.parent.parent
IDS = ("p1", "p2", "p3", "p4", "p5")


def plan_text(plan_id: str, title: str = "示例市推进“三大支撑”工作实施方案") -> str:
    text = SAMPLE_PLAN.replace("plan sample-2024 {", f"plan {plan_id} {{", 1)
    assert text != SAMPLE_PLAN
    return text.replace('title "示例市推进“三大支撑”工作实施方案"', f'title "{title}"', 1)


def write_plans(folder: Path, ids: tuple[str, ...] = IDS, title: str = "示例市推进“三大支撑”工作实施方案") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for plan_id in ids:
        (folder / f"{plan_id}.plan").write_text(plan_text(plan_id, title), encoding="utf-8")
    return folder


def build(*args: str) -> Result:
    return CliRunner().invoke(main, ["build", *args], catch_exceptions=False)


def build_process(*args: str, env: dict[str, str] | None = None, preamble: str = "",
                  **kwargs: object) -> subprocess.CompletedProcess[str]:
    """`planc build` in a fresh interpreter, after ``preamble`` (a test's monkeypatching)."""
    program = f"{preamble}\nimport sys\nsys.argv = ['planc', 'build', *{list(args)!r}]\nfrom driver.cli import entry\nentry()"
    environment = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    environment.update(env or {})
    return subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, cwd=ROOT,
                          env=environment, **kwargs)  # type: ignore[call-overload]


def tree(out: Path) -> dict[str, bytes]:
    """What a reader of OUT sees through the links: every file of every plan folder, and the index files."""
    files: dict[str, bytes] = {}
    for entry in sorted(out.iterdir()):
        if entry.name == ".planc":
            continue
        if entry.is_dir():
            for path in sorted(entry.rglob("*")):
                if path.is_file():
                    files[f"{entry.name}/{path.relative_to(entry).as_posix()}"] = path.read_bytes()
        else:
            files[entry.name] = entry.read_bytes()
    return files
