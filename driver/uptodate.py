"""A build with nothing to do skips compiling: every plan's sources hash as recorded, every output file too.

The manifest of the current generation records, per plan, its entry file, the files
it read and its diagnostics. When the plans found under the paths are exactly plans
the manifest knows, each one's cache key (driver/cache.py: the bytes of those files,
planc, the options) is unchanged and each output file still hashes as recorded, the
output is what a full build would write: `planc build` prints the recorded
diagnostics again and stops. Anything else (a new or changed file, a damaged output, a
manifest without the record) falls back to the full build, which decides.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from diagnostics import Diagnostic, Label, Severity, Span


def _span_json(span: Span) -> dict[str, Any]:
    return {"file": span.file, "line": span.line, "column": span.column, "end_line": span.end_line,
            "end_column": span.end_column, "cell": span.cell}


def _span(raw: dict[str, Any]) -> Span:
    return Span(str(raw["file"]), int(raw["line"]), int(raw["column"]), int(raw["end_line"]),
                int(raw["end_column"]), raw.get("cell"))


def diagnostic_to_json(diagnostic: Diagnostic) -> dict[str, Any]:
    return {
        "code": diagnostic.code, "severity": diagnostic.severity.value, "message": diagnostic.message,
        "span": _span_json(diagnostic.span) if diagnostic.span else None, "hint": diagnostic.hint,
        "labels": [{"span": _span_json(label.span), "message": label.message} for label in diagnostic.labels],
        "acknowledged": diagnostic.acknowledged,
    }


def diagnostic_from_json(raw: dict[str, Any]) -> Diagnostic:
    return Diagnostic(
        str(raw["code"]), Severity(raw["severity"]), str(raw["message"]),
        _span(raw["span"]) if raw.get("span") else None, raw.get("hint"),
        tuple(Label(_span(label["span"]), str(label["message"])) for label in raw.get("labels", [])),
        raw.get("acknowledged"),
    )


def up_to_date(
    paths: list[Path], out: Path, options: dict[str, str], max_file_bytes: int
) -> tuple[list[Diagnostic], dict[str, str], int] | None:
    """(diagnostics, sources, plan count) when OUT already holds this build; None when a build must decide."""
    import os

    from compiler.discover import discover
    from compiler.loader import Loader, decode_source, display_path
    from driver.cache import plan_key, shared_key
    from driver.lock import BuildLock, LockTimeout
    from driver.manifest import SHARED
    from driver.write import OutputError, OutputFolder

    folder = OutputFolder(out)
    if not os.path.lexists(folder.current) or not folder.state.is_dir():
        return None
    entries, problems, usage_error = discover(paths, Loader(max_file_bytes=max_file_bytes))
    if problems or usage_error or not entries:
        return None
    try:
        with BuildLock(folder.state / "lock", timeout=0):
            generation, manifest = folder.current_generation()
            by_entry = {e.entry: pid for pid, e in manifest.plans.items() if pid != SHARED and e.entry}
            keys: dict[str, str] = {}
            for entry in entries:
                pid = by_entry.get(str(entry))
                if pid is None:
                    return None
                recorded = manifest.plans[pid]
                keys[pid] = plan_key(entry, recorded.deps, options)
                if not folder.verify(generation, pid, manifest, keys[pid]):
                    return None
            if not folder.verify(generation, SHARED, manifest, shared_key(keys)):
                return None
            folder.check_ownership(sorted(keys) + ["index.md", "index.html"], generation, manifest)
            if not all(os.path.lexists(out / name) for name in keys):
                return None
            assert generation is not None
            folder.collect(generation)  # what a killed build left below .planc/; the output itself is untouched
    except (OutputError, LockTimeout, OSError):
        return None  # the full build reports it
    diagnostics: list[Diagnostic] = []
    sources: dict[str, str] = {}
    for entry in entries:
        recorded = manifest.plans[by_entry[str(entry)]]
        diagnostics.extend(diagnostic_from_json(raw) for raw in recorded.diagnostics)
        for rel in recorded.deps:
            path = (entry.parent / rel).resolve()
            name = display_path(path)
            try:
                text, _problem = decode_source(path.read_bytes(), name)
            except OSError:
                return None
            if text is not None:
                sources[name] = text
    return diagnostics, sources, len(entries)
