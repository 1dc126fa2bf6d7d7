"""Atomic writes of a build: every plan folder swapped in whole, shared files replaced atomically."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


def _recover(out: Path) -> None:
    """Undo what a build killed outright (SIGKILL, power loss) left half-swapped."""
    for leftover in out.glob(".planc-old-*"):
        final = out / leftover.name.removeprefix(".planc-old-")
        if final.exists():
            shutil.rmtree(leftover, ignore_errors=True)
        else:
            os.replace(leftover, final)
    for staging in out.glob(".planc-staging-*"):
        shutil.rmtree(staging, ignore_errors=True)


def write_build(out: Path, per_plan: dict[str, dict[str, bytes]], shared: dict[str, bytes]) -> None:
    """Write the build so a failure part-way leaves every previous plan output intact.

    Everything is first written into a temporary folder inside ``out``; then each
    plan folder is swapped in with a rename, and shared files are replaced atomically.
    """
    out.mkdir(parents=True, exist_ok=True)
    _recover(out)
    staging = Path(tempfile.mkdtemp(prefix=".planc-staging-", dir=out))
    try:
        for plan_id, files in per_plan.items():
            for rel, data in files.items():
                target = staging / plan_id / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
        for rel, data in shared.items():
            target = staging / "_shared" / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        for plan_id in per_plan:
            final = out / plan_id
            old = out / f".planc-old-{plan_id}"
            if old.exists():
                shutil.rmtree(old)
            if final.exists():
                os.replace(final, old)
            try:
                os.replace(staging / plan_id, final)
            except BaseException:
                # interrupted between the two renames: put the previous output back
                if old.exists() and not final.exists():
                    os.replace(old, final)
                raise
            if old.exists():
                shutil.rmtree(old)
        for rel in shared:
            final = out / rel
            final.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / "_shared" / rel, final)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
