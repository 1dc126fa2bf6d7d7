"""`planc fmt`: canonical layout (dsl/format.py), optionally with every keyword in one language.

Exit codes: 0 nothing to report; 1 a file has syntax errors (it is left untouched)
or, with ``--check``, a file would change; 2 a path does not exist or a file
cannot be read or written.
"""

from __future__ import annotations

import difflib
import os
import shlex
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import click

from compiler.contexts import keywords_in
from compiler.convert import convert_keywords
from compiler.loader import DEFAULT_MAX_FILE_BYTES, decode_source, display_path
from diagnostics import Diagnostic, Span, make
from dsl.format import FormatResult, format_source, normalise_newlines
from dsl.parser import parse


def format_text(source: str, path: str = "<input>", keywords: str | None = None) -> FormatResult:
    """The canonical text of one file; with ``keywords`` ("en"/"zh") every keyword is rewritten first."""
    if keywords is not None:
        text = normalise_newlines(source)
        converted = convert_keywords(text, keywords, path)
        if converted is None:
            return FormatResult(None, parse(text, path, keywords_in=keywords_in).diagnostics)
        source = converted
    return format_source(source, path, keywords_in=keywords_in)


def plan_files(paths: list[Path]) -> tuple[list[Path], list[str]]:
    """Every .plan file named by ``paths`` (folders searched recursively), and the paths that do not exist."""
    files: list[Path] = []
    missing: list[str] = []
    for path in paths:
        if path.is_dir():
            files.extend(p for p in sorted(path.rglob("*.plan")) if p.is_file())
        elif path.exists():
            files.append(path)
        else:
            missing.append(str(path))
    return list(dict.fromkeys(files)), missing


def write_atomically(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` so a reader sees the old file or the new one, never a part.

    A symlink is written through: the file it points to is replaced, the link stays a link
    (replacing the link itself turned it into a regular file, issue 20).
    """
    path = path.resolve()
    mode = path.stat().st_mode & 0o7777
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as f:
            f.write(text.encode("utf-8"))
            f.flush()
            os.fsync(f.fileno())
        os.chmod(temp_name, mode)
        os.replace(temp_name, path)
    except BaseException:
        if os.path.exists(temp_name):
            os.unlink(temp_name)
        raise


def unified_diff(old: str, new: str, name: str) -> str:
    lines = difflib.unified_diff(
        old.splitlines(keepends=True), new.splitlines(keepends=True), fromfile=f"a/{name}", tofile=f"b/{name}"
    )
    out = []
    for line in lines:
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


@dataclass
class FmtOutcome:
    changed: list[str] = field(default_factory=list)
    unchanged: int = 0
    diagnostics: list[Diagnostic] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)
    io_errors: list[str] = field(default_factory=list)


def _read(path: Path, name: str, outcome: FmtOutcome) -> tuple[str, bytes] | None:
    try:
        size = path.stat().st_size
        if size > DEFAULT_MAX_FILE_BYTES:
            outcome.diagnostics.append(
                make("F003", f"`{name}` is {size} bytes, over the limit of {DEFAULT_MAX_FILE_BYTES}", Span.point(name))
            )
            return None
        data = path.read_bytes()
    except OSError as error:
        outcome.io_errors.append(f"cannot read `{name}`: {error.strerror or error}")
        return None
    text, problem = decode_source(data, name)
    if problem is not None or text is None:
        outcome.diagnostics.append(problem or make("F002", f"`{name}` is not valid UTF-8", Span.point(name)))
        return None
    return text, data


def run_fmt(paths: list[Path], *, check: bool, diff: bool, keywords: str | None) -> tuple[FmtOutcome, list[str]]:
    """Format the files; returns the outcome and the diff text to print (if asked)."""
    outcome = FmtOutcome()
    diffs: list[str] = []
    files, missing = plan_files(paths)
    outcome.io_errors.extend(f"no such file or folder `{m}`" for m in missing)
    for path in files:
        name = display_path(path.absolute())
        read = _read(path, name, outcome)
        if read is None:
            continue
        text, data = read
        result = format_text(text, name, keywords)
        if result.text is None:
            outcome.diagnostics.extend(result.diagnostics)
            outcome.sources[name] = normalise_newlines(text)
            continue
        if result.text.encode("utf-8") == data:
            outcome.unchanged += 1
            continue
        outcome.changed.append(name)
        if diff:
            diffs.append(unified_diff(text, result.text, name))
        if check or diff:
            continue
        try:
            write_atomically(path, result.text)
        except OSError as error:
            outcome.io_errors.append(f"cannot write `{name}`: {error.strerror or error}")
    return outcome, diffs


def _command(option: str | None, paths: tuple[str, ...]) -> str:
    """The `planc fmt` command line for the same paths, as a shell reads it."""
    return " ".join(["planc fmt", *([option] if option else []), *(shlex.quote(p) for p in paths)])


def _files(count: int) -> str:
    return f"{count} file{'s' if count != 1 else ''}"


@click.command("fmt")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--check", is_flag=True, help="Change nothing; exit 1 if any file would be reformatted.")
@click.option("--diff", "show_diff", is_flag=True, help="Change nothing; print a unified diff of what would change.")
@click.option("--keywords", type=click.Choice(["en", "zh"]), default=None,
              help="Rewrite every keyword and argument word into one language.")
def fmt(paths: tuple[str, ...], check: bool, show_diff: bool, keywords: str | None) -> None:
    """Format .plan files in place in the canonical layout (default: plans/)."""
    from diagnostics.render import render_text

    targets = [Path(p) for p in paths] if paths else [Path("plans")]
    outcome, diffs = run_fmt(targets, check=check, diff=show_diff, keywords=keywords)
    for text in diffs:
        click.echo(text, nl=False)
    if outcome.diagnostics:
        click.echo(render_text(outcome.diagnostics, outcome.sources), err=True)
    for problem in outcome.io_errors:
        click.echo(f"planc: {problem}", err=True)
    dry = check or show_diff
    if check:
        for name in outcome.changed:
            click.echo(f"would reformat {name}")
    elif not show_diff:
        for name in outcome.changed:
            click.echo(f"reformatted {name}", err=True)
    verb = "would be reformatted" if dry else "reformatted"
    parts = [f"{_files(len(outcome.changed))} {verb}", f"{_files(outcome.unchanged)} already formatted"]
    failed = len({d.span.file for d in outcome.diagnostics if d.span is not None})
    if failed:
        parts.append(f"{_files(failed)} not formatted (errors)")
    click.echo(", ".join(parts), err=True)
    if check and outcome.changed and not show_diff:
        click.echo(f"hint: `{_command('--diff', paths)}` shows the changes; `{_command(None, paths)}` makes them",
                   err=True)
    if outcome.io_errors:
        sys.exit(2)
    if outcome.diagnostics or (check and outcome.changed):
        sys.exit(1)
    sys.exit(0)
