"""Emit every target for every compiled plan and write the build atomically."""

from __future__ import annotations

from pathlib import Path

from compiler.model import Plan
from driver.write import write_build


def render_all(plans: list[Plan]) -> tuple[dict[str, dict[str, bytes]], dict[str, bytes]]:
    """Pure: the bytes of every output file, per plan and shared."""
    from targets import all_targets

    targets = all_targets()
    per_plan: dict[str, dict[str, bytes]] = {}
    for plan in sorted(plans, key=lambda p: p.id):
        files: dict[str, bytes] = {}
        for target in targets:
            files.update(target.emit(plan))
        per_plan[plan.id] = files
    shared: dict[str, bytes] = {}
    ordered = sorted(plans, key=lambda p: p.id)
    for target in targets:
        if target.emit_index is not None:
            shared.update(target.emit_index(ordered))
    return per_plan, shared


def emit_all(plans: list[Plan], out: Path, sources: list[Path]) -> str | None:
    """Write the build; returns a problem description instead of writing if OUT is unsafe."""
    problem = unsafe_output(out, sources)
    if problem:
        return problem
    ids = [p.id for p in plans]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        return f"two plans share the id {', '.join(duplicates)}; plan ids name the output folders"
    per_plan, shared = render_all(plans)
    write_build(out, per_plan, shared)
    return None


def unsafe_output(out: Path, sources: list[Path]) -> str | None:
    """The output folder may not be a source folder, lie above one, or be a .plan file."""
    out_resolved = out.resolve()
    if out_resolved.suffix == ".plan" or (out_resolved.exists() and not out_resolved.is_dir()):
        return f"--out {out} is a file, not a folder"
    for source in sources or [Path("plans")]:
        source_resolved = source.resolve()
        source_dir = source_resolved if source_resolved.is_dir() else source_resolved.parent
        if out_resolved == source_dir or out_resolved in source_dir.parents:
            return f"--out {out} would overwrite the sources in {source}"
    if out_resolved.is_dir() and any(out_resolved.glob("*.plan")):
        return f"--out {out} contains .plan files; refusing to write build output there"
    return None
