"""Reading .plan files: bytes to text, text to syntax, with includes kept inside the project root."""

from __future__ import annotations

import codecs
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from diagnostics import Diagnostic, Span, make

if TYPE_CHECKING:
    from dsl.syntax import SyntaxFile

DEFAULT_MAX_FILE_BYTES = 8 * 1024 * 1024
MAX_INCLUDE_DEPTH = 16


def display_path(path: Path) -> str:
    """How a file is named in diagnostics: relative to the working directory when below it."""
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path.as_posix()


def _position(data: bytes, offset: int) -> tuple[int, int]:
    before = data[:offset]
    line = before.count(b"\n") + 1
    last = before.rfind(b"\n")
    column = len(before[last + 1 :].decode("utf-8", errors="replace")) + 1
    return line, column


def decode_source(
    data: bytes,
    name: str,
    *,
    code: str = "F002",
    subject: str = "the file",
    hint: str = "save the file as UTF-8",
    known_hint: str = "save it as UTF-8",
) -> tuple[str | None, Diagnostic | None]:
    """UTF-8 (with or without BOM) to text; anything else is a diagnostic naming the first bad byte.

    Two other encodings are named, with ``known_hint`` as the hint (its ``{encoding}``, if
    any, filled in): UTF-16 by its byte-order mark (Excel's "Unicode text", Windows
    Notepad's "Unicode"), and bytes that decode as GBK/GB18030. The code and the words for
    the file are the caller's: plans report F002, data files their stage's code
    (:mod:`compiler.csvtable`).
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None, make(
            code, f"{subject} is UTF-16-encoded, not UTF-8", Span(name, 1, 1, 1, 2),
            hint=known_hint.format(encoding="UTF-16"),
        )
    body = data[len(codecs.BOM_UTF8) :] if data.startswith(codecs.BOM_UTF8) else data
    try:
        return body.decode("utf-8"), None
    except UnicodeDecodeError as error:
        # positions in `body`: the utf-8-sig codec reports offsets that leave the BOM out
        line, column = _position(body, error.start)
        byte = f"byte 0x{body[error.start]:02x}"
        try:
            body.decode("gb18030")
        except UnicodeDecodeError:
            message = f"{subject} is not valid UTF-8 ({byte})"
        else:
            message, hint = f"{subject} looks GBK/GB18030-encoded, not UTF-8 ({byte})", known_hint.format(encoding="GBK")
        return None, make(code, message, Span(name, line, column, line, column + 1), hint=hint)


def parse_file(text: str, name: str) -> SyntaxFile:
    """How the loader parses a file's text: every syntax error, with keyword suggestions for its block.

    The parser loads on the first parse: a no-change `planc build` reads files without parsing them.
    """
    from compiler.contexts import keywords_in
    from dsl.parser import parse

    return parse(text, name, keywords_in=keywords_in)


@dataclass
class Loader:
    """Reads and parses files once each; all diagnostics go to ``diagnostics``."""

    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    diagnostics: list[Diagnostic] = field(default_factory=list)
    _cache: dict[Path, SyntaxFile | None] = field(default_factory=dict)
    # text, display path -> syntax; the language server passes one that reuses the parse of unchanged text
    parser: Callable[[str, str], SyntaxFile] = parse_file

    def load(self, path: Path, cited_at: Span | None = None) -> SyntaxFile | None:
        path = path.resolve()
        if path in self._cache:
            return self._cache[path]
        name = display_path(path)
        result: SyntaxFile | None = None
        data: bytes | None = None
        try:
            if not path.is_file():
                if path.exists():
                    self.diagnostics.append(make("F001", f"`{name}` is not a file", cited_at or Span.point(name)))
                else:
                    self.diagnostics.append(make("F001", f"no such file `{name}`", cited_at or Span.point(name)))
            elif (size := path.stat().st_size) > self.max_file_bytes:
                self.diagnostics.append(
                    make(
                        "F003",
                        f"`{name}` is {size} bytes, over the limit of {self.max_file_bytes}",
                        cited_at or Span.point(name),
                        hint="split the plan into included files, or raise the limit with --max-file-bytes",
                    )
                )
            else:
                data = path.read_bytes()
        except OSError as error:
            self.diagnostics.append(
                make("F001", f"cannot read `{name}`: {error.strerror or error}", cited_at or Span.point(name))
            )
        if data is not None:
            text, problem = decode_source(data, name)
            if problem is not None:
                self.diagnostics.append(problem)
            else:
                assert text is not None
                result = self.parser(text, name)
                self.diagnostics.extend(result.diagnostics)
        self._cache[path] = result
        return result

    def preload(self, path: Path, text: str) -> SyntaxFile:
        """Use ``text`` as the contents of ``path`` instead of reading the disk (an editor's unsaved buffer).

        The parse diagnostics are on the returned file, not added to ``diagnostics``.
        """
        resolved = path.resolve()
        result = self.parser(text, display_path(resolved))
        self._cache[resolved] = result
        return result

    def sources(self) -> dict[str, str]:
        """Display path -> text of every file read, for rendering code frames."""
        return {f.path: f.source for f in self._cache.values() if f is not None}

    def resolve_include(
        self, including: Path, target: str, root: Path, span: Span, chain: list[Path]
    ) -> Path | None:
        """The included file's path, or None with a diagnostic if it escapes the root or loops."""
        if os.path.isabs(target):
            self.diagnostics.append(
                make("F004", f"include path `{target}` is absolute", span, hint="write it relative to this file")
            )
            return None
        if "\x00" in target:  # the OS refuses it; Path.resolve would raise ValueError
            self.diagnostics.append(
                make("F008", "include path contains a NUL character (U+0000), which no file name can hold", span,
                     hint="retype the path; a NUL usually comes from text pasted out of a binary file")
            )
            return None
        candidate = (including.parent / target).resolve()
        root_resolved = root.resolve()
        if candidate != root_resolved and root_resolved not in candidate.parents:
            self.diagnostics.append(
                make(
                    "F004",
                    f"include `{target}` leaves the project root `{display_path(root_resolved)}`",
                    span,
                    hint="included files must live below the folder of the plan that includes them",
                )
            )
            return None
        if candidate in chain:
            first = chain.index(candidate)
            cycle = " → ".join(display_path(p) for p in chain[first:] + [candidate])
            self.diagnostics.append(make("F005", f"include cycle: {cycle}", span))
            return None
        if len(chain) >= MAX_INCLUDE_DEPTH:
            self.diagnostics.append(
                make("F006", f"includes nested more than {MAX_INCLUDE_DEPTH} deep", span,
                     hint="include the parts directly from the plan file instead of through a chain")
            )
            return None
        return candidate
