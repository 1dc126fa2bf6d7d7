"""The one pipeline: parse → build → resolve → validate; emit only when there are no errors.

Every stage collects diagnostics and returns them; nothing raises for bad input.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from time import perf_counter

from compiler import model as m
from compiler.build import Builder, Defined, Reference
from compiler.discover import discover
from compiler.loader import DEFAULT_MAX_FILE_BYTES, Loader
from compiler.numbering import assign_numbers
from compiler.owners import assign_owner_texts
from compiler.resolve import finalize_owners, resolve
from compiler.rules import RuleContext, run_rules
from diagnostics import Diagnostic, Severity, Span, has_errors, make


@dataclass
class CompiledPlan:
    """The outcome of compiling one plan file: the plan (None when it could not be built) and its diagnostics."""

    path: Path
    plan: m.Plan | None
    diagnostics: list[Diagnostic]
    # what the builder saw, for editor tools (the language server): declared names and written references
    defined: dict[str, dict[str, Defined]] = field(default_factory=dict, repr=False, compare=False)
    refs: list[Reference] = field(default_factory=list, repr=False, compare=False)
    # seconds per stage (parse, build, resolve, rules), for `planc build --timings`
    timings: dict[str, float] = field(default_factory=dict, repr=False, compare=False)

    @property
    def ok(self) -> bool:
        return self.plan is not None and not has_errors(self.diagnostics)


@dataclass
class CompileResult:
    """The outcome of compiling every plan named by the paths, with the diagnostics about the inputs as a whole and the source texts for code frames."""

    plans: list[CompiledPlan] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)  # about the inputs as a whole
    usage_error: bool = False  # a path on the command line does not exist or holds no plans
    # display path -> text, for code frames: every file read; from a pool, the files a diagnostic cites
    sources: dict[str, str] = field(default_factory=dict)
    # what ``compile_paths(after=...)`` returned for each plan, by entry file (the build's emitted files)
    after: dict[Path, object] = field(default_factory=dict)

    def all_diagnostics(self) -> list[Diagnostic]:
        out = list(self.diagnostics)
        for compiled in self.plans:
            out.extend(compiled.diagnostics)
        return out

    @property
    def ok(self) -> bool:
        return not has_errors(self.all_diagnostics())


def apply_acknowledgements(
    acks: list[tuple[m.Acknowledgement, Span]],
    diagnostics: list[Diagnostic],
    spans: dict[tuple[str, int, int], Span],
    *,
    publish: bool = False,
    checked: bool = True,
) -> list[Diagnostic]:
    """Mark warnings (and the publish gate's errors) covered by an `ack` in their block; report acks that cover nothing.

    ``checked`` says the rules ran; they do not while the plan has errors, so an ack's warning could
    not appear, and an ack that covers nothing is not reported then (it would only mislead).
    """
    from diagnostics.codes.v_publish import ACKNOWLEDGEABLE as PUBLISH_ACKNOWLEDGEABLE
    from diagnostics.codes.v_validate import SOURCE_DEFECTS

    acknowledgeable = PUBLISH_ACKNOWLEDGEABLE | SOURCE_DEFECTS

    extra: list[Diagnostic] = []
    used = [False] * len(acks)
    for diagnostic in diagnostics:
        if diagnostic.span is None or (diagnostic.severity is Severity.ERROR
                                       and diagnostic.code not in acknowledgeable):
            continue
        for index, (ack, scope) in enumerate(acks):
            if ack.code == diagnostic.code and scope.contains(diagnostic.span):
                diagnostic.acknowledged = ack.reason
                used[index] = True
                break
    for index, (ack, scope) in enumerate(acks):
        ack_span = spans.get((ack.source.file, ack.source.line, ack.source.column)) or Span(
            scope.file, ack.source.line, ack.source.column, ack.source.line, ack.source.column + 1
        )
        from diagnostics.codes import lookup

        try:
            severity = lookup(ack.code).severity
        except KeyError:
            extra.append(make("V017", f"`ack {ack.code}`: no such diagnostic code", ack_span,
                              hint="`planc explain` lists the codes"))
            continue
        if ack.code in SOURCE_DEFECTS:
            if checked and not used[index]:
                extra.append(make("V017", f"`ack {ack.code}` matches no {ack.code} error in its block", ack_span))
            continue
        if ack.code in PUBLISH_ACKNOWLEDGEABLE:
            if publish and checked and not used[index]:
                extra.append(make("V017", f"`ack {ack.code}` matches no {ack.code} error in its block", ack_span))
            continue  # the publish gate runs only with --publish: without it, nothing to match
        if severity is Severity.ERROR:
            extra.append(make("V027", f"`ack {ack.code}`: {ack.code} is an error and cannot be acknowledged", ack_span))
        elif checked and not used[index]:
            extra.append(make("V017", f"`ack {ack.code}` matches no {ack.code} warning in its block", ack_span))
    return extra


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """Let the cyclic garbage collector run less often while a plan compiles.

    Compiling allocates hundreds of thousands of small objects that live until the end,
    and almost no cycles; with Python's default thresholds the collector re-scans them
    again and again (about a fifth of `check` at 10k lines, growing with size). The
    previous thresholds are restored afterwards, so a long-running caller (the
    language server) keeps its own.
    """
    previous = gc.get_threshold()
    gc.set_threshold(100_000, 50, 100)
    try:
        yield
    finally:
        gc.set_threshold(*previous)


# A check a later layer adds to validation (a target's `diagnose`): the driver passes them in,
# so the compiler runs them without importing the layer that defines them.
PlanCheck = Callable[[RuleContext], list[Diagnostic]]


@dataclass(frozen=True)
class CompileOptions:
    """How to compile: the later layers' checks to run with the rules, and whether the publish gate is on
    (defects a 文秘 would reject become errors: `planc check --publish`)."""

    checks: tuple[PlanCheck, ...] = ()
    publish: bool = False
    # send the declared names and references back from worker processes: editor tools use them; the command
    # line does not, and they are a third of what a worker sends back (a serial compile keeps them anyway)
    symbols: bool = False


def compile_file(
    path: Path, loader: Loader | None = None, root: Path | None = None, options: CompileOptions = CompileOptions()
) -> CompiledPlan:
    """Compile one plan file (with everything it includes)."""
    with _fewer_collections():
        return _compile_file(path, loader, root, options)


def _compile_file(path: Path, loader: Loader | None, root: Path | None, options: CompileOptions) -> CompiledPlan:
    clock = _Clock()
    compiled = _compile_stages(path, loader, root, options, clock)
    compiled.timings = clock.seconds
    return compiled


class _Clock:
    """Seconds per stage of one compilation: ``clock.lap("parse")`` closes the stage that just ran."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._last = perf_counter()

    def lap(self, stage: str) -> None:
        now = perf_counter()
        self.seconds[stage] = self.seconds.get(stage, 0.0) + now - self._last
        self._last = now


def _compile_stages(
    path: Path, loader: Loader | None, root: Path | None, options: CompileOptions, clock: _Clock
) -> CompiledPlan:
    loader = loader or Loader()
    path = path.resolve()
    start = len(loader.diagnostics)
    syntax_file = loader.load(path)
    clock.lap("parse")
    diagnostics: list[Diagnostic] = loader.diagnostics[start:]
    del loader.diagnostics[start:]
    if syntax_file is None or not syntax_file.ok:
        return CompiledPlan(path, None, list(syntax_file.diagnostics if syntax_file else diagnostics))
    builder = Builder(loader, root or path.parent)
    plan = builder.build_file(path, syntax_file)
    clock.lap("build")
    diagnostics = [*diagnostics, *builder.diagnostics]  # the file's syntax warnings, then the builder's
    diagnostics.extend(loader.diagnostics[start:])
    del loader.diagnostics[start:]
    if plan is None:
        return CompiledPlan(path, None, diagnostics, builder.defined, builder.refs)
    diagnostics.extend(resolve(builder))
    finalize_owners(plan)
    assign_numbers(plan)
    assign_owner_texts(plan)
    clock.lap("resolve")
    checked = not has_errors(diagnostics)
    if checked:
        context = RuleContext(plan, builder.display_names(), builder.spans, publish=options.publish)
        diagnostics.extend(run_rules(context))
        for check in options.checks:
            diagnostics.extend(check(context))
    diagnostics.extend(
        apply_acknowledgements(builder.acks, diagnostics, builder.spans, publish=options.publish, checked=checked)
    )
    if options.publish:
        from diagnostics.codes.v_publish import PROMOTED

        for diagnostic in diagnostics:  # under --publish an unclosed bracket is an error unless acknowledged
            if diagnostic.code in PROMOTED and not diagnostic.acknowledged:
                diagnostic.severity = Severity.ERROR
    diagnostics.sort(key=lambda d: d.sort_key())
    clock.lap("rules")
    return CompiledPlan(path, plan, diagnostics, builder.defined, builder.refs)


def compile_source(
    path: Path, text: str, overlays: dict[Path, str] | None = None, options: CompileOptions = CompileOptions()
) -> CompiledPlan:
    """Compile the plan file at ``path`` from ``text`` rather than from the disk; included files are read
    from the disk unless ``overlays`` gives their text (an editor's unsaved buffers)."""
    loader = Loader()
    for other, other_text in (overlays or {}).items():
        loader.preload(other, other_text)
    loader.preload(path, text)
    return compile_file(path, loader, options=options)


def _compile_in_worker(
    entry: Path, max_file_bytes: int, options: CompileOptions, after: Callable[[CompiledPlan], object] | None
) -> tuple[CompiledPlan, dict[str, str], object]:
    loader = Loader(max_file_bytes=max_file_bytes)
    compiled = compile_file(entry, loader, options=options)
    outcome = after(compiled) if after is not None else None
    if not options.symbols:  # the caller has no use for them; they are a third of what goes back
        compiled.defined, compiled.refs = {}, []
    cited = {span.file for d in compiled.diagnostics for span in (d.span, *(label.span for label in d.labels)) if span}
    sources = {name: text for name, text in loader.sources().items() if name in cited}
    return compiled, sources, outcome  # the whole result pickles, symbols and references included when asked


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


def compile_paths(
    paths: list[Path],
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
    *,
    jobs: int = 1,
    on_progress: Callable[[Path], None] | None = None,
    options: CompileOptions = CompileOptions(),
    after: Callable[[CompiledPlan], object] | None = None,
) -> CompileResult:
    """Compile every plan named by ``paths``; with ``jobs`` > 1, plans compile in a process pool.

    ``after`` (a module-level function, so that it pickles) runs on each compiled plan where it was
    compiled, in the worker when there is a pool; what it returns is in ``result.after``. The build
    emits a plan's files there, so the plan is not sent to a second pool to be emitted.
    """
    loader = Loader(max_file_bytes=max_file_bytes)
    entries, diagnostics, usage_error = discover(paths, loader)
    result = CompileResult(diagnostics=diagnostics, usage_error=usage_error)
    if jobs > 1 and len(entries) > 1:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=min(jobs, len(entries))) as pool:
            # small batches: a worker left idle at the end waits for the other's last batch (with 25 plans a
            # batch, half a second of the 200-plan bench); a batch of one would cost a round trip per plan
            chunk = max(1, len(entries) // (jobs * 16))
            outcomes = pool.map(_compile_in_worker, entries, [max_file_bytes] * len(entries),
                                [options] * len(entries), [after] * len(entries), chunksize=chunk)
            for entry, (compiled, sources, outcome) in zip(entries, outcomes):
                result.plans.append(compiled)
                result.sources.update(sources)
                if after is not None:
                    result.after[entry] = outcome
                if on_progress:
                    on_progress(entry)
        return result
    for entry in entries:
        compiled = compile_file(entry, loader, options=options)
        result.plans.append(compiled)
        if after is not None:
            result.after[entry] = after(compiled)
        if on_progress:
            on_progress(entry)
    result.sources = loader.sources()
    return result
