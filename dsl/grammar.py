"""Loading the grammar, and keeping its keyword terminal in step with the keyword table."""

from __future__ import annotations

import re
from importlib import resources

from dsl.keywords import keyword_spellings

BEGIN = "// BEGIN KEYWORDS"
END = "// END KEYWORDS"


def grammar_text() -> str:
    return resources.files("dsl").joinpath("plan.lark").read_text(encoding="utf-8")


# A keyword must not run on into an identifier: `targets` is not `target s`. The test is
# `\w` (any Unicode letter or digit) rather than the NAME class's Han ranges: Python's `re`
# expands a class of BMP ranges character by character when it compiles, which cost a
# cold start ~1.3 ms per lexer state. The two differ only for letters that are neither
# ASCII nor Han (`目标ａ`), an error either way; the parser reports it at that letter.
KEYWORD_END = r"(?![\w\-·])"

# The optional colon after a keyword (`title: …`, `标题：…`) belongs to the keyword's
# token, so the lexer state after a keyword and the state after an argument accept the
# same tokens and share one compiled scanner (~9 ms of a cold start).
KEYWORD_COLON = r"(?:[\t \f\u3000]*[:：])?"


def render_keyword_terminal() -> str:
    """The KEYWORD terminal for the current keyword table (longest spelling first)."""
    alternatives = "|".join(re.escape(s) for s in keyword_spellings())
    return f"KEYWORD: /(?:{alternatives}){KEYWORD_END}{KEYWORD_COLON}/"


def keyword_word(token_text: str) -> str:
    """The keyword itself, without the colon its token may end with."""
    return token_text.rstrip(":： \t\f\u3000")


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
