"""Regenerate committed generated files: `python -m driver.devtools docs|schemas|grammar|textmate`."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> int:
    what = argv[0] if argv else "all"
    if what in ("grammar", "all"):
        from dsl.grammar import write_keywords_into_grammar, write_standalone_parser

        write_keywords_into_grammar(str(ROOT / "dsl" / "plan.lark"))
        write_standalone_parser()  # after the keywords: it is generated from the grammar
    if what in ("docs", "all"):
        from diagnostics.explain import diagnostics_markdown
        from driver.reference import reference_markdown

        (ROOT / "docs" / "diagnostics.md").write_text(diagnostics_markdown(), encoding="utf-8")
        (ROOT / "docs" / "reference.md").write_text(reference_markdown(), encoding="utf-8")
    if what in ("schemas", "docs", "all"):
        from driver.schemas import write_schemas

        write_schemas(ROOT / "docs" / "schemas")
    if what in ("textmate", "all"):
        from driver.textmate import write_textmate

        write_textmate(ROOT)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
