"""The build lock: one `planc build` at a time writes into an output folder.

The lock is ``DIR/.planc/lock``, held with ``flock`` for the whole build (staging,
switch, clean-up). A second build into the same folder waits for the first and says
so on stderr, like cargo's "Blocking waiting for file lock on build directory"; after
``timeout`` seconds it gives up with exit 2. The kernel releases the lock when the
holder dies, so a killed build never leaves a stale lock behind.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no advisory locks; builds are not serialised there
    fcntl = None  # type: ignore[assignment]


class LockTimeout(Exception):
    """Another build held the lock for longer than we were willing to wait."""


class BuildLock:
    """``with BuildLock(path, on_wait=...)``: hold an exclusive lock on ``path`` (created if missing)."""

    def __init__(self, path: Path, *, timeout: float = 600.0, on_wait: Callable[[], None] | None = None) -> None:
        self.path = path
        self.timeout = timeout
        self.on_wait = on_wait
        self._fd: int | None = None

    def __enter__(self) -> BuildLock:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        if fcntl is None:  # pragma: no cover
            self._fd = fd
            return self
        try:
            deadline = time.monotonic() + self.timeout
            waited = False
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if not waited and self.on_wait is not None:
                        self.on_wait()
                    waited = True
                    if time.monotonic() > deadline:
                        raise LockTimeout(str(self.path)) from None
                    time.sleep(0.05)
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self._fd is not None:
            if fcntl is not None:
                fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
