"""The text of `planc explain CODE` and of docs/diagnostics.md, from the code catalogue."""

from __future__ import annotations

from diagnostics.codes import CodeInfo, all_codes, lookup


def _indent(text: str) -> str:
    return "\n".join("    " + line for line in text.splitlines())


def explain_text(code: str) -> str | None:
    try:
        info = lookup(code)
    except KeyError:
        return None
    return (
        f"{info.code} ({info.severity.value}): {info.name}\n\n"
        f"What it catches\n  {info.summary}\n\n"
        f"Why it matters\n  {info.why}\n\n"
        f"Example\n{_indent(info.example)}\n\n"
        f"Fix\n{_indent(info.fix)}\n"
    )


def _markdown_entry(info: CodeInfo) -> str:
    return (
        f"### {info.code} `{info.name}` ({info.severity.value})\n\n"
        f"**What it catches.** {info.summary}\n\n"
        f"**Why it matters.** {info.why}\n\n"
        f"Example:\n\n```\n{info.example}\n```\n\n"
        f"Fix:\n\n```\n{info.fix}\n```\n"
    )


STAGES = {
    "F": "Files and input",
    "P": "Syntax",
    "M": "Statement shape",
    "R": "Name resolution",
    "V": "Validation",
    "D": "Data files (evaluate, score)",
    "S": "Schedules",
    "K": "Scoring",
}


def diagnostics_markdown() -> str:
    codes = all_codes()
    out = [
        "# Diagnostics",
        "",
        "Generated from the code catalogue in `diagnostics/codes/` by `make docs`; do not edit by hand.",
        "Every code is stable: a retired code is never reused. `planc explain CODE` prints the same text.",
        "",
        "A warning can be acknowledged where it occurs with `ack CODE \"reason\"` inside the enclosing block;",
        "it is then still listed, marked acknowledged, and no longer counts. Errors cannot be acknowledged.",
        "",
    ]
    for letter, title in STAGES.items():
        entries = [c for c in codes if c.code.startswith(letter)]
        if not entries:
            continue
        out.append(f"## {letter}: {title}\n")
        out.append("| code | name | severity | catches |")
        out.append("|---|---|---|---|")
        for info in entries:
            catches = info.summary.replace("|", "\\|")
            out.append(f"| {info.code} | {info.name} | {info.severity.value} | {catches} |")
        out.append("")
        for info in entries:
            out.append(_markdown_entry(info))
    return "\n".join(out).rstrip() + "\n"
