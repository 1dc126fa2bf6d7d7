"""The language server's transport: LSP base-protocol frames over stdio, read defensively.

pygls's own reader (``pygls.io_.run_async``) trusts its client: a `Content-Length` of a
terabyte is read into memory (MemoryError), and a frame it cannot read (a length that is
not a number, a misspelt header, a body shorter than its length) is skipped without a
word, leaving the server alive and silent. Messages it cannot turn into requests are
logged and dropped, so the client waits forever for an answer. This module replaces
that loop and keeps pygls for everything above it (dispatch, features, the workspace):

* a frame is bounded: headers at most :data:`MAX_HEADER_BYTES`, a body at most
  :data:`MAX_MESSAGE_BYTES`; once a frame has begun, the rest of it must arrive within
  the frame timeout;
* a frame that breaks these rules, or that cannot be read at all, ends the connection:
  a JSON-RPC parse error (id null) naming the reason is sent, the reason is printed on
  stderr, and the server exits with status 2 (the stream can no longer be trusted to be
  in step, so reading on would misread the next message);
* a well-framed body that is not JSON gets a parse error and the server reads on; one
  that is not a JSON-RPC request gets Invalid Request; a request whose params do not fit
  its method gets Invalid Params; a request before `initialize` gets Server Not
  Initialized; a request after `shutdown` gets Invalid Request (as the LSP specification
  asks); a notification that cannot be read is reported with `window/logMessage`;
* an internal error is answered with its one-line message, never a traceback (that
  goes to stderr).
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import re
import select
import sys
import threading
import time
from typing import Any, BinaryIO

from lsprotocol import types as lsp
from pygls.io_ import StdoutWriter
from pygls.protocol import LanguageServerProtocol

MAX_MESSAGE_BYTES = 64 * 1024 * 1024
MAX_HEADER_BYTES = 8 * 1024
FRAME_TIMEOUT_S = 10.0  # from a frame's first byte to its last

PARSE_ERROR = -32700
INVALID_REQUEST = -32600
INVALID_PARAMS = -32602
SERVER_NOT_INITIALIZED = -32002

EXIT_BROKEN_STREAM = 2  # the CLI's usage-or-I/O status (driver.common.Exit.USAGE)

_HEADER = re.compile(rb"([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \t]*(.*?)[ \t]*")
_LENGTH = re.compile(rb"[0-9]{1,19}")
_READ_CHUNK = 64 * 1024
logger = logging.getLogger(__name__)


class FrameError(Exception):
    """The input can no longer be read as LSP messages; the message says why."""


def _shown(raw: bytes, limit: int = 40) -> str:
    text = raw[:limit].decode("utf-8", "backslashreplace")
    return repr(text + ("…" if len(raw) > limit else ""))


class FrameReader:
    """Reads one LSP message body at a time from a file descriptor, within the limits above."""

    def __init__(self, fd: int, timeout: float = FRAME_TIMEOUT_S) -> None:
        self.fd = fd
        self.timeout = timeout
        self.buffer = bytearray()
        self.eof = False

    def _fill(self, deadline: float | None, waiting_for: str) -> None:
        if deadline is not None:
            remaining = deadline - time.monotonic()
            try:
                ready = remaining > 0 and bool(select.select([self.fd], [], [], remaining)[0])
            except (OSError, ValueError):  # a descriptor select cannot wait on (a pipe on Windows): read untimed
                ready = True
            if not ready:
                raise FrameError(f"{waiting_for} did not arrive within {self.timeout:g} s of the message's start")
        chunk = os.read(self.fd, _READ_CHUNK)
        if chunk:
            self.buffer += chunk
        else:
            self.eof = True

    def next(self) -> bytes | None:
        """The next message body; None at the end of the input between messages. Raises :class:`FrameError`."""
        deadline: float | None = None
        length: int | None = None
        header_bytes = 0
        while True:  # headers, one line each, up to an empty line
            end = self.buffer.find(b"\r\n")
            if end < 0:
                if len(self.buffer) + header_bytes > MAX_HEADER_BYTES:
                    raise FrameError(f"a message header is longer than {MAX_HEADER_BYTES} bytes: {_shown(bytes(self.buffer))}")
                if self.eof:
                    if not self.buffer and deadline is None:
                        return None
                    raise FrameError("the input ended inside a message header")
                self._fill(deadline, "the end of the message header")
                if deadline is None and self.buffer:
                    deadline = time.monotonic() + self.timeout
                continue
            line = bytes(self.buffer[:end])
            del self.buffer[: end + 2]
            header_bytes += end + 2
            if deadline is None:
                deadline = time.monotonic() + self.timeout
            if header_bytes > MAX_HEADER_BYTES:
                raise FrameError(f"the message header is longer than {MAX_HEADER_BYTES} bytes")
            if not line:
                break
            match = _HEADER.fullmatch(line)
            if match is None:
                raise FrameError(f"malformed header line {_shown(line)} (expected `Name: value`)")
            name, value = match.group(1).lower(), match.group(2)
            if name == b"content-length":
                if length is not None:
                    raise FrameError("two Content-Length headers in one message")
                if _LENGTH.fullmatch(value) is None:
                    raise FrameError(f"Content-Length {_shown(value)} is not a byte count")
                length = int(value)
                if length > MAX_MESSAGE_BYTES:
                    raise FrameError(
                        f"a message of {length} bytes is over the limit of {MAX_MESSAGE_BYTES // (1024 * 1024)} MB"
                    )
            elif name != b"content-type":  # the only other header the base protocol has
                logger.warning("ignoring unknown header %s", _shown(line))
        if length is None:
            raise FrameError("a message header without Content-Length")
        while len(self.buffer) < length:
            if self.eof:
                raise FrameError(f"the input ended after {len(self.buffer)} of the message's {length} bytes")
            self._fill(deadline, f"the message's {length} bytes (got {len(self.buffer)})")
        body = bytes(self.buffer[:length])
        del self.buffer[:length]
        return body


def _valid_id(value: object) -> bool:
    return isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool))


class PlancProtocol(LanguageServerProtocol):
    """pygls's protocol, fed whole message bodies by :func:`serve`, answering every request it cannot serve."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initialize_seen = False

    def send_error(self, msg_id: object, code: int, message: str) -> None:
        self._send_data({"jsonrpc": "2.0", "id": msg_id, "error": {"code": code, "message": message}})

    def _send_response(self, msg_id: Any, result: Any = None, error: Any = None) -> None:
        if error is not None and isinstance(error.data, dict) and "traceback" in error.data:
            # pygls puts the handler's traceback in the answer; the client gets the one-line message
            print(f"planc lsp: internal error answering request {msg_id}: {error.message}\n"
                  + "".join(error.data["traceback"]), file=sys.stderr)
            error = lsp.ResponseError(code=error.code, message=f"planc: internal error: {error.message}")
        super()._send_response(msg_id, result, error)

    def receive(self, body: bytes) -> int | None:
        """Handle one message body; the exit status when the server should stop, else None."""
        try:
            data = json.loads(body)
        except (ValueError, RecursionError) as error:  # not UTF-8, not JSON, or nested past Python's stack
            self.send_error(None, PARSE_ERROR, f"the message is not JSON: {str(error)[:200]}")
            return None
        if not isinstance(data, dict) or data.get("jsonrpc") != "2.0":
            msg_id = data.get("id") if isinstance(data, dict) and _valid_id(data.get("id")) else None
            self.send_error(msg_id, INVALID_REQUEST, 'not a JSON-RPC 2.0 message (an object with "jsonrpc": "2.0")')
            return None
        method = data.get("method")
        has_id = "id" in data
        if has_id and not _valid_id(data["id"]) and not (data["id"] is None and "error" in data):
            self.send_error(None, INVALID_REQUEST, "a message id must be a number or a string")
            return None
        msg_id = data.get("id")
        if method is None:
            if has_id and ("result" in data or "error" in data):
                return self._dispatch(data, msg_id, None)  # a response to a request of ours
            self.send_error(msg_id, INVALID_REQUEST, "a request needs a method")
            return None
        if not isinstance(method, str):
            self.send_error(msg_id if has_id else None, INVALID_REQUEST, "a method must be a string")
            return None
        if method == lsp.EXIT:
            return 0 if self._shutdown else 1
        request = has_id
        if self._shutdown:
            if request:
                self.send_error(msg_id, INVALID_REQUEST, f"`{method}` after shutdown: the server only accepts exit now")
            return None  # notifications after shutdown are dropped (LSP)
        if not self.initialize_seen and method != lsp.INITIALIZE:
            if request:
                self.send_error(msg_id, SERVER_NOT_INITIALIZED, f"`{method}` before initialize")
            return None  # as are notifications before initialize
        if request and method == lsp.INITIALIZE and self.initialize_seen:
            self.send_error(msg_id, INVALID_REQUEST, "initialize was already sent")
            return None
        return self._dispatch(data, msg_id if request else None, method)

    def _dispatch(self, data: dict[str, Any], msg_id: Any, method: str | None) -> int | None:
        if method is not None and "params" not in data and self.get_message_type(method) is None:
            data = {**data, "params": None}  # params are optional; pygls's generic message wants the field
        try:
            message = self.structure_message(data)
        except Exception as error:  # pygls raises its own exceptions for params that do not fit
            reason = str(error.__cause__ or error).splitlines()[0] if str(error.__cause__ or error) else type(error).__name__
            if msg_id is not None:
                self.send_error(msg_id, INVALID_PARAMS, f"invalid params for `{method}`: {reason}"[:500])
            elif method is not None:
                self.notify(lsp.WINDOW_LOG_MESSAGE, lsp.LogMessageParams(
                    type=lsp.MessageType.Error, message=f"planc: ignored `{method}` with invalid params: {reason}"[:500]))
            return None
        if method == lsp.INITIALIZE:
            self.initialize_seen = True
        self.handle_message(message)
        return None


def serve(protocol: PlancProtocol, stdin: BinaryIO, stdout: BinaryIO, frame_timeout: float = FRAME_TIMEOUT_S) -> int:
    """Run the server over these streams until exit, the end of the input, or a broken stream; the exit status."""
    protocol.set_writer(StdoutWriter(stdout))
    fd = stdin.fileno()

    async def run() -> int:
        loop = asyncio.get_running_loop()
        finished: asyncio.Future[int] = loop.create_future()

        def deliver(item: bytes | FrameError | None) -> None:
            if finished.done():
                return
            try:
                if item is None:
                    finished.set_result(0)
                elif isinstance(item, FrameError):
                    protocol.send_error(None, PARSE_ERROR, f"{item}; closing the connection")
                    print(f"planc lsp: {item}; closing the connection", file=sys.stderr)
                    finished.set_result(EXIT_BROKEN_STREAM)
                else:
                    status = protocol.receive(item)
                    if status is not None:
                        finished.set_result(status)
            except (BrokenPipeError, ConnectionResetError):
                print("planc lsp: the client closed its end of the connection", file=sys.stderr)
                finished.set_result(0)

        def read() -> None:
            reader = FrameReader(fd, frame_timeout)
            while True:
                item: bytes | FrameError | None
                try:
                    item = reader.next()
                except FrameError as error:
                    item = error
                except OSError as error:
                    item = FrameError(f"cannot read the input: {error.strerror or error}")
                try:
                    loop.call_soon_threadsafe(deliver, item)
                except RuntimeError:  # the loop has closed: the server is exiting
                    return
                if not isinstance(item, bytes):
                    return

        threading.Thread(target=read, name="planc-lsp-reader", daemon=True).start()
        return await finished

    return asyncio.run(run())
