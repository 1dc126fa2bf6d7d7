"""`planc check` stays quick to start: it loads no artifact model, template engine or file writer.

(The time itself is measured by `make bench` and `bench.cold_start_ab`, never asserted here.)
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("targets.scoring.schema", "targets.checks.schema", "targets.schedule.schema", "targets.serialize", "orjson",
         "jinja2", "docx", "openpyxl",
         "icalendar", "pygls", "lark")


def test_check_loads_no_artifact_models_or_writers() -> None:
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from driver.cli import main\n"
        "result = CliRunner().invoke(main, ['check', 'plans/yiyang-2022.plan'])\n"
        "assert result.exit_code == 0, result.output\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    output = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert output.stdout.strip() == "[]"
