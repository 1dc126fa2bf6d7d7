"""Artifacts: deterministic JSON, the registry of versioned schemas, and atomic writes."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from compiler.model import Plan


def dump_json(model: Any) -> bytes:
    """Sorted keys, two-space indent, UTF-8 text kept as is, one trailing newline."""
    data = model.model_dump(mode="json", by_alias=True)
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def schema_registry() -> dict[str, Any]:
    """kind.vN -> model; each becomes docs/schemas/<kind>.v<N>.json."""
    registry: dict[str, Any] = {"plan.v1": Plan}
    for module_name in ("compiler.diagnostics_json", "targets.checks.schema", "targets.schedule.schema", "targets.scoring.schema"):
        try:
            module = __import__(module_name, fromlist=["SCHEMAS"])
        except ModuleNotFoundError as error:
            if error.name and module_name.startswith(error.name):
                continue  # that target is not built yet
            raise
        registry.update(getattr(module, "SCHEMAS", {}))
    return registry


def json_schema(model: Any) -> str:
    schema = model.model_json_schema(by_alias=True, mode="serialization")
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, model in sorted(schema_registry().items()):
        path = folder / f"{name}.json"
        path.write_text(json_schema(model), encoding="utf-8")
        written.append(path)
    return written


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
