"""`planc lsp`: the language server, over stdio (pygls).

Features:

* diagnostics as you type: the open document is compiled from the editor's text
  (files it includes are read from the disk, or from other open editors); a file
  without a `plan` block is compiled through the plan files above it that include it.
  Compiles run in a worker thread (:class:`Analyser`), re-parse only what an edit
  touched (:mod:`driver.lsp_parse`), and a result an edit has overtaken is dropped;
* hover on a unit, person or metric (a reference or its declaration): its full
  name, aliases, role or unit, where it is declared and where it is used, as Markdown
  in which every name from the plan is escaped;
* go to definition of a referenced unit, person, metric or other declared name;
* completion of unit and person names (and metrics after `part`).

The transport (frames, limits, JSON-RPC errors for what cannot be served) is
:mod:`driver.lsp_io`. LSP positions count UTF-16 code units; spans count characters; :class:`Lines`
converts between them. pygls is imported only when this module is, which the CLI
does only for `planc lsp`.
"""

from __future__ import annotations

import asyncio
import functools
import re
import sys
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click
from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from compiler import model as m
from compiler.build import Defined
from compiler.loader import Loader, display_path
from compiler.pipeline import CompiledPlan, CompileOptions, compile_file
from diagnostics import Diagnostic, Severity, Span
from driver.common import target_checks
from driver.lsp_io import FRAME_TIMEOUT_S, PlancProtocol, serve
from driver.lsp_parse import ParseCache
from dsl.lexicon import NAME_PATTERN

SERVER_NAME = "planc"
_NAME = re.compile(f"^{NAME_PATTERN}$")
_KIND_WORDS = {"unit": "unit", "person": "person", "metric": "metric", "group": "group", "fact": "fact",
               "rank_table": "rank table", "grade_table": "grade table", "structure": "section or action",
               "committee": "committee", "cadence": "cadence", "deadline": "deadline", "citation": "citation"}
MAX_PLAN_CANDIDATES = 200  # plan files searched for the one that includes an open part file
MAX_LEVELS_UP = 4


# ---- positions ------------------------------------------------------------------------


class Lines:
    """Converts between span columns (characters, 1-based) and LSP characters (UTF-16 units, 0-based)."""

    def __init__(self, text: str) -> None:
        self.lines = text.split("\n")

    def _line(self, line: int) -> str:
        return self.lines[line - 1] if 1 <= line <= len(self.lines) else ""

    def to_lsp(self, line: int, column: int) -> lsp.Position:
        prefix = self._line(line)[: max(column - 1, 0)]
        return lsp.Position(line=max(line - 1, 0), character=len(prefix.encode("utf-16-le")) // 2)

    def to_span(self, position: lsp.Position) -> tuple[int, int]:
        text = self._line(position.line + 1)
        units = 0
        for index, ch in enumerate(text):
            if units >= position.character:
                return position.line + 1, index + 1
            units += 2 if ord(ch) > 0xFFFF else 1
        return position.line + 1, len(text) + 1

    def range(self, span: Span) -> lsp.Range:
        return lsp.Range(start=self.to_lsp(span.line, span.column), end=self.to_lsp(span.end_line, span.end_column))


def _contains(span: Span, line: int, column: int) -> bool:
    return (span.line, span.column) <= (line, column) <= (span.end_line, span.end_column)


@functools.lru_cache(maxsize=4096)
def _resolved(display: str) -> Path:
    return Path(display).resolve()  # display paths are relative to the working directory, which does not change


def _same_file(display: str, path: Path) -> bool:
    return _resolved(display) == _resolved(str(path))


# ---- analysis ----------------------------------------------------------------------------


@dataclass
class Use:
    span: Span
    kind: str
    id: str


@dataclass
class Analysis:
    """What the server knows about one open document after compiling it."""

    path: Path
    diagnostics: list[Diagnostic] = field(default_factory=list)
    compiled: CompiledPlan | None = None
    uses: list[Use] = field(default_factory=list)
    declarations: list[Use] = field(default_factory=list)  # the id token of each declaration in this file

    def defined(self, kind: str, id_: str) -> Defined | None:
        if self.compiled is None:
            return None
        return self.compiled.defined.get(kind, {}).get(id_)

    def symbol_at(self, line: int, column: int) -> Use | None:
        for use in self.uses + self.declarations:
            if _same_file(use.span.file, self.path) and _contains(use.span, line, column):
                return use
        return None

    def uses_of(self, kind: str, id_: str) -> list[Span]:
        return [u.span for u in self.uses if u.kind == kind and u.id == id_]


def _resolved_uses(compiled: CompiledPlan) -> list[Use]:
    """Every reference the compiler resolved, as it resolved it (the server never resolves names itself)."""
    return [Use(ref.span, *ref.resolved) for ref in compiled.refs if ref.resolved is not None]


def _declarations(compiled: CompiledPlan, path: Path) -> list[Use]:
    """The id token of every declaration in this file, as the builder recorded it."""
    return [
        Use(d.id_span, kind, d.id)
        for kind, table in compiled.defined.items()
        for d in table.values()
        if d.id_span is not None and _same_file(d.id_span.file, path)
    ]


def _including_plans(path: Path, root: Path | None) -> list[Path]:
    """Plan files in the folders above ``path`` (up to the workspace root) that could include it."""
    folders = []
    folder = path.parent
    for _ in range(MAX_LEVELS_UP + 1):
        folders.append(folder)
        if (root is not None and folder == root) or folder.parent == folder:
            break
        folder = folder.parent
    found: list[Path] = []
    for folder in folders:
        for candidate in sorted(folder.glob("*.plan")):
            if candidate.resolve() != path.resolve() and len(found) < MAX_PLAN_CANDIDATES:
                found.append(candidate)
    return found


def _compile(path: Path, text: str, others: dict[Path, str], parses: ParseCache) -> CompiledPlan:
    """:func:`compiler.pipeline.compile_source`, with the parse of unchanged text reused from ``parses``."""
    loader = Loader(parser=parses.parse)
    for other, other_text in others.items():
        loader.preload(other, other_text)
    loader.preload(path, text)
    return compile_file(path, loader, options=CompileOptions(checks=target_checks()))


def analyse(
    path: Path,
    text: str,
    overlays: dict[Path, str] | None = None,
    root: Path | None = None,
    parses: ParseCache | None = None,
) -> Analysis:
    """Compile an open document. Never raises for bad input.

    ``parses`` is the server's cache of parsed text: a document compiled again after a
    small edit re-parses only the statements the edit touched, and its included files
    not at all (see :mod:`driver.lsp_parse`).
    """
    parses = parses or ParseCache()
    analysis = Analysis(path)
    parsed = parses.parse(text, display_path(path.resolve()))
    if not parsed.ok:
        analysis.diagnostics = parsed.diagnostics
        return analysis
    others = {p: t for p, t in (overlays or {}).items() if p.resolve() != path.resolve()}
    compiled: CompiledPlan | None = None
    if any(s.keyword == "plan" for s in parsed.statements):
        compiled = _compile(path, text, others, parses)
    else:
        for candidate in _including_plans(path, root):
            try:
                head = candidate.read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError):
                continue
            if path.name not in head:
                continue  # a plan that includes this file names it
            attempt = _compile(candidate, head, {**others, path: text}, parses)
            if any(_same_file(f, path) for f in _files_of(attempt)):
                compiled = attempt
                break
    if compiled is None:
        return analysis
    analysis.compiled = compiled
    analysis.diagnostics = [d for d in compiled.diagnostics if d.span is not None and _same_file(d.span.file, path)]
    analysis.uses = _resolved_uses(compiled)
    analysis.declarations = _declarations(compiled, path)
    return analysis


def _files_of(compiled: CompiledPlan) -> set[str]:
    files = {d.span.file for table in compiled.defined.values() for d in table.values()}
    files |= {r.span.file for r in compiled.refs}
    files |= {d.span.file for d in compiled.diagnostics if d.span is not None}
    return files


# ---- features -------------------------------------------------------------------------------


def _plan_record(plan: m.Plan | None, kind: str, id_: str) -> m.Unit | m.Person | m.Metric | None:
    if plan is None:
        return None
    records: list[m.Unit | m.Person | m.Metric] = []
    if kind == "unit":
        records.extend(plan.units)
    elif kind == "person":
        records.extend(plan.people)
    elif kind == "metric":
        records.extend(plan.metrics)
    return next((r for r in records if r.id == id_), None)


def _md(text: object) -> str:
    """Plan text as Markdown that shows exactly that text, escaped as every output escapes it."""
    from targets.escape import markdown_inline

    return markdown_inline(str(text))


def _code(text: str) -> str:
    """``text`` in a code span no backtick in it can end (:func:`targets.escape.markdown_code`)."""
    from targets.escape import markdown_code

    return markdown_code(text)


def _where(span: Span) -> str:
    return _md(f"{span.file}:{span.line}")


def hover_text(analysis: Analysis, use: Use) -> str:
    """The hover's Markdown: every name and text from the plan is escaped (a name is data, never markup)."""
    defined = analysis.defined(use.kind, use.id)
    record = _plan_record(analysis.compiled.plan if analysis.compiled else None, use.kind, use.id)
    names = list(defined.names) if defined else [use.id]
    full = names[1] if len(names) > 1 else names[0]
    lines = [f"**{_KIND_WORDS.get(use.kind, use.kind)}** {_code(use.id)} — {_md(full)}"]
    if isinstance(record, m.Unit):
        if record.aliases:
            lines.append("aliases: " + _md("、".join(record.aliases)))
        if record.kind:
            lines.append(f"kind: {_md(record.kind)}")
    elif isinstance(record, m.Person):
        if record.role:
            lines.append(f"role: {_md(record.role)}")
        if record.unit:
            lines.append(f"unit: {_md(record.unit)}")
    elif isinstance(record, m.Metric):
        if record.unit:
            lines.append(f"measured in: {_md(record.unit)}")
        for target in record.targets:
            value = "" if target.value is None else f" {target.value}{target.unit or ''}"
            by = f" by {target.by.isoformat()}" if target.by else ""
            lines.append("target: " + _md(f"{target.op}{value}{by} ({target.firmness})"))
    elif len(names) > 2:
        lines.append("also called: " + _md("、".join(names[2:])))
    if defined:
        lines.append(f"declared at {_where(defined.span)}")
    uses = analysis.uses_of(use.kind, use.id)
    if uses:
        shown = ", ".join(_where(s) for s in uses[:20])
        more = f" and {len(uses) - 20} more" if len(uses) > 20 else ""
        lines.append(f"used {len(uses)} time{'s' if len(uses) != 1 else ''}: {shown}{more}")
    else:
        lines.append("not used")
    return "\n\n".join(lines)


def _statement_keyword_at(text: str, line: int) -> str | None:
    """The keyword of the statement being written on ``line`` (1-based), read from the line's text."""
    from dsl.keywords import KEYWORD_BY_SPELLING

    lines = text.split("\n")
    if not 1 <= line <= len(lines):
        return None
    current = re.split(r"[;；]", lines[line - 1])[-1].strip().lstrip("{｛").strip()
    word = re.split(r"[\s:：]", current, maxsplit=1)[0] if current else ""
    return KEYWORD_BY_SPELLING.get(word)


def _block_context(text: str, line: int) -> str:
    """The statement-table context of the block that ``line`` (1-based) is in, read from the braces above it.

    A light scan, not a parse: an edit in progress rarely parses. Strings, text blocks and
    comments are skipped; each `{` opens the block of the statement it ends.
    """
    from compiler.statements import SPEC_BY_CONTEXT
    from dsl.keywords import KEYWORD_BY_SPELLING

    contexts = ["file"]
    source = "\n".join(text.split("\n")[: max(line - 1, 0)])
    keyword: str | None = None
    at_start = True
    word = ""
    i = 0
    while i < len(source):
        ch = source[i]
        if source.startswith('"""', i):
            end = source.find('"""', i + 3)
            i = len(source) if end < 0 else end + 3
            at_start = False
            continue
        if ch == '"':
            end = i + 1
            while end < len(source) and source[end] not in '"\n':
                end += 2 if source[end] == "\\" else 1
            i = end + 1
            at_start = False
            continue
        if ch == "#":
            end = source.find("\n", i)
            i = len(source) if end < 0 else end
            continue
        if at_start and _NAME.match(ch):
            word += ch
            i += 1
            continue
        if word:
            keyword = KEYWORD_BY_SPELLING.get(word.rstrip(":："))
            word = ""
            at_start = False
        if ch in "{｛":
            spec = SPEC_BY_CONTEXT.get((contexts[-1], keyword or ""))
            contexts.append(spec.block_context if spec is not None and spec.block_context else "?")
            at_start = True
        elif ch in "}｝":
            if len(contexts) > 1:
                contexts.pop()
            at_start = True
        elif ch in "\n;；":
            at_start = True
        i += 1
    return contexts[-1]


def _reference_kinds(text: str, line: int) -> tuple[str, ...]:
    """What a name written on ``line`` may refer to, by the statement table: the reference slots of the statement
    being written there, in its block (a `member` of a committee names people; of a group, units)."""
    from compiler.statements import SPEC_BY_CONTEXT

    keyword = _statement_keyword_at(text, line)
    if keyword is None:
        return ()
    spec = SPEC_BY_CONTEXT.get((_block_context(text, line), keyword))
    if spec is not None:
        return spec.refers()
    # a part file is read inside its plan's blocks: offer what the statement names anywhere
    return tuple(dict.fromkeys(k for (_c, kw), s in SPEC_BY_CONTEXT.items() if kw == keyword for k in s.refers()))


_COMPLETION_KINDS = {"unit": lsp.CompletionItemKind.Module, "person": lsp.CompletionItemKind.Constant,
                     "metric": lsp.CompletionItemKind.Value, "group": lsp.CompletionItemKind.Enum,
                     "fact": lsp.CompletionItemKind.Variable, "rank_table": lsp.CompletionItemKind.Struct,
                     "grade_table": lsp.CompletionItemKind.Struct}


def completions(analysis: Analysis, text: str, line: int) -> list[lsp.CompletionItem]:
    if analysis.compiled is None:
        return []
    kinds = _reference_kinds(text, line)
    items: list[lsp.CompletionItem] = []
    for kind in kinds:
        for defined in sorted(analysis.compiled.defined.get(kind, {}).values(), key=lambda d: d.id):
            full = defined.names[1] if len(defined.names) > 1 else defined.id
            for order, name in enumerate(defined.names):
                insert = name if _NAME.match(name) else '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'
                items.append(lsp.CompletionItem(
                    label=name,
                    kind=_COMPLETION_KINDS[kind],
                    detail=f"{_KIND_WORDS[kind]} {defined.id}: {full}",
                    insert_text=insert,
                    sort_text=f"{kind}:{defined.id}:{order}",
                ))
    return items


def to_lsp_diagnostic(d: Diagnostic, lines: Lines) -> lsp.Diagnostic:
    assert d.span is not None
    severity = {
        Severity.ERROR: lsp.DiagnosticSeverity.Error,
        Severity.WARNING: lsp.DiagnosticSeverity.Warning,
        Severity.INFO: lsp.DiagnosticSeverity.Information,
    }[d.severity]
    if d.acknowledged:
        severity = lsp.DiagnosticSeverity.Hint
    message = d.message + (f"\nhint: {d.hint}" if d.hint else "")
    related = [
        lsp.DiagnosticRelatedInformation(
            location=lsp.Location(uri=from_fs_path(str(Path(label.span.file).resolve())) or "",
                                  range=lsp.Range(start=lsp.Position(line=label.span.line - 1, character=0),
                                                  end=lsp.Position(line=label.span.line - 1, character=0))),
            message=label.message,
        )
        for label in d.labels
    ]
    return lsp.Diagnostic(
        range=lines.range(d.span), message=message, severity=severity, code=d.code, source=SERVER_NAME,
        related_information=related or None,
    )


# ---- the server -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Job:
    """One document to compile: its text and version as they were when the edit arrived, and the other open texts."""

    uri: str
    path: Path
    text: str
    version: int | None
    overlays: dict[Path, str]
    root: Path | None


class Analyser:
    """Compiles documents in one worker thread, so the server reads and answers while a compile runs.

    Edits coalesce: a document edited again before its compile starts is compiled once, at
    its newest text. A compile cannot be interrupted, so a result that an edit has overtaken
    is simply not published (:meth:`PlancServer.publish` compares versions); the worker
    then compiles the newest text, reusing the parse of everything the edits left alone.
    """

    def __init__(self, deliver: Callable[[_Job, Analysis | None], None]) -> None:
        self._deliver = deliver
        self._pending: dict[str, _Job] = {}
        self._wake = threading.Condition()
        self.parses = ParseCache()
        self._thread: threading.Thread | None = None

    def submit(self, job: _Job) -> None:
        with self._wake:
            self._pending.pop(job.uri, None)
            self._pending[job.uri] = job  # newest last; an older pending text of the document is dropped
            self._wake.notify()
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="planc-lsp-analyser", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        while True:
            with self._wake:
                while not self._pending:
                    self._wake.wait()
                job = self._pending.pop(next(iter(self._pending)))
            analysis: Analysis | None
            try:
                analysis = analyse(job.path, job.text, job.overlays, job.root, self.parses)
            except Exception:  # a bug must not take the editor's server down
                print(f"planc lsp: internal error compiling {job.path}:\n{traceback.format_exc()}", file=sys.stderr)
                analysis = None
            self._deliver(job, analysis)


@functools.cache
def _converter() -> Any:
    """lsprotocol's cattrs converter, built once per process (it takes ~25 ms; tests start many servers)."""
    from pygls.protocol import default_converter

    return default_converter()


class PlancServer(LanguageServer):
    def __init__(self) -> None:
        from importlib import metadata

        try:
            version = metadata.version("planc")
        except metadata.PackageNotFoundError:
            version = "0"
        super().__init__(SERVER_NAME, version, text_document_sync_kind=lsp.TextDocumentSyncKind.Full,
                         protocol_cls=PlancProtocol, converter_factory=_converter)
        self.analyses: dict[str, Analysis] = {}
        self.analyser = Analyser(self._deliver)
        self._loop: asyncio.AbstractEventLoop | None = None

    def root(self) -> Path | None:
        root = self.workspace.root_path
        return Path(root) if root else None

    def overlays(self) -> dict[Path, str]:
        out = {}
        for uri, document in self.workspace.text_documents.items():
            path = to_fs_path(uri)
            if path:
                out[Path(path)] = document.source
        return out

    def refresh(self, uri: str) -> None:
        """Compile the document at ``uri`` in the background; its diagnostics are published when done."""
        document = self.workspace.text_documents.get(uri)
        fs_path = to_fs_path(uri)
        if document is None or fs_path is None:
            return
        self._loop = asyncio.get_running_loop()
        self.analyser.submit(_Job(uri, Path(fs_path), document.source, document.version, self.overlays(), self.root()))

    def _deliver(self, job: _Job, analysis: Analysis | None) -> None:
        """Called by the worker thread: hand the result to the event loop, which alone writes to the client."""
        loop = self._loop
        if loop is None or loop.is_closed():
            return
        try:
            loop.call_soon_threadsafe(self.publish, job, analysis)
        except RuntimeError:  # the loop closed meanwhile: the server is exiting
            pass

    def publish(self, job: _Job, analysis: Analysis | None) -> None:
        """Publish a compile's diagnostics, unless the document changed or closed since (a newer compile follows)."""
        document = self.workspace.text_documents.get(job.uri)
        if document is None or document.version != job.version or document.source != job.text:
            return
        if analysis is None:
            self.window_log_message(lsp.LogMessageParams(
                type=lsp.MessageType.Error, message=f"planc: internal error compiling {job.path} (see the server's log)"))
            return
        previous = self.analyses.get(job.uri)
        if analysis.compiled is not None or previous is None:
            self.analyses[job.uri] = analysis
        else:  # keep the last good symbols for hover and completion while the text does not parse
            previous.diagnostics = analysis.diagnostics
        lines = Lines(job.text)
        self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(
            uri=job.uri,
            version=job.version,
            diagnostics=[to_lsp_diagnostic(d, lines) for d in analysis.diagnostics if d.span is not None],
        ))

    def source(self, uri: str) -> str | None:
        """The text of an open document; None for a document the client has not opened."""
        document = self.workspace.text_documents.get(uri)
        return document.source if document is not None else None


def create_server() -> PlancServer:
    server = PlancServer()

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: PlancServer, params: lsp.DidOpenTextDocumentParams) -> None:
        ls.refresh(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: PlancServer, params: lsp.DidChangeTextDocumentParams) -> None:
        ls.refresh(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: PlancServer, params: lsp.DidSaveTextDocumentParams) -> None:
        ls.refresh(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: PlancServer, params: lsp.DidCloseTextDocumentParams) -> None:
        ls.analyses.pop(params.text_document.uri, None)
        ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[]))

    def lookup(ls: PlancServer, uri: str, position: lsp.Position) -> tuple[Analysis, Use, Lines] | None:
        analysis = ls.analyses.get(uri)
        text = ls.source(uri)
        if analysis is None or text is None:
            return None
        lines = Lines(text)
        line, column = lines.to_span(position)
        use = analysis.symbol_at(line, column)
        return (analysis, use, lines) if use is not None else None

    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    def hover(ls: PlancServer, params: lsp.HoverParams) -> lsp.Hover | None:
        found = lookup(ls, params.text_document.uri, params.position)
        if found is None:
            return None
        analysis, use, lines = found
        return lsp.Hover(
            contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=hover_text(analysis, use)),
            range=lines.range(use.span),
        )

    @server.feature(lsp.TEXT_DOCUMENT_DEFINITION)
    def definition(ls: PlancServer, params: lsp.DefinitionParams) -> lsp.Location | None:
        found = lookup(ls, params.text_document.uri, params.position)
        if found is None:
            return None
        analysis, use, _ = found
        defined = analysis.defined(use.kind, use.id)
        if defined is None:
            return None
        target = Path(defined.span.file).resolve()
        uri = from_fs_path(str(target)) or ""
        text = ls.source(uri)
        if text is None:
            try:
                text = target.read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError):
                text = ""
        lines = Lines(text)
        start = lines.to_lsp(defined.span.line, defined.span.column)
        end_column = len(lines._line(defined.span.line)) + 1 if defined.span.end_line != defined.span.line \
            else defined.span.end_column
        return lsp.Location(uri=uri, range=lsp.Range(start=start, end=lines.to_lsp(defined.span.line, end_column)))

    @server.feature(lsp.TEXT_DOCUMENT_COMPLETION, lsp.CompletionOptions(trigger_characters=[" "]))
    def completion(ls: PlancServer, params: lsp.CompletionParams) -> lsp.CompletionList:
        analysis = ls.analyses.get(params.text_document.uri)
        text = ls.source(params.text_document.uri)
        items = completions(analysis, text, params.position.line + 1) if analysis and text is not None else []
        return lsp.CompletionList(is_incomplete=False, items=items)

    return server


@click.command("lsp")
@click.option("--frame-timeout", type=click.FloatRange(min=0.1), default=FRAME_TIMEOUT_S, show_default=True,
              help="Seconds a message may take to arrive once it has begun; a client that stalls mid-message "
                   "is disconnected.")
def lsp_command(frame_timeout: float) -> None:
    """Run the language server over stdio (for editors; see docs/editors.md)."""
    server = create_server()
    status = serve(server.protocol, sys.stdin.buffer, sys.stdout.buffer, frame_timeout)  # type: ignore[arg-type]
    sys.exit(status)
