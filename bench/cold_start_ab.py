"""Compare the cold start of `planc check plans/yiyang-2022.plan` across checkouts.

    python -m bench.cold_start_ab DIR [DIR ...]

Each DIR is a checkout with its own `.venv` (e.g. an older commit and this one). The
checkouts run in turn, 25 times each, so a machine whose speed drifts affects them
alike; the median and the fastest run of each are printed. Bytecode caching is on, as
a user's Python has it.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time

ROUNDS = 25


def main(folders: list[str]) -> int:
    if not folders:
        print(__doc__)
        return 2
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    times: dict[str, list[float]] = {folder: [] for folder in folders}

    def run(folder: str) -> float:
        start = time.perf_counter()
        subprocess.run([os.path.join(folder, ".venv", "bin", "planc"), "check", "plans/yiyang-2022.plan"],
                       cwd=folder, capture_output=True, env=env, check=True)
        return time.perf_counter() - start

    for folder in folders:
        run(folder)  # write the bytecode
    for _ in range(ROUNDS):
        for folder in folders:
            times[folder].append(run(folder))
    for folder, values in times.items():
        print(f"{folder}: median {statistics.median(values) * 1000:.0f} ms, fastest {min(values) * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
