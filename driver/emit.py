"""Emit every target for every compiled plan and write the build (driver/write.py) under the build lock.

Plans whose output is already in ``--out`` with the same content address (driver/cache.py)
are not emitted again; the others are emitted in worker processes when there are
several. Emission is pure (plan in, bytes out), so parallel and serial output are the
same bytes.
"""

from __future__ import annotations

import gc
import os
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from driver.cache import source_date_epoch_problem
from driver.write import OutputError, OutputFolder, Staged, io_error

if TYPE_CHECKING:  # the model loads with the compiler; a no-change build needs neither
    from compiler.model import Plan
    from diagnostics import Diagnostic



@dataclass
class Timings:
    """Seconds spent per stage and per target, summed over plans (``planc build --timings``)."""

    stages: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    targets: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    compile: dict[str, float] = field(default_factory=lambda: defaultdict(float))  # parse, build, resolve, rules
    emitted: int = 0
    reused: int = 0

    def add(self, other: dict[str, float]) -> None:
        for name, seconds in other.items():
            self.targets[name] += seconds


@dataclass
class Built:
    """What a build did: plans emitted, plans reused from the previous output, whether anything changed."""

    emitted: list[str]
    reused: list[str]
    changed: bool


@contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic garbage collection while the targets emit a plan.

    After a large plan is compiled a million objects are alive, and each of the
    collector's full passes walks all of them: building 50,000 schedule events, the
    ledger's rows, a model per check set off such passes (most of the schedule's time
    at 100k lines, a fifth of the ledger's, growing faster than the plan), and the
    pass a compile left due landed on whichever target ran first. What the emitters
    build holds no reference cycles and is freed by reference counting; the output
    does not depend on the collector. It is switched back on only if it was on.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# A plan this large (actions + metrics + units) has its targets emitted side by side when there are
# cores to spare; below it, starting the workers costs more than it saves (~10 ms per worker).
LARGE_PLAN = 1_000
_FORKED_PLAN: list[Plan] = []  # the plan the forked target workers inherit (fork copies it; nothing is pickled)


def _size(plan: Plan) -> int:
    """How much a plan has to emit, roughly: its actions, metrics and units."""
    return len(plan.actions) + len(plan.metrics) + len(plan.units)


def _timed(target: Any, plan: Plan) -> tuple[dict[str, bytes], float]:
    start = time.perf_counter()
    return target.emit(plan), time.perf_counter() - start


def _emit_target(name: str) -> tuple[dict[str, bytes], float]:
    """One target of the inherited plan, in a forked worker."""
    from targets import all_targets

    with paused_gc():
        return _timed(next(t for t in all_targets() if t.name == name), _FORKED_PLAN[0])


def _fork_context() -> Any:
    """The fork start method where the platform has it and it is safe (Linux); None elsewhere (macOS, Windows)."""
    import multiprocessing

    if sys.platform != "linux" or "fork" not in multiprocessing.get_all_start_methods():
        return None
    if multiprocessing.parent_process() is not None:  # already a worker: no pools inside pools
        return None
    return multiprocessing.get_context("fork")


def emit_plan(plan: Plan, jobs: int = 1) -> tuple[dict[str, bytes], dict[str, float]]:
    """Every target's files for one plan, and the seconds each target took.

    With ``jobs`` > 1 and a large plan, the targets are emitted in ``jobs`` forked processes that
    inherit the plan; the files are the same bytes (emitters are pure) and come back in target order.
    """
    from targets import all_targets

    targets = all_targets()
    context = _fork_context() if jobs > 1 and _size(plan) >= LARGE_PLAN else None
    if context is None:
        with paused_gc():
            outcomes = {target.name: _timed(target, plan) for target in targets}
    else:
        from concurrent.futures import ProcessPoolExecutor

        _FORKED_PLAN[:] = [plan]
        try:
            with ProcessPoolExecutor(max_workers=min(jobs, len(targets)), mp_context=context) as pool:
                outcomes = dict(zip((t.name for t in targets), pool.map(_emit_target, [t.name for t in targets])))
        finally:
            _FORKED_PLAN.clear()
    files: dict[str, bytes] = {}
    for target in targets:
        files.update(outcomes[target.name][0])
    return files, {name: outcome[1] for name, outcome in outcomes.items()}


@dataclass(frozen=True)
class EmitAhead:
    """Emit a plan where it was compiled (``compile_paths(after=...)``): in the worker, so a parallel build
    does not send every plan to a second pool. Plans with errors are not emitted, nor plans whose cache key
    is the one recorded for their entry file in the previous build (the build verifies and reuses those).
    The build uses what was emitted ahead only for plans it emits; the rest is dropped. A plan whose
    emission fails here is emitted again by the build, which reports the failure as it always has."""

    options: dict[str, str]
    recorded: dict[str, str] = field(default_factory=dict)  # entry file (resolved) -> its key in the manifest
    jobs: int = 1  # a large plan compiled in the main process has its targets emitted side by side

    def __call__(self, compiled: Any) -> tuple[dict[str, bytes], dict[str, float]] | None:
        if not compiled.ok:
            return None
        recorded = self.recorded.get(str(compiled.path.resolve()))
        if recorded is not None:
            from driver.cache import plan_key

            if plan_key(compiled.path, compiled.plan.files, self.options) == recorded:
                return None
        try:
            return emit_plan(compiled.plan, self.jobs)
        except Exception:  # the build emits this plan again and reports the failure (exit 2 or 3)
            return None


def recorded_keys(out: Path) -> dict[str, str]:
    """Entry file -> the cache key its plan was built with, from the current manifest; empty when unreadable.

    A hint for :class:`EmitAhead` only: the build itself verifies every reused output under the lock.
    """
    from driver.manifest import SHARED
    from driver.write import OutputFolder

    try:
        _generation, manifest = OutputFolder(out).current_generation()
    except (OSError, ValueError, OutputError):  # the build reports these
        return {}
    return {entry.entry: entry.key for pid, entry in manifest.plans.items() if pid != SHARED and entry.entry}


def render_index(plans: list[Plan], timings: Timings | None = None) -> dict[str, bytes]:
    from targets import all_targets

    shared: dict[str, bytes] = {}
    ordered = sorted(plans, key=lambda p: p.id)
    for target in all_targets():
        if target.emit_index is not None:
            start = time.perf_counter()
            shared.update(target.emit_index(ordered))
            if timings is not None:
                timings.targets[f"{target.name} (index)"] += time.perf_counter() - start
    return shared


def render_plans(plans: list[Plan], jobs: int = 1, timings: Timings | None = None) -> dict[str, dict[str, bytes]]:
    """The files of each plan; with ``jobs`` > 1 and several plans, emitted in a process pool."""
    per_plan: dict[str, dict[str, bytes]] = {}
    ordered = sorted(plans, key=lambda p: p.id)
    if jobs > 1 and len(ordered) > 1:
        from concurrent.futures import ProcessPoolExecutor

        workers = min(jobs, len(ordered))
        with ProcessPoolExecutor(max_workers=workers) as pool:
            # largest plans first so one big plan does not finish last on its own
            by_size = sorted(ordered, key=lambda p: -_size(p))
            outcomes = dict(zip((p.id for p in by_size), pool.map(emit_plan, by_size)))
        results = [outcomes[p.id] for p in ordered]
    else:
        results = [emit_plan(p, jobs) for p in ordered]
    for plan, (files, seconds) in zip(ordered, results):
        per_plan[plan.id] = files
        if timings is not None:
            timings.add(seconds)
    return per_plan


def render_all(plans: list[Plan], jobs: int = 1) -> tuple[dict[str, dict[str, bytes]], dict[str, bytes]]:
    """Pure: the bytes of every output file, per plan and shared."""
    return render_plans(plans, jobs), render_index(plans)


def emit_all(
    plans: list[Plan],
    out: Path,
    sources: list[Path],
    *,
    entries: dict[str, Path] | None = None,
    jobs: int = 1,
    use_cache: bool = True,
    options: dict[str, str] | None = None,
    finish: Callable[[Path, list[str]], str | None] | None = None,
    timings: Timings | None = None,
    on_wait: Callable[[], None] | None = None,
) -> str | None:
    """Write the build; returns a problem description (exit 2) instead of writing when it cannot.

    ``entries``: plan id -> its entry file, for the cache keys (no entries: no reuse).
    ``finish(generation, emitted_ids)`` runs on the staged generation before the switch
    (``--pdf``) and may return a problem.
    """
    try:
        build_all(plans, out, sources, entries=entries, jobs=jobs, use_cache=use_cache, options=options,
                  finish=finish, timings=timings, on_wait=on_wait)
    except OutputError as error:
        return str(error)
    return None


def build_all(
    plans: list[Plan],
    out: Path,
    sources: list[Path],
    *,
    entries: dict[str, Path] | None = None,
    jobs: int = 1,
    use_cache: bool = True,
    options: dict[str, str] | None = None,
    finish: Callable[[Path, list[str]], str | None] | None = None,
    timings: Timings | None = None,
    on_wait: Callable[[], None] | None = None,
    diagnostics: dict[str, list[Diagnostic]] | None = None,
    emitted_ahead: dict[str, tuple[dict[str, bytes], dict[str, float]]] | None = None,
) -> Built:
    """:func:`emit_all`, raising :class:`OutputError` and returning what was emitted and reused.

    ``emitted_ahead``: plan id -> its files and per-target seconds, emitted where it was compiled
    (:class:`EmitAhead`); those plans are not emitted again.
    """
    from driver.cache import build_options, plan_key, shared_key
    from driver.lock import BuildLock, LockTimeout

    problem = unsafe_output(out, sources) or source_date_epoch_problem()
    if problem:
        raise OutputError(problem)
    ids = [p.id for p in plans]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise OutputError(f"two plans share the id {', '.join(duplicates)}; plan ids name the output folders")
    from compiler.rules.file_names import folder_name_problem

    for plan_id in ids:  # `check` reports these as V301; the build never writes such a name
        problem = folder_name_problem(plan_id)
        if problem:
            raise OutputError(f"plan id `{plan_id}` {problem}")
    folder = OutputFolder(out)
    folder.prepare()
    options = options if options is not None else build_options()
    try:
        with BuildLock(folder.state / "lock", on_wait=on_wait):
            generation, manifest = folder.current_generation()
            names = sorted(ids) + ["index.md", "index.html"]
            folder.check_ownership(names, generation, manifest)
            keys = {p.id: plan_key(entries[p.id], p.files, options) if entries and p.id in entries else ""
                    for p in plans}
            reuse = {pid for pid, key in keys.items()
                     if use_cache and key and folder.verify(generation, pid, manifest, key)}
            index_key = shared_key(keys) if all(keys.values()) else ""
            from driver.manifest import SHARED

            shared_reused = bool(use_cache and index_key and folder.verify(generation, SHARED, manifest, index_key))
            links_present = all(os.path.lexists(out / name) for name in ids)
            if len(reuse) == len(plans) and shared_reused and links_present:
                assert generation is not None
                folder.collect(generation)  # what a killed build left; the output itself is untouched
                if timings is not None:
                    timings.reused = len(reuse)
                return Built([], sorted(reuse), False)
            fresh = [p for p in plans if p.id not in reuse]
            start = time.perf_counter()
            hook = sys.unraisablehook  # openpyxl's generators, collected after a failed write, would print tracebacks
            problem = None
            try:
                sys.unraisablehook = lambda _unraisable: None
                ahead = {p.id: emitted_ahead[p.id] for p in fresh if emitted_ahead and p.id in emitted_ahead}
                per_plan = render_plans([p for p in fresh if p.id not in ahead], jobs, timings)
                for plan_id, (files, seconds) in ahead.items():
                    per_plan[plan_id] = files
                    if timings is not None:
                        timings.add(seconds)
                per_plan = dict(sorted(per_plan.items()))
                shared = None if shared_reused else render_index(plans, timings)
            except Exception as error:
                problem = _emission_io_problem(error)
                if problem is None:
                    raise  # a bug in a target: exit 3 with the one-line report
            finally:
                if problem is not None:
                    import gc

                    gc.collect()  # the failed writers' generators go now, while their complaints are muted
                sys.unraisablehook = hook
            if problem is not None:
                raise OutputError(problem)
            if timings is not None:
                timings.stages["emit"] += time.perf_counter() - start
                timings.emitted, timings.reused = len(fresh), len(reuse)
            staged = Staged(per_plan, keys, reuse, shared, index_key)
            if entries:
                from driver.manifest import Entry
                from driver.uptodate import diagnostic_to_json

                staged.meta = {p.id: Entry("", {}, str(entries[p.id].resolve()), list(p.files),
                                           [diagnostic_to_json(d) for d in (diagnostics or {}).get(p.id, [])])
                               for p in plans if p.id in entries}

            def finishing(generation_dir: Path) -> None:
                if finish is not None:
                    issue = finish(generation_dir, sorted(per_plan))
                    if issue:
                        raise OutputError(issue)

            start = time.perf_counter()
            folder.write(staged, generation, manifest, finishing)
            if timings is not None:
                timings.stages["write"] += time.perf_counter() - start
            return Built(sorted(per_plan), sorted(reuse), True)
    except LockTimeout:
        raise OutputError(f"another planc build has held the lock {folder.state / 'lock'} for 10 minutes; "
                          "wait for it to finish, or build into another --out") from None
    except OSError as error:
        raise io_error(error, "write the build") from None


def _emission_io_problem(error: BaseException) -> str | None:
    """An emitter's temporary file could not be written (openpyxl and lxml write below the temporary folder):
    the message, or None when the failure is not an I/O error (then it is a bug)."""
    import errno
    import tempfile

    if isinstance(error, OSError):
        return str(io_error(error, "emit the plans' files"))
    name = str(error).split(":")[0].strip()
    if name.startswith("IO_E") and hasattr(errno, name[3:]):  # libxml2's I/O errors, e.g. IO_EFBIG, IO_ENOSPC
        return (f"cannot emit the plans' files: writing a temporary file in {tempfile.gettempdir()}: "
                f"{os.strerror(getattr(errno, name[3:]))}")
    return None


def unsafe_output(out: Path, sources: list[Path]) -> str | None:
    """The output folder may not be a source folder, lie above one, be a .plan file, or sit under a file."""
    try:
        return _unsafe_output(out, sources)
    except OSError as error:  # a name too long, a folder that cannot be searched, a link loop
        return str(io_error(error, "use the output folder"))
    except RuntimeError as error:  # pathlib's "Symlink loop"
        return f"cannot use the output folder: {out}: {error}"


def _unsafe_output(out: Path, sources: list[Path]) -> str | None:
    out_resolved = out.resolve()
    if out_resolved.suffix == ".plan" or (out_resolved.exists() and not out_resolved.is_dir()):
        return f"--out {out} is a file, not a folder"
    for parent in out_resolved.parents:
        if parent.exists() and not parent.is_dir():
            return f"--out {out} lies under {parent}, which is a file, not a folder"
    for source in sources or [Path("plans")]:
        source_resolved = source.resolve()
        source_dir = source_resolved if source_resolved.is_dir() else source_resolved.parent
        if out_resolved == source_dir or out_resolved in source_dir.parents:
            return f"--out {out} would overwrite the sources in {source}"
    if out_resolved.is_dir() and any(out_resolved.glob("*.plan")):
        return f"--out {out} contains .plan files; refusing to write build output there"
    return None
