"""Writing a build into ``--out``: planc's own state folder, versioned generations, one atomic switch.

Layout (docs/robustness.md, "Build output")::

    DIR/.planc/lock                 the build lock (driver/lock.py)
    DIR/.planc/gen/<hash>/          one generation: every plan folder, index.md, index.html,
                                    and .planc-manifest.json (what planc wrote there, hashed)
    DIR/.planc/current -> gen/<hash>   the pointer; a build switches it with one rename
    DIR/<plan-id> -> .planc/current/<plan-id>   one symbolic link per plan, and per shared file
    DIR/index.md  -> .planc/current/index.md

A reader going through ``DIR/<plan-id>/`` sees the generation ``current`` points to, so
the whole output switches at once: a build killed at any moment leaves either the
previous output or the new one, never a mix (and never a stale index). planc writes
only below ``DIR/.planc/`` and the links it names; a name in DIR that is not a link planc
made, or a file inside the current generation that its manifest does not list, stops
the build (exit 2) before anything is written or deleted.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from driver.cache import sha256
from driver.manifest import NAME as MANIFEST_NAME
from driver.manifest import SHARED, Entry, Manifest, ManifestDamaged


def _token_hex(size: int) -> str:
    """A random suffix for a temporary name (os.urandom: importing `secrets` cost 4 ms of a no-change build)."""
    return os.urandom(size).hex()


STATE = ".planc"


class OutputError(Exception):
    """The build cannot be written: the message names the path and the cause (exit 2)."""


def io_error(error: OSError, doing: str) -> OutputError:
    """An OSError as one line: what planc was doing, on which path, and what the system said."""
    where = error.filename if error.filename is not None else "?"
    cause = error.strerror or str(error)
    return OutputError(f"cannot {doing}: {where}: {cause}")


def _write_file(path: Path, data: bytes) -> None:
    """Write a new file; an error names the file (a failed ``write`` alone does not)."""
    try:
        with open(path, "xb") as handle:
            handle.write(data)
    except OSError as error:
        if error.filename is None:
            raise OSError(error.errno, error.strerror, str(path)) from None
        raise


def _link_or_copy(source: Path, target: Path) -> None:
    """A reused file costs a hard link (same bytes, same mtime); a copy where links are refused."""
    try:
        os.link(source, target)
    except OSError:
        import shutil  # loaded when a build writes, not for a no-change build
        shutil.copy2(source, target)


def _files_below(folder: Path) -> list[str]:
    """Every entry below ``folder`` that is not a directory (files, links), relative, posix-style."""
    found: list[str] = []
    for root, dirs, files in os.walk(folder):
        base = Path(root)
        for name in files:
            found.append((base / name).relative_to(folder).as_posix())
        for name in list(dirs):
            if (base / name).is_symlink():  # a link to a folder is an entry too, and never followed
                found.append((base / name).relative_to(folder).as_posix())
                dirs.remove(name)
    return sorted(found)


@dataclass
class Staged:
    """What a build wants in the new generation: fresh bytes, or reuse of the current files."""

    plans: dict[str, dict[str, bytes]] = field(default_factory=dict)  # plan id -> files to write
    keys: dict[str, str] = field(default_factory=dict)  # every plan of the new generation -> cache key
    reuse: set[str] = field(default_factory=set)  # plan ids whose current files are linked into the new generation
    shared: dict[str, bytes] | None = None  # None: reuse the current shared files
    shared_key: str = ""
    meta: dict[str, Entry] = field(default_factory=dict)  # plan id -> entry, deps, diagnostics (files/key unused)


class OutputFolder:
    """An output folder ``DIR``: its state, ownership checks, the current manifest, the switch."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.state = out / STATE
        self.gens = self.state / "gen"
        self.current = self.state / "current"

    # -- reading --------------------------------------------------------------------------
    def prepare(self) -> None:
        """Create DIR and DIR/.planc (planc's own); refuse a .planc that is not a plain folder."""
        try:
            self.out.mkdir(parents=True, exist_ok=True)
            if self.state.is_symlink() or (self.state.exists() and not self.state.is_dir()):
                raise OutputError(f"{self.state} is not a folder planc made; remove it or choose another --out")
            self.gens.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise io_error(error, "create the output folder") from None

    def current_generation(self) -> tuple[Path | None, Manifest]:
        """The generation ``current`` points to and its manifest (none yet: an empty manifest)."""
        if not os.path.lexists(self.current):
            return None, Manifest()
        try:
            target = os.readlink(self.current)
        except OSError:
            raise OutputError(f"{self.current} is not the link planc made; remove {self.state} and the "
                              "links to it, or choose another --out") from None
        generation = self.state / target
        if not target.startswith("gen/") or "/" in target[4:] or not generation.is_dir():
            raise OutputError(f"{self.current} points to `{target}`, not to a generation planc wrote")
        try:
            return generation, Manifest.read(generation)
        except ManifestDamaged as error:
            raise OutputError(
                f"{generation / MANIFEST_NAME} is damaged ({error}): planc cannot tell which files it wrote, so it "
                f"deletes nothing; move {self.out} away (or remove it if nothing in it is yours) and build again"
            ) from None

    def check_ownership(self, names: list[str], generation: Path | None, manifest: Manifest) -> None:
        """Refuse (exit 2) when a name planc is about to take in DIR, or a file in the current generation,
        is not something planc wrote."""
        for name in names:
            path = self.out / name
            if not os.path.lexists(path):
                continue
            if path.is_symlink():
                if os.readlink(path) == f"{STATE}/current/{name}":
                    continue
                raise OutputError(f"{path} is a symbolic link planc did not make (to {os.readlink(path)}); "
                                  "planc writes its output there: remove the link or choose another --out")
            what = "folder" if path.is_dir() else "file"
            held = ""
            if path.is_dir():
                inside = _files_below(path)[:3]
                held = f" (it holds {', '.join(inside)}{', …' if len(inside) == 3 else ''})" if inside else ""
            raise OutputError(f"{path} is a {what} planc did not write{held}; planc never deletes what it did not "
                              "write: move it away or choose another --out")
        if generation is None:
            return
        owned = manifest.owned_paths()
        foreign = [rel for rel in _files_below(generation) if rel not in owned]
        if foreign:
            shown = ", ".join(str(self.out / rel) for rel in foreign[:3]) + (", …" if len(foreign) > 3 else "")
            raise OutputError(f"{shown}: not written by planc (added to its output after the last build); planc "
                              "never deletes what it did not write: move it away and build again")

    @staticmethod
    def verify(generation: Path | None, plan_id: str, manifest: Manifest, key: str) -> bool:
        """A recorded output may be reused: same key, and every file still hashes as recorded
        (a damaged or edited file is emitted again, never trusted)."""
        entry = manifest.plans.get(plan_id)
        if generation is None or entry is None or entry.key != key or not entry.files:
            return False
        base = generation / plan_id if plan_id != SHARED else generation
        try:
            return all(sha256((base / rel).read_bytes()) == digest for rel, digest in entry.files.items())
        except OSError:
            return False

    # -- writing --------------------------------------------------------------------------
    def write(
        self,
        staged: Staged,
        generation: Path | None,
        manifest: Manifest,
        finish: Callable[[Path], None] | None = None,
    ) -> Path:
        """Write a new generation (fresh files written, reused ones hard-linked), then switch to it."""
        temporary = self.gens / f".tmp-{os.getpid()}-{_token_hex(4)}"
        try:
            temporary.mkdir()
            new = Manifest()
            for plan_id, files in sorted(staged.plans.items()):
                for rel, data in files.items():
                    target = temporary / plan_id / rel
                    target.parent.mkdir(parents=True, exist_ok=True)
                    _write_file(target, data)
            carried = {pid for pid in manifest.plans if pid != SHARED and pid not in staged.keys}
            for plan_id in sorted(staged.reuse | carried):
                assert generation is not None
                for rel in manifest.plans[plan_id].files:
                    (temporary / plan_id / rel).parent.mkdir(parents=True, exist_ok=True)
                    _link_or_copy(generation / plan_id / rel, temporary / plan_id / rel)
                new.plans[plan_id] = Entry(staged.keys.get(plan_id, manifest.plans[plan_id].key),
                                           dict(manifest.plans[plan_id].files))
            if staged.shared is None:
                assert generation is not None
                for rel in manifest.plans[SHARED].files:
                    _link_or_copy(generation / rel, temporary / rel)
                new.plans[SHARED] = Entry(staged.shared_key, dict(manifest.plans[SHARED].files))
            else:
                for rel, data in staged.shared.items():
                    (temporary / rel).parent.mkdir(parents=True, exist_ok=True)
                    _write_file(temporary / rel, data)
            if finish is not None:
                finish(temporary)  # e.g. document.pdf from the fresh document.docx files
            for plan_id in staged.plans:
                new.plans[plan_id] = Entry(staged.keys[plan_id], {
                    rel: sha256((temporary / plan_id / rel).read_bytes()) for rel in _files_below(temporary / plan_id)
                })
            if staged.shared is not None:
                new.plans[SHARED] = Entry(staged.shared_key, {rel: sha256((temporary / rel).read_bytes())
                                                              for rel in staged.shared})
            for plan_id, meta in staged.meta.items():
                if plan_id in new.plans:
                    new.plans[plan_id].entry, new.plans[plan_id].deps = meta.entry, meta.deps
                    new.plans[plan_id].diagnostics = meta.diagnostics
            data = new.dumps()
            _write_file(temporary / MANIFEST_NAME, data)
            final = self.gens / sha256(data)[:16]
            if generation is not None and final.resolve() == generation.resolve():
                final = self.gens / f"{final.name}-{_token_hex(2)}"  # a repair of the current generation
            elif final.exists():
                import shutil
                shutil.rmtree(final)  # left by a build killed after its rename, before its switch
            os.replace(temporary, final)
        except BaseException:
            import shutil
            shutil.rmtree(temporary, ignore_errors=True)
            raise
        self._link_names([pid for pid in new.plans if pid != SHARED] + sorted(new.plans[SHARED].files))
        self.switch(final)
        self.collect(final)
        return final

    def _link_names(self, names: list[str]) -> None:
        """``DIR/<name> -> .planc/current/<name>`` for each name (made before the switch: a new plan's link
        dangles until the generation holding it becomes current)."""
        for name in names:
            path = self.out / name
            if not os.path.lexists(path):
                os.symlink(f"{STATE}/current/{name}", path, target_is_directory=name not in ("index.md", "index.html"))

    def switch(self, generation: Path) -> None:
        """The commit point: one rename makes ``current`` point to the new generation."""
        temporary = self.state / f"current.{os.getpid()}-{_token_hex(4)}.tmp"
        os.symlink(f"gen/{generation.name}", temporary)
        try:
            os.replace(temporary, self.current)
        except BaseException:
            os.unlink(temporary)
            raise

    def collect(self, keep: Path) -> None:
        """Delete earlier generations and what killed builds left: all below .planc/, planc's own folder."""
        for child in self.gens.iterdir():
            if child.name != keep.name:
                import shutil
                shutil.rmtree(child, ignore_errors=True)
        for child in self.state.glob("current.*.tmp"):
            child.unlink(missing_ok=True)
