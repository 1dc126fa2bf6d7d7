"""Rendering diagnostics: a code frame for people, JSON, GitHub annotations and SARIF for machines.

The text renderer aligns the caret under wide (CJK) characters using wcwidth.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from diagnostics import Diagnostic, Severity, Span
from diagnostics.codes import CodeInfo

DIAGNOSTICS_SCHEMA = "planc/diagnostics/v1"
DEFAULT_MAX_PER_FILE = 50


def display_width(text: str) -> int:
    if text.isascii():
        return len(text)
    from wcwidth import wcswidth, wcwidth  # only when a frame with wide characters is drawn

    width = wcswidth(text)
    if width >= 0:
        return width
    return sum(max(wcwidth(ch), 0) for ch in text)


# Control characters print as their Unicode control pictures (NUL as ␀), one column
# wide, so a frame shows them and the caret stays aligned; line and paragraph
# separators inside a message are escaped so that a diagnostic stays one line.
_VISIBLE: dict[int, int | str] = {code: 0x2400 + code for code in (*range(0x09), *range(0x0A, 0x20))}
_VISIBLE[0x7F] = 0x2421
_ONE_LINE: dict[int, int | str] = _VISIBLE | {0x09: 0x09, 0x85: "\\x85", 0x2028: "\\u2028", 0x2029: "\\u2029"}


# A path is printed with its control characters as \xNN: a file name holding an escape
# sequence (OSC, CSI) must not drive the terminal that shows `path:line:col`.
_PATH: dict[int, int | str] = {code: f"\\x{code:02x}" for code in (*range(0x20), *range(0x7F, 0xA0))}
_PATH |= {0x2028: "\\u2028", 0x2029: "\\u2029"}
# Invisible characters (format characters: BOM, zero-width spaces and joiners, direction marks)
# are named in a message: “unknown metric `<U+FEFF>规上总数`”, not a name that looks right.
_INVISIBLE = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]")


def _named(text: str) -> str:
    return _INVISIBLE.sub(lambda m: f"<U+{ord(m.group()):04X}>", text)


#: the code frame shows at most this many characters of a line, cut around the column
FRAME_CHARS = 160
#: a message quoting input (a 30 MB number in a data file) is cut to this many characters
MESSAGE_CHARS = 400


def _expand(line: str) -> str:
    return line.replace("\t", "    ").translate(_VISIBLE)


def where(span: Span) -> str:
    """``path:line:col`` with the path's control characters escaped."""
    return span.where().translate(_PATH)


def header(d: Diagnostic) -> str:
    where_ = f"{where(d.span)}: " if d.span else "planc: "
    ack = " (acknowledged)" if d.acknowledged else ""
    message = d.message if len(d.message) <= MESSAGE_CHARS else d.message[:MESSAGE_CHARS] + "…"
    return f"{where_}{d.code} {d.severity.value}{ack}: {_named(message).translate(_ONE_LINE)}"


def _source_line(source: str, number: int) -> str | None:
    """Line ``number`` (1-based) of ``source``, found without splitting the whole text."""
    start = 0
    for _ in range(number - 1):
        found = _next_break(source, start)
        if found < 0:
            return None
        start = found
    end = _next_break(source, start)
    line = source[start:] if end < 0 else source[start:end]
    if end < 0 and not line and number > 1:
        return None  # the text ends with a line break: there is no line after it
    return line.rstrip("\r\n")


def _next_break(source: str, start: int) -> int:
    """The index just after the next line break (LF, CRLF or a lone CR) from ``start``, or -1."""
    lf = source.find("\n", start)
    cr = source.find("\r", start, lf if lf >= 0 else len(source))
    if cr >= 0 and (lf < 0 or cr < lf - 1):
        return cr + 1
    return -1 if lf < 0 else lf + 1


def _frame(d: Diagnostic, sources: dict[str, str], color: bool) -> list[str]:
    if d.span is None or d.span.file not in sources or d.span.line < 1:
        return []
    raw = _source_line(sources[d.span.file], d.span.line)
    if raw is None:
        return []
    number = str(d.span.line)
    gutter = " " * len(number)
    column = min(d.span.column - 1, len(raw))
    end = d.span.end_column - 1 if d.span.end_line == d.span.line else len(raw)
    # A long line (a 6 MB one-line plan) is cut to FRAME_CHARS characters around the column,
    # so each frame is bounded whatever the line's length.
    first = 0
    last = len(raw)
    if len(raw) > FRAME_CHARS:
        first = max(0, min(column - FRAME_CHARS // 3, len(raw) - FRAME_CHARS))
        last = first + FRAME_CHARS
    left = "…" if first > 0 else ""
    right = "…" if last < len(raw) else ""
    before = left + _expand(raw[first:column])
    marked = _expand(raw[column:max(column, min(end, last))])
    pad = display_width(before)
    width = max(display_width(marked), 1)
    caret = "^" * width
    if color:
        caret = ("\x1b[31m" if d.severity is Severity.ERROR else "\x1b[33m") + caret + "\x1b[0m"
    return [f"{gutter} |", f"{number} | {left}{_expand(raw[first:last])}{right}", f"{gutter} | {' ' * pad}{caret}"]


def render_text(
    diagnostics: list[Diagnostic],
    sources: dict[str, str],
    *,
    color: bool = False,
    max_per_file: int = DEFAULT_MAX_PER_FILE,
) -> str:
    out: list[str] = []
    per_file: Counter[str] = Counter()
    hidden: Counter[str] = Counter()
    for d in diagnostics:
        key = d.span.file if d.span else ""
        per_file[key] += 1
        if per_file[key] > max_per_file:
            hidden[key] += 1
            continue
        out.append(header(d))
        out.extend(_frame(d, sources, color))
        for label in d.labels:
            out.append(f"  = note: {label.message} at {where(label.span)}")
        if d.acknowledged:
            out.append(f"  = acknowledged: {d.acknowledged}")
        if d.hint:
            hint_lines = d.hint.splitlines()
            out.append(f"  = hint: {hint_lines[0]}")
            out.extend(f"          {line}" for line in hint_lines[1:])
        out.append("")
    for key, count in sorted(hidden.items()):
        out.append(f"{key}: … and {count} more diagnostic{'s' if count != 1 else ''}")
    return "\n".join(out)


def unacknowledged(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """What a person reading the output still has to act on.

    An acknowledged warning has been read and answered at its site; printing it on
    every run would bury the new ones. Text and GitHub output show this list unless
    asked for everything; JSON and SARIF always carry every diagnostic, marked.
    """
    return [d for d in diagnostics if not d.acknowledged]


def summary(diagnostics: list[Diagnostic], plans: int, *, acknowledged_shown: bool = True) -> str:
    errors = sum(1 for d in diagnostics if d.severity is Severity.ERROR and not d.acknowledged)
    warnings = sum(1 for d in diagnostics if d.severity is Severity.WARNING and not d.acknowledged)
    acknowledged = sum(1 for d in diagnostics if d.acknowledged)

    def n(count: int, word: str) -> str:
        return f"{count} {word}{'' if count == 1 else 's'}"

    text = f"{n(errors, 'error')}, {n(warnings, 'warning')}"
    if acknowledged:
        listed = "" if acknowledged_shown else ", listed by `planc check --show-acknowledged`"
        text += f" ({acknowledged} acknowledged{listed})"
    return text + f" in {n(plans, 'plan')}"


def to_dict(d: Diagnostic) -> dict[str, object]:
    span = None
    if d.span:
        span = {
            "file": d.span.file,
            "line": d.span.line,
            "column": d.span.column,
            "end_line": d.span.end_line,
            "end_column": d.span.end_column,
        }
        if d.span.cell:
            span["cell"] = d.span.cell
    return {
        "code": d.code,
        "severity": d.severity.value,
        "message": d.message,
        "span": span,
        "hint": d.hint,
        "labels": [
            {"message": label.message, "file": label.span.file, "line": label.span.line, "column": label.span.column}
            for label in d.labels
        ],
        "acknowledged": d.acknowledged,
    }


def render_json(diagnostics: list[Diagnostic], sources: dict[str, str], **_: object) -> str:
    document = {"schema": DIAGNOSTICS_SCHEMA, "diagnostics": [to_dict(d) for d in diagnostics]}
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True)


def _escape_github(value: str, property_: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def render_github(diagnostics: list[Diagnostic], sources: dict[str, str], **_: object) -> str:
    """GitHub Actions workflow commands: ::error file=…,line=…,col=…,title=…::message"""
    lines = []
    for d in diagnostics:
        level = {"error": "error", "warning": "warning", "info": "notice"}[d.severity.value]
        if d.acknowledged:
            level = "notice"
        props = []
        if d.span:
            props += [
                f"file={_escape_github(d.span.file, True)}",
                f"line={d.span.line}",
                f"col={d.span.column}",
                f"endLine={d.span.end_line}",
                f"endColumn={d.span.end_column}",
            ]
        props.append(f"title={_escape_github(d.code, True)}")
        message = d.message + (f" — {d.hint}" if d.hint else "")
        lines.append(f"::{level} {','.join(props)}::{_escape_github(message)}")
    return "\n".join(lines)


SARIF_SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
_SARIF_LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def _tool_version() -> str:
    from importlib import metadata

    try:
        return metadata.version("planc")
    except metadata.PackageNotFoundError:
        return "0"


def _sarif_rule(info: CodeInfo) -> dict[str, object]:
    help_text = f"{info.summary}\n\nWhy: {info.why}\n\nExample:\n{info.example}\n\nFix:\n{info.fix}"
    help_markdown = (
        f"{info.summary}\n\n**Why:** {info.why}\n\n**Example:**\n```\n{info.example}\n```\n\n"
        f"**Fix:**\n```\n{info.fix}\n```\n\n`planc explain {info.code}` prints this page."
    )
    return {
        "id": info.code,
        "name": info.name,
        "shortDescription": {"text": info.summary},
        "fullDescription": {"text": f"{info.summary} {info.why}"},
        "help": {"text": help_text, "markdown": help_markdown},
        "defaultConfiguration": {"level": _SARIF_LEVELS[info.severity.value]},
        "properties": {"tags": [info.severity.value]},
    }


def _sarif_location(span: Span, message: str | None = None) -> dict[str, object]:
    path = PurePosixPath(span.file)
    artifact: dict[str, object] = (
        {"uri": Path(span.file).as_uri()} if path.is_absolute() else {"uri": path.as_posix(), "uriBaseId": "%SRCROOT%"}
    )
    location: dict[str, object] = {
        "physicalLocation": {
            "artifactLocation": artifact,
            "region": {
                "startLine": span.line,
                "startColumn": span.column,
                "endLine": span.end_line,
                "endColumn": max(span.end_column, span.column + 1) if span.end_line == span.line else span.end_column,
            },
        }
    }
    if message is not None:
        location["message"] = {"text": message}
    return location


def render_sarif(diagnostics: list[Diagnostic], sources: dict[str, str], **_: object) -> str:
    """SARIF 2.1.0 for code-scanning services: every catalogue code as a rule, one result per diagnostic.

    Columns count Unicode code points (``columnKind``), as spans do; an acknowledged
    warning is reported with an in-source suppression carrying the `ack` reason.
    """
    from diagnostics.codes import all_codes

    catalogue = all_codes()
    index = {info.code: i for i, info in enumerate(catalogue)}
    results: list[dict[str, object]] = []
    for d in diagnostics:
        result: dict[str, object] = {
            "ruleId": d.code,
            "ruleIndex": index[d.code],
            "level": _SARIF_LEVELS[d.severity.value],
            "message": {"text": d.message + (f"\nhint: {d.hint}" if d.hint else "")},
        }
        if d.span is not None:
            result["locations"] = [_sarif_location(d.span)]
        if d.labels:
            result["relatedLocations"] = [
                {"id": i, **_sarif_location(label.span, label.message)} for i, label in enumerate(d.labels)
            ]
        if d.acknowledged:
            result["suppressions"] = [{"kind": "inSource", "justification": d.acknowledged}]
        results.append(result)
    document = {
        "$schema": SARIF_SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "planc",
                        "version": _tool_version(),
                        "rules": [_sarif_rule(info) for info in catalogue],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True)


RENDERERS: dict[str, Callable[..., str]] = {
    "text": render_text,
    "json": render_json,
    "github": render_github,
    "sarif": render_sarif,
}
