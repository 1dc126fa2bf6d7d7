"""Content addresses for incremental builds: what a plan's output depends on, hashed.

A plan's key covers everything its files are made from: the bytes of its entry file
and of every file it includes, planc itself (its version and a hash of every file of
its packages, so an edited emitter invalidates the cache even without a version bump),
the versions of the libraries that write its bytes (python-docx, lxml, orjson, jinja2,
pydantic, the holiday table) and of Python and zlib (the .docx and .xlsx are deflated),
the build options (``--pdf``), ``SOURCE_DATE_EPOCH`` (it sets the calendar's DTSTAMP)
and the working folder (diagnostic and source paths are written relative to it).
Two builds with equal keys write equal bytes, so a plan whose key is unchanged and
whose files still hash as recorded is reused instead of emitted again.
"""

from __future__ import annotations

import functools
import hashlib
import os
import sys
from collections.abc import Iterable
from pathlib import Path

# the packages whose code makes the output; a change to any file in them changes every key
_PACKAGES = ("diagnostics", "dsl", "compiler", "targets", "driver")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# the distributions whose code shapes the output's bytes, besides planc's own files: the holiday table
# (dates), the templates, XML and JSON writers, the model's dumps, the .docx package
_OUTPUT_DISTRIBUTIONS = ("planc", "chinesecalendar", "jinja2", "lxml", "orjson", "pydantic", "pydantic-core",
                         "python-docx")


def _normalised(name: str) -> str:
    """A distribution's name as PEP 503 compares them: python_docx and Python.Docx are python-docx."""
    return "-".join(part for part in name.lower().replace("_", "-").replace(".", "-").split("-") if part)


def distribution_versions() -> list[str]:
    """``name-version`` of each installed distribution in :data:`_OUTPUT_DISTRIBUTIONS`, sorted.

    Read from the ``*.dist-info`` (or ``*.egg-info``) folder names on ``sys.path``, where
    importlib.metadata reads them too; importing it and scanning took ~20 ms of every no-change build.
    """
    wanted = {_normalised(name) for name in _OUTPUT_DISTRIBUTIONS}
    found: set[str] = set()
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:  # a zip file on the path, a folder that is gone
            continue
        for name in names:
            stem, dot, suffix = name.rpartition(".")
            if not dot or suffix not in ("dist-info", "egg-info"):
                continue
            distribution, _, version = stem.partition("-")
            if version and _normalised(distribution) in wanted:  # a source tree's planc.egg-info has none
                found.add(f"{_normalised(distribution)}-{version}")
    return sorted(found)


@functools.cache
def planc_fingerprint() -> str:
    """The versions of planc and of the libraries that write its output, Python's and zlib's, and the hash of
    planc's code, templates and data files."""
    import zlib

    digest = hashlib.sha256()
    for part in (*distribution_versions(), sys.version, zlib.ZLIB_RUNTIME_VERSION):
        digest.update(part.encode() + b"\0")
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


# the largest SOURCE_DATE_EPOCH a calendar can hold: 9999-12-31T23:59:59Z
MAX_SOURCE_DATE_EPOCH = 253402300799


def source_date_epoch_problem(environ: dict[str, str] | None = None) -> str | None:
    """A malformed SOURCE_DATE_EPOCH is a usage error (reproducible-builds.org: the build SHOULD fail)."""
    value = (os.environ if environ is None else environ).get("SOURCE_DATE_EPOCH")
    if value is None or value.strip() == "":
        return None
    text = value.strip()
    if not (text.isascii() and text.isdigit()):
        return f"SOURCE_DATE_EPOCH=`{value}` is not a whole number of seconds since 1970-01-01 00:00 UTC"
    if int(text) > MAX_SOURCE_DATE_EPOCH:
        return (f"SOURCE_DATE_EPOCH={text} is after 9999-12-31 23:59:59 UTC (the largest is "
                f"{MAX_SOURCE_DATE_EPOCH}); a calendar cannot hold that date")
    return None
