"""Loading the grammar, and keeping its keyword terminal in step with the keyword table."""

from __future__ import annotations

import re
from importlib import resources

from dsl.keywords import keyword_spellings

BEGIN = "// BEGIN KEYWORDS"
END = "// END KEYWORDS"


def grammar_text() -> str:
    return resources.files("dsl").joinpath("plan.lark").read_text(encoding="utf-8")


# A keyword must not run on into an identifier: `targets` is not `target s`.
WORD_CHAR = r"A-Za-z0-9_\-·\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3007"


def render_keyword_terminal() -> str:
    """The KEYWORD terminal for the current keyword table (longest spelling first)."""
    alternatives = "|".join(re.escape(s) for s in keyword_spellings())
    return f"KEYWORD: /(?:{alternatives})(?![{WORD_CHAR}])/"


def with_current_keywords(text: str) -> str:
    pattern = re.compile(re.escape(BEGIN) + r".*?" + re.escape(END), re.S)
    replacement = f"{BEGIN}\n{render_keyword_terminal()}\n{END}"
    return pattern.sub(lambda _match: replacement, text)


def write_keywords_into_grammar(path: str) -> bool:
    """Rewrite the keyword section of the grammar file; returns True if it changed."""
    with open(path, encoding="utf-8") as f:
        old = f.read()
    new = with_current_keywords(old)
    if new != old:
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(new)
    return new != old
