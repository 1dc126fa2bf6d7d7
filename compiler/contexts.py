"""The statements a block accepts, asked from below: the parser suggests a keyword for a misspelt
one from these (dsl cannot import the statement table, so the loader passes `keywords_in` down).

The table is imported only when a misspelt keyword asks: `planc fmt` need not load it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from functools import cache

#: the context of a file's top level in the statement table
TOP = "file"


@cache
def _ordered(context: str) -> tuple[str, ...]:
    """The statements of a block, the most widely accepted first (a statement most blocks take,
    like `lead`, is the likelier intent than one only a few take, like `lead_leader`), then in
    the table's order."""
    from compiler.statements import SPEC_BY_CONTEXT, SPECS

    reach = Counter(keyword for _context, keyword in SPEC_BY_CONTEXT)
    order = {spec.keyword: index for index, spec in reversed(list(enumerate(SPECS)))}
    here = {keyword for c, keyword in SPEC_BY_CONTEXT if c == context}
    return tuple(sorted(here, key=lambda keyword: (-reach[keyword], order[keyword])))


def keywords_in(enclosing: Sequence[str | None]) -> tuple[str, ...] | None:
    """The statements valid in the block reached through ``enclosing`` (the canonical keywords of
    the statements whose blocks enclose it, outermost first); None when a step is not a known
    block (a misspelt keyword, a statement with no block there)."""
    from compiler.statements import SPEC_BY_CONTEXT

    context = TOP
    for keyword in enclosing:
        if keyword is None:
            return None
        spec = SPEC_BY_CONTEXT.get((context, keyword))
        if spec is not None and spec.block_context is not None:
            context = spec.block_context
            continue
        # misplaced (`action` straight in `plan`): its block is still the one its keyword opens
        opens = {s.block_context for (_c, k), s in SPEC_BY_CONTEXT.items() if k == keyword and s.block_context}
        if len(opens) != 1:
            return None
        context = opens.pop()
    return _ordered(context)
