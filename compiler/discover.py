"""Which files are plans: the files named, and in folders every .plan file with a `plan` block.

Apart from the pipeline, so that a build with nothing to do (driver/uptodate.py) finds its
plans without loading the parser, the model or the rules.
"""

from __future__ import annotations

import re
from pathlib import Path

from compiler.loader import Loader, display_path
from diagnostics import Diagnostic, make

# A plan file has a `plan` statement at the start of a line; included parts have none.
# Discovery looks for it textually so that folders are not parsed twice.
_PLAN_STATEMENT = re.compile(r"^[ \t\u3000]*(?:plan|方案)[ \t\u3000:：]", re.M)


def _is_plan_file(loader: Loader, path: Path) -> bool:
    try:
        head = path.read_bytes()[: loader.max_file_bytes].decode("utf-8", errors="replace")
    except OSError:
        return True  # report the read error against it
    return bool(_PLAN_STATEMENT.search(head))


def discover(paths: list[Path], loader: Loader) -> tuple[list[Path], list[Diagnostic], bool]:
    """The plan files named by ``paths``: files as given; folders searched for files with a `plan` block."""
    entries: list[Path] = []
    diagnostics: list[Diagnostic] = []
    usage_error = False
    for path in paths:
        name = display_path(path.absolute())
        if not path.exists():
            diagnostics.append(make("F001", f"no such file or folder `{name}`", None))
            usage_error = True
        elif path.is_dir():
            found = [p for p in sorted(path.rglob("*.plan")) if p.is_file() and _is_plan_file(loader, p)]
            if not found:
                diagnostics.append(make("F007", f"no plans found in `{name}`", None,
                                        hint="a plan is a .plan file with a `plan` block"))
                usage_error = True
            entries.extend(found)
        else:
            entries.append(path)
    unique = list(dict.fromkeys(p.resolve() for p in entries))
    return unique, diagnostics, usage_error
