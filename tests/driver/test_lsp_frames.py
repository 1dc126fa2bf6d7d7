"""The language server against hostile input: raw bytes written to `planc lsp`, answers read back with timeouts.

Every case asserts what the client sees: a JSON-RPC answer for each request (errors as
JSON-RPC errors, never a traceback), or, for a stream that can no longer be read in
step, a parse error and a clean exit with the reason on stderr. Never silence, never a
MemoryError.
"""

from __future__ import annotations

import asyncio
import json
import os
import select
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from driver.lsp_io import EXIT_BROKEN_STREAM, INVALID_PARAMS, INVALID_REQUEST, PARSE_ERROR, SERVER_NOT_INITIALIZED

WAIT = 60.0  # seconds; only stops a broken server from hanging the suite
EXAMPLES = int(os.environ.get("PLANC_FUZZ_EXAMPLES", "200"))  # `make fuzz` runs a long campaign


def frame(payload: dict[str, Any] | bytes) -> bytes:
    body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


class Server:
    """`planc lsp` in a subprocess: write raw bytes, read framed messages (with a timeout), watch it exit."""

    def __init__(self, cwd: Path, *options: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "driver.cli", "lsp", *options],
            cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )
        self.buffer = b""

    def send(self, data: bytes) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(data)
        self.process.stdin.flush()

    def request(self, msg_id: int, method: str, params: object = None) -> None:
        message: dict[str, Any] = {"jsonrpc": "2.0", "id": msg_id, "method": method}
        if params is not None:
            message["params"] = params
        self.send(frame(message))

    def notify(self, method: str, params: object = None) -> None:
        self.send(frame({"jsonrpc": "2.0", "method": method, "params": params}))

    def _read_some(self, deadline: float) -> bool:
        assert self.process.stdout is not None
        fd = self.process.stdout.fileno()
        remaining = deadline - time.monotonic()
        if remaining <= 0 or not select.select([fd], [], [], remaining)[0]:
            return False
        chunk = os.read(fd, 65536)
        self.buffer += chunk
        return bool(chunk)

    def message(self, timeout: float = WAIT) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while True:
            head, sep, rest = self.buffer.partition(b"\r\n\r\n")
            if sep:
                length = next(int(line.split(b":")[1]) for line in head.split(b"\r\n")
                              if line.lower().startswith(b"content-length:"))
                if len(rest) >= length:
                    self.buffer = rest[length:]
                    return dict(json.loads(rest[:length]))
            if not self._read_some(deadline):
                raise AssertionError(f"no message from the server within {timeout} s; stderr: {self.stderr_now()}")

    def response(self, msg_id: object, timeout: float = WAIT) -> dict[str, Any]:
        """The answer to request ``msg_id`` (id None: an error about no request in particular); skips notifications."""
        while True:
            message = self.message(timeout)
            if "method" not in message and message.get("id") == msg_id:
                return message

    def exit_status(self, timeout: float = WAIT) -> int:
        return self.process.wait(timeout)

    def stderr_now(self) -> str:
        if self.process.poll() is None or self.process.stderr is None:
            return "(running)"
        return self.process.stderr.read().decode("utf-8", "replace")

    def initialize(self, root: Path) -> None:
        self.request(1, "initialize", {"processId": None, "rootUri": root.as_uri(), "capabilities": {}})
        assert "result" in self.response(1)
        self.notify("initialized", {})

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(WAIT)
        for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()


@pytest.fixture
def server(tmp_path: Path):  # type: ignore[no-untyped-def]
    started: list[Server] = []

    def start(*options: str) -> Server:
        started.append(Server(tmp_path, *options))
        return started[-1]

    yield start
    for each in started:
        each.close()


def broken_stream(server: Server, reason: str) -> None:
    """The server answered with a parse error naming ``reason``, said so on stderr, and exited with status 2."""
    error = server.response(None)["error"]
    assert error["code"] == PARSE_ERROR and reason in error["message"]
    assert server.exit_status() == EXIT_BROKEN_STREAM
    stderr = server.stderr_now()
    assert reason in stderr and "Traceback" not in stderr and "MemoryError" not in stderr


def test_a_terabyte_content_length_is_refused_without_reading_it(server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    s = server()
    s.initialize(tmp_path)
    s.send(b"Content-Length: 1000000000000\r\n\r\n{}")
    broken_stream(s, "a message of 1000000000000 bytes is over the limit of 64 MB")


@pytest.mark.parametrize("value", [b"abc", b"-5", b"12x", b"", b"99999999999999999999999"])
def test_a_content_length_that_is_not_a_byte_count_is_refused(server, value: bytes) -> None:  # type: ignore[no-untyped-def]
    s = server()
    s.send(b"Content-Length: " + value + b"\r\n\r\n{}")
    broken_stream(s, "is not a byte count")


def test_a_misspelt_header_is_refused(server) -> None:  # type: ignore[no-untyped-def]
    s = server()
    s.send(b"Content-Lenght: 2\r\n\r\n{}")
    broken_stream(s, "a message header without Content-Length")


def test_a_header_line_without_a_colon_is_refused(server) -> None:  # type: ignore[no-untyped-def]
    s = server()
    s.send(b"hello there\r\n\r\n")
    broken_stream(s, "malformed header line")


def test_an_endless_header_is_refused(server) -> None:  # type: ignore[no-untyped-def]
    s = server()
    s.send(b"X-Padding: " + b"a" * 20_000)
    broken_stream(s, "longer than 8192 bytes")


def test_a_short_body_that_stalls_times_out(server) -> None:  # type: ignore[no-untyped-def]
    s = server("--frame-timeout", "0.5")
    s.send(b'Content-Length: 100\r\n\r\n{"jsonrpc": "2.0"')
    broken_stream(s, "did not arrive within 0.5 s")


def test_a_short_body_at_the_end_of_the_input_is_reported(server) -> None:  # type: ignore[no-untyped-def]
    s = server()
    s.send(b'Content-Length: 100\r\n\r\n{"jsonrpc": "2.0"')
    assert s.process.stdin is not None
    s.process.stdin.close()
    broken_stream(s, "the input ended after 17 of the message's 100 bytes")


def test_a_body_that_is_not_json_gets_a_parse_error_and_the_server_reads_on(server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    s = server()
    s.initialize(tmp_path)
    for body in (b"{not json", b"\xff\xfe", b"[" * 100_000):
        s.send(frame(body))
        assert s.response(None)["error"]["code"] == PARSE_ERROR
    s.request(7, "shutdown")
    assert s.response(7) == {"jsonrpc": "2.0", "id": 7, "result": None}


def test_messages_that_are_not_requests_get_invalid_request(server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    s = server()
    s.initialize(tmp_path)
    s.send(frame(b"[]"))
    assert s.response(None)["error"]["code"] == INVALID_REQUEST
    s.send(frame({"id": 3, "method": "shutdown"}))  # no "jsonrpc"
    assert s.response(3)["error"]["code"] == INVALID_REQUEST
    s.send(frame({"jsonrpc": "2.0", "id": 4}))  # no method
    assert s.response(4)["error"]["code"] == INVALID_REQUEST
    s.send(frame({"jsonrpc": "2.0", "id": {"a": 1}, "method": "shutdown"}))
    assert s.response(None)["error"]["code"] == INVALID_REQUEST


def test_a_request_with_invalid_params_gets_invalid_params(server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    s = server()
    s.initialize(tmp_path)
    for msg_id, params in enumerate(({}, {"textDocument": {"uri": "file:///x.plan"}}, [1, 2], "text"), start=10):
        s.request(msg_id, "textDocument/hover", params)
        error = s.response(msg_id)["error"]
        assert error["code"] == INVALID_PARAMS and "textDocument/hover" in error["message"]
    # a notification cannot be answered: the client is told in the log instead
    s.notify("textDocument/didOpen", {"textDocument": 5})
    log = s.message()
    assert log["method"] == "window/logMessage" and "textDocument/didOpen" in log["params"]["message"]


def test_requests_before_initialize_and_after_shutdown_are_answered(server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    s = server()
    s.request(1, "textDocument/hover", {"textDocument": {"uri": "file:///x.plan"}, "position": {"line": 0, "character": 0}})
    assert s.response(1)["error"]["code"] == SERVER_NOT_INITIALIZED
    s.request(2, "initialize", {"processId": None, "rootUri": tmp_path.as_uri(), "capabilities": {}})
    assert "result" in s.response(2)
    s.request(3, "shutdown")
    assert s.response(3)["result"] is None
    s.request(4, "textDocument/hover", {"textDocument": {"uri": "file:///x.plan"}, "position": {"line": 0, "character": 0}})
    error = s.response(4)["error"]
    assert error["code"] == INVALID_REQUEST and "after shutdown" in error["message"]
    s.notify("exit")
    assert s.exit_status() == 0


def test_exit_without_shutdown_exits_with_status_1(server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    s = server()
    s.initialize(tmp_path)
    s.notify("exit")
    assert s.exit_status() == 1


def test_the_end_of_the_input_between_messages_is_a_clean_exit(server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    s = server()
    s.initialize(tmp_path)
    assert s.process.stdin is not None
    s.process.stdin.close()
    assert s.exit_status() == 0
    assert "Traceback" not in s.stderr_now()


def test_requests_about_a_file_never_opened_get_empty_answers(server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    s = server()
    s.initialize(tmp_path)
    position = {"textDocument": {"uri": (tmp_path / "nowhere.plan").as_uri()}, "position": {"line": 3, "character": 2}}
    s.request(20, "textDocument/completion", position)
    assert s.response(20) == {"jsonrpc": "2.0", "id": 20, "result": {"isIncomplete": False, "items": []}}
    s.request(21, "textDocument/hover", position)
    assert s.response(21) == {"jsonrpc": "2.0", "id": 21, "result": None}
    s.request(22, "textDocument/definition", position)
    assert s.response(22) == {"jsonrpc": "2.0", "id": 22, "result": None}
    s.request(23, "no/such/method")
    assert s.response(23)["error"]["code"] == -32601  # Method Not Found


def test_an_internal_error_is_answered_without_a_traceback(tmp_path: Path) -> None:
    """A handler that raises: the client gets the error's one line, the traceback goes to stderr."""
    from driver.lsp import create_server

    server = create_server()
    sent: list[bytes] = []

    class Writer:
        def write(self, data: bytes) -> None:
            sent.append(data)

        def close(self) -> None:
            pass

    server.protocol.set_writer(Writer())
    protocol = server.protocol
    protocol.receive(json.dumps({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                                 "params": {"processId": None, "rootUri": tmp_path.as_uri(), "capabilities": {}}}).encode())

    @server.feature("planc/boom")
    def boom(ls: object, params: object) -> None:
        raise ValueError("a bug")

    protocol.receive(json.dumps({"jsonrpc": "2.0", "id": 2, "method": "planc/boom", "params": {}}).encode())
    answer = json.loads(sent[-1].partition(b"\r\n\r\n")[2])
    assert answer["id"] == 2 and answer["error"]["code"] == -32603
    assert "a bug" in answer["error"]["message"] and "data" not in answer["error"]


# ---- properties, in-process: any bytes are read as messages or refused with a reason; never another exception


FRAGMENTS = st.sampled_from([
    b"Content-Length: ", b"content-length:", b"Content-Type: application/vscode-jsonrpc; charset=utf-8",
    b"\r\n", b"\n", b"\r", b"2", b"17", b"-1", b"1000000000000", b"abc", b":", b" ", b"{}",
    b'{"jsonrpc": "2.0", "id": 1, "method": "shutdown"}', b"\xff", b"\x00",
])


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.lists(st.one_of(FRAGMENTS, st.binary(max_size=20)), max_size=30))
def test_any_bytes_give_messages_or_a_frame_error(parts: list[bytes]) -> None:
    from driver.lsp_io import MAX_MESSAGE_BYTES, FrameError, FrameReader

    data = b"".join(parts)
    read, write = os.pipe()
    try:
        os.write(write, data)  # well under a pipe's buffer
        os.close(write)
        reader = FrameReader(read, timeout=0.2)
        bodies: list[bytes] = []
        try:
            while (body := reader.next()) is not None:
                assert len(body) <= MAX_MESSAGE_BYTES
                bodies.append(body)
        except FrameError as error:
            assert str(error)
        assert sum(len(b) for b in bodies) <= len(data)
    finally:
        os.close(read)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8,
)
METHODS = st.sampled_from(["initialize", "shutdown", "textDocument/hover", "textDocument/completion",
                           "textDocument/didOpen", "textDocument/didChange", "no/such", "$/cancelRequest"])


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.lists(st.fixed_dictionaries(
    {"jsonrpc": st.sampled_from(["2.0", "1.0"]), "method": METHODS},
    optional={"id": st.one_of(st.integers(), st.text(max_size=3), st.none(), st.booleans()), "params": JSON_VALUES},
), max_size=6))
def test_every_request_is_answered_whatever_its_params(messages: list[dict[str, Any]]) -> None:
    from driver.lsp import create_server

    server = create_server()
    sent: list[dict[str, Any]] = []

    class Writer:
        def write(self, data: bytes) -> None:
            sent.append(json.loads(data.partition(b"\r\n\r\n")[2]))

        def close(self) -> None:
            pass

    server.protocol.set_writer(Writer())

    async def main() -> None:  # the handlers run on the server's event loop
        for message in messages:
            before = len(sent)
            server.protocol.receive(json.dumps(message).encode())
            is_request = "id" in message and message["method"] != "$/cancelRequest"
            if is_request:
                ids = [m.get("id") for m in sent[before:] if "method" not in m]
                assert ids, f"no answer to {message}"

    asyncio.run(main())
