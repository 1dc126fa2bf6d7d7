"""V301: a plan id names its output folder (OUT/<plan-id>/), so it must be a name every file system accepts."""

from __future__ import annotations

import re
from collections.abc import Iterator

from compiler.rules import RuleContext, rule
from diagnostics import Diagnostic

# 255 bytes is the file-name limit of ext4, XFS, APFS and NTFS (UTF-16 units there); 15 are left for
# suffixes tools append to a folder name (an archive's `.zip`, a sync tool's temporary name)
MAX_ID_BYTES = 240
# names planc itself uses in the output folder and in a generation (driver/write.py)
RESERVED_NAMES = frozenset({"_shared", "index.md", "index.html", ".planc", ".planc-manifest.json"})
_WINDOWS_RESERVED = re.compile(r"(?i)^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$")
_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')


def folder_name_problem(plan_id: str) -> str | None:
    """Why ``plan_id`` cannot be a folder name, or None."""
    size = len(plan_id.encode("utf-8"))
    if size > MAX_ID_BYTES:
        return f"is {size} bytes in UTF-8; an output folder name may have at most {MAX_ID_BYTES}"
    if plan_id in RESERVED_NAMES:
        return "is a name planc uses for its own files in the output folder"
    if plan_id.startswith("."):
        return "starts with a dot (a hidden folder, or `.`/`..`)"
    if _WINDOWS_RESERVED.match(plan_id):
        return "is a device name on Windows (CON, PRN, AUX, NUL, COM1–9, LPT1–9), which no folder there may have"
    if _UNSAFE.search(plan_id) or plan_id.endswith((" ", ".")):
        return "holds a character a folder name cannot (a path separator, a control character, or <>:\"|?*)"
    return None


@rule("V301")
def plan_id_is_a_folder_name(ctx: RuleContext) -> Iterator[Diagnostic]:
    problem = folder_name_problem(ctx.plan.id)
    if problem:
        shown = ctx.plan.id if len(ctx.plan.id) <= 40 else ctx.plan.id[:40] + "…"
        yield ctx.diag("V301", f"plan id `{shown}` {problem}; `planc build` writes the plan to OUT/<plan-id>/",
                       ctx.plan.source, hint="choose a short id of letters, digits, `-` and `_`, e.g. `yiyang-2022`")
