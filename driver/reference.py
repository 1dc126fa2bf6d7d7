"""docs/reference.md: every statement, where it may appear, its arguments and both spellings.

Generated from the statement table (compiler/statements.py) and the keyword
table (dsl/keywords.py); a test fails if the committed file is stale.
"""

from __future__ import annotations

from compiler.arguments import KINDS
from compiler.statements import SPECS, Slot, Spec
from dsl.keywords import ARGUMENT_WORDS, COMPARATOR_SPELLINGS, STATEMENT_KEYWORDS

_CARD = {"1": "", "?": "?", "+": "…", "*": "…?"}


def _slot(slot: Slot) -> str:
    kinds = ",".join(k.name for k in slot.kinds)
    refers = f"→{'|'.join(slot.refers)}" if slot.refers else ""
    return f"{slot.name}:{kinds}{refers}{_CARD[slot.card]}"


def _signature(spec: Spec) -> str:
    parts = [spec.keyword] + [f"<{_slot(s)}>" for s in spec.positional]
    for option in spec.options:
        if option.slots:
            parts.append("[" + option.marker + " " + " ".join(f"<{_slot(s)}>" for s in option.slots) + "]")
        else:
            parts.append(f"[{option.marker}]")
    if spec.block != "none":
        parts.append("{ … }" if spec.block == "required" else "[{ … }]")
    return " ".join(parts)


def reference_markdown() -> str:
    out = [
        "# Statement reference",
        "",
        "Generated from `compiler/statements.py` and `dsl/keywords.py` by `make docs`; do not edit by hand.",
        "The narrative guide is [language.md](language.md).",
        "",
        "Argument kinds (from `compiler/arguments.py`): "
        + " · ".join(f"`{k.name}` {k.label}" for k in KINDS.values())
        + " · `w:a|b` one of the listed words.",
        "`ref→unit` names a declared unit (`→unit|person`: a unit or a person). `…` repeats; `?` optional;",
        "`[marker …]` an option.",
        "",
        "## Statements",
        "",
    ]
    for spec in sorted(SPECS, key=lambda s: (s.keyword, s.contexts)):
        zh = " / ".join(STATEMENT_KEYWORDS[spec.keyword])
        out.append(f"### `{spec.keyword}` · {zh}")
        out.append("")
        out.append(spec.summary)
        out.append("")
        out.append(f"- in: {', '.join(spec.contexts)}")
        out.append(f"- form: `{_signature(spec)}`" + (" (at most once per block)" if spec.once else ""))
        for required in spec.requires:
            out.append(f"- requires `{required.keyword}` in its block ({required.code})")
        if spec.example:
            out.append("")
            out.append("```")
            out.append(spec.example)
            out.append("```")
        out.append("")
    out.append("## Keywords")
    out.append("")
    out.append("| English | 中文 |")
    out.append("|---|---|")
    for keyword, zh_spellings in sorted(STATEMENT_KEYWORDS.items()):
        out.append(f"| `{keyword}` | {' / '.join(zh_spellings)} |")
    out.append("")
    out.append("## Argument words")
    out.append("")
    out.append("| English | 中文 |")
    out.append("|---|---|")
    for word, zh_spellings in sorted(ARGUMENT_WORDS.items()):
        out.append(f"| `{word}` | {' / '.join(zh_spellings)} |")
    out.append("")
    out.append("## Comparators")
    out.append("")
    out.append("| meaning | spellings |")
    out.append("|---|---|")
    for op, spellings in COMPARATOR_SPELLINGS.items():
        out.append(f"| `{op}` | {' '.join(f'`{s}`' for s in spellings)} |")
    return "\n".join(out) + "\n"
