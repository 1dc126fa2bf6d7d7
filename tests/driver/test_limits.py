"""Bounded resources (issue 20, finding 6), each with its reproduction.

A 6 MB one-line plan printed 300 MB of stderr (each capped diagnostic printed the whole
line twice) in 2.2 GB; a 7 MB string literal needed 1.2 GB; a 150 MB CSV of one number
1.7 GB; 5 MB of `;` took 17 s. Memory is measured in a subprocess (its peak RSS), with
generous bounds: each was over a gigabyte, each is now under a hundred megabytes.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from compiler.csvtable import MAX_DATA_BYTES
from diagnostics import Severity, Span
from diagnostics import make as make_diagnostic
from diagnostics.render import FRAME_CHARS, MESSAGE_CHARS, render_text
from dsl.parser import get_parser

ROOT = Path(__file__).resolve().parents[2]
# The peak of the subprocess's own memory: VmHWM belongs to the process image, which exec
# replaces (ru_maxrss would carry over the peak of the pytest process that forked it).
PEAK = ("import sys; print(next(line.split()[1] for line in open('/proc/self/status') if line.startswith('VmHWM')),"
        " file=sys.stderr)")


def planc(*args: str, cwd: Path) -> tuple[int, str, int]:
    """Run planc in a subprocess: exit code, stderr (without the peak line), peak RSS in MB."""
    code = (f"import sys; sys.argv = ['planc', *{list(args)!r}]\nfrom driver.cli import main\n"
            f"try:\n    main()\nexcept SystemExit as e:\n    code = e.code\nelse:\n    code = 0\n{PEAK}\nsys.exit(code)")
    done = subprocess.run([sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True, timeout=300)
    *lines, peak = done.stderr.rstrip("\n").split("\n")
    return done.returncode, "\n".join(lines), int(peak) // 1024


def test_a_six_megabyte_line_prints_bounded_frames(tmp_path: Path) -> None:
    # 20 control characters in a 6 MB one-line title: 20 diagnostics, each framing the line
    body = ("甲" * 100_000 + "\x07") * 20
    (tmp_path / "one.plan").write_text(f'plan p {{ title "{body}"; period 2022..2025 }}\n', encoding="utf-8")
    code, err, peak = planc("check", "one.plan", cwd=tmp_path)
    assert code == 1
    assert err.count("P009 error") == 20
    assert len(err) < 20 * 4 * (FRAME_CHARS + 100), len(err)
    assert peak < 200, peak


def test_a_frame_is_cut_around_its_column() -> None:
    line = "x" * 1_000_000 + "^here" + "y" * 1_000_000
    diagnostic = make_diagnostic("P001", "here", Span("f.plan", 1, 1_000_001, 1, 1_000_006))
    frame = render_text([diagnostic] * 50, {"f.plan": line}).splitlines()
    assert max(len(row) for row in frame) < FRAME_CHARS + 20
    shown, caret = frame[2], frame[3]
    assert shown.startswith("1 | …x") and shown.endswith("y…")
    assert shown[caret.index("^")] == "^" and caret.count("^") == 5  # the caret under what it marks


def test_a_long_message_is_cut() -> None:
    diagnostic = make_diagnostic("D060", f"`{'9' * 100_000}` is not a number", Span("d.csv", 2, 1, 2, 2))
    assert diagnostic.severity is Severity.ERROR
    header = render_text([diagnostic], {}).splitlines()[0]
    assert len(header) < MESSAGE_CHARS + 60 and header.endswith("…")


def test_a_seven_megabyte_string_stays_small(tmp_path: Path) -> None:
    text = "甲" * 2_300_000
    plan = f'plan p {{\n  title "T"\n  period 2022..2025\n}}\nsection s "一" {{\n  text "{text}"\n}}\n'
    (tmp_path / "big.plan").write_text(plan, encoding="utf-8")
    code, err, peak = planc("check", "big.plan", cwd=tmp_path)
    assert code == 0, err
    assert peak < 200, peak  # 1.2 GB before the string's pattern was unrolled


def test_a_run_of_separators_is_one_token() -> None:
    # 5 MB of `;` took 17 s as five million tokens through the parser
    tokens = list(get_parser().lex(";" * 100_000 + "\n" + "；; ;" * 1000 + "\n"))
    assert len(tokens) == 4, [t.type for t in tokens]


def test_a_data_file_over_the_limit_is_refused_unread(tmp_path: Path) -> None:
    huge = tmp_path / "huge.csv"
    with huge.open("w", encoding="utf-8") as handle:
        handle.write("metric,period,value\n市场主体,2023,")
        for _ in range(MAX_DATA_BYTES // 2**20 + 1):
            handle.write("9" * 2**20)
    plan = str(ROOT / "tests/golden/checks/progress.plan")
    code, err, peak = planc("evaluate", plan, "--data", str(huge), cwd=tmp_path)
    assert code == 2
    assert "D011 error: cannot read the progress file" in err and "data files are read up to 33,554,432 bytes" in err
    assert "9999999999" not in err
    assert peak < 200, peak
    code, err, _peak = planc("score", str(ROOT / "tests/golden/scoring/small_scheme.plan"), "--data", str(huge), cwd=tmp_path)
    assert code == 2 and "data files are read up to" in err
