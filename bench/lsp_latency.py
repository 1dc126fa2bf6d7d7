"""`python -m bench.lsp_latency`: the language server's time from `didChange` to `publishDiagnostics`.

`planc lsp` runs in a subprocess and is driven over stdio with raw LSP frames, as an
editor drives it. A document is opened and compiled once; then each of EDITS edits
appends a comment to one statement line in the middle of the file (a keystroke's worth
of change that leaves the diagnostics alone), sends the whole text with `didChange`,
and waits for the `publishDiagnostics` of that version before the next edit. The figure
is the median of the edits, in milliseconds, wall clock from writing the change to
reading the diagnostics.

Two documents: the largest bundled plan (plans/yueyang-2025.plan, its seven annexes
read from the disk through its includes) and a 10k-line plan from :mod:`bench.corpus`.
"""

from __future__ import annotations

import json
import os
import select
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EDITS = 20
WAIT_S = 120.0


class _Client:
    def __init__(self, cwd: Path) -> None:
        self.process = subprocess.Popen([sys.executable, "-m", "driver.cli", "lsp"], cwd=cwd,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.buffer = b""
        self.next_id = 0

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def receive(self) -> dict[str, Any]:
        assert self.process.stdout is not None
        deadline = time.monotonic() + WAIT_S
        while True:
            head, sep, rest = self.buffer.partition(b"\r\n\r\n")
            if sep:
                length = int(head.split(b"Content-Length:")[1].split(b"\r\n")[0])
                if len(rest) >= length:
                    self.buffer = rest[length:]
                    return dict(json.loads(rest[:length]))
            fd = self.process.stdout.fileno()
            if not select.select([fd], [], [], max(deadline - time.monotonic(), 0))[0]:
                raise TimeoutError("the language server did not answer")
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                raise EOFError("the language server exited")
            self.buffer += chunk

    def request(self, method: str, params: object) -> Any:
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        while True:
            message = self.receive()
            if message.get("id") == self.next_id and "method" not in message:
                return message.get("result")

    def diagnostics(self, uri: str, version: int) -> list[Any]:
        while True:
            message = self.receive()
            params = message.get("params") or {}
            if message.get("method") == "textDocument/publishDiagnostics" and params.get("uri") == uri \
                    and params.get("version") == version:
                return list(params["diagnostics"])

    def close(self) -> None:
        try:
            self.request("shutdown", None)
            self.send({"method": "exit"})
            self.process.wait(10)
        finally:
            if self.process.poll() is None:
                self.process.kill()


def _edits(text: str, count: int) -> Iterator[str]:
    """``count`` texts, each ``text`` with a comment appended to a one-line statement in the middle of the file."""
    from dsl.parser import parse

    lines: list[int] = []

    def walk(statements: list[Any]) -> None:
        for statement in statements:
            if statement.block:
                walk(statement.block)
            elif statement.span.line == statement.span.end_line and statement.keyword != "text":
                lines.append(statement.span.line)

    walk(parse(text, "bench").statements)
    target = lines[len(lines) // 2] - 1
    rows = text.split("\n")
    for index in range(count):
        edited = list(rows)
        edited[target] += f"  # 第{index + 1}次编辑"
        yield "\n".join(edited)


def measure(path: Path, edits: int = EDITS) -> dict[str, float]:
    """Open ``path`` in a fresh server, then time ``edits`` edits; milliseconds."""
    from pygls.uris import from_fs_path

    path = path.resolve()
    text = path.read_text(encoding="utf-8")
    uri = from_fs_path(str(path)) or ""
    client = _Client(path.parent)
    try:
        client.request("initialize", {"processId": None, "rootUri": from_fs_path(str(path.parent)), "capabilities": {}})
        client.send({"method": "initialized", "params": {}})
        start = time.perf_counter()
        client.send({"method": "textDocument/didOpen", "params": {"textDocument": {
            "uri": uri, "languageId": "planc", "version": 1, "text": text}}})
        opened = client.diagnostics(uri, 1)
        open_ms = (time.perf_counter() - start) * 1000
        times = []
        for version, edited in enumerate(_edits(text, edits), start=2):
            start = time.perf_counter()
            client.send({"method": "textDocument/didChange", "params": {
                "textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": edited}]}})
            diagnostics = client.diagnostics(uri, version)
            times.append((time.perf_counter() - start) * 1000)
            assert len(diagnostics) == len(opened), "an edit meant to leave the diagnostics alone changed them"
    finally:
        client.close()
    return {"lines": text.count("\n") + 1, "edits": edits, "open_ms": round(open_ms, 1),
            "median_ms": round(statistics.median(times), 1), "max_ms": round(max(times), 1)}


def lsp_change_to_diagnostics_ms(work: Path) -> dict[str, dict[str, float]]:
    """The latency on 岳阳 and on a 10k-line plan (written to ``work``)."""
    from bench.corpus import plan_text

    big = work / "lsp-10k.plan"
    big.write_text(plan_text(10_000, plan_id="lsp-10k"), encoding="utf-8")
    return {"yueyang": measure(ROOT / "plans" / "yueyang-2025.plan"), "10k": measure(big)}


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory() as tmp:
        print(json.dumps(lsp_change_to_diagnostics_ms(Path(tmp)), indent=2))
