"""Content addresses for incremental builds: what a plan's output depends on, hashed.

A plan's key covers everything its files are made from: the bytes of its entry file
and of every file it includes, planc itself (its version and a hash of every file of
its packages, so an edited emitter invalidates the cache even without a version bump),
the build options (``--pdf``), ``SOURCE_DATE_EPOCH`` (it sets the calendar's DTSTAMP)
and the working folder (diagnostic and source paths are written relative to it).
Two builds with equal keys write equal bytes, so a plan whose key is unchanged and
whose files still hash as recorded is reused instead of emitted again.
"""

from __future__ import annotations

import functools
import hashlib
import os
from collections.abc import Iterable
from pathlib import Path

# the packages whose code makes the output; a change to any file in them changes every key
_PACKAGES = ("diagnostics", "dsl", "compiler", "targets", "driver")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@functools.cache
def planc_fingerprint() -> str:
    """planc's version and the hash of its code, templates and data files."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        planc_version = version("planc")
    except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        planc_version = "unknown"
    digest = hashlib.sha256(planc_version.encode())
    root = Path(__file__).resolve().parent.parent
    for package in _PACKAGES:
        for path in sorted((root / package).rglob("*")):
            if "__pycache__" in path.parts or not path.is_file() or path.suffix in (".pyc", ".pyo"):
                continue
            digest.update(path.relative_to(root).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def build_options(**chosen: str) -> dict[str, str]:
    """The options a key covers: those chosen on the command line, and SOURCE_DATE_EPOCH (the calendar's DTSTAMP)."""
    return {"source_date_epoch": os.environ.get("SOURCE_DATE_EPOCH", "").strip(), **chosen}


def plan_key(entry: Path, files: Iterable[str], options: dict[str, str]) -> str:
    """The content address of one plan's output: its sources' bytes, planc, the options."""
    entry = entry.resolve()
    digest = hashlib.sha256()
    for part in (planc_fingerprint(), str(entry), os.getcwd(),
                 *(f"{name}={value}" for name, value in sorted(options.items()))):
        digest.update(part.encode("utf-8", "surrogateescape") + b"\0")
    for rel in sorted(set(files) | {entry.name}):
        digest.update(rel.encode("utf-8", "surrogateescape") + b"\0")
        try:
            digest.update(hashlib.sha256((entry.parent / rel).read_bytes()).digest())
        except OSError:
            digest.update(b"unreadable")  # never matches a recorded key from a readable file
    return digest.hexdigest()


def shared_key(plan_keys: dict[str, str]) -> str:
    """The index files list every plan of the build: they change when any plan does."""
    digest = hashlib.sha256(planc_fingerprint().encode())
    for plan_id, key in sorted(plan_keys.items()):
        digest.update(f"{plan_id}\0{key}\0".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()
