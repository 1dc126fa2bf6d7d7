"""The build manifest: every file planc wrote into an output generation, with its hash.

``DIR/.planc/current/.planc-manifest.json`` (inside the generation it describes, so the
one rename that switches the output switches the manifest with it). It says which
plans the generation holds, each plan's cache key and the SHA-256 of each of its
files, and the same for the shared files (index.md, index.html). A checksum over the
rest detects a damaged manifest; a damaged manifest is never trusted.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from driver.cache import sha256

SCHEMA = "planc/build-manifest/v1"
NAME = ".planc-manifest.json"
SHARED = ""  # the key of the shared files' entry (no plan id is empty)


def _inside(part: str) -> bool:
    """One path component that stays inside its folder."""
    return bool(part) and part not in (".", "..") and "\\" not in part and "\0" not in part


class ManifestDamaged(Exception):
    """The manifest cannot be read or its checksum does not match."""


@dataclass
class Entry:
    """One plan's output (or the shared files'): its cache key and the hash of each file."""

    key: str
    files: dict[str, str] = field(default_factory=dict)
    # for a build that can skip compiling (driver/uptodate.py): the entry file, the files it read
    # (relative to the entry's folder), and its diagnostics to print again
    entry: str = ""
    deps: list[str] = field(default_factory=list)
    diagnostics: list[dict[str, Any]] = field(default_factory=list)

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {"key": self.key, "files": dict(sorted(self.files.items()))}
        if self.entry:
            body.update(entry=self.entry, deps=self.deps, diagnostics=self.diagnostics)
        return body


@dataclass
class Manifest:
    plans: dict[str, Entry] = field(default_factory=dict)  # plan id -> entry; SHARED -> the shared files

    def owned_paths(self) -> set[str]:
        """Paths relative to the generation folder, posix-style, of every file planc wrote there."""
        paths = {NAME}
        for plan_id, entry in self.plans.items():
            prefix = f"{plan_id}/" if plan_id != SHARED else ""
            paths.update(prefix + rel for rel in entry.files)
        return paths

    def dumps(self) -> bytes:
        body = {
            "schema": SCHEMA,
            "plans": {pid: e.body() for pid, e in sorted(self.plans.items())},
        }
        text = json.dumps(body, ensure_ascii=False, sort_keys=True, indent=1)
        return json.dumps({**body, "checksum": sha256(text.encode("utf-8"))},
                          ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8") + b"\n"

    @classmethod
    def loads(cls, data: bytes) -> Manifest:
        try:
            raw = json.loads(data.decode("utf-8"))
            checksum = raw.pop("checksum")
            text = json.dumps(raw, ensure_ascii=False, sort_keys=True, indent=1)
            if raw.get("schema") != SCHEMA or checksum != sha256(text.encode("utf-8")):
                raise ManifestDamaged("its checksum does not match its contents")
            plans = {
                str(pid): Entry(str(e["key"]), {str(rel): str(h) for rel, h in e["files"].items()},
                                str(e.get("entry", "")), [str(d) for d in e.get("deps", [])],
                                list(e.get("diagnostics", [])))
                for pid, e in raw["plans"].items()
            }
            for pid, entry in plans.items():
                for rel in entry.files:
                    if not (pid == SHARED or _inside(pid)) or not all(_inside(part) for part in rel.split("/")):
                        raise ManifestDamaged(f"it names `{pid}/{rel}`, a path outside its generation")
        except ManifestDamaged:
            raise
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            raise ManifestDamaged(f"it is not a planc manifest ({type(error).__name__})") from None
        return cls(plans)

    @classmethod
    def read(cls, folder: Path) -> Manifest:
        try:
            data = (folder / NAME).read_bytes()
        except OSError as error:
            raise ManifestDamaged(error.strerror or str(error)) from None
        return cls.loads(data)
