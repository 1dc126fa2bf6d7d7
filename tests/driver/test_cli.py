"""The CLI contract: exit codes 0/1/2, no traceback for bad input, build output."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from driver.cli import main

GOOD = """plan demo-2025 {
  title "示例方案"
  issuer "示例市人民政府"
  issued 2025-02-07
  period 2025
}
unit 发改委 "市发展和改革委员会" aka 市发改委
section 任务 "主要任务" {
  action 电力 "强化电力支撑" {
    text "积极发展新能源。"
    lead 市发改委
    metric 增速 "规模工业增加值增长" unit % kind growth {
      target >= 8.5% by 2025 must
    }
  }
}
"""


def run(args: list[str], cwd: Path) -> tuple[int, str, str]:
    runner = CliRunner()
    old = os.getcwd()
    os.chdir(cwd)
    try:
        result = runner.invoke(main, args)
    finally:
        os.chdir(old)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_check_good_plan_exits_0(tmp_path: Path) -> None:
    write(tmp_path / "demo.plan", GOOD)
    code, _out, err = run(["check", "demo.plan"], tmp_path)
    assert code == 0
    assert "0 errors, 0 warnings in 1 plan" in err


@pytest.mark.parametrize(
    ("content", "code_expected"),
    [
        (b"\xc4\xe3\xba\xc3 plan", "F002"),  # GBK bytes
        (b"", "M003"),  # empty file
        (b"\x00\x01\x02", "P001"),
        (b'plan x {\n  title "\xe7\x94\xb2', "P002"),
        ('plan x {\n  title "甲"\n'.encode(), "P005"),
    ],
)
def test_bad_input_gives_diagnostics_not_tracebacks(tmp_path: Path, content: bytes, code_expected: str) -> None:
    write(tmp_path / "bad.plan", content)
    code, _out, err = run(["check", "bad.plan"], tmp_path)
    assert code == 1
    assert "Traceback" not in err
    assert "bad.plan:" in err and f": {code_expected} error" in err


def test_missing_path_and_empty_folder_are_usage_errors(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    code, _out, err = run(["check", "nowhere"], tmp_path)
    assert code == 2 and "F001" in err and "nowhere" in err
    code, _out, err = run(["check", "empty"], tmp_path)
    assert code == 2 and "F007" in err


def test_warnings_exit_0_unless_warnings_are_errors(tmp_path: Path) -> None:
    write(tmp_path / "demo.plan", GOOD + 'metric 城镇化率 "城镇化率" unit %\n')
    assert run(["check", "demo.plan"], tmp_path)[0] == 0
    assert run(["check", "demo.plan", "--warnings-as-errors"], tmp_path)[0] == 1


def test_json_format_is_versioned(tmp_path: Path) -> None:
    write(tmp_path / "demo.plan", GOOD.replace("lead 市发改委", "lead 市发改"))
    code, out, _err = run(["check", "demo.plan", "--format", "json"], tmp_path)
    document = json.loads(out)
    assert code == 1
    assert document["schema"] == "planc/diagnostics/v1"
    [diagnostic] = document["diagnostics"]
    assert diagnostic["code"] == "R002"
    assert diagnostic["span"]["line"] == 11 and diagnostic["hint"] == "did you mean `市发改委` (unit `发改委`)?"


def test_github_format_is_workflow_commands(tmp_path: Path) -> None:
    write(tmp_path / "demo.plan", GOOD.replace("lead 市发改委", "lead 市发改"))
    code, out, _err = run(["check", "demo.plan", "--format", "github"], tmp_path)
    assert code == 1
    assert out.startswith("::error file=demo.plan,line=11,col=10,endLine=11,endColumn=13,title=R002::unknown unit")


def test_build_writes_plan_json_only_without_errors(tmp_path: Path) -> None:
    write(tmp_path / "plans" / "demo.plan", GOOD)
    code, _out, _err = run(["build", "plans", "--out", "out"], tmp_path)
    assert code == 0
    plan = json.loads((tmp_path / "out" / "demo-2025" / "plan.json").read_text(encoding="utf-8"))
    assert plan["schema"] == "planc/plan/v1"
    assert plan["actions"][0]["lead_units"] == ["发改委"]
    assert plan["actions"][0]["owners"][0]["as_written"] == "市发改委"
    assert plan["metrics"][0]["target"]["value"] == "8.5"
    write(tmp_path / "plans" / "demo.plan", GOOD.replace("lead 市发改委", "lead 市发改"))
    code, _out, _err = run(["build", "plans", "--out", "out"], tmp_path)
    assert code == 1
    # the failed build left the previous output in place
    assert json.loads((tmp_path / "out" / "demo-2025" / "plan.json").read_text(encoding="utf-8")) == plan


def test_build_refuses_to_write_into_the_sources(tmp_path: Path) -> None:
    write(tmp_path / "plans" / "demo.plan", GOOD)
    code, _out, err = run(["build", "plans", "--out", "plans"], tmp_path)
    assert code == 2 and "overwrite the sources" in err


def test_explain_prints_the_documentation() -> None:
    result = CliRunner().invoke(main, ["explain", "r002"])
    assert result.exit_code == 0
    assert result.stdout.startswith("R002 (error): unknown-unit")
    assert "Why it matters" in result.stdout and "Fix" in result.stdout
    result = CliRunner().invoke(main, ["explain", "X999"])
    assert result.exit_code == 2


def test_diagnostics_per_file_are_capped(tmp_path: Path) -> None:
    lines = "".join(f'metric m{i} "指标{i}" unit %\n' for i in range(12))
    write(tmp_path / "demo.plan", GOOD + lines)
    code, _out, err = run(["check", "demo.plan", "--max-diagnostics", "5"], tmp_path)
    assert code == 0
    assert err.count(": V011 warning") == 5
    assert "demo.plan: … and 7 more diagnostics" in err
    assert "0 errors, 12 warnings in 1 plan" in err


def test_internal_errors_are_reported_in_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import subprocess
    import sys

    write(tmp_path / "demo.plan", GOOD)
    script = (
        "import compiler.pipeline as p, sys\n"
        "def boom(*a, **k): raise RuntimeError('simulated bug')\n"
        "p.compile_paths = boom\n"
        "from driver.cli import entry\n"
        "sys.argv = ['planc', 'check', 'demo.plan']\n"
        "entry()\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "PLANC_DEBUG"}
    done = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, env=env)
    assert done.returncode == 3
    assert "internal error (RuntimeError: simulated bug)" in done.stderr
    assert "Traceback" not in done.stderr


def test_parallel_check_matches_sequential(tmp_path: Path) -> None:
    for index in range(3):
        write(tmp_path / "plans" / f"p{index}.plan", GOOD.replace("demo-2025", f"demo-{index}"))
    write(tmp_path / "plans" / "bad.plan", GOOD.replace("demo-2025", "bad").replace("lead 市发改委", "lead 市发改"))
    sequential = run(["check", "plans", "--jobs", "1", "--format", "json"], tmp_path)
    parallel = run(["check", "plans", "--jobs", "2", "--format", "json"], tmp_path)
    assert sequential == parallel
    assert sequential[0] == 1 and '"R002"' in sequential[1]
    # the code frames too: a worker sends back the text of every file a diagnostic cites
    framed = [run(["check", "plans", "--jobs", jobs, "--color", "never"], tmp_path) for jobs in ("1", "2")]
    assert framed[0] == framed[1]
    assert "lead 市发改" in framed[1][2] and "^" in framed[1][2]
    code, _out, _err = run(["build", "plans", "--jobs", "2", "--out", "out"], tmp_path)
    assert code == 1  # the bad plan blocks the build, in parallel as in sequence
